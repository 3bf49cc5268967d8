"""The Porter stemmer exactly as SQLite's FTS5 `porter` tokenizer applies it, so Python can tell which words
of a text the index matched.

Written here rather than taken from a library: Snowball's `porter` lacks two rules of Porter's own C version
that FTS5 follows (-logi to -log, -bli to -ble), so "possibly" and "possible" would part ways. Works on the
UTF-8 bytes of a folded token, as FTS5 does; `tests/store/test_porter.py` checks it against SQLite itself.
"""

from __future__ import annotations

from functools import lru_cache

MAX_TOKEN = 64  # longer tokens, and tokens under 3 bytes, are indexed as they are
VOWELS = frozenset(b"aeiou")
Y = ord("y")

# (suffix, replacement) per step, in FTS5's order; the first suffix that ends the word (with at least one byte
# before it) is the only one tried, whether or not its condition holds
STEP2 = (
    (b"ational", b"ate"), (b"tional", b"tion"), (b"enci", b"ence"), (b"anci", b"ance"), (b"izer", b"ize"),
    (b"logi", b"log"), (b"bli", b"ble"), (b"alli", b"al"), (b"entli", b"ent"), (b"eli", b"e"),
    (b"ousli", b"ous"), (b"ization", b"ize"), (b"ation", b"ate"), (b"ator", b"ate"), (b"alism", b"al"),
    (b"iveness", b"ive"), (b"fulness", b"ful"), (b"ousness", b"ous"), (b"aliti", b"al"), (b"iviti", b"ive"),
    (b"biliti", b"ble"),
)  # fmt: skip
STEP3 = (
    (b"ical", b"ic"), (b"ness", b""), (b"icate", b"ic"), (b"iciti", b"ic"), (b"ful", b""), (b"ative", b""),
    (b"alize", b"al"),
)  # fmt: skip
STEP4 = (
    b"al", b"ance", b"ence", b"er", b"ic", b"able", b"ible", b"ant", b"ement", b"ment", b"ent", b"ion", b"ou",
    b"ism", b"ate", b"iti", b"ous", b"ive", b"ize",
)  # fmt: skip


def _consonants(word: bytes, previous_consonant: bool = False) -> list[bool]:
    """Whether each byte is a consonant; "y" is a vowel after a consonant."""
    out = []
    consonant = previous_consonant
    for byte in word:
        consonant = not (byte in VOWELS or (byte == Y and consonant))
        out.append(consonant)
    return out


def _measure(stem: bytes) -> int:
    """Porter's m: the number of vowel-consonant sequences in `stem`."""
    m = 0
    previous = True
    for consonant in _consonants(stem):
        if consonant and not previous:
            m += 1
        previous = consonant
    return m


def _has_vowel(stem: bytes) -> bool:
    """FTS5's *v*: a vowel, with "y" a vowel anywhere but first."""
    return any(byte in VOWELS or (byte == Y and i > 0) for i, byte in enumerate(stem))


def _cvc(stem: bytes) -> bool:
    """Porter's *o: ends consonant-vowel-consonant, the last not w, x or y."""
    if not stem or stem[-1] in b"wxy":
        return False
    kinds = _consonants(stem)
    padded = [False, False, False, *kinds]  # FTS5 reads missing bytes as vowels
    return padded[-3:] == [True, False, True]


def _replace(word: bytes, rules: tuple[tuple[bytes, bytes], ...]) -> bytes:
    for suffix, replacement in rules:
        if len(word) > len(suffix) and word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + replacement if _measure(stem) > 0 else word
    return word


def _step1(word: bytes) -> bytes:
    if word.endswith(b"s"):
        if word[-2:-1] == b"e":
            if (len(word) > 4 and word.endswith(b"sses")) or (len(word) > 3 and word[-3:-2] == b"i"):
                word = word[:-2]
            else:
                word = word[:-1]
        elif word[-2:-1] != b"s":
            word = word[:-1]
    removed = False
    if len(word) > 3 and word.endswith(b"eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    elif len(word) > 2 and word.endswith(b"ed") and _has_vowel(word[:-2]):
        word, removed = word[:-2], True
    elif len(word) > 3 and word.endswith(b"ing") and _has_vowel(word[:-3]):
        word, removed = word[:-3], True
    if removed:
        if len(word) > 2 and word.endswith((b"at", b"bl", b"iz")):
            word += b"e"
        elif len(word) > 1 and word[-1] not in VOWELS and word[-1] not in b"lsz" and word[-1] == word[-2]:
            word = word[:-1]
        elif _measure(word) == 1 and _cvc(word):
            word += b"e"
    if word.endswith(b"y") and _has_vowel(word[:-1]):
        word = word[:-1] + b"i"
    return word


def _step4(word: bytes) -> bytes:
    for suffix in STEP4:
        if len(word) > len(suffix) and word.endswith(suffix):
            stem = word[: -len(suffix)]
            if suffix == b"ion" and not stem.endswith((b"s", b"t")):
                return word
            return stem if _measure(stem) > 1 else word
    return word


def _step5(word: bytes) -> bytes:
    if word.endswith(b"e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            word = stem
    if len(word) > 1 and word.endswith(b"ll") and _measure(word[:-1]) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def stem(token: str) -> bytes:
    """The indexed form of a token already folded (lower case, no diacritics), as UTF-8 bytes."""
    word = token.encode()
    if not 3 <= len(word) <= MAX_TOKEN:
        return word
    word = _step1(word)
    if len(word) < 2:  # FTS5 would read before the start of the word here
        return word
    return _step5(_step4(_replace(_replace(word, STEP2), STEP3)))
