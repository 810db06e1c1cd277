"""Comparing 2 to 4 roles: aspect by aspect, what they share and what each has alone, and the key differences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import french, skills as skilling
from .model import CHANNELS, LEVEL_RANK, LEVELS, Role, plain
from .text import fold

if TYPE_CHECKING:
    from .store import Base

ASPECTS = (
    ("famille", "family"), ("niveau", "level"), ("missions", "missions"), ("savoir-faire", "savoir_faire"),
    ("savoir-être", "savoir_etre"), ("rattachement", "reports_to"), ("encadre", "manages"),
    ("structures", "structures"), ("canaux", "channels"), ("démarche", "marketing"), ("salaire", "salary"),
    ("expérience", "experience"),
)
WHOLE_LISTS = ("structures", "channels", "reports_to", "manages")  # short lists, shown whole when they differ


class _Context:
    """What the comparison reads from the base, read once."""

    def __init__(self, base: Base, roles: list[Role]):
        self.base = base
        self.roles = roles
        self.ids = [r.id for r in roles]
        self.lines = {r.id: base.lines(report=r.id) + base.lines(manager=r.id) for r in roles}
        self.places = {r.id: base.placements(role=r.id) for r in roles}
        self.vocabulary = base.skills({ref.skill for r in roles for ref in r.skills.all()})
        related = {line.manager for ls in self.lines.values() for line in ls} | \
                  {line.report for ls in self.lines.values() for line in ls} | set(self.ids)
        self.titles = base.titles(related)
        self.structures = dict(base.structures())

    def title(self, role_id: str) -> str:
        return self.titles.get(role_id, role_id)


def _value(ctx: _Context, role: Role, key: str):
    if key in ("savoir_faire", "savoir_etre"):
        return [ctx.vocabulary[ref.skill].label if ref.skill in ctx.vocabulary else ref.skill
                for ref in getattr(role.skills, key)]
    if key == "reports_to":
        return list(dict.fromkeys(line.manager for line in ctx.lines[role.id] if line.report == role.id))
    if key == "manages":
        return list(dict.fromkeys(line.report for line in ctx.lines[role.id] if line.manager == role.id))
    if key == "structures":
        return [p.structure for p in ctx.places[role.id]]
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


def compare(base: Base, roles: list[Role]) -> dict:
    """The comparison as plain data (INTERFACE.md: roles, rows, summary), skills compared as concepts."""
    ctx = _Context(base, roles)
    rows = []
    for aspect, key in ASPECTS:
        values = {r.id: _value(ctx, r, key) for r in roles}
        row = {"aspect": aspect, "key": key, "values": values, "shared": _shared(list(values.values()))}
        if key in ("savoir_faire", "savoir_etre"):
            row["ids"] = {r.id: [ref.skill for ref in getattr(r.skills, key)] for r in roles}
            common = set.intersection(*(set(ids) for ids in row["ids"].values()))
            row["shared_ids"] = [s for s in row["ids"][roles[0].id] if s in common]
        rows.append(row)
    return {"roles": ctx.ids, "rows": rows, "summary": summary(ctx)}


def own_items(row: dict, role_id: str) -> list:
    """What a role has on this row that the others don't all share."""
    value = row["values"][role_id]
    if isinstance(value, list):
        shared = {fold(str(x)) for x in row["shared"]}
        return [x for x in value if fold(str(x)) not in shared]
    return [] if row["shared"] or value is None else [value]


def differs(row: dict, ids: list[str]) -> bool:
    """Whether the roles answer this aspect differently (an aspect nobody fills in doesn't differ)."""
    values = [row["values"][i] for i in ids]
    if all(v in (None, [], "") for v in values):
        return False
    return any(own_items(row, i) for i in ids) or not row["shared"]


# --- "en résumé" ------------------------------------------------------------------------------------------------


def _names(ctx: _Context, ids) -> str:
    return french.enumerate_fr([french.the(ctx.title(i)) for i in ids])


def _chain_above(ctx: _Context, boss: str, other: str) -> list[tuple[str, bool]]:
    """(structure, direct) where ``boss`` is above ``other`` on its main lines."""
    out = []
    for place in ctx.places[other]:
        if boss in place.above:
            out.append((place.structure, place.above[-1] == boss))
    return out


