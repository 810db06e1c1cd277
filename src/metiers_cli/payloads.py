"""The data each command prints with --json (INTERFACE.md section 2), and the filters the listing commands share.

The renderers and the exports start from the same data, so that a card reads the same everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import french, skills as skilling
from .errors import ExitCode, MetiersError
from .model import LEVELS, Role, plain

if TYPE_CHECKING:
    from .store import Base


def reporting(base: Base, role_id: str) -> dict:
    """Every reporting line of a role, by structure, in chart order: the ids (as ever) and the lines themselves,
    each with whether it is an alternative, its condition and its source."""
    out: dict[str, dict] = {}
    for place in base.placements(role=role_id):
        out[place.structure] = {"reports_to": [], "manages": [], "lines": []}
    for line in base.lines(report=role_id) + base.lines(manager=role_id):
        entry = out.setdefault(line.structure, {"reports_to": [], "manages": [], "lines": []})
        key, other = ("reports_to", line.manager) if line.report == role_id else ("manages", line.report)
        if other not in entry[key]:
            entry[key].append(other)
        entry["lines"].append(line.as_dict())
    return out


def _union(lists) -> list[str]:
    out: list[str] = []
    for items in lists:
        out.extend(i for i in items if i not in out)
    return out


def role_data(base: Base, role: Role) -> dict:
    """The role with the model's field names, plus what is derived from the charts and the skills vocabulary."""
    data = plain(role)
    vocabulary = base.skills(ref.skill for ref in role.skills.all())
    data["skills"] = {kind: skilling.labels(getattr(role.skills, kind), vocabulary)
                      for kind in ("savoir_faire", "savoir_etre")}
    data["skill_ids"] = {kind: [ref.skill for ref in getattr(role.skills, kind)]
                         for kind in ("savoir_faire", "savoir_etre")}
    data["skill_details"] = {kind: [plain(ref) for ref in getattr(role.skills, kind)]
                             for kind in ("savoir_faire", "savoir_etre")}
    lines = reporting(base, role.id)
    data["reports_to"] = _union(entry["reports_to"] for entry in lines.values())
    data["manages"] = _union(entry["manages"] for entry in lines.values())
    data["reporting"] = lines
    data["structures"] = [p.structure for p in base.placements(role=role.id)]
    data["covered_by"] = [{"structure": s, "holder": h} for s, h in base.covered_by(role.id)]
    if role.salary:
        source = base.sources().get(role.salary.source)
        data["salary"]["year"] = source.year if source else None
    return data


def hit_data(hit) -> dict:
    return {"id": hit.id, "title": hit.title, "score": hit.score, "field": hit.field, "snippet": hit.snippet}


def family_id(base: Base, query: str) -> str:
    """A family by id or label, exactly or once normalised, or approximately (a usage error lists them)."""
    from .names import Ambiguous, Names, NotFound, resolve, row

    families = base.families()
    names = Names([r for f in families.values() for r in (row(f.id, 1, "id", f.id), row(f.id, 2, "name", f.label))])
    try:
        return resolve(query, names).id
    except (Ambiguous, NotFound):
        listing = "\n".join(f"  {f.id}  ({f.label})" for f in families.values())
        raise MetiersError(f"famille inconnue : {french.quoted(query)} ; les familles :\n{listing}",
                           ExitCode.USAGE) from None


def level_id(query: str) -> str:
    from .text import fold

    key = fold(query).replace(" ", "")
    for level, label in LEVELS.items():
        if key in (level, fold(label).replace(" ", "")):
            return level
    raise MetiersError(f"niveau inconnu : {french.quoted(query)} ; les niveaux : "
                       f"{french.enumerate_fr(list(LEVELS), 'ou')}", ExitCode.USAGE)


def filters(base: Base, family: str | None = None, structure: str | None = None,
            level: str | None = None) -> tuple[set[str] | None, list[str]]:
    """The ids that pass the filters given (None when there is none), and the filters in words, for messages."""
    from .session import structure_id, unknown_structure

    if family is None and structure is None and level is None:
        return None, []
    allowed = set(base.role_ids())
    words = []
    summaries = {rid: (fam, lvl) for rid, _t, fam, lvl in base.summaries()}
    if family is not None:
        fid = family_id(base, family)
        allowed = {r for r in allowed if summaries[r][0] == fid}
        words.append(f"famille {french.quoted(base.family_label(fid))}")
    if structure is not None:
        sid = structure_id(base, structure)
        if sid is None:
            raise unknown_structure(base, structure)
        allowed &= base.roles_in(sid)
        words.append(f"structure {french.quoted(base.structure_name(sid))}")
    if level is not None:
        lid = level_id(level)
        allowed = {r for r in allowed if summaries[r][1] == lid}
        words.append(f"niveau {french.quoted(LEVELS[lid].lower())}")
    return allowed, words
