"""Streamed exports of any filtered list: CSV (nested fields flattened) and NDJSON, a chunk at a time."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}


def flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"speaker": {"name": "X"}} → {"speaker_name": "X"}; lists become JSON text."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}_"))
        elif isinstance(value, list):
            out[name] = orjson.dumps(value).decode()
        else:
            out[name] = value
    return out


def ndjson_lines(items: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for item in items:
        yield orjson.dumps(item) + b"\n"


def csv_lines(items: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[bytes]:
    """CSV with a fixed header: `columns` are the flattened field names of the resource."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for item in items:
        writer.writerow(flatten(item))
        if buffer.tell() > 64_000:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()
