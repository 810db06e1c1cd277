"""README.md's promises stay true: its examples are the real output, its two set-up commands are the real ones."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_example_is_the_real_output():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "readme_examples.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_shows_every_command():
    for name in ("show", "search", "compare", "tree", "list", "glossary", "check", "path", "match", "export"):
        assert re.search(rf"<!-- example[^>]*: metiers {name}\b", README), name


def test_the_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    install, tests = commands[0], commands[1]
    assert "pip install ." in install and "metiers tree agence" in install
    assert "pip install '.[test]'" in tests and "pytest" in tests
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip\" install" in ci and ".[test]" in ci and "pytest" in ci and "metiers\" check" in ci
