"""Career paths: the shortest sequence of moves from one role to another, each explained.

A move is a career move written on a card (``evolves_to`` of the role left, or ``comes_from`` of the role
reached) or a step up a main reporting line of an org chart (taking the job of one's manager). The moves are
derived once, when the compiled base is built (``career_moves``); ``path`` reads them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from . import skills as skilling
from .model import KnowledgeBase, Role

if TYPE_CHECKING:
    from .orgchart import Line
    from .store import Base

KINDS = {"evolution": "évolution", "promotion": "promotion"}


class Move(NamedTuple):
    source: str
    target: str
    kind: str  # evolution | promotion
    via: str  # the card that cites the move (evolution), or the structure whose chart has the line (promotion)
    field: str  # evolves_to | comes_from | chart
    basis: str  # source | editorial
    sources: tuple[str, ...] = ()


def _basis(role: Role, field_name: str) -> tuple[str, tuple[str, ...]]:
    if field_name in role.editorial or not role.sources:
        return "editorial", ()
    return "source", role.sources


def career_moves(kb: KnowledgeBase, lines: Iterable[Line]) -> list[Move]:
    """Every move between roles, the best-founded first for each pair: the derivation behind ``path``."""
    moves: dict[tuple[str, str], Move] = {}

    def add(move: Move) -> None:
        if move.target in kb.roles and move.source in kb.roles and move.target != move.source:
            moves.setdefault((move.source, move.target), move)

    for role in kb.roles.values():
        basis, sources = _basis(role, "evolves_to")
        for target in role.evolves_to:
            add(Move(role.id, target, "evolution", role.id, "evolves_to", basis, sources))
    for role in kb.roles.values():
        basis, sources = _basis(role, "comes_from")
        for origin in role.comes_from:
            add(Move(origin, role.id, "evolution", role.id, "comes_from", basis, sources))
    for line in lines:
        if not line.alternative:
            add(Move(line.report, line.manager, "promotion", line.structure, "chart",
                     "editorial" if line.editorial else "source", line.sources))
    return list(moves.values())


def shortest_path(moves: Iterable[Move], start: str, goal: str) -> list[Move] | None:
    """The fewest moves from start to goal (breadth-first, so cycles end), or None when there is no way."""
    graph: dict[str, list[Move]] = {}
    for move in moves:
        graph.setdefault(move.source, []).append(move)
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
    return steps


def why(base: Base, move: Move) -> str:
    """The reason for a move, as a sentence part (« la fiche … cite … parmi ses évolutions »)."""
    from . import french

    source, target = base.title(move.source), base.title(move.target)
    if move.field == "evolves_to":
        return f"la fiche {french.quoted(source)} cite {french.quoted(target)} parmi ses évolutions"
    if move.field == "comes_from":
        return f"la fiche {french.quoted(target)} cite {french.quoted(source)} parmi les postes d'origine"
    structure = base.structure_name(move.via)
    return (f"dans l'organigramme {french.quoted(structure)}, {french.the(source)} rend compte "
            f"{french.to_the(target)} : c'est le poste de son responsable")


def path_data(base: Base, start: str, goal: str, steps: list[Move]) -> dict:
    """The path as plain data (INTERFACE.md): each step with what carries over, what to acquire and deepen,
    counting the skills gained on the earlier steps."""
    roles = {r.id: r for r in base.roles([start, *(s.target for s in steps)])}
    vocabulary = base.skills()
    have = skilling.held(roles[start])
    out = []
    for step in steps:
        target = roles[step.target]
        gap = skilling.gap(have, target)
        have = skilling.gain(have, target)
        out.append({
            "from": step.source, "to": step.target, "kind": step.kind, "why": why(base, step), "basis": step.basis,
            "sources": list(step.sources),
            "skills_to_acquire": skilling.labels(gap.to_acquire, vocabulary),
            "skills_carried": skilling.labels(gap.carried, vocabulary),
            "skills_to_deepen": skilling.labels(gap.to_deepen, vocabulary),
            "skill_ids": {"to_acquire": [r.skill for r in gap.to_acquire], "carried": [r.skill for r in gap.carried],
                          "to_deepen": [r.skill for r in gap.to_deepen]},
        })
    goal_skills = {ref.skill for ref in roles[goal].skills.all()} if goal in roles else set()
    from_start = goal_skills & set(skilling.held(roles[start]))
    return {"from": start, "to": goal, "steps": out,
            "summary": {"goal_skills": len(goal_skills), "carried_from_start": len(from_start),
                        "to_acquire": sum(len(step["skills_to_acquire"]) for step in out)}}
