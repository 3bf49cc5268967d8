"""Dates in news text, resolved against the article's publication date.

News writes time relative to the day it appears: "on Monday" in a paper of Tuesday 2015-09-15 is
2015-09-14 (the most recent such day on or before publication), "yesterday" the day before, "last
week" the week before. A pure function over plain text so claims, quotes and tests share it. Each date
is resolved to ISO 8601 at the precision the text gives: "2015-09-14", "2015-W37", "2011-03", "2011".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
UNITS_AGO = {"day": 1, "days": 1, "week": 7, "weeks": 7}
SMALL_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


@dataclass(slots=True, frozen=True)
class DateMention:
    """A date written in the text (`text == article[start:end]`) and its resolved ISO 8601 value."""

    text: str
    start: int
    end: int
    value: str


def either_case(words: str) -> str:
    """An alternation whose words may open a sentence ("Last week"); cheaper than a case-blind pattern."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split("|"))


@cache
def _pattern() -> re.Pattern[str]:
    """One alternation over every form, compiled once; the named group that matched says which form."""
    weekday = "|".join(w.capitalize() for w in WEEKDAYS)
    names = [*MONTHS, *(m for m in MONTH_ABBREVIATIONS if m != "may")]
    month = "|".join(m.capitalize() for m in names)
    day = r"(?P<{}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?P<{}>1[89]\d\d|20\d\d)"
    which = either_case("last|this|next|on|since|by|until|from|early|late")
    plain = either_case(
        "today|tonight|yesterday|tomorrow|last\\s+night|this\\s+(?:morning|afternoon|evening)"
    )
    count = either_case("an?|one|two|three|four|five|six|seven|eight|nine|ten")
    before_month = either_case("in|since|until|by|early|late|mid-?")
    before_year = either_case("in|since|until|by|from|during|before|after|of|the|early|late|mid-?")
    return re.compile(
        "|".join(
            [
                rf"\b(?P<dmy>{day.format('d1')}\s+(?P<m1>{month})\.?(?:,?\s+{year.format('y1')})?)\b",
                rf"\b(?P<mdy>(?P<m2>{month})\.?\s+{day.format('d2')}(?:,?\s+{year.format('y2')})?)\b(?!:)",
                rf"\b(?P<my>(?P<m3>{month})\.?,?\s+{year.format('y3')})\b",
                rf"\b(?P<rel_day>(?:(?P<which>{which})\s+)?(?P<wd>{weekday}))\b",
                rf"\b(?P<plain>{plain})\b",
                rf"\b(?P<period>(?P<pw>{either_case('last|this|next')})\s+(?P<unit>week|month|year))\b",
                rf"\b(?P<ago>(?P<n>\d+|{count})\s+(?P<agounit>days?|weeks?)\s+ago)\b",
                rf"\b(?P<inmonth>(?:{before_month})\s+(?P<m4>{month}))\b(?!\s+\d)",
                rf"\b(?P<year>(?:{before_year})\s+{year.format('y4')})\b(?![,\d]|s\b)",
            ]
        )
    )


def _month(name: str) -> int:
    low = name.lower().rstrip(".")
    if low in MONTHS:
        return MONTHS.index(low) + 1
    return MONTH_ABBREVIATIONS[low if low == "sept" else low[:3]]


def _weekday(published: date, name: str, which: str) -> date:
    """The named weekday nearest the publication date in the direction news means by `which`."""
    target = WEEKDAYS.index(name.lower())
    back = (published.weekday() - target) % 7
    if which == "last":
        return published - timedelta(days=back or 7)
    if which == "next":
        return published + timedelta(days=(target - published.weekday()) % 7 or 7)
    if which == "this" and back:
        return published + timedelta(days=(target - published.weekday()) % 7)
    return published - timedelta(days=back)


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def _year_for(month: int, published: date | None) -> int | None:
    """A month named without a year is the latest one not after publication ("in March", written in May)."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _resolve(m: re.Match[str], published: date | None) -> str | None:
    """The ISO value of one match, or None where it needs a publication date that is unknown."""
    if m["dmy"] or m["mdy"]:
        day, month, year = (m["d1"], m["m1"], m["y1"]) if m["dmy"] else (m["d2"], m["m2"], m["y2"])
        number = _month(month)
        resolved_year = int(year) if year else _year_for(number, published)
        if resolved_year is None:
            return None
        try:
            return date(resolved_year, number, int(day)).isoformat()
        except ValueError:
            return None
    if m["my"]:
        return f"{m['y3']}-{_month(m['m3']):02d}"
    if m["year"]:
        return m["y4"]
    if published is None:
        return None
    if m["inmonth"]:
        number = _month(m["m4"])
        return f"{_year_for(number, published)}-{number:02d}"
    if m["rel_day"]:
        return _weekday(published, m["wd"], (m["which"] or "on").lower()).isoformat()
    if m["plain"]:
        word = m["plain"].lower()
        shift = -1 if word == "yesterday" or word.startswith("last") else 1 if word == "tomorrow" else 0
        return (published + timedelta(days=shift)).isoformat()
    if m["period"]:
        step = {"last": -1, "this": 0, "next": 1}[m["pw"].lower()]
        unit = m["unit"].lower()
        if unit == "week":
            return _iso_week(published + timedelta(days=7 * step))
        if unit == "month":
            return _shift_month(published, step)
        return str(published.year + step)
    count = int(m["n"]) if m["n"].isdigit() else SMALL_NUMBERS[m["n"].lower()]
    return (published - timedelta(days=count * UNITS_AGO[m["agounit"].lower()])).isoformat()


_LEAD = re.compile(r"(?:on|in|since|by|until|from|during|before|after|of|the)\s+", re.IGNORECASE)


def _trimmed(text: str, m: re.Match[str]) -> tuple[int, int]:
    """The date's own words, without the preposition that introduced it ("on Monday" -> "Monday")."""
    start, end = m.start(), m.end()
    lead = _LEAD.match(text, start, end)
    return (lead.end() if lead else start), end


def resolve_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date in `text` that can be resolved, in order; relative ones need `published`."""
    found = []
    for m in _pattern().finditer(text):
        value = _resolve(m, published)
        if value is not None:
            start, end = _trimmed(text, m)
            found.append(DateMention(text[start:end], start, end, value))
    return found
