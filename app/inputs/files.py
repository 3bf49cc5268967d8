"""Reading articles from paths: plain text (with an optional NAME.json sidecar), HTML (gzip too), JSON Lines
(a record's `html` stands in for its text), JSON, folders. Everything streams: one article at a time.

Every problem becomes an `InputError` yielded in place of the article, so one bad file never stops a batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from app.inputs.articles import ArticleInput, InputError, article_from_record, check_text
from app.inputs.html import MAX_HTML_BYTES, article_from_html, expand_html

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
HTML_SUFFIXES = {".html", ".htm", ".html.gz", ".htm.gz"}


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def decode(data: bytes, origin: str) -> str:
    """UTF-8 text (a BOM is dropped), refusing empty, binary and undecodable input with the reason."""
    if not data.strip():
        raise InputError(origin, "the file is empty")
    if b"\x00" in data:
        raise InputError(origin, "the file is binary (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(origin, f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})") from exc


def sidecar_of(path: Path) -> Path:
    return path.with_suffix(".json")


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata for a text file from NAME.json beside it, if there is one."""
    sidecar = sidecar_of(path)
    if not sidecar.is_file():
        return {}
    origin = str(sidecar)
    try:
        meta = orjson.loads(decode(read_bytes(sidecar), origin))
    except orjson.JSONDecodeError as exc:
        raise InputError(origin, f"invalid JSON: {exc}") from exc
    if not isinstance(meta, dict):
        raise InputError(origin, "a sidecar must hold one JSON object")
    return meta


def suffix_of(path: Path) -> str:
    """The suffix that says how to read `path`: ".html.gz" counts as one."""
    name = path.name.lower()
    return next((s for s in HTML_SUFFIXES if name.endswith(s)), path.suffix.lower())


def read_html_file(path: Path) -> ArticleInput:
    origin = str(path)
    data = read_bytes(path)
    if len(data) > MAX_HTML_BYTES:
        raise InputError(origin, f"the page is over {MAX_HTML_BYTES:,} bytes")
    return article_from_html(data, origin)


def read_text_file(path: Path) -> ArticleInput:
    origin = str(path)
    text = check_text(decode(read_bytes(path), origin), origin)
    return article_from_record({"text": text}, origin, read_sidecar(path))


def read_jsonl(path: Path) -> Iterator[ArticleInput | InputError]:
    """One article per line; a bad line is reported with its number and the rest still read."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        seen_any = False
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            seen_any = True
            origin = f"{path}:{number}"
            try:
                record = orjson.loads(decode(line, origin))
                yield article_from_record(expand_html(record, origin), origin)
            except orjson.JSONDecodeError as exc:
                yield InputError(origin, f"invalid JSON: {exc}")
            except InputError as exc:
                yield exc
        if not seen_any:
            yield InputError(str(path), "the file is empty")


def read_json(path: Path) -> Iterator[ArticleInput | InputError]:
    """A .json file is one article object or a list of them (unless it is a text file's sidecar)."""
    origin = str(path)
    try:
        data = orjson.loads(decode(read_bytes(path), origin))
    except orjson.JSONDecodeError as exc:
        yield InputError(origin, f"invalid JSON: {exc}")
        return
    except InputError as exc:
        yield exc
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = f"{origin}[{index}]" if isinstance(data, list) else origin
        try:
            yield article_from_record(expand_html(record, where), where)
        except InputError as exc:
            yield exc


def is_sidecar(path: Path) -> bool:
    return path.suffix in JSON_SUFFIXES and any(path.with_suffix(s).is_file() for s in TEXT_SUFFIXES)


def files_under(folder: Path) -> Iterator[Path]:
    """The article files below `folder`, in a stable order; sidecars, hidden and other files are passed over.

    Walked one folder at a time, so a folder of millions of pages is never listed in memory whole.
    """
    known = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if (
                not name.startswith(".")
                and suffix_of(path) in known
                and path.is_file()
                and not is_sidecar(path)
            ):
                yield path


def read_file(path: Path) -> Iterator[ArticleInput | InputError]:
    suffix = suffix_of(path)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif suffix in JSON_SUFFIXES:
            yield from read_json(path)
        elif suffix in HTML_SUFFIXES:
            yield read_html_file(path)
        else:
            yield read_text_file(path)
    except InputError as exc:
        yield exc


def read_paths(paths: Iterable[str | Path]) -> Iterator[ArticleInput | InputError]:
    """Every article in `paths` (files and folders), in order, with errors in place of bad ones."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in files_under(path):
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        else:
            yield InputError(str(path), "no such file or folder")


def count_lines(path: Path, chunk: int = 1 << 20) -> int:
    """Lines in a file, read in chunks: a progress bar's total, without holding the file."""
    count, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def count_articles(paths: Iterable[str | Path]) -> int:
    """About how many articles `paths` hold: lines of JSON Lines files, one per other file."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = files_under(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            try:
                total += count_lines(file) if suffix_of(file) in JSONL_SUFFIXES else 1
            except OSError:
                total += 1
    return total
