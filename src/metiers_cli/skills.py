"""Skills as shared concepts: what carries over from one job to another, what is to learn, what to deepen.

Roles point to the skills of the base's vocabulary (with their own precision and, where it matters, a level),
so that two roles that ask for the same skill are seen to share it whatever words each card uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .model import SKILL_LEVEL_RANK, Role, Skill, SkillRef


def label(ref: SkillRef, vocabulary: Mapping[str, Skill]) -> str:
    """How a role's skill reads: the concept's label, then the role's own precision."""
    skill = vocabulary.get(ref.skill)
    text = skill.label if skill else ref.skill
    return f"{text} ({ref.detail})" if ref.detail else text


def labels(refs: Iterable[SkillRef], vocabulary: Mapping[str, Skill]) -> list[str]:
    return [label(ref, vocabulary) for ref in refs]


def rank(ref: SkillRef) -> int:
    return SKILL_LEVEL_RANK.get(ref.level or "", 0)


class Gap(NamedTuple):
    """What a move to a role asks of a person, given the skills they have (skill id -> level rank, 0 = unsaid)."""

    to_acquire: tuple[SkillRef, ...]
    carried: tuple[SkillRef, ...]
    to_deepen: tuple[SkillRef, ...]  # carried, but asked at a higher level than held


def gap(have: Mapping[str, int], target: Role) -> Gap:
    acquire, carried, deepen = [], [], []
    for ref in target.skills.all():
        if ref.skill not in have:
            acquire.append(ref)
            continue
        carried.append(ref)
        if rank(ref) and have[ref.skill] and rank(ref) > have[ref.skill]:
            deepen.append(ref)
    return Gap(tuple(acquire), tuple(carried), tuple(deepen))


def held(role: Role) -> dict[str, int]:
    """The skills someone in this role has, with their level rank."""
    return {ref.skill: rank(ref) for ref in role.skills.all()}


def gain(have: dict[str, int], role: Role) -> dict[str, int]:
    """The skills held after working in ``role`` too: each at the higher of the two levels."""
    out = dict(have)
    for ref in role.skills.all():
        out[ref.skill] = max(out.get(ref.skill, 0), rank(ref))
    return out


def shared(roles: list[Role]) -> list[str]:
    """The skill ids every one of the roles asks for, in the first role's order."""
    common = set.intersection(*({ref.skill for ref in r.skills.all()} for r in roles))
    return [ref.skill for ref in roles[0].skills.all() if ref.skill in common]


def overlap(a: Role, b: Role) -> float:
    """Share of the two roles' skills they have in common (0 to 1, Jaccard)."""
    sa, sb = {ref.skill for ref in a.skills.all()}, {ref.skill for ref in b.skills.all()}
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0
