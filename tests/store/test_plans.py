"""PostgreSQL's plans for the filtered lists on a database big enough for the planner to weigh an index
against a scan: every statement the API sends for a filtered list is run under EXPLAIN ANALYZE with its own
parameters, and none may read a large table whole, by a sequential scan or by walking an index through most of
it (a missing index, or a filter written so the planner cannot use one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from app.api.main import create_app
from app.store.db import make_engine
from tests.conftest import settings_for

# Table sizes: 20,000 articles, 2,000 entities (two aliases each), 200,000 quotes, 100,000 claims and
# 200,000 mentions, 100,000 article-entity links. Entities speak about 80 quotes each; 50 publishers share
# most articles, 20 rare ones have one each.
FILL = [
    """INSERT INTO articles (id, text, title, source, url, published, content_hash, word_count, ingested_at,
        extractor_version)
    SELECT g, 'Article ' || g || ' on ' || (ARRAY['grain', 'border', 'talks', 'vote', 'rates'])[1 + g % 5],
        'Title ' || g, CASE WHEN g % 1000 = 0 THEN 'Rare ' || g ELSE 'Source ' || g % 50 END,
        'https://example.com/' || g, DATE '2015-01-01' + g % 3650, md5(g::text), 120, now(), 'v1'
    FROM generate_series(1, 20000) AS g""",
    """INSERT INTO entities (id, name, name_key, type, gender)
    SELECT g, 'Person ' || g, 'person ' || g, (ARRAY['PERSON', 'ORG', 'GPE', 'NORP'])[1 + g % 4],
        CASE WHEN g % 4 = 0 THEN (ARRAY['female', 'male', 'unknown'])[1 + g % 3] END
    FROM generate_series(1, 2000) AS g""",
    """INSERT INTO entity_aliases (entity_id, alias, alias_key)
    SELECT g, 'Person ' || g, 'person ' || g FROM generate_series(1, 2000) AS g
    UNION ALL SELECT g, 'P' || g, 'p' || g FROM generate_series(1, 2000) AS g""",
    """INSERT INTO quotes (article_id, text, start, "end", kind, cue, speaker_entity_id, speaker_text)
    SELECT 1 + g % 20000, 'Quote ' || g || ' on word' || g % 1000, 0, 20,
        (ARRAY['direct', 'indirect', 'direct', 'mixed'])[1 + g % 4], 'said',
        CASE WHEN g % 5 <> 0 THEN 1 + (g * 7) % 2000 END, 'someone'
    FROM generate_series(1, 200000) AS g""",
    """INSERT INTO claims (article_id, text, start, "end", kind, stance, claimant_entity_id, score,
        quantities, dates)
    SELECT 1 + g % 20000, 'Claim ' || g || ' on word' || g % 1000, 0, 20,
        (ARRAY['attributed', 'statistic', 'factual'])[1 + g % 3],
        (ARRAY['asserts', 'asserts', 'asserts', 'denies', 'accuses', 'alleges'])[1 + g % 6],
        CASE WHEN g % 3 <> 0 THEN 1 + (g * 11) % 2000 END, (g % 100) / 100.0, '[]', '[]'
    FROM generate_series(1, 100000) AS g""",
    """INSERT INTO mentions (article_id, entity_id, start, "end", text)
    SELECT 1 + g % 20000, 1 + (g * 13) % 2000, g % 40, g % 40 + 5, 'name'
    FROM generate_series(1, 200000) AS g""",
    """INSERT INTO article_entities (article_id, entity_id, mention_count, salience, roles)
    SELECT a, 1 + (a + k * 401) % 2000, 2, 0.5, '["subject"]'
    FROM generate_series(1, 20000) AS a, generate_series(0, 4) AS k""",
    "ANALYZE",
]

# Tables too large to read whole for one page; entities and their aliases (a few thousand rows) are not.
LARGE = {"quotes", "claims", "mentions", "article_entities", "articles"}

LISTS = [
    "/quotes?speaker=person 17",
    "/quotes?speaker_id=17",
    "/quotes?article_id=123",
    "/quotes?kind=mixed",
    "/quotes?published__gte=2016-03-01&published__lte=2016-03-07",
    "/quotes?source=source 7",
    "/quotes?source=rare 1000",
    "/quotes?q=word123",
    "/quotes?q=word123&sort=-relevance",
    "/quotes?q=word123&kind=mixed",
    "/quotes?speaker=person 17&facet=kind",
    "/quotes?speaker=person 17&facet=speaker&count=true",
    "/claims?claimant=person 17",
    "/claims?claimant_id=17",
    "/claims?stance=denies",
    "/claims?claimant=person 17&stance=denies",
    "/claims?source=rare 1000",
    "/entities?type=ORG",
    "/entities?name=p17",
    "/entities/17",
    "/entities/17/quotes",
    "/entities/17/articles",
    "/entities/17/mentioned",
    "/articles?entity=person 17",
    "/articles?source=rare 1000",
    "/articles?published__gte=2016-03-01&published__lte=2016-03-07",
    "/articles/123",
]


@pytest.fixture(scope="module")
def filled(module_database_url: str) -> Iterator[Engine]:
    engine = make_engine(module_database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("PostgreSQL's plans (TEST_DATABASE_URL)")
    with engine.begin() as db:
        for statement in FILL:
            db.execute(text(statement))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def client(filled: Engine, module_database_url: str) -> Iterator[TestClient]:
    app = create_app(settings_for(module_database_url).model_copy(update={"query_time_limit_ms": 0}))
    with TestClient(app) as test_client:
        yield test_client


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A plan's node and every node under it."""
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _sent(client: TestClient, path: str) -> list[tuple[str, Any]]:
    """The statements, with their parameters, that answering `path` sent to the database."""
    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, *_) -> None:
        sent.append((statement, parameters))

    engines = {client.app.state.engine, client.app.state.read_engine}  # reads have an engine of their own
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)
    return sent


