import random
import sqlite3

import pytest

from app.store.porter import stem


def fts5_stems(words: list[str]) -> list[str]:
    """What SQLite's own porter tokenizer indexes each word as."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(words))
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    by_row = dict((doc, term) for term, doc in db.execute("SELECT term, doc FROM v"))
    return [by_row[i] for i in range(len(words))]


RULE_WORDS = (
    "caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized "
    "hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational "
    "valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization "
    "predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti "
    "triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference "
    "airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou "
    "communism activate angulariti homologous effective bowdlerize probate rate cease controll roll "
    "possibly possible incredibly technology technologies apology ideology visibly sensibly refugees"
)


def test_stems_agree_with_sqlite_on_every_porter_rule() -> None:
    words = RULE_WORDS.split()
    assert [stem(w).decode() for w in words] == fts5_stems(words)


def test_stems_agree_with_sqlite_on_random_words() -> None:
    rng = random.Random(7)
    letters = "aeiouybcdlmnrstwxz"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(1, 10))) for _ in range(20000)})
    assert [stem(w).decode() for w in words] == fts5_stems(words)


@pytest.mark.parametrize("word", ["a", "is", "x" * 65, "y" * 64])
def test_short_and_long_tokens_agree_with_sqlite(word: str) -> None:
    assert stem(word).decode() == fts5_stems([word])[0]
