"""Titles and roles of people: "Russian President", "Syria's Ambassador to Russia", "Kremlin spokesman".

A role is read from the words right before a name (or in an apposition right after it): role words from
`data/roles.tsv`, named entities ("Syria's", "Russia"), and the few connectors that join them ("of", "to").
It must hold a head word ("president", "ambassador"), so ordinary words before a name never make a role.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

DATA = Path(__file__).resolve().parent / "data"
CONNECTORS = {"of", "to", "for", "at", "the", "-"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "prof."}
MAX_ROLE_TOKENS = 8


def _load() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    heads: set[str] = set()
    modifiers: set[str] = set()
    qualifiers: set[str] = set()
    for line in (DATA / "roles.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")[:2]
            (heads if kind == "head" else qualifiers if kind == "qualifier" else modifiers).add(word)
    return frozenset(heads), frozenset(modifiers | qualifiers), frozenset(qualifiers)


HEADS, MODIFIERS, QUALIFIERS = _load()
ROLE_WORDS = HEADS | MODIFIERS


def is_role_word(text: str) -> bool:
    """Whether a token's text is a title or role word ("President", "Sen.", "deputy")."""
    return text.lower() in ROLE_WORDS


def _role_token(doc: Doc, i: int, in_entity: list[bool]) -> bool:
    token = doc[i]
    return (
        token.lower_ in ROLE_WORDS
        or in_entity[i]
        or (token.tag_ == "POS" and i > 0 and in_entity[i - 1])
        or token.lower_ in CONNECTORS
    )


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The role tokens without connectors at either edge, if they still contain a head word."""
    while start < end and (doc[start].lower_ in CONNECTORS or doc[start].tag_ == "POS"):
        start += 1
    while end > start and doc[end - 1].lower_ in CONNECTORS:
        end -= 1
    if start == end or not any(doc[i].lower_ in HEADS for i in range(start, end)):
        return None
    return start, end


def role_before(doc: Doc, start: int, in_entity: list[bool]) -> tuple[int, int] | None:
    """Token range of the role written right before the name starting at `start`, if any."""
    i = start
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    while i > sent_start and start - i < MAX_ROLE_TOKENS and _role_token(doc, i - 1, in_entity):
        i -= 1
    if i == start or doc[start - 1].lower_ in CONNECTORS:
        return None
    if doc[start - 1].lower_ in HONORIFICS:
        return start - 1, start
    return _trim(doc, i, start)


def role_after(doc: Doc, end: int, in_entity: list[bool]) -> tuple[int, int] | None:
    """Token range of an apposition role after a name: "Haddad, Syria's ambassador to Moscow, said"."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    i = end + 1
    while i < len(doc) and i - end <= MAX_ROLE_TOKENS and _role_token(doc, i, in_entity):
        i += 1
    if i >= len(doc) or not doc[i].is_punct or doc[i - 1].lower_ not in HEADS:
        return None
    return _trim(doc, end + 1, i)


def leading_titles(doc: Doc, start: int, end: int) -> int:
    """How many tokens at the start of a person span are titles ("President Obama" -> 1); keeps one."""
    n = 0
    while start + n < end - 1 and (doc[start + n].lower_ in ROLE_WORDS or doc[start + n].is_punct):
        n += 1
    return n


def is_honorific(role: str) -> bool:
    """A bare courtesy title ("Mr", "Dr") names no office, so it never stands for the person alone."""
    return role.lower() in HONORIFICS
