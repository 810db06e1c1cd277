"""Renderables for the listing commands (search, list, glossary, structures): tables and entries only."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from typing import TYPE_CHECKING

from ..model import KnowledgeBase, Role, Term

if TYPE_CHECKING:
    from ..search import Hit
from .common import ACCENT, DIM, HEADING, highlighted, join_titles, level_label, pairs, section, source_label

FIELD_NAMES = {"id": "identifiant", "title": "intitulé", "title_feminine": "forme féminine", "alias": "autre nom",
               "summary": "résumé", "mission": "mission", "skill": "compétence", "term": "vocabulaire"}


def structures_table(items: list[dict]) -> Table:
    table = Table(header_style=HEADING, box=None, padding=(0, 2, 0, 0))
    table.add_column("Structure", no_wrap=True)
    table.add_column("Description", overflow="fold")
    for item in items:
        table.add_row(Text(item["id"], style=ACCENT), Text(item["label"]))
    return table


def search_results(kb: KnowledgeBase, hits: list[Hit], width: int) -> Table:
    narrow = width < 100  # the family goes under the title rather than in its own column
    table = Table(header_style=HEADING, expand=False, show_lines=narrow)
    table.add_column("#", justify="right", no_wrap=True)
    longest_id = max((len(hit.id) for hit in hits), default=10)
    fits = width >= 60 + min(longest_id, 28)  # ids whole when there is room, folded otherwise
    table.add_column("Métier", overflow="fold", ratio=2, min_width=min(longest_id, 28) if fits else None)
    if not narrow:
        table.add_column("Famille", overflow="fold", ratio=2)
    table.add_column("Pourquoi", overflow="fold", ratio=5)
    for rank, hit in enumerate(hits, 1):
        role = kb.roles[hit.id]
        title = Text(hit.title, style=ACCENT)
        title.append(f"\n{hit.id}", style=DIM)
        if narrow:
            title.append(f"\n{kb.family_label(role.family)}", style=DIM)
        why = Text(f"{FIELD_NAMES.get(hit.field, hit.field)} : ", style=DIM)
        why.append_text(highlighted(hit.snippet, hit.highlights))
        cells = [Text(str(rank)), title] + ([] if narrow else [Text(kb.family_label(role.family))]) + [why]
        table.add_row(*cells)
    return table


def role_list(kb: KnowledgeBase, roles: list[Role]) -> Group:
    parts: list[RenderableType] = []
    for family in kb.families.values():
        members = [r for r in roles if r.family == family.id]
        if not members:
            continue
        grid = Table.grid(padding=(0, 2))
        grid.add_column(overflow="fold", ratio=3)
        grid.add_column(style=DIM, overflow="fold", ratio=2)
        for role in members:
            grid.add_row(Text(role.title), Text(f"{role.id} · {level_label(role.level)}"))
        parts.append(section(f"{family.label} ({len(members)})", grid))
    return Group(*parts[0].renderables[1:], *parts[1:]) if parts else Group()


def term_entry(kb: KnowledgeBase, term: Term, full: bool = True) -> Group:
    title = Text(term.term, style="bold")
    if term.expansion:
        title.append(f" — {term.expansion}", style="italic")
    parts: list[RenderableType] = [title, Text(term.definition)]
    rows = []
    if term.roles:
        rows.append(("Métiers", join_titles(kb, term.roles)))
    if full:
        if term.aliases:
            rows.append(("Aussi", ", ".join(term.aliases)))
        if term.related:
            rows.append(("Voir aussi", ", ".join(kb.glossary[t].term for t in term.related if t in kb.glossary)))
        if term.note:
            rows.append(("À noter", term.note))
        sources = [source_label(kb.sources[s]) for s in term.sources if s in kb.sources]
        if sources:
            rows.append(("Sources", "\n".join(sources)))
    if rows:
        parts.append(pairs(rows))
    return Group(*parts)


def glossary(kb: KnowledgeBase, terms: list[Term]) -> Group:
    entries: list[RenderableType] = []
    for term in terms:
        entries.extend([term_entry(kb, term, full=False), Text("")])
    return Group(*entries[:-1])
