"""Career paths: the shortest sequence of moves from one role to another, each explained.

A move is a career move written on a card (``evolves_to`` of the role left, or ``comes_from`` of the role
reached) or a step up a reporting line of an org chart (taking the job of one's manager).
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

from . import orgchart
from .compare import the, to_the
from .model import KnowledgeBase, Role
from .text import fold

KINDS = {"evolution": "évolution", "promotion": "promotion"}


class Move(NamedTuple):
    source: str
    target: str
    kind: str  # evolution | promotion
    why: str
    basis: str  # source | editorial
    sources: tuple[str, ...] = ()
    skills_to_acquire: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"from": self.source, "to": self.target, "kind": self.kind, "why": self.why, "basis": self.basis,
                "sources": list(self.sources), "skills_to_acquire": list(self.skills_to_acquire)}


def _basis(role: Role, field_name: str) -> tuple[str, tuple[str, ...]]:
    if field_name in role.editorial or not role.sources:
        return "editorial", ()
    return "source", role.sources


def skills_to_acquire(current: Role, target: Role) -> tuple[str, ...]:
    """The know-how the target role asks for that the current one doesn't list."""
    have = {fold(s) for s in (*current.skills.savoir_faire, *current.skills.savoir_etre)}
    return tuple(s for s in target.skills.savoir_faire if fold(s) not in have)


def moves(kb: KnowledgeBase) -> dict[str, list[Move]]:
    """Every move out of each role, the best-founded first; computed once per base."""
    return kb.view("moves", _moves)


def _moves(kb: KnowledgeBase) -> dict[str, list[Move]]:
    graph: dict[str, dict[str, Move]] = {rid: {} for rid in kb.roles}

    def add(move: Move) -> None:
        if move.target in kb.roles and move.source in graph and move.target != move.source:
            graph[move.source].setdefault(move.target, move)

    for role in kb.roles.values():
        basis, sources = _basis(role, "evolves_to")
        for target in role.evolves_to:
            add(Move(role.id, target, "evolution",
                     f"la fiche « {role.title} » cite « {kb.role_title(target)} » parmi ses évolutions",
                     basis, sources))
    for role in kb.roles.values():
        basis, sources = _basis(role, "comes_from")
        for origin in role.comes_from:
            add(Move(origin, role.id, "evolution",
                     f"la fiche « {role.title} » cite « {kb.role_title(origin)} » parmi les postes d'origine",
                     basis, sources))
    for rid, places in orgchart.placements(kb).items():
        for place in places:
            if not place.above:
                continue
            structure = kb.structures[place.structure]
            boss = place.above[-1]
            add(Move(rid, boss, "promotion",
                     f"dans l'organigramme « {structure.name} », {the(kb.role_title(rid))} rend compte "
                     f"{to_the(kb.role_title(boss))} : c'est le poste de son responsable",
                     "source" if structure.sources else "editorial", structure.sources))
    return {rid: list(targets.values()) for rid, targets in graph.items()}


def shortest_path(kb: KnowledgeBase, start: str, goal: str) -> list[Move] | None:
    """The fewest moves from start to goal (breadth-first, so cycles end), or None when there is no way."""
    graph = moves(kb)
    previous: dict[str, Move | None] = {start: None}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == goal:
            break
        for move in graph.get(here, []):
            if move.target not in previous:
                previous[move.target] = move
                queue.append(move.target)
    if goal not in previous:
        return None
    steps: list[Move] = []
    node = goal
    while previous[node] is not None:
        move = previous[node]
        steps.append(move)
        node = move.source
    steps.reverse()
    return [Move(m.source, m.target, m.kind, m.why, m.basis, m.sources,
                 skills_to_acquire(kb.roles[m.source], kb.roles[m.target])) for m in steps]


def path_data(start: str, goal: str, steps: list[Move]) -> dict:
    return {"from": start, "to": goal, "steps": [s.as_dict() for s in steps]}
