import json
from pathlib import Path

import pytest

from app.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def test_ingest_prints_what_it_stored_and_exits_zero(
    database_url: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(["ingest", str(FIXTURES / "fuel-taxes.txt"), "--database-url", database_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"stored  {FIXTURES / 'fuel-taxes.txt'}: article 1, ")
    assert out[-1] == "1 stored, 0 already stored, 0 failed"


def test_ingest_reports_each_bad_file_on_stderr_and_exits_nonzero(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code = main(["ingest", str(empty), str(FIXTURES / "more.jsonl"), "--database-url", database_url])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip() == f"error: {empty}: the file is empty"
    assert captured.out.splitlines()[-1] == "2 stored, 0 already stored, 1 failed"


def test_ingest_twice_says_already_stored(database_url: str, capsys: pytest.CaptureFixture) -> None:
    main(["ingest", str(FIXTURES / "fuel-taxes.txt"), "--database-url", database_url])
    capsys.readouterr()
    assert main(["ingest", str(FIXTURES / "fuel-taxes.txt"), "--database-url", database_url]) == 0
    assert "already stored as article 1" in capsys.readouterr().out


def test_extract_prints_one_articles_extraction(capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", str(FIXTURES / "fuel-taxes.txt")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"article", "quotes", "entities", "claims"}
    assert result["article"]["published"] == "2023-03-07"
    text = (FIXTURES / "fuel-taxes.txt").read_text()
    for entity in result["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_extract_jsonl_keeps_each_lines_id(tmp_path: Path, capsysbinary: pytest.CaptureFixture) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a/1", "text": "Kim said yes."}\n{"id": 7, "text": "Lee said no."}\n')
    assert main(["extract", "--jsonl", str(source)]) == 0
    lines = [json.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a/1", "7"]
    assert all({"quotes", "entities", "claims"} <= set(line) for line in lines)


def test_extract_keeps_quotes_to_the_body_like_ingest(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    text = "“We stay,” says mayor\n\nThe mayor said she would stay. “We are on track,” she said.\nBy Jo Lee"
    source = tmp_path / "wire.txt"
    source.write_text(text, encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["article"]["title"] == "“We stay,” says mayor"
    texts = [q["text"] for q in result["quotes"]]
    assert "We are on track" in texts and not any("We stay" in t for t in texts)


def test_extract_without_input_is_a_usage_error(capsys: pytest.CaptureFixture) -> None:
    assert main(["extract"]) == 2
    assert "give a FILE or --jsonl" in capsys.readouterr().err


def test_db_upgrade_and_ping(database_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["db", "upgrade", "--database-url", database_url]) == 0
    assert main(["db", "ping", "--database-url", database_url]) == 0
    assert "up to date" in capsys.readouterr().out


def test_db_recount_says_how_many_counts_were_wrong(database_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["db", "recount", "--database-url", database_url]) == 0
    assert "recounted every entity's articles and quotes: 0 had been wrong" in capsys.readouterr().out


def test_db_ping_fails_clearly_on_an_unreachable_database(capsys: pytest.CaptureFixture) -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:9/none"
    assert main(["db", "ping", "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach postgresql+psycopg://nobody:***@127.0.0.1:9/none")


def test_ingest_skips_bad_records_by_line_number_stores_the_good_and_exits_nonzero(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = tmp_path / "batch.jsonl"
    lines = [
        '{"text": "The ferry to Cork was cancelled, the operator said."}',
        "{not json",
        '{"text": ""}',
        '{"text": "PNG\\u0000\\u0001binary"}',
        '{"text": "' + "word " * 1_000_000 + '"}',
        '{"text": "The tunnel will close for a week, officials said."}',
    ]
    source.write_text("\n".join(lines))
    code = main(["ingest", str(source), "--database-url", database_url, "--batch-size", "4"])
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert code == 1
    assert [line.split(": ")[1] for line in errors] == [f"{source}:{n}" for n in (2, 3, 4, 5)]
    assert errors[1:] == [
        f"error: {source}:3: the text is empty",
        f"error: {source}:4: the text is binary (it contains NUL bytes)",
        f"error: {source}:5: the text is 5,000,000 characters; the limit is 1,000,000",
    ]
    assert captured.out.splitlines()[-1] == "2 stored, 0 already stored, 4 failed"


def test_ingest_with_two_workers_stores_what_one_worker_stores(
    database_url: str, capsys: pytest.CaptureFixture
) -> None:
    code = main(["ingest", str(FIXTURES), "--database-url", database_url, "--workers", "2"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split(":")[0] for line in out[:-1]] == [
        f"stored  {FIXTURES / 'fuel-taxes.txt'}",
        f"stored  {FIXTURES / 'more.jsonl'}",
        f"stored  {FIXTURES / 'more.jsonl'}",
    ]
    assert out[-1] == "3 stored, 0 already stored, 0 failed"


def test_ingest_in_this_process_stores_what_a_worker_stores(
    database_url: str, capsys: pytest.CaptureFixture
) -> None:
    code = main(["ingest", str(FIXTURES), "--database-url", database_url, "--workers", "0"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[-1] == "3 stored, 0 already stored, 0 failed"


def test_ray_with_no_workers_is_a_usage_error(capsys: pytest.CaptureFixture) -> None:
    assert main(["ingest", "x.jsonl", "--engine", "ray", "--workers", "0"]) == 2
    assert "needs --workers 1 or more" in capsys.readouterr().err


def test_ingest_address_without_ray_is_a_usage_error(capsys: pytest.CaptureFixture) -> None:
    assert main(["ingest", str(FIXTURES), "--address", "ray://head:10001"]) == 2
    assert capsys.readouterr().err.strip() == "error: --address needs --engine ray"


def test_ingest_shows_no_progress_bar_when_not_on_a_terminal(
    database_url: str, capsys: pytest.CaptureFixture
) -> None:
    main(["ingest", str(FIXTURES / "fuel-taxes.txt"), "--database-url", database_url])
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "articles/s" not in captured.out


def test_ingest_of_a_navigation_only_page_prints_an_error_line_and_stores_nothing(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    page = tmp_path / "home.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>")
    assert main(["ingest", str(page), "--workers", "0", "--database-url", database_url]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"error: {page}: no article text found in the page"
    assert captured.out.splitlines()[-1] == "0 stored, 0 already stored, 1 failed"
