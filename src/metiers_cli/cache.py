"""Where compiled bases live, and when one may be served: the cache in front of store.py.

One SQLite file per knowledge base, in the user's cache folder (``$XDG_CACHE_HOME/metiers``, private: folder
0700, files 0600). A compiled base is served only while the YAML it was built from is unchanged, as far as a
stamp can tell (path, size, modification and change times, inode, device) — and, when the stamp changed but the
size did not, the content's SHA-256 decides. Otherwise the YAML is read, checked and compiled again, into a
temporary file renamed into place (readers see the old file or the new one, never half of one), one process at
a time (SQLite's own lock). Where nothing can be written — read-only or full disk, ``METIERS_NO_CACHE=1``, a base
that is not a regular file (a pipe, ``/dev/stdin``) — the same database is built in memory: every command reads
the base through the same queries either way.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import zlib
from pathlib import Path

from . import __version__
from .errors import KnowledgeBaseError, Problem, reason

SUFFIX = ".sqlite3"
LOCK_WAIT = 120.0  # seconds a process waits for another one compiling the same base, then compiles in memory
DAMAGED: set[str] = set()  # compiled bases found damaged during this run: never opened again, even if undeletable
OPENED: list[str] = []  # the compiled bases this run opened, so that damage found later can be set aside


def cache_dir() -> Path | None:
    """Where compiled bases live, or None when caching is off."""
    if os.environ.get("METIERS_NO_CACHE", "") not in ("", "0"):
        return None
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "metiers"


def cache_file(base: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    name = str(base.resolve()).encode("utf-8", "surrogateescape")
    # a short, stable name; the path itself is in the stamp, so a collision is only a miss
    return folder / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}{SUFFIX}"


def _fail(path: Path, message: str) -> KnowledgeBaseError:
    return KnowledgeBaseError([Problem(str(path), None, message)])


def _stat(path: Path) -> os.stat_result:
    """The base's status, readable, or a KnowledgeBaseError saying why not (checked before anything is served)."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(path, "c'est un dossier, pas un fichier YAML")
        if stat.S_ISREG(info.st_mode):  # a pipe is checked by reading it, once
            os.close(os.open(path, os.O_RDONLY))
    except FileNotFoundError:
        raise _fail(path, "fichier introuvable") from None
    except PermissionError:
        raise _fail(path, "lecture refusée (permissions)") from None
    except OSError as exc:
        raise _fail(path, f"lecture impossible ({reason(exc)})") from None
    return info


def stamp(path: Path, info: os.stat_result) -> str:
    return json.dumps([str(path.resolve()), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino,
                       info.st_dev, __version__])


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    from .store import SCHEMA_VERSION

    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return {}
    return dict(db.execute("SELECT key, value FROM meta"))


def _open_fresh(file: Path, path: Path, info: os.stat_result, digest: str | None = None):
    """The compiled base in ``file`` if it was built from this very base, else None."""
    from .store import Base

    if str(file) in DAMAGED or not file.is_file():
        return None
    db = None
    try:
        db = sqlite3.connect(f"file:{file}?mode=ro", uri=True, check_same_thread=False)
        meta = _meta(db)
        current = stamp(path, info)
        if meta.get("stamp") != current:
            if not meta or json.loads(meta["stamp"])[1] != info.st_size or json.loads(meta["stamp"])[-1] != __version__:
                db.close()
                return None
            if (digest or _digest(path.read_bytes())) != meta.get("sha256"):
                db.close()
                return None
            db.close()  # the same content under a new stamp (a copy, an extraction): note the new stamp
            with sqlite3.connect(file) as writer:
                writer.execute("UPDATE meta SET value = ? WHERE key = 'stamp'", (current,))
            writer.close()
            db = sqlite3.connect(f"file:{file}?mode=ro", uri=True, check_same_thread=False)
        OPENED.append(str(file))
        return Base(db, str(path), str(file))
    except (sqlite3.Error, OSError, ValueError, IndexError, KeyError):
        if db is not None:
            db.close()
        return None


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_mode & 0o077 and info.st_uid == os.getuid():
        folder.chmod(0o700)


def _compile(path: Path, text: str, progress=None):
    """The checked records of the base in ``text`` (KnowledgeBaseError with every problem otherwise)."""
    from .kb import load_text

    kb, problems = load_text(text, str(path), progress)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb


def _meta_for(path: Path, info: os.stat_result | None, digest: str, kb) -> dict[str, str]:
    return {"stamp": stamp(path, info) if info is not None else "", "sha256": digest, "source": str(path),
            "metiers": __version__, "format": str(kb.version), "python": ".".join(map(str, sys.version_info[:2]))}


