"""Writing files safely: whole or not at all, never over a file unless asked."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def temporary_beside(path: Path) -> Iterator[str]:
    """The name of a new, empty temporary file in ``path``'s folder (hidden, ``.tmp``), deleted if the block
    fails: whatever goes wrong, no half-written file stays behind."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    os.close(handle)
    try:
        yield temporary
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode() -> int:
    """The permissions of a new file, as the user's umask makes them."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_all(stream, chunks) -> None:
    for chunk in chunks:
        stream.write(chunk)
    stream.flush()
    os.fsync(stream.fileno())


def _write_unnamed(path: Path, chunks, replace: bool) -> bool:
    """On Linux: write into an unnamed file (O_TMPFILE) and give it its name only when complete, so that even a
    process killed halfway leaves nothing behind. False where the system doesn't offer it."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return False
    try:
        handle = os.open(path.parent or ".", flag | os.O_WRONLY, _mode())
    except OSError:
        return False  # a file system without O_TMPFILE: the named temporary file below
    linked = None
    root = os.open("/", os.O_RDONLY)  # with a directory fd, os.link uses linkat(), which follows /proc's link
    try:
        with os.fdopen(handle, "wb") as stream:
            _write_all(stream, chunks)
            source = f"/proc/self/fd/{stream.fileno()}"
            target = path if not replace else path.with_name(f".{path.name}.{os.getpid()}.tmp")
            try:
                os.link(source, target, src_dir_fd=root, follow_symlinks=True)
            except FileExistsError:
                if not replace:
                    raise  # the file appeared meanwhile: never replaced unasked
                return False
            except OSError:
                return False  # no /proc, or a system that refuses: the named temporary file below
            if not replace:
                return True
            linked = target
        os.replace(linked, path)
        linked = None
        return True
    finally:
        os.close(root)
        if linked is not None:
            try:
                os.unlink(linked)
            except OSError:
                pass


def write_atomic(path: Path, data: str | bytes | list[bytes], replace: bool = False) -> None:
    """Write ``data`` (text, bytes, or a list of byte chunks) to ``path`` through a temporary file in the same
    folder, then move it into place.

    A failure at any point (disk full, permission, interruption) leaves any previous file intact and no
    partial file behind. Without ``replace``, an existing file is never touched (FileExistsError), even if
    one appears while writing.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(str(path))
    if not replace and os.path.lexists(path):
        raise FileExistsError(str(path))
    chunks = [data.encode("utf-8")] if isinstance(data, str) else [data] if isinstance(data, bytes) else data
    if _write_unnamed(path, chunks, replace):
        return
    with temporary_beside(path) as temporary:
        with open(temporary, "wb") as stream:
            _write_all(stream, chunks)
        os.chmod(temporary, _mode())
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the file appeared meanwhile
            os.unlink(temporary)