def summary(ctx: _Context) -> list[str]:
    lines: list[str] = []
    roles, ids = ctx.roles, ctx.ids
    for boss in ids:
        for other in ids:
            if boss == other:
                continue
            where = _chain_above(ctx, boss, other)
            if where:
                names = ", ".join(ctx.structures.get(s, s) for s, _d in where)
                verb = "encadre directement" if all(d for _s, d in where) else "est au-dessus, dans la hiérarchie,"
                target = french.the(ctx.title(other)) if verb.startswith("encadre") else french.of_the(ctx.title(other))
                lines.append(f"{french.capitalise(french.the(ctx.title(boss)))} {verb} {target} "
                             f"(organigramme{'s' if len(where) > 1 else ''} : {names}).")
            alternatives = [line for line in ctx.lines[other]
                            if line.alternative and line.manager == boss and line.report == other]
            if alternatives:
                names = ", ".join(dict.fromkeys(ctx.structures.get(a.structure, a.structure) for a in alternatives))
                condition = next((a.condition for a in alternatives if a.condition), None)
                lines.append(f"Selon l'organisation{f' ({condition})' if condition else ''}, "
                             f"{french.the(ctx.title(boss))} peut aussi encadrer {french.the(ctx.title(other))} "
                             f"(organigramme{'s' if len(alternatives) > 1 else ''} : {names}).")

    def differing(title: str, value_of, label_of, order=roles) -> None:
        groups: dict = {}
        for role in order:
            value = value_of(role)
            if value:
                groups.setdefault(value, []).append(role.id)
        if len(groups) > 1:
            parts = [f"{_names(ctx, members)} : {label_of(value)}" for value, members in groups.items()]
            lines.append(f"{title} — " + " ; ".join(parts) + ".")

    by_rank = sorted(roles, key=lambda r: -LEVEL_RANK.get(r.level, 0))
    differing("Niveaux différents", lambda r: r.level, lambda v: LEVELS.get(v, v).lower(), by_rank)
    differing("Canaux différents", lambda r: frozenset(r.channels),
              lambda v: " et ".join(CHANNELS[c].lower() for c in sorted(v, reverse=True)))
    words = {"push": "push (publicité, message poussé vers le public)",
             "pull": "pull (contenus qui attirent le public)", "both": "push et pull"}
    differing("Démarches différentes", lambda r: r.marketing, lambda v: words.get(v, v))
    differing("Familles différentes", lambda r: r.family, lambda v: ctx.base.family_label(v).lower())

    lines.extend(_skills_overlap(ctx))

    present = {rid: {p.structure for p in ctx.places[rid]} for rid in ids}
    for sid, name in ctx.structures.items():
        inside = [rid for rid in ids if sid in present[rid]]
        if inside and len(inside) < len(ids):
            outside = [rid for rid in ids if rid not in inside]
            absent = f"mais pas {_names(ctx, outside)}" if len(outside) == 1 else \
                "mais ni " + " ni ".join(french.the(ctx.title(o)) for o in outside)
            lines.append(f"Dans l'organigramme {french.quoted(name)}, on trouve {_names(ctx, inside)}, {absent}.")

    for label, attr in (("un salaire de référence sourcé", "salary"), ("une expérience minimale sourcée", "experience")):
        having = [r.id for r in roles if getattr(r, attr)]
        if having and len(having) < len(roles):
            cards = french.enumerate_fr([f"la fiche {french.of_the(ctx.title(h))}" for h in having])
            lines.append(f"{'Seule' if len(having) == 1 else 'Seules'} {cards} "
                         f"{'donne' if len(having) == 1 else 'donnent'} {label}.")

    told: set[frozenset[str]] = set()
    for role in roles:
        for d in role.distinctions:
            pair = frozenset((role.id, d.role))
            if d.role in ids and pair not in told:
                told.add(pair)
                lines.append(d.text)
    return lines


def _skills_overlap(ctx: _Context) -> list[str]:
    """How much the roles' skills overlap, in one sentence."""
    roles = ctx.roles
    common = skilling.shared(roles)
    every = {ref.skill for r in roles for ref in r.skills.all()}
    if not every:
        return []
    if len(roles) == 2:
        subject = f"{french.capitalise(_names(ctx, ctx.ids))}"
    else:
        subject = f"Les {french.plural(len(roles), 'métier')}"
    if not common:
        return [f"{subject} n'ont aucune compétence en commun dans la base."]
    labels = [ctx.vocabulary[s].label.lower() if s in ctx.vocabulary else s for s in common[:3]]
    more = f" et {french.plural(len(common) - 3, 'autre')}" if len(common) > 3 else ""
    return [f"{subject} partagent {french.plural(len(common), 'compétence')} sur les {len(every)} qu'ils demandent "
            f"à eux {'deux' if len(roles) == 2 else 'tous'} : {', '.join(labels)}{more}."]
