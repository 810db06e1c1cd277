"""Loading a base for the commands (a cache comes with the speed work)."""

from __future__ import annotations

from pathlib import Path

from .kb import load
from .model import KnowledgeBase


def load_cached(path: Path) -> KnowledgeBase:
    return load(path)
