"""Full-text search: SQLite FTS5 tables kept in step by triggers, or PostgreSQL tsvector columns with GIN.

Work is bounded: a list sorted by relevance ranks the newest `candidates` hits only, so a query that matches
every row costs no more than one that matches a few thousand (filters, counts and other sorts read every hit:
`listing._base`). Snippets are made for the rows of the page alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    Column,
    Double,
    Float,
    Integer,
    String,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import TextClause

from app.store.highlight import ELLIPSIS, MARK_END, MARK_START, passage, terms

TOKEN = re.compile(r"\w+", re.UNICODE)
FTS_WORDS, TS_WORDS = "fts_q", "ts_q"  # the parameters `candidates` binds the words to
SEARCH_TABLE_SUFFIXES = ("_fts", "_fts_config", "_fts_data", "_fts_docsize", "_fts_idx", "_fts_content")


@dataclass(frozen=True, slots=True)
class SearchSpec:
    """The searchable text of one table: its FTS5 table (SQLite) and tsvector column (PostgreSQL)."""

    table: str
    fts_table: str
    snippet_column: str
    also_searched: tuple[str, ...] = ()  # other columns a snippet comes from when the first has no match


def is_search_object(name: str) -> bool:
    """Tables and columns the search migration adds beside the models (left out of schema comparisons)."""
    return name == "tsv" or name.endswith(("_tsv", *SEARCH_TABLE_SUFFIXES))


def fts5_query(text_: str, any_word: bool = False) -> str:
    """User text made safe for an FTS5 MATCH: each word a quoted phrase, all of them required (or any)."""
    return (" OR " if any_word else " ").join(f'"{word}"' for word in TOKEN.findall(text_))


def candidates(dialect: str, spec: SearchSpec, query: str, limit: int | None) -> Subquery:
    """(id, score) of the `limit` newest matching rows (every matching row when None); higher score is more
    relevant.

    Newest first because news readers want recent matches, and FTS5 walks rowids backwards cheaply.
    """
    if dialect == "sqlite":
        fts = table(spec.fts_table, column("rowid", Integer), column("rank", Float))
        words = bindparam(FTS_WORDS, fts5_query(query), String)
        inner = (
            select(fts.c.rowid.label("id"), (-literal_column(f"bm25({spec.fts_table})")).label("score"))
            .select_from(fts)
            .where(literal_column(spec.fts_table).op("MATCH")(words))
        )
        if limit is not None:
            inner = inner.order_by(fts.c.rowid.desc()).limit(limit)
        return inner.subquery("matches")
    base = table(spec.table, column("id", Integer), Column("tsv"))
    tsquery = func.websearch_to_tsquery("english", bindparam(TS_WORDS, query, String))
    # ts_rank is a float4: as a double its value survives a round trip through a cursor unchanged
    score = cast(func.ts_rank(base.c.tsv, tsquery), Double).label("score")
    inner = select(base.c.id.label("id"), score).where(base.c.tsv.op("@@")(tsquery))
    if limit is not None:
        inner = inner.order_by(base.c.id.desc()).limit(limit)
    return inner.subquery("matches")


def match_params(dialect: str, query: str) -> dict[str, str]:
    """The values `candidates` binds, for running a statement it built for other words."""
    return {FTS_WORDS: fts5_query(query)} if dialect == "sqlite" else {TS_WORDS: query}


def has_terms(query: str) -> bool:
    return bool(TOKEN.search(query))


def _headline_sql(spec: SearchSpec) -> str:
    """PostgreSQL's highlighted extracts for the ids of one page; parameters :q and :ids. A row whose
    snippet column does not match the query takes the first other searched column that does."""
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8, FragmentDelimiter={ELLIPSIS}"
    )

    def headline(column: str) -> str:
        return f"ts_headline('english', {column}, q, '{options}')"

    snippet = headline(spec.snippet_column)
    if spec.also_searched:
        cases = " ".join(
            f"WHEN to_tsvector('english', coalesce({c}, '')) @@ q THEN {headline(c)}"
            for c in (spec.snippet_column, *spec.also_searched)
        )
        snippet = f"CASE {cases} ELSE {snippet} END"
    return (
        f"SELECT id, {snippet} AS snippet "
        f"FROM {spec.table}, websearch_to_tsquery('english', :q) AS q WHERE id IN :ids"
    )


@lru_cache(maxsize=16)
def _headline_statement(spec: SearchSpec) -> TextClause:
    """Parsed once per table (reading the SQL text for its parameters costs on every request)."""
    return text(_headline_sql(spec)).bindparams(bindparam("ids", expanding=True))


@lru_cache(maxsize=16)
def _texts_statement(spec: SearchSpec) -> TextClause:
    """SQLite: the searched columns of a page whose rows do not carry them (articles leave out the text)."""
    columns = ", ".join((spec.snippet_column, *spec.also_searched))
    return text(f"SELECT id, {columns} FROM {spec.table} WHERE id IN (SELECT value FROM json_each(:ids))")


def snippets(
    connection: Connection, dialect: str, spec: SearchSpec, query: str, items: list[dict[str, Any]]
) -> dict[int, str]:
    """Highlighted extracts of the matching text, for the rows of one page.

    On SQLite they are made in Python from the rows' own text (`highlight`), which costs a fraction of
    FTS5's snippet(); PostgreSQL's ts_headline marks what its own English stemmer matched.
    """
    if not items:
        return {}
    ids = [item["id"] for item in items]
    if dialect != "sqlite":
        rows = connection.execute(_headline_statement(spec), {"q": query, "ids": ids})
        return {row.id: row.snippet for row in rows}
    columns = (spec.snippet_column, *spec.also_searched)
    if all(column in items[0] for column in columns):  # the page's own rows carry the raw searched text
        texts = [(item["id"], [item[column] for column in columns]) for item in items]
    else:
        rows = connection.execute(_texts_statement(spec), {"ids": orjson.dumps(ids).decode()})
        texts = [(row[0], list(row[1:])) for row in rows]
    words = terms(query, fts5_query(query, any_word=True))
    return {id_: found for id_, values in texts if (found := passage(values, words)) is not None}
