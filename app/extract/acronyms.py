"""Acronyms and the names they abbreviate: "Collective Security Treaty Organization (CSTO)".

News introduces an acronym in brackets after the full name, or relies on the reader to see the initials;
both tie the short form to the long one within an article.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]*[A-Z0-9.]$")
ACRONYM_IN_TEXT = re.compile(r"(?<![\w.&-])[A-Z][A-Z0-9&.-]*[A-Z0-9.](?![\w&-])")
BRACKETED = re.compile(r"\(\s*([A-Z][A-Z0-9&.-]*[A-Z0-9.])\s*\)")
MINOR_WORDS = {"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "la", "&"}
MAX_EXPANSION_TOKENS = 10


def is_acronym(text: str) -> bool:
    """Two or more capitals (dots, digits, '&', '-' allowed): "CSTO", "U.N.", "G20", "AT&T"."""
    return bool(ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


def letters(text: str) -> str:
    """The capitals of an acronym, dots and hyphens dropped ("U.N." -> "UN")."""
    return "".join(c for c in text if c.isalnum()).upper()


def initials(words: list[str]) -> str:
    """The initials of a name's significant words, also split on hyphens ("Co-operation" -> "CO")."""
    out = []
    for word in words:
        if word.lower() in MINOR_WORDS or not word[:1].isalpha():
            continue
        out.extend(part[0] for part in word.split("-") if part)
    return "".join(out).upper()


def bracketed_acronym(doc: Doc, end: int) -> int | None:
    """Index of an acronym written in brackets right after token `end - 1`, as in "Name (ACR)"."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        return end + 1 if is_acronym(doc[end + 1].text) else None
    return None


def expansion_before(doc: Doc, paren: int, acronym: str) -> int | None:
    """Start of the capitalised words before `paren` whose initials spell `acronym`, if there are such."""
    target = letters(acronym)
    words: list[str] = []
    i = paren
    while i > 0 and paren - i < MAX_EXPANSION_TOKENS:
        token = doc[i - 1]
        if not (token.is_title or token.lower_ in MINOR_WORDS or token.text == "-"):
            break
        i -= 1
        words.insert(0, token.text)
        if token.is_title and initials(words) == target:
            return i
    return None


def common_abbreviations(text: str) -> set[str]:
    """Acronyms the text spells out in lowercase words ("corporate social responsibility (CSR)"): short for
    common nouns, not names."""
    out = set()
    for match in BRACKETED.finditer(text):
        target = letters(match.group(1))
        words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, match.start() - 200) : match.start()])
        for k in range(1, min(len(words), MAX_EXPANSION_TOKENS) + 1):
            if not words[-k].islower():
                break
            if initials(words[-k:]) == target:
                out.add(target)
                break
    return out
