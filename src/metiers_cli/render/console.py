"""One place decides how output looks: colour or not, JSON or text, and what happens on odd terminals."""

from __future__ import annotations

import codecs
import json
import os
import sys
import unicodedata
from typing import Any

_FALLBACKS = {"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
              "•": "*", "→": "->", "←": "<-", "·": "-", "\u00a0": " ", "\u202f": " ", "€": "EUR", "œ": "oe",
              "Œ": "OE", "✓": "v", "↳": "->"}


def _degrade(error: UnicodeEncodeError) -> tuple[str, int]:
    """Encoding error handler: write what the terminal can't show as its nearest ASCII, never crash."""
    text = error.object[error.start:error.end]
    out = []
    for char in text:
        if char in _FALLBACKS:
            out.append(_FALLBACKS[char])
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(plain if plain and plain.isascii() else "?")
    return "".join(out), error.end


codecs.register_error("metiers-degrade", _degrade)


def _is_utf(stream) -> bool:
    return "utf" in (getattr(stream, "encoding", None) or "").lower()


def prepare_streams() -> None:
    """Streams that can't encode French degrade accents instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if not _is_utf(stream) and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="metiers-degrade")
            except (ValueError, OSError):
                pass


def wants_color(stream, env=os.environ) -> bool:
    """INTERFACE.md section 4: none with NO_COLOR, TERM=dumb or a non-terminal, unless FORCE_COLOR."""
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False


def make_console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = wants_color(stream)
    return Console(
        file=stream,
        color_system="auto" if color else None,
        force_terminal=True if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def print_json(data: Any) -> None:
    ascii_only = not _is_utf(sys.stdout)
    sys.stdout.write(json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n")
    sys.stdout.flush()


def error_line(message: str) -> None:
    """One line on stderr, the program's name first."""
    print(f"metiers : {message}", file=sys.stderr, flush=True)
