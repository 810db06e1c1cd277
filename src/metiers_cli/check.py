"""Checks of a built knowledge base as a whole: references, names, skills, charts. Every problem, with its line."""

from __future__ import annotations

from collections.abc import Iterator

from . import names as naming
from .errors import Problem
from .kb import Locations
from .model import KnowledgeBase
from .text import fold

ROLE_LINKS = ("works_with", "comes_from", "evolves_to")
Found = Iterator[tuple[int | None, str]]


def check(kb: KnowledgeBase, where: Locations) -> list[Problem]:
    """Every problem of the base as a whole. A reference to an item that is written but invalid (already reported
    by the loader) is not reported again as unknown."""
    problems: list[Problem] = []
    for part in (_roles, _skills, _names, _structures, _glossary, _advice):
        problems.extend(Problem(kb.path, line, message) for line, message in part(kb, where))
    for source in kb.sources.values():
        if not source.title.strip():
            problems.append(Problem(kb.path, where.line("source", source.id, "title"),
                                    f"source « {source.id} » : titre vide"))
    return problems


def _known(where: Locations, kind: str, table) -> set[str]:
    return set(table) | where.declared.get(kind, set())


def _roles(kb: KnowledgeBase, where: Locations) -> Found:
    roles = _known(where, "role", kb.roles)
    terms = _known(where, "term", kb.glossary)
    sources = _known(where, "source", kb.sources)
    families = _known(where, "family", kb.families)
    rome_owner: dict[str, str] = {}
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
        for field_name in ("rome", "rome_related"):
            for i, code in enumerate(getattr(role, field_name)):
                line = where.item_line("role", rid, field_name, i)
                if kb.rome and code not in kb.rome:
                    yield line, f"{name} : code ROME « {code} » absent de la table « rome »"
                elif field_name == "rome" and code in rome_owner:
                    yield line, (f"{name} : la fiche ROME {code} nomme déjà le rôle « {rome_owner[code]} » ; "
                                 "un métier voisin la cite dans « rome_related »")
                elif field_name == "rome":
                    rome_owner[code] = rid
                elif code in role.rome:
                    yield line, f"{name} : le code ROME {code} est à la fois dans « rome » et « rome_related »"
        for i, source in enumerate(role.sources):
            if source not in sources:
                yield where.item_line("role", rid, "sources", i), f"{name} : source inconnue « {source} »"
        for label, key, fact in (("salaire", "salary", role.salary), ("expérience", "experience", role.experience)):
            if fact is None:
                continue
            line = where.line("role", rid, key)
            if fact.source not in sources:
                yield line, f"{name} : {label} : source inconnue « {fact.source} »"
            elif fact.source not in role.sources:
                yield line, f"{name} : {label} : la source « {fact.source} » manque dans « sources »"


def _skills(kb: KnowledgeBase, where: Locations) -> Found:
    """Roles point to skills of the vocabulary, each once, under its kind; every skill is used; no two skills
    share a label. (A base of format 1 has no vocabulary: its skills are the roles' own sentences.)"""
    if kb.version < 2:
        return
    declared = _known(where, "skill", kb.skills)
    used: set[str] = set()
    for role in kb.roles.values():
        seen: set[str] = set()
        for kind in ("savoir_faire", "savoir_etre"):
            for i, ref in enumerate(getattr(role.skills, kind)):
                line = where.skill_line(role.id, kind, i)
                name = f"rôle « {role.id} »"
                used.add(ref.skill)
                if ref.skill not in declared:
                    yield line, f"{name} : compétence inconnue « {ref.skill} » (absente de la liste « skills »)"
                    continue
                if ref.skill in seen:
                    yield line, f"{name} : la compétence « {ref.skill} » figure deux fois"
                seen.add(ref.skill)
                skill = kb.skills.get(ref.skill)
                if skill is not None and skill.kind != kind:
                    yield line, (f"{name} : « {ref.skill} » est un {_KIND_WORDS[skill.kind]} : "
                                 f"rangez-la sous « {skill.kind} »")
    labels: dict[str, str] = {}
    for skill in kb.skills.values():
        line = where.line("skill", skill.id)
        if skill.id not in used:
            yield line, f"compétence « {skill.id} » : aucun rôle ne l'emploie"
        key = fold(skill.label)
        if key in labels:
            yield where.line("skill", skill.id, "label"), \
                f"compétence « {skill.id} » : même intitulé que « {labels[key]} » (« {skill.label} »)"
        else:
            labels[key] = skill.id


_KIND_WORDS = {"savoir_faire": "savoir-faire", "savoir_etre": "savoir-être"}


