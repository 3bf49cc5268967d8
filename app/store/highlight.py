"""Search snippets made in Python: the words of a text that the SQLite index matched, marked, in a passage.

FTS5's snippet() has to read the page's stretch of the index again and re-tokenize every row, about half a
millisecond a page of quotes; the rows' text is already at hand. In a text of ASCII letters (most English
news, curly quotes and dashes aside) one scan finds the words that begin like a query word's stem, and only
those are stemmed (`porter.stem` agrees with SQLite's). A text with any other letter or mark goes to SQLite
itself, through an in-memory FTS5 table with the same tokenizer: unicode61 folds and splits such words by
tables of its own (Latin diacritics only, "ς" as "σ", combining marks inside words) that Python's Unicode
data does not reproduce.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.store.porter import stem

FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"  # as migration 0002 creates the search tables
MARK_START, MARK_END, ELLIPSIS = "<mark>", "</mark>", "…"
WORD = re.compile(r"[^\W_]+")  # a run of letters and digits (one unicode61 token when it is ASCII)
# Anything but ASCII and the punctuation news is full of (Latin-1's signs, curly quotes, dashes, spaces)
BEYOND_ASCII = re.compile(r"[^\x00-\x7f\u00a0-\u00a9\u00ab-\u00b4\u00b6-\u00b9\u00bb-\u00bf\u2000-\u206f]")
HIGHLIGHTED = re.compile("[\x01\x02]")  # the marks the in-memory table's highlight() puts in
BREAK = re.compile(r"[^\S\u00a0\u2007\u202f]")  # white space a line may break at (not a no-break space)
SNIPPET_CHARS = 150  # about a sentence; a longer text shows this much around its matches, cut between words
MAX_ANCHORS = 32  # matches tried as a passage's first (bounds the work on a long text full of them)

Hit = tuple[int, int, bytes]  # start, end, the query term it matched


class _Index:
    """An in-memory FTS5 table with the search tables' tokenizer: SQLite's own reading of a word or text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _open(self) -> sqlite3.Connection:
        if self._db is None:  # made on first use: most processes never meet such a text
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
            self._db.text_factory = bytes  # a stem can end inside a character (Porter works on bytes)
            self._db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{FTS5_TOKENIZER}')")
            self._db.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(t, instance)")
        return self._db

    def terms(self, word: str) -> frozenset[bytes]:
        with self._lock:
            db = self._open()
            try:
                db.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", (word,))
                return frozenset(term for (term,) in db.execute("SELECT term FROM terms"))
            finally:
                db.execute("DELETE FROM t")

    def highlighted(self, text: str, match: str) -> str | None:
        """`text` with each match of the FTS5 expression `match` between \\x01 and \\x02; None if none."""
        with self._lock:
            db = self._open()
            try:
                db.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", (text,))
                sql = "SELECT highlight(t, 0, char(1), char(2)) FROM t WHERE t MATCH ?"
                row = db.execute(sql, (match,)).fetchone()
            except sqlite3.Error:  # a phrase of characters the tokenizer drops entirely
                row = None
            finally:
                db.execute("DELETE FROM t")
        return row[0].decode() if row else None


_INDEX = _Index()


@lru_cache(maxsize=65536)
def indexed(word: str) -> frozenset[bytes]:
    """The terms the index stores for `word`: Porter's stem of an ASCII word in lower case, SQLite's own
    reading of any other."""
    if word.isascii():
        return frozenset((stem(word.lower()),))
    return _INDEX.terms(word)


