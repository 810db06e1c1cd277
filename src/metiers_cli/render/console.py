"""One place decides how output looks: colour or not, JSON or text, width, pager, and odd terminals."""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from typing import Any

from .. import french

READING_WIDTH = 100  # prose is never wider than this, however wide the terminal
_FALLBACKS = {"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
              "•": "*", "→": "->", "←": "<-", "·": "-", "\u00a0": " ", "\u202f": " ", "€": "EUR", "œ": "oe",
              "Œ": "OE", "✓": "v", "↳": "->", "│": "|", "─": "-", "┄": "-", "╌": "-", "└": "`", "├": "|",
              french.GLUE: " "}


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


def is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False


def wants_color(stream, env=os.environ) -> bool:
    """INTERFACE.md section 4: none with NO_COLOR, TERM=dumb or a non-terminal, unless FORCE_COLOR."""
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def make_console(stderr: bool = False, max_width: int | None = None):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = wants_color(stream)
    console = Console(file=stream, color_system="auto" if color else None, force_terminal=True if color else None,
                      no_color=not color, highlight=False, emoji=False, markup=False, soft_wrap=False)
    if max_width and console.width > max_width:
        console.width = max_width
    return console


def print_json(data: Any) -> None:
    import json

    ascii_only = not _is_utf(sys.stdout)
    sys.stdout.write(json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n")
    sys.stdout.flush()


def error_line(message: str) -> None:
    """A message on stderr, the program's name first (more lines, such as choices, follow it)."""
    print(french.typeset(f"metiers : {message}"), file=sys.stderr, flush=True)


def _pager_wanted(page: bool) -> bool:
    setting = os.environ.get("METIERS_PAGER")
    if not page or (setting is not None and setting.strip().lower() in ("", "0", "non", "no", "off", "false")):
        return False
    return is_terminal(sys.stdout) and is_terminal(sys.stdin) and os.environ.get("TERM") != "dumb"


def show(build, max_width: int | None = READING_WIDTH, page: bool = True) -> None:
    """Print what ``build(width)`` returns: typeset, no padding at the ends of lines, and in a pager when it is
    taller than the terminal (stdout a terminal, ``METIERS_PAGER``, ``PAGER`` and ``LESS`` honoured)."""
    console = make_console(max_width=max_width)
    with console.capture() as captured:
        console.print(build(console.width), crop=False)  # renderers keep to the width; ids run on whole
    text = captured.get().replace(french.GLUE, french.NBSP)
    if " \n" in text or text.endswith(" "):  # Rich pads some lines (tables) with spaces: not one is kept
        text = "\n".join(map(str.rstrip, text.split("\n")))
    if _pager_wanted(page) and text.count("\n") > console.height - 1:
        from rich.pager import SystemPager

        setting = os.environ.get("METIERS_PAGER")
        if setting:
            os.environ["PAGER"] = setting
            os.environ.pop("MANPAGER", None)
        os.environ.setdefault("LESS", "FRX")  # colours pass through, one screen quits at once
        SystemPager().show(text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()
