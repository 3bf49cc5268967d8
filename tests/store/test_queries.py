"""Reads of single objects: an entity's page counts and roles, read from indexes."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.extract.records import Entity, Extraction, Mention, Quote, Speaker
from app.inputs.articles import ArticleInput
from app.store.queries import ARTICLE_ENTITIES, ENTITY_PAGE, article_entities, delete_article, entity_detail
from app.store.writer import store

# the roles each article gives Ann Lee, in the order the articles are stored
ROLES = [["Senator"], [], ["Chair", "Senator"], ["Senator"], [], ["Chair"], ["Author"]]


def _article(n: int, roles: list[str]) -> tuple[ArticleInput, Extraction]:
    said = f"“Round {n},” Ann Lee said."
    start = said.index("Ann Lee")
    lee = Entity("Ann Lee", "PERSON", ["Lee"], [Mention("Ann Lee", start, start + 7)], roles=roles)
    quotes = [
        Quote(
            f"Round {n},",
            1,
            8 + len(str(n)),
            "direct",
            None,
            Speaker("Ann Lee", start, start + 7, "Ann Lee", 0),
        )
    ] * (1 + n % 2)
    return ArticleInput(said, f"roles:{n}"), Extraction(quotes=quotes, entities=[lee])


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        for n, roles in enumerate(ROLES):
            store(session, *_article(n, roles))
        yield session


def _lee(session: Session) -> dict:
    (entity_id,) = session.connection().execute(text("SELECT id FROM entities")).scalars()
    return entity_detail(session.connection(), entity_id)


def test_an_entity_has_each_role_once_in_the_order_first_given(session: Session) -> None:
    assert _lee(session)["roles"] == ["Senator", "Chair", "Author"]


def test_an_entity_counts_its_articles_and_quotes(session: Session) -> None:
    lee = _lee(session)
    assert (lee["article_count"], lee["quote_count"]) == (7, sum(1 + n % 2 for n in range(7)))


def test_the_counts_and_roles_follow_deleted_articles(session: Session) -> None:
    assert delete_article(session, 1)  # ["Senator"], one quote: "Chair" is now the first role given
    lee = _lee(session)
    assert (lee["roles"], lee["article_count"], lee["quote_count"]) == (["Chair", "Senator", "Author"], 6, 9)
    assert delete_article(session, 3)  # ["Chair", "Senator"], one quote
    lee = _lee(session)
    assert (lee["roles"], lee["article_count"], lee["quote_count"]) == (["Senator", "Chair", "Author"], 5, 8)


def test_sqlite_finds_the_roles_by_index_seeks(session: Session) -> None:
    db = session.connection()
    if db.dialect.name != "sqlite":
        pytest.skip("SQLite's plans (PostgreSQL's: tests/store/test_plans.py)")
    plan = [row[3] for row in db.exec_driver_sql(f"EXPLAIN QUERY PLAN {ENTITY_PAGE.text}", {"id": 1})]
    reads = [step for step in plan if "article_entities" in step]
    assert len(reads) == 3, plan
    assert all(step.startswith("SEARCH article_entities USING") for step in reads), plan
    assert all("ix_article_entities_entity_id_roles" in step for step in reads), plan


def test_sqlite_seeks_each_entitys_mentions_in_the_article(session: Session) -> None:
    db = session.connection()
    if db.dialect.name != "sqlite":
        pytest.skip("SQLite's plans (PostgreSQL's: tests/store/test_plans.py)")
    sql = str(ARTICLE_ENTITIES.compile(db))
    plan = [row[3] for row in db.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", (1, 1))]
    (mentions,) = [step for step in plan if "mentions" in step]
    assert "ix_mentions_article_id_entity_id (article_id=? AND entity_id=?)" in mentions, plan


def test_an_articles_entities_carry_their_mentions_in_text_order(engine) -> None:
    said = "Ann Lee met Bo Kim. Then Lee left."
    lee = Entity("Ann Lee", "PERSON", ["Lee"], [Mention("Lee", 25, 28), Mention("Ann Lee", 0, 7)])
    kim = Entity("Bo Kim", "PERSON", [], [Mention("Bo Kim", 12, 18)])
    with Session(engine) as session:
        stored, _ = store(session, ArticleInput(said, "mentions:1"), Extraction(entities=[kim, lee]))
        found = {e["name"]: e["mentions"] for e in article_entities(session.connection(), stored.id)}
    assert found == {
        "Ann Lee": [{"text": "Ann Lee", "start": 0, "end": 7}, {"text": "Lee", "start": 25, "end": 28}],
        "Bo Kim": [{"text": "Bo Kim", "start": 12, "end": 18}],
    }