@dataclass(frozen=True, slots=True)
class Terms:
    """A query as the index reads it: the stems of its words, a pattern for the ASCII words of a text that
    may have one of them, and the FTS5 expression matching any of its words (for other texts)."""

    stems: frozenset[bytes]
    candidates: re.Pattern[str] | None
    any_word: str

    def matches(self, text: str) -> list[Hit]:
        """(start, end, stem) of each word of `text` the index matched, in order."""
        if BEYOND_ASCII.search(text):
            return self._sqlite_matches(text)
        hits: list[Hit] = []
        if self.candidates is None:
            return hits
        for m in self.candidates.finditer(text.lower()):  # an ASCII text keeps its offsets in lower case
            start = m.start()
            if start and text[start - 1].isalnum():  # the prefix began inside a word
                continue
            word_stem = stem(m.group())
            if word_stem in self.stems:
                hits.append((start, m.end(), word_stem))
        return hits

    def _sqlite_matches(self, text: str) -> list[Hit]:
        if HIGHLIGHTED.search(text):  # the text holds the very marks highlight() would add
            return []
        marked = _INDEX.highlighted(text, self.any_word)
        if marked is None:
            return []
        hits: list[Hit] = []
        start = 0
        for shift, m in enumerate(HIGHLIGHTED.finditer(marked)):
            if m.group() == "\x01":
                start = m.start() - shift
            else:
                end = m.start() - shift
                hits.append((start, end, text[start:end].casefold().encode()))
        return hits


@lru_cache(maxsize=256)
def terms(query: str, any_word: str) -> Terms:
    """`query`'s words as the index stores them; `any_word` is the FTS5 expression for any of them.

    A stem less its last letter begins every word that has it (Porter's rules only change a stem's last
    letter or add to it), so that prefix finds every candidate in an ASCII text."""
    stems = frozenset(s for word in WORD.findall(query) for s in indexed(word))
    prefixes = {(s[:-1] or s).decode() for s in stems if s.isascii()}
    if not prefixes:
        return Terms(stems, None, any_word)
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return Terms(stems, re.compile(rf"(?:{alternatives})[^\W_]*"), any_word)


def passage(texts: Sequence[str | None], query: Terms, size: int = SNIPPET_CHARS) -> str | None:
    """The snippet of the first of `texts` the query's words are found in (an article's title when its body
    has none of them), else the start of the first non-empty one; None when all are empty."""
    present = [text for text in texts if text]
    for text in present:
        hits = query.matches(text)
        if hits:
            return snippet(text, hits, size)
    return snippet(present[0], [], size) if present else None


def snippet(text: str, hits: list[Hit], size: int = SNIPPET_CHARS) -> str:
    """`text` with the `hits` in <mark>: whole when short, else about `size` characters around the hits
    with an ellipsis where the text goes on, cut at white space where there is some near the ends (text
    without spaces, as in Chinese, is cut anywhere). The passage is the one with the most different words
    matched within `size` characters of its first match (for a one-word query, its first match and those
    close after it). A single matched word longer than `size` is shown whole."""
    if len(text) <= size:
        return _marked(text, hits, 0, len(text))
    if hits:
        first, last = _best_passage(hits, size)
        start, end = hits[first][0], hits[last][1]
        begin = max(0, min(start - (size - (end - start)) // 2, len(text) - size))
        begin, finish = _at_breaks(text, begin, max(begin + size, end), start, end)
    else:
        begin, finish = _at_breaks(text, 0, size, 0, 0)
    shown = [h for h in hits if begin <= h[0] and h[1] <= finish]
    return (
        (ELLIPSIS if begin else "")
        + _marked(text, shown, begin, finish)
        + (ELLIPSIS if finish < len(text) else "")
    )


def _at_breaks(text: str, begin: int, finish: int, start: int, end: int) -> tuple[int, int]:
    """`begin` moved forward to just after white space and `finish` back to white space, when there is some
    between them and the matches (`start`..`end`, which stay inside); else where they were."""
    if begin and not text[begin - 1].isspace():
        space = BREAK.search(text, begin, start)
        if space:
            begin = space.end()
    if finish < len(text) and not text[finish].isspace():
        spaces = [m.start() for m in BREAK.finditer(text, max(begin, end), finish)]
        if spaces:
            finish = spaces[-1]
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
