"""Hostile input: any text, any knowledge base, any terminal; never a traceback, a hang or a lost file.

docs/reliability.md lists what is tried here; tests/test_reliability_doc.py keeps that table true.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, run, write
from metiers_cli.kb import MAX_BYTES
from metiers_cli.yamltree import MAX_DEPTH

# a few seconds in CI; a longer run: METIERS_FUZZ_EXAMPLES=2000 python -m pytest tests/test_hostile.py
EXAMPLES = int(os.environ.get("METIERS_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NASTY = [
    "", " ", "\x00", "\x00CM", "a" * 100_000, "é" * 50_000, "[bold]CM[/bold]", "[/]", "[link=x]", "\u202eCM",
    "שלום מנהל קהילה", "مدير", "🤖📈", "e\u0301\u0301\u0301", "\r\n\t", "--help", "-", "\\", "%s%n", "\ud800",
]
STRANGE_TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=200),
                         st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=60))


def sane(result) -> None:
    """Exit 0, 1 or 2, no traceback, and every message on stderr is one clean line per problem."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# --- any text, any command ------------------------------------------------------------------------------

@FUZZ
@given(text=STRANGE_TEXT)
def test_any_text_as_a_role(text):
    for args in (["show", text], ["show", text, "--json"], ["tree", text], ["compare", text, "CM"],
                 ["path", text, "CM"], ["path", "CM", text]):
        sane(run(*args))


@FUZZ
@given(text=STRANGE_TEXT)
def test_any_text_as_a_query_or_term(text):
    for args in (["search", text], ["search", text, "--json", "--limit", "3"], ["glossary", text],
                 ["list", "--family", text], ["search", "marque", "--structure", text]):
        sane(run(*args))


@pytest.mark.parametrize("text", NASTY)
def test_nasty_texts_everywhere(text):
    for args in (["show", text], ["search", text], ["glossary", text], ["tree", text], ["compare", text, text],
                 ["match", "--aime", text], ["match", "--riasec", text]):
        sane(run(*args))


def test_a_query_of_100000_characters_answers_quickly():
    """Bounded time: well under a second measured (docs/reliability.md); here a hang guard."""
    for args in (["search", "marketing " * 10_000], ["show", "community manager" * 6_000]):
        start = time.perf_counter()
        sane(run(*args))
        assert time.perf_counter() - start < 10


def test_markup_in_queries_is_shown_literally():
    result = run("show", "[bold]Inconnu[/bold]")
    assert "« [bold]Inconnu[/bold] »" in result.stderr


def test_control_characters_never_reach_the_terminal():
    result = run("show", "\x1b[31mrouge\x07")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


# --- knowledge bases that attack --------------------------------------------------------------------------

def metiers(*args, env=None, timeout=30, **kwargs):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("METIERS", "FORCE_COLOR"))}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "metiers_cli", *map(str, args)], capture_output=True, env=full,
                          timeout=timeout, **kwargs)


def attack(tmp_path, text: str | bytes) -> Path:
    path = tmp_path / "attaque.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


BILLION_LAUGHS = "\n".join(["version: 1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
                            *(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                              f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                              f"*{chr(97 + i)}]" for i in range(9)), "roles: []", ""])
ATTACKS = {
    "billion-laughs": (BILLION_LAUGHS, "alias YAML"),
    "deep-flow": ("version: 1\nroles: " + "[" * 5000 + "]" * 5000 + "\n", "imbrication trop profonde"),
    "deep-block": ("version: 1\nroles:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)),
                   "imbrication trop profonde"),
    "python-object": ("version: 1\nroles: !!python/object/apply:os.system ['echo owned']\n",
                      "étiquette YAML non autorisée"),
    "python-name": ("version: 1\nroles: [!!python/name:os.system x]\n", "étiquette YAML non autorisée"),
    "local-tag": ("version: 1\nroles: !secret [a]\n", "étiquette YAML non autorisée"),
    "duplicate-key": ("version: 1\nversion: 1\nroles: []\n", "en double"),
    "not-utf8": (b"version: 1\nroles:\n  - id: caf\xe9\n", "UTF-8"),
    "binary": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binaire"),
    "two-documents": ("version: 1\nroles: []\n---\nversion: 1\n", "un seul document"),
    "empty": ("", "fichier vide"),
    "only-comments": ("# rien\n# toujours rien\n", "fichier vide"),
    "self-report": (MINI.read_text(encoding="utf-8").replace(
        "              - role: animateur\n",
        "              - role: stratege\n              - role: animateur\n"), "cycle hiérarchique"),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_a_hostile_base_gets_a_clear_line_quickly_and_in_bounded_memory(tmp_path, name):
    text, expected = ATTACKS[name]
    path = attack(tmp_path, text)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "metiers_cli", "check", "--data", str(path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "METIERS_NO_CACHE": "1"})
    stdout, stderr = child.communicate(timeout=30)
    elapsed = time.perf_counter() - start
    usage = __import__("resource").getrusage(__import__("resource").RUSAGE_CHILDREN)
    out = stdout.decode() + stderr.decode()
    assert child.returncode == 1, out
    assert expected in out and "Traceback" not in out
    assert re.search(rf"^{re.escape(str(path))}(:\d+)?: ", stdout.decode(), re.MULTILINE), out
    assert elapsed < 15  # a hang guard; measured times are in docs/reliability.md
    assert usage.ru_maxrss < 1_000_000  # KB: bounded memory, whatever the file asks for


