"""The seed article scored against its hand-made reading by the shared scorer (skipped without ../shared)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.extract.serialize import dumps, extraction_dict
from tests.conftest import SHARED

GOLD = SHARED / "eval" / "seed-gold.jsonl"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="../shared/eval is not present")


@pytest.fixture(scope="module")
def predictions(extractor, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from datetime import date

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path_factory.mktemp("seed") / "pred.jsonl"
    with path.open("wb") as out:
        for doc in gold:
            published = date.fromisoformat(doc["meta"]["published"])
            out.write(dumps(extraction_dict(extractor.extract(doc["text"], published), id=doc["id"])) + b"\n")
    return path


def score(predictions: Path, task: str) -> dict:
    result = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(GOLD),
            "--pred",
            str(predictions),
            "--task",
            task,
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_seed_quotes_are_found_with_their_speakers(predictions: Path) -> None:
    result = score(predictions, "quotes")
    assert result["quotes"]["recall"] >= 0.9
    assert result["quotes"]["precision"] >= 0.9
    assert result["speaker_accuracy"] == 1.0
