"""Dates resolved against a publication date, on sentences of our own making; pure, no spaCy."""

from __future__ import annotations

from datetime import date

from app.extract.dates import resolve_dates

# A Wednesday.
PUBLISHED = date(2021, 6, 16)


def values(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in resolve_dates(text, published)]


def test_weekday_of_publication_is_that_day():
    assert values("The council voted on Wednesday.") == [("Wednesday", "2021-06-16")]


def test_earlier_weekday_is_the_most_recent_one():
    assert values("The council voted on Monday.") == [("Monday", "2021-06-14")]


def test_later_weekday_name_means_last_week():
    assert values("The council voted on Friday.") == [("Friday", "2021-06-11")]


def test_next_weekday_looks_forward():
    assert values("The council votes next Friday.") == [("next Friday", "2021-06-18")]


def test_yesterday_today_tomorrow():
    assert values("Yesterday it rained, today it is dry and tomorrow it snows.") == [
        ("Yesterday", "2021-06-15"),
        ("today", "2021-06-16"),
        ("tomorrow", "2021-06-17"),
    ]


def test_last_week_is_an_iso_week():
    assert values("The deal was signed last week.") == [("last week", "2021-W23")]


def test_last_month_and_this_year():
    assert values("Prices rose last month and will fall this year.") == [
        ("last month", "2021-05"),
        ("this year", "2021"),
    ]


def test_days_ago():
    assert values("The ship sank three days ago.") == [("three days ago", "2021-06-13")]


def test_month_and_year_is_absolute():
    assert values("The strike began in March 2011.", None) == [("March 2011", "2011-03")]


def test_full_dates_both_orders():
    assert values("Talks ran from 3 February 2020 to April 9, 2020.") == [
        ("3 February 2020", "2020-02-03"),
        ("April 9, 2020", "2020-04-09"),
    ]


def test_month_without_year_is_the_latest_before_publication():
    assert values("Work stopped in August and resumed in May.") == [("August", "2020-08"), ("May", "2021-05")]


def test_year_after_a_preposition():
    assert values("The bridge has stood since 1932.") == [("1932", "1932")]


def test_relative_dates_need_a_publication_date():
    assert values("The council voted on Monday.", None) == []


def test_modal_may_is_not_a_month():
    assert values("They may vote again.") == []