def test_the_alias_bomb_is_refused_at_its_first_alias(tmp_path):
    path = attack(tmp_path, BILLION_LAUGHS)
    out = run("check", "--data", path).stdout
    assert f"{path}:3: alias YAML" in out


def test_a_file_beyond_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "enorme.yaml"
    with open(path, "wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: no time or disk spent
    from metiers_cli import kb

    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(AssertionError("read")))
    result = run("check", "--data", path)
    assert result.exit_code == 1 and "trop gros" in result.stdout
    assert MAX_BYTES >= 150 * 1024 * 1024 and kb.MAX_BYTES == MAX_BYTES  # far above a 30,000-role base


def test_nesting_limit_is_far_above_what_a_base_needs():
    assert MAX_DEPTH >= 32


def test_a_directory_or_a_missing_file_is_one_line(tmp_path):
    for path in (tmp_path, tmp_path / "absent.yaml"):
        result = run("show", "CM", "--data", path)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_utf8_bom_and_windows_line_endings_load(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = attack(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run("list", "--json", "--data", path)
    assert result.exit_code == 0
    assert [r["title"] for r in result.json()] == ["Animateur de communauté", "Rédacteur", "Stratège digital"]


def test_cycles_in_career_moves_end(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("    comes_from: [animateur]\n",
                                                     "    evolves_to: [animateur, redacteur]\n")
    path = attack(tmp_path, text)
    for args in (["path", "stratege", "redacteur"], ["path", "redacteur", "stratege"],
                 ["compare", "stratege", "animateur", "redacteur"], ["tree", "animateur"],
                 ["export", "graph", "-F", "mermaid"]):
        sane(run(*args, "--data", path))


@settings(max_examples=max(30, EXAMPLES // 2), deadline=None)
@given(data=st.data())
def test_a_randomly_damaged_base_never_crashes(data, tmp_path_factory):
    lines = MINI.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["delete", "duplicate", "garble", "indent"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "garble":
            lines[i] = data.draw(st.text(max_size=30)) + "\n"
        else:
            lines[i] = " " + lines[i]
    path = write(tmp_path_factory.mktemp("damaged"), "".join(lines))
    for args in (["check"], ["list"], ["show", "animateur"], ["search", "rédaction"]):
        sane(run(*args, "--data", path))


# --- terminals ---------------------------------------------------------------------------------------------

@settings(max_examples=20, deadline=None)
@given(width=st.integers(20, 300))
def test_every_width_from_20_to_300_columns(width):
    for args in (["show", "responsable-communication-online"], ["compare", "CM", "SMM", "traffic-manager"],
                 ["tree", "agence"], ["search", "réseaux sociaux"], ["list"], ["glossary", "CPC"],
                 ["path", "graphiste", "directeur-creation"], ["match", "--riasec", "AES"], ["cache", "info"]):
        result = run(*args, env={"COLUMNS": str(width)})
        sane(result)
        assert result.exit_code == 0
        # nothing is wider than the terminal, but for an identifier alone on its line: it is never split (the
        # terminal wraps it; a copy or a pipe gets it whole)
        wide = [line for line in result.stdout.splitlines() if len(line) > width]
        assert all(re.fullmatch(r" *[a-z0-9]+(-[a-z0-9]+)+", line) for line in wide), wide


def test_output_to_a_file(tmp_path):
    target = tmp_path / "sortie.txt"
    with open(target, "w", encoding="utf-8") as stream:
        child = subprocess.run([sys.executable, "-m", "metiers_cli", "tree", "agence"], stdout=stream,
                               stderr=subprocess.PIPE, timeout=60)
    assert child.returncode == 0 and b"Traceback" not in child.stderr
    text = target.read_text(encoding="utf-8")
    assert "Agence de communication" in text and "\x1b[" not in text


def test_match_with_stdin_closed_says_how_instead_of_waiting():
    child = subprocess.run([sys.executable, "-m", "metiers_cli", "match"], capture_output=True, timeout=60,
                           preexec_fn=lambda: os.close(0))
    assert child.returncode == 2
    assert b"--aime" in child.stderr and b"Traceback" not in child.stderr


def _pty_run(args: list[str], interrupt_after: bytes | float, env: dict | None = None, at_the_latest: float = 5.0):
    """Run metiers in a pseudo-terminal and press Ctrl-C once some output has appeared (or after some seconds,
    and in any case after ``at_the_latest`` seconds); (exit status, everything shown)."""
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env or {})
        # as in a terminal: Ctrl-C interrupts (a CI launcher may start the tests with SIGINT ignored, which
        # children inherit and which would make Python ignore the key)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.execv(sys.executable, [sys.executable, "-m", "metiers_cli", *args])
    output = b""
    start = time.monotonic()
    sent = False
    while time.monotonic() < start + 60:
        ready, _w, _x = select.select([fd], [], [], 0.05)
        chunk = b""
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal: it has ended
                chunk = None
        if chunk:
            output += chunk
        waited = time.monotonic() - start
        if not sent and ((isinstance(interrupt_after, bytes) and interrupt_after in output)
                         or (isinstance(interrupt_after, float) and waited > interrupt_after)
                         or waited > at_the_latest):
            os.write(fd, b"\x03")  # Ctrl-C, as typed
            sent = True
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished or chunk is None:
            if not finished:
                _pid, status = os.waitpid(pid, 0)
            os.close(fd)
            return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("no end after Ctrl-C: " + output.decode("utf-8", "replace"))


def test_ctrl_c_in_the_middle_of_match():
    status, output = _pty_run(["match"], interrupt_after=b"1. ")
    assert status == 130
    assert "interrompu" in output and "Traceback" not in output
    assert output.count("interrompu") == 1


def test_ctrl_c_at_startup_and_while_reading_a_large_base(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import write as synthesize

    big = synthesize(600, tmp_path / "grande.yaml")
    for delay in (0.01, 0.3):
        status, output = _pty_run(["show", "metier-00001", "--data", str(big)], interrupt_after=delay,
                                  env={"METIERS_NO_CACHE": "1"})
        if status == 0:
            continue  # finished before the key was pressed: nothing to interrupt
        assert status == 130, output
        assert "Traceback" not in output and output.count("interrompu") == 1


# --- nothing lost -------------------------------------------------------------------------------------------

def test_a_writer_killed_halfway_leaves_the_old_file_and_nothing_else(tmp_path):
    target = tmp_path / "export.md"
    target.write_text("ancienne version", encoding="utf-8")
    code = f"""
import os, signal
from pathlib import Path
from metiers_cli.files import write_atomic

def chunks():
    yield b"debut"
    os.kill(os.getpid(), signal.SIGKILL)   # killed between two chunks
    yield b"fin"

write_atomic(Path({str(target)!r}), list_or_gen := chunks(), replace=True)
"""
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "ancienne version"
    assert [p.name for p in tmp_path.iterdir()] == ["export.md"]


def test_permission_denied_halfway_leaves_nothing(tmp_path, monkeypatch):
    from metiers_cli import files

    target = tmp_path / "org.yaml"

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "link", refuse)
    result = run("init", target)
    assert result.exit_code == 1 and "permissions" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_cache_can_vanish_or_turn_read_only_between_commands(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    from metiers_cli import cache

    expected = run("list", "--json", "--data", base).json()
    cache.cache_file(base).unlink()
    assert run("list", "--json", "--data", base).json() == expected
    folder = cache.cache_file(base).parent
    for path in folder.iterdir():
        path.write_bytes(b"")
    os.chmod(folder, 0o500)
    try:
        assert run("list", "--json", "--data", base).json() == expected
    finally:
        os.chmod(folder, 0o700)
