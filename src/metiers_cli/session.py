"""What every command needs: the compiled base to read and the role, term or structure the person meant.

Turns domain failures into MetiersError with a French message; knows nothing of Typer or Rich.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import french
from .errors import ExitCode, KnowledgeBaseError, MetiersError
from .location import resolve_path

if TYPE_CHECKING:
    from .model import Role, Term
    from .store import Base

_NOTES: set[str] = set()  # notes already written by this run (a command run again after damage won't repeat them)


def begin() -> None:
    """A new command: its notes are written afresh."""
    _NOTES.clear()


def load_base(data: str | None) -> Base:
    """The base chosen by --data, METIERS_DATA or the shipped default, compiled and checked, or MetiersError."""
    from .cache import open_base

    path = resolve_path(data)
    try:
        return open_base(path, _progress if _watched() else None)
    except KnowledgeBaseError as exc:
        first = str(exc.problems[0])
        more = len(exc.problems) - 1
        hint = (f" (et {more} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''} : "
                f"lancez {french.quoted(f'metiers check --data {path}')})") if more else ""
        raise MetiersError(f"base de connaissances invalide : {first}{hint}") from None


def _watched() -> bool:
    import os

    try:
        return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
    except (ValueError, AttributeError):
        return False


def _progress():
    from .render.progress import Progress

    return Progress()


def note(message: str) -> None:
    """A remark on stderr (how a name was understood…), once per run."""
    if message in _NOTES:
        return
    _NOTES.add(message)
    from .render.console import error_line

    error_line(message)


def shorten(text: str, limit: int = 60) -> str:
    """A user's text as it may appear in a message: printable, and not too long."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _choices(pairs: list[tuple[str, str]], titles: dict[str, str]) -> str:
    """Candidates one per line: the id to type, then the title."""
    return "\n".join(f"  {item_id}  ({titles.get(item_id, name)})" for item_id, name in pairs)


def find_role(base: Base, query: str) -> Role:
    query = query.strip()
    if not query:
        raise MetiersError("métier vide : indiquez un nom ou un identifiant", ExitCode.USAGE)
    if base.has_role(query):  # tier 1 of names.resolve, without loading the resolver
        return base.role(query)
    from .names import Ambiguous, NotFound, resolve
    try:
        found = resolve(query, base.role_names())
    except Ambiguous as exc:
        ids = [item for item, _name in exc.candidates]
        titles = base.titles(ids)
        why = (f" (c'est un intitulé du glossaire : {french.quoted('metiers glossary ' + exc.term)})"
               if exc.term else "")
        raise MetiersError(f"{french.quoted(shorten(query))} peut désigner plusieurs métiers{why} ; précisez "
                           f"avec l'un de ces identifiants :\n{_choices(exc.candidates, titles)}") from None
    except NotFound as exc:
        hint = f"cherchez avec {french.quoted('metiers search ' + shorten(query, 40))}"
        if exc.suggestions:
            titles = base.titles(i for i, _n in exc.suggestions)
            raise MetiersError(f"métier introuvable : {french.quoted(shorten(query))}. Vouliez-vous dire :\n"
                               f"{_choices(exc.suggestions, titles)}\nou {hint}") from None
        raise MetiersError(f"métier introuvable : {french.quoted(shorten(query))} ; {hint}, "
                           f"ou listez les métiers avec {french.quoted('metiers list')}") from None
    role = base.role(found.id)
    if found.says_how:
        how = "au plus près" if found.tier == 6 else "d'après son nom"
        note(f"{french.quoted(shorten(query))} compris comme {role.title} ({role.id}), {how}")
    return role


def find_roles(base: Base, queries: list[str]) -> list[Role]:
    roles = [find_role(base, q) for q in queries]
    seen: set[str] = set()
    for role in roles:
        if role.id in seen:
            raise MetiersError(f"{french.quoted(role.title)} est demandé deux fois : donnez des métiers différents",
                               ExitCode.USAGE)
        seen.add(role.id)
    return roles


def _small(rows) -> object:
    from .names import Names

    return Names(rows)


def find_term(base: Base, query: str) -> Term:
    from .names import Ambiguous, NotFound, resolve, term_rows

    query = query.strip()
    terms = base.terms()
    names = _small(r for t in terms for r in term_rows(t))
    try:
        found = resolve(query, names)
    except Ambiguous as exc:
        raise MetiersError(f"{french.quoted(shorten(query))} peut désigner plusieurs termes ; précisez avec l'un de "
                           f"ces identifiants :\n{_choices(exc.candidates, {})}") from None
    except NotFound as exc:
        if exc.suggestions:
            raise MetiersError(f"terme introuvable : {french.quoted(shorten(query))}. Vouliez-vous dire :\n"
                               f"{_choices(exc.suggestions, {})}") from None
        raise MetiersError(f"terme introuvable : {french.quoted(shorten(query))} ; la liste des termes : "
                           f"{french.quoted('metiers glossary --list')}") from None
    term = next(t for t in terms if t.id == found.id)
    if found.tier == 6:
        note(f"{french.quoted(shorten(query))} compris comme {term.term} ({term.id})")
    return term


def structure_id(base: Base, query: str) -> str | None:
    """The structure a name designates (id or name, exactly or once normalised), or None."""
    from .names import Ambiguous, exactly, structure_rows
    from .model import Structure

    names = _small(r for sid, name in base.structures() for r in structure_rows(Structure(sid, name, "", ())))
    try:
        found = exactly(query.strip(), names)
    except Ambiguous:
        return None
    return found.id if found else None


def unknown_structure(base: Base, query: str) -> MetiersError:
    listing = "\n".join(f"  {sid}  ({name})" for sid, name in base.structures())
    return MetiersError(f"structure inconnue : {french.quoted(shorten(query))} ; les structures :\n{listing}",
                        ExitCode.USAGE)


def find_structure_or_role(base: Base, query: str) -> tuple[str, str]:
    """("structure", id) or ("role", id): a structure's name first, then a role; an unknown name lists both."""
    from .names import Ambiguous, NotFound, resolve

    found = structure_id(base, query)
    if found:
        return "structure", found
    try:
        resolve(query, base.role_names())
    except NotFound:
        listing = "\n".join(f"  {sid}  ({name})" for sid, name in base.structures())
        raise MetiersError(f"ni structure ni métier : {french.quoted(shorten(query))} ; les structures :\n{listing}\n"
                           f"et pour un métier, cherchez avec {french.quoted('metiers search')}") from None
    except Ambiguous:
        pass
    return "role", find_role(base, query).id
