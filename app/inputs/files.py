"""Reading articles from paths: plain-text files (with an optional NAME.json sidecar), JSON Lines, folders.

Every problem becomes an `InputError` yielded in place of the article, so one bad file never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from app.inputs.articles import ArticleInput, InputError, article_from_record, check_text

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}


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
                yield article_from_record(record, origin)
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
            yield article_from_record(record, where)
        except InputError as exc:
            yield exc


def is_sidecar(path: Path) -> bool:
    return path.suffix in JSON_SUFFIXES and any(path.with_suffix(s).is_file() for s in TEXT_SUFFIXES)


def files_under(folder: Path) -> Iterator[Path]:
    """The article files below `folder`, in a stable order; sidecars and other files are passed over."""
    known = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and path.is_file() and path.suffix.lower() in known and not is_sidecar(path):
            yield path


def read_file(path: Path) -> Iterator[ArticleInput | InputError]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif suffix in JSON_SUFFIXES:
            yield from read_json(path)
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
