"""Orientation by interests: which roles fit what a person likes, avoids and already knows how to do, and why.

Three inputs, any of them: aptitudes liked or avoided (the words of model.APTITUDES), a Holland (RIASEC) code as
used by ROME and O*NET, and skills of the base's vocabulary the person has. The roles' aptitudes and RIASEC
codes are editorial judgments, marked so in the base; the guidance of the sources for some profiles (the
Opteam interview ties writing, speaking and negotiating to jobs) is data of the base (``advice``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from . import french, skills as skilling
from .model import APTITUDES, RIASEC, Advice, Role

if TYPE_CHECKING:
    from .store import Base

# (aptitude, or None for a question that only shapes the RIASEC code; the question; the letters a "yes" points to)
QUESTIONS: tuple[tuple[str | None, str, str], ...] = (
    ("rediger", "Aimez-vous écrire : articles, slogans, messages, publications ?", "A"),
    ("parler", "Êtes-vous à l'aise à l'oral, pour présenter une idée et convaincre ?", "E"),
    ("negocier", "Aimez-vous négocier : prix, budgets, contrats ?", "E"),
    ("creer", "Aimez-vous créer des images, des maquettes, des concepts ?", "A"),
    ("analyser", "Aimez-vous analyser des chiffres et des statistiques pour décider ?", "I"),
    ("encadrer", "Aimeriez-vous encadrer une équipe et en répondre ?", "E"),
    ("organiser", "Aimez-vous organiser, planifier et coordonner des projets ?", "C"),
    ("animer", "Aimez-vous animer une communauté, entretenir des relations ?", "S"),
    ("technique", "Les outils web et la technique vous attirent-ils ?", "R"),
    (None, "Aimez-vous conseiller, comprendre les besoins des autres et y répondre ?", "S"),
)
POSITION_WEIGHT = (1.0, 0.8, 0.65, 0.5, 0.4)
STRAY_LIKE = 0.3  # a liked aptitude the role doesn't ask for weighs this much against the fit
RIASEC_WEIGHT = (3, 2, 1)


class Fit(NamedTuple):
    id: str
    title: str
    score: float
    reasons: tuple[str, ...]
    agree: int  # the person's answers this role agrees with
    answers: int  # the person's answers about aptitudes
    strength: float  # how strongly the agreeing answers weigh (the role's core first): breaks ties
    carried: tuple[str, ...] = ()  # skill ids the person has that the role asks for
    missing: tuple[str, ...] = ()  # skill ids the role asks for that the person lacks

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "score": self.score, "reasons": list(self.reasons),
                "agreement": {"agree": self.agree, "answers": self.answers},
                "skill_ids": {"carried": list(self.carried), "missing": list(self.missing)}}


# Other words people use for the aptitudes (folded: no accents, lower case), and the nouns of the verbs.
APTITUDE_SYNONYMS = {
    "ecrire": "rediger", "redaction": "rediger", "ecriture": "rediger",
    "oral": "parler", "presenter": "parler", "convaincre": "parler", "parole": "parler",
    "negociation": "negocier", "vendre": "negocier", "vente": "negocier",
    "creation": "creer", "dessiner": "creer", "imaginer": "creer", "design": "creer",
    "analyse": "analyser", "chiffres": "analyser", "donnees": "analyser", "data": "analyser",
    "manager": "encadrer", "diriger": "encadrer", "encadrement": "encadrer", "management": "encadrer",
    "organisation": "organiser", "planifier": "organiser", "coordonner": "organiser", "gerer": "organiser",
    "animation": "animer", "communaute": "animer",
    "tech": "technique", "outils": "technique", "coder": "technique", "code": "technique", "web": "technique",
}


def aptitude_word(text: str) -> str | None:
    """An accepted aptitude from what was typed ("rédiger", "Rediger", "écrire" -> "rediger", a typo such as
    "redigr" too), or None."""
    from .text import fold

    key = fold(text).replace(" ", "")
    if key in APTITUDES:
        return key
    if key in APTITUDE_SYNONYMS:
        return APTITUDE_SYNONYMS[key]
    if len(key) >= 5:
        from rapidfuzz import fuzz, process

        found = process.extractOne(key, list(APTITUDES) + list(APTITUDE_SYNONYMS), scorer=fuzz.ratio,
                                   score_cutoff=85)
        if found:
            return APTITUDE_SYNONYMS.get(found[0], found[0])
    return None


def riasec_code(text: str) -> str | None:
    code = text.strip().upper()
    if 1 <= len(code) <= 3 and all(c in RIASEC for c in code) and len(set(code)) == len(code):
        return code
    return None


def riasec_similarity(person: str, role: str) -> float:
    """0 to 1: shared letters, weighted by their rank in each code (first letters count most)."""
    best = sum(w * w for w in RIASEC_WEIGHT[: len(person)])
    total = 0
    for i, letter in enumerate(person):
        j = role.find(letter)
        if j >= 0:
            total += RIASEC_WEIGHT[i] * RIASEC_WEIGHT[min(j, 2)]
    return total / best if best else 0.0


def code_from_answers(yes: list[int]) -> str | None:
    """A RIASEC code from the questions answered yes (their indexes), strongest letters first."""
    counts: dict[str, int] = {}
    for index in yes:
        for letter in QUESTIONS[index][2]:
            counts[letter] = counts.get(letter, 0) + 1
    ranked = sorted(counts, key=lambda letter: (-counts[letter], "RIASEC".index(letter)))
    return "".join(ranked[:3]) or None


def _aptitudes(role: Role, likes: set[str], avoids: set[str]) -> tuple[float, int, float, list[str]]:
    """(fit 0-1, answers agreeing, their weight, reasons) of a role for what a person likes and avoids."""
    reasons = []
    gained = lost = possible = 0.0
    agree = 0
    for position, aptitude in enumerate(role.aptitudes):
        weight = POSITION_WEIGHT[min(position, len(POSITION_WEIGHT) - 1)]
        possible += weight
        phrase = APTITUDES[aptitude]
        if aptitude in likes:
            gained += weight
            agree += 1
            core = "c'est le cœur du métier" if position == 0 else "le métier le demande"
            reasons.append(f"vous aimez {phrase} : {core}")
        elif aptitude in avoids:
            lost += weight
            reasons.append(f"attention : le métier demande {french.of(phrase)}, que vous préférez éviter")
    agree += sum(1 for a in avoids if a not in role.aptitudes)
    strays = [a for a in likes if a not in role.aptitudes]
    possible += STRAY_LIKE * len(strays)
    fit = max(0.0, gained - lost) / possible if possible else 0.0
    return fit, agree, gained, reasons


def fits(base: Base, likes: set[str] = frozenset(), avoids: set[str] = frozenset(), riasec: str | None = None,
         knows: Iterable[str] = (), limit: int | None = 5) -> list[Fit]:
    """Roles best first, with a 0-100 score and the reasons behind it. Deterministic: ties go to the role whose
    agreeing answers weigh most (its core aptitudes), then to the base's order."""
    knows = list(dict.fromkeys(knows))
    vocabulary = base.skills() if knows else {}
    results = []
    answers = len(likes) + len(avoids)
    for position, role in enumerate(base.roles()):
        parts: list[tuple[float, float]] = []
        reasons: list[str] = []
        agree, strength = 0, 0.0
        carried: list[str] = []
        missing: list[str] = []
        if answers:
            value, agree, strength, why = _aptitudes(role, set(likes), set(avoids))
            parts.append((value, 0.6))
            reasons.append(f"{french.plural(agree, 'réponse')} sur {answers} "
                           f"{'concordent' if agree > 1 else 'concorde'} avec ce métier")
            reasons += why
        if riasec:
            similarity = riasec_similarity(riasec, role.riasec or "")
            parts.append((similarity, 0.4))
            if similarity >= 0.5:
                letters = ", ".join(RIASEC[c].split(" (")[0] for c in role.riasec or "")
                reasons.append(f"profil RIASEC {role.riasec} ({letters}) proche du vôtre, {riasec}")
        if knows:
            have = {skill: 0 for skill in knows}
            gap = skilling.gap(have, role)
            carried = [ref.skill for ref in gap.carried]
            missing = [ref.skill for ref in gap.to_acquire if vocabulary.get(ref.skill) is None
                       or vocabulary[ref.skill].kind == "savoir_faire"]
            asked = len(carried) + len(missing)
            parts.append((len(carried) / asked if asked else 0.0, 0.5))
            strength += len(carried) * 0.1
            if carried:
                reasons.append(f"vos compétences utiles ici : {', '.join(_labels(carried, vocabulary))}")
            if missing:
                shown = _labels(missing[:4], vocabulary)
                more = f" et {french.plural(len(missing) - 4, 'autre')}" if len(missing) > 4 else ""
                reasons.append(f"à acquérir : {', '.join(shown)}{more}")
        weight = sum(w for _v, w in parts)
        score = round(100 * sum(v * w for v, w in parts) / weight, 1) if weight else 0.0
        if score > 0:
            results.append((Fit(role.id, role.title, score, tuple(reasons), agree, answers, strength, tuple(carried),
                                tuple(missing)), position))
    results.sort(key=lambda fp: (-fp[0].score, -fp[0].strength, fp[1]))
    out = [fit for fit, _position in results]
    return out[:limit] if limit else out


def _labels(ids: list[str], vocabulary) -> list[str]:
    return [vocabulary[i].label.lower() if i in vocabulary else i for i in ids]


def advice(items: Iterable[Advice], likes: set[str], avoids: set[str]) -> list[Advice]:
    """The guidance of the base that speaks to this profile (all it names is liked, resp. avoided)."""
    return [a for a in items if (a.likes or a.avoids) and set(a.likes) <= likes and set(a.avoids) <= avoids]
