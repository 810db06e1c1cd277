"""Renderables for the listing commands (search, list, glossary, structures): tables and entries.

Identifiers are never split: in a column that keeps them whole, or on a line of their own on narrow terminals.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from .. import french
from .common import ACCENT, DIM, HEADING, Indented, heading, highlighted, identifier, pairs, section, text_widths, words

if TYPE_CHECKING:  # importing rich.table costs a few ms: `list` doesn't need it, the functions that do import it
    from rich.table import Table

    from ..model import Term
    from ..store import RoleListing

FIELD_NAMES = {"id": "identifiant", "title": "intitulé", "title_feminine": "forme féminine", "alias": "autre nom",
               "summary": "résumé", "mission": "mission", "skill": "compétence", "term": "vocabulaire"}
NARROW = 80  # below this width, results are blocks rather than a table


def structures_table(items: list[dict]) -> Table:
    from rich.table import Table

    table = Table(header_style=HEADING, box=None, padding=(0, 2, 0, 0))
    table.add_column("Structure", no_wrap=True)
    table.add_column("Description", overflow="fold")
    for item in items:
        table.add_row(Text(item["id"], style=ACCENT), words(item["label"]))
    return table


def _why(hit) -> Text:
    why = words(f"{FIELD_NAMES.get(hit.field, hit.field)} : ", DIM)
    why.append_text(highlighted(hit.snippet, hit.highlights))
    return why


def search_results(hits: list, families: dict[str, str], width: int) -> RenderableType:
    """Hits best first: a table where there is room, else one block per hit (the id on its own line)."""
    if width < NARROW:
        blocks: list[RenderableType] = []
        for rank, hit in enumerate(hits, 1):
            head = Text(f"{rank}. ", style=DIM)
            head.append_text(words(hit.title, ACCENT))
            blocks += [head, Indented(Group(identifier(hit.id), words(families.get(hit.id, ""), DIM), _why(hit)), 3)]
        return Group(*blocks)
    from rich.table import Table

    longest = max((len(hit.id) for hit in hits), default=10)
    wide = width >= 110
    table = Table(header_style=HEADING, expand=False, show_lines=not wide)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Métier", overflow="fold", ratio=2, min_width=longest)
    if wide:
        table.add_column("Famille", overflow="fold", ratio=2)
    table.add_column("Pourquoi", overflow="fold", ratio=5)
    for rank, hit in enumerate(hits, 1):
        title = Group(words(hit.title, ACCENT), identifier(hit.id),
                      *([] if wide else [words(families.get(hit.id, ""), DIM)]))
        cells = [Text(str(rank)), title] + ([words(families.get(hit.id, ""))] if wide else []) + [_why(hit)]
        table.add_row(*cells)
    return table


class RoleRows:
    """Roles one a line, indented: the title in a column, then the id and the level. A title too long for its
    column wraps under itself; the id is never split. Written as segments: a base of thousands of roles lists
    in a blink, where a table would measure every cell; without colour and with nothing to wrap, as the lines
    SQLite wrote (store.RoleListing.lines) when every title shows as written."""

    GAP = 2
    INDENT = 2
    LINE = " " * INDENT + "%-!*s" + " " * GAP + "%s · %s\n"  # SQLite's printf(): the title padded, id, level

    def __init__(self, members: Callable[[], list[tuple[str, str, str]]], labels: dict[str, str], column: int,
                 longest: int, widths: list[int] | None, lines: Callable[[str, int], str] | None = None):
        self.members, self.labels = members, labels  # () -> [(id, title as shown, level)]; level -> its label
        self.column, self.longest = column, longest  # the titles' column; the widest title of the whole list
        self.widths = widths  # the titles' widths in cells; None when each of their characters takes one cell
        self.lines = lines  # (line, column) -> the lines, when every title shows as written

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent, gap, labels = " " * self.INDENT, " " * self.GAP, self.labels
        column = min(self.column, max(1, options.max_width - self.INDENT - self.GAP - 1))
        plain = console.no_color or not console.color_system
        if plain and self.lines is not None and self.longest <= column:
            yield Segment(self.lines(self.LINE, column))  # thousands of rows at once, no Python object a row
            return
        members = self.members()
        dim, line = console.get_style(DIM), Segment.line()
        pieces: list[str] = []
        widths = self.widths if self.widths is not None else [len(title) for _i, title, _l in members]
        for (role_id, shown, level), width in zip(members, widths):
            if width <= column:
                parts = [(shown, width)]
            else:
                parts = [(p.plain, cell_len(p.plain)) for p in Text(shown).wrap(console, column)]
            for number, (part, part_width) in enumerate(parts):
                left = f"{indent}{part}{' ' * (column - part_width)}{gap}"
                right = f"{role_id} · {labels.get(level, level)}" if number == 0 else ""
                if plain:
                    pieces.append(f"{left}{right}\n")
                    continue
                yield Segment(left)
                if right:
                    yield Segment(right, dim)
                yield line
        if pieces:
            yield Segment("".join(pieces))


def role_list(listing: RoleListing, headings: dict[str, str], width: int) -> Group:
    """Roles grouped by family, under ``headings`` (family id -> heading), the id beside the title, or under it.
    When every title shows as written, sizes come from the listing and a family's rows are read only if colour
    or wrapping needs them; otherwise titles are typeset and measured, in few passes over all of them."""
    families = listing.families
    title_room = max(longest for _f, _n, longest, _w, _p in families)
    id_room = max(widest for _f, _n, _t, widest, _p in families)
    labels = listing.labels
    if all(plain for _f, _n, _t, _w, plain in families):
        rows = {fid: functools.partial(listing.members, fid) for fid, *_rest in families}
        widths: dict[str, list[int] | None] = dict.fromkeys(rows)
        lines = {fid: functools.partial(listing.lines, fid) for fid in rows}
    else:  # some title to typeset (« : ») or wider than its length: all of them read, typeset and measured
        shown = {fid: [(i, french.typeset(t, french.GLUE), lv) for i, t, lv in listing.members(fid)]
                 for fid, *_rest in families}
        cells = iter(text_widths([title for members in shown.values() for _i, title, _l in members]))
        widths = {fid: [next(cells) for _m in members] for fid, members in shown.items()}
        title_room = max((max(w) for w in widths.values() if w), default=0)
        rows = {fid: functools.partial(list, members) for fid, members in shown.items()}
        lines = dict.fromkeys(rows)
    room = width - id_room - RoleRows.GAP - RoleRows.INDENT
    parts: list[RenderableType] = []
    for fid, count, *_rest in families:
        parts.append(Text(""))
        if room >= min(title_room, 30):  # side by side: a long title may wrap, an id never
            parts += [heading(f"{headings[fid]} ({count})"),
                      RoleRows(rows[fid], labels, min(title_room, room), title_room, widths[fid], lines[fid])]
            continue
        out: list[RenderableType] = []
        for role_id, title, level in rows[fid]():
            out += [words(title), Indented(identifier(role_id), 2), Indented(words(labels.get(level, level), DIM), 2)]
        parts += section(f"{headings[fid]} ({count})", Group(*out)).renderables[1:]
    return Group(*parts[1:])


def term_entry(term: Term, titles: dict[str, str], related: dict[str, str], sources: dict[str, str],
               full: bool = True) -> Group:
    title = words(term.term, "bold")
    if term.expansion:
        title.append_text(words(f" — {term.expansion}", "italic"))
    parts: list[RenderableType] = [title, words(term.definition)]
    rows = []
    if term.title_of:
        rows.append(("Intitulé de", ", ".join(f"{titles.get(r, r)} ({r})" for r in term.title_of)))
    if term.roles:
        core = [r for r in term.roles if r in term.core_roles]
        other = [r for r in term.roles if r not in term.core_roles]
        rows.append(("Métiers", ", ".join(titles.get(r, r) for r in core + other)))
    if full:
        if term.aliases:
            rows.append(("Aussi", ", ".join(term.aliases)))
        if term.related:
            rows.append(("Voir aussi", ", ".join(related.get(t, t) for t in term.related)))
        if term.note:
            rows.append(("À noter", term.note))
        shown = [sources[s] for s in term.sources if s in sources]
        if shown:
            rows.append(("Sources", "\n".join(shown)))
    if rows:
        parts.append(pairs(rows))
    return Group(*parts)


def glossary(entries: Iterable[Group]) -> Group:
    out: list[RenderableType] = []
    for entry in entries:
        out.extend([entry, Text("")])
    return Group(*out[:-1])


def term_list(terms: list[Term]) -> Table:
    """The terms only, alphabetical: the term, its expansion, its id."""
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(overflow="fold", ratio=3)
    table.add_column(no_wrap=True)
    for term in terms:
        shown = words(term.term, ACCENT)
        if term.expansion:
            shown.append_text(words(f" — {term.expansion}", DIM))
        table.add_row(shown, Text(term.id, style=DIM))
    return table
