"""docs/reliability.md names the tests behind each of its rows: they must exist (and so keep the table true)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")


def _defined_tests(file: str) -> set[str]:
    tree = ast.parse((ROOT / "tests" / file).read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_test_named_in_the_reliability_table_exists():
    named = re.findall(r"(test_\w+\.py)::(test_\w+)", DOC)
    assert len(named) >= 30
    missing = [f"{file}::{name}" for file, name in named if name not in _defined_tests(file)]
    assert missing == []


def test_every_row_of_the_tables_names_a_test():
    rows = [line for line in DOC.splitlines() if line.startswith("| ") and not line.startswith("| essai")]
    assert rows and all("test_" in row or "…[" in row for row in rows), [r for r in rows if "test_" not in r]


def test_the_hostile_base_cases_named_exist():
    from test_hostile import ATTACKS

    for case in re.findall(r"…\[([\w-]+)\]", DOC):
        assert case in ATTACKS
