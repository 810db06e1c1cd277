"""Org charts: the reporting lines derived from each structure's chart, and the trees the commands draw.

Derivation (``placements``, ``reporting_lines``, ``covered``) works on the records of a parsed base and runs
once, when the compiled base is built (store.py) or checked (check.py); the commands read what it produced.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from .model import ChartNode, Structure

if TYPE_CHECKING:
    from .store import Base


class Placement(NamedTuple):
    """The main place of a role in one structure."""

    role: str
    structure: str
    above: tuple[str, ...]  # the role nodes above it on the main lines, top first
    group: str | None  # the label of the group (pole) at the top of its branch, if any
    path: tuple[int, ...]  # the indexes that lead from the chart's first level to its node


class Line(NamedTuple):
    """A reporting line: ``report`` answers to ``manager`` in ``structure``, on a main line or an alternative."""

    structure: str
    manager: str
    report: str
    alternative: bool
    condition: str | None
    note: str | None
    sources: tuple[str, ...]  # what the line rests on (the node's, else the structure's)
    editorial: bool  # no source: judgment

    def as_dict(self) -> dict:
        return {"structure": self.structure, "manager": self.manager, "report": self.report,
                "alternative": self.alternative, "condition": self.condition, "note": self.note,
                "sources": list(self.sources), "editorial": self.editorial}


class Covered(NamedTuple):
    """``holder`` also takes on the role ``covered`` in ``structure`` (a node's ``covers``)."""

    structure: str
    holder: str
    covered: str


def _walk(structure: Structure) -> Iterator[tuple[ChartNode, tuple[int, ...], tuple[str, ...], str | None]]:
    """Every node with its path, the role nodes above it and its group; not below an alternative place."""

    def walk(nodes, path, above, group):
        for index, node in enumerate(nodes):
            here = path + (index,)
            yield node, here, above, group
            if node.alternative:
                continue  # an alternative place has no team of its own: it is at the main place
            if node.role is None:
                yield from walk(node.children, here, above, node.label if not above else group)
            else:
                yield from walk(node.children, here, above + (node.role,), group)

    yield from walk(structure.chart, (), (), None)


def placements(structures: Iterable[Structure]) -> list[Placement]:
    """The main place of each role in each structure, in chart order."""
    return [Placement(node.role, s.id, above, group, path)
            for s in structures for node, path, above, group in _walk(s)
            if node.role is not None and not node.alternative]


def reporting_lines(structures: Iterable[Structure]) -> list[Line]:
    """Every reporting line of every chart, main and alternative, in chart order."""
    lines = []
    for s in structures:
        for node, _path, above, _group in _walk(s):
            if node.role is None or not above:
                continue
            sources = node.sources or (() if node.editorial else s.sources)
            lines.append(Line(s.id, above[-1], node.role, node.alternative, node.condition, node.note, sources,
                              node.editorial or not sources))
    return lines


def covered(structures: Iterable[Structure]) -> list[Covered]:
    return [Covered(s.id, node.role, other) for s in structures for node, _p, _a, _g in _walk(s)
            if node.role is not None for other in node.covers]


def node_at(chart: tuple[ChartNode, ...], path: tuple[int, ...]) -> ChartNode:
    nodes, node = chart, None
    for index in path:
        node = nodes[index]
        nodes = node.children
    return node


# --- trees as plain data (INTERFACE.md section 2), rendered by render/ or printed as JSON ---------------------


def node_data(base: Base, node: ChartNode, titles: dict[str, str]) -> dict:
    if node.role is not None:
        data: dict = {"label": titles.get(node.role, node.role), "id": node.role}
        if node.covers:
            data["covers"] = list(node.covers)
        if node.alternative:
            data["alternative"] = True
        if node.condition:
            data["condition"] = node.condition
        if node.sources:
            data["sources"] = list(node.sources)
        if node.editorial:
            data["editorial"] = True
    else:
        data = {"label": node.label}
    if node.note:
        data["note"] = node.note
    data["children"] = [] if node.alternative else [node_data(base, child, titles) for child in node.children]
    return data


def _roles_in(nodes: Iterable[ChartNode]) -> set[str]:
    found = set()
    for node in nodes:
        if node.role:
            found.add(node.role)
            found.update(node.covers)
        found |= _roles_in(node.children)
    return found


def structure_tree(base: Base, structure_id: str) -> dict:
    structure = base.structure(structure_id)
    titles = base.titles(_roles_in(structure.chart))
    return {"id": structure.id, "label": structure.name,
            "children": [node_data(base, node, titles) for node in structure.chart]}


def role_tree(base: Base, role_id: str) -> dict:
    """Where a role sits in each structure: the chain above its main place, the team below it, and every other
    line to a possible manager (with its source and condition)."""
    places = base.placements(role=role_id)
    lines = [line for line in base.lines(report=role_id)]
    charts = {p.structure: base.structure(p.structure) for p in places}
    wanted = {role_id} | {r for p in places for r in p.above} | {line.manager for line in lines}
    for p in places:
        wanted |= _roles_in(node_at(charts[p.structure].chart, p.path).children)
    chains = {(line.structure, line.manager): base.placement(line.manager, line.structure) for line in lines
              if line.alternative}
    for chain in chains.values():
        if chain:
            wanted.update(chain.above)
    titles = base.titles(wanted)
    out = []
    for p in places:
        node = node_at(charts[p.structure].chart, p.path)
        main = next((line for line in lines if line.structure == p.structure and not line.alternative), None)
        entry = {"id": p.structure, "label": charts[p.structure].name, "group": p.group, "above": list(p.above),
                 "below": [node_data(base, child, titles) for child in node.children]}
        if main is not None:
            entry["line"] = {"sources": list(main.sources), "editorial": main.editorial}
        entry["alternatives"] = [
            {"manager": line.manager, "above": [*(chains[(line.structure, line.manager)].above
                                                  if chains.get((line.structure, line.manager)) else ()),
                                                line.manager],
             "condition": line.condition, "note": line.note, "sources": list(line.sources),
             "editorial": line.editorial}
            for line in lines if line.structure == p.structure and line.alternative]
        out.append(entry)
    return {"id": role_id, "label": titles.get(role_id, role_id), "structures": out}
