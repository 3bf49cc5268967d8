"""Entities on bbc-dev and the seed beside plain spaCy NER, scored by the shared scorer, and the entity
step's cost over the bare parse.

    .venv/bin/python benchmarks/entities_bbc.py [--eval DIR] [--corpus PATH] [--articles N]

Ours: the model with `news_entities` after it. Plain NER: the same model's `doc.ents`, each span its own
entity, spans of the same text and label merged into one (no titles stripped, no gazetteer, no acronyms).
Both are written to temporary files and scored with `score.py --task entities`; the table prints precision,
recall, F1, merge accuracy and over-merges per set. The timing is `entities_seed.time_component`'s. Exits 0
with a message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import spacy
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entities_seed import MODEL, SHARED, entity_pipeline, time_component

SETS = ("bbc-dev.jsonl", "seed-gold.jsonl")
PLAIN_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


def ours(doc: Doc) -> list[Any]:
    return doc._.entities


def plain(doc: Doc) -> list[dict[str, Any]]:
    """spaCy's NER as it comes: one entity per distinct (text, label), its mentions the spans."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for ent in doc.ents:
        if ent.label_ in PLAIN_TYPES:
            entity = out.setdefault(
                (ent.text, ent.label_),
                {"name": ent.text, "type": ent.label_, "aliases": [ent.text], "mentions": []},
            )
            entity["mentions"].append({"text": ent.text, "start": ent.start_char, "end": ent.end_char})
    return list(out.values())


def score(nlp: spacy.language.Language, gold: Path, entities: Callable[[Doc], list[Any]]) -> dict[str, Any]:
    """The scorer's JSON summary for `entities` of every gold article."""
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as out:
        for doc, parsed in zip(docs, nlp.pipe(d["text"] for d in docs), strict=True):
            out.write(orjson.dumps({"id": doc["id"], "entities": entities(parsed)}) + b"\n")
    run = subprocess.run(
        [
            sys.executable,
            str(gold.parent / "score.py"),
            "--task",
            "entities",
            "--gold",
            str(gold),
            "--pred",
            out.name,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def row(label: str, summary: dict[str, Any]) -> str:
    e = summary["entities"]
    return (
        f"| {label} | {e['precision']:.3f} | {e['recall']:.3f} | {e['f1']:.3f} | "
        f"{summary['merge_accuracy']} | {summary['over_merged']} | {e['predicted']} / {e['gold']} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=SHARED / "eval")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "bbc-news.jsonl")
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args(argv)
    golds = [args.eval / name for name in SETS if (args.eval / name).exists()]
    if not golds:
        print(f"no gold sets in {args.eval}: scoring skipped")
    else:
        with_entities, bare = entity_pipeline(), spacy.load(MODEL)
        print("| set, system | precision | recall | F1 | merge accuracy | over-merged | predicted / gold |")
        print("|---|---|---|---|---|---|---|")
        for gold in golds:
            print(row(f"{gold.stem}, articles", score(with_entities, gold, ours)))
            print(row(f"{gold.stem}, plain spaCy NER", score(bare, gold, plain)))
    if args.corpus.exists():
        time_component(args.corpus, args.articles)
    else:
        print(f"no corpus at {args.corpus}: timing skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
