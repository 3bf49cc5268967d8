import sqlite3

import pytest

from app.store.highlight import ELLIPSIS, Terms, passage, terms
from app.store.search import fts5_query


def words(query: str) -> Terms:
    return terms(query, fts5_query(query, any_word=True))


SENTENCES = [
    "Refugees crossed the border at dawn, officials said.",
    "“The refugee crisis is not over,” the minister told reporters.",
    "A refugee's family waited while border guards checked the papers.",
    "Warnings about the war were ignored; an award went to the reporter.",
    "The government said it would possibly raise the quota, if possible.",
    "The café near the border reopened, the owner said.",
    "Erdoğan and Mélenchon met in Zürich before the Война talks in Αθήνα and 서울.",
    "ERDOĞAN’S aides said Erdogan would attend; “Zurich is ready,” they said.",
    "Re\u0301sume\u0301s of the Bürgermeister’s aides, written in NFD, and ВоИ\u0306на.",
]
QUERIES = ["refugees", "border refugee", "war", "possible", "cafe", "said"]
QUERIES += ["Erdoğan", "erdogan zurich", "война", "Αθήνα", "서울", "Mélenchon", "résumé aides", "войнА"]


def fts5_highlights(query: str) -> dict[int, str]:
    """FTS5's own highlight() of each sentence the query matches."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(SENTENCES))
    phrase = " OR ".join(f'"{w}"' for w in query.split())
    sql = "SELECT rowid, highlight(t, 0, '<mark>', '</mark>') FROM t WHERE t MATCH ?"
    return dict(db.execute(sql, (phrase,)).fetchall())


@pytest.mark.parametrize("query", QUERIES)
def test_marks_the_words_sqlite_matched(query: str) -> None:
    expected = fts5_highlights(query)
    assert expected
    assert {i: passage([SENTENCES[i]], words(query)) for i in expected} == expected


def test_a_word_inside_another_word_is_not_marked() -> None:
    marked = passage([SENTENCES[3]], words("war"))
    assert marked == "Warnings about the <mark>war</mark> were ignored; an award went to the reporter."


def test_a_long_text_shows_the_passage_where_the_query_words_meet() -> None:
    text = (
        "The refugees were quiet in the morning. " * 4
        + "By noon hundreds of refugees had reached the border crossing near the river. "
        + "Aid workers handed out water and blankets until late into the night. " * 4
    )
    marked = passage([text], words("refugees border"), size=120)
    assert marked.startswith(ELLIPSIS) and marked.endswith(ELLIPSIS)
    assert "<mark>refugees</mark> had reached the <mark>border</mark> crossing" in marked
    plain = marked.replace("<mark>", "").replace("</mark>", "").strip(ELLIPSIS)
    assert plain in text and len(plain) <= 120
    assert text[text.index(plain) - 1] == " "  # cut between words


def test_a_text_without_a_matching_word_shows_its_start() -> None:
    text = "Nothing here is about the query. " * 10
    marked = passage([text], words("refugees"), size=60)
    assert marked == "Nothing here is about the query. Nothing here is about the" + ELLIPSIS


def test_a_title_gives_the_snippet_when_the_text_has_no_match() -> None:
    marked = passage(["The talks ended without a deal.", "Kremlin pledges help"], words("kremlin"))
    assert marked == "<mark>Kremlin</mark> pledges help"


def test_a_long_text_is_cut_at_line_breaks_too() -> None:
    text = "\n".join([f"line{i}" for i in range(40)] + ["refugees"] + [f"tail{i}" for i in range(40)])
    marked = passage([text], words("refugees"), size=60)
    plain = marked.replace("<mark>", "").replace("</mark>", "").strip(ELLIPSIS)
    assert "<mark>refugees</mark>" in marked
    assert all(part.startswith(("line", "tail", "refugees")) for part in plain.split("\n"))


def test_a_query_whose_stem_ends_inside_a_character_is_answered() -> None:
    # Porter's doubled-consonant rule can cut a character's last byte (人 is E4 BA BA): SQLite stores it so
    text = "The sign read a人ed today."
    assert passage([text], words("a人ed")) == fts5_highlight_of(text, "a人ed")


def fts5_highlight_of(text: str, word: str) -> str:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", (text,))
    sql = "SELECT highlight(t, 0, '<mark>', '</mark>') FROM t WHERE t MATCH ?"
    return db.execute(sql, (f'"{word}"',)).fetchone()[0]


def test_text_without_spaces_is_cut_anywhere() -> None:
    text = "难民的问题" * 40
    assert passage([text], words("refugees"), size=60) == text[:60] + ELLIPSIS
