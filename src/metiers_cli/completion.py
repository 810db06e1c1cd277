"""Values offered by shell completion: roles (by id, title or alias), structures, glossary terms, families,
skills. Completion runs on every Tab: it reads the compiled base (SQLite) and imports neither Rich nor rapidfuzz.

A shell completes words: a name with spaces would come back in pieces, so a title or an alias is offered as
the words typed followed by the rest of the name, hyphenated (« chargée » -> « chargée-de-communication »),
which ``show`` understands; the help beside each value (zsh, fish) is the name as written.
"""

from __future__ import annotations

from .text import fold

LIMIT = 50


def _base(data: str | None):
    from .errors import KnowledgeBaseError, MetiersError
    from .session import load_base

    try:
        return load_base(data)
    except (MetiersError, KnowledgeBaseError):
        return None


def candidates(kind: str, incomplete: str, data: str | None = None) -> list[tuple[str, str]]:
    """(value, help) pairs whose id, or a name, starts with what was typed (case and accents aside); the value
    is always the id, which needs no quoting in a shell, and the help says which name matched."""
    base = _base(data)
    if base is None:
        return []
    typed = fold(incomplete)
    prefix = typed.replace(" ", "-")
    glued = typed.replace(" ", "")
    out: dict[str, str] = {}
    if kind in ("role", "tree"):
        if kind == "tree":
            for sid, name in base.structures():
                if sid.startswith(prefix) or fold(name).startswith(typed):
                    out.setdefault(sid, name)
        for rid, title in base.ids_starting(prefix, LIMIT):
            out.setdefault(rid, title)
        if typed:
            for rid, name in base.db.execute(
                    "SELECT role, name FROM role_names WHERE tier = 2 AND exact >= ? AND exact < ? ORDER BY position",
                    (glued, glued + "\U0010ffff")):
                written = fold(name).replace(" ", "-")
                if written.startswith(prefix) and written not in out:
                    out[incomplete + written[len(prefix):]] = f"{name} ({rid})"
    elif kind == "structure":
        out = {sid: name for sid, name in base.structures() if sid.startswith(prefix) or fold(name).startswith(typed)}
    elif kind == "term":
        out = {t.id: t.term for t in base.terms()
               if t.id.startswith(prefix) or any(fold(n).startswith(typed) for n in t.names)}
    elif kind == "family":
        out = {f.id: f.label for f in base.families().values()
               if f.id.startswith(prefix) or fold(f.label).startswith(typed)}
    elif kind == "skill":
        out = {s.id: s.label for s in base.skills().values()
               if s.id.startswith(prefix) or fold(s.label).startswith(typed)}
    return list(out.items())[:LIMIT]
