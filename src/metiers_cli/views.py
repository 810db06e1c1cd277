"""The data each command prints with --json (INTERFACE.md section 2), and the filters commands share."""

from __future__ import annotations

from . import orgchart
from .errors import MetiersError
from .model import LEVELS, KnowledgeBase, Role, plain
from .text import compact


def role_data(kb: KnowledgeBase, role: Role) -> dict:
    """The role with the model's field names, plus the reporting lines derived from the charts."""
    data = plain(role)
    data["reports_to"] = orgchart.reports_to(kb, role.id)
    data["manages"] = orgchart.manages(kb, role.id)
    data["reporting"] = orgchart.reporting(kb, role.id)
    data["structures"] = orgchart.structures_of(kb, role.id)
    return data


def hit_data(hit) -> dict:
    return {"id": hit.id, "title": hit.title, "score": hit.score, "field": hit.field, "snippet": hit.snippet}


def family_id(kb: KnowledgeBase, query: str) -> str:
    key = compact(query)
    for family in kb.families.values():
        if key in (compact(family.id), compact(family.label)):
            return family.id
    choices = ", ".join(kb.families)
    raise MetiersError(f"famille inconnue « {query} » ; familles : {choices}")


def structure_id(kb: KnowledgeBase, query: str) -> str:
    from .search import structure_names

    found = structure_names(kb).exact_id(query)
    if found is None:
        raise MetiersError(f"structure inconnue « {query} » ; structures : {', '.join(kb.structures)}")
    return found


def allowed_roles(kb: KnowledgeBase, family: str | None = None, structure: str | None = None,
                  level: str | None = None) -> set[str] | None:
    """The ids that pass the filters given, or None when there is no filter."""
    if family is None and structure is None and level is None:
        return None
    allowed = set(kb.roles)
    if family is not None:
        fid = family_id(kb, family)
        allowed = {r for r in allowed if kb.roles[r].family == fid}
    if structure is not None:
        allowed &= set(orgchart.roles_in(kb, structure_id(kb, structure)))
    if level is not None:
        key = compact(level)
        if key not in LEVELS:
            raise MetiersError(f"niveau inconnu « {level} » ; niveaux : {', '.join(LEVELS)}")
        allowed = {r for r in allowed if kb.roles[r].level == key}
    return allowed
