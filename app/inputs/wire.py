"""Wire-copy conventions in plain text: a headline line, a dateline, a byline, and the body between them.

The text itself is never changed (stored offsets index it), so the conventions are read as spans: metadata
for the article, and a body span that extraction can keep quotes and claims within.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 24
# A line ending like this is a sentence of body text, not a headline.
SENTENCE_END = re.compile(r"[.,;:]['\"’”)]*$")

_WHERE = r"(?:,[ ]+[A-Z][\w.]*(?:[ ][\w.]+){0,2}){0,2}"  # ", N.Y.", ", Sept. 26"
_PLACE = rf"[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+)*{_WHERE}"
_TITLED_PLACE = rf"[A-Z][\w.'’-]+(?:[ ][A-Z][\w.'’-]+){{0,3}}{_WHERE}"  # "Washington (AFP)"
_AGENCY = r"\([A-Z][\w.&'’ -]{0,30}\)"
_DASH = r"(?:—|–|--|-)"
# The one dateline pattern (wire layout, sentence starts, claims, page furniture): "WASHINGTON (AP) — ",
# "(CNN) -- ", "LONDON, March 3 (Reuters) - ", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —", "Washington (AFP) – ",
# "NEW YORK — ". A place alone must be in capitals and before a long dash.
DATELINE = re.compile(
    rf"(?P<dateline>(?:(?:{_PLACE}|{_TITLED_PLACE})[ ]?)?{_AGENCY}"
    rf"|[A-Z][A-Z.'’-]{{2,}}(?:[ ][A-Z][A-Z.'’-]+)*{_WHERE}(?=[ ]+(?:—|–|--)))[ \t]*{_DASH}[ \t]+"
)
_NAME = r"[A-Z][\w'’.-]*(?:[ ]+(?:[A-Z][\w'’.-]*|and|de|da|van|von|der|la|le|bin|al))*"
# "By Press TV" (a line of its own), "By . Daily Mail Reporter . " (the Daily Mail's dotted form).
BYLINE_LINE = re.compile(rf"By[ ]+(?P<name>{_NAME}(?:,[ ]+{_NAME})?)[ ]*\.?[ \t]*$")
BYLINE_DOTTED = re.compile(rf"By[ ]+\.[ ]+(?P<name>{_NAME})[ ]+\.[ ]+")
# The Daily Mail's stamp after its byline: "PUBLISHED: . 12:00 EST, 1 January 2014 . | . UPDATED: . ... ."
STAMP = re.compile(
    r"(?:\|[ ]+\.[ ]+)?(?:PUBLISHED|UPDATED|Last updated at):?[ ]+\.?[ ]*[^.|\n]{0,40}?\d{4}[ ]+\.[ ]+"
)


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of the text: `text == article_text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class WireLayout:
    """Where the headline, dateline and byline are, if anywhere, and the body span between them."""

    body_start: int
    body_end: int
    headline: Part | None = None
    dateline: Part | None = None
    byline: Part | None = None

    @property
    def author(self) -> str | None:
        return self.byline.text if self.byline else None


def _line_at(text: str, start: int) -> tuple[int, int]:
    """The line starting at `start`, without its line break: (start, end)."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return start, end - 1 if end > start and text[end - 1] == "\r" else end


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _trim_end(text: str, end: int, floor: int) -> int:
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split() or " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def is_headline(line: str, title: str | None = None) -> bool:
    """A short first line that does not read as a sentence of body text, or one equal to the known title."""
    line = line.strip()
    if title and _same_words(line, title):
        return True
    if not line or len(line) > HEADLINE_MAX_CHARS or len(line.split()) > HEADLINE_MAX_WORDS:
        return False
    return not SENTENCE_END.search(line) and not DATELINE.match(line) and not BYLINE_LINE.match(line)


def _headline(text: str, start: int, title: str | None) -> Part | None:
    line_start, line_end = _line_at(text, start)
    rest = text[line_end:].strip()
    line = text[line_start:line_end]
    if not rest or not is_headline(line, title):
        return None
    end = _trim_end(text, line_end, line_start)
    return Part(text[line_start:end], line_start, end)


def _leading_byline(text: str, start: int) -> tuple[Part | None, int]:
    """A byline opening the body: `By . Name . ` inline, or `By Name` alone on its line."""
    dotted = BYLINE_DOTTED.match(text, start)
    if dotted:
        return Part(dotted["name"], dotted.start("name"), dotted.end("name")), dotted.end()
    line_start, line_end = _line_at(text, start)
    match = BYLINE_LINE.match(text[line_start:line_end])
    if match and text[line_end:].strip():
        return Part(match["name"], line_start + match.start("name"), line_start + match.end("name")), line_end
    return None, start


def _trailing_byline(text: str, floor: int) -> tuple[Part | None, int]:
    """A byline as the last line ("By Press TV"): the part, and where the body ends before it."""
    end = _trim_end(text, len(text), floor)
    line_start = text.rfind("\n", floor, end) + 1
    if line_start <= floor:
        return None, end
    match = BYLINE_LINE.match(text[line_start:end])
    if not match:
        return None, end
    name = Part(match["name"], line_start + match.start("name"), line_start + match.end("name"))
    return name, _trim_end(text, line_start, floor)


def read_layout(text: str, title: str | None = None) -> WireLayout:
    """The wire-copy parts of `text`; `title` (when known) recognises a headline line that repeats it."""
    position = _skip_space(text, 0)
    headline = _headline(text, position, title)
    if headline:
        position = _skip_space(text, headline.end)
    byline, position = _leading_byline(text, position)
    position = _skip_space(text, position)
    while stamp := STAMP.match(text, position):
        position = _skip_space(text, stamp.end())
    dateline = None
    if match := DATELINE.match(text, position):
        dateline = Part(match["dateline"], match.start("dateline"), match.end("dateline"))
        position = match.end()
    trailing, body_end = _trailing_byline(text, position)
    byline = byline or trailing
    return WireLayout(position, max(position, body_end), headline, dateline, byline)
