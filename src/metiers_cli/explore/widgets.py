"""The explorer's small widgets: the search field, the list of roles, the lists of links."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from .. import french
from .views import Link

FIELDS = {"title": "intitulé", "title_feminine": "forme féminine", "alias": "autre nom", "id": "identifiant",
          "summary": "résumé", "mission": "mission", "skill": "compétence", "term": "vocabulaire"}
MARK = "★ "  # a favourite, in the lists


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class SearchField(Input):
    """The search field: every key typed searches again; ↓ or Échap go to the results, Entrée opens the first."""

    BINDINGS = [
        Binding("down", "screen.focus_results", "Résultats", show=False),
        Binding("escape", "screen.focus_results", "Quitter la recherche", key_display="Échap"),
    ]


class Choices(OptionList):
    """A list whose options lead somewhere (a role, a term), under headings that can't be selected."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets: list[object] = []  # per option: what it leads to, None for a heading or a message

    def fill(self, rows: Iterable[tuple[object, object]], keep: object = None) -> None:
        """Replace the options: (prompt, target) rows, a None target making a heading. The highlight goes to the
        option leading to ``keep`` if there is one, else to the first that leads somewhere."""
        options, targets = [], []
        for prompt, target in rows:
            options.append(Option(prompt, disabled=target is None))
            targets.append(target)
        self.targets = targets
        self.set_options(options)
        wanted = next((i for i, t in enumerate(targets) if keep is not None and t == keep), None)
        if wanted is None:
            wanted = next((i for i, t in enumerate(targets) if t is not None), None)
        self.highlighted = wanted

    def reveal(self, target: object) -> None:
        """Highlight the option leading to ``target``, when the list has one and it isn't highlighted yet."""
        if self.target() != target and target in self.targets:
            self.highlighted = self.targets.index(target)

    def target(self, index: int | None = None) -> object:
        """What the option at ``index`` (the highlighted one by default) leads to."""
        index = self.highlighted if index is None else index
        return self.targets[index] if index is not None and 0 <= index < len(self.targets) else None


def heading(text: str) -> Content:
    return Content(french.typeset(text))


def _styled(text: str, style: str) -> Text:
    """Typeset text styled by a span (Text.render, used on wrapped lines, leaves out a Text's own style)."""
    out = Text(french.typeset(text, french.GLUE))
    if style:
        out.stylize(style)
    return out


class Entry:
    """An option of a list: a marker, the title, and a detail under it; wrapped lines hang under their text."""

    def __init__(self, title: str, detail: str = "", marker: str = "  ", style: str = "bold"):
        self.title = _styled(title, style)
        self.detail = _styled(detail, "dim") if detail else None
        self.marker = marker

    def _lines(self, console: Console, width: int):
        for number, line in enumerate(self.title.wrap(console, max(1, width - 2), overflow="fold")):
            yield (self.marker if number == 0 else "  "), line
        if self.detail is not None:
            for line in self.detail.wrap(console, max(1, width - 4), overflow="fold"):
                yield "    ", line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for indent, line in self._lines(console, options.max_width):
            yield Segment(indent)
            for segment in line.render(console):
                yield Segment(segment.text.replace(french.GLUE, french.NBSP), segment.style)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max(cell_len(self.title.plain) + 2, cell_len(self.detail.plain) + 4 if self.detail else 0)
        return Measurement(min(longest, 10), longest).clamp(max_width=options.max_width)


def role_option(title: str, detail: str = "", marked: bool = False) -> Entry:
    return Entry(title, detail, MARK if marked else "  ", style="")


class RoleList(Choices):
    """The roles of the base grouped by family (the favourites first), or the search's hits, best first."""

    def show_groups(self, groups: list[tuple[str, list[tuple[str, str]]]], marked: set[str],
                    keep: str | None = None) -> None:
        """groups: (heading, [(role id, title)])."""
        rows: list[tuple[object, object]] = []
        for label, members in groups:
            rows.append((heading(f"{label} ({len(members)})"), None))
            rows += [(role_option(title, marked=rid in marked), rid) for rid, title in members]
        if not rows:
            rows.append((heading("Aucun métier avec ces filtres."), None))
        self.fill(rows, keep)

    def show_hits(self, query: str, hits: list, marked: set[str], failed: bool = False) -> None:
        if failed:
            rows: list[tuple[object, object]] = [(heading("Recherche impossible (erreur interne)."), None)]
        elif not hits:
            rows = [(heading(f"Aucun métier ne correspond à {french.quoted(_short(query, 40))}."), None)]
        else:
            rows = [(heading(french.plural(len(hits), "résultat")), None)]
            for hit in hits:
                why = FIELDS.get(hit.field, hit.field)
                detail = why if hit.field == "title" or not hit.snippet else f"{why} : {_short(hit.snippet, 44)}"
                rows.append((role_option(hit.title, detail, hit.id in marked), hit.id))
        self.fill(rows)


class LinkList(Choices):
    """The links of a card or of a glossary entry: related roles and terms, under their headings."""

    def show_links(self, links: list[Link], marked: set[str], empty: str = "Aucun lien.") -> None:
        rows: list[tuple[object, object]] = []
        last = None
        for link in links:
            if link.heading != last:
                rows.append((heading(link.heading), None))
                last = link.heading
            if link.kind == "term":
                prompt = Entry(link.label, link.detail, "≡ ", style="")
            else:
                prompt = role_option(link.label, link.detail, link.target in marked)
            rows.append((prompt, link))
        if not rows:
            rows.append((heading(empty), None))
        self.fill(rows)
