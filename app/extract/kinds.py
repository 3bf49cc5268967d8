"""What kind of thing a name is, by the common noun the article writes beside it.

News introduces a name it does not expect the reader to know with a noun that says what it is: "monitoring
firm Quorvex", "the sport's ruling body the IWSF", "bands such as Morrow and Kestrel", "the Morning Ledger
newspaper", "whose Hatfield constituency". The small model often misses such names or mistypes them; the
noun is better evidence than its label. The nouns are in `data/kind_nouns.tsv`; this module only reads the
text around a token range and never changes the Doc.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token

from app.extract import dates
from app.extract.datafiles import rows
from app.extract.gender import first_names

LIST_JOINERS = {",", "and", "or"}
LIST_INTRODUCERS = {"like", "including"}  # "networks like A and B"; "such as" and "such X as" apart
SKIPPED_BEFORE = {"the", "'", '"', "‘", "“"}  # "body the IWSF", "the magazine 'Quill'"
CALENDAR = set(dates.WEEKDAYS) | set(dates.MONTHS)
FUNCTION_POS = {"DET", "ADP", "CCONJ", "SCONJ", "PRON", "PART", "AUX"}  # "The", not "First" of "First Direct"
ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
MAX_NAME = 4


@cache
def _kinds() -> dict[tuple[str, str], str]:
    """(noun, side) -> type, side being "before" or "after"; "both" rows give both."""
    out = {}
    for noun, label, where in rows("kind_nouns.tsv", "\t"):
        for side in ("before", "after") if where == "both" else (where,):
            out[(noun, side)] = label
    return out


def _kind(token: Token, side: str) -> str | None:
    """The type a common noun gives a name on its `side`, by the word or its lemma ("bands"); lowercase, or
    capitalised only where it opens a sentence or a quotation ("Networks like ...")."""
    opening = token.is_title and (token.is_sent_start or (token.i > 0 and token.nbor(-1).is_quote))
    if not token.is_alpha or not (token.is_lower or opening):
        return None
    kinds = _kinds()
    return kinds.get((token.lower_, side)) or kinds.get((token.lemma_.lower(), side))


def is_name_token(token: Token) -> bool:
    """A word that can be part of a name: capitalised or with a capital inside ("eDonkey", "BSkyB", "O2"),
    not a function word ("The"), an acronym's plural ("SUVs"), a weekday or a month."""
    text = token.text
    return (
        not (token.is_stop and token.pos_ in FUNCTION_POS)
        and not ACRONYM_PLURAL.match(text)
        and (text[:1].isupper() or (token.pos_ == "PROPN" and any(c.isupper() for c in text)))
        and any(c.isalpha() for c in text)
        and token.lower_ not in CALENDAR
    )


def _run_start(doc: Doc, i: int) -> int:
    """The first token of the run of name words ending at `i`."""
    start = i
    while start > 0 and i - start + 1 < MAX_NAME and is_name_token(doc[start - 1]):
        start -= 1
    return start


def _run_end(doc: Doc, i: int) -> int:
    """One past the run of name words starting at `i`."""
    end = i + 1
    while end < len(doc) and end - i < MAX_NAME and is_name_token(doc[end]):
        end += 1
    return end


def list_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The first token and the end of the list of names the range is an item of ("Morrow, Kestrel and Franz
    Ellery"), by the text: names joined by commas, "and" or "or". A name alone is its own list."""
    first = start
    while first >= 2 and doc[first - 1].lower_ in LIST_JOINERS:
        k = first - 1
        if doc[k - 1].lower_ in LIST_JOINERS:  # ", and"
            k -= 1
        if k < 1 or not is_name_token(doc[k - 1]):
            break
        first = _run_start(doc, k - 1)
    last = end
    while last + 1 < len(doc) and doc[last].lower_ in LIST_JOINERS:
        k = last + 1
        if doc[k].lower_ in LIST_JOINERS and k + 1 < len(doc):  # ", and"
            k += 1
        if not is_name_token(doc[k]):
            break
        last = _run_end(doc, k)
    return first, last


def _before(doc: Doc, first: int, end: int, listed: bool) -> str | None:
    """The kind a noun written before the name (or its list) gives: "firm Quorvex", "body the IWSF", "bands
    such as ...", "networks like ...", "such bands as ...". One name that opens with a known first name is
    typed a thing only by a noun that modifies it, with no article of its own: "the company Jane Roe
    founded" is a person's, "indie band Snow Patrol" a band."""
    i = first - 1
    last = doc[end - 1]
    if last.dep_ == "compound" and last.head.i >= end:
        return None  # "its sister Xiluodu dam": the name modifies the noun after it
    if listed and i >= 2 and doc[i].lower_ == "as":
        if doc[i - 1].lower_ == "such":
            return _kind(doc[i - 2], "before")  # "bands such as"
        if doc[i - 2].lower_ == "such":
            return _kind(doc[i - 1], "before")  # "such bands as"
        return None
    if listed and i >= 1 and doc[i].lower_ in LIST_INTRODUCERS:
        return _kind(doc[i - 1], "before")
    while i >= 0 and (doc[i].lower_ in SKIPPED_BEFORE or doc[i].is_quote):
        i -= 1
    if i < 0 or (found := _kind(doc[i], "before")) is None:
        return None
    person_like = found != "PERSON" and not listed and doc[first].lower_ in first_names()
    if person_like and not (doc[i].dep_ == "compound" and first <= doc[i].head.i < end):
        return None  # "the company Jane Roe founded"; "indie band Snow Patrol" is a band
    return found


def _appositive(doc: Doc, end: int) -> str | None:
    """The kind of the noun a name stands in apposition to ("the biggest newspaper, the Tamil Dina Varta")."""
    token = doc[end - 1]
    if token.dep_ != "appos" or token.head.i >= token.i:
        return None
    return _kind(token.head, "before")


def kind_of(doc: Doc, start: int, end: int, after: bool = True) -> str | None:
    """The type the article's own nouns give the name in tokens [start, end), or None: a noun just before it
    or its list, one it stands in apposition to, or (`after`) one right after it or its list, the name its
    compound. A nationality before a noun ("the Basque newspaper") describes it: the caller says `after`. One
    name before a plural product noun is its maker ("Nokia smartphones"); a list of names, its models ("the
    Fusion and Zephyr models")."""
    first, last = list_bounds(doc, start, end)
    listed = first < start or last > end
    found = _before(doc, first, end, listed)
    if found is None and (doc[start].lower_ not in first_names() or doc[start - 1].text == ","):
        found = _appositive(doc, end)  # "one maker, Forest Labs"; not "the company Jane Roe founded"
    if found or not after or last >= len(doc):
        return found
    after = doc[last]
    if not any(token.head.i == after.i for token in doc[first:last]):
        return None
    found = _kind(after, "after")
    if found == "PRODUCT" and not listed and after.tag_ == "NNS":
        return None  # "some Nokia smartphones": a maker's name before its products
    return found
