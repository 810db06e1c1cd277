"""Building blocks shared by the renderers: French labels, styled text, bullet lists and sections."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..model import CHANNELS, LEVELS, MARKETING, KnowledgeBase, Source

HEADING = "bold cyan"
DIM = "dim"
ACCENT = "bold"
MATCH = "bold yellow"

FIELD_LABELS = {
    "id": "identifiant", "title": "intitulé", "title_feminine": "forme féminine", "aliases": "autres noms",
    "family": "famille", "level": "niveau", "summary": "résumé", "missions": "missions", "skills": "compétences",
    "distinctions": "distinctions", "works_with": "collaborations", "comes_from": "postes d'origine",
    "evolves_to": "évolutions", "channels": "canaux", "marketing": "push / pull", "aptitudes": "aptitudes",
    "riasec": "profil RIASEC", "salary": "salaire", "experience": "expérience", "education": "formation",
    "recruiters": "recruteurs", "rome": "codes ROME", "terms": "glossaire", "sources": "sources",
    "editorial": "part éditoriale",
}


def level_label(level: str) -> str:
    return LEVELS.get(level, level)


def channels_label(channels: Iterable[str]) -> str:
    return ", ".join(CHANNELS.get(c, c) for c in channels)


def marketing_label(value: str | None) -> str:
    return MARKETING.get(value, value) if value else ""


def source_label(source: Source) -> str:
    date = f", {source.date[:4]}" if source.date else ""
    return f"{source.publisher} — « {source.title} »{date}"


def euros(amount: int) -> str:
    if amount % 1000 == 0:
        return f"{amount // 1000} k€"
    return f"{amount:,}".replace(",", "\u202f") + " €"


def heading(text: str) -> Text:
    return Text(text, style=HEADING)


def bullets(items: Iterable[RenderableType | str], marker: str = "•") -> Table:
    """A list whose items wrap under their own text, not under the marker."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=DIM)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(marker, Text(item) if isinstance(item, str) else item)
    return grid


class Pairs:
    """Label: value rows. Two columns where there is room; on a narrow terminal, each value under its label."""

    WIDE = 60

    def __init__(self, rows: Iterable[tuple[str, RenderableType | str]]):
        self.rows = [(label, Text(value) if isinstance(value, str) else value) for label, value in rows]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self.WIDE:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style=DIM, max_width=24)
            grid.add_column(overflow="fold")
            for label, value in self.rows:
                grid.add_row(Text(label), value)
            yield grid
            return
        for label, value in self.rows:
            yield Text(label, style=DIM)
            yield Padding(value, (0, 0, 0, 2), expand=False)


def pairs(rows: Iterable[tuple[str, RenderableType | str]]) -> Pairs:
    return Pairs(rows)


def section(title: str, body: RenderableType) -> Group:
    return Group(Text(""), heading(title), Padding(body, (0, 0, 0, 2), expand=False))


def role_ref(kb: KnowledgeBase, role_id: str, show_id: bool = False) -> Text:
    text = Text(kb.role_title(role_id))
    if show_id:
        text.append(f" ({role_id})", style=DIM)
    return text


def join_titles(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    return ", ".join(kb.role_title(i) for i in ids)


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(MATCH, start, end)
    return out
