"""What the explorer shows, built from the modules and renderers the commands use: a role's card (``show``), its
org charts (``tree``), a career path (``path``), a comparison (``compare``), a glossary entry (``glossary``), and
the related roles of a card as links. No Textual here: plain data and Rich renderables.

The renderers glue French typography with ``french.GLUE``, which the commands turn into a no-break space after
rendering; ``Glued`` does the same for a renderable shown by Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from .. import french

if TYPE_CHECKING:
    from ..model import Role, Term
    from ..store import Base

MAX_PINS = 4


class Glued:
    """A renderable whose glued typography (french.GLUE) comes out as no-break spaces, one cell wide as well.

    ``build``, when given instead of ``body``, makes the renderable for the width it gets (for the renderers that
    lay out by width).
    """

    def __init__(self, body: RenderableType | None = None, build: Callable[[int], RenderableType] | None = None):
        self.body, self.build = body, build

    def _renderable(self, width: int) -> RenderableType:
        return self.build(width) if self.build is not None else self.body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self._renderable(options.max_width), options):
            if french.GLUE in segment.text:
                segment = Segment(segment.text.replace(french.GLUE, french.NBSP), segment.style, segment.control)
            yield segment

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._renderable(options.max_width))


def message(text: str, style: str = "italic") -> Glued:
    """A sentence of the explorer (a hint, an empty state), typeset."""
    from ..render.common import words

    return Glued(words(text, style))


def plain(text: str) -> str:
    """A short text for a Textual label: French typography with real no-break spaces."""
    return french.typeset(text)


# --- the card and its links ------------------------------------------------------------------------------------


def card(base: Base, role: Role) -> Glued:
    """The card of ``metiers show``."""
    from ..card import role_card
    from ..render.card import role_card as draw

    return Glued(draw(role_card(base, role)))


class Link(NamedTuple):
    """A related role (``kind`` "role") or a glossary term ("term") of a card, under its heading."""

    heading: str
    kind: str
    target: str
    label: str
    detail: str = ""


def links(base: Base, role: Role) -> list[Link]:
    """Every role the card names, and its vocabulary, in the order of the card's sections: reporting lines (main
    lines, then the alternatives « selon l'organisation »), roles held together, works with, not to be confused
    with, comes from, evolves to; then the glossary terms."""
    from ..orgchart import node_at

    up, down = base.lines(report=role.id), base.lines(manager=role.id)
    holders = base.covered_by(role.id)
    covers: list[tuple[str, str]] = []
    for place in base.placements(role=role.id):
        structure = base.structure(place.structure)
        if structure is not None:
            covers += [(place.structure, c) for c in node_at(structure.chart, place.path).covers]
    ids = ({line.manager for line in up} | {line.report for line in down} | {h for _s, h in holders}
           | {c for _s, c in covers} | set(role.works_with) | set(role.comes_from) | set(role.evolves_to)
           | {d.role for d in role.distinctions})
    titles = base.titles(ids)
    names = dict(base.structures())
    out: list[Link] = []

    def add(heading: str, pairs) -> None:
        """pairs: (role id, detail); one link per role under a heading, the details joined."""
        details: dict[str, list[str]] = {}
        for rid, detail in pairs:
            found = details.setdefault(rid, [])
            if detail and detail not in found:
                found.append(detail)
        out.extend(Link(heading, "role", rid, titles.get(rid, rid), ", ".join(d)) for rid, d in details.items())

    def where(line) -> str:
        return names.get(line.structure, line.structure) + (f", {line.condition}" if line.condition else "")

    add("Rend compte à", ((line.manager, names.get(line.structure, line.structure)) for line in up
                          if not line.alternative))
    add("Ou, selon l'organisation", ((line.manager, where(line)) for line in up if line.alternative))
    add("Encadre", ((line.report, names.get(line.structure, line.structure)) for line in down if not line.alternative))
    add("Peut aussi encadrer", ((line.report, where(line)) for line in down if line.alternative))
    add("Cumule", ((c, names.get(s, s)) for s, c in covers))
    add("Rôle tenu aussi par", ((h, names.get(s, s)) for s, h in holders))
    add("Travaille avec", ((r, "") for r in role.works_with))
    add("Ne pas confondre avec", ((d.role, "") for d in role.distinctions))
    add("Vient souvent de", ((r, "") for r in role.comes_from))
    add("Peut évoluer vers", ((r, "") for r in role.evolves_to))
    terms = base.terms_of(role.id)
    out.extend(Link("Vocabulaire", "term", term.id, term.term, "essentiel" if core else "")
               for term, core in sorted(terms, key=lambda tc: not tc[1]))
    return out


# --- org charts, paths, comparisons, glossary ---------------------------------------------------------------------


def _sources(base: Base) -> dict[str, str]:
    return {sid: french.quoted(s.title) for sid, s in base.sources().items()}


def role_trees(base: Base, role_id: str, titles: dict[str, str]) -> Glued:
    """Every place of the role in the org charts, and every other line « selon l'organisation » (``tree``)."""
    from ..orgchart import role_tree
    from ..render.charts import role_trees as draw

    return Glued(draw(role_tree(base, role_id), titles, _sources(base)))


