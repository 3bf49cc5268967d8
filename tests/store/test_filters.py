from datetime import date

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, String, Table
from sqlalchemy.dialects import sqlite

from app.store.filters import (
    CHOICE_OPERATORS,
    TEXT_OPERATORS,
    Filterable,
    FilterError,
    conditions,
    split_parameter,
)

table = Table(
    "t", MetaData(), Column("n", Integer), Column("d", Date), Column("s", String), Column("k", String)
)
FIELDS = {
    "n": Filterable("n", table.c.n, int, "a number", "1"),
    "d": Filterable("d", table.c.d, date, "a date", "2020-01-01"),
    "s": Filterable("s", table.c.s, str, "text", "x", TEXT_OPERATORS),
    "k": Filterable("k", table.c.k, str, "a kind", "a", CHOICE_OPERATORS, ("a", "b")),
}


def sql(pairs: list[tuple[str, str]]) -> list[str]:
    compiled = [c.sql().compile(dialect=sqlite.dialect()) for c in conditions(pairs, FIELDS, {"size"})]
    return [f"{c} {dict(c.params)}" for c in compiled]


def test_parameters_split_into_field_and_operator() -> None:
    assert split_parameter("published__gte") == ("published", "gte")
    assert split_parameter("kind") == ("kind", "exact")
    assert split_parameter("speaker_text__contains") == ("speaker_text", "contains")


def test_values_are_bound_never_formatted() -> None:
    (clause,) = sql([("s", "x'); DROP TABLE t; --")])
    assert clause == "t.s = ? {'s_1': \"x'); DROP TABLE t; --\"}"


def test_typed_values_and_ranges() -> None:
    assert sql([("n__gte", "3"), ("d__lt", "2020-02-01")]) == [
        "t.n >= ? {'n_1': 3}",
        "t.d < ? {'d_1': datetime.date(2020, 2, 1)}",
    ]


def test_in_takes_a_comma_separated_list() -> None:
    (clause,) = sql([("k__in", "a, b")])
    assert clause == "t.k IN (__[POSTCOMPILE_k_1]) {'k_1': ['a', 'b']}"


def test_contains_escapes_like_wildcards() -> None:
    (clause,) = sql([("s__contains", "50%_off")])
    assert "'s_1': '%50\\\\%\\\\_off%'" in clause


def test_isnull_takes_a_boolean() -> None:
    assert sql([("s__isnull", "true")]) == ["t.s IS NULL {}"]
    assert sql([("s__isnull", "false")]) == ["t.s IS NOT NULL {}"]


def test_reserved_parameters_are_not_filters() -> None:
    assert sql([("size", "10")]) == []


@pytest.mark.parametrize(
    ("pairs", "parameter", "message"),
    [
        ([("colour", "red")], "colour", "unknown parameter; filterable fields are d, k, n, s"),
        ([("k__contains", "a")], "k__contains", "unknown operator 'contains'; k takes exact, not, in, notin"),
        ([("n", "seven")], "n", "expected an integer, got 'seven'"),
        ([("n", "99999999999")], "n", "expected an integer between -2147483648 and 2147483647"),
        ([("d__gte", "2020-13-01")], "d__gte", "expected an ISO 8601 date (YYYY-MM-DD), got '2020-13-01'"),
        ([("k", "c")], "k", "expected one of a, b; got 'c'"),
        ([("s__isnull", "perhaps")], "s__isnull", "expected true or false, got 'perhaps'"),
        ([("s__in", " , ")], "s__in", "expected a comma-separated list of values"),
        ([("s", "a\x00b")], "s", "the value contains a NUL character"),
    ],
)
def test_mistakes_name_the_parameter(pairs: list, parameter: str, message: str) -> None:
    with pytest.raises(FilterError) as caught:
        conditions(pairs, FIELDS, set())
    assert (caught.value.parameter, caught.value.message) == (parameter, message)


def _template(pair: tuple[str, str]):
    (condition,) = conditions([pair], FIELDS, set())
    return condition.filterable.template(condition.operator, condition.value, "f0")


def test_a_template_has_one_shape_for_any_value_and_binds_the_value() -> None:
    a, b = _template(("s__contains", "50%")), _template(("s__contains", "war"))
    assert a.shape == b.shape
    assert "LIKE lower(?)" in str(a.build().compile(dialect=sqlite.dialect()))
    assert a.params == {"f0": "%50\\%%"} and b.params == {"f0": "%war%"}


def test_isnull_templates_differ_by_value() -> None:
    assert _template(("s__isnull", "true")).shape != _template(("s__isnull", "false")).shape
