"""Which knowledge base to read: --data, then METIERS_DATA, then the shipped one. Light on purpose."""

from __future__ import annotations

import os
from pathlib import Path


def default_path() -> Path:
    """The shipped base: inside the installed package, or data/ of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "roles.yaml"
    if packaged.is_file():
        return packaged
    return here.parent.parent / "data" / "roles.yaml"


def document(name: str) -> Path:
    """A document of docs/ (format.md…): inside the installed package, or docs/ of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "docs" / name
    return packaged if packaged.is_file() else here.parent.parent / "docs" / name


def resolve_path(option: str | None) -> Path:
    """--data wins over METIERS_DATA, which wins over the shipped base."""
    chosen = option or os.environ.get("METIERS_DATA")
    return Path(chosen) if chosen else default_path()
