"""Filter operators: one table of small `Operator`s, each knowing its SQL and its description.

A query parameter `field__op=value` (or `field=value` for `exact`) becomes one bound SQL condition; adding an
operator is adding a row to OPERATORS. Values are always bound parameters, never formatted into SQL.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, or_

LIST_SEPARATOR = ","
INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # the columns are 32-bit integers on PostgreSQL
MAX_LIST_VALUES = 100


class FilterError(ValueError):
    """A filter the client got wrong; `parameter` names the query parameter."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True, slots=True)
class Operator:
    """`sql(column, bound)` is the condition given the value as bound (a literal or a `bindparam`);
    `bound(value)` turns the client's value into it (a LIKE pattern for `contains`)."""

    key: str
    description: str
    sql: Callable[[Any, Any], ColumnElement]
    takes_list: bool = False
    takes_bool: bool = False
    text_only: bool = False
    bound: Callable[[Any], Any] = lambda value: value

    def build(self, column: Any, value: Any) -> ColumnElement:
        """The condition with `value` in it."""
        return self.sql(column, self.bound(value))


OPERATORS: dict[str, Operator] = {
    op.key: op
    for op in [
        Operator("exact", "equals", lambda c, v: c == v),
        Operator("not", "differs from (or is null)", lambda c, v: or_(c != v, c.is_(None))),
        Operator("gt", "is greater than", lambda c, v: c > v),
        Operator("gte", "is at least", lambda c, v: c >= v),
        Operator("lt", "is less than", lambda c, v: c < v),
        Operator("lte", "is at most", lambda c, v: c <= v),
        Operator("in", "is one of (comma-separated)", lambda c, v: c.in_(v), takes_list=True),
        Operator(
            "notin",
            "is none of (comma-separated)",
            lambda c, v: or_(c.not_in(v), c.is_(None)),
            takes_list=True,
        ),
        Operator(
            "contains",
            "contains, case-insensitive",
            lambda c, v: c.ilike(v, escape="\\"),
            text_only=True,
            bound=lambda v: f"%{_like_escape(v)}%",
        ),
        Operator(
            "startswith",
            "starts with, case-insensitive",
            lambda c, v: c.ilike(v, escape="\\"),
            text_only=True,
            bound=lambda v: f"{_like_escape(v)}%",
        ),
        Operator(
            "isnull",
            "is null (true) or not (false)",
            lambda c, v: c.is_(None) if v else c.is_not(None),
            takes_bool=True,
        ),
    ]
}

NUMERIC_OPERATORS = ("exact", "not", "gt", "gte", "lt", "lte", "in", "notin", "isnull")
TEXT_OPERATORS = ("exact", "not", "in", "notin", "contains", "startswith", "isnull")
CHOICE_OPERATORS = ("exact", "not", "in", "notin")


def _convert(kind: type, raw: str) -> Any:
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    if kind is date:
        return date.fromisoformat(raw)
    if kind is datetime:
        return datetime.fromisoformat(raw)
    return raw


TYPE_NAMES = {
    int: "an integer",
    float: "a number",
    date: "an ISO 8601 date (YYYY-MM-DD)",
    datetime: "an ISO 8601 date and time",
    str: "text",
}


