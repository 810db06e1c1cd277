"""French typography and grammar for every sentence metiers writes: one small module, used everywhere.

- Typography: a no-break space before « : ; ! ? » and inside « », so that no line ever breaks there.
- Articles and prepositions joined by rule: de + le -> du, de + les -> des, à + le -> au, à + les -> aux,
  elision before a vowel (l', d'), whatever the title.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# Rich wraps at any whitespace, the no-break space included: renderers glue with this character instead (not
# whitespace, one cell wide, never in data), and the output turns it back into a no-break space.
GLUE = "\ue000"
_BEFORE = re.compile(r"[ \u00a0\u202f]+([:;!?»])")
_AFTER = re.compile(r"(«)[ \u00a0\u202f]+")
_PUNCTUATION = re.compile(r"[:;!?«»]")
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"
_MUTE_H = ("habit", "hébdo", "hebdo", "héro", "histo", "homm", "hono", "hôpi", "hopi", "hôte", "hote", "huma",
           "humo", "hyg", "hypo", "hyper")


def typeset(text: str, space: str = NBSP) -> str:
    """The text with a no-break space (``space``) before « : ; ! ? » and inside guillemets, where the author
    wrote an ordinary space (a colon glued to a word, as in a URL or « 10:30 », is left alone)."""
    if not text or _PUNCTUATION.search(text) is None:
        return text
    return _AFTER.sub(lambda m: m.group(1) + space, _BEFORE.sub(lambda m: space + m.group(1), text))


def quoted(text: str) -> str:
    """« text », with no-break spaces inside."""
    return f"«{NBSP}{text}{NBSP}»"


def _elides(word: str) -> bool:
    if not word:
        return False
    if word[0] in _VOWELS:
        return True
    return word[0] in "hH" and word.lower().startswith(_MUTE_H)


def lower_first(title: str) -> str:
    """A title as it reads inside a sentence: « Traffic manager » -> « traffic manager », « UX designer » stays."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def the(title: str, feminine: bool = False, plural: bool = False) -> str:
    """The title with its definite article: « le traffic manager », « l'UX designer », « la cheffe de pub »."""
    name = lower_first(title)
    if plural:
        return f"les {name}"
    if _elides(name):
        return f"l'{name}"
    return f"{'la' if feminine else 'le'} {name}"


_CONTRACTED = {"de": ("du", "des"), "à": ("au", "aux")}


def _with(preposition: str, title: str, feminine: bool, plural: bool) -> str:
    """The preposition joined to the title's article: de + le -> du, à + les -> aux, de l', à la."""
    name = the(title, feminine, plural)
    singular, many = _CONTRACTED[preposition]
    if name.startswith("le "):
        return f"{singular} {name[3:]}"
    if name.startswith("les "):
        return f"{many} {name[4:]}"
    return f"{preposition} {name}"


def of_the(title: str, feminine: bool = False, plural: bool = False) -> str:
    """« du traffic manager », « de l'UX designer », « de la cheffe de produit », « des graphistes »."""
    return _with("de", title, feminine, plural)


def to_the(title: str, feminine: bool = False, plural: bool = False) -> str:
    """« au traffic manager », « à l'UX designer », « à la directrice », « aux graphistes »."""
    return _with("à", title, feminine, plural)


def of(phrase: str) -> str:
    """« de » before a phrase without article, elided before a vowel: « d'écrire », « de négocier »."""
    return f"d'{phrase}" if _elides(phrase) else f"de {phrase}"


def enumerate_fr(items: list[str], last: str = "et") -> str:
    """« a », « a et b », « a, b et c »."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 métier », « 2 métiers », « 0 métier » (French: the singular below 2)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count)} {word}"


def number(value: float, decimals: int = 0) -> str:
    """A number in French notation: « 12 500 », « 0,4 »."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def megabytes(size: int) -> str:
    """« 0,4 Mo », « 12 Mo »."""
    value = size / 1_000_000
    return f"{number(value, 1 if value < 10 else 0)}{NBSP}Mo"
