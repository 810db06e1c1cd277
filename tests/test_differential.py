"""One read path: every command answers the same on its first run (empty cache: the base is compiled) and on its
second (warm cache: the compiled base is read back) — stdout, stderr and exit code, with and without --json.

The corpus covers every role of the shipped base and of the fixture bases for show, tree, compare, path and
export; every term for glossary; every title and a few phrases for search; list with each filter; match; check;
completion.
"""

from __future__ import annotations

import itertools
import tempfile

from conftest import MINI, MINI2, run
from metiers_cli.kb import default_path, load


def corpus(path) -> list[list[str]]:
    kb = load(path)
    data = ["--data", str(path)]
    roles = list(kb.roles)
    commands: list[list[str]] = []
    json_too = lambda *args: [[*args], [*args, "--json"]]  # noqa: E731
    for index, role in enumerate(roles):
        other, far = roles[(index + 1) % len(roles)], roles[(index + len(roles) // 3 + 1) % len(roles)]
        commands += json_too("show", role) + json_too("tree", role)
        commands += json_too("compare", role, other) + json_too("path", role, far)
        commands += [["export", "role", role], ["export", "role", role, "-F", "json"]]
        commands += json_too("search", kb.roles[role].title)
    for structure in kb.structures:
        commands += json_too("tree", structure) + json_too("list", "--structure", structure)
        commands += [["export", "tree", structure, "-F", fmt] for fmt in ("md", "json", "mermaid", "dot")]
    for family in kb.families:
        commands += json_too("list", "--family", family)
    for level in ("operationnel", "encadrement", "direction"):
        commands += json_too("list", "--level", level)
    for term in kb.glossary:
        commands += json_too("glossary", term)
    commands += json_too("glossary") + json_too("glossary", "--list") + json_too("list") + json_too("tree")
    for phrase in ("réseaux sociaux", "stratégie de marque", "budget", "zzqxw", "comunity manger"):
        commands += json_too("search", phrase)
    commands += json_too("match", "--aime", "rediger", "--evite", "negocier") + json_too("match", "--riasec", "AES")
    skill = next(iter(kb.skills))
    commands += json_too("match", "--sait", skill)
    commands += [["check"], ["export", "graph", "-F", "dot"], ["export", "graph", "-F", "json"],
                 ["export", "base", "-F", "csv"], ["export", "base", "-F", "json"], ["export", "favoris"],
                 ["favoris", "--json"]]
    commands += json_too("show", "introuvable-xyz") + json_too("show", "manager")
    return [[*command, *data] for command in commands]


COMPLETIONS = ["metiers show comm", "metiers show chargee", "metiers tree a", "metiers glossary c",
               "metiers match --sait re", "metiers list --family c"]


def test_every_command_answers_alike_cold_and_warm():
    differences = []
    count = 0
    for path in (default_path(), MINI, MINI2):
        commands = corpus(path)
        for command in commands:
            with tempfile.TemporaryDirectory() as folder:
                cold = run(*command, env={"XDG_CACHE_HOME": folder})
                warm = run(*command, env={"XDG_CACHE_HOME": folder})
            count += 1
            assert cold.exception is None, (command, cold.exception)
            if (cold.exit_code, cold.raw_stdout, cold.raw_stderr) != (warm.exit_code, warm.raw_stdout, warm.raw_stderr):
                differences.append(command)
        for words, completion_data in itertools.product(COMPLETIONS, ([], ["--data", str(path)])):
            env = {"_METIERS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": " ".join([words, *completion_data])}
            with tempfile.TemporaryDirectory() as folder:
                cold = run(env={**env, "XDG_CACHE_HOME": folder})
                warm = run(env={**env, "XDG_CACHE_HOME": folder})
            count += 1
            if (cold.exit_code, cold.raw_stdout) != (warm.exit_code, warm.raw_stdout):
                differences.append(words)
    assert count > 1000
    assert not differences, differences
