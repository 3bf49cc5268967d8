from datetime import date

from sqlalchemy import Column, Date, Integer, MetaData, Table
from sqlalchemy.dialects import sqlite

from app.store.listing import keyset_condition

table = Table("t", MetaData(), Column("id", Integer), Column("d", Date))


def compiled(keys, values) -> str:
    return str(
        keyset_condition(keys, values).compile(
            dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
        )
    )


def test_keyset_over_a_sort_key_and_the_primary_key() -> None:
    keys = [(table.c.d, True, True, "d"), (table.c.id, False, False, "id")]
    assert compiled(keys, [date(2020, 1, 2), 7]) == (
        "t.d < '2020-01-02' OR t.d IS NULL OR t.d = '2020-01-02' AND t.id > 7"
    )


def test_after_a_null_sort_value_only_later_nulls_follow() -> None:
    keys = [(table.c.d, False, True, "d"), (table.c.id, False, False, "id")]
    assert compiled(keys, [None, 7]) == "0 = 1 OR t.d IS NULL AND t.id > 7"


def test_primary_key_alone() -> None:
    assert compiled([(table.c.id, False, False, "id")], [41]) == "t.id > 41"
