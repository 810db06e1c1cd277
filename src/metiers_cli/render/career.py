"""Career paths (``metiers path``) and orientation (``metiers match``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .. import french
from ..paths import KINDS
from .common import ACCENT, DIM, HEADING, Indented, bullets, identifier, pairs, section, words

BASIS = {"source": "appuyé sur une source", "editorial": "jugement éditorial"}


def carried_sentence(counts: dict) -> str:
    """What the start already brings to the goal, in one sentence: « Aucune des 4 compétences… », « 1 compétence
    sur 4… vient », « 3 compétences sur 8… viennent »."""
    carried, total, to_acquire = counts["carried_from_start"], counts["goal_skills"], counts["to_acquire"]
    if carried == 0:
        start = (f"Aucune des {french.number(total)} compétences du métier visé ne vient" if total > 1
                 else "La compétence du métier visé ne vient pas")
    else:
        start = (f"{french.capitalise(french.plural(carried, 'compétence'))} sur {french.number(total)} du métier "
                 f"visé {'viennent' if carried > 1 else 'vient'} déjà")
    rest = f"{french.plural(to_acquire, 'compétence')} à acquérir en chemin" if to_acquire else "rien à acquérir"
    return f"{start} du métier de départ ; {rest}."


def career_path(data: dict, titles: dict[str, str]) -> Group:
    steps = data["steps"]
    head = Text.assemble(words(titles[data["from"]], "bold"), " → ", words(titles[data["to"]], "bold"))
    head.append_text(words(f"  en {french.plural(len(steps), 'étape')}", DIM))
    parts: list[RenderableType] = [head]
    counts = data.get("summary")
    if steps and counts:
        parts.append(words(carried_sentence(counts), DIM))
    for number, step in enumerate(steps, 1):
        title = Text.assemble((f"{number}. ", DIM), words(titles[step["from"]], ACCENT), " → ",
                              words(titles[step["to"]], ACCENT), (f"  ({KINDS.get(step['kind'], step['kind'])})", DIM))
        rows: list = [("Pourquoi", f"{french.capitalise(step['why'])} ({BASIS[step['basis']]}).")]
        if step["skills_carried"]:
            rows.append(("Acquis", bullets(step["skills_carried"])))
        if step["skills_to_deepen"]:
            rows.append(("À approfondir", bullets(step["skills_to_deepen"])))
        if step["skills_to_acquire"]:
            rows.append(("À acquérir", bullets(step["skills_to_acquire"])))
        parts.append(Group(Text(""), title, pairs(rows)))
    return Group(*parts)


def matches(fits: list, notes: list[str], profile: str, width: int) -> Group:
    parts: list[RenderableType] = [words(profile, DIM)] if profile else []
    if width >= 80:
        table = Table(header_style=HEADING, show_lines=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Métier", ratio=2, overflow="fold", min_width=max(len(f.id) for f in fits))
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Pourquoi", ratio=5, overflow="fold")
        for rank, fit in enumerate(fits, 1):
            table.add_row(Text(str(rank)), Group(words(fit.title, ACCENT), identifier(fit.id)),
                          Text(f"{fit.score:.0f}"), bullets(fit.reasons) if fit.reasons else Text("—", style=DIM))
        parts.append(table)
    else:
        for rank, fit in enumerate(fits, 1):
            head = Text(f"{rank}. ", style=DIM)
            head.append_text(words(fit.title, ACCENT))
            head.append(f"  {fit.score:.0f}", style=DIM)
            parts += [head, Indented(Group(identifier(fit.id), bullets(fit.reasons)), 3)]
    if notes:
        parts.append(section("À savoir", bullets(notes)))
    parts.append(words("\nLes aptitudes et profils RIASEC des métiers relèvent d'un jugement éditorial ; voyez chaque "
                       "fiche avec « metiers show ».", DIM))
    return Group(*parts)
