"""Page furniture as spans: teasers, photo credits, bylines and datelines, in texts of our own making."""

from __future__ import annotations

from app.extract.furniture import furniture_spans, in_furniture


def _pieces(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], kind) for start, end, kind in furniture_spans(text)]


def test_teaser_line_with_a_colon() -> None:
    text = "The council met on Monday.\nREAD MORE: Why Jane Roe quit the board\nShe said little."
    assert _pieces(text) == [("READ MORE: Why Jane Roe quit the board", "teaser")]


def test_short_title_case_teaser_without_a_colon() -> None:
    assert _pieces("The mayor spoke.\nWatch Roe\nThe vote is on Friday.") == [("Watch Roe", "teaser")]


def test_a_sentence_opening_with_a_teaser_word_is_prose() -> None:
    assert _pieces("Watch out for black ice on the bridge, the police said.") == []


def test_photo_credit_name_slash_agency_on_its_own_line() -> None:
    text = "Crowds lined the street.\nJane Roe/The Canadian Press\nThe parade went on."
    assert _pieces(text) == [("Jane Roe/The Canadian Press", "credit")]


def test_photo_credit_closing_a_caption() -> None:
    text = "The minister arrives in Halifax on Monday. Jane Roe/The Canadian Press"
    assert _pieces(text) == [("Jane Roe/The Canadian Press", "credit")]


def test_photo_credit_with_a_credit_word() -> None:
    text = "A flooded road. (Photo: Jane Roe / Getty Images)"
    assert ("Photo: Jane Roe / Getty Images", "credit") in _pieces(text)


def test_slash_inside_prose_is_not_a_credit() -> None:
    assert _pieces("He read the Smith/Jones report twice before the vote.") == []


def test_byline_and_dateline() -> None:
    text = "By Jane Roe and John Doe\nOTTAWA (AP) — The minister resigned on Tuesday."
    assert _pieces(text) == [("By Jane Roe and John Doe", "byline"), ("OTTAWA (AP)", "dateline")]


def test_in_furniture_names_the_kind_around_a_name() -> None:
    text = "Crowds lined the street.\nJane Roe/The Canadian Press"
    start = text.index("Jane Roe")
    assert in_furniture(text, start, start + len("Jane Roe")) == "credit"
    assert in_furniture(text, 0, len("Crowds")) is None


def test_credit_with_the_agency_before_the_slash() -> None:
    text = "The minister speaks in Regina on Monday. THE CANADIAN PRESS/Jane Roe\nThe vote is today."
    assert _pieces(text) == [("THE CANADIAN PRESS/Jane Roe", "credit")]


def test_a_one_word_pair_with_a_slash_is_a_name() -> None:
    assert _pieces("The crowd waited.\nAC/DC\nThey played for two hours.") == []


def test_continuation_line_is_a_teaser() -> None:
    text = "The mayor spoke.\nStory continues below advertisement\nThe council voted."
    assert _pieces(text) == [("Story continues below advertisement", "teaser")]
