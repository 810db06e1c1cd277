"""Text folding shared by every lookup: case, accents, ligatures, hyphens and spacing don't matter."""

from __future__ import annotations

import re
import unicodedata

_LIGATURE_PAIRS = (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"), ("ß", "ss"), ("ø", "o"), ("Ø", "o"))
_LIGATURES = str.maketrans(dict(_LIGATURE_PAIRS))
_NON_WORD = re.compile(r"[^0-9a-z]+")
WORD = re.compile(r"[^\W_]+")


def slow_fold(text: str) -> str:
    """The definition of folding: NFKD, no combining marks, lower-case ASCII words separated by one space."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES)).lower()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text).strip()


def separators() -> str:
    """The non-ASCII characters that folding turns into a word break (« » ’ non-breaking spaces, dashes…), as
    slow_fold defines them; computed once here, written out below (test_search checks they agree)."""
    return "".join(chr(c) for c in (*range(0x00A0, 0x0100), *range(0x2000, 0x2070), 0x20AC)
                   if slow_fold(f"a{chr(c)}a") == "a a")


_SEPARATORS = re.compile("[\u00a0-\u00a9\u00ab-\u00b1\u00b4-\u00b8\u00bb\u00bf\u00d0\u00d7\u00de\u00f0\u00f7\u00fe\u2000-\u206f\u20ac]")
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32
                     for c in range(256))  # upper -> lower, anything but a letter or digit -> space
_NOT_COMBINING = re.compile(r"[^\x00-\x7f\u0300-\u036f]")  # what may remain after NFKD on the fast path


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: "Directrice-artistique" -> "directrice artistique".

    Always the same result as slow_fold (a property test holds it to that), but C-speed on French text:
    ligatures and separators replaced, NFKD, combining marks dropped by an ASCII encoding; anything
    unusual left after that takes the slow, general path.
    """
    if not text.isascii():
        original = text
        for ligature, plain in _LIGATURE_PAIRS:
            if ligature in text:
                text = text.replace(ligature, plain)
        text = unicodedata.normalize("NFKD", _SEPARATORS.sub(" ", text))
        if _NOT_COMBINING.search(text):
            return slow_fold(original)
        data = text.encode("ascii", "ignore")
    else:
        data = text.encode("ascii")
    return b" ".join(data.translate(_ASCII_WORDS).split()).decode("ascii")


def compact(text: str) -> str:
    """The folded text without spaces, so that "e-mailing", "e mailing" and "emailing" meet."""
    return fold(text).replace(" ", "")


class Folder:
    """fold() with a memory, for one pass over a large base where the same names come back (check, indexes)."""

    def __init__(self):
        self.known: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        folded = self.known.get(text)
        if folded is None:
            folded = self.known[text] = fold(text)
        return folded


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word of the original text with its span and its folded form (a folded word never holds a space)."""
    spans = []
    for m in WORD.finditer(text):
        folded = fold(m.group())
        if folded:
            for part in folded.split():
                spans.append((m.start(), m.end(), part))
    return spans
