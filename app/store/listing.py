"""The list query every resource shares: filters, full-text search, sorting, keyset pages, counts, facets.

A `Resource` declares what can be filtered, sorted and faceted; `run_list` turns a `ListRequest` into SQL.
Pages are keyset pages over the sort key plus the primary key (never OFFSET), so page 1,000 costs what
page 1 does. Counts and facets are opt-in and read at most a capped number of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, false, func, or_, select, true
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression
from sqlalchemy.sql.selectable import Join, ScalarSelect, Subquery
from sqlalchemy.sql.util import find_tables
from sqlalchemy.sql.visitors import replacement_traverse

from app.store.facet_walk import value_counts, walkable
from app.store.filters import Condition, Filterable, Template
from app.store.search import SearchSpec, candidates, match_params, snippets

RELEVANCE = "relevance"
Keys = list[tuple[Any, bool, bool, str]]  # (column, descending, nullable, row key) per sort key, id last


@dataclass(frozen=True, slots=True)
class Sortable:
    name: str
    column: Any
    kind: type
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts of the matching rows by `value` (and a human `label` where the value is an id)."""

    name: str
    value: Any
    description: str
    label: Any = None


@dataclass(frozen=True, eq=False)  # one object per table, hashed by identity, so caches can key on it
class Resource:
    name: str
    id_column: Any
    query: Select
    shape: Callable[[RowMapping], dict[str, Any]]
    filters: dict[str, Filterable]
    sorts: dict[str, Sortable]
    facets: dict[str, Facet] = field(default_factory=dict)
    search: SearchSpec | None = None
    fields: tuple[str, ...] = ()
    optional: dict[str, Any] = field(default_factory=dict)  # columns read only on `include=` (`including`)


@dataclass(slots=True)
class SortKey:
    sortable: Sortable
    descending: bool


@dataclass(slots=True)
class ListRequest:
    conditions: list[Condition | ColumnElement]
    sort: list[SortKey]
    size: int
    after: list[Any] | None = None
    q: str | None = None
    count: bool = False
    facets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ListResult:
    items: list[dict[str, Any]]
    next_after: list[Any] | None
    count: int | None = None
    count_capped: bool = False
    facets: dict[str, list[dict[str, Any]]] | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    count_cap: int = 10_000
    facet_scan: int = 100_000
    facet_values: int = 30
    search_candidates: int = 500  # as Settings.search_ranked
    resolve_values: int = 100


def _after(column: Any, value: Any, descending: bool, nullable: bool) -> ColumnElement:
    """Rows strictly after `value` in this key's order, with nulls last in both directions."""
    if value is None:
        return false()
    beyond = column < value if descending else column > value
    return or_(beyond, column.is_(None)) if nullable else beyond


def _equal(column: Any, value: Any) -> ColumnElement:
    return column.is_(None) if value is None else column == value


def keyset_condition(keys: Keys, values: list[Any]) -> ColumnElement:
    """Rows after `values` in the order of `keys` ((column, descending, nullable) ..., primary key last).

    (k1 > v1) or (k1 = v1 and k2 > v2) or ... — with each comparison null-aware.
    """
    clauses = []
    for i, (column, descending, nullable, _) in enumerate(keys):
        prefix = [_equal(keys[j][0], values[j]) for j in range(i)]
        clauses.append(and_(*prefix, _after(column, values[i], descending, nullable)))
    return or_(*clauses)


def _order(column: Any, descending: bool, nullable: bool = True) -> Any:
    """ORDER BY for one key, nulls last. A column that is never null gets a plain ASC/DESC, the same order,
    which SQLite can read straight from an index or the rowid (with NULLS LAST it sorts every match first).
    """
    ordered = column.desc() if descending else column.asc()
    return ordered.nulls_last() if nullable else ordered


def _resolved(db: Connection, condition: ColumnElement, cap: int) -> ColumnElement:
    """`condition` with each `col IN (SELECT ...)` / `NOT IN` whose subquery gives at most `cap` values
    replaced by the literal list of those values, read first in a query of their own.

    The same rows match. For SQLite this is the difference between reading a speaker's quotes from
    `ix_quotes_speaker_entity_id_id` in id order and stopping at the page size, and fetching and sorting
    every quote of a frequent speaker: the planner cannot order an `IN (subquery)` by the index.
    """

    def resolvable(element: Any) -> bool:
        return (
            isinstance(element, BinaryExpression)
            and element.operator in (operators.in_op, operators.not_in_op)
            and isinstance(element.right, ScalarSelect)
        )

    too_many: set[int] = set()

    def replace(element: Any) -> Any:
        if not resolvable(element) or id(element) in too_many:
            return None
        values = _few_values(db, element.right.element, cap)
        if values is None:
            too_many.add(id(element))
            return None
        if element.operator is operators.in_op:
            return element.left.in_(values)
        return element.left.not_in(values)

    if resolvable(condition):  # the usual shape, resolved without cloning the whole expression
        resolved = replace(condition)
        if resolved is not None:
            return resolved
    return replacement_traverse(condition, {}, replace)  # nested lookups ("articles?entity=")


