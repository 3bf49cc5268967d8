from pathlib import Path

import pytest

from app.inputs.articles import article_from_record
from app.inputs.wire import read_layout

SEED = Path(__file__).resolve().parents[2] / "seed_data" / "putin-syria-presstv.txt"


def body_of(text: str) -> str:
    layout = read_layout(text)
    return text[layout.body_start : layout.body_end]


def test_a_short_first_line_without_a_full_stop_is_the_headline() -> None:
    text = "Harbour bridge to reopen in May\n\nThe mayor said the bridge would reopen in May."
    layout = read_layout(text)
    assert layout.headline.text == "Harbour bridge to reopen in May"
    assert body_of(text) == "The mayor said the bridge would reopen in May."


def test_a_first_line_that_is_a_sentence_is_body_text() -> None:
    text = "The mayor said the bridge would reopen in May.\nWork began in March."
    layout = read_layout(text)
    assert layout.headline is None
    assert body_of(text) == text


def test_a_first_line_repeating_the_known_title_is_the_headline_even_with_a_full_stop() -> None:
    text = "Bridge to reopen.\nThe mayor said the bridge would reopen in May."
    assert read_layout(text, title="Bridge to reopen.").headline.text == "Bridge to reopen."


@pytest.mark.parametrize(
    ("text", "dateline", "body"),
    [
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "WASHINGTON (AP)", "The Senate voted on Tuesday."),
        ("(CNN) -- A storm hit the coast.", "(CNN)", "A storm hit the coast."),
        ("LONDON, March 3 (Reuters) - Shares fell.", "LONDON, March 3 (Reuters)", "Shares fell."),
        ("NEW YORK — Stocks rose.", "NEW YORK", "Stocks rose."),
        ("OSLO, Norway, Sept. 26 (UPI) — Ferries ran.", "OSLO, Norway, Sept. 26 (UPI)", "Ferries ran."),
        ("Oslo (AFP) – Ferries ran.", "Oslo (AFP)", "Ferries ran."),
    ],
)
def test_datelines_are_found_and_the_body_starts_after_them(text: str, dateline: str, body: str) -> None:
    assert read_layout(text).dateline.text == dateline
    assert body_of(text) == body


def test_a_capitalised_word_and_a_hyphen_is_not_a_dateline() -> None:
    assert read_layout("NATO - the alliance - met on Friday.").dateline is None


def test_a_byline_as_the_last_line_is_the_author_and_ends_the_body() -> None:
    text = "The port reopened on Monday, officials said.\nBy Harbour News"
    layout = read_layout(text)
    assert layout.author == "Harbour News"
    assert text[layout.byline.start : layout.byline.end] == "Harbour News"
    assert body_of(text) == "The port reopened on Monday, officials said."


def test_the_dotted_byline_and_its_timestamps_come_before_the_body() -> None:
    text = (
        "By . Jane Roe . PUBLISHED: . 08:32 EST, 13 March 2013 . | . UPDATED: . 10:37 EST, 13 March 2013 . "
        "The port reopened."
    )
    layout = read_layout(text)
    assert layout.author == "Jane Roe"
    assert body_of(text) == "The port reopened."


def test_headline_byline_and_dateline_together_with_crlf_lines() -> None:
    text = "Storm hits coast\r\n\r\nBy Jane Roe\r\nLONDON (Reuters) - A storm hit.\r\n"
    layout = read_layout(text)
    assert (layout.headline.text, layout.author, layout.dateline.text) == (
        "Storm hits coast",
        "Jane Roe",
        "LONDON (Reuters)",
    )
    assert body_of(text) == "A storm hit."


def test_the_seed_article_has_no_headline_and_press_tv_as_its_byline() -> None:
    article = article_from_record({"text": SEED.read_text(encoding="utf-8")}, "seed")
    assert article.title is None
    assert article.author == "Press TV"
    assert article.text[article.body[0] :].startswith("Russian President Vladimir Putin says")
    assert article.text[: article.body[1]].endswith("attempting to reach Europe.")


def test_metadata_given_with_the_article_wins_over_what_the_text_shows() -> None:
    text = "Storm hits coast\nLONDON (Reuters) - A storm hit.\nBy Jane Roe"
    article = article_from_record({"text": text, "title": "Storm", "author": "Desk"}, "x")
    assert (article.title, article.author, article.dateline) == ("Storm", "Desk", "LONDON (Reuters)")
    assert article.text == text


def test_plain_body_text_has_no_body_span() -> None:
    assert article_from_record({"text": "The port reopened."}, "x").body is None
