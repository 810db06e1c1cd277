"""A role's card as plain sections: what ``show`` draws in the terminal and what ``export role`` writes in
Markdown, so that both say the same thing."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from . import french, orgchart, skills as skilling
from .model import APTITUDE_WORDS, CHANNELS, LEVELS, MARKETING, RIASEC, SKILL_LEVELS, Role

if TYPE_CHECKING:
    from .store import Base

FIELD_LABELS = {
    "id": "identifiant", "title": "intitulé", "title_feminine": "forme féminine", "aliases": "autres noms",
    "family": "famille", "level": "niveau", "summary": "résumé", "missions": "missions", "skills": "compétences",
    "distinctions": "distinctions", "works_with": "collaborations", "comes_from": "postes d'origine",
    "evolves_to": "évolutions", "channels": "canaux", "marketing": "démarche push ou pull",
    "aptitudes": "aptitudes", "riasec": "profil RIASEC", "salary": "salaire", "experience": "expérience",
    "education": "formation", "recruiters": "recruteurs", "rome": "codes ROME", "rome_related": "fiches ROME proches",
    "terms": "vocabulaire", "sources": "sources", "editorial": "part éditoriale",
}


class Block(NamedTuple):
    kind: str  # text | bullets | pairs | subheading | note
    content: object  # str | list[str] | list[tuple[str, str]]


class Section(NamedTuple):
    title: str
    blocks: tuple[Block, ...]


class Card(NamedTuple):
    id: str
    title: str
    title_feminine: str
    meta: str  # « Famille · Niveau · fiche éditoriale »
    aliases: tuple[str, ...]
    summary: str
    sections: tuple[Section, ...]


def source_label(source) -> str:
    year = f", {source.year}" if source.year else ""
    return f"{source.publisher} — {french.quoted(source.title)}{year}"


def euros(amount: int) -> str:
    if amount % 1000 == 0:
        return f"{amount // 1000}{french.NBSP}k€"
    return f"{french.number(amount)}{french.NBSP}€"


def _line_basis(line, sources: dict) -> str:
    if line.editorial:
        return "jugement éditorial"
    names = [french.quoted(sources[s].title) if s in sources else s for s in line.sources]
    return ("sources : " if len(names) > 1 else "source : ") + ", ".join(dict.fromkeys(names))


def role_card(base: Base, role: Role) -> Card:
    sources = base.sources()
    lines_up = base.lines(report=role.id)
    lines_down = base.lines(manager=role.id)
    places = base.placements(role=role.id)
    covered = base.covered_by(role.id)
    holders = {holder for _s, holder in covered}
    related = ({d.role for d in role.distinctions} | set(role.works_with) | set(role.comes_from) |
               set(role.evolves_to) | {line.manager for line in lines_up} | {line.report for line in lines_down} |
               holders)
    vocabulary = base.skills(ref.skill for ref in role.skills.all())
    charts = {p.structure: base.structure(p.structure) for p in places}
    for place in places:  # the roles this one also holds in a structure are named by their titles too
        related |= set(orgchart.node_at(charts[place.structure].chart, place.path).covers)
    titles = base.titles(related)

    def title(role_id: str) -> str:
        return titles.get(role_id, role_id)

    def names(ids) -> str:
        return ", ".join(title(i) for i in ids)

    sections: list[Section] = []
    if role.missions:
        sections.append(Section("Missions", (Block("bullets", list(role.missions)),)))

    blocks = []
    for kind, heading in (("savoir_faire", "Savoir-faire"), ("savoir_etre", "Savoir-être")):
        refs = getattr(role.skills, kind)
        if refs:
            blocks += [Block("subheading", heading), Block("bullets", [
                skilling.label(ref, vocabulary) + (f" — {SKILL_LEVELS[ref.level].lower()}" if ref.level else "")
                for ref in refs])]
    if blocks:
        sections.append(Section("Compétences", tuple(blocks)))

    where = []
    if places:
        where.append(("Structures", ", ".join(base.structure_name(p.structure) for p in places)))
    by_structure: dict[str, list[str]] = {}
    for structure, holder in covered:
        by_structure.setdefault(structure, []).append(holder)
    for structure, ids in by_structure.items():
        where.append(("Rôle cumulé", f"{base.structure_name(structure)} : tenu par {names(ids)}"))
    if role.channels:
        where.append(("Canaux", ", ".join(CHANNELS.get(c, c) for c in role.channels)))
    if role.marketing:
        where.append(("Démarche", MARKETING.get(role.marketing, role.marketing)))
    if where:
        sections.append(Section("Où exercer", (Block("pairs", where),)))

    blocks = []
    for place in places:
        from .orgchart import node_at

        node = node_at(charts[place.structure].chart, place.path)
        up = [line for line in lines_up if line.structure == place.structure]
        down = [line for line in lines_down if line.structure == place.structure]
        rows = []
        main = next((line for line in up if not line.alternative), None)
        if main is not None:
            rows.append(("Rend compte à", f"{title(main.manager)} ({_line_basis(main, sources)})"))
        others = [line for line in up if line.alternative]
        if others:
            rows.append(("Ou, selon l'organisation", "\n".join(
                f"{title(line.manager)}" + (f", {line.condition}" if line.condition else "")
                + f" ({_line_basis(line, sources)})" for line in others)))
        team = [line.report for line in down if not line.alternative]
        if team:
            rows.append(("Encadre", names(team)))
        maybe = [line for line in down if line.alternative]
        if maybe:
            rows.append(("Peut aussi encadrer", "\n".join(
                f"{title(line.report)}" + (f", {line.condition}" if line.condition else "")
                + f" ({_line_basis(line, sources)})" for line in maybe)))
        if node.covers:
            rows.append(("Cumule", names(node.covers)))
        if place.group and not place.above:
            rows.append(("Pôle", place.group))
        if not rows:
            rows.append(("Position", "sans lien hiérarchique décrit"))
        if node.note:
            rows.append(("Nuance", node.note))
        for line in others:
            if line.note:
                rows.append(("Nuance", line.note))
        blocks += [Block("subheading", base.structure_name(place.structure)), Block("pairs", rows)]
    if blocks:
        sections.append(Section("Rattachement", tuple(blocks)))

    if role.works_with:
        sections.append(Section("Travaille avec", (Block("text", names(role.works_with)),)))
    if role.distinctions:
        sections.append(Section("Ne pas confondre avec", (Block("bullets", [
            f"{title(d.role)} — {d.text}" for d in role.distinctions]),)))
    moves = []
    if role.comes_from:
        moves.append(("Vient souvent de", names(role.comes_from)))
    if role.evolves_to:
        moves.append(("Peut évoluer vers", names(role.evolves_to)))
    if moves:
        sections.append(Section("Parcours", (Block("pairs", moves),)))

    facts = []
    if role.salary:
        s = role.salary
        amount = f"{euros(s.min)} à {euros(s.max)}" if s.currency == "EUR" else f"{s.min} à {s.max} {s.currency}"
        source = sources.get(s.source)
        said = ", ".join(x for x in (s.label.lower() if s.label else "", source.publisher if source else s.source,
                                     source.year if source and source.year else "") if x)
        facts.append(("Salaire", f"{amount} ({said})"))
    if role.experience:
        e = role.experience
        source = sources.get(e.source)
        said = ", ".join(x for x in (source.publisher if source else e.source,
                                     source.year if source and source.year else "") if x)
        facts.append(("Expérience", f"au moins {french.plural(e.min_years, 'an')} ({said})"))
    rome = base.rome((*role.rome, *role.rome_related))
    if role.rome:
        facts.append(("Fiches ROME", "\n".join(f"{c} {rome[c][0]}" if c in rome else c for c in role.rome)))
    if role.rome_related:
        facts.append(("Fiches ROME proches", "\n".join(f"{c} {rome[c][0]}" if c in rome else c
                                                        for c in role.rome_related)))
    if role.riasec:
        letters = ", ".join(RIASEC[c].split(" (")[0] for c in role.riasec)
        facts.append(("Profil RIASEC", f"{role.riasec} ({letters})"))
    if role.aptitudes:
        facts.append(("Aptitudes", ", ".join(APTITUDE_WORDS.get(a, a) for a in role.aptitudes)))
    if facts:
        sections.append(Section("Repères", (Block("pairs", facts),)))
    if role.education:
        sections.append(Section("Formation", (Block("bullets", list(role.education)),)))
    if role.recruiters:
        sections.append(Section("Qui recrute", (Block("bullets", list(role.recruiters)),)))
    terms = base.terms_of(role.id)
    if terms:
        core = [t.term for t, is_core in terms if is_core]
        other = [t.term for t, is_core in terms if not is_core]
        blocks = [Block("text", ", ".join(core + other))]
        sections.append(Section("Vocabulaire", tuple(blocks)))
    if role.sources:
        blocks = [Block("bullets", [source_label(sources[s]) if s in sources else s for s in role.sources])]
        if role.editorial:
            labels = ", ".join(FIELD_LABELS.get(f, f) for f in role.editorial)
            blocks.append(Block("note", f"Relève du jugement éditorial, sans source : {labels}."))
    else:
        blocks = [Block("note", "Fiche éditoriale : aucune des sources de la base ne décrit ce métier ; son contenu "
                                "repose sur la connaissance du domaine.")]
    sections.append(Section("Sources", tuple(blocks)))

    meta = f"{base.family_label(role.family)} · {LEVELS.get(role.level, role.level)}"
    if not role.sources:
        meta += " · fiche éditoriale"
    return Card(role.id, role.title, role.title_feminine, meta, role.aliases, role.summary, tuple(sections))
