"""Figures in news text, parsed: value, unit, scale, ranges, shares, and whether the figure is approximate.

A pure function over plain text (no spaCy) so that claims, storage and tests share one reading of
"about 250,000 people", "30-40 years", "$1.13bn", "£600m", "12%" and "nearly half". Years and calendar
dates are not quantities (dates.py reads those); neither are ordinals, times, or numbers inside names
("G20", "COVID-19").
"""

from __future__ import annotations

import re
from functools import cache

from app.extract import dates
from app.extract.datafiles import rows
from app.extract.dates import SMALL_NUMBERS, either_case
from app.extract.records import Quantity

SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
}
# Abbreviated scales read only after a currency ("£600m" is money; "a 10m wall" is metres).
CURRENCY_ONLY_SCALES = {"k", "m", "b"}
WORD_NUMBERS = {
    **SMALL_NUMBERS,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
MONTHS = "|".join((*dates.MONTHS, *(a for a in dates.MONTH_ABBREVIATIONS if a != "may")))
# Words between a number and what it counts ("190,000 new jobs", "two successive quarters").
ADJECTIVES = frozenset(
    {
        "new",
        "more",
        "extra",
        "additional",
        "other",
        "successive",
        "consecutive",
        "straight",
        "full",
        "whole",
        "separate",
        "different",
        "small",
        "large",
        "big",
        "major",
        "young",
        "old",
        "foreign",
        "local",
        "civilian",
        "former",
        "current",
        "retail",
    }
)
ADJECTIVE_ENDINGS = ("ive", "al", "ous", "ful", "ic", "ary", "ian", "ish")
# Words after a number that are not what it counts.
NOT_UNITS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "do",
        "does",
        "did",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "per",
        "each",
        "more",
        "less",
        "most",
        "least",
        "times",
        "percent",
        "am",
        "pm",
        "gmt",
        "bst",
        "utc",
        "after",
        "before",
        "since",
        "until",
        "ago",
        "earlier",
        "later",
    }
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDNUM = rf"(?:{either_case(_TENS)})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|" + either_case(
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|dozen|half\\s+an?|a"
)
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|m|k|b)\b)"
_PERCENT = r"(?:\s?%|\s(?:per\s?cent|percent|percentage\s+points?)\b)"