def _name_line(where: Locations, r: naming.NameRow, alias_index: dict) -> int | None:
    if r.field == "alias":
        return where.item_line("role", r.item, "aliases", alias_index[r.name])
    if r.field == "rome":
        return where.line("role", r.item, "rome")
    return where.line("role", r.item, r.field)


def _names(kb: KnowledgeBase, where: Locations) -> Found:
    """Every name points to one role only, in every tier: as written (case, accents, hyphens and spaces aside),
    once normalised (« Responsable de la communication » = « Responsable communication »), and the names of the
    ROME fiches. Ids and titles claim first, aliases next, ROME names last: a clash is reported on the later."""
    rows = naming.all_role_rows(kb)
    claim = {"id": 0, "title": 0, "title_feminine": 0, "alias": 1, "rome": 2}
    order = sorted((r for role_rows in rows.values() for r in role_rows), key=lambda r: claim[r.field])
    exact: dict[str, tuple[str, str]] = {}
    normal: dict[str, tuple[str, str]] = {}
    own_exact: dict[str, set[str]] = {rid: set() for rid in rows}

    def line(r) -> int | None:  # where the name is written: looked up only for a problem
        return _name_line(where, r, {a: i for i, a in enumerate(kb.roles[r.item].aliases)})

    def shown(r) -> str:
        return f"le nom « {r.name} »" + (" (fiche ROME)" if r.tier == 4 else "")

    for r in order:
        if not r.key and r.tier != 1:
            yield line(r), f"rôle « {r.item} » : nom vide ou sans mots « {r.name} »"
            continue
        repeated = r.exact in own_exact[r.item]  # the title written as the id, say: claimed already, by itself
        if repeated and r.field == "alias":
            yield line(r), f"rôle « {r.item} » : alias « {r.name} » répète un autre de ses noms"
            continue
        if not repeated:
            own_exact[r.item].add(r.exact)
            owner = exact.get(r.exact)
            if owner and owner[0] != r.item:
                yield line(r), f"rôle « {r.item} » : {shown(r)} appartient déjà au rôle « {owner[0]} »"
                continue
            exact.setdefault(r.exact, (r.item, r.name))
        if r.tier == 1:
            continue  # the normalised form of a title still claims its words
        owner = normal.get(r.key)
        if owner and owner[0] != r.item:
            yield line(r), (f"rôle « {r.item} » : {shown(r)} se confond avec « {owner[1]} » du rôle « {owner[0]} » "
                            "(mêmes mots une fois les accords, articles et mentions de contrat ôtés)")
        else:
            normal.setdefault(r.key, (r.item, r.name))
    for term in kb.glossary.values():
        if len(term.title_of) < 2:
            continue
        for r in naming.term_rows(term):
            if r.tier == 2 and (r.exact in exact or r.key in normal):
                owner = exact.get(r.exact) or normal.get(r.key)
                yield where.line("term", term.id, "title_of"), \
                    (f"terme « {term.id} » : « {r.name} » est déjà un nom du rôle « {owner[0]} », qui l'emporte "
                     "sur « title_of »")


