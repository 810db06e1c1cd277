"""The compiled base (SQLite) and its cache: one read path, freshness that can't be fooled, private files,
damage never believed, concurrent first runs (cache.py, store.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import MINI, MINI2, run, write
from metiers_cli import cache, kb as kb_module


@pytest.fixture
def base_file(tmp_path):
    return write(tmp_path, MINI.read_text(encoding="utf-8"))


def cache_files() -> list[Path]:
    folder = cache.cache_dir()
    return sorted(folder.glob("*.sqlite3")) if folder and folder.is_dir() else []


def titles(path: Path) -> list[str]:
    result = run("list", "--json", "--data", path)
    assert result.exit_code == 0, result.stderr
    return [r["title"] for r in result.json()]


def compiled(monkeypatch) -> list[int]:
    """Counts the compilations (YAML read and checked) from now on."""
    calls = []
    original = kb_module.load_text

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(kb_module, "load_text", counting)
    return calls


def test_a_compiled_base_is_written_then_read_without_the_yaml(base_file, monkeypatch):
    calls = compiled(monkeypatch)
    first = titles(base_file)
    assert len(cache_files()) == 1 and calls == [1]
    assert titles(base_file) == first and calls == [1]  # the second run never reads the YAML


def test_the_compiled_base_is_a_database_people_can_query(base_file):
    titles(base_file)
    with sqlite3.connect(cache_files()[0]) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"roles", "skills", "structures", "reporting_lines", "terms", "sources", "role_text"} <= tables
        assert db.execute("SELECT title FROM roles WHERE id = 'animateur'").fetchone() == ("Animateur de communauté",)


def test_a_changed_base_is_read_again(base_file):
    titles(base_file)
    base_file.write_text(base_file.read_text(encoding="utf-8").replace("Rédacteur\n", "Rédacteur en chef\n"),
                         encoding="utf-8")
    assert "Rédacteur en chef" in titles(base_file)


def test_a_base_rewritten_with_the_same_size_and_time_is_read_again(base_file):
    """cp -p, rsync -t, tar x: same size, same mtime, other content."""
    titles(base_file)
    info = base_file.stat()
    text = base_file.read_text(encoding="utf-8")
    changed = text.replace("title: Rédacteur\n", "title: Rédacteux\n")
    assert len(changed.encode()) == len(text.encode())
    base_file.write_text(changed, encoding="utf-8")
    os.utime(base_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert base_file.stat().st_size == info.st_size and base_file.stat().st_mtime_ns == info.st_mtime_ns
    assert "Rédacteux" in titles(base_file)


def test_a_copy_with_the_same_content_reuses_the_compiled_base(base_file, monkeypatch):
    titles(base_file)
    calls = compiled(monkeypatch)
    os.utime(base_file, None)  # touched: another stamp, the same content
    assert titles(base_file) and calls == []
    with sqlite3.connect(cache_files()[0]) as db:
        stamp = dict(db.execute("SELECT key, value FROM meta"))["stamp"]
    assert json.loads(stamp)[2] == base_file.stat().st_mtime_ns  # the new stamp was noted
    assert titles(base_file) and calls == []


def test_a_base_that_cannot_be_read_is_never_served_from_the_cache(base_file, monkeypatch):
    titles(base_file)
    real = os.open

    def refuse(path, *args, **kwargs):
        if str(path) == str(base_file):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = run("list", "--data", base_file)
    assert result.exit_code == 1 and "lecture refusée" in result.stderr and result.stdout == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_chmod_000_is_not_served_from_the_cache(base_file):
    titles(base_file)
    base_file.chmod(0)
    try:
        result = run("list", "--data", base_file)
        assert result.exit_code == 1 and "lecture refusée" in result.stderr
    finally:
        base_file.chmod(0o644)


def test_a_pipe_is_read_in_memory_and_never_cached(tmp_path):
    fifo = tmp_path / "base.fifo"
    os.mkfifo(fifo)
    text = MINI.read_text(encoding="utf-8")

    def feed():
        with open(fifo, "w", encoding="utf-8") as writer:
            writer.write(text)

    feeder = threading.Thread(target=feed)
    feeder.start()
    assert "Rédacteur" in titles(fifo)
    feeder.join(timeout=10)
    assert cache_files() == []


def test_dev_stdin_is_read_in_memory_and_never_cached(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("METIERS_DATA", None)
    for _ in range(2):
        child = subprocess.run([sys.executable, "-m", "metiers_cli", "list", "--json", "--data", "/dev/stdin"],
                               input=MINI.read_bytes(), capture_output=True, env=env, timeout=60)
        assert child.returncode == 0, child.stderr
        assert {r["id"] for r in json.loads(child.stdout)} == {"animateur", "redacteur", "stratege"}
    assert not list((tmp_path / "cache").glob("metiers/*.sqlite3"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign", "old-schema", "other-path",
                                    "folder"])
def test_a_damaged_or_foreign_compiled_base_is_rebuilt(base_file, damage):
    expected = titles(base_file)
    file = cache_files()[0]
    if damage == "garbage":
        file.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        file.write_bytes(file.read_bytes()[:3000])
    elif damage == "empty":
        file.write_bytes(b"")
    elif damage == "foreign":
        file.unlink()
        with sqlite3.connect(file) as db:
            db.execute("CREATE TABLE other (x)")
        db.close()
    elif damage == "old-schema":
        with sqlite3.connect(file) as db:
            db.execute("PRAGMA user_version = 1")
        db.close()
    elif damage == "other-path":
        with sqlite3.connect(file) as db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'stamp'", (json.dumps(["/elsewhere", 1, 1, 1, 1, 1, "0"]),))
        db.close()
    else:
        file.unlink()
        file.mkdir()
    result = run("list", "--json", "--data", base_file)
    assert result.exit_code == 0, result.stderr
    assert [r["title"] for r in result.json()] == expected
    assert "Traceback" not in result.stderr


def test_damage_found_in_the_middle_of_a_command_rebuilds_and_answers_once(base_file):
    first = run("show", "CM", "--data", base_file)
    file = cache_files()[0]
    data = bytearray(file.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # every page but the header: the tables are unreadable
        data[start:start + page] = os.urandom(min(page, len(data) - start))
    file.write_bytes(bytes(data))
    again = run("show", "CM", "--data", base_file)
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout
    assert again.stderr == first.stderr  # the note « compris comme » once, not once per attempt


def test_a_damaged_compiled_base_that_cannot_be_deleted_still_gets_an_answer(base_file, monkeypatch):
    expected = titles(base_file)
    file = cache_files()[0]
    file.write_bytes(os.urandom(8192))
    real_unlink, real_replace = os.unlink, os.replace

    def stuck(path, *args, **kwargs):
        if Path(path).parent == file.parent:
            raise PermissionError(13, "Operation not permitted", str(path))
        return real_unlink(path, *args, **kwargs)

    def no_replace(src, dst, *args, **kwargs):
        if Path(dst) == file:
            raise PermissionError(13, "Operation not permitted", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", stuck)
    monkeypatch.setattr(os, "replace", no_replace)
    result = run("list", "--json", "--data", base_file)
    assert result.exit_code == 0, result.stderr
    assert [r["title"] for r in result.json()] == expected and "Traceback" not in result.stderr


def test_the_cache_is_private(base_file, monkeypatch):
    previous = os.umask(0o022)
    try:
        base_file.chmod(0o600)
        titles(base_file)
        folder = cache.cache_dir()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for file in folder.iterdir():
            assert stat.S_IMODE(file.stat().st_mode) & 0o077 == 0, file
    finally:
        os.umask(previous)


def test_an_existing_open_cache_folder_is_made_private(base_file):
    folder = cache.cache_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    titles(base_file)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_twenty_first_runs_at_once_build_one_database_and_all_answer(tmp_path):
    base = write(tmp_path, MINI2.read_text(encoding="utf-8"))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100"}
    env.pop("METIERS_DATA", None)
    children = [subprocess.Popen([sys.executable, "-m", "metiers_cli", "show", "stratege", "--json", "--data",
                                  str(base)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                for _ in range(20)]
    outputs = [child.communicate(timeout=120) for child in children]
    assert all(child.returncode == 0 for child in children), [err for _out, err in outputs]
    assert all(json.loads(out)["id"] == "stratege" for out, _err in outputs)
    assert all(err == b"" for _out, err in outputs)
    folder = tmp_path / "cache" / "metiers"
    assert len(list(folder.glob("*.sqlite3"))) == 1
    assert not list(folder.glob(".*.tmp"))


def test_no_cache_when_asked_and_the_same_answers(base_file):
    expected = run("show", "CM", "--json", "--data", base_file).raw_stdout
    result = run("show", "CM", "--json", "--data", base_file, env={"METIERS_NO_CACHE": "1"})
    assert result.raw_stdout == expected


def test_an_unusable_cache_folder_means_a_database_in_memory(base_file, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run("list", "--json", "--data", base_file, env={"XDG_CACHE_HOME": str(blocker)})
    assert result.exit_code == 0 and len(result.json()) == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_folder_means_a_database_in_memory(base_file, tmp_path):
    folder = tmp_path / "ro"
    (folder / "metiers").mkdir(parents=True)
    (folder / "metiers").chmod(0o500)
    try:
        result = run("list", "--json", "--data", base_file, env={"XDG_CACHE_HOME": str(folder)})
        assert result.exit_code == 0 and len(result.json()) == 3
    finally:
        (folder / "metiers").chmod(0o700)


def test_an_invalid_base_is_never_compiled(tmp_path):
    broken = write(tmp_path, MINI.read_text(encoding="utf-8").replace("level: direction", "level: chef"))
    assert run("list", "--data", broken).exit_code == 1
    assert cache_files() == []


def test_another_metiers_version_rebuilds(base_file, monkeypatch):
    titles(base_file)
    calls = compiled(monkeypatch)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert titles(base_file) and calls == [1]


def test_cache_info_and_clear_in_french(base_file):
    titles(base_file)
    info = run("cache", "info")
    assert info.exit_code == 0 and " Mo" in info.stdout and "à jour" in info.stdout
    assert "," in info.stdout.split("Taille")[1].split("\n")[0]  # « 0,1 Mo »: French notation
    data = run("cache", "info", "--json").json()
    assert data["enabled"] and data["files"] and data["files"][0]["state"] == "à jour"
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "cache vidé" in cleared.stderr and " Mo" in cleared.stderr
    assert cache_files() == []
    assert "déjà vide" in run("cache", "clear").stderr


def test_completion_reads_the_compiled_base(base_file, monkeypatch):
    from metiers_cli.completion import candidates

    titles(base_file)
    calls = compiled(monkeypatch)
    assert ("animateur", "Animateur de communauté") in candidates("role", "anim", str(base_file))
    assert calls == []


def test_damage_seen_only_by_a_later_query_sets_the_file_aside_and_runs_again(base_file, monkeypatch):
    from metiers_cli import store

    expected = run("show", "CM", "--data", base_file)
    real = store.Base.roles
    failures = []

    def damaged_once(self, ids=None):
        if not failures:
            failures.append(self.origin)
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real(self, ids)

    monkeypatch.setattr(store.Base, "roles", damaged_once)
    again = run("show", "CM", "--data", base_file)
    assert failures and failures[0].endswith(".sqlite3")
    assert again.exit_code == 0 and again.stdout == expected.stdout
    assert again.stderr == expected.stderr  # « compris comme » written once
    assert cache_files()  # compiled again


@pytest.mark.parametrize("texts", [(), ("Chef de projet",), ("« guillemets » et \"doubles\"", "barre \\ oblique"),
                                   ("tab\tretour\nnul\x00 et \x1f", "émoji 🚀 et \u2028 séparateur", "€ œ ß")])
def test_lists_of_texts_are_stored_as_json_dumps_writes_them(texts):
    from metiers_cli import store

    assert store._texts_json(texts) == json.dumps(list(texts), ensure_ascii=False, separators=(",", ":"))
    assert json.loads(store._texts_json(texts)) == list(texts)
