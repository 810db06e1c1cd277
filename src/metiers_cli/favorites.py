"""Favourite roles, marked in the explorer: a small JSON file in the user's data folder.

``$XDG_DATA_HOME/metiers/favoris.json`` (``~/.local/share/metiers/favoris.json`` by default)::

    {"format": 1, "roles": ["community-manager", "traffic-manager"]}

Every change is made under an exclusive lock on the file's folder, reads the file again and applies only that
change (so that two explorers never undo each other's marks), then writes the whole file through a temporary
file renamed into place (files.py): a crash or a kill at any moment leaves the old file or the new one. A file
that can't be understood is never overwritten: it is renamed aside, with the date, and the person is told.
"""

from __future__ import annotations

from .errors import reason

import json
import os
from contextlib import contextmanager
from pathlib import Path

FORMAT = 1


class FavouritesError(Exception):
    """The favourites can't be read or written: a French sentence for the person."""


def data_dir() -> Path:
    root = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(root) / "metiers"


def path() -> Path:
    return data_dir() / "favoris.json"


def _parse(text: str) -> list[str] | None:
    """The role ids of a favourites file, or None when it isn't one."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("roles"), list):
        return None
    roles = data["roles"]
    if not all(isinstance(r, str) and r for r in roles):
        return None
    return list(dict.fromkeys(roles))


def _read(file: Path) -> tuple[list[str], str | None]:
    """(role ids, notice): a damaged file is set aside with the date and the list starts empty."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], None
    except PermissionError:
        raise FavouritesError(f"fichier des favoris illisible (permissions) : {file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            return _set_aside(file)
        raise FavouritesError(f"fichier des favoris illisible ({reason(exc)}) : {file}") from None
    roles = _parse(text)
    if roles is None:
        return _set_aside(file)
    return roles, None


def _set_aside(file: Path) -> tuple[list[str], str]:
    import datetime

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = file.with_name(f"{file.stem}.abime-{stamp}{file.suffix}")
    try:
        os.replace(file, aside)
    except OSError as exc:
        raise FavouritesError(f"fichier des favoris abîmé et impossible à mettre de côté ({reason(exc)}) : "
                              f"{file}") from None
    return [], f"fichier des favoris abîmé, mis de côté sous {aside.name} ; la liste repart vide"


@contextmanager
def _locked(folder: Path):
    """An exclusive lock on the favourites while one change is made (POSIX; elsewhere, changes are not locked)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    handle = os.open(folder / ".favoris.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def load() -> list[str]:
    """The favourite role ids, in the order they were marked (a damaged file counts as empty)."""
    return _read(path())[0]


class Favourites:
    """The favourites of an explorer session: what is marked, and every change written at once."""

    def __init__(self, roles: list[str], notice: str | None = None):
        self.roles = roles
        self.notice = notice

    @classmethod
    def open(cls) -> Favourites:
        roles, notice = _read(path())
        return cls(roles, notice)

    def __contains__(self, role_id: str) -> bool:
        return role_id in self.roles

    def toggle(self, role_id: str) -> bool:
        """Mark or unmark a role; True when it is now a favourite."""
        marked = role_id not in self.roles
        self._change(role_id, marked)
        return marked

    def _change(self, role_id: str, marked: bool) -> None:
        from .files import write_atomic

        file = path()
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            with _locked(file.parent):
                roles, _notice = _read(file)
                roles = [r for r in roles if r != role_id] + ([role_id] if marked else [])
                write_atomic(file, json.dumps({"format": FORMAT, "roles": roles}, ensure_ascii=False, indent=2)
                             + "\n", replace=True)
        except OSError as exc:
            raise FavouritesError(f"favoris non enregistrés ({reason(exc)}) : {file}") from None
        self.roles = roles
