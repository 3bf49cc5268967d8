"""`articles ingest --engine ray` on a local Ray instance (skipped when Ray is not installed)."""

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.cli import main
from app.store import models
from tests.conftest import FIXTURES

pytest.importorskip("ray")


def test_ray_engine_extracts_on_actors_and_stores_in_batches(
    database_url: str, engine, capsys: pytest.CaptureFixture
) -> None:
    paths = [str(FIXTURES / "articles")]
    code = main(["ingest", *paths, "--engine", "ray", "--workers", "1", "--database-url", database_url])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[-1] == "3 stored, 0 already stored, 0 failed"
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(models.Mention)) > 0
