"""Writing files safely: whole or not at all, never over a file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the file appeared meanwhile
            os.unlink(temporary)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
