"""Page furniture: the parts of a news text that are not the story's prose, as character spans.

Teaser lines ("READ MORE: ...", "Watch Roe"), photo credits ("Jane Roe/The Canadian Press", "Photo: Jane Roe /
Getty Images"), bylines ("By Jane Roe") and datelines ("OTTAWA (AP) —"). The NER reads names in them as people
of the story; this module is the one place that says where they are, so entities, quotes and claims can leave
them out. Pure: text in, spans out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from app.extract.bylines import BYLINE, MEDIA_WORDS
from app.inputs.wire import BYLINE_DOTTED, DATELINE, SENTENCE_END

Span = tuple[int, int, str]

TEASER = "teaser"
CREDIT = "credit"
BYLINE_KIND = "byline"
DATELINE_KIND = "dateline"
CREDIT_MIN_WORDS = 3  # a person's name and an agency: "Jane Roe/Reuters"
TEASER_MAX_WORDS = 12  # a title-case teaser without a colon is a short line ("Watch Roe")


def _words() -> dict[str, set[str]]:
    """`furniture_words.tsv`: kind -> its lowercase opening (or closing) words."""
    path = Path(__file__).resolve().parent / "data" / "furniture_words.tsv"
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")
            out.setdefault(kind, set()).add(word)
    return out


WORDS = _words()
_LINE = re.compile(r"(?m)^[ \t]*(?P<body>\S[^\n]*?)[ \t]*$")
_CAP = r"[A-Z][\w.'’&-]*"
# "Jane Roe/The Canadian Press", "AP Photo/Jane Roe", "Photo by Jane Roe / Getty Images"
_SLASH_CREDIT = re.compile(
    rf"(?:^|(?<=[\n(])|(?<=[.?!] ))(?P<left>{_CAP}(?:[ ]+{_CAP}){{0,4}})"
    rf"[ ]?/[ ]?(?P<right>{_CAP}(?:[ ]+{_CAP}){{0,4}})"
)
_TEASER_OPENING = re.compile(
    r"(?i)(?P<lead>" + "|".join(sorted(map(re.escape, WORDS[TEASER]), key=len, reverse=True)) + r")\b"
)
_CREDIT_OPENING = re.compile(
    r"(?i)(?P<lead>"
    + "|".join(sorted(map(re.escape, WORDS[CREDIT]), key=len, reverse=True))
    + r")(?:[ ]*:|[ ]+by\b)[^\n)]*"
)
_AFTER_LEAD = re.compile(r"[ \t]*(?:[:—–|-]|$)")


def _teaser(line: str) -> bool:
    """A line opening with a teaser word: followed by a colon or dash, in capitals ("WATCH ..."), or short
    and not a sentence ("Watch Roe")."""
    match = _TEASER_OPENING.match(line)
    if match is None:
        return False
    lead = match.group("lead")
    if _AFTER_LEAD.match(line, match.end()) or lead.isupper():
        return True
    rest = line[match.end() :].split()
    return lead[0].isupper() and 0 < len(rest) < TEASER_MAX_WORDS and not SENTENCE_END.search(line)


def _agency(right: str) -> bool:
    """One side of a credit's slash names an agency: it ends in a media or picture word ("The Canadian
    Press", "AP Photo", "Getty Images"), or is one word ("Reuters")."""
    words = right.split()
    last = words[-1].lower().rstrip(".")
    return len(words) == 1 or last in MEDIA_WORDS or last in WORDS["credit_end"]


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A credit closes a caption: it starts a line, follows a bracket or a sentence's end, and ends its line
    or bracket ("... on Monday. Jane Roe/The Canadian Press"), unlike "the Smith/Jones report"."""
    before = text[max(0, start - 2) : start]
    opens = start == 0 or before[-1:] in ("\n", "(") or before in (". ", "? ", "! ")
    closes = end == len(text) or text[end] in "\n)" or text[end:].startswith(("\r", ". "))
    return opens and closes


def _credits(text: str) -> list[Span]:
    out: list[Span] = []
    for match in _CREDIT_OPENING.finditer(text):
        at = match.start()
        if at == 0 or text[at - 1] in "\n( \t":
            out.append((match.start(), match.end(), CREDIT))
    for match in _SLASH_CREDIT.finditer(text):
        if not _stands_alone(text, match.start(), match.end()):
            continue
        left, right = match.group("left"), match.group("right")
        if len(left.split()) + len(right.split()) < CREDIT_MIN_WORDS:  # "AC/DC" is a name
            continue
        if _agency(right) or _agency(left):
            out.append((match.start(), match.end(), CREDIT))
    return out


def _lines(text: str) -> list[Span]:
    out: list[Span] = []
    for line in _LINE.finditer(text):
        start, end = line.span("body")
        if _teaser(line.group("body")):
            out.append((start, end, TEASER))
        elif dateline := DATELINE.match(text, start):
            out.append((dateline.start("dateline"), dateline.end("dateline"), DATELINE_KIND))
        if dotted := BYLINE_DOTTED.match(text, start):
            out.append((start, dotted.end("name"), BYLINE_KIND))
    out.extend((m.start(), m.end("names"), BYLINE_KIND) for m in BYLINE.finditer(text))
    return out


@lru_cache(maxsize=8)
def furniture_spans(text: str) -> list[Span]:
    """(start, end, kind) of every piece of furniture in `text`, sorted; kind is "teaser", "credit",
    "byline" or "dateline". Overlapping pieces are both kept."""
    return sorted(set(_lines(text) + _credits(text)))


def in_furniture(text: str, start: int, end: int) -> str | None:
    """The kind of the furniture that holds the characters [start, end) of `text`, if any."""
    for a, b, kind in furniture_spans(text):
        if a <= start and end <= b:
            return kind
    return None
