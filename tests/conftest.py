"""Shared helpers: the real knowledge base, the small fixture base, and a CLI runner that keeps streams apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from metiers_cli.cli import app
from metiers_cli.kb import default_path, load

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini.yaml"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path_factory):
    """Each test: no colour, a fixed width, no base chosen from the environment, a private cache folder."""
    for name in ("METIERS_DATA", "FORCE_COLOR", "NO_COLOR", "METIERS_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def kb():
    return load(default_path())


@pytest.fixture(scope="session")
def mini():
    return load(MINI)


class Result:
    def __init__(self, raw):
        self.exit_code = raw.exit_code
        self.stdout = raw.stdout
        self.stderr = raw.stderr
        self.exception = raw.exception

    def json(self):
        return json.loads(self.stdout)


def run(*args: str, env: dict | None = None, input: str | None = None) -> Result:
    runner = CliRunner()
    raw = runner.invoke(app, [str(a) for a in args], env=env, input=input, catch_exceptions=True)
    return Result(raw)


def write(tmp_path: Path, text: str, name: str = "base.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
