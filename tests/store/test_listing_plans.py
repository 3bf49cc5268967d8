"""Speedups in `listing.run_list` that must not change a result: small IN-subqueries read first and bound as
literal lists, and no NULLS LAST on keys that are never null (so SQLite pages from an index, unsorted)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, event
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import operators
from sqlmodel import Session

from app.extract.records import Entity, Extraction, Mention, Quote, Speaker
from app.inputs.articles import ArticleInput
from app.store.filters import conditions
from app.store.listing import (
    RELEVANCE,
    Limits,
    ListRequest,
    Sortable,
    SortKey,
    _joins,
    _order,
    cursor_values,
    run_list,
)
from app.store.resources import ARTICLES, QUOTES, RESOURCES
from app.store.writer import store

DEFAULT = Limits()
NEVER_RESOLVE = Limits(resolve_values=0)
SPEAKERS = [("Ann Lee", ["Lee"]), ("Bo Lee", ["Lee", "Bo"]), ("Cy Park", ["Park"])]


def _article(n: int, speaker: int) -> tuple[ArticleInput, Extraction]:
    name, aliases = SPEAKERS[speaker]
    said = f"“Words number {n},” {name} said."
    entity = Entity(name, "PERSON", aliases, [Mention(name, said.index(name), said.index(name) + len(name))])
    quote = Quote(
        f"Words number {n},",
        1,
        17 + len(str(n)),
        "direct",
        None,
        Speaker(name, said.index(name), said.index(name) + len(name), name, 0),
    )
    return (
        ArticleInput(said, f"test:{n}", published=date(2020, 1, 1 + n % 28)),
        Extraction(quotes=[quote], entities=[entity]),
    )


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        for n in range(30):
            store(session, *_article(n, n % 3))
        yield session


def _ids(session: Session, pairs: list[tuple[str, str]], limits: Limits = DEFAULT) -> list[int]:
    where = conditions(pairs, QUOTES.filters, set())
    return [
        item["id"]
        for item in run_list(session.connection(), QUOTES, ListRequest(where, [], 100), limits).items
    ]


@pytest.mark.parametrize(
    "pairs",
    [
        [("speaker", "Lee")],
        [("speaker", "ann lee")],
        [("speaker", "Nobody")],
        [("speaker__not", "Lee")],
        [("speaker__in", "Park,Bo")],
        [("speaker__notin", "Park,Nobody")],
        [("speaker__startswith", "l")],
        [("speaker__contains", "ee")],
        [("speaker__isnull", "false")],
        [("speaker", "Lee"), ("published__gte", "2020-01-10")],
    ],
)
def test_resolving_subqueries_keeps_the_rows(session: Session, pairs) -> None:
    assert _ids(session, pairs) == _ids(session, pairs, NEVER_RESOLVE)


def test_a_shared_alias_matches_every_entity_that_has_it(session: Session) -> None:
    assert len(_ids(session, [("speaker", "Lee")])) == 20
    assert _ids(session, [("speaker", "Nobody")]) == []


def test_too_many_values_leave_the_subquery_alone(session: Session) -> None:
    statements: list[str] = []
    event.listen(session.get_bind(), "before_cursor_execute", lambda *a: statements.append(a[2]))
    assert _ids(session, [("speaker", "Lee")], Limits(resolve_values=1)) == _ids(
        session, [("speaker", "Lee")]
    )
    assert any("IN (SELECT" in " ".join(s.split()) for s in statements)


def test_a_frequent_speaker_is_paged_from_the_index_without_sorting(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite query plans")
    statements: list[tuple[str, tuple]] = []
    event.listen(session.get_bind(), "before_cursor_execute", lambda *a: statements.append((a[2], a[3])))
    _ids(session, [("speaker", "Cy Park")])
    sql, parameters = statements[-1]
    rows = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(parameters)).all()
    plan = " ".join(row[3] for row in rows)
    assert "ix_quotes_speaker_entity_id_id" in plan
    assert "TEMP B-TREE" not in plan


def test_only_nullable_keys_get_nulls_last() -> None:
    table = Table("t", MetaData(), Column("id", Integer), Column("d", Integer))

    def sql(clause) -> str:
        return str(clause.compile(dialect=sqlite.dialect()))

    assert sql(_order(table.c.id, False, False)) == "t.id ASC"
    assert sql(_order(table.c.id, True, False)) == "t.id DESC"
    assert sql(_order(table.c.d, True, True)) == "t.d DESC NULLS LAST"
    assert sql(_order(table.c.d, False)) == "t.d ASC NULLS LAST"


WORDS = ["peace", "talks", "border", "grain", "peace talks", "grain border peace", "peace peace peace"]


@pytest.fixture
def searchable(engine):
    with Session(engine, expire_on_commit=False) as session:
        for n in range(40):
            said = f"“{WORDS[n % len(WORDS)]} {n},” Ann Lee said."
            start, end = said.index("Ann Lee"), said.index("Ann Lee") + 7
            entity = Entity("Ann Lee", "PERSON", ["Lee"], [Mention("Ann Lee", start, end)])
            quote = Quote(
                said[1 : said.index("”")],
                1,
                said.index("”"),
                "direct",
                None,
                Speaker("Ann Lee", start, end, "Ann Lee", 0),
            )
            store(session, ArticleInput(said, f"search:{n}"), Extraction(quotes=[quote], entities=[entity]))
        yield session


def _pages(session: Session, q: str, sort: list, limits: Limits, size: int = 4) -> list[list]:
    """Every page of a search, followed through its cursors: [ids, scores] per page."""
    pages, after = [], None
    while True:
        result = run_list(session.connection(), QUOTES, ListRequest([], sort, size, after, q), limits)
        pages.append([[i["id"] for i in result.items], [i["search"]["score"] for i in result.items]])
        if result.next_after is None:
            return pages
        after = result.next_after


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("cap", [5_000, 7])
def test_ranking_the_page_first_keeps_every_page(searchable: Session, monkeypatch, descending, cap) -> None:
    from app.store import listing

    sort = [listing.SortKey(listing.Sortable(listing.RELEVANCE, None, float), descending)]
    limits = Limits(search_candidates=cap)
    fast = _pages(searchable, "peace", sort, limits)
    monkeypatch.setattr(listing, "_ranks_first", lambda *_: False)
    assert fast == _pages(searchable, "peace", sort, limits)
    assert sum(len(ids) for ids, _ in fast) == min(22, cap)


@pytest.fixture
def some_undated(session: Session) -> Session:
    for n in range(30, 36):
        article, extraction = _article(n, n % 3)
        article.published = None
        store(session, article, extraction)
    return session


def _every_page(session: Session, pairs: list, sort_spec: list, kept: bool, size: int = 4) -> list[int]:
    """Ids of every page, followed through cursors; `kept=False` gives `run_list` the conditions as SQL, which
    takes the path that builds the statement for the request."""
    where = conditions(pairs, QUOTES.filters, set())
    if not kept:
        where = [condition.sql() for condition in where]
    sort = [SortKey(QUOTES.sorts[name], descending) for name, descending in sort_spec]
    ids, after = [], None
    while True:
        result = run_list(session.connection(), QUOTES, ListRequest(where, sort, size, after))
        ids += [item["id"] for item in result.items]
        if result.next_after is None:
            return ids
        after = cursor_values(QUOTES, sort, result.next_after)


@pytest.mark.parametrize(
    "pairs",
    [
        [],
        [("speaker", "Lee")],
        [("speaker__not", "Bo")],
        [("speaker__in", "Park,Bo"), ("kind", "direct")],
        [("published__gte", "2020-01-10")],
        [("speaker__isnull", "false"), ("id__notin", "3,4")],
    ],
)
@pytest.mark.parametrize("sort_spec", [[], [("published", True)], [("published", False), ("start", True)]])
def test_statements_kept_per_shape_give_the_pages_built_ones_do(
    some_undated: Session, pairs, sort_spec
) -> None:
    kept = _every_page(some_undated, pairs, sort_spec, kept=True)
    assert kept == _every_page(some_undated, pairs, sort_spec, kept=False)
    assert kept == _every_page(some_undated, pairs, sort_spec, kept=True)  # the kept statement, reused


def test_a_kept_search_statement_serves_other_words(searchable: Session, monkeypatch) -> None:
    from app.store import listing

    sort = [listing.SortKey(listing.Sortable(listing.RELEVANCE, None, float), True)]
    listing._TEMPLATED.clear()
    kept = [_pages(searchable, word, sort, DEFAULT) for word in WORDS]
    assert len(listing._TEMPLATED) == 2  # the first page's statement and the one after a cursor
    monkeypatch.setattr(listing, "_ranks_first", lambda *_: False)
    assert kept == [_pages(searchable, word, sort, DEFAULT) for word in WORDS]


def test_a_kept_statement_serves_the_next_value(session: Session) -> None:
    lee, park = _ids(session, [("speaker", "Lee")]), _ids(session, [("speaker", "Park")])
    assert len(lee) == 20 and len(park) == 10 and not set(lee) & set(park)


def test_a_nested_lookup_is_read_first_when_the_outer_one_is_too_big(session: Session, engine) -> None:
    # "articles?entity=Lee": 20 articles (over the cap of 5), but only 2 entities: those are bound as values.
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    where = conditions([("entity", "Lee")], ARTICLES.filters, set())
    result = run_list(session.connection(), ARTICLES, ListRequest(where, [], 100), Limits(resolve_values=5))
    assert len(result.items) == 20
    assert "entity_aliases" not in statements[-1]
    assert sum("entity_aliases" in s for s in statements) == 2  # the outer lookup once, then the inner one


def _joins_to_one_row(join) -> bool:
    """An ON clause `right.pk = left.fk`: at most one row; exactly one when inner and the key is not null."""
    (right_pk,) = join.right.primary_key
    clause = join.onclause
    if clause.operator is not operators.eq:
        return False
    right = [side for side in (clause.left, clause.right) if side.table.name == join.right.name]
    key = [side for side in (clause.left, clause.right) if side.table.name != join.right.name]
    if [side.name for side in right] != [right_pk.name] or len(key) != 1:
        return False
    return join.isouter or (
        not key[0].nullable and any(fk.column.table.name == join.right.name for fk in key[0].foreign_keys)
    )


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=list(RESOURCES))
def test_every_join_of_a_list_finds_one_row_at_most(resource) -> None:
    # what `listing._narrowed` relies on to leave out the joins a count or a facet does not read
    _, joins = _joins(resource.query)
    assert all(_joins_to_one_row(join) for join in joins)


def _statements(engine, run) -> list[str]:
    sent: list[str] = []
    record = lambda *args: sent.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", record)
    try:
        result = run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return result, sent


def test_counts_and_facets_join_only_the_tables_they_read(session: Session, engine) -> None:
    where = conditions([("speaker", "Lee")], QUOTES.filters, set())
    request = ListRequest(where, [], 5, count=True, facets=["kind", "speaker", "source"])
    result, sent = _statements(engine, lambda: run_list(session.connection(), QUOTES, request))
    assert result.count == 20
    assert result.facets["kind"] == [{"value": "direct", "count": 20}]
    assert {(f["label"], f["count"]) for f in result.facets["speaker"]} == {("Ann Lee", 10), ("Bo Lee", 10)}
    assert result.facets["source"] == [{"value": None, "count": 20}]
    counts = [s for s in sent if "count(*)" in s]
    (by_kind,) = (s for s in counts if "facet_values" in s)  # along an index: tests/store/test_facet_walk.py
    by_speaker, by_source = (s for s in counts if "GROUP BY" in s)
    assert all(
        " articles" not in s and " speaker" not in s for s in counts if s not in (by_speaker, by_source)
    )
    assert "JOIN entities AS speaker" in by_speaker and " articles" not in by_speaker
    assert "JOIN articles" in by_source and " speaker" not in by_source
    assert " articles" not in by_kind


@pytest.mark.parametrize("scan", [5, 19, 20, 21, 100])
def test_facets_count_the_first_rows_up_to_the_scan_limit(session: Session, scan: int) -> None:
    where = conditions([("speaker", "Lee")], QUOTES.filters, set())
    request = ListRequest(where, [], 5, facets=["speaker"])
    facets = run_list(session.connection(), QUOTES, request, Limits(facet_scan=scan)).facets
    assert sum(f["count"] for f in facets["speaker"]) == min(scan, 20)


def test_sqlite_counts_a_speakers_quotes_by_kind_from_an_index(session: Session) -> None:
    db = session.connection()
    if db.dialect.name != "sqlite":
        pytest.skip("SQLite's plans (PostgreSQL's: tests/store/test_plans.py)")
    where = conditions([("speaker_id", "1")], QUOTES.filters, set())
    request = ListRequest(where, [], 5, facets=["kind"])
    sent: list[tuple[str, tuple]] = []
    record = lambda *args: sent.append((args[2], args[3]))  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run_list(db, QUOTES, request)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    ((walk, params),) = ((s, p) for s, p in sent if "facet_values" in s)
    steps = [row[3] for row in db.exec_driver_sql(f"EXPLAIN QUERY PLAN {walk}", params)]
    reads = [s for s in steps if "quotes" in s and "facet_values" not in s]
    assert reads and all("USING COVERING INDEX ix_quotes_speaker_entity_id_kind" in s for s in reads)
    assert not [s for s in steps if "TEMP B-TREE" in s]


def _filtered_pages(
    session: Session, q: str, pairs: list, kept: bool, limits: Limits, then_by_id: bool = False
) -> list[list]:
    """Every page of a filtered search by relevance, followed through its cursors: [ids, scores] per page.
    `then_by_id` sorts by relevance then id, the same order, which joins every row of the window before
    sorting it (as every filtered search did before its page was cut first)."""
    where = conditions(pairs, QUOTES.filters, set())
    if not kept:
        where = [condition.sql() for condition in where]
    sort = [SortKey(Sortable(RELEVANCE, None, float), True)]
    if then_by_id:
        sort.append(SortKey(QUOTES.sorts["id"], False))
    pages, after = [], None
    while True:
        result = run_list(session.connection(), QUOTES, ListRequest(where, sort, 3, after, q), limits)
        pages.append([[i["id"] for i in result.items], [i["search"]["score"] for i in result.items]])
        if result.next_after is None:
            return pages
        after = result.next_after


def _flat(pages: list[list]) -> list[tuple[int, float]]:
    return [(i, s) for ids, scores in pages for i, s in zip(ids, scores, strict=True)]


@pytest.mark.parametrize(
    ("pairs", "passing"), [([("id__notin", "1,5,7")], 19), ([("speaker", "Lee"), ("kind", "direct")], 22)]
)
@pytest.mark.parametrize("kept", [True, False])
@pytest.mark.parametrize("cap", [5_000, 7])
def test_a_filtered_search_cuts_its_page_first_and_keeps_every_page(
    searchable: Session, pairs, passing: int, kept: bool, cap: int
) -> None:
    limits = Limits(search_candidates=cap)
    found = _flat(_filtered_pages(searchable, "peace", pairs, kept, limits))
    assert found == _flat(_filtered_pages(searchable, "peace", pairs, kept, limits, then_by_id=True))
    assert len(found) == min(cap, passing)


def test_a_kept_filtered_search_statement_serves_other_words(searchable: Session) -> None:
    from app.store import listing

    listing._TEMPLATED.clear()
    pairs = [("speaker", "Lee")]
    kept = [_filtered_pages(searchable, word, pairs, True, DEFAULT) for word in WORDS]
    assert len(listing._TEMPLATED) == 2  # the first page's statement and the one after a cursor
    assert kept == [_filtered_pages(searchable, word, pairs, False, DEFAULT) for word in WORDS]


@pytest.mark.parametrize("scan", [5, 100])
def test_kept_facet_statements_give_what_built_ones_do(session: Session, scan: int) -> None:
    def facets(pairs: list, kept: bool) -> dict:
        where = conditions(pairs, QUOTES.filters, set())
        if not kept:
            where = [condition.sql() for condition in where]
        request = ListRequest(where, [], 5, facets=["speaker", "kind", "month"])
        return run_list(session.connection(), QUOTES, request, Limits(facet_scan=scan)).facets

    for pairs in ([("speaker", "Lee")], [("speaker", "Park")], [("speaker", "Bo"), ("kind", "direct")], []):
        assert facets(pairs, kept=True) == facets(pairs, kept=False)
        assert facets(pairs, kept=True) == facets(pairs, kept=True)  # the kept statements, reused


def test_a_page_its_count_and_its_facets_look_the_speaker_up_once(session: Session, engine) -> None:
    where = conditions([("speaker", "Bo")], QUOTES.filters, set())
    request = ListRequest(where, [], 5, count=True, facets=["kind", "speaker"])
    result, sent = _statements(engine, lambda: run_list(session.connection(), QUOTES, request))
    assert result.count == 10
    assert [f["count"] for f in result.facets["speaker"]] == [10]
    assert len([s for s in sent if "entity_aliases" in s]) == 1


def test_a_kept_count_statement_counts_the_next_value(session: Session) -> None:
    from app.store import listing

    listing._TEMPLATED.clear()
    counts = []
    for speaker in ("Park", "Lee", "Nobody"):
        where = conditions([("speaker", speaker)], QUOTES.filters, set())
        counts.append(run_list(session.connection(), QUOTES, ListRequest(where, [], 5, count=True)).count)
    assert counts == [10, 20, 0]
    assert len([k for k in listing._TEMPLATED if k[1] == "count"]) == 1
