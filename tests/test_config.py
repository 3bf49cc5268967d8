"""Settings: every one is documented in .env.example."""

from __future__ import annotations

from app.config import Settings
from tests.conftest import ROOT


def test_env_example_lists_every_setting():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    missing = [name.upper() for name in Settings.model_fields if f"# {name.upper()}=" not in text]
    assert missing == [], f"add to .env.example: {missing}"
