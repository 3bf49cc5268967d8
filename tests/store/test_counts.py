"""Each entity's article and quote counts stay equal to its stored links and quotes through every write:
new articles one at a time and in batches, re-extraction, corrections, deletions and rolled-back writes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic import command
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.extract.records import Extraction, Speaker
from app.inputs.articles import ArticleInput
from app.store import counts
from app.store.batch_writer import store_batch
from app.store.db import make_engine
from app.store.migrate import alembic_config, upgrade
from app.store.queries import delete_article, entity_detail
from app.store.reextraction import correct_article, reextract_batch
from app.store.writer import store
from tests.store.test_reextraction import OTHER, TEXT, ash, first_reading, lee

RECOUNT = """
    SELECT entities.id,
           (SELECT count(*) FROM article_entities WHERE entity_id = entities.id),
           (SELECT count(*) FROM quotes WHERE speaker_entity_id = entities.id)
    FROM entities
"""


def recounted(engine: Engine) -> dict[int, tuple[int, int]]:
    with engine.connect() as db:
        return {e: (a, q) for e, a, q in db.execute(text(RECOUNT)) if a or q}


def kept(engine: Engine) -> dict[int, tuple[int, int]]:
    with engine.connect() as db:
        rows = db.execute(text("SELECT entity_id, articles, quotes FROM entity_counts"))
        return {e: (a, q) for e, a, q in rows if a or q}


def test_new_articles_are_counted(engine: Engine) -> None:
    with Session(engine) as session:
        store(session, ArticleInput(TEXT, "a"), first_reading())
        store(session, ArticleInput("Ann Lee voted.", "b"), Extraction(entities=[lee()]))
        store_batch(
            session, [(ArticleInput(OTHER, "c"), ash()), (ArticleInput("Lee won.", "d"), first_reading())]
        )
    assert kept(engine) == recounted(engine)
    assert sorted(kept(engine).values()) == [(1, 0), (3, 4)]


def test_the_same_text_twice_is_counted_once(engine: Engine) -> None:
    with Session(engine) as session:
        store(session, ArticleInput(TEXT, "a"), first_reading())
        store(session, ArticleInput(TEXT, "a"), first_reading())
    assert list(kept(engine).values()) == [(1, 2)]


def test_reextraction_and_corrections_move_the_counts(engine: Engine) -> None:
    with Session(engine) as session:
        first, _ = store(session, ArticleInput(TEXT, "a"), first_reading())
        other, _ = store(session, ArticleInput(OTHER, "b"), ash())
        fewer = first_reading()
        fewer.quotes = fewer.quotes[:1]
        reextract_batch(session, [(first.id, fewer), (other.id, first_reading())], "v2")
        assert kept(engine) == recounted(engine)
        correct_article(session, other.id, ArticleInput("Mayor Tom Ash spoke.", "b"), ash(), "v3")
    assert kept(engine) == recounted(engine)
    assert sorted(kept(engine).values()) == [(1, 0), (1, 1)]


def test_a_deleted_article_is_no_longer_counted(engine: Engine) -> None:
    with Session(engine) as session:
        first, _ = store(session, ArticleInput(TEXT, "a"), first_reading())
        store(session, ArticleInput("Ann Lee voted.", "b"), Extraction(entities=[lee()]))
        assert delete_article(session, first.id)
    assert list(kept(engine).values()) == [(1, 0)]


def test_an_entity_no_article_mentions_keeps_no_counts(engine: Engine) -> None:
    with Session(engine) as session:
        first, _ = store(session, ArticleInput(TEXT, "a"), first_reading())
        reextract_batch(session, [(first.id, ash())], "v2")
        assert delete_article(session, first.id)
    with engine.connect() as db:
        assert db.execute(text("SELECT count(*) FROM entity_counts")).scalar() == 0


def test_a_rolled_back_write_counts_nothing(engine: Engine) -> None:
    broken = first_reading()
    broken.quotes[1] = replace(broken.quotes[1], speaker=Speaker("Lee", 38, 41, "Ann Lee", 7))
    with Session(engine) as session:
        first, _ = store(session, ArticleInput(TEXT, "a"), first_reading())
        with pytest.raises(IndexError):
            reextract_batch(session, [(first.id, broken)], "v2")
        store(session, ArticleInput(OTHER, "b"), ash())
    assert kept(engine) == recounted(engine)
    assert sorted(kept(engine).values()) == [(1, 0), (1, 2)]


def test_a_write_updates_the_counts_in_entity_order(engine: Engine) -> None:
    # Two writes lock the count rows they share in the same order, so neither waits on the other in a cycle.
    sent: list[list[int]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().startswith("INSERT INTO entity_counts"):
            sent.append([p["entity_id"] for p in context.compiled_parameters])

    event.listen(engine, "before_cursor_execute", record)
    try:
        with Session(engine) as session:
            store_batch(
                session, [(ArticleInput(OTHER, "b"), ash()), (ArticleInput(TEXT, "a"), first_reading())]
            )
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(sent) == 1 and len(sent[0]) == 2 and sent[0] == sorted(sent[0])


def test_the_entity_page_reads_the_counts(engine: Engine) -> None:
    with Session(engine) as session:
        store(session, ArticleInput(TEXT, "a"), first_reading())
        store(session, ArticleInput("Ann Lee voted.", "b"), Extraction(entities=[lee()]))
    (entity_id,) = kept(engine)
    with engine.connect() as db:
        db.execute(text("UPDATE entity_counts SET articles = 40, quotes = 50"))
        detail = entity_detail(db, entity_id)
    assert (detail["article_count"], detail["quote_count"]) == (40, 50)
    assert list(detail)[-2:] == ["article_count", "quote_count"]


def test_the_migration_counts_what_is_already_stored(database_url: str, engine: Engine) -> None:
    with Session(engine) as session:
        store(session, ArticleInput(TEXT, "a"), first_reading())
        store(session, ArticleInput(OTHER, "b"), ash())
    expected = recounted(engine)
    command.downgrade(alembic_config(database_url), "0009")
    upgrade(database_url)
    assert kept(engine) == expected and len(expected) == 2


def test_counts_of_rows_skip_quotes_without_a_speaker() -> None:
    rows = {
        "quotes": [{"speaker_entity_id": None}, {"speaker_entity_id": 4}],
        "article_entities": [{"entity_id": 4}],
    }
    assert counts.of_rows(rows) == {(4, "quotes"): 1, (4, "articles"): 1}


def test_a_deletion_takes_off_what_it_removed_when_a_correction_commits_meanwhile(engine: Engine) -> None:
    # SQLite: the deletion has read (not yet written) when another connection's correction commits. On
    # PostgreSQL the deletion's lock on the article makes the correction wait instead.
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite lets the correction commit in between")
    with Session(engine) as session:
        first_id = store(session, ArticleInput(TEXT, "a"), first_reading())[0].id
        store(session, ArticleInput(OTHER, "b"), ash())
    other = make_engine(str(engine.url))
    corrected: list[bool] = []

    def correct_first(conn, cursor, statement, *_) -> None:
        if statement.startswith("DELETE FROM article_entities") and not corrected:
            with Session(other) as meanwhile:
                corrected.append(
                    correct_article(meanwhile, first_id, ArticleInput(OTHER + " Again.", "a"), ash(), "v2")
                )

    event.listen(engine, "before_cursor_execute", correct_first)
    try:
        with Session(engine) as session:
            assert delete_article(session, first_id)
    finally:
        event.remove(engine, "before_cursor_execute", correct_first)
        other.dispose()
    assert corrected == [True]
    assert kept(engine) == recounted(engine)


def test_a_recount_repairs_counts_changed_outside_the_app(engine: Engine) -> None:
    with Session(engine) as session:
        store(session, ArticleInput(TEXT, "a"), first_reading())
        store(session, ArticleInput(OTHER, "b"), ash())
    expected = kept(engine)
    with engine.begin() as db:
        db.execute(text("UPDATE entity_counts SET quotes = quotes + 5"))
        db.execute(text("DELETE FROM entity_counts WHERE articles = 1 AND quotes = 5"))
    with engine.begin() as db:
        assert counts.recount(db) == 2
    assert kept(engine) == expected == recounted(engine)
    with engine.begin() as db:
        assert counts.recount(db) == 0
