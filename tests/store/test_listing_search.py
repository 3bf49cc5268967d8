"""A search with filters, another sort, a count or facets reads every match; only a list sorted by relevance
ranks a bounded window of them (the newest that pass the filters)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.extract.records import Entity, Extraction, Mention, Quote, Speaker
from app.inputs.articles import ArticleInput
from app.store.filters import conditions
from app.store.listing import RELEVANCE, Limits, ListRequest, ListResult, Sortable, SortKey, run_list
from app.store.resources import QUOTES
from app.store.writer import store

WINDOW = Limits(search_candidates=3)
BY_RELEVANCE = [SortKey(Sortable(RELEVANCE, None, float), True)]


@pytest.fixture
def older_and_newer(engine) -> Session:
    """Six quotes on peace by Ann Lee, then six by Cy Park: the newest three matches are all Park's."""
    with Session(engine, expire_on_commit=False) as session:
        for n in range(12):
            name = "Ann Lee" if n < 6 else "Cy Park"
            said = f"“Peace talks, round {n},” {name} said."
            start = said.index(name)
            entity = Entity(name, "PERSON", [name.split()[1]], [Mention(name, start, start + len(name))])
            quote = Quote(
                said[1 : said.index("”")],
                1,
                said.index("”"),
                "direct",
                None,
                Speaker(name, start, start + len(name), name, 0),
            )
            store(session, ArticleInput(said, f"window:{n}"), Extraction(quotes=[quote], entities=[entity]))
        yield session


def _list(session: Session, pairs: list[tuple[str, str]], sort: list[SortKey], **options) -> ListResult:
    where = conditions(pairs, QUOTES.filters, set())
    return run_list(session.connection(), QUOTES, ListRequest(where, sort, 100, q="peace", **options), WINDOW)


def _speakers(result: ListResult) -> list[str]:
    return [item["speaker"]["name"] for item in result.items]


def test_a_relevance_sort_ranks_the_newest_matches_only(older_and_newer: Session) -> None:
    result = _list(older_and_newer, [], BY_RELEVANCE)
    assert _speakers(result) == ["Cy Park"] * 3
    assert result.next_after is None


def test_a_filter_narrows_the_matches_before_the_window(older_and_newer: Session) -> None:
    result = _list(older_and_newer, [("speaker", "Lee")], BY_RELEVANCE)
    assert _speakers(result) == ["Ann Lee"] * 3
    assert sorted(item["text"][-2] for item in result.items) == ["3", "4", "5"]  # Lee's three newest


def test_another_sort_reads_every_match(older_and_newer: Session) -> None:
    result = _list(older_and_newer, [], [SortKey(QUOTES.sorts["id"], False)])
    assert [item["text"] for item in result.items] == [f"Peace talks, round {n}," for n in range(12)]
    assert all(item["search"]["score"] > 0 for item in result.items)


def test_a_count_reads_every_match(older_and_newer: Session) -> None:
    assert _list(older_and_newer, [], BY_RELEVANCE, count=True).count == 12
    assert _list(older_and_newer, [("speaker", "Lee")], BY_RELEVANCE, count=True).count == 6


def test_facets_read_every_match(older_and_newer: Session) -> None:
    facets = _list(older_and_newer, [], BY_RELEVANCE, facets=["speaker"]).facets
    assert {(f["label"], f["count"]) for f in facets["speaker"]} == {("Ann Lee", 6), ("Cy Park", 6)}
