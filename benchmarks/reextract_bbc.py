"""Re-extraction against a fresh ingest: the BBC corpus ingested into an empty database, then every stored
article re-extracted in place (`articles reextract --all`), in one run; both rates and their ratio.

Each step is the real command in a subprocess, timed from start to exit (the model's loading in both).
Reads ../shared/corpus/bbc-news.jsonl in place (never copied into the project); the database is a fresh SQLite
file in a temporary folder unless --database-url names an empty one.
Run: .venv/bin/python -m benchmarks.reextract_bbc [--limit N] [--workers N]
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from app.config import get_settings
from app.extract.version import extractor_version
from app.store import models
from app.store.db import make_engine

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news.jsonl"


def timed(command: list[str]) -> float:
    """Seconds `articles <command>` took, start to exit; its output discarded, a failure raised."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app.cli", *command], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="the first N articles of the corpus (default: all)")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes for both steps")
    parser.add_argument("--batch-size", type=int, default=64, help="articles per transaction")
    parser.add_argument("--database-url", help="an empty database to use instead of a temporary SQLite file")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not here", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bbc.jsonl"
        with CORPUS.open("rb") as corpus:
            source.write_bytes(b"".join(itertools.islice(corpus, args.limit)))
        url = args.database_url or f"sqlite:///{Path(folder) / 'bbc.db'}"
        options = [
            "--database-url",
            url,
            "--workers",
            str(args.workers),
            "--batch-size",
            str(args.batch_size),
        ]
        ingest_seconds = timed(["ingest", str(source), *options])
        engine = make_engine(url)
        with Session(engine) as session:
            count = session.scalar(select(func.count()).select_from(models.Article))
        reextract_seconds = timed(["reextract", "--all", *options])
        with Session(engine) as session:
            current = session.scalar(
                select(func.count()).where(
                    models.Article.extractor_version == extractor_version(get_settings().spacy_model)
                )
            )
        engine.dispose()
    ingest_rate, reextract_rate = count / ingest_seconds, count / reextract_seconds
    print(f"articles:      {count} (workers {args.workers}, batch {args.batch_size})")
    print(f"ingest:        {ingest_seconds:7.1f} s  {ingest_rate:6.2f} articles/s")
    print(f"re-extract:    {reextract_seconds:7.1f} s  {reextract_rate:6.2f} articles/s")
    print(f"ratio:         {reextract_rate / ingest_rate:.2f}x (re-extraction / ingest)")
    print(f"on the running version after re-extraction: {current} of {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
