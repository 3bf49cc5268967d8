"""Which extractor produced an article's rows: the package, the spaCy model and a digest of what shapes
output.

Stored beside every article, so stale rows can be found and re-extracted after an upgrade. The digest covers
the data files under `app/extract/data/` and the extraction code itself (the component order among it): any
change to one of them can change what is extracted. Pure: it reads files, never the database.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from spacy import util

UNKNOWN = "unknown"
"""The version of rows stored before versions were recorded: always another version than the running one."""

HERE = Path(__file__).resolve().parent
DIGEST_CHARS = 12


def _package() -> str:
    try:
        return package_version("articles")
    except PackageNotFoundError:
        return "0"


def _model(model: str) -> tuple[str, str]:
    """The model's name and version from its meta.json, without loading it (a worker process loads it)."""
    path = Path(model)
    try:
        meta = util.get_model_meta(path if path.exists() else util.get_package_path(model))
    except (OSError, ValueError, ModuleNotFoundError):
        return model, "?"
    return f"{meta.get('lang', 'xx')}_{meta.get('name', model)}", str(meta.get("version", "?"))


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The data files and the extraction modules, in a fixed order, names and bytes."""
    digest = hashlib.blake2b(digest_size=16)
    files = sorted([*HERE.glob("data/*"), *HERE.glob("*.py")])
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(HERE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=8)
def extractor_version(model: str) -> str:
    """`articles-0.1.0+en_core_web_sm-3.8.0+<digest>`: the one place the running extractor's version is made.

    `model` is the spaCy pipeline setting (a package name or a path), the one setting that changes output.
    """
    name, model_version = _model(model)
    return f"articles-{_package()}+{name}-{model_version}+{_code_digest()[:DIGEST_CHARS]}"
