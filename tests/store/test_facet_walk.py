"""Facet counts read along an index (`facet_walk`): the same counts the grouping gives, the cap kept, and the
walk taken only where an index keeps each value's rows together."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlmodel import Session

from app.extract.records import Entity, Extraction, Mention, Quote, Speaker
from app.inputs.articles import ArticleInput
from app.store.facet_walk import walkable
from app.store.filters import conditions
from app.store.listing import Limits, ListRequest, run_list
from app.store.models import Quote as QuoteRow
from app.store.resources import QUOTES
from app.store.writer import store

# Ann Lee: 5 direct, 3 indirect, 3 mixed (a tie); Bo Park: 2 direct.
KINDS = {"Ann Lee": ["direct"] * 5 + ["indirect"] * 3 + ["mixed"] * 3, "Bo Park": ["direct"] * 2}


def _article(name: str, kinds: list[str]) -> tuple[ArticleInput, Extraction]:
    text = " ".join(f"“Point {n} made.” {name} said." for n in range(len(kinds)))
    at = text.index(name)
    entity = Entity(name, "PERSON", [name.split()[-1]], [Mention(name, at, at + len(name))])
    quotes = []
    for n, kind in enumerate(kinds):
        start = text.index(f"Point {n} ")
        quotes.append(
            Quote(
                f"Point {n} made.", start, start + 14, kind, None, Speaker(name, at, at + len(name), name, 0)
            )
        )
    return ArticleInput(text, f"test:{name}"), Extraction(quotes=quotes, entities=[entity])


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        for name, kinds in KINDS.items():
            store(session, *_article(name, kinds))
        yield session


DEFAULT = Limits()


def _kinds(session: Session, speaker: str, limits: Limits = DEFAULT) -> tuple[list[dict], list[str]]:
    """The kind facet of a speaker's quotes, and the statements sent for it."""
    where = conditions([("speaker", speaker)], QUOTES.filters, set())
    sent: list[str] = []
    record = lambda *args: sent.append(args[2])  # noqa: E731
    engine = session.connection().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        result = run_list(session.connection(), QUOTES, ListRequest(where, [], 5, facets=["kind"]), limits)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return result.facets["kind"], sent


def _first_pass(statement: str) -> bool:
    """The pass telling whether more rows match than the scan: it selects a constant."""
    return " ".join(statement.split()).split(" FROM ")[0] in ("SELECT 1 AS anon_1", "SELECT true AS anon_1")


def test_a_speakers_kinds_are_counted_along_the_index_without_a_first_pass(session: Session) -> None:
    facet, sent = _kinds(session, "Ann Lee")
    assert facet == [
        {"value": "direct", "count": 5},
        {"value": "indirect", "count": 3},
        {"value": "mixed", "count": 3},
    ]
    assert [s for s in sent if "facet_values" in s]
    assert not [s for s in sent if "GROUP BY" in s or _first_pass(s)]


def test_more_rows_than_the_scan_are_counted_up_to_it(session: Session) -> None:
    facet, sent = _kinds(session, "Ann Lee", Limits(facet_scan=10))
    assert sum(f["count"] for f in facet) == 10
    assert not [s for s in sent if _first_pass(s)]  # the walk's counts told it


def test_more_values_than_a_facet_lists_are_grouped_as_before(session: Session) -> None:
    facet, sent = _kinds(session, "Ann Lee", Limits(facet_values=2))
    assert facet == [{"value": "direct", "count": 5}, {"value": "indirect", "count": 3}]
    assert [s for s in sent if "GROUP BY" in s] and [s for s in sent if _first_pass(s)]


def test_a_speaker_with_one_kind(session: Session) -> None:
    assert _kinds(session, "Bo Park")[0] == [{"value": "direct", "count": 2}]


def _where(*pairs: tuple[str, str]) -> list:
    return [c.sql() for c in conditions(list(pairs), QUOTES.filters, set())]


@pytest.mark.parametrize(
    ("where", "column", "walks"),
    [
        (_where(("speaker_id", "1")), QuoteRow.kind, True),
        (_where(("speaker_id__in", "1,2")), QuoteRow.kind, True),
        (_where(("kind", "direct")), QuoteRow.speaker_entity_id, False),  # nullable: `>` never reaches null
        ([], QuoteRow.kind, False),  # the whole table: the capped grouping bounds that
        (_where(("speaker_id__gt", "1")), QuoteRow.kind, False),  # a range: values not in one order
        (_where(("speaker_id", "1")), QuoteRow.article_id, False),  # no index on (speaker, article)
        (_where(("article_id", "1")), QuoteRow.kind, False),  # no index on (article, kind)
    ],
)
def test_walks_only_where_an_index_keeps_each_values_rows_together(where, column, walks: bool) -> None:
    assert walkable(QuoteRow.__table__, where, column) is walks
