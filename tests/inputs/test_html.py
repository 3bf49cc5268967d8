import gzip
from datetime import date
from pathlib import Path

import orjson
import pytest

from app.inputs.articles import ArticleInput, InputError
from app.inputs.files import read_paths
from app.inputs.html import article_from_html, gunzip

BODY = [
    "The harbour bridge will reopen in May after two years of repairs, the city council said on Tuesday.",
    "“We are proud of the engineers who worked through the winter,” said Mayor Ana Costa at a briefing.",
    "The repairs cost 40 million euros, twice the first estimate, according to council figures.",
    "Ferry operators said they expected fewer passengers once the bridge carried traffic again.",
]
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Harbour bridge to reopen in May | Porto Daily</title>
<meta property="og:title" content="Harbour bridge to reopen in May">
<meta property="og:site_name" content="Porto Daily">
<meta property="og:url" content="https://porto-daily.example/bridge">
<meta name="author" content="Rui Almeida">
<meta property="article:published_time" content="2024-04-09T08:00:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li>Subscribe now</li></ul></nav>
<article><h1>Harbour bridge to reopen in May</h1>
{"".join(f"<p>{p}</p>" for p in BODY)}
</article>
<footer>Copyright Porto Daily. All rights reserved. Cookie settings.</footer>
</body></html>"""


def read(path: Path) -> list[ArticleInput | InputError]:
    return list(read_paths([path]))


def test_an_html_file_gives_the_article_text_and_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "bridge.html").write_text(PAGE)
    (article,) = read(tmp_path / "bridge.html")
    assert all(paragraph in article.text for paragraph in BODY)
    assert "Subscribe now" not in article.text and "Cookie settings" not in article.text
    assert (article.title, article.author, article.source) == (
        "Harbour bridge to reopen in May",
        "Rui Almeida",
        "Porto Daily",
    )
    assert article.published == date(2024, 4, 9)
    assert article.url == "https://porto-daily.example/bridge"


def test_a_gzipped_page_reads_like_the_plain_one(tmp_path: Path) -> None:
    (tmp_path / "bridge.html").write_text(PAGE)
    (tmp_path / "bridge.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    plain, zipped = read(tmp_path / "bridge.html")[0], read(tmp_path / "bridge.html.gz")[0]
    assert (zipped.text, zipped.title) == (plain.text, plain.title)


def test_html_in_a_json_lines_record_with_the_records_own_fields_winning(tmp_path: Path) -> None:
    record = {"id": "b1", "html": PAGE, "source": "Wire Desk", "url": "https://elsewhere.example/b1"}
    (tmp_path / "pages.jsonl").write_bytes(orjson.dumps(record) + b"\n")
    (article,) = read(tmp_path / "pages.jsonl")
    assert BODY[0] in article.text
    assert (article.id, article.source, article.url, article.title) == (
        "b1",
        "Wire Desk",
        "https://elsewhere.example/b1",
        "Harbour bridge to reopen in May",
    )


def test_a_page_without_article_text_is_an_error_naming_the_line(tmp_path: Path) -> None:
    empty_page = "<html><head><title>Nothing here</title></head><body><div></div></body></html>"
    (tmp_path / "pages.jsonl").write_bytes(orjson.dumps({"html": empty_page}) + b"\n")
    (error,) = read(tmp_path / "pages.jsonl")
    assert isinstance(error, InputError)
    assert (error.origin, error.message) == (
        f"{tmp_path / 'pages.jsonl'}:1",
        "no article text found in the page",
    )


def test_html_that_is_not_a_string_is_refused() -> None:
    from app.inputs.html import expand_html

    with pytest.raises(InputError, match='"html" must be a string'):
        expand_html({"html": 5}, "x.jsonl:3")


def test_a_gzip_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 2_000_000)
    with pytest.raises(InputError, match="over 1,000,000 bytes uncompressed"):
        gunzip(bomb, "bomb.html.gz", limit=1_000_000)


def test_metadata_given_with_a_page_wins(tmp_path: Path) -> None:
    article = article_from_html(PAGE, "request body", {"title": "Bridge", "published": "2024-05-01"})
    assert (article.title, article.published) == ("Bridge", date(2024, 5, 1))


def test_extracting_a_page_opens_no_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("HTML input tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (tmp_path / "bridge.html").write_text(PAGE)
    (article,) = read(tmp_path / "bridge.html")
    assert BODY[0] in article.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said the bridge would reopen.", True),
        ("He said: “It is safe to cross now.” Then he left", True),
        ("Home About ", False),
        ("Home\nAbout\nNews\nContact us.", False),
        ("Big News Today", False),
        ("hi", False),
    ],
)
def test_an_article_holds_a_sentence_of_prose(text: str, expected: bool) -> None:
    from app.inputs.html import has_sentence

    assert has_sentence(text) is expected


NAVIGATION = (
    "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
    "<ul><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></body></html>"
)


def test_a_navigation_only_page_is_no_article(tmp_path: Path) -> None:
    (tmp_path / "nav.html").write_text(NAVIGATION)
    (error,) = read(tmp_path / "nav.html")
    assert isinstance(error, InputError)
    assert error.message == "no article text found in the page"