@cache
def _table() -> tuple[dict[str, str], dict[str, str], dict[str, str], list[str]]:
    """The unit table and approximator list from app/extract/data, read once."""
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    context: dict[str, str] = {}
    kinds = {"prefix": prefix, "suffix": suffix, "context": context}
    for kind, surface, unit in rows("units.tsv", "\t"):
        kinds[kind][surface] = unit
    approx = [line[0] for line in rows("approximators.txt", "\n")]
    return prefix, suffix, context, approx


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled once: figures (with currency, scale, range, percent), shares, and the unit after a figure."""
    prefix, suffix, _, approx = _table()
    cur = "|".join(re.escape(p.upper()) for p in sorted(prefix, key=len, reverse=True))
    approx_re = either_case("|".join(a.replace(" ", "\\s+") for a in sorted(approx, key=len, reverse=True)))
    num = rf"(?:{_DIGITS}|\b(?:{_WORDNUM})\b)"
    figure = re.compile(
        rf"(?P<approx>\b(?:{approx_re})\s+)?(?P<between>\b[Bb]etween\s+)?"
        rf"(?:(?P<cur>{cur})\s?)?(?P<n1>{num})(?P<s1>{_SCALE})?"
        rf"(?:(?P<sep>\s?[-–—]\s?|\s+to\s+|(?(between)\s+and\s+|(?!)))"
        rf"(?P<cur2>{cur})?(?P<n2>{num})(?P<s2>{_SCALE})?)?"
        rf"(?P<pct>{_PERCENT})?"
    )
    share = re.compile(
        rf"(?P<approx>\b(?:{approx_re})\s+)?(?:(?:\b(?P<num>{either_case('a|one|two|three|four|five|nine')})[\s-]"
        rf"(?P<frac>half|thirds?|quarters?|fifths?|tenths?)|\b(?P<half>[Hh]alf))\b(?=\s+of\b)"
        rf"|\b(?P<one>{either_case(_SMALL)}|\d+)\s+(?:in|out\s+of)\s+(?P<every>\w+)\b)"
    )
    words = "|".join(re.escape(s) for s in sorted(suffix, key=len, reverse=True) if not s[0].isalnum())
    unit = re.compile(
        rf"(?P<sym>{words})|(?:\s+|(?=km|kg|mph|mm|cm))(?P<word>[a-z][a-z/]*(?:\s(?:points?|dollars|sterling))?)"
    )
    return figure, share, unit


_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_LEFT_NAME = re.compile(r"[A-Za-z][-/]?$|\d/$")
_INDEX_NAME = re.compile(r"\b[A-Z]{3,}\s$")
_RIGHT_ATTACHED = re.compile(r"^(?:(?!(?:km|kg|mph|mm|cm|bn|mn|tn|m|k|b)\b)[A-Za-z]|[:/]\d|-[A-Za-z])")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:{MONTHS})\b", re.IGNORECASE)
_TIME_AFTER = re.compile(r"^\s*(?:a\.?m\.?|p\.?m\.?|gmt|bst|hrs)\b", re.IGNORECASE)


def _number(text: str) -> float | None:
    """The value of one numeral written in digits or words ("1,200", "2.5", "twenty-five")."""
    low = text.lower()
    if low.startswith("half"):
        return 0.5
    if low in WORD_NUMBERS:
        return WORD_NUMBERS[low]
    if "-" in low:
        tens, _, ones = low.partition("-")
        return WORD_NUMBERS[tens] + WORD_NUMBERS[ones]
    try:
        return float(low.replace(",", ""))
    except ValueError:
        return None


def _scaled(number: str, scale: str | None) -> float | None:
    value = _number(number)
    if value is not None and scale:
        value *= SCALES[scale.strip().lower()]
    return value


def _tidy(value: float) -> float:
    """Whole values as int so that 250000 prints as 250000, not 250000.0 (nor 8199999999.999999)."""
    whole = round(value)
    if abs(value - whole) <= 1e-9 * max(1.0, abs(value)):
        return int(whole)
    return round(value, 6)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _unit_after(text: str, end: int) -> tuple[str | None, int]:
    """The unit written just after a figure ("people", "years", "km"), and where it ends."""
    _, suffix, _, _ = _table()
    _, _, unit = _patterns()
    match = unit.match(text, end)
    if match is None:
        return None, end
    if match["sym"]:
        return suffix[match["sym"].lower()], match.end()
    word = match["word"].lower()
    if word in suffix:
        return suffix[word], match.end()
    first = word.split()[0]
    if first in suffix:
        return suffix[first], match.start("word") + len(first)
    if first in NOT_UNITS or first.endswith(("ly", "ed", "ing", "est")) or len(first) < 3:
        return None, end
    if first in ADJECTIVES or first.endswith(ADJECTIVE_ENDINGS):
        return _unit_after(text, match.start("word") + len(first))
    return _singular(first), match.start("word") + len(first)


@cache
def _context_patterns() -> list[tuple[re.Pattern[str], str]]:
    """A context phrase also with words between its ends ("population ... of", "death toll rose to")."""
    _, _, context, _ = _table()
    out = []
    for phrase, unit in context.items():
        first, last = re.escape(phrase.split()[0]), re.escape(phrase.split()[-1])
        out.append((re.compile(rf"\b{first}\b(?:\s+\w+){{0,3}}?\s+{last}\s*$"), unit))
    return out


_POSSESSIVE = re.compile(r"[’']s\b")


def _unit_before(text: str, start: int) -> str | None:
    """What a figure counts when the noun comes before it ("a population of 23 million")."""
    window = _POSSESSIVE.sub("", text[max(0, start - 40) : start].lower())
    return next((unit for pattern, unit in _context_patterns() if pattern.search(window)), None)


def _is_date_or_name(text: str, m: re.Match[str]) -> bool:
    """Years, days of the month, clock times, ordinals and numbers inside names are not quantities."""
    start, end = m.start("n1"), m.end()
    if _LEFT_NAME.search(text[max(0, start - 2) : start]) or _RIGHT_ATTACHED.match(text[end : end + 3]):
        return True
    if not (m["cur"] or m["pct"]) and _INDEX_NAME.search(text[max(0, start - 8) : start]):
        return True
    if _MONTH_BEFORE.search(text[max(0, start - 12) : start]) or _MONTH_AFTER.match(text[end : end + 12]):
        return True
    if _TIME_AFTER.match(text[end : end + 6]):
        return True
    n1 = m["n1"]
    plain = not (m["cur"] or m["s1"] or m["pct"] or m["approx"])
    if plain and _YEAR.fullmatch(n1):
        unit, _ = _unit_after(text, m.end())
        return unit not in set(_table()[1].values())
    return plain and m["sep"] is not None and _YEAR.fullmatch(m["n2"] or "") is not None


def _bare_abbreviation(m: re.Match[str]) -> bool:
    """ "600m" with no currency before it: a scale only when a counted noun follows ("3.5m people")."""
    scale = (m["s2"] or m["s1"] or "").strip().lower()
    return scale in CURRENCY_ONLY_SCALES and not (m["cur"] or m["cur2"])


def _figure(text: str, m: re.Match[str]) -> Quantity | None:
    """One figure match as a Quantity, or None where it is a bare word number or a date."""
    prefix, _, _, _ = _table()
    n1, n2 = m["n1"], m["n2"]
    wordy = not n1[0].isdigit() and n1[0] != "."
    if wordy and not m["s1"] and n1.lower() in {"a", "one"}:
        return None
    if _bare_abbreviation(m) and _unit_after(text, m.end())[0] is None:
        return None
    if _is_date_or_name(text, m):
        return None
    scale2 = m["s2"] or m["s1"]
    scale1 = m["s1"] or (m["s2"] if n2 else None)
    low = _scaled(n1, scale1)
    if low is None:
        return None
    value: float | list[float] = _tidy(low)
    if n2:
        high = _scaled(n2, scale2)
        if high is None or high < low:
            return None
        value = [_tidy(low), _tidy(high)]
    end = m.end()
    currency = m["cur"] or m["cur2"]
    if m["pct"]:
        unit = "percent" if "point" not in m["pct"].lower() else "percentage point"
    elif currency:
        unit = prefix[currency.lower()]
    else:
        unit, end = _unit_after(text, end)
        if unit is None:
            unit = _unit_before(text, m.start())
    if wordy and unit is None and not m["s1"]:
        return None
    start = m.start()
    if m["between"] and not m["approx"] and not n2:
        start = m.start("cur") if m["cur"] else m.start("n1")
    return Quantity(
        text=text[start:end], start=start, end=end, value=value, unit=unit, approximate=bool(m["approx"])
    )


def _share(text: str, m: re.Match[str]) -> Quantity | None:
    """ "nearly half of", "two-thirds of", "one in five": a share of a whole, in [0, 1]."""
    if m["half"]:
        value = 0.5
    elif m["frac"]:
        value = WORD_NUMBERS[m["num"].lower()] / FRACTIONS[m["frac"].lower()]
    else:
        one, every = _number(m["one"]), _number(m["every"])
        if not one or not every or one >= every:
            return None
        value = one / every
    start = m.start()
    return Quantity(
        text=text[start : m.end()],
        start=start,
        end=m.end(),
        value=_tidy(round(value, 4)),
        unit="share",
        approximate=bool(m["approx"]),
    )


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text`; overlapping readings keep the longer."""
    figure, share, _ = _patterns()
    found = [q for q in (_share(text, m) for m in share.finditer(text)) if q]
    taken = [(q.start, q.end) for q in found]
    for m in figure.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        parts = [q for q in (_figure(text, part) for part in _change_parts(text, m) or [m]) if q is not None]
        if len(parts) == 2 and parts[0].unit is None:
            parts[0].unit = parts[1].unit
        found.extend(parts)
    return sorted(found, key=lambda q: q.start)


_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)


def _change_parts(text: str, m: re.Match[str]) -> list[re.Match[str]]:
    """ "from 157,000 to 133,000" is a change between two figures, not a range: read each on its own."""
    before = text[max(0, m.start() - 6) : m.start()]
    if not m["n2"] or m["sep"].strip().lower() != "to" or not _FROM.search(before):
        return []
    figure, _, _ = _patterns()
    second = m.start("cur2") if m["cur2"] else m.start("n2")
    parts = [figure.match(text, m.start(), m.start("sep")), figure.match(text, second, m.end())]
    return [p for p in parts if p is not None]