def _few_values(db: Connection, lookup: Select, cap: int) -> list[Any] | None:
    """The values `lookup` gives, when they are at most `cap` and none is null (NOT IN would be unknown)."""
    values = db.execute(lookup).scalars().fetchmany(cap + 1)
    return None if len(values) > cap or any(v is None for v in values) else list(values)


@cache
def including(resource: Resource, names: tuple[str, ...]) -> Resource:
    """The resource with its optional columns `names` (an article's text) read by the page's own statement:
    one round trip, where a second query per page made two. Kept per resource and names, so the statements
    built for it are kept too."""
    if not names:
        return resource
    return replace(resource, query=resource.query.add_columns(*(resource.optional[n] for n in names)))


@cache
def _column_names(resource: Resource) -> frozenset[str]:
    """What a resource's rows carry (and the search score): asking the statement costs 80 µs a time."""
    return frozenset([*resource.query.selected_columns.keys(), "_score"])


def _dialect(db: Connection) -> str:
    return db.dialect.name


def _sql(condition: Condition | ColumnElement) -> ColumnElement:
    return condition.sql() if isinstance(condition, Condition) else condition


def _conditions(db: Connection, request: ListRequest, limits: Limits) -> list[ColumnElement]:
    return [_resolved(db, _sql(c), limits.resolve_values) for c in request.conditions]


def _joins(query: Select) -> tuple[Any, list[Join]]:
    """The table a resource's query reads and its joins, first to last."""
    joins: list[Join] = []
    (origin,) = query.get_final_froms()
    while isinstance(origin, Join):
        joins.append(origin)
        origin = origin.left
    return origin, joins[::-1]


def _narrowed(resource: Resource, columns: list[Any], conditions: list[ColumnElement]) -> Select:
    """`columns` from the resource's table joined only to the tables that they and `conditions` read.

    The same rows as the resource's query: each of its joins finds at most one row, and an inner one follows a
    not-null foreign key, so it finds exactly one (tests/store/test_listing_plans.py checks both). Counts and
    facets of quotes by speaker and kind then read an index alone instead of each quote and its article.
    """
    origin, joins = _joins(resource.query)
    needed: set[str] = set()  # by name: an ORM alias's columns name an annotated copy of its table
    for element in (*columns, *conditions):
        needed.update(t.name for t in find_tables(element, check_columns=True, include_aliases=True))
    for join in reversed(joins):  # a join kept keeps the tables its ON clause reads
        if join.right.name in needed:
            needed.update(
                t.name for t in find_tables(join.onclause, check_columns=True, include_aliases=True)
            )
    query = select(*columns).select_from(origin)
    for join in joins:
        if join.right.name in needed:
            query = query.join(join.right, join.onclause, isouter=join.isouter)
    return query


def _on_matches(dialect: str, matches: Subquery, resource: Resource) -> ColumnElement:
    if dialect == "sqlite":
        # the matches drive the join: SQLite would otherwise read a filter's index and look each row up in
        # FTS5, ~50 µs a row for a word in 1% of rows and ms for a common one, where walking the matches costs
        # ~0.5 µs each (seconds against milliseconds for a frequent speaker)
        return (matches.c.id + 0) == resource.id_column
    return matches.c.id == resource.id_column


def _base(
    db: Connection,
    resource: Resource,
    request: ListRequest,
    conditions: list[ColumnElement],
    columns: list[Any] | None = None,
) -> tuple[Select, Subquery | None]:
    """Every row that passes the filters, joined to the search matches (with their `_score`) when there is a
    `q`; and those matches (None without one). Filters narrow every match, never a window of them, so `q=`
    with a filter never loses an older match; counts, facets and other sorts read all of them. With
    `columns`, only those, from only the tables they and the filters need (`_narrowed`)."""
    if columns is None:
        query = resource.query.where(*conditions)
    else:
        query = _narrowed(resource, columns, conditions).where(*conditions)
    if request.q is None or resource.search is None:
        return query, None
    dialect = _dialect(db)
    matches = candidates(dialect, resource.search, request.q, None)
    query = query.join(matches, _on_matches(dialect, matches, resource))
    return (query.add_columns(matches.c.score.label("_score")) if columns is None else query), matches


