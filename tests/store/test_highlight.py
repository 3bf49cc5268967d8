import sqlite3

import pytest

from app.store.highlight import ELLIPSIS, snippet, terms

SENTENCES = [
    "Refugees crossed the border at dawn, officials said.",
    "“The refugee crisis is not over,” the minister told reporters.",
    "A refugee's family waited while border guards checked the papers.",
    "Warnings about the war were ignored; an award went to the reporter.",
    "The government said it would possibly raise the quota, if possible.",
    "The café near the border reopened, the owner said.",
]
QUERIES = ["refugees", "border refugee", "war", "possible", "cafe", "said"]


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
    assert {i: snippet(SENTENCES[i], terms(query)) for i in expected} == expected


def test_a_word_inside_another_word_is_not_marked() -> None:
    marked = snippet(SENTENCES[3], terms("war"))
    assert marked == "Warnings about the <mark>war</mark> were ignored; an award went to the reporter."


def test_a_long_text_shows_the_passage_where_the_query_words_meet() -> None:
    text = (
        "The refugees were quiet in the morning. " * 4
        + "By noon hundreds of refugees had reached the border crossing near the river. "
        + "Aid workers handed out water and blankets until late into the night. " * 4
    )
    marked = snippet(text, terms("refugees border"), size=120)
    assert marked.startswith(ELLIPSIS) and marked.endswith(ELLIPSIS)
    assert "<mark>refugees</mark> had reached the <mark>border</mark> crossing" in marked
    plain = marked.replace("<mark>", "").replace("</mark>", "").strip(ELLIPSIS)
    assert plain in text and len(plain) <= 120
    assert text[text.index(plain) - 1] == " "  # cut between words


def test_a_text_without_a_matching_word_shows_its_start() -> None:
    text = "Nothing here is about the query. " * 10
    marked = snippet(text, terms("refugees"), size=60)
    assert marked == "Nothing here is about the query. Nothing here is about the" + ELLIPSIS