def _read_whole(plan: dict[str, Any], sizes: dict[str, int]) -> Iterator[str]:
    """The large tables a plan node reads whole or nearly: a sequential scan, or a tenth of the table or more
    read with no index condition (an index walked in its order with the filter left to each row). Lookups by
    an index condition, as a join's inner side makes per row, are the index doing its work."""
    for node in _nodes(plan):
        table = node.get("Relation Name")
        if table in sizes:
            rows = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
            if node["Node Type"] == "Seq Scan" or ("Index Cond" not in node and rows >= sizes[table] / 10):
                yield table


@pytest.mark.parametrize("path", LISTS)
def test_a_filtered_list_reads_no_large_table_whole(client: TestClient, filled: Engine, path: str) -> None:
    selects = [(s, p) for s, p in _sent(client, path) if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert selects
    read_whole = {}
    with client.app.state.read_engine.connect() as db:  # as the requests plan them (`db.READ_OPTIONS`)
        sizes = {t: db.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in LARGE}
        for statement, parameters in selects:
            explain = f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}"
            (plan,) = db.exec_driver_sql(explain, parameters).scalar()
            for table in _read_whole(plan["Plan"], sizes):
                read_whole[table] = " ".join(statement.split())
    assert not read_whole, read_whole


def test_a_facets_first_pass_reads_the_index_alone(client: TestClient, filled: Engine) -> None:
    """The pass that tells whether more rows match than a facet counts reads no quote row: PostgreSQL's
    indexes do not hold the id, so a pass selecting it went to the table for each of a speaker's quotes."""
    with filled.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
        db.exec_driver_sql("VACUUM quotes")  # the visibility map, as autovacuum keeps it
    sent = _sent(client, "/quotes?speaker=person 17&facet=speaker")
    (probe,) = [(s, p) for s, p in sent if "OFFSET" in s and "count(" not in s and "GROUP BY" not in s]
    with filled.connect() as db:
        (plan,) = db.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {probe[0]}", probe[1]).scalar()
    scans = [n for n in _nodes(plan["Plan"]) if n.get("Relation Name") == "quotes"]
    assert [n["Node Type"] for n in scans] == ["Index Only Scan"]
    assert scans[0]["Heap Fetches"] == 0


def test_a_speakers_kinds_are_counted_from_their_index_alone(client: TestClient, filled: Engine) -> None:
    """The walk of `facet_walk`: each step a seek and each count a range of (speaker_entity_id, kind), with no
    quote row read."""
    with filled.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
        db.exec_driver_sql("VACUUM quotes")
    sent = _sent(client, "/quotes?speaker=person 17&facet=kind")
    (walk,) = [(s, p) for s, p in sent if "facet_values" in s]
    with client.app.state.read_engine.connect() as db:
        (plan,) = db.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {walk[0]}", walk[1]).scalar()
    scans = [n for n in _nodes(plan["Plan"]) if n.get("Relation Name") == "quotes"]
    assert len(scans) == 3  # the first value, the next ones, the counts
    assert {(n["Node Type"], n["Index Name"]) for n in scans} == {
        ("Index Only Scan", "ix_quotes_speaker_entity_id_kind")
    }
    assert sum(n["Heap Fetches"] for n in scans) == 0


def test_a_speakers_quotes_are_paged_in_id_order_from_their_index(client: TestClient) -> None:
    """Not by walking the primary key past everyone else's quotes, nor by sorting all of the speaker's: the
    page stops after 51 entries of (speaker_entity_id, id)."""
    (page,) = [(s, p) for s, p in _sent(client, "/quotes?speaker_id=17") if "LIMIT" in s]
    with client.app.state.read_engine.connect() as db:
        (plan,) = db.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {page[0]}", page[1]).scalar()
    nodes = list(_nodes(plan["Plan"]))
    scans = [n for n in nodes if n.get("Relation Name") == "quotes"]
    assert [(n["Node Type"], n.get("Index Name")) for n in scans] == [
        ("Index Scan", "ix_quotes_speaker_entity_id_id")
    ]
    assert not [n for n in nodes if n["Node Type"] == "Sort"]
