"""A facet's counts read along an index, one value's range at a time.

When the filters are equalities on the leading columns of an index and the facet's column comes next (quotes
by speaker, counted by kind: `ix_quotes_speaker_entity_id_kind`), each value's rows are one range of that
index. Stepping from value to value (one seek each: the smallest value above the last) and counting each
range reads every entry once and groups nothing. On SQLite a count reads ~30 ns an entry where GROUP BY over
the same entries costs ~100 ns, and the walk needs no first pass to learn whether more than the cap match:
its counts say so. PostgreSQL reads the same ranges with index-only scans.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ColumnElement, Integer, Select, func, literal, select, true
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression


def walkable(origin: Any, conditions: list[ColumnElement], column: Any) -> bool:
    """Whether `column`'s values among the rows `conditions` keep are ranges of one index of `origin`: every
    condition an equality (or IN) on a column of `origin`, and an index leading with those columns, then
    `column`. A null-free column only (a walk by `>` never reaches null)."""
    column = getattr(column, "expression", column)  # a model's attribute: its table's column
    if not isinstance(column, Column) or column.table.name != origin.name or column.nullable:
        return False
    filtered: set[str] = set()
    for condition in conditions:
        if not isinstance(condition, BinaryExpression) or condition.operator not in (
            operators.eq,
            operators.in_op,
        ):
            return False
        left = condition.left
        if not isinstance(left, Column) or left.table.name != origin.name:
            return False
        filtered.add(left.name)
    if not filtered:  # a whole table's values: ranges of up to every row, which the capped grouping bounds
        return False
    leading = len(filtered)
    return any(
        len(names) > leading and set(names[:leading]) == filtered and names[leading] == column.name
        for names in ([c.name for c in index.columns] for index in origin.indexes)
    )


def value_counts(origin: Any, conditions: list[ColumnElement], column: Any, values: int, scan: int) -> Select:
    """Rows of (value, count): at most `values` + 1 distinct values in order, each count stopping at
    `scan` + 1, so the statement reads at most (`values` + 1) x (`scan` + 1) index entries. More rows than
    `values`, or counts above `scan`, tell the caller to count some other way."""
    first = select(func.min(column)).where(*conditions).scalar_subquery()
    walk = select(first.label("value"), literal(1, Integer).label("n")).cte("facet_values", recursive=True)
    following = select(func.min(column)).where(*conditions, column > walk.c.value).scalar_subquery()
    walk = walk.union_all(
        select(following, walk.c.n + 1).where(walk.c.value.is_not(None), walk.c.n <= values)
    )
    each = (
        select(true())
        .select_from(origin)
        .where(*conditions, column == walk.c.value)
        .limit(scan + 1)
        .correlate(walk)
        .subquery()
    )
    count = select(func.count()).select_from(each).scalar_subquery()
    return select(walk.c.value, count.label("count")).where(walk.c.value.is_not(None))
