"""Who gets quoted, by gender: quotes counted by their resolved speaker's gender, per source and month.

The Gender Gap Tracker's core figure. A quote counts for the gender stored on its speaker's entity (see
`writer._update_genders`); a quote with no person resolved (unnamed, unresolved, an organisation) counts as
`no_person`. The share of women is taken over the quotes whose speaker's gender is known.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Connection

from app.store.filters import Condition
from app.store.models import Article
from app.store.resources import GENDERS, QUOTE_QUERY, month_of, speaker

DIMENSIONS = {"source": Article.source, "month": month_of(Article.published)}
NO_PERSON = "no_person"


def quote_gender_share(db: Connection, where: list[Condition], by: list[str]) -> list[dict[str, Any]]:
    """One row per combination of the `by` dimensions ("source", "month"), in order, with the count of
    quotes per speaker gender, the total and `female_share` = female / (female + male), null when neither."""
    dimensions = [DIMENSIONS[name] for name in by]
    gender = speaker.gender
    query = (
        QUOTE_QUERY.with_only_columns(*dimensions, gender, func.count())
        .where(*(c.sql() for c in where))
        .group_by(*dimensions, gender)
    )
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for *values, value, count in db.execute(query):
        key = tuple(values)
        row = rows.get(key)
        if row is None:
            row = rows[key] = {
                **dict(zip(by, values, strict=True)),
                **dict.fromkeys((*GENDERS, NO_PERSON), 0),
                "quotes": 0,
            }
        row[value if value in GENDERS else NO_PERSON] += count
        row["quotes"] += count
    for row in rows.values():
        known = row["female"] + row["male"]
        row["female_share"] = round(row["female"] / known, 4) if known else None
    return [rows[key] for key in sorted(rows, key=lambda k: [(v is None, v or "") for v in k])]
