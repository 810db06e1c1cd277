"""Values offered by shell completion: role ids, structure ids, glossary terms, family ids."""

from __future__ import annotations

from .text import fold


def candidates(kind: str, incomplete: str, data: str | None = None) -> list[str]:
    from .errors import MetiersError
    from .session import load_base

    try:
        kb = load_base(data)
    except MetiersError:
        return []
    if kind == "role":
        values = list(kb.roles)
    elif kind == "structure":
        values = list(kb.structures)
    elif kind == "family":
        values = list(kb.families)
    elif kind == "term":
        values = list(kb.glossary)
    else:  # tree: a structure or a role
        values = list(kb.structures) + list(kb.roles)
    prefix = fold(incomplete).replace(" ", "-")
    return [v for v in values if v.startswith(prefix)]
