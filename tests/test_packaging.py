"""The install paths: every package travels in the wheel and every dependency is pinned in the lock."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from app.store.migrate import migrations_dir
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", re.MULTILINE)


def _pinned(lock: str) -> set[str]:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name) for name in PIN.findall(text)}


def _names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(line).name) for line in requirements}


def test_every_package_under_app_is_in_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "app").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert found <= listed, f"add these to [tool.setuptools] packages: {sorted(found - listed)}"


def test_the_migrations_travel_with_the_package():
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["app.migrations"] == "migrations"
    assert (migrations_dir() / "env.py").is_file()


def test_the_serving_lock_pins_every_runtime_dependency():
    project = PYPROJECT["project"]
    wanted = _names(project["dependencies"] + project["optional-dependencies"]["postgres"])
    assert wanted - _pinned("serve.txt") == set(), "run `make lock`"


def test_the_development_lock_pins_every_test_dependency():
    extras = PYPROJECT["project"]["optional-dependencies"]
    wanted = _names(PYPROJECT["project"]["dependencies"] + extras["postgres"] + extras["dev"])
    assert wanted - _pinned("dev.txt") == set(), "run `make lock`"
    assert _names(extras["bench"]) - _pinned("bench.txt") == set(), "run `make lock`"


def test_every_pin_carries_a_hash():
    for lock in ("serve.txt", "dev.txt", "bench.txt"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        for block in re.split(r"\n(?=\S)", text):
            if "==" in block.split("\n")[0]:
                assert "--hash=sha256:" in block, f"{lock}: {block.splitlines()[0]} has no hash"
