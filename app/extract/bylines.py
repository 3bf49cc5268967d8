"""Bylines: "By Press TV", "By Jane Roe and John Doe, Reuters" name the article's authors and publisher.

A byline stands on a line of its own, so the NER (which reads sentences) tends to miss it. A name that ends
in a media word ("TV", "News", "Times") or is a single word is a publisher (ORG); any other is a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

BYLINE = re.compile(r"(?m)^[ \t]*By[ \t]+(?P<names>[A-Z][^\n]{0,100}?)[ \t.]*$")
SEPARATORS = re.compile(r",\s*|\s+and\s+|\s*&\s*|\s+(?:in|for)\s+")
NAME = re.compile(r"^(?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|da))*$")
MEDIA_WORDS = frozenset(
    line.strip()
    for line in (Path(__file__).resolve().parent / "data" / "media_words.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)
MAX_WORDS = 5


def byline_names(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, type) of every name in the article's byline lines; type is "ORG" or "PERSON"."""
    for line in BYLINE.finditer(text):
        names = line.group("names")
        base = line.start("names")
        pos = 0
        for sep in [*SEPARATORS.finditer(names), None]:
            piece_end = sep.start() if sep else len(names)
            piece = names[pos:piece_end]
            if piece and NAME.match(piece) and len(piece.split()) <= MAX_WORDS:
                yield base + pos, base + piece_end, _type_of(piece)
            if sep:
                pos = sep.end()


def _type_of(name: str) -> str:
    words = name.split()
    last = words[-1]
    if last.lower() in MEDIA_WORDS or len(words) == 1:
        return "ORG"
    return "PERSON"