@dataclass(frozen=True, slots=True)
class Filterable:
    """A field clients can filter on: its SQL expression, value type and the operators it accepts.

    `build`, when given, replaces the plain column comparison (e.g. a speaker matched through aliases);
    `normalize` rewrites each value first (e.g. entity types in capitals).
    """

    name: str
    column: Any
    kind: type
    description: str
    example: str
    operators: tuple[str, ...] = NUMERIC_OPERATORS
    choices: tuple[str, ...] | None = None
    build: Callable[[Operator, Any], ColumnElement] | None = field(default=None)
    normalize: Callable[[str], str] | None = None

    def value(self, parameter: str, operator: Operator, raw: str) -> Any:
        if operator.takes_bool:
            lowered = raw.strip().lower()
            if lowered not in {"true", "false", "1", "0"}:
                raise FilterError(parameter, f"expected true or false, got {raw!r}")
            return lowered in {"true", "1"}
        if operator.takes_list:
            parts = [p.strip() for p in raw.split(LIST_SEPARATOR) if p.strip()]
            if not parts:
                raise FilterError(parameter, "expected a comma-separated list of values")
            if len(parts) > MAX_LIST_VALUES:
                raise FilterError(parameter, f"at most {MAX_LIST_VALUES} values")
            return [self._one(parameter, p) for p in parts]
        return self._one(parameter, raw)

    def _one(self, parameter: str, raw: str) -> Any:
        if "\x00" in raw:
            raise FilterError(parameter, "the value contains a NUL character")
        if self.choices is not None and raw not in self.choices:
            raise FilterError(parameter, f"expected one of {', '.join(self.choices)}; got {raw!r}")
        try:
            value = _convert(self.kind, raw)
        except ValueError:
            raise FilterError(parameter, f"expected {TYPE_NAMES[self.kind]}, got {raw!r}") from None
        if self.kind is int and not INT_MIN <= value <= INT_MAX:
            raise FilterError(parameter, f"expected an integer between {INT_MIN} and {INT_MAX}")
        if self.kind is float and not math.isfinite(value):  # float() reads "NaN", "inf" and "1e309"
            raise FilterError(parameter, f"not a finite number: {raw!r}")
        return self.normalize(value) if self.normalize is not None else value

    def condition(self, operator: Operator, value: Any) -> ColumnElement:
        if self.build is not None:
            return self.build(operator, value)
        return operator.build(self.column, value)

    def template(self, operator: Operator, value: Any, name: str) -> Template | None:
        """The condition with its value as the parameter `name`: one statement then serves every value.
        None where `build` makes something else of the value."""
        if self.build is not None:
            return None
        column = self.column
        if operator.takes_bool:  # isnull: the value decides the SQL, so it is part of the shape
            return Template((self.name, operator.key, value), lambda: operator.build(column, value), {})
        expanding = operator.takes_list
        return Template(
            (self.name, operator.key),
            lambda: operator.sql(column, bindparam(name, expanding=expanding)),
            {name: operator.bound(value)},
        )


@dataclass(frozen=True, slots=True)
class Template:
    """A condition as a shape (hashable, the same for any value), its SQL and the values it binds."""

    shape: Hashable
    build: Callable[[], ColumnElement]
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Condition:
    """One `field__op=value` of a request, its SQL made on demand."""

    filterable: Filterable
    operator: Operator
    value: Any

    def sql(self) -> ColumnElement:
        return self.filterable.condition(self.operator, self.value)


def split_parameter(parameter: str) -> tuple[str, str]:
    """`published__gte` → ("published", "gte"); `kind` → ("kind", "exact")."""
    name, sep, op = parameter.rpartition("__")
    return (name, op) if sep else (parameter, "exact")


def conditions(
    pairs: Iterable[tuple[str, str]], fields: dict[str, Filterable], reserved: set[str]
) -> list[Condition]:
    """The conditions the filter parameters among `pairs` ask for; unknown parameters are errors."""
    out: list[Condition] = []
    for parameter, raw in pairs:
        if parameter in reserved:
            continue
        name, op_key = split_parameter(parameter)
        spec = fields.get(name)
        if spec is None:
            known = ", ".join(sorted(fields))
            raise FilterError(parameter, f"unknown parameter; filterable fields are {known}")
        if op_key not in spec.operators:
            raise FilterError(
                parameter, f"unknown operator {op_key!r}; {name} takes {', '.join(spec.operators)}"
            )
        operator = OPERATORS[op_key]
        out.append(Condition(spec, operator, spec.value(parameter, operator, raw)))
    return out
