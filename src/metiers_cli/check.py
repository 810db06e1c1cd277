"""Semantic checks of a built knowledge base: references, names, charts. Every problem at once, with its line."""

from __future__ import annotations

from collections.abc import Iterator

from .kb import Locations, Problem
from .model import KnowledgeBase

ROLE_LINKS = ("works_with", "comes_from", "evolves_to")


def check(kb: KnowledgeBase, where: Locations) -> list[Problem]:
    """Every semantic problem. A reference to an item that is written but invalid (already reported by the
    loader) is not reported again as unknown."""
    problems: list[Problem] = []

    def add(line: int | None, message: str) -> None:
        problems.append(Problem(kb.path, line, message))

    for line, message in _roles(kb, where):
        add(line, message)
    for line, message in _names(kb, where):
        add(line, message)
    for line, message in _structures(kb, where):
        add(line, message)
    for line, message in _glossary(kb, where):
        add(line, message)
    for source in kb.sources.values():
        if not source.title.strip():
            add(where.line("source", source.id, "title"), f"source « {source.id} » : titre vide")
    return problems


def _known(kb: KnowledgeBase, where: Locations, kind: str, table) -> set[str]:
    return set(table) | where.declared.get(kind, set())


def _roles(kb: KnowledgeBase, where: Locations) -> Iterator[tuple[int | None, str]]:
    roles = _known(kb, where, "role", kb.roles)
    terms = _known(kb, where, "term", kb.glossary)
    sources = _known(kb, where, "source", kb.sources)
    families = _known(kb, where, "family", kb.families)
    for role in kb.roles.values():
        rid = role.id
        name = f"rôle « {rid} »"
        if role.family not in families:
            yield where.line("role", rid, "family"), f"{name} : famille « {role.family} » inconnue"
        for field_name in ROLE_LINKS:
            for i, other in enumerate(getattr(role, field_name)):
                line = where.item_line("role", rid, field_name, i)
                if other == rid:
                    yield line, f"{name} : « {field_name} » le cite lui-même"
                elif other not in roles:
                    yield line, f"{name} : « {field_name} » cite un rôle inconnu « {other} »"
        for i, d in enumerate(role.distinctions):
            line = where.item_line("role", rid, "distinctions", i)
            if d.role == rid:
                yield line, f"{name} : une distinction ne peut pas porter sur le rôle lui-même"
            elif d.role not in roles:
                yield line, f"{name} : distinction avec un rôle inconnu « {d.role} »"
        for i, term in enumerate(role.terms):
            if term not in terms:
                yield where.item_line("role", rid, "terms", i), f"{name} : terme inconnu « {term} »"
        for i, code in enumerate(role.rome):
            if kb.rome and code not in kb.rome:
                yield where.item_line("role", rid, "rome", i), f"{name} : code ROME « {code} » absent de la table « rome »"
        for i, source in enumerate(role.sources):
            if source not in sources:
                yield where.item_line("role", rid, "sources", i), f"{name} : source inconnue « {source} »"
        for label, fact in (("salaire", role.salary), ("expérience", role.experience)):
            if fact is None:
                continue
            line = where.line("role", rid, "salary" if label == "salaire" else "experience")
            if fact.source not in sources:
                yield line, f"{name} : {label} : source inconnue « {fact.source} »"
            elif fact.source not in role.sources:
                yield line, f"{name} : {label} : la source « {fact.source} » manque dans « sources »"
        for field_name in ("summary", "title", "title_feminine"):
            if not getattr(role, field_name).strip():
                yield where.line("role", rid, field_name), f"{name} : « {field_name} » vide"


