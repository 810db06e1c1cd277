"""The role card of ``metiers show``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from .. import orgchart
from ..model import KnowledgeBase, Role
from .common import (
    ACCENT,
    DIM,
    FIELD_LABELS,
    bullets,
    channels_label,
    euros,
    join_titles,
    level_label,
    marketing_label,
    pairs,
    section,
    source_label,
)


def role_card(kb: KnowledgeBase, role: Role) -> Group:
    parts: list[RenderableType] = [_header(kb, role), Text(""), Text(role.summary)]

    if role.missions:
        parts.append(section("Missions", bullets(role.missions)))
    skills = []
    if role.skills.savoir_faire:
        skills.append(("Savoir-faire", bullets(role.skills.savoir_faire)))
    if role.skills.savoir_etre:
        skills.append(("Savoir-être", bullets(role.skills.savoir_etre)))
    if skills:
        parts.append(section("Compétences", Group(*(Group(Text(label, style=ACCENT), body)
                                                     for label, body in skills))))

    where = _where(kb, role)
    if where:
        parts.append(section("Où exercer", pairs(where)))
    reporting = _reporting(kb, role)
    if reporting:
        parts.append(section("Rattachement", Group(*reporting)))
    if role.works_with:
        parts.append(section("Travaille avec", Text(join_titles(kb, role.works_with))))
    if role.distinctions:
        parts.append(section("Ne pas confondre avec", bullets(
            Text.assemble((kb.role_title(d.role), ACCENT), " — ", d.text) for d in role.distinctions)))
    moves = []
    if role.comes_from:
        moves.append(("Vient souvent de", join_titles(kb, role.comes_from)))
    if role.evolves_to:
        moves.append(("Peut évoluer vers", join_titles(kb, role.evolves_to)))
    if moves:
        parts.append(section("Parcours", pairs(moves)))

    facts = _facts(kb, role)
    if facts:
        parts.append(section("Repères", pairs(facts)))
    if role.education:
        parts.append(section("Formation", bullets(role.education)))
    if role.recruiters:
        parts.append(section("Qui recrute", bullets(role.recruiters)))
    terms = kb.terms_of(role.id)
    if terms:
        parts.append(section("Vocabulaire", Text(", ".join(t.term for t in terms))))
    parts.append(section("Sources", _sources(kb, role)))
    return Group(*parts)


def _header(kb: KnowledgeBase, role: Role) -> Group:
    title = Text(role.title, style="bold")
    if role.title_feminine != role.title:
        title.append(f" · {role.title_feminine}", style="bold")
    meta = Text(f"{kb.family_label(role.family)} · {level_label(role.level)}", style=DIM)
    if not role.sources:
        meta.append(" · fiche éditoriale", style="italic")
    lines: list[RenderableType] = [Rule(style=DIM), title, meta]
    if role.aliases:
        lines.append(Text.assemble(("Aussi appelé : ", DIM), ", ".join(role.aliases)))
    lines.append(Rule(style=DIM))
    return Group(*lines)


def _where(kb: KnowledgeBase, role: Role) -> list[tuple[str, str]]:
    rows = []
    places = orgchart.placements(kb).get(role.id, [])
    if places:
        rows.append(("Structures", ", ".join(kb.structure_name(p.structure) for p in places)))
    holders: dict[str, list[str]] = {}
    for structure, holder in orgchart.covered_by(kb).get(role.id, []):
        holders.setdefault(structure, []).append(holder)
    for structure, ids in holders.items():
        rows.append(("Rôle cumulé", f"{kb.structure_name(structure)} : tenu par {join_titles(kb, ids)}"))
    if role.channels:
        rows.append(("Canaux", channels_label(role.channels)))
    if role.marketing:
        rows.append(("Démarche", marketing_label(role.marketing)))
    return rows


def _reporting(kb: KnowledgeBase, role: Role) -> list[RenderableType]:
    out: list[RenderableType] = []
    for p in orgchart.placements(kb).get(role.id, []):
        rows = []
        if p.above:
            rows.append(("Rend compte à", kb.role_title(p.above[-1])))
        if p.manages:
            rows.append(("Encadre", join_titles(kb, p.manages)))
        if p.node.covers:
            rows.append(("Cumule", join_titles(kb, p.node.covers)))
        if p.group and not p.above:
            rows.append(("Pôle", p.group))
        if not rows:
            rows.append(("Position", "sans lien hiérarchique décrit"))
        if p.node.note:
            rows.append(("Nuance", p.node.note))
        out.append(Text(kb.structure_name(p.structure), style=ACCENT))
        out.append(pairs(rows))
    return out


def _facts(kb: KnowledgeBase, role: Role) -> list[tuple[str, str]]:
    rows = []
    if role.salary:
        s = role.salary
        label = f" ({s.label})" if s.label else ""
        amount = f"{euros(s.min)} à {euros(s.max)}" if s.currency == "EUR" else f"{s.min} à {s.max} {s.currency}"
        rows.append(("Salaire", f"{amount}{label} — source : {_source_name(kb, s.source)}"))
    if role.experience:
        e = role.experience
        years = "an" if e.min_years == 1 else "ans"
        rows.append(("Expérience", f"au moins {e.min_years} {years} — source : {_source_name(kb, e.source)}"))
    if role.rome:
        rows.append(("Fiches ROME", "\n".join(f"{c} {kb.rome[c]}" if c in kb.rome else c for c in role.rome)))
    if role.riasec:
        rows.append(("Profil RIASEC", role.riasec))
    return rows


def _source_name(kb: KnowledgeBase, source_id: str) -> str:
    source = kb.sources.get(source_id)
    return source_label(source) if source else source_id


def _sources(kb: KnowledgeBase, role: Role) -> RenderableType:
    if not role.sources:
        return Text("Fiche éditoriale : aucune des sources de la base ne décrit ce métier ; son contenu repose sur "
                    "la connaissance du domaine.", style="italic")
    parts: list[RenderableType] = [bullets(_source_name(kb, s) for s in role.sources)]
    if role.editorial:
        labels = ", ".join(FIELD_LABELS.get(f, f) for f in role.editorial)
        parts.append(Text(f"Relève du jugement éditorial, sans source : {labels}.", style=DIM))
    return Group(*parts)