def _structures(kb: KnowledgeBase, where: Locations) -> Found:
    roles = _known(where, "role", kb.roles)
    sources = _known(where, "source", kb.sources)
    placed: set[str] = set()
    for structure in kb.structures.values():
        sid = structure.id
        name = f"structure « {sid} »"
        for i, source in enumerate(structure.sources):
            if source not in sources:
                yield where.item_line("structure", sid, "sources", i), f"{name} : source inconnue « {source} »"
        counter = iter(range(1 << 30))  # the role nodes, numbered in the order they are written
        main: dict[str, tuple[str, ...]] = {}  # role -> the main chain above it
        alternatives: list[tuple[int | None, str, str]] = []  # (line, manager, role)
        lines_seen: set[tuple[str, str]] = set()

        def walk(nodes, chain: tuple[str, ...], under_alternative: bool):
            for node in nodes:
                rid = node.role
                if rid is None:
                    yield from walk(node.children, chain, under_alternative)
                    continue
                index = next(counter)
                line = where.node_line(sid, index)
                if rid not in roles:
                    yield line, f"{name} : rôle inconnu « {rid} » dans l'organigramme"
                for i, source in enumerate(node.sources):
                    if source not in sources:
                        yield line, f"{name} : source inconnue « {source} » sur le nœud « {rid} »"
                for other in node.covers:
                    if other not in roles:
                        yield where.node_line(sid, index, "covers"), f"{name} : « covers » cite un rôle inconnu « {other} »"
                    placed.add(other)
                if node.condition and not chain:
                    yield line, f"{name} : « condition » sur « {rid} », qui n'a personne au-dessus de lui"
                if node.alternative:
                    if node.children:
                        yield line, (f"{name} : la place alternative de « {rid} » n'a pas d'équipe "
                                     "(« children ») : son équipe est décrite à sa place principale")
                    if not chain:
                        yield line, (f"{name} : une place alternative (« {rid} ») doit se trouver sous un métier, "
                                     "son responsable possible")
                    else:
                        alternatives.append((line, chain[-1], rid))
                    yield from walk(node.children, chain + (rid,), True)  # numbered as written, not judged
                    continue
                if under_alternative:
                    pass
                elif rid in chain:
                    yield line, f"{name} : cycle hiérarchique, « {rid} » se retrouve sous lui-même"
                    continue  # don't walk into a cycle
                elif rid in main:
                    yield line, (f"{name} : « {rid} » figure deux fois dans l'organigramme ; pour un autre "
                                 "rattachement possible, marquez la seconde place « alternative: true »")
                else:
                    main[rid] = chain
                    if chain:
                        lines_seen.add((chain[-1], rid))
                yield from walk(node.children, chain + (rid,), under_alternative or node.alternative)

        yield from walk(structure.chart, (), False)
        placed |= set(main)
        below: dict[str, set[str]] = {}
        for rid, chain in main.items():
            if chain:
                below.setdefault(chain[-1], set()).add(rid)

        def reaches(start: str, goal: str) -> bool:
            todo, seen = [start], set()
            while todo:
                here = todo.pop()
                if here == goal:
                    return True
                if here not in seen:
                    seen.add(here)
                    todo.extend(below.get(here, ()))
            return False

        for line, manager, rid in alternatives:
            if rid not in main:
                yield line, (f"{name} : « {rid} » n'a qu'une place alternative ; donnez-lui d'abord sa place "
                             "principale dans cet organigramme")
            elif (manager, rid) in lines_seen:
                yield line, f"{name} : le rattachement de « {rid} » à « {manager} » est déjà décrit"
            elif reaches(rid, manager):
                yield line, f"{name} : cycle hiérarchique, « {rid} » se retrouverait au-dessus de « {manager} »"
            else:
                lines_seen.add((manager, rid))
                below.setdefault(manager, set()).add(rid)
    if kb.structures:
        for role in kb.roles.values():
            if role.id not in placed:
                yield where.line("role", role.id), \
                    f"rôle « {role.id} » : ne figure dans aucun organigramme (ni à une place, ni cumulé par un autre)"


def _glossary(kb: KnowledgeBase, where: Locations) -> Found:
    roles = _known(where, "role", kb.roles)
    terms = _known(where, "term", kb.glossary)
    sources = _known(where, "source", kb.sources)
    owner: dict[str, str] = {}
    for term in kb.glossary.values():
        tid = term.id
        name = f"terme « {tid} »"
        for field_name in ("roles", "core_roles", "title_of"):
            for i, rid in enumerate(getattr(term, field_name)):
                if rid not in roles:
                    yield where.item_line("term", tid, field_name, i), f"{name} : rôle inconnu « {rid} »"
                elif field_name == "core_roles" and rid not in term.roles:
                    yield where.item_line("term", tid, field_name, i), \
                        f"{name} : « {rid} » est dans « core_roles » mais pas dans « roles »"
        if len(term.title_of) == 1:
            yield where.line("term", tid, "title_of"), \
                f"{name} : un intitulé porté par un seul métier est un alias de ce métier, pas « title_of »"
        for i, other in enumerate(term.related):
            if other not in terms:
                yield where.item_line("term", tid, "related", i), f"{name} : terme lié inconnu « {other} »"
        for i, source in enumerate(term.sources):
            if source not in sources:
                yield where.item_line("term", tid, "sources", i), f"{name} : source inconnue « {source} »"
        for r in naming.term_rows(term):
            if r.exact in owner and owner[r.exact] != tid:
                yield where.line("term", tid, "aliases" if r.field == "alias" else r.field), \
                    f"{name} : le nom « {r.name} » appartient déjà au terme « {owner[r.exact]} »"
            owner.setdefault(r.exact, tid)


def _advice(kb: KnowledgeBase, where: Locations) -> Found:
    sources = _known(where, "source", kb.sources)
    for advice in kb.advice:
        for i, source in enumerate(advice.sources):
            if source not in sources:
                yield where.item_line("advice", advice.id, "sources", i), \
                    f"conseil « {advice.id} » : source inconnue « {source} »"
