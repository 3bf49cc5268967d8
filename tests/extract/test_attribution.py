"""The `news_attributions` component: one reading of who said what, shared by quotes and claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from app.extract.attribution import LAYOUT, Reader
from app.extract.pipeline import Extractor
from tests.conftest import SHARED

SETS = [SHARED / "eval" / "polnear" / "dev.jsonl", SHARED / "eval" / "bbc-dev.jsonl"]


def test_the_components_contracts_hold(nlp: Language) -> None:
    """Every component's `requires` is assigned by one before it, and what it assigns is not left unset."""
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    assert nlp.pipe_names.index("news_attributions") > nlp.pipe_names.index("news_entities")
    assert nlp.pipe_names.index("news_attributions") < nlp.pipe_names.index("news_quotes")


def test_a_claim_and_a_quote_on_one_cue_share_their_speaker_object(nlp: Language) -> None:
    text = "Mayor Ellen Park said the bridge would reopen on Friday. “Nobody will pay a toll,” she added."
    doc = nlp(text)
    claim = next(c for c in doc._.claims if c.kind == "attributed")
    quote = next(q for q in doc._.quotes if q.cue == claim.cue)
    assert claim.claimant == quote.speaker and claim.claimant.name == "Ellen Park"


def test_layout_rules_propose_without_changing_the_reading(nlp: Language) -> None:
    text = (
        "Ellen Park opened the bridge on Friday.\n"
        "“It took ten years,” Park said. “We are proud of it.”\n"
        "“Nobody will pay a toll.” ― Tom Reyes"
    )
    reader = Reader(nlp(text))
    reader.read_content()
    before = list(reader.attributions)
    claimed = dict(reader.claimed)
    for rule in LAYOUT:
        for index in range(len(reader.spans)):
            rule(reader, index)
    assert reader.attributions == before and reader.claimed == claimed


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_claim_and_quote_sharing_a_cue_have_the_same_speaker(extractor: Extractor, path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = mismatched = 0
    for extraction in extractor.extract_many((a["text"], None) for a in articles):
        speakers = {(q.cue.start, q.cue.end): q.speaker for q in extraction.quotes if q.cue is not None}
        for claim in extraction.claims:
            if claim.cue is None or (claim.cue.start, claim.cue.end) not in speakers:
                continue
            pairs += 1
            mismatched += claim.claimant != speakers[(claim.cue.start, claim.cue.end)]
    assert pairs > 0 and mismatched == 0