def structure_tree(base: Base, structure_id: str, titles: dict[str, str]) -> Glued:
    """A whole org chart (``tree STRUCTURE``)."""
    from ..orgchart import structure_tree as tree
    from ..render.charts import structure_tree as draw

    return Glued(draw(tree(base, structure_id), titles, _sources(base)))


def career_path(base: Base, moves: list, start: str, goal: str, titles: dict[str, str]) -> Glued:
    """The shortest path from one role to another, with the skills carried over and to acquire (``path``)."""
    from ..paths import path_data, shortest_path
    from ..render.career import career_path as draw

    if start == goal:
        return message("Départ et arrivée sont le même métier : choisissez un autre métier visé.")
    steps = shortest_path(moves, start, goal)
    if steps is None:
        return message(f"Aucun parcours connu de {french.quoted(titles.get(start, start))} vers "
                       f"{french.quoted(titles.get(goal, goal))} dans la base.")
    return Glued(draw(path_data(base, start, goal, steps), titles))


def comparison(base: Base, ids: list[str], titles: dict[str, str]) -> Glued:
    """The comparison of 2 to 4 roles, « en résumé » first (``compare``), laid out for the width it gets."""
    from ..compare import compare
    from ..render.comparison import comparison as draw

    found = {r.id: r for r in base.roles(ids)}
    result = compare(base, [found[i] for i in ids if i in found])
    structures = dict(base.structures())
    families = {f.id: f.label for f in base.families().values()}
    return Glued(build=lambda width: draw(result, titles, structures, families, width))


def term_entry(base: Base, term: Term, titles: dict[str, str]) -> Glued:
    """A glossary entry: the definition, the roles, the related terms, the sources (``glossary TERME``)."""
    from ..render.results import term_entry as draw

    sources = {sid: f"{s.publisher} — {french.quoted(s.title)}" for sid, s in base.sources().items()}
    names = {t.id: t.term for t in base.terms()}
    return Glued(draw(term, titles, names, sources))


def term_links(base: Base, term: Term, titles: dict[str, str]) -> list[Link]:
    """The roles of a glossary entry (the job titles it is, then the roles, core first) and its related terms."""
    names = {t.id: t.term for t in base.terms()}
    core = [r for r in term.roles if r in term.core_roles]
    other = [r for r in term.roles if r not in term.core_roles]
    out = [Link("Intitulé de", "role", r, titles.get(r, r)) for r in term.title_of if r in titles]
    out += [Link("Métiers", "role", r, titles.get(r, r), "essentiel" if r in term.core_roles else "")
            for r in core + other if r in titles]
    out += [Link("Voir aussi", "term", t, names[t]) for t in term.related if t in names]
    return out


def pins_line(pins: list[str], titles: dict[str, str]) -> Text:
    """Which roles are pinned for the comparison."""
    from ..render.common import words

    if not pins:
        return words(f"Aucun métier épinglé (0/{MAX_PINS}).", "italic")
    return words(f"Épinglés ({len(pins)}/{MAX_PINS}) : " + " · ".join(titles.get(p, p) for p in pins))
