"""Text folding shared by every lookup: case, accents, ligatures, hyphens and spacing don't matter."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: "Directrice-artistique" -> "directrice artistique"."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES)).lower()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text).strip()


def compact(text: str) -> str:
    """The folded text without spaces, so that "e-mailing", "e mailing" and "emailing" meet."""
    return fold(text).replace(" ", "")


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word of the original text with its span and its folded form (a folded word never holds a space)."""
    spans = []
    for m in WORD.finditer(text):
        folded = fold(m.group())
        if folded:
            for part in folded.split():
                spans.append((m.start(), m.end(), part))
    return spans
