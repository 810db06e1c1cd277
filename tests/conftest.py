"""Shared helpers: the shipped base and the small fixture bases, and a runner that drives the command line the way
the `metiers` program does (usage errors in French included) while keeping stdout and stderr apart."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from metiers_cli import cli
from metiers_cli.kb import default_path, load

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
MINI = FIXTURES / "mini.yaml"  # format 1: free-sentence skills, no alternatives
MINI2 = FIXTURES / "mini2.yaml"  # format 2: skills vocabulary, alternative reporting lines
SHARED = HERE.parent.parent / "shared"  # the workplace's sources and tools, when the tests run there


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path_factory):
    """Each test: no colour, a fixed width, no pager, no base chosen from the environment, private cache and data
    folders."""
    for name in ("METIERS_DATA", "FORCE_COLOR", "NO_COLOR", "METIERS_NO_CACHE", "METIERS_PAGER", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="session")
def kb():
    """The shipped base as parsed records."""
    return load(default_path())


@pytest.fixture(scope="session")
def base(tmp_path_factory):
    """The shipped base, compiled (in memory), as every command reads it."""
    from metiers_cli.cache import open_base

    previous = os.environ.get("METIERS_NO_CACHE")
    os.environ["METIERS_NO_CACHE"] = "1"
    try:
        return open_base(default_path())
    finally:
        if previous is None:
            del os.environ["METIERS_NO_CACHE"]
        else:
            os.environ["METIERS_NO_CACHE"] = previous


@pytest.fixture(scope="session")
def mini():
    return load(MINI)


def plain(text: str) -> str:
    """Output with French no-break spaces as ordinary ones: what most tests compare (test_french looks at them)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


class Result:
    """stdout and stderr with ordinary spaces; raw_stdout and raw_stderr as written."""

    def __init__(self, exit_code: int, stdout: str, stderr: str, exception: BaseException | None):
        self.exit_code = exit_code
        self.raw_stdout, self.raw_stderr = stdout, stderr
        self.stdout = plain(stdout)
        self.stderr = plain(stderr)
        self.exception = exception

    def json(self):
        return json.loads(self.raw_stdout)


def run(*args: str, env: dict | None = None, input: str | None = None) -> Result:
    """Run a command line through cli.run, as the program does; an uncaught exception is kept, not raised."""
    runner = CliRunner()
    exception = None
    with runner.isolation(input=input, env=env) as streams:
        try:
            code = cli.run([str(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except Exception as exc:  # noqa: BLE001 - a test asserts there is none
            exception, code = exc, 1
        finally:
            import sys

            sys.stdout.flush()
            sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Result(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), exception)


def write(tmp_path: Path, text: str, name: str = "base.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