def _in_memory(path: Path, info, digest: str, kb):
    from .store import Base, write

    db = sqlite3.connect(":memory:", check_same_thread=False)
    write(db, kb, _meta_for(path, info, digest, kb))
    return Base(db, str(path), ":memory:")


def _read(path: Path) -> bytes:
    from .kb import read_bytes

    return read_bytes(path)


def open_base(path: Path, progress=None):
    """The compiled base of the YAML at ``path``: from the cache when fresh, else compiled now.

    ``progress``, if given, is a function returning a progress reporter, called only when the base must be
    compiled (a large first read).
    """
    info = _stat(path)
    file = cache_file(path) if stat.S_ISREG(info.st_mode) else None
    if file is not None:
        base = _open_fresh(file, path, info)
        if base is not None:
            return base
    data = _read(path)
    digest, size = _digest(data), len(data)
    from .kb import decode

    text = decode(data, str(path))
    del data  # a large base is held once, as text, while it is read
    reporter = progress() if progress is not None and file is not None and size >= 5_000_000 else None
    if reporter is not None:
        with reporter:
            kb = _compile(path, text, reporter)
    else:
        kb = _compile(path, text)
    del text
    if file is None:
        return _in_memory(path, None, digest, kb)
    try:
        return _build_file(file, path, info, digest, kb)
    except (OSError, sqlite3.Error):
        return _in_memory(path, info, digest, kb)  # a folder we can't write to, a full disk: no cache this time


def _build_file(file: Path, path: Path, info, digest: str, kb):
    """Compile into a temporary file renamed into place, one process at a time; another process may have
    compiled the same base meanwhile, then its file is used."""
    from .files import temporary_beside
    from .store import Base, write

    _private_folder(file.parent)
    lock_path = file.with_suffix(".lock")
    os.close(os.open(lock_path, os.O_WRONLY | os.O_CREAT, 0o600))
    lock = sqlite3.connect(lock_path, timeout=LOCK_WAIT, isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")
        base = _open_fresh(file, path, info, digest)
        if base is not None:
            return base
        with temporary_beside(file) as temporary:
            db = sqlite3.connect(temporary)
            try:
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                write(db, kb, _meta_for(path, info, digest, kb))
            finally:
                db.close()
            os.replace(temporary, file)
        DAMAGED.discard(str(file))
        OPENED.append(str(file))
        return Base(sqlite3.connect(f"file:{file}?mode=ro", uri=True, check_same_thread=False), str(path), str(file))
    finally:
        lock.close()


def discard_opened() -> None:
    """Every compiled base this run opened is set aside: the command runs again from the YAML."""
    for origin in OPENED:
        discard(origin)
    OPENED.clear()


def discard(origin: str) -> None:
    """A compiled base found damaged while in use: removed if possible, and never opened again by this run."""
    if origin == ":memory:":
        return
    DAMAGED.add(origin)
    try:
        os.unlink(origin)
    except OSError:
        pass


# --- metiers cache info / clear ------------------------------------------------------------------------------


def entries() -> list[dict]:
    """Every compiled base in the cache folder: file, size, the base it was built from, and its state."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return []
    out = []
    for file in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            size = file.stat().st_size
        except OSError:
            continue
        base, state = None, "illisible"
        try:
            with sqlite3.connect(f"file:{file}?mode=ro", uri=True) as db:
                meta = _meta(db)
            db.close()
            if meta:
                base = meta.get("source")
                recorded = json.loads(meta["stamp"]) if meta.get("stamp") else None
                try:
                    current = stamp(Path(base), os.stat(base)) if base else None
                except OSError:
                    current = None
                state = "à jour" if recorded and current == meta["stamp"] else "périmé" if base else "illisible"
            else:
                state = "d'une autre version"
        except sqlite3.Error:
            pass
        out.append({"file": str(file), "size": size, "base": base, "state": state})
    return out


def clear() -> tuple[int, int]:
    """Remove every file of the cache folder that metiers wrote; (count, bytes freed)."""
    folder = cache_dir()
    count = size = 0
    if folder is None or not folder.is_dir():
        return 0, 0
    for pattern in (f"*{SUFFIX}", "*.lock", ".*.tmp", "*.cache"):
        for file in folder.glob(pattern):
            try:
                length = file.stat().st_size
                file.unlink()
            except OSError:
                continue
            count += 1
            size += length
    return count, size
