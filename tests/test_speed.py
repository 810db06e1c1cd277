"""What a command imports, and how it ends (issue 13). Speed itself is measured by bench/run.py, never timed here:
these tests guard what keeps it, in a fresh interpreter as the program runs.

- No command imports pydantic: Typer 0.29 builds a pydantic TypeAdapter for every parameter while parsing any
  command line, about half of every run's start-up; pyproject.toml pins the Typer line that doesn't. If a Typer
  installed within the pin ever does, these tests fail loudly.
- No command but `explore` imports Textual; completion imports neither Rich nor RapidFuzz; `--version` is
  answered before Typer is imported.
- A command ends with its objects frozen, so that the interpreter's last garbage collection doesn't walk them.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import MINI2

PROBE = """
import sys
from metiers_cli import entry
try:
    entry.main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + " ".join(sorted({name.split(".")[0] for name in sys.modules})) + "\\n")
import gc
sys.stderr.write(f"FROZEN {gc.get_freeze_count()}\\n")
"""


def probe(args: list[str], env: dict | None = None) -> dict[str, list[str]]:
    """What the probe reports of a command line run in a fresh interpreter, by the first word of its lines."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                            env=environment, timeout=120)
    report = {line.split()[0]: line.split()[1:] for line in result.stderr.splitlines()
              if line.startswith(("MODULES ", "FROZEN "))}
    assert "MODULES" in report, result.stderr
    return report


def imported(args: list[str], env: dict | None = None) -> set[str]:
    """The top-level packages a command line imports, run in a fresh interpreter."""
    return set(probe(args, env)["MODULES"])


COMMANDS = [["show", "community-manager"], ["search", "réseaux sociaux"], ["compare", "cm", "smm"],
            ["tree", "agence"], ["list"], ["glossary", "cpc"], ["--help"], ["show", "--help"],
            ["path", "graphiste", "directeur-artistique"], ["show", "comunity manger"]]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_command_imports_pydantic_or_textual(args):
    modules = imported(args)
    assert "typer" in modules  # the probe really ran the command line
    assert "pydantic" not in modules, (
        "the installed Typer imports pydantic while parsing: it costs about half of every run's start-up "
        "(see pyproject.toml's pin and bench/RESULTS.md)")
    assert "pydantic_core" not in modules
    assert "textual" not in modules


def test_completion_imports_neither_rich_nor_rapidfuzz():
    imported(["list"])  # the compiled base is built: completion reads it
    env = {"_METIERS_COMPLETE": "complete_bash", "COMP_WORDS": "metiers show commu", "COMP_CWORD": "2"}
    modules = imported([], env)
    assert "typer" in modules
    assert not {"rich", "rapidfuzz", "pydantic", "textual", "yaml"} & modules


def test_version_is_answered_before_typer_is_imported():
    modules = imported(["--version"])
    assert "metiers_cli" in modules
    assert not {"typer", "rich", "sqlite3", "yaml", "json"} & modules


@pytest.mark.parametrize("args", [["show", "community-manager"], ["search", "nope", "--json"], ["nope"]], ids=" ".join)
def test_a_command_leaves_its_objects_out_of_the_last_garbage_collection(args):
    # the interpreter's shutdown walks every object still tracked: about 10 ms a run (bench/RESULTS.md), for
    # memory the system takes back anyway; a command, whether it succeeds or fails, freezes them as it ends
    assert int(probe(args)["FROZEN"][0]) > 10_000


def test_a_warm_show_reads_the_compiled_base_not_the_yaml(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "METIERS_DATA": str(MINI2)}
    imported(["list"], env)  # builds the compiled base
    modules = imported(["show", "animateur"], env)
    assert "sqlite3" in modules and "yaml" not in modules
