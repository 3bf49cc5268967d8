"""Search snippets made in Python: the words of a text that the SQLite index matched, marked, in a passage.

FTS5's snippet() has to read the page's stretch of the index again and re-tokenize every row, about half a
millisecond a page of quotes; the rows' text is already at hand. One scan of a text finds the words that may
match (those beginning like a query word's stem, and any word with a letter outside ASCII); only those are
reduced to the form the index stores, and compared.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from app.store.porter import stem

FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"  # as migration 0002 creates the search tables
MARK_START, MARK_END, ELLIPSIS = "<mark>", "</mark>", "…"
WORD = re.compile(r"[^\W_]+")  # a run of letters and digits, as unicode61 cuts text (bar combining marks)
NON_ASCII_LETTER = re.compile(r"[^\W_\x00-\x7f]")
NON_ASCII_WORD = re.compile(r"(?<![^\W_])[^\W_]*[^\W_\x00-\x7f][^\W_]*")
SPACE = re.compile(r"\s")
SNIPPET_CHARS = 150  # about a sentence; a longer text shows this much around its matches, cut between words
MAX_ANCHORS = 32  # matches tried as a passage's first (bounds the work on a long text full of them)
SEEN_WORDS = 4096  # words a query remembers the verdict on

Hit = tuple[int, int, bytes]  # start, end, the query term it matched


class _Tokenizer:
    """SQLite's own tokenizer, for words outside ASCII: unicode61 folds and splits them by tables of its own
    (Latin diacritics only, "ς" to "σ"), which Python's Unicode data does not reproduce."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def terms(self, word: str) -> frozenset[bytes]:
        with self._lock:
            if self._db is None:  # made on first use: most processes never meet such a word
                self._db = sqlite3.connect(":memory:", check_same_thread=False)
                self._db.text_factory = bytes  # a stem can end inside a character (Porter works on bytes)
                self._db.execute(f"CREATE VIRTUAL TABLE words USING fts5(word, tokenize='{FTS5_TOKENIZER}')")
                self._db.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(words, instance)")
            self._db.execute("INSERT INTO words(rowid, word) VALUES (1, ?)", (word,))
            found = frozenset(term for (term,) in self._db.execute("SELECT term FROM terms"))
            self._db.execute("DELETE FROM words")
        return found


_TOKENIZER = _Tokenizer()


@lru_cache(maxsize=65536)
def indexed(word: str) -> frozenset[bytes]:
    """The terms the index stores for `word`: Porter's stem of an ASCII word in lower case (`porter.stem`
    agrees with SQLite's), SQLite's own reading of any other."""
    if word.isascii():
        return frozenset((stem(word.lower()),))
    return _TOKENIZER.terms(word)


@dataclass(frozen=True, slots=True)
class Terms:
    """A query's words as the index stores them, and a pattern for the text words that may be one of them."""

    stems: frozenset[bytes]
    candidates: re.Pattern[str] | None  # over lower-cased text, where a literal prefix is searched fastest
    candidates_any_case: re.Pattern[str] | None
    _seen: dict[str, bytes | None] = field(default_factory=dict, compare=False, repr=False)  # word -> term

    def matches(self, text: str) -> list[Hit]:
        """(start, end, term) of each word of `text` the index matched, in order."""
        hits = []
        if self.candidates is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                scan = self.candidates.finditer(lowered)
            else:  # lower-casing moved offsets (a few letters outside ASCII grow)
                scan = self.candidates_any_case.finditer(text)
            for m in scan:
                start = m.start()
                if start and text[start - 1].isalnum():  # the prefix began inside a word
                    continue
                term = self._term(text[start : m.end()])
                if term is not None:
                    hits.append((start, m.end(), term))
        if NON_ASCII_LETTER.search(text):
            found = {hit[0] for hit in hits}
            for m in NON_ASCII_WORD.finditer(text):
                term = None if m.start() in found else self._term(m.group())
                if term is not None:
                    hits.append((m.start(), m.end(), term))
            hits.sort()
        return hits

    def _term(self, word: str) -> bytes | None:
        term = self._seen.get(word, b"")
        if term == b"":
            matched = indexed(word) & self.stems
            term = min(matched) if matched else None
            if len(self._seen) > SEEN_WORDS:
                self._seen.clear()
            self._seen[word] = term
        return term


@lru_cache(maxsize=256)
def terms(query: str) -> Terms:
    """The stems of `query`'s words. A stem less its last letter begins every word that has it (Porter's
    rules only change a stem's last letter or add to it), so that prefix finds every candidate written in
    ASCII; words with other letters are all candidates."""
    stems = frozenset(s for word in WORD.findall(query) for s in indexed(word))
    prefixes = {(s[:-1] or s).decode(errors="ignore") for s in stems} - {""}
    if not prefixes:
        return Terms(stems, None, None)
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    pattern = rf"(?:{alternatives})[^\W_]*"
    return Terms(stems, re.compile(pattern), re.compile(pattern, re.IGNORECASE))


def passage(texts: Sequence[str | None], query: Terms, size: int = SNIPPET_CHARS) -> str | None:
    """The snippet of the first of `texts` the query's words are found in (an article's title when its body
    has none of them), else the start of the first text; None when all are empty."""
    present = [text for text in texts if text]
    for text in present:
        hits = query.matches(text)
        if hits:
            return snippet(text, hits, size)
    return snippet(present[0], [], size) if present else None


def snippet(text: str, hits: list[Hit], size: int = SNIPPET_CHARS) -> str:
    """`text` with the `hits` in <mark>: whole when short, else about `size` characters around the hits,
    cut between words, with an ellipsis where the text goes on. The passage is the one with the most
    matches within `size` characters of its first (for a one-word query, its first match and those close
    after it); a single matched word longer than `size` is shown whole."""
    if len(text) <= size:
        return _marked(text, hits, 0, len(text))
    if hits:
        first, last = _best_passage(hits, size)
        start, end = hits[first][0], hits[last][1]
        begin = max(0, min(start - (size - (end - start)) // 2, len(text) - size))
        begin, finish = _between_words(text, begin, max(begin + size, end), start, end)
    else:
        begin, finish = _between_words(text, 0, size, 0, 0)
    shown = [h for h in hits if begin <= h[0] and h[1] <= finish]
    return (
        (ELLIPSIS if begin else "")
        + _marked(text, shown, begin, finish)
        + (ELLIPSIS if finish < len(text) else "")
    )


def _between_words(text: str, begin: int, finish: int, start: int, end: int) -> tuple[int, int]:
    """`begin` and `finish` moved in to the nearest white space, keeping `start`..`end` inside."""
    if begin and not text[begin - 1].isspace():
        space = SPACE.search(text, begin, start)
        begin = space.end() if space else start
    if finish < len(text) and not text[finish].isspace():
        spaces = [m.start() for m in SPACE.finditer(text, max(begin, end), finish)]
        if spaces:
            finish = spaces[-1]
        elif end > begin:  # no white space after the last match: end with it
            finish = end
    return begin, finish


def _best_passage(hits: list[Hit], size: int) -> tuple[int, int]:
    """Indexes of the first and last match of the passage of `size` characters, starting at a match, with
    the most different words matched, then the most matches."""
    words = [term for _, _, term in hits]
    anchors = 1 if len(set(words)) == 1 else min(len(hits), MAX_ANCHORS)
    best, best_score = (0, 0), (-1, -1)
    for i in range(anchors):
        start = hits[i][0]
        last = i
        while last + 1 < len(hits) and hits[last + 1][1] - start <= size:
            last += 1
        score = (len(set(words[i : last + 1])), last + 1 - i)
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
