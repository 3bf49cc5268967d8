"""The one loader of the data files under `app/extract/data/`: word lists and tables, sources noted."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def rows(name: str, separator: str | None = None) -> list[list[str]]:
    """The rows of data file `name`, split on `separator` (whitespace when None), read once per process;
    blank lines and comments (lines starting with #) are left out."""
    text = resources.files("app.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split(separator) for line in text.splitlines() if line.strip() and not line.startswith("#")]