def _window(
    db: Connection, resource: Resource, request: ListRequest, conditions: list[ColumnElement], limits: Limits
) -> tuple[Select, Keys, bool]:
    """A list sorted first by relevance ranks only the newest `search_candidates` matches that pass the
    filters, so a word that matches everything costs no more than one that matches a little. The window is
    read from the filtered tables alone; sorted by relevance only, the page is cut from it before its rows
    are joined to the resource's columns (True: the statement is the whole page, keyset and limit included).
    """
    dialect = _dialect(db)
    matches = candidates(dialect, resource.search, request.q, None)
    ranked = (
        _narrowed(resource, [matches.c.id, matches.c.score], conditions)
        .where(*conditions)
        .join(matches, _on_matches(dialect, matches, resource))
        .order_by(matches.c.id.desc())
        .limit(limits.search_candidates)
        .subquery("ranked")
    )
    if not all(key.sortable.name == RELEVANCE for key in request.sort):
        query = resource.query.join(ranked, ranked.c.id == resource.id_column)
        query = query.add_columns(ranked.c.score.label("_score"))
        return query, _keys(resource, request, ranked.c.score), False
    query, keys = _ranked_page(resource, request, ranked)
    return _page(resource, query, keys, request.size), keys, True


def _keys(resource: Resource, request: ListRequest, score: Any) -> Keys:
    """(column, descending, nullable, row key) for each sort key, the primary key last as the tie-breaker."""
    keys = []
    for key in request.sort:
        if key.sortable.name == RELEVANCE:
            keys.append((score, key.descending, False, "_score"))
        else:
            keys.append((key.sortable.column, key.descending, key.sortable.nullable, key.sortable.name))
    by_id = bool(request.sort) and request.sort[-1].sortable.name == "id"
    keys.append((resource.id_column, by_id and request.sort[-1].descending, False, "id"))  # `sort=-id` too
    return keys


def _search_page(
    db: Connection, resource: Resource, request: ListRequest, limits: Limits
) -> tuple[Select, Keys]:
    """A search with no filter, sorted by relevance: the page is cut from the ranked matches first and only
    its rows are joined to the resource's tables (the same rows as joining every candidate, then sorting).
    """
    matches = candidates(_dialect(db), resource.search, request.q, limits.search_candidates)
    return _ranked_page(resource, request, matches)


def _ranked_page(resource: Resource, request: ListRequest, ranked: Any) -> tuple[Select, Keys]:
    """One page cut from ranked (id, score) rows before they are joined to the resource's tables."""
    inner = _keys(resource, request, ranked.c.score)
    inner[-1] = (ranked.c.id, False, False, "id")
    page = select(ranked.c.id, ranked.c.score)
    if request.after is not None:
        page = page.where(keyset_condition(inner, request.after))
    page = page.order_by(*(_order(c, d, n) for c, d, n, _ in inner)).limit(request.size + 1).subquery("page")
    query = resource.query.join(page, page.c.id == resource.id_column).add_columns(
        page.c.score.label("_score")
    )
    return query, _keys(resource, request, page.c.score)


def _template(db: Connection, condition: Condition, name: str, cap: int) -> Template | None:
    """`condition` with its values bound by name; an entity-name filter's ids looked up first (as `_resolved`
    does), so a frequent speaker's quotes are still read in index order."""
    spec, operator = condition.filterable, condition.operator
    lookup = getattr(spec.build, "ids", None)
    if lookup is None or operator.takes_bool:
        return spec.template(operator, condition.value, name)
    ids = _few_values(db, lookup(operator, condition.value), cap)
    if ids is None:
        return None
    column = spec.build.column
    negated = operator.key in ("not", "notin")

    def build() -> ColumnElement:
        bound = bindparam(name, expanding=True)
        return or_(column.not_in(bound), column.is_(None)) if negated else column.in_(bound)

    return Template((spec.name, "ids", negated), build, {name: ids})


_TEMPLATED: dict[tuple[Any, ...], tuple[Any, ...]] = {}
TEMPLATED_STATEMENTS = 512


