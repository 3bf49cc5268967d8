"""The first articles of the real BBC corpus ingest with no error (skipped when ../shared is absent).

The whole corpus runs in `benchmarks/ingest_bbc.py`; here a slice keeps the suite quick.
"""

from itertools import islice
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.ingest import ingest_paths
from app.store import models
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "bbc-news.jsonl"
SLICE = 200

pytestmark = pytest.mark.skipif(not CORPUS.is_file(), reason="the shared BBC corpus is not here")


def test_bbc_articles_ingest_with_their_headlines_as_titles(engine, extractor, tmp_path: Path) -> None:
    source = tmp_path / "bbc.jsonl"
    with CORPUS.open("rb") as corpus:
        source.write_bytes(b"".join(islice(corpus, SLICE)))
    records = [orjson.loads(line) for line in source.read_bytes().splitlines()]
    outcomes = ingest_paths([source], extractor, engine)
    assert [o.error for o in outcomes if o.status == "failed"] == []
    assert len(outcomes) == SLICE
    with Session(engine) as session:
        stored = session.execute(select(models.Article.text, models.Article.title)).all()
    titles = {text: title for text, title in stored}
    assert all(titles[r["text"]] == r["title"] for r in records)
