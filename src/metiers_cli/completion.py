"""Values offered by shell completion: role ids, structure ids, glossary terms, family ids.

Completion runs on every Tab, so it reads the ids straight from the base's cache (no parsing, no model);
only when there is no fresh cache does it load the base, which writes one for next time.
"""

from __future__ import annotations

from .text import fold


def _ids(kind: str, data: str | None) -> list[str]:
    from .cache import core_of
    from .location import resolve_path

    core = core_of(resolve_path(data))
    if core is not None:
        roles, structures = core["role_ids"], list(core["structure_names"])
        terms, families = [t[0] for t in core["glossary"]], [f[0] for f in core["families"]]
    else:
        from .errors import MetiersError
        from .session import load_base

        try:
            kb = load_base(data)
        except MetiersError:
            return []
        roles, structures, terms, families = list(kb.roles), list(kb.structures), list(kb.glossary), \
            list(kb.families)
    return {"role": roles, "structure": structures, "term": terms, "family": families,
            "tree": structures + roles}.get(kind, [])


def candidates(kind: str, incomplete: str, data: str | None = None) -> list[str]:
    prefix = fold(incomplete).replace(" ", "-")
    return [value for value in _ids(kind, data) if value.startswith(prefix)]
