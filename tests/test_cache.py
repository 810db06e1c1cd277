"""The cache is never wrong and never in the way: every way it can go bad, metiers still answers correctly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import MINI, run
from metiers_cli import cache


@pytest.fixture
def base(tmp_path) -> Path:
    copy = tmp_path / "base.yaml"
    shutil.copy(MINI, copy)
    return copy


def titles(path: Path) -> list[str]:
    result = run("list", "--json", "--data", path)
    assert result.exit_code == 0, result.stderr
    return [r["title"] for r in result.json()]


def cache_of(path: Path) -> Path:
    return cache.cache_file(path)


def test_a_cache_is_written_then_used(base, monkeypatch):
    assert titles(base)
    written = cache_of(base)
    assert written.is_file()
    calls = []
    from metiers_cli import kb

    monkeypatch.setattr(kb, "load_checked", lambda *a, **k: calls.append(1) or (_ for _ in ()).throw(AssertionError))
    assert titles(base) == ["Animateur de communauté", "Rédacteur", "Stratège digital"]
    assert calls == []  # the base was not read again


def test_a_changed_base_is_read_again(base):
    assert "Rédacteur" in titles(base)
    base.write_text(base.read_text(encoding="utf-8").replace("title: Rédacteur", "title: Rédacteur web"),
                    encoding="utf-8")
    assert "Rédacteur web" in titles(base)


def test_a_base_replaced_with_the_same_size_and_time_but_another_path_is_not_confused(base, tmp_path):
    other = tmp_path / "autre.yaml"
    other.write_text(base.read_text(encoding="utf-8").replace("Stratège digital", "Stratège digitaL"),
                     encoding="utf-8")
    os.utime(other, ns=(base.stat().st_atime_ns, base.stat().st_mtime_ns))
    assert "Stratège digital" in titles(base)
    assert "Stratège digitaL" in titles(other)


@pytest.mark.parametrize("damage", ["flip-core", "flip-record", "truncate", "empty", "foreign", "text"])
def test_a_damaged_cache_is_ignored_and_rebuilt(base, damage):
    expected = titles(base)
    shown = run("show", "animateur", "--json", "--data", base).json()
    path = cache_of(base)
    data = bytearray(path.read_bytes())
    reader = cache.CacheReader(path, None)
    if damage == "flip-core":
        offset, length, _crc = reader.sections["core"]
        data[offset + length // 2] ^= 0xFF
    elif damage == "flip-record":
        offset, length, _crc = reader.sections["roles"]
        data[offset + 10] ^= 0x01
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "empty":
        data = bytearray()
    elif damage == "foreign":
        data = bytearray(os.urandom(4096))
    else:
        data = bytearray(b"ceci n'est pas un cache\n" * 100)
    path.write_bytes(bytes(data))
    assert titles(base) == expected
    again = run("show", "animateur", "--json", "--data", base)
    assert again.exit_code == 0 and again.stderr == ""
    assert again.json() == shown
    assert cache.CacheReader(cache_of(base), None).meta["total"] == cache_of(base).stat().st_size  # rebuilt


def test_a_damaged_search_index_is_never_believed(base):
    expected = run("search", "rédaction", "--json", "--data", base).json()
    path = cache_of(base)
    data = bytearray(path.read_bytes())
    offset, length, _crc = cache.CacheReader(path, None).sections["postings"]
    for i in range(offset, offset + length):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    assert run("search", "rédaction", "--json", "--data", base).json() == expected


def test_a_cache_that_is_a_folder_is_ignored(base):
    expected = titles(base)
    path = cache_of(base)
    path.unlink()
    path.mkdir()
    assert titles(base) == expected


def test_an_unusable_cache_folder_just_means_no_cache(base, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir fails under a file
    assert titles(base) == ["Animateur de communauté", "Rédacteur", "Stratège digital"]
    assert titles(base)
    result = run("show", "CM", "--data", base)
    assert result.exit_code == 0 and "Traceback" not in result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes through permissions")
def test_a_read_only_cache_folder_just_means_no_cache(base, tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    (folder / "metiers").mkdir(parents=True)
    os.chmod(folder / "metiers", 0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    try:
        assert titles(base)
        assert list((folder / "metiers").iterdir()) == []
    finally:
        os.chmod(folder / "metiers", 0o700)


def test_no_cache_when_asked(base, monkeypatch):
    monkeypatch.setenv("METIERS_NO_CACHE", "1")
    assert titles(base)
    assert cache.cache_file(base) is None
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "metiers"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_invalid_base_is_never_cached(base):
    base.write_text(base.read_text(encoding="utf-8").replace("family: digital\n", "family: inconnue\n", 1),
                    encoding="utf-8")
    assert run("list", "--data", base).exit_code == 1
    assert not cache_of(base).exists()


def test_another_metiers_version_rebuilds(base, monkeypatch):
    assert titles(base)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    with pytest.raises(cache.CacheMiss):
        cache.open_cache(base)
    assert titles(base)
    cache.open_cache(base)  # rewritten in the new format


def test_cache_info_and_clear(base):
    assert titles(base)
    info = run("cache", "info", "--json", "--data", base).json()
    assert info["enabled"] and info["current"] == str(cache_of(base))
    entry = next(e for e in info["files"] if e["file"] == info["current"])
    assert entry["base"] == str(base.resolve()) and entry["state"] == "à jour" and entry["size"] > 0
    text = " ".join(run("cache", "info", "--data", base).stdout.split())
    assert "base actuelle" in text and str(base.resolve()) in text
    base.write_text(base.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = run("cache", "info", "--json", "--data", base).json()
    assert next(e for e in stale["files"] if e["file"] == info["current"])["state"] == "périmé"
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "vidé" in cleared.stderr
    assert not cache_of(base).exists()
    assert "déjà vide" in run("cache", "clear").stderr


def test_completion_reads_ids_from_the_cache_without_parsing(base, monkeypatch):
    from metiers_cli import kb
    from metiers_cli.completion import candidates

    assert titles(base)  # writes the cache
    monkeypatch.setattr(kb, "parse", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed")))
    assert candidates("role", "an", str(base)) == ["animateur"]
    assert candidates("structure", "", str(base)) == ["studio"]


def test_a_large_first_read_reports_its_phases(base):
    from metiers_cli.kb import load_checked

    seen = []

    class Recorder:
        def phase(self, label):
            seen.append(label)

        def update(self, done, total):
            seen.append((done, total))

    load_checked(base, progress=Recorder())
    assert seen[0] == "Lecture de la base" and "Vérification" in seen
    size = len(base.read_text(encoding="utf-8"))
    assert (size, size) in seen


def test_search_from_the_cache_ranks_like_a_fresh_index(base):
    from metiers_cli.kb import load

    fresh = load(base)
    from metiers_cli.search import search_index

    assert titles(base)
    cached = cache.read(base)
    for query in ("rédaction", "réseaux sociaux", "stratégie budget", "cm", "rigueur"):
        expected = search_index(fresh).search(query)
        assert search_index(cached).search(query) == expected
        assert search_index(cached).search(query) == search_index(fresh).search(query, exhaustive=True)
