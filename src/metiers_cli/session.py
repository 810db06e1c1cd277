"""What every command needs: the knowledge base to read and the role or term the user meant.

Turns domain failures into MetiersError with a French message; knows nothing of Typer or Rich.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .errors import KnowledgeBaseError, MetiersError
from .location import resolve_path

if TYPE_CHECKING:
    from .model import KnowledgeBase, Role, Term
    from .search import NameIndex


def load_base(data: str | None) -> KnowledgeBase:
    """The base chosen by --data, METIERS_DATA or the shipped default, valid, or MetiersError."""
    from .cache import load_cached

    path = resolve_path(data)
    try:
        if _worth_a_progress_bar(path):
            from .render.progress import Progress

            with Progress() as progress:
                return load_cached(path, progress)
        return load_cached(path)
    except KnowledgeBaseError as exc:
        first = str(exc.problems[0])
        more = len(exc.problems) - 1
        hint = f" (et {more} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''} : " \
               f"lancez « metiers check --data {path} »)" if more else ""
        raise MetiersError(f"base de connaissances invalide : {first}{hint}") from None


def _worth_a_progress_bar(path) -> bool:
    """A large base read for the first time, with someone watching stderr."""
    import os

    from .cache import CacheMiss, open_cache

    try:
        if path.stat().st_size < 5_000_000 or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
            return False
    except (OSError, ValueError):
        return False  # loading will say what is wrong with the file
    try:
        open_cache(path)
    except CacheMiss:
        return True
    return False


def note(message: str) -> None:
    print(f"metiers : {message}", file=sys.stderr, flush=True)


def _listing(pairs: list[tuple[str, str]], titles: dict[str, str]) -> str:
    return ", ".join(f"{titles.get(item_id, name)} ({item_id})" for item_id, name in pairs)


def _find(index: NameIndex, query: str, kind: str, hint: str, titles: dict[str, str]) -> str:
    from .search import Ambiguous, NotFound

    query = query.strip()
    if not query:
        raise MetiersError(f"{kind} vide : indiquez un nom ou un identifiant")
    try:
        found = index.resolve(query)
    except Ambiguous as exc:
        raise MetiersError(f"« {shorten(query)} » peut désigner plusieurs {kind}s : {_listing(exc.candidates, titles)}. "
                           "Précisez votre demande.") from None
    except NotFound as exc:
        if exc.suggestions:
            raise MetiersError(f"{kind} introuvable : « {shorten(query)} ». Vouliez-vous dire : "
                               f"{_listing(exc.suggestions, titles)} ?") from None
        raise MetiersError(f"{kind} introuvable : « {shorten(query)} ». {hint}") from None
    if not found.exact:
        note(f"« {shorten(query)} » compris comme {titles.get(found.id, found.name)} ({found.id})")
    return found.id


def shorten(text: str, limit: int = 60) -> str:
    """A user's text as it may appear in a message: printable, and not too long."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_role(kb: KnowledgeBase, query: str) -> Role:
    if query in kb.roles:  # an id: no name index needed
        return kb.roles[query]
    from .search import role_names

    index = role_names(kb)
    rid = _find(index, query, "rôle", "Cherchez avec « metiers search » ou listez avec « metiers list ».",
                _Titles(kb))
    return kb.roles[rid]


class _Titles:
    """role id -> title, read only for the few roles a message names."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def get(self, role_id: str, default: str) -> str:
        role = self.kb.roles.get(role_id)
        return role.title if role else default


def find_roles(kb: KnowledgeBase, queries: list[str]) -> list[Role]:
    roles = [find_role(kb, q) for q in queries]
    seen: set[str] = set()
    for role in roles:
        if role.id in seen:
            raise MetiersError(f"« {role.title} » est demandé deux fois : comparez des rôles différents")
        seen.add(role.id)
    return roles


def find_term(kb: KnowledgeBase, query: str) -> Term:
    from .search import term_names

    tid = _find(term_names(kb), query, "terme", "Affichez tout le glossaire avec « metiers glossary ».",
                {t.id: t.term for t in kb.glossary.values()})
    return kb.glossary[tid]


def find_structure_or_role(kb: KnowledgeBase, query: str) -> tuple[str, str]:
    """("structure", id) or ("role", id): an exact structure name first, then a role, then a near structure."""
    from .search import Ambiguous, NotFound, role_names, structure_names

    structures = structure_names(kb)
    exact = structures.exact_id(query)
    if exact:
        return "structure", exact
    try:
        role_names(kb).resolve(query)
    except NotFound:
        try:
            found = structures.resolve(query)
        except (NotFound, Ambiguous):
            pass
        else:
            note(f"« {shorten(query)} » compris comme {found.name} ({found.id})")
            return "structure", found.id
    except Ambiguous:
        pass
    return "role", find_role(kb, query).id
