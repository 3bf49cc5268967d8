"""Quoted stretches of an article, found on the raw text before any parse.

Pairing quotation marks is a character-level job: the tokenizer and the sentence splitter both stumble on
quotes that run over several sentences or paragraphs. News style is regular enough for one left-to-right scan
per paragraph: curly marks say which way they face, straight ones are read from their neighbours, and a
paragraph that opens a quote without closing it hands the quote on to the next paragraph when that one opens
with a quotation mark again (or, where paragraphs arrive run together, when a straight mark opens a new
sentence inside the open quote: '"A. "B."'). Curly marks nest (“he called it “hell” twice”); straight ones
cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = re.compile(r"''|``|[\"“”„«»]")
OPENING = {"“", "„", "«", "``"}
CLOSING = {"”", "»"}
# Straight marks face the way their neighbours say: space or an opening bracket before, a word after -> opens.
OPENS_AFTER = set(" \t\n([{—–-/")
PARAGRAPH = re.compile(r"\n+")
ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|No)\.$")


@dataclass(slots=True)
class QuotedSpan:
    """Text between a pair of quotation marks: `start`/`end` include the marks, `inner_*` exclude them.

    `chain` is shared by the pieces of one quotation running over several paragraphs; `closed` is False for
    a piece whose paragraph ends before its closing mark.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    chain: int
    closed: bool = True


def _faces_open(text: str, at: int, mark: str) -> bool | None:
    """Whether a mark opens (True), closes (False) or cannot tell (None) from its own shape and neighbours."""
    if mark in OPENING:
        return True
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(mark)] if at + len(mark) < len(text) else " "
    if mark in CLOSING:
        # A closing mark opening a paragraph before a word is a typo for an opening one (”We will ...).
        return (at == 0 or before == "\n") and after.isalnum()
    if before in OPENS_AFTER and not after.isspace():
        return True
    if after.isspace() or after in ".,;:!?)]}—–-":
        return False
    return None


def _after_sentence(text: str, inside: int, at: int) -> bool:
    """Whether the straight mark at `at` follows a finished sentence of the open quote ("... easy life. "I
    think"), not an abbreviation ("the U.S. "system"")."""
    before = text[inside:at].rstrip()
    if len(before) == at - inside or before[-1:] not in {".", "!", "?"}:
        return False
    words = before.split()
    return not (words and ABBREVIATION.match(words[-1]))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: news text puts one paragraph per line."""
    spans, at = [], 0
    for gap in PARAGRAPH.finditer(text):
        if gap.start() > at:
            spans.append((at, gap.start()))
        at = gap.end()
    if at < len(text):
        spans.append((at, len(text)))
    return spans


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


@dataclass(slots=True)
class _Scan:
    """One paragraph read left to right: its spans, the chain count after it, and the quote left open."""

    spans: list[QuotedSpan]
    chain: int
    opened: tuple[int, int] | None = None
    depth: int = 0


def _scan(text: str, marks: list[re.Match[str]], chain: int, continues: bool, curly_runs: bool) -> _Scan:
    """Pair one paragraph's marks. A mark that opens a new sentence inside the open quote starts its next
    piece ('"A. "B."': paragraphs run together); a curly one only when `curly_runs`, since curly marks may
    nest ("It was fine. “Hell” is what he called it")."""
    scan = _Scan([], chain)
    for match in marks:
        at, mark = match.start(), match.group()
        facing = _faces_open(text, at, mark)
        if scan.opened is None:
            if facing is False:
                continue
            if not continues:
                scan.chain += 1
            continues = False
            scan.opened = (at, match.end())
            continue
        runs_on = mark == '"' or (curly_runs and mark in OPENING)
        if runs_on and facing is True and not scan.depth and _after_sentence(text, scan.opened[1], at):
            end = _trimmed_end(text, scan.opened[1], at)
            scan.spans.append(QuotedSpan(scan.opened[0], end, scan.opened[1], end, scan.chain, closed=False))
            scan.opened = (at, match.end())
            continue
        if mark in OPENING:
            scan.depth += 1
            continue
        if facing is True:
            scan.opened = (at, match.end())
            scan.chain += 1
            continue
        if scan.depth:
            scan.depth -= 1
            continue
        scan.spans.append(QuotedSpan(scan.opened[0], match.end(), scan.opened[1], at, scan.chain))
        scan.opened = None
    return scan


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of `text`, in order; unbalanced marks are dropped rather than guessed at."""
    spans: list[QuotedSpan] = []
    chain = 0
    carried = False
    for para_start, para_end in _paragraphs(text):
        marks = list(MARK.finditer(text, para_start, para_end))
        continues = carried and bool(marks) and marks[0].start() == para_start
        scan = _scan(text, marks, chain, continues, curly_runs=False)
        if scan.opened is not None:  # a quote the paragraph leaves open may be paragraphs run together
            scan = _scan(text, marks, chain, continues, curly_runs=True)
        spans += scan.spans
        chain = scan.chain
        carried = scan.opened is not None
        if scan.opened is not None:
            end = _trimmed_end(text, scan.opened[1], para_end)
            spans.append(QuotedSpan(scan.opened[0], end, scan.opened[1], end, chain, closed=False))
    return spans
