from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from app.ingest import ingest_paths
from app.store import models

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def articles_in(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(models.Article))


def test_a_folder_is_ingested_and_a_second_run_stores_nothing_new(engine, extractor) -> None:
    first = ingest_paths([FIXTURES], extractor, engine)
    assert [o.status for o in first] == ["stored", "stored", "stored"]
    second = ingest_paths([FIXTURES], extractor, engine)
    assert [o.status for o in second] == ["exists", "exists", "exists"]
    assert [o.article.id for o in second] == [o.article.id for o in first]
    assert articles_in(engine) == 3


def test_bad_files_fail_alone_and_the_rest_of_the_batch_is_stored(engine, extractor, tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_text("")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c-latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "d-good.txt").write_text("The mayor said the bridge would reopen in May.")
    outcomes = ingest_paths([tmp_path], extractor, engine, batch_size=2)
    assert {Path(o.origin).name: o.status for o in outcomes} == {
        "a-empty.txt": "failed",
        "b-binary.txt": "failed",
        "c-latin1.txt": "failed",
        "d-good.txt": "stored",
    }
    assert articles_in(engine) == 1


def test_the_same_text_twice_in_one_batch_is_stored_once(engine, extractor, tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Officials said the port had reopened.")
    outcomes = ingest_paths([tmp_path], extractor, engine)
    assert [o.status for o in outcomes] == ["stored", "exists"]
    assert articles_in(engine) == 1
