from app.cli import main


def test_sources_are_added_listed_and_removed_from_the_command_line(database_url: str, capsys) -> None:
    db = ["--database-url", database_url]
    assert main(["sources", "add", "http://127.0.0.1:8/feed.xml", "http://127.0.0.1:8/sitemap.xml", *db]) == 0
    assert main(["sources", "add", "http://127.0.0.1:8/feed.xml", *db]) == 0
    out = capsys.readouterr().out
    assert "added   source 1: http://127.0.0.1:8/feed.xml" in out
    assert "exists  source 1: http://127.0.0.1:8/feed.xml" in out
    assert main(["sources", "list", *db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and "polled: never  articles: 0" in listed[0]
    assert main(["sources", "remove", "1", *db]) == 0
    assert main(["sources", "remove", "1", *db]) == 1
    assert "no source with id 1" in capsys.readouterr().err


def test_a_source_that_is_not_http_is_refused(database_url: str, capsys) -> None:
    assert main(["sources", "add", "ftp://127.0.0.1/feed", "--database-url", database_url]) == 2
    assert "not an absolute http(s) URL" in capsys.readouterr().err