def _names(kb: KnowledgeBase, where: Locations) -> Iterator[tuple[int | None, str]]:
    """Every id, title and alias points to one role only (case, accents, hyphens and spaces aside).

    Ids and titles are claimed first, aliases next, so that a clash is reported on the alias, whatever the order
    of the roles in the file.
    """
    owner: dict[str, str] = {}
    own: dict[str, set[str]] = {rid: set() for rid in kb.roles}
    titles = [(role.id, field_name, value, where.line("role", role.id, field_name))
              for role in kb.roles.values()
              for field_name, value in (("id", role.id), ("title", role.title),
                                        ("title_feminine", role.title_feminine))]
    aliases = [(role.id, "aliases", alias, where.item_line("role", role.id, "aliases", i))
               for role in kb.roles.values() for i, alias in enumerate(role.aliases)]
    fold = kb.folder()
    for rid, field_name, value, line in titles + aliases:
        key = fold(value).replace(" ", "")
        if not key:
            yield line, f"rôle « {rid} » : nom vide ou sans lettres « {value} »"
            continue
        if key in own[rid]:
            if field_name == "aliases":
                yield line, f"rôle « {rid} » : alias « {value} » répète un autre de ses noms"
            continue
        own[rid].add(key)
        if key in owner:
            yield line, f"rôle « {rid} » : le nom « {value} » appartient déjà au rôle « {owner[key]} »"
        else:
            owner[key] = rid


def _structures(kb: KnowledgeBase, where: Locations) -> Iterator[tuple[int | None, str]]:
    roles = _known(kb, where, "role", kb.roles)
    sources = _known(kb, where, "source", kb.sources)
    for structure in kb.structures.values():
        sid = structure.id
        name = f"structure « {sid} »"
        for i, source in enumerate(structure.sources):
            if source not in sources:
                yield where.item_line("structure", sid, "sources", i), f"{name} : source inconnue « {source} »"
        seen: set[str] = set()
        occurrences: dict[str, int] = {}

        def walk(nodes, chain: tuple[str, ...]):
            for node in nodes:
                rid = node.role
                if rid is not None:
                    nth = occurrences.get(rid, 0)
                    occurrences[rid] = nth + 1
                    lines = where.chart_lines.get((sid, rid), [])
                    line = lines[nth] if nth < len(lines) else where.line("structure", sid, "chart")
                    if rid not in roles:
                        yield line, f"{name} : rôle inconnu « {rid} » dans l'organigramme"
                    if rid in chain:
                        yield line, f"{name} : cycle hiérarchique, « {rid} » se retrouve sous lui-même"
                    elif rid in seen:
                        yield line, f"{name} : « {rid} » figure deux fois dans l'organigramme"
                    seen.add(rid)
                    for other in node.covers:
                        if other not in roles:
                            yield where.line("chart-covers", sid, rid), \
                                f"{name} : « covers » cite un rôle inconnu « {other} »"
                    if rid in chain:
                        continue  # don't walk into a cycle
                yield from walk(node.children, chain + ((rid,) if rid else ()))

        yield from walk(structure.chart, ())


def _glossary(kb: KnowledgeBase, where: Locations) -> Iterator[tuple[int | None, str]]:
    fold = kb.folder()
    roles = _known(kb, where, "role", kb.roles)
    terms = _known(kb, where, "term", kb.glossary)
    sources = _known(kb, where, "source", kb.sources)
    owner: dict[str, str] = {}
    for term in kb.glossary.values():
        tid = term.id
        name = f"terme « {tid} »"
        for i, rid in enumerate(term.roles):
            if rid not in roles:
                yield where.item_line("term", tid, "roles", i), f"{name} : rôle inconnu « {rid} »"
        for i, other in enumerate(term.related):
            if other not in terms:
                yield where.item_line("term", tid, "related", i), f"{name} : terme lié inconnu « {other} »"
        for i, source in enumerate(term.sources):
            if source not in sources:
                yield where.item_line("term", tid, "sources", i), f"{name} : source inconnue « {source} »"
        for value in (tid, term.term, *term.aliases):
            key = fold(value).replace(" ", "")
            if key in owner and owner[key] != tid:
                yield where.line("term", tid, "aliases"), \
                    f"{name} : le nom « {value} » appartient déjà au terme « {owner[key]} »"
            owner.setdefault(key, tid)
