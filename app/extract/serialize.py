"""Extraction records as JSON: the shape `articles extract` prints and `../shared/eval/score.py` reads."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import orjson

from app.extract.records import Extraction


def extraction_dict(extraction: Extraction, **extra: Any) -> dict[str, Any]:
    """`{"quotes", "entities", "claims"}` plus whatever the caller adds (an `id`, the `article` metadata)."""
    return {**extra, **asdict(extraction)}


def dumps(obj: Any, pretty: bool = False) -> bytes:
    option = orjson.OPT_INDENT_2 if pretty else 0
    return orjson.dumps(obj, option=option | orjson.OPT_NON_STR_KEYS)
