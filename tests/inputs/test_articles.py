from datetime import date

import pytest

from app.inputs.articles import InputError, article_from_record, parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-09-15", date(2015, 9, 15)),
        ("2015-09-15T08:30:00+00:00", date(2015, 9, 15)),
        ("15 September 2015", date(2015, 9, 15)),
        ("Sep 15, 2015", date(2015, 9, 15)),
        (None, None),
        ("", None),
    ],
)
def test_published_dates_in_common_forms(value: str | None, expected: date | None) -> None:
    assert parse_published(value, "here") == expected


def test_published_must_be_a_string() -> None:
    with pytest.raises(InputError, match='"published" must be a date string, not int'):
        parse_published(20150915, "here")


def test_publisher_is_an_alias_of_source_and_meta_is_read() -> None:
    article = article_from_record(
        {"text": "T.", "meta": {"publisher": "Press TV", "published": "2015-09-15"}}, "x"
    )
    assert article.source == "Press TV"
    assert article.published == date(2015, 9, 15)


def test_record_fields_win_over_sidecar_metadata() -> None:
    article = article_from_record({"text": "T.", "title": "Record"}, "x", {"title": "Sidecar", "author": "A"})
    assert (article.title, article.author) == ("Record", "A")


def test_oversized_text_is_refused() -> None:
    with pytest.raises(InputError, match="the limit is 1,000,000"):
        article_from_record({"text": "x" * 1_000_001}, "big.jsonl:4")


def test_non_string_metadata_is_refused() -> None:
    with pytest.raises(InputError, match='"title" must be a string, not int'):
        article_from_record({"text": "T.", "title": 5}, "x")


@pytest.mark.parametrize("value", ["yesterday", "today", "2 days ago"])
def test_a_relative_date_is_no_date_even_in_a_file(value: str) -> None:
    with pytest.raises(InputError, match='"published" is not a date'):
        parse_published(value, "here")


def test_iso_only_refuses_a_date_in_words_that_files_may_carry() -> None:
    with pytest.raises(InputError, match="not an ISO 8601 date"):
        parse_published("15 September 2015", "request body", iso_only=True)
    assert parse_published("2015-09-15T08:30:00Z", "request body", iso_only=True) == date(2015, 9, 15)
