"""Comparing 2 to 4 roles: aspect by aspect, what they share and what each has alone, and the key differences."""

from __future__ import annotations

from . import orgchart
from .model import CHANNELS, LEVELS, KnowledgeBase, Role, plain
from .text import fold

ASPECTS = (
    ("famille", "family"), ("niveau", "level"), ("missions", "missions"), ("savoir-faire", "savoir_faire"),
    ("savoir-être", "savoir_etre"), ("rattachement", "reports_to"), ("encadre", "manages"),
    ("structures", "structures"), ("canaux", "channels"), ("démarche", "marketing"), ("salaire", "salary"),
    ("expérience", "experience"),
)
LEVEL_RANK = {"operationnel": 0, "encadrement": 1, "direction": 2}


def aspect_value(kb: KnowledgeBase, role: Role, key: str):
    if key in ("savoir_faire", "savoir_etre"):
        return list(getattr(role.skills, key))
    if key == "reports_to":
        return orgchart.reports_to(kb, role.id)
    if key == "manages":
        return orgchart.manages(kb, role.id)
    if key == "structures":
        return orgchart.structures_of(kb, role.id)
    value = getattr(role, key)
    if value is not None and hasattr(value, "_asdict"):
        return plain(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _shared(values: list) -> list:
    if any(isinstance(v, list) for v in values):
        lists = [v or [] for v in values]
        common = set.intersection(*(set(fold(str(x)) for x in v) for v in lists))
        return [x for x in lists[0] if fold(str(x)) in common]
    first = values[0]
    return [first] if first is not None and all(v == first for v in values) else []


def compare(kb: KnowledgeBase, roles: list[Role]) -> dict:
    """The comparison as plain data (INTERFACE.md: roles, rows, summary)."""
    rows = []
    for aspect, key in ASPECTS:
        values = {r.id: aspect_value(kb, r, key) for r in roles}
        rows.append({"aspect": aspect, "values": values, "shared": _shared(list(values.values()))})
    return {"roles": [r.id for r in roles], "rows": rows, "summary": summary(kb, roles)}


def own_items(row: dict, role_id: str) -> list:
    """What a role has on this row that the others don't all share."""
    value = row["values"][role_id]
    if isinstance(value, list):
        shared = {fold(str(x)) for x in row["shared"]}
        return [x for x in value if fold(str(x)) not in shared]
    return [] if row["shared"] or value is None else [value]


# --- "en résumé" -----------------------------------------------------------------------------------------

def the(title: str) -> str:
    """The title with its definite article, as it reads in a sentence: "le traffic manager", "l'UX designer"."""
    lowered = title if title[:2].isupper() else title[0].lower() + title[1:]
    return ("l'" if fold(title)[:1] in "aeiouyh" else "le ") + lowered


def to_the(title: str) -> str:
    """ "au traffic manager", "à l'UX designer" """
    name = the(title)
    return "au " + name[3:] if name.startswith("le ") else "à " + name


def _names(kb: KnowledgeBase, ids) -> str:
    names = [the(kb.role_title(i)) for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]


def summary(kb: KnowledgeBase, roles: list[Role]) -> list[str]:
    lines: list[str] = []
    ids = [r.id for r in roles]
    structures = kb.structures

    for boss in ids:
        for other in ids:
            if boss == other:
                continue
            where = orgchart.is_above(kb, boss, other)
            if not where:
                continue
            direct = [s for s in where if orgchart.reporting(kb, other)[s]["reports_to"] == [boss]]
            names = ", ".join(structures[s].name for s in where)
            verb = "encadre directement" if direct == where else "est au-dessus, dans la hiérarchie, de"
            sentence = f"{_cap(the(kb.role_title(boss)))} {verb} {the(kb.role_title(other))}"
            lines.append(f"{sentence} (organigramme : {names}).")

    def differing(title: str, value_of, label_of, order=roles) -> None:
        groups: dict = {}
        for role in order:
            value = value_of(role)
            if value:
                groups.setdefault(value, []).append(role.id)
        if len(groups) > 1:
            parts = [f"{_names(kb, members)} : {label_of(value)}" for value, members in groups.items()]
            lines.append(f"{title} — " + " ; ".join(parts) + ".")

    by_rank = sorted(roles, key=lambda r: -LEVEL_RANK.get(r.level, 0))
    differing("Niveaux différents", lambda r: r.level, lambda v: LEVELS.get(v, v).lower(), by_rank)
    differing("Canaux différents", lambda r: frozenset(r.channels),
              lambda v: " et ".join(CHANNELS[c].lower() for c in sorted(v, reverse=True)))
    words = {"push": "push (publicité, message poussé vers le public)",
             "pull": "pull (contenus qui attirent le public)", "both": "push et pull"}
    differing("Démarches différentes", lambda r: r.marketing, lambda v: words.get(v, v))
    differing("Familles différentes", lambda r: r.family, lambda v: kb.family_label(v).lower())

    present = {r.id: set(orgchart.structures_of(kb, r.id)) for r in roles}
    for sid, structure in structures.items():
        inside = [rid for rid in ids if sid in present[rid]]
        if inside and len(inside) < len(ids):
            outside = [rid for rid in ids if rid not in inside]
            absent = f"mais pas {_names(kb, outside)}" if len(outside) == 1 else \
                "mais ni " + " ni ".join(the(kb.role_title(o)) for o in outside)
            lines.append(f"Dans l'organigramme « {structure.name} », on trouve {_names(kb, inside)}, {absent}.")

    for label, attr in (("un salaire de référence sourcé", "salary"), ("une expérience minimale sourcée", "experience")):
        having = [r.id for r in roles if getattr(r, attr)]
        if having and len(having) < len(roles):
            if len(having) == 1:
                lines.append(f"Seule la fiche {_of(kb, having[0])} donne {label}.")
            else:
                lines.append(f"Seules les fiches {', '.join(_of(kb, h) for h in having)} donnent {label}.")

    told: set[frozenset[str]] = set()
    for role in roles:
        for d in role.distinctions:
            pair = frozenset((role.id, d.role))
            if d.role in ids and pair not in told:
                told.add(pair)
                lines.append(d.text)
    return lines


def _of(kb: KnowledgeBase, role_id: str) -> str:
    name = the(kb.role_title(role_id))
    return "de " + name if name.startswith("l'") else "du " + name[3:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
