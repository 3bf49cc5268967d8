import shutil
from pathlib import Path

from app.extract import version
from app.extract.version import UNKNOWN, extractor_version
from tests.conftest import MODEL


def test_the_version_names_the_package_the_model_and_a_digest() -> None:
    package, model, digest = extractor_version(MODEL).split("+")
    assert package.startswith("articles-")
    assert model.startswith("en_") and model.split("-")[-1][0].isdigit()
    assert len(digest) == version.DIGEST_CHARS
    assert extractor_version(MODEL) != UNKNOWN


def test_a_changed_data_file_changes_the_version(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "extract"
    shutil.copytree(version.HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "HERE", copy)
    for cached in (version._code_digest, version.extractor_version):
        cached.cache_clear()
    monkeypatch.setattr(version, "_code_digest", version._code_digest.__wrapped__)
    before = version.extractor_version.__wrapped__(MODEL)
    with (copy / "data" / "cue_verbs.txt").open("a", encoding="utf-8") as data:
        data.write("\nmurmur\n")
    after = version.extractor_version.__wrapped__(MODEL)
    assert before.rsplit("+", 1)[0] == after.rsplit("+", 1)[0]
    assert before != after


def test_a_model_that_is_not_installed_still_has_a_version() -> None:
    assert "+no_such_model-?+" in extractor_version("no_such_model")
