"""Search snippets made in Python: the words of a text that the SQLite index matched, marked, in a passage.

FTS5's snippet() has to read the page's stretch of the index again and re-tokenize every row, about half a
millisecond a page of quotes; the rows' text is already at hand, and `porter.stem` tells which of its words
the index matched. One scan of a text finds the words that may match (those beginning like a query word's
stem); only those are stemmed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.store.porter import stem

MARK_START, MARK_END, ELLIPSIS = "<mark>", "</mark>", "…"
WORD = re.compile(r"[^\W_]+")  # a token of FTS5's unicode61 tokenizer: a run of letters and digits
SNIPPET_CHARS = 150  # about a sentence; a longer text shows this much around its matches, cut between words
MAX_ANCHORS = 32  # matches tried as a passage's first (bounds the work on a long text full of them)

Hit = tuple[int, int, bytes]  # start, end, stem


def fold(token: str) -> str:
    """Lower case without diacritics, as unicode61 with remove_diacritics folds a token."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True, slots=True)
class Terms:
    """A query's words as the index stores them, and patterns for the text words that may be one of them."""

    stems: frozenset[bytes]
    candidates: re.Pattern[str]  # over lower-cased text, where a literal prefix is searched fastest
    candidates_any_case: re.Pattern[str]

    def matches(self, text: str) -> list[Hit]:
        """(start, end, stem) of each word of `text` the index matched."""
        lowered = text.lower()
        if len(lowered) == len(text):
            found = self.candidates.finditer(lowered)
        else:  # lower-casing moved offsets (a few letters outside ASCII grow)
            found = self.candidates_any_case.finditer(text)
        hits = []
        for m in found:
            start = m.start()
            if start and text[start - 1].isalnum():  # the prefix began inside a word
                continue
            word_stem = stem(fold(m.group()))
            if word_stem in self.stems:
                hits.append((start, m.end(), word_stem))
        return hits


@lru_cache(maxsize=256)
def terms(query: str) -> Terms:
    """The stems of `query`'s words. A stem less its last letter begins every word that has it (Porter's
    rules only change a stem's last letter or add to it), so that prefix finds every candidate."""
    stems = frozenset(stem(fold(word)) for word in WORD.findall(query))
    prefixes = {s.decode()[:-1] or s.decode() for s in stems}
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    pattern = rf"(?:{alternatives})[^\W_]*"
    return Terms(stems, re.compile(pattern), re.compile(pattern, re.IGNORECASE))


def snippet(text: str, query: Terms, size: int = SNIPPET_CHARS) -> str:
    """`text` with the query's words in <mark>: whole when short, else the `size` characters with the most
    different query words (then the most matches), centred on them, with an ellipsis where it goes on.
    The text's start when nothing matches (a word the index folded in a way this scan does not)."""
    hits = query.matches(text)
    if len(text) <= size:
        return _marked(text, hits, 0, len(text))
    if hits:
        first, last = _best_passage(hits, size)
        start, end = hits[first][0], hits[last][1]
        begin = max(0, min(start - (size - (end - start)) // 2, len(text) - size))
        begin, finish = _between_words(text, begin, begin + size, start, end)
    else:
        begin, finish = _between_words(text, 0, size, 0, 0)
    shown = [h for h in hits if begin <= h[0] and h[1] <= finish]
    return (
        (ELLIPSIS if begin else "")
        + _marked(text, shown, begin, finish)
        + (ELLIPSIS if finish < len(text) else "")
    )


def _between_words(text: str, begin: int, finish: int, start: int, end: int) -> tuple[int, int]:
    """`begin` and `finish` moved in to the nearest spaces, keeping `start`..`end` inside."""
    if begin and not text[begin - 1].isspace():
        space = text.find(" ", begin, start)
        begin = space + 1 if space >= 0 else start
    if finish < len(text) and not text[finish].isspace():
        space = text.rfind(" ", max(begin, end), finish)
        finish = space if space > begin else max(finish, end)
    return begin, finish


def _best_passage(hits: list[Hit], size: int) -> tuple[int, int]:
    """Indexes of the first and last match of the best passage of `size` characters that starts at one."""
    anchors = hits[:1] if len({h[2] for h in hits}) == 1 else hits[:MAX_ANCHORS]
    best, best_score = (0, 0), (-1, -1)
    for i, (start, _, _) in enumerate(anchors):
        last = i
        while last + 1 < len(hits) and hits[last + 1][1] - start <= size:
            last += 1
        score = (len({h[2] for h in hits[i : last + 1]}), last + 1 - i)
        if score > best_score:
            best, best_score = (i, last), score
    return best


def _marked(text: str, hits: list[Hit], begin: int, finish: int) -> str:
    pieces = []
    position = begin
    for start, end, _ in hits:
        pieces += (text[position:start], MARK_START, text[start:end], MARK_END)
        position = end
    pieces.append(text[position:finish])
    return "".join(pieces)