def _keep(signature: tuple[Any, ...], built: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(_TEMPLATED) >= TEMPLATED_STATEMENTS:
        _TEMPLATED.clear()
    _TEMPLATED[signature] = built
    return built


def _params(templates: list[Template]) -> dict[str, Any]:
    return {name: value for t in templates for name, value in t.params.items()}


def _kept(
    signature: tuple[Any, ...],
    templates: list[Template] | None,
    conditions: list[ColumnElement] | None,
    build: Callable[[list[ColumnElement]], tuple[Any, ...]],
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """`build`'s statements and their parameters. With `templates` (the filters' values as parameters) they
    are built once per shape of the filters and kept; without, built from `conditions`."""
    if templates is None:
        assert conditions is not None
        return build(conditions), {}
    key = (*signature, tuple(t.shape for t in templates))
    kept = _TEMPLATED.get(key)
    if kept is None:
        kept = _keep(key, build([t.build() for t in templates]))
    return kept, _params(templates)


def _bound_after(after: list[Any] | None, params: dict[str, Any]) -> list[Any] | None:
    """The cursor's values as parameters `a0`, `a1`, ... (a null stays a literal: it changes the SQL)."""
    if after is None:
        return None
    params.update({f"a{i}": v for i, v in enumerate(after) if v is not None})
    return [None if v is None else bindparam(f"a{i}") for i, v in enumerate(after)]


def _shape_of(request: ListRequest) -> tuple[Any, ...]:
    after = None if request.after is None else tuple(v is None for v in request.after)
    return tuple((k.sortable.name, k.descending) for k in request.sort), after, request.size


def _templates(db: Connection, request: ListRequest, limits: Limits) -> list[Template] | None:
    """Each condition with its values as parameters; None when one has no template."""
    templates = []
    for i, condition in enumerate(request.conditions):
        if not isinstance(condition, Condition):  # SQL a route added (an entity's own quotes)
            return None
        template = _template(db, condition, f"f{i}", limits.resolve_values)
        if template is None:
            return None
        templates.append(template)
    return templates


def _templated(
    db: Connection,
    resource: Resource,
    request: ListRequest,
    limits: Limits,
    templates_of: Callable[[], list[Template] | None],
) -> tuple[Select, dict[str, Any], Keys] | None:
    """The page's statement with every value a parameter, built once per shape of request (which filters
    and operators, which sort, whether a cursor and which of its values are null, the page size) and kept:
    building and fingerprinting a statement cost more than running it. None when a condition has no
    template (a filter with a custom build, or a search sorted by anything but relevance)."""
    if request.q is not None:
        if _ranks_first(resource, request):
            return _templated_search(db, resource, request, limits)
        if resource.search is None or not all(key.sortable.name == RELEVANCE for key in request.sort):
            return None
    templates = templates_of()
    if templates is None:
        return None
    params = _params(templates)
    if request.q is not None:  # a filtered search, by relevance: the words are a parameter too
        params.update(match_params(_dialect(db), request.q))
    bound_after = _bound_after(request.after, params)
    shapes = tuple(t.shape for t in templates)
    searched = None if request.q is None else (_dialect(db), limits.search_candidates)
    signature = (resource, shapes, searched, *_shape_of(request))
    kept = _TEMPLATED.get(signature)
    if kept is None and request.q is not None:
        built = [t.build() for t in templates]
        building = ListRequest(built, request.sort, request.size, bound_after, request.q)
        query, keys, _ = _window(db, resource, building, built, limits)
        kept = _keep(signature, (query, keys))
    elif kept is None:
        keys = _keys(resource, request, None)
        query = resource.query.where(*(t.build() for t in templates))
        if bound_after is not None:
            query = query.where(keyset_condition(keys, bound_after))
        kept = _keep(signature, (_page(resource, query, keys, request.size), keys))
    return kept[0], params, kept[1]


def _templated_search(
    db: Connection, resource: Resource, request: ListRequest, limits: Limits
) -> tuple[Select, dict[str, Any], Keys]:
    """A ranked search page kept the same way: only its words and its cursor change between requests."""
    dialect = _dialect(db)
    params = match_params(dialect, request.q)
    bound_after = _bound_after(request.after, params)
    signature = (resource, "search", dialect, limits.search_candidates, *_shape_of(request))
    kept = _TEMPLATED.get(signature)
    if kept is None:
        building = ListRequest([], request.sort, request.size, bound_after, request.q)
        query, keys = _search_page(db, resource, building, limits)
        kept = _keep(signature, (_page(resource, query, keys, request.size), keys))
    return kept[0], params, kept[1]


def _page(resource: Resource, query: Select, keys: Keys, size: int) -> Select:
    selected = _column_names(resource)
    missing = [c.label(k) for c, _, _, k in keys if k not in selected]  # a sort key the cursor must carry
    if missing:
        query = query.add_columns(*missing)
    return query.order_by(*(_order(c, d, n) for c, d, n, _ in keys)).limit(size + 1)


def _ranks_first(resource: Resource, request: ListRequest) -> bool:
    return (
        request.q is not None
        and resource.search is not None
        and not request.conditions
        and all(key.sortable.name == RELEVANCE for key in request.sort)
    )


def run_list(
    db: Connection, resource: Resource, request: ListRequest, limits: Limits = Limits()
) -> ListResult:
    conditions: list[ColumnElement] | None = None
    params: dict[str, Any] = {}
    looked_up: list[list[Template] | None] = []

    def templates_of() -> list[Template] | None:
        """The conditions' templates, their entity names looked up once for the page and its facets."""
        if not looked_up:
            looked_up.append(_templates(db, request, limits))
        return looked_up[0]

    templated = _templated(db, resource, request, limits, templates_of)
    if templated is not None:
        query, params, keys = templated
    elif request.q is not None and request.sort and request.sort[0].sortable.name == RELEVANCE:
        conditions = _conditions(db, request, limits)
        query, keys, whole = _window(db, resource, request, conditions, limits)
        if not whole:
            if request.after is not None:
                query = query.where(keyset_condition(keys, request.after))
            query = _page(resource, query, keys, request.size)
    else:
        conditions = _conditions(db, request, limits)
        query, matches = _base(db, resource, request, conditions)
        keys = _keys(resource, request, None if matches is None else matches.c.score)
        if request.after is not None:
            query = query.where(keyset_condition(keys, request.after))
        query = _page(resource, query, keys, request.size)
    # Core execution: the same rows as a Session's execute for a select of columns, without the ORM's per-row
    # loading machinery (about a quarter of the query's CPU time on a page of 50)
    rows = db.execute(query, params).mappings().all()
    more = len(rows) > request.size
    rows = rows[: request.size]
    items = [resource.shape(row) for row in rows]
    if request.q is not None and resource.search is not None:
        found = snippets(db, _dialect(db), resource.search, request.q, items)
        for item, row in zip(items, rows, strict=True):
            item["search"] = {"score": round(float(row["_score"]), 6), "snippet": found.get(item["id"])}
    next_after = None
    if more and rows:
        last = rows[-1]
        next_after = [_json_value(last[k]) for _, _, _, k in keys]
    result = ListResult(items, next_after)
    # the page's templates, whose names were looked up for it, serve its count and facets too
    templates = templates_of() if (request.count or request.facets) and request.q is None else None
    if conditions is None and (request.count or request.facets) and templates is None:
        conditions = _conditions(db, request, limits)
    if request.count:
        result.count, result.count_capped = _counted(db, resource, request, conditions, limits, templates)
    if request.facets:
        result.facets = {
            name: _facet(db, resource, request, conditions, resource.facets[name], limits, templates)
            for name in request.facets
        }
    return result


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def cursor_values(resource: Resource, sort: list[SortKey], values: list[Any]) -> list[Any]:
    """Cursor values back to the Python types their columns bind; ValueError when they cannot be."""
    kinds = [float if k.sortable.name == RELEVANCE else k.sortable.kind for k in sort] + [int]
    if len(values) != len(kinds):
        raise ValueError("cursor does not fit this sort")
    return [None if v is None else _from_json(kind, v) for kind, v in zip(kinds, values, strict=True)]


def _from_json(kind: type, value: Any) -> Any:
    if kind is date:
        return date.fromisoformat(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is int and isinstance(value, bool):
        raise ValueError("not an integer")
    return kind(value)


def _count_of(base: Select, cap: int) -> Select:
    """How many rows `base` gives, reading at most `cap` + 1 of them."""
    return select(func.count()).select_from(base.limit(cap + 1).subquery())


def _counted(
    db: Connection,
    resource: Resource,
    request: ListRequest,
    conditions: list[ColumnElement] | None,
    limits: Limits,
    templates: list[Template] | None,
) -> tuple[int, bool]:
    """How many rows match, up to `count_cap`, and whether more do (its statement `_kept`, as the page's)."""

    def build(where: list[ColumnElement]) -> tuple[Select]:
        return (_count_of(_base(db, resource, request, where, [resource.id_column])[0], limits.count_cap),)

    (statement,), params = _kept((resource, "count", limits.count_cap), templates, conditions, build)
    total = db.scalar(statement, params) or 0
    return min(total, limits.count_cap), total > limits.count_cap


def _grouped(counted: Subquery, facet: Facet, limits: Limits) -> Select:
    group = [counted.c.value] + ([counted.c.label] if facet.label is not None else [])
    return (
        select(*group, func.count().label("count"))
        .group_by(*group)
        .order_by(func.count().desc(), counted.c.value)
        .limit(limits.facet_values)
    )


def _facet_queries(
    db: Connection,
    resource: Resource,
    request: ListRequest,
    conditions: list[ColumnElement],
    facet: Facet,
    limits: Limits,
) -> tuple[Select | None, Select, Select, Select | None]:
    """A facet's statements: the pass telling whether more than `facet_scan` rows match (None for a search,
    whose matches come in no index's order, so no pass would pay for itself), every matching row grouped,
    the first `facet_scan` grouped, and the counts read along an index (None where no index keeps each
    value's rows together: `facet_walk`)."""
    columns = [facet.value.label("value")] + ([facet.label.label("label")] if facet.label is not None else [])
    base = _base(db, resource, request, conditions, columns)[0]
    capped = _grouped(base.limit(limits.facet_scan).subquery(), facet, limits)
    if request.q is not None:
        return None, capped, capped, None
    origin = _joins(resource.query)[0]
    walk = None
    if facet.label is None and walkable(origin, conditions, facet.value):
        walk = value_counts(origin, conditions, facet.value, limits.facet_values, limits.facet_scan)
    # the pass reads no column, so any index on the filters answers it alone: PostgreSQL's indexes do not hold
    # the id, and selecting it sent a frequent speaker's 41,167 quotes to the heap (73 ms against ~3 ms)
    probe = _base(db, resource, request, conditions, [true()])[0]
    return probe.limit(1).offset(limits.facet_scan), _grouped(base.subquery(), facet, limits), capped, walk


def _facet(
    db: Connection,
    resource: Resource,
    request: ListRequest,
    conditions: list[ColumnElement] | None,
    facet: Facet,
    limits: Limits,
    templates: list[Template] | None,
) -> list[dict[str, Any]]:
    """The most frequent values among the first `facet_scan` matching rows (all of them, when no more match).

    When no more match, which a first pass reading at most that many ids tells, the rows are grouped
    directly: SQLite then counts in the order of an index on (filter, value) without sorting every row
    through the subquery that stops at `facet_scan` (a frequent speaker's quotes by kind: 49 ms to ~5 ms).
    Where an index keeps each value's rows together, its ranges are counted instead (`facet_walk`: the same
    speaker's, ~4 ms to ~2.4 ms on SQLite), and the first pass runs only when that walk met too many values.
    The statements are `_kept` per shape of the filters, as the page's are.
    """
    (beyond, whole, capped, walk), params = _kept(
        (resource, "facet", facet.name, limits.facet_scan, limits.facet_values),
        templates,
        conditions,
        lambda where: _facet_queries(db, resource, request, where, facet, limits),
    )
    over: bool | None = None
    if walk is not None:
        counted = db.execute(walk, params).tuples().all()
        if sum(count for _, count in counted) > limits.facet_scan:
            over = True
        elif len(counted) <= limits.facet_values:  # every value, each counted whole
            ranked = sorted(counted, key=lambda pair: -pair[1])  # stable: ties keep the database's order
            return [{"value": _json_value(value), "count": count} for value, count in ranked]
    if over is None:
        over = beyond is None or db.execute(beyond, params).first() is not None
    out = []
    for row in db.execute(capped if over else whole, params).mappings():
        value = row["value"]
        entry = {"value": _json_value(value), "count": row["count"]}
        if facet.label is not None:
            entry["label"] = row["label"]
        out.append(entry)
    return out


def stream(
    db: Connection, resource: Resource, request: ListRequest, chunk: int = 1000, limits: Limits = Limits()
) -> Iterator[dict[str, Any]]:
    """Every matching row, fetched a keyset chunk at a time so memory stays flat however many match."""
    chunked = ListRequest(request.conditions, request.sort, chunk, request.after, request.q)
    while True:
        result = run_list(db, resource, chunked, limits)
        yield from result.items
        if result.next_after is None or result.next_after == chunked.after:
            return
        chunked.after = result.next_after
