"""The glossary's links to roles: which terms a role involves, and which are its core vocabulary."""

from __future__ import annotations

from typing import NamedTuple

from .model import KnowledgeBase


class RoleTerm(NamedTuple):
    role: str
    term: str
    core: bool  # the term is the heart of the role's job (the term's ``core_roles``)


def role_terms(kb: KnowledgeBase) -> list[RoleTerm]:
    """For each role, the terms it names, then those that name it (glossary order): the derivation behind
    every « Vocabulaire » section and the search's glossary links."""
    naming: dict[str, list[str]] = {}
    for term in kb.glossary.values():
        for role_id in term.roles:
            naming.setdefault(role_id, []).append(term.id)
    out = []
    for role in kb.roles.values():
        ids = [t for t in role.terms if t in kb.glossary]
        ids += [t for t in naming.get(role.id, ()) if t not in ids]
        out += [RoleTerm(role.id, t, role.id in kb.glossary[t].core_roles) for t in ids]
    return out
