"""Orientation by interests: which roles fit what a person likes and wants to avoid, and why.

Two inputs, either or both: aptitudes liked or avoided (the words of model.APTITUDES), and a Holland
(RIASEC) code, as used by ROME and O*NET. The roles' aptitudes and RIASEC codes are editorial judgments,
marked so in the base; source 003 (Opteam) ties writing, speaking and negotiating to jobs.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import APTITUDES, RIASEC, KnowledgeBase, Role
from .text import fold

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
    ("technique", "Êtes-vous attiré par les outils web et la technique ?", "R"),
    (None, "Aimez-vous conseiller, comprendre les besoins des autres et y répondre ?", "S"),
)
POSITION_WEIGHT = (1.0, 0.8, 0.65, 0.5, 0.4)
RIASEC_WEIGHT = (3, 2, 1)
ORAL_RATHER_THAN_WRITING = ("D'après l'entretien Opteam, qui n'aime pas rédiger mais est à l'aise à l'oral se "
                            "tournera plutôt vers la vente que vers un métier de la communication.")
NEGOTIATION_TIRES = ("D'après l'entretien Opteam, négocier toute la journée est le lot des métiers de la vente ; "
                     "ceux de la communication négocient beaucoup moins.")


class Fit(NamedTuple):
    id: str
    title: str
    score: float
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "score": self.score, "reasons": list(self.reasons)}


def aptitude_word(text: str) -> str | None:
    """An accepted aptitude from what was typed ("rédiger", "Rediger" -> "rediger"), or None."""
    key = fold(text).replace(" ", "")
    return key if key in APTITUDES else None


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


def _aptitude_part(role: Role, likes: set[str], avoids: set[str]) -> tuple[float, list[str]]:
    reasons = []
    total = 0.0
    for position, aptitude in enumerate(role.aptitudes):
        weight = POSITION_WEIGHT[min(position, len(POSITION_WEIGHT) - 1)]
        phrase = APTITUDES[aptitude]
        if aptitude in likes:
            total += weight
            core = "c'est le cœur du métier" if position == 0 else "le métier le demande"
            reasons.append(f"vous aimez {phrase} : {core}")
        elif aptitude in avoids:
            total -= weight
            reasons.append(f"attention : le métier demande {_de(phrase)}, que vous préférez éviter")
    asked = len(likes) + len(avoids)
    return (max(0.0, total) / min(asked, 3) if asked else 0.0), reasons


def _de(phrase: str) -> str:
    return ("d'" + phrase) if fold(phrase)[:1] in "aeiouyh" else ("de " + phrase)


def fits(kb: KnowledgeBase, likes: set[str] = frozenset(), avoids: set[str] = frozenset(),
         riasec: str | None = None, limit: int | None = 5) -> list[Fit]:
    """Roles best first, with a 0-100 score and the reasons behind it. Deterministic."""
    results = []
    for role in kb.roles.values():
        parts: list[tuple[float, float]] = []
        reasons: list[str] = []
        if likes or avoids:
            value, why = _aptitude_part(role, set(likes), set(avoids))
            parts.append((min(1.0, value), 0.6))
            reasons += why
        if riasec:
            similarity = riasec_similarity(riasec, role.riasec or "")
            parts.append((similarity, 0.4))
            if similarity >= 0.5:
                letters = ", ".join(RIASEC[c].split(" (")[0] for c in role.riasec or "")
                reasons.append(f"profil RIASEC {role.riasec} ({letters}) proche du vôtre, {riasec}")
        weight = sum(w for _v, w in parts)
        score = round(100 * sum(v * w for v, w in parts) / weight, 1) if weight else 0.0
        if score > 0:
            results.append(Fit(role.id, role.title, score, tuple(reasons)))
    results.sort(key=lambda f: (-f.score, fold(f.title), f.id))
    return results[:limit] if limit else results


def advice(likes: set[str], avoids: set[str]) -> list[str]:
    """What the sources say about such a profile, beyond the ranking."""
    notes = []
    if "rediger" in avoids and "parler" in likes:
        notes.append(ORAL_RATHER_THAN_WRITING)
    if "negocier" in likes:
        notes.append(NEGOTIATION_TIRES)
    return notes
