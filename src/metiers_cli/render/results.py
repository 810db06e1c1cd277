"""Renderables for the listing commands (search, list, glossary, structures): tables and entries.

Identifiers are never split: in a column that keeps them whole, or on a line of their own on narrow terminals.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .. import french
from ..model import Term
from .common import ACCENT, DIM, HEADING, Indented, heading, highlighted, identifier, one_cell, text_widths, level_label, pairs, section, words

FIELD_NAMES = {"id": "identifiant", "title": "intitulé", "title_feminine": "forme féminine", "alias": "autre nom",
               "summary": "résumé", "mission": "mission", "skill": "compétence", "term": "vocabulaire"}
NARROW = 80  # below this width, results are blocks rather than a table




def structures_table(items: list[dict]) -> Table:
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
    in a blink, where a table would measure every cell."""

    GAP = 2
    INDENT = 2

    def __init__(self, members: list[tuple[str, str, str]], labels: dict[str, str], column: int, longest: int,
                 widths: list[int] | None):
        self.members, self.labels = members, labels  # (id, title as shown, level), level -> its label
        self.column, self.longest = column, longest  # the titles' column; the widest title of the whole list
        self.widths = widths  # the titles' widths in cells; None when each of their characters takes one cell

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent, gap, labels = " " * self.INDENT, " " * self.GAP, self.labels
        column = min(self.column, max(1, options.max_width - self.INDENT - self.GAP - 1))
        plain = console.no_color or not console.color_system
        if plain and self.widths is None and self.longest <= column:
            # without colour and with nothing to wrap, the whole list is one piece of text: thousands of rows
            # print at once
            yield Segment("".join([indent + title.ljust(column) + gap + role_id + " · " + labels[level] + "\n"
                                   for role_id, title, level in self.members]))
            return
        dim, line = console.get_style(DIM), Segment.line()
        pieces: list[str] = []
        widths = self.widths if self.widths is not None else [len(title) for _i, title, _l in self.members]
        for (role_id, shown, level), width in zip(self.members, widths):
            if width <= column:
                parts = [(shown, width)]
            else:
                parts = [(p.plain, cell_len(p.plain)) for p in Text(shown).wrap(console, column)]
            for number, (part, part_width) in enumerate(parts):
                left = f"{indent}{part}{' ' * (column - part_width)}{gap}"
                right = f"{role_id} · {labels[level]}" if number == 0 else ""
                if plain:
                    pieces.append(f"{left}{right}\n")
                    continue
                yield Segment(left)
                if right:
                    yield Segment(right, dim)
                yield line
        if pieces:
            yield Segment("".join(pieces))


def role_list(groups: list[tuple[str, list[tuple[str, str, str]]]], width: int) -> Group:
    """Roles grouped by family: (family label, [(id, title, level)]). The id beside the title, or under it.
    Thousands of roles list in few passes over them, each at C speed: one test of all titles for punctuation
    and for wide characters, not one per title."""
    title_of, level_of = itemgetter(1), itemgetter(2)
    together = "".join("".join(map(title_of, members)) for _l, members in groups)
    shown = groups
    if french.typeset(together, french.GLUE) != together:  # a title with « : », « ! »…: each one typeset
        shown = [(label, [(i, french.typeset(t, french.GLUE), lv) for i, t, lv in members])
                 for label, members in groups]
    if one_cell(together):
        widths = None
        title_room = max(max(map(len, map(title_of, members))) for _l, members in shown)
    else:
        cells = text_widths([title for _l, members in shown for title in map(title_of, members)])
        widths, title_room = iter(cells), max(cells)
    labels = {lv: level_label(lv) for lv in set().union(*(map(level_of, members) for _l, members in groups))}
    label_widths = {lv: len(label) for lv, label in labels.items()}
    id_room = max(len(i) + label_widths[lv] for _l, members in groups for i, _t, lv in members) + 3
    room = width - id_room - RoleRows.GAP - RoleRows.INDENT
    parts: list[RenderableType] = []
    for (label, members), (_label, typeset) in zip(groups, shown):
        parts.append(Text(""))
        if room >= min(title_room, 30):  # side by side: a long title may wrap, an id never
            own = None if widths is None else [next(widths) for _m in members]
            parts += [heading(f"{label} ({len(members)})"),
                      RoleRows(typeset, labels, min(title_room, room), title_room, own)]
            continue
        lines: list[RenderableType] = []
        for role_id, title, level in members:
            lines += [words(title), Indented(identifier(role_id), 2), Indented(words(labels[level], DIM), 2)]
        parts += section(f"{label} ({len(members)})", Group(*lines)).renderables[1:]
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
    table = Table.grid(padding=(0, 2))
    table.add_column(overflow="fold", ratio=3)
    table.add_column(no_wrap=True)
    for term in terms:
        shown = words(term.term, ACCENT)
        if term.expansion:
            shown.append_text(words(f" — {term.expansion}", DIM))
        table.add_row(shown, Text(term.id, style=DIM))
    return table
