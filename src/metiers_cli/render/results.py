"""Renderables for the listing commands (search, list, glossary, structures): tables and entries.

Identifiers are never split: in a column that keeps them whole, or on a line of their own on narrow terminals.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Term
from .common import ACCENT, DIM, HEADING, Indented, highlighted, identifier, level_label, pairs, section, words

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


def role_list(groups: list[tuple[str, list[tuple[str, str, str]]]], width: int) -> Group:
    """Roles grouped by family: (family label, [(id, title, level)]). The id beside the title, or under it."""
    parts: list[RenderableType] = []
    rows = [m for _label, members in groups for m in members]
    title_room = max((len(title) for _id, title, _level in rows), default=0)
    id_room = max((len(f"{role_id} · {level_label(level)}") for role_id, _title, level in rows), default=0)
    side_by_side = width >= min(title_room, 30) + id_room + 4  # a long title may wrap, an id never
    for label, members in groups:
        if side_by_side:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(overflow="fold", ratio=3)
            grid.add_column(no_wrap=True)
            for role_id, title, level in members:
                grid.add_row(words(title), Text.assemble((role_id, DIM), (f" · {level_label(level)}", DIM)))
            body: RenderableType = grid
        else:
            lines: list[RenderableType] = []
            for role_id, title, level in members:
                lines += [words(title), Indented(identifier(role_id), 2),
                          Indented(words(level_label(level), DIM), 2)]
            body = Group(*lines)
        parts.append(section(f"{label} ({len(members)})", body))
    return Group(*parts[0].renderables[1:], *parts[1:]) if parts else Group()


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
