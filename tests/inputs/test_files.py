from pathlib import Path

import pytest

from app.inputs.articles import ArticleInput, InputError
from app.inputs.files import count_articles, read_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def read(*paths: Path | str) -> list[ArticleInput | InputError]:
    return list(read_paths(paths))


def only_error(items: list) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def test_text_file_takes_metadata_from_its_sidecar() -> None:
    (article,) = read(FIXTURES / "fuel-taxes.txt")
    assert article.text.startswith("Finance Minister Maria Lopez said")
    assert (article.title, article.source, article.author) == (
        "Spain to cut fuel taxes",
        "Example Wire",
        "A. Reporter",
    )
    assert article.url == "https://example.org/fuel"
    assert article.published.isoformat() == "2023-03-07"


def test_text_is_kept_exactly_as_received(tmp_path: Path) -> None:
    raw = "  Leading spaces, “curly quotes”,\r\nCRLF lines and no final newline"
    (tmp_path / "a.txt").write_bytes(raw.encode())
    (article,) = read(tmp_path / "a.txt")
    assert article.text == raw


def test_jsonl_gives_one_article_per_line_with_its_fields() -> None:
    items = read(FIXTURES / "more.jsonl")
    assert [a.id for a in items] == ["rail", "budget"]
    assert items[0].title == "Rail strike called off"
    assert items[1].published.isoformat() == "2023-05-10"


def test_folder_is_walked_in_order_and_sidecars_are_not_articles() -> None:
    items = read(FIXTURES)
    assert [Path(a.origin.split(":")[0]).name for a in items] == [
        "fuel-taxes.txt",
        "more.jsonl",
        "more.jsonl",
    ]


def test_empty_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    error = only_error(read(tmp_path / "empty.txt"))
    assert str(error) == f"{tmp_path / 'empty.txt'}: the file is empty"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_error(read(tmp_path / "image.txt")).message == "the file is binary (it contains NUL bytes)"


def test_invalid_utf8_names_the_byte_and_offset(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    assert only_error(read(tmp_path / "latin1.txt")).message == "not valid UTF-8 (byte 0xe9 at offset 3)"


def test_unreadable_file_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Some text.")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert only_error(read(path)).message == "cannot read: Permission denied"


def test_missing_path_is_an_error() -> None:
    assert only_error(read("/no/such/article.txt")).message == "no such file or folder"


def test_bad_jsonl_lines_are_reported_with_their_number_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        '{"text": "A good article."}',
        "{not json",
        '{"title": "no text"}',
        '{"text": ""}',
        '{"text": "Dated badly.", "published": "the day after never"}',
        '["a", "list"]',
        '{"text": "Another good one."}',
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines))
    items = read(path)
    good = [i.text for i in items if isinstance(i, ArticleInput)]
    errors = {e.origin: e.message for e in items if isinstance(e, InputError)}
    assert good == ["A good article.", "Another good one."]
    assert errors[f"{path}:2"].startswith("invalid JSON")
    assert errors[f"{path}:3"] == '"text" is missing'
    assert errors[f"{path}:4"] == "the text is empty"
    assert errors[f"{path}:5"] == "\"published\" is not a date: 'the day after never'"
    assert errors[f"{path}:6"] == "expected a JSON object, got list"


def test_broken_sidecar_is_an_error_naming_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.json").write_text("{oops")
    error = only_error(read(tmp_path / "a.txt"))
    assert error.origin == str(tmp_path / "a.json")
    assert error.message.startswith("invalid JSON")


def test_articles_are_counted_without_reading_them(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')
    (tmp_path / "b.txt").write_text("One article.")
    assert count_articles([tmp_path, tmp_path / "missing.txt"]) == 4


def test_subfolders_are_walked_in_order_and_hidden_ones_passed_over(tmp_path: Path) -> None:
    for name in ("b/two.txt", "a/one.html", ".git/x.txt", "top.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("<p>The ferry ran late on Monday, the operator said.</p>")
    names = [Path(item.origin).relative_to(tmp_path).as_posix() for item in read(tmp_path)]
    assert names == ["top.txt", "a/one.html", "b/two.txt"]
