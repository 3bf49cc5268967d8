from app.sources.pages import canonical_url

BASE = "http://127.0.0.1:8/news/a.html?utm=x"


def test_the_canonical_link_is_read_and_made_absolute() -> None:
    html = b'<html><head><link rel="canonical" href="/news/a"></head><body><p>x</p></body></html>'
    assert canonical_url(html, BASE) == "http://127.0.0.1:8/news/a"


def test_rel_may_hold_several_words_in_any_case() -> None:
    html = b'<html><head><link rel="Canonical alternate" href="http://127.0.0.1:8/c"></head></html>'
    assert canonical_url(html, BASE) == "http://127.0.0.1:8/c"


def test_no_canonical_or_a_non_http_one_gives_none() -> None:
    assert canonical_url(b"<html><head><title>t</title></head></html>", BASE) is None
    assert (
        canonical_url(b'<html><head><link rel="canonical" href="javascript:x"></head></html>', BASE) is None
    )
    assert canonical_url(b"", BASE) is None
