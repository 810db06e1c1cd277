"""Org charts: the reporting lines derived from each structure's chart, and the trees commands draw."""

from __future__ import annotations

from typing import NamedTuple

from .model import ChartNode, KnowledgeBase, Structure


class Placement(NamedTuple):
    """Where a role sits in one structure."""

    structure: str
    node: ChartNode
    above: tuple[str, ...]  # role ids, top first
    manages: tuple[str, ...]  # the nearest role nodes below it, in chart order
    group: str | None  # the label of the group (pole) it belongs to, if any


def _role_children(node: ChartNode) -> list[str]:
    out = []
    for child in node.children:
        if child.role is not None:
            out.append(child.role)
        else:
            out.extend(_role_children(child))
    return out


def placements(kb: KnowledgeBase) -> dict[str, list[Placement]]:
    """role id -> its placements, in structure order. Computed once per knowledge base."""
    return kb.view("placements", _placements)


def covered_by(kb: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    """role id -> the (structure, role) pairs where another role also takes it on (``covers``)."""
    return kb.view("covered_by", _covered_by)


def _covered_by(kb: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    result: dict[str, list[tuple[str, str]]] = {}
    for rid, places in placements(kb).items():
        for place in places:
            for covered in place.node.covers:
                result.setdefault(covered, []).append((place.structure, rid))
    return result


def _placements(kb: KnowledgeBase) -> dict[str, list[Placement]]:
    result: dict[str, list[Placement]] = {}
    for structure in kb.structures.values():
        seen: set[str] = set()

        def walk(nodes, above: tuple[str, ...], group: str | None):
            for node in nodes:
                if node.role is None:
                    walk(node.children, above, node.label if not above else group)
                    continue
                if node.role in seen or node.role in above:  # a malformed chart must not loop
                    continue
                seen.add(node.role)
                result.setdefault(node.role, []).append(
                    Placement(structure.id, node, above, tuple(_role_children(node)), group))
                walk(node.children, above + (node.role,), group)

        walk(structure.chart, (), None)
    return result


def reporting(kb: KnowledgeBase, role_id: str) -> dict[str, dict[str, list[str]]]:
    """{structure id: {"reports_to": [...], "manages": [...]}} for each structure where the role appears."""
    return {
        p.structure: {"reports_to": list(p.above[-1:]), "manages": list(p.manages)}
        for p in placements(kb).get(role_id, [])
    }


def _union(lists) -> list[str]:
    out: list[str] = []
    for items in lists:
        out.extend(i for i in items if i not in out)
    return out


def reports_to(kb: KnowledgeBase, role_id: str) -> list[str]:
    return _union(p.above[-1:] for p in placements(kb).get(role_id, []))


def manages(kb: KnowledgeBase, role_id: str) -> list[str]:
    return _union(p.manages for p in placements(kb).get(role_id, []))


def structures_of(kb: KnowledgeBase, role_id: str) -> list[str]:
    return [p.structure for p in placements(kb).get(role_id, [])]


def is_above(kb: KnowledgeBase, boss: str, other: str) -> list[str]:
    """The structures where ``boss`` stands above ``other`` in the reporting chain."""
    return [p.structure for p in placements(kb).get(other, []) if boss in p.above]


def roles_in(kb: KnowledgeBase, structure_id: str) -> list[str]:
    return [rid for rid, ps in placements(kb).items() if any(p.structure == structure_id for p in ps)]


# --- trees as plain data (INTERFACE.md section 2), rendered by render/ or printed as JSON ---------------


def node_data(kb: KnowledgeBase, node: ChartNode, depth: int = 0) -> dict:
    if node.role is not None:
        data: dict = {"label": kb.role_title(node.role), "id": node.role}
        if node.covers:
            data["covers"] = list(node.covers)
    else:
        data = {"label": node.label}
    if node.note:
        data["note"] = node.note
    data["children"] = [node_data(kb, child, depth + 1) for child in node.children] if depth < 64 else []
    return data


def structure_tree(kb: KnowledgeBase, structure: Structure) -> dict:
    return {"id": structure.id, "label": structure.name,
            "children": [node_data(kb, node) for node in structure.chart]}


def role_tree(kb: KnowledgeBase, role_id: str) -> dict:
    return {
        "id": role_id,
        "label": kb.role_title(role_id),
        "structures": [
            {"id": p.structure, "label": kb.structure_name(p.structure), "group": p.group,
             "above": list(p.above), "below": [node_data(kb, child) for child in p.node.children]}
            for p in placements(kb).get(role_id, [])
        ],
    }


def structures_list(kb: KnowledgeBase) -> list[dict]:
    return [{"id": s.id, "label": s.name} for s in kb.structures.values()]
