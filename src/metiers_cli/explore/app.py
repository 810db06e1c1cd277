"""``metiers explore``: the Textual app, its state (history, pins, favourites) and the keys every screen shares.

``run()`` is called by the command once the terminal, the base, the role asked for and the favourites have been
checked: whatever can go wrong with the person's input has been said on one line before the screen opens.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from .. import french
from ..text import fold
from .screens import GlossaryScreen, HelpScreen, MainScreen

if TYPE_CHECKING:
    from ..favorites import Favourites
    from ..model import Role
    from ..store import Base

HISTORY_LIMIT = 500
MODIFIERS = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Maj", "meta": "Méta", "super": "Super"}
KEY_NAMES = {"escape": "Échap", "enter": "Entrée", "tab": "Tab", "space": "Espace", "left": "←", "right": "→",
             "up": "↑", "down": "↓", "pageup": "PgPréc", "pagedown": "PgSuiv"}


class History:
    """The roles opened, in order, and where we are among them: back and forward as in a browser."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index = -1

    @property
    def current(self) -> str | None:
        return self.items[self.index] if self.items else None

    @property
    def can_back(self) -> bool:
        return self.index > 0

    @property
    def can_forward(self) -> bool:
        return self.index < len(self.items) - 1

    def visit(self, role_id: str) -> None:
        """A role opened by choice: what was ahead is forgotten."""
        if self.current == role_id:
            return
        del self.items[self.index + 1:]
        self.items.append(role_id)
        if len(self.items) > HISTORY_LIMIT:
            del self.items[0]
        self.index = len(self.items) - 1

    def back(self) -> str | None:
        if not self.can_back:
            return None
        self.index -= 1
        return self.current

    def forward(self) -> str | None:
        if not self.can_forward:
            return None
        self.index += 1
        return self.current


def light_terminal(env=os.environ) -> bool:
    """Whether the terminal says its background is light (COLORFGBG, set by rxvt, Konsole, iTerm2…)."""
    background = env.get("COLORFGBG", "").split(";")[-1].strip()
    return background in ("7", "15")


class ExplorerApp(App[None]):
    """The explorer: one main screen, the glossary and the help pushed over it."""

    CSS_PATH = "explore.tcss"
    TITLE = "metiers"
    SUB_TITLE = "explorateur"
    ENABLE_COMMAND_PALETTE = False  # its texts are in English; every action has its key

    BINDINGS = [
        Binding("question_mark", "help", "Aide", key_display="?", tooltip="cette aide : toutes les touches"),
        Binding("q", "quit", "Quitter", tooltip="quitter l'explorateur"),
        Binding("ctrl+c,ctrl+q", "quit", "Quitter", show=False, priority=True,
                tooltip="quitter, même depuis le champ de recherche"),
        Binding("ctrl+t", "toggle_theme", "Thème", show=False,
                tooltip="passer du thème sombre au thème clair, et inversement"),
    ]
    BINDINGS = [replace(b, tooltip=french.typeset(b.tooltip)) for b in BINDINGS]

    def __init__(self, base: Base, favourites: Favourites, start: str | None = None) -> None:
        super().__init__()
        self.base = base
        self.favourites = favourites
        self.start = start
        self.history = History()
        self.pins: list[str] = []
        self.current: Role | None = None
        self.summaries = base.summaries()
        self.titles = {rid: title for rid, title, _f, _l in self.summaries}
        self.sorted_titles = sorted(((title, rid) for rid, title in self.titles.items()),
                                    key=lambda pair: (fold(pair[0]), pair[1]))
        self.structure_names = [(name, sid) for sid, name in base.structures()]
        self._moves: list | None = None
        self.theme = "textual-light" if light_terminal() else "textual-dark"

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    # -- what the screens ask ------------------------------------------------------------------------------------
    def find(self, query: str, allowed: set[str] | None) -> list:
        """The search of ``metiers search``, same ranking (runs in a worker thread)."""
        from ..search import search

        return search(self.base, query, allowed=allowed, limit=50)

    def moves(self) -> list:
        if self._moves is None:
            self._moves = self.base.moves()
        return self._moves

    def push_glossary(self, term_id: str | None = None) -> None:
        def opened(role_id: str | None) -> None:
            if role_id and isinstance(self.screen, MainScreen):
                self.screen.open(role_id)

        self.push_screen(GlossaryScreen(term_id), opened)

    def key_rows(self) -> list[tuple[str, str]]:
        """The keys of the main screen and of the app, as the help lists them: one row per action."""
        rows: dict[str, tuple[list[str], str]] = {}
        for binding in [*MainScreen.BINDINGS, *self.BINDINGS]:
            for one in Binding.make_bindings([binding]):
                action = one.action.removeprefix("app.")
                keys, description = rows.setdefault(action, ([], one.tooltip or one.description))
                shown = self.get_key_display(one)
                if shown not in keys:
                    keys.append(shown)
        return [(", ".join(keys), french.typeset(description)) for keys, description in rows.values()]

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a French keyboard names them: Ctrl, Alt, Maj, Échap, Entrée."""
        if binding.key_display:
            return binding.key_display
        from textual.keys import format_key

        modifiers, key = binding.parse_key()
        shown = KEY_NAMES.get(key) or format_key(key)
        if modifiers and len(shown) == 1:
            shown = shown.upper()
        return "+".join([*(MODIFIERS.get(m, m) for m in modifiers), shown])

    # -- app-wide actions ------------------------------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_rows()))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"


@contextmanager
def _drawing_on_the_terminal():
    """Textual draws on stderr: when stderr is redirected (``2>journal.txt``) but stdout is the terminal (the
    command checked it), stderr points at the terminal for the session, and back at its file afterwards."""
    try:
        moved = not os.isatty(2) and os.isatty(1)
    except OSError:
        moved = False
    if not moved:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(1, 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def run(base: Base, favourites: Favourites, start: str | None = None) -> None:
    """Open the explorer on the terminal until the person quits; the terminal is restored on the way out."""
    app = ExplorerApp(base, favourites, start)
    with _drawing_on_the_terminal():
        app.run()
