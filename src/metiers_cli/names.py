"""Which role (or term, or structure) a person means by the name they type: precision first.

A name is looked up in tiers; a higher tier always wins over a lower one, and two items in the same tier make
the name ambiguous:

1. the id itself;
2. a title, feminine title or alias, written the same way (case, accents, hyphens and spaces aside);
3. the same after normalising the forms people write: inclusive writing (« Chargé·e », « Chargé(e) »,
   « Directeur/Directrice »), « H/F », plurals, seniority and contract words (junior, stagiaire, freelance…),
   articles (« Responsable de la communication » = « Responsable communication »), glued words;
4. names derived from the ROME 4.0 labels of the role's fiches (« Chef / Cheffe de projet Web »);
5. a job title of the glossary that several roles wear (« CCO »): always ambiguous, with its roles;
6. approximately (typos), only when every word that carries meaning matches: « chargé », « responsable »,
   « manager » alone never make a match, and « Marketing manager » is not « Mobile marketing manager ».

Below the threshold of tier 6, the answer is « introuvable » with up to three suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .text import fold

# Words that name a rank or a function but not a job: they never make a match on their own. Three levels: a name
# typed at the top (« Directeur SEO ») is not the job of a name written lower (« SEO manager »).
_RANKS = {
    1: "charge chargee specialiste specialist consultant consultante assistant assistante officer executive "
       "coordinateur coordinatrice coordinator gestionnaire attache attachee agent",
    2: "responsable manager chef cheffe lead leader expert experte adjoint adjointe superviseur superviseuse",
    3: "directeur directrice director chief vp president presidente global",
    23: "head",  # « Head of … » names a team's manager as well as a director
}
# Words that say how or where one works, not what the job is (job ads are full of them).
CONDITIONS = frozenset("""
    junior senior sr jr confirme confirmee experimente experimentee debutant debutante stagiaire stage
    alternant alternante alternance apprenti apprentie apprentissage freelance independant independante
    cdi cdd interim interimaire
""".split())
# Words that may qualify a job's field, medium or employer without making it another job: a name that holds all
# the job's words and some of these more is the same job (« Media planner digital », « Motion designer 3D »).
_QUALIFIERS = """
    digital digitale numerique web internet online agence annonceur tv television radio print b2b b2c btob btoc
    2d 3d groupe international internationale national nationale regional regionale local locale france paris
    europe luxe retail sante banque assurance tech startup pme client clients marque marques omnicanal
    commerce ecommerce e wordpress editorial editoriale marketplace operationnel
"""
# Short forms people write for a word, and words that mean the same here.
WORD_FORMS = {"crea": "creation", "com": "communication", "comm": "communication", "dir": "directeur",
              "mkt": "marketing", "mktg": "marketing", "pub": "publicite", "resp": "responsable",
              "internet": "web", "online": "web", "numerique": "digital",
              "digitale": "digital"}
GLUED_FORMS = {"cdp": ["chef", "projet"], "dircom": ["directeur", "communication"]}
LINKING = frozenset("de du des d la le les l et a au aux en of the and".split())
ACCEPT = 60.0  # whole-name similarity (0-100) from which an approximate match is taken, every meaning word matching
SUGGEST = 55.0  # whole-name similarity from which a name is worth suggesting

_PAREN_SUFFIX = (r"(?<=[^\W\d_])\((?:e|es|s|ne|nes|se|ses|le|les|te|tes|ve|ves|euse|euses|rice|rices|trice|"
                           r"trices|ice|ices|ère|ères|ere|eres|ive|ives|fe|fes)\)")
_DOT_SUFFIX = (r"(?<=[^\W\d_])[·.•‧⋅∙](?:e|es|s|ne|nes|se|ses|le|les|te|tes|ve|ves|euse|euses|rice|"
                         r"rices|trice|trices|ice|ices|ère|ères|ere|eres|ive|ives|fe|fes)\b")
_GENDER = r"\(?\b[hfHF]\s*/\s*[hfHF](?:\s*/\s*[xX])?\b\)?"
_PARENS = r"\([^()]*\)"
_PARTS = r"\s+[-–—|]\s+|\s*[,;]\s*"


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _masculine(text: str) -> str:
    """« Chargé / Chargée de communication » -> « Chargé de communication »; « Directeur/Directrice » ->
    « Directeur »; « UX/UI designer » is left alone (its two sides are different words)."""
    if "/" not in text:
        return text
    left, right = text.split("/", 1)
    left_words, right_words = fold(left).split(), fold(right).split()
    if not left_words or not right_words:
        return text
    if len(left_words) == 1 and _common_prefix(left_words[0], right_words[0]) >= 3:
        return left.strip() + " " + right.split(None, 1)[1] if len(right.split(None, 1)) > 1 else left.strip()
    if len(left_words) == len(right_words) and all(a == b or _common_prefix(a, b) >= 3
                                                   for a, b in zip(left_words, right_words)):
        return left.strip()
    return text


def _singular(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-2] + "l"
    if word[-1] in "sx":
        return word[:-1]
    return word


# Feminine to masculine, then the agent endings in one form, so that « directrice », « directeur »,
# « designeuse », « designer », « cheffe », « chef » meet.
_ENDINGS = (("trice", "teur"), ("euse", "eur"), ("iere", "ier"), ("ienne", "ien"), ("ive", "if"), ("ffe", "f"),
            ("ee", "e"), ("eur", "er"))


_BASE_FORMS: dict[str, str] = {}  # word -> its base form: names repeat their words, a base holds a few thousand


def _base_form(word: str) -> str:
    found = _BASE_FORMS.get(word)
    if found is None:
        found = _BASE_FORMS[word] = _compute_base_form(word)
    return found


def _compute_base_form(word: str) -> str:
    word = _singular(word)
    word = WORD_FORMS.get(word, word)
    if len(word) >= 5:
        for ending, replacement in _ENDINGS:
            if word.endswith(ending):
                word = word[: -len(ending)] + replacement
    return word


RANK_OF = {_base_form(w): level for level, words in _RANKS.items() for w in words.split()}
GENERIC = frozenset(RANK_OF)
QUALIFIERS = frozenset(_base_form(w) for w in _QUALIFIERS.split())


_DOTS = frozenset("·.•‧⋅∙")


def name_words(text: str, folded: str | None = None) -> list[str]:
    """The words of a name that say which job it is, normalised (see the module's docstring, tier 3).
    ``folded``, if given, is fold(text), already computed by the caller."""
    # the patterns are compiled on first use (re caches them), not at start-up, and only tried where they may apply
    original = text
    if "/" in text:
        text = re.sub(_GENDER, " ", text)
    if "(" in text:
        text = re.sub(_PAREN_SUFFIX, "", text, flags=re.IGNORECASE)
    if not _DOTS.isdisjoint(text):
        text = re.sub(_DOT_SUFFIX, "", text, flags=re.IGNORECASE)
        text = re.sub(_DOT_SUFFIX, "", text, flags=re.IGNORECASE)  # « chargé·e·s »
    if "(" in text:
        text = re.sub(_PARENS, " ", text)
    if "/" in text:
        text = _masculine(text)
    words = []
    for word in (folded if folded is not None and text is original else fold(text)).split():
        if word in LINKING or word in CONDITIONS:
            continue
        words.extend(GLUED_FORMS.get(word, [word]))
    return [_base_form(w) for w in words]


def exact_key(text: str, folded: str | None = None) -> str:
    """Tier 2: the name as written, case, accents, hyphens and spaces aside (``folded``: fold(text), if known)."""
    return (fold(text) if folded is None else folded).replace(" ", "")


def name_key(text: str) -> str:
    """Tier 3: the normalised name, glued (« community manager » = « communitymanager »)."""
    return "".join(name_words(text))


def rome_names(label: str) -> list[str]:
    """The names a ROME label stands for: "Chef / Cheffe de projet Web" -> the masculine and feminine titles;
    "Social media manager - Responsable des médias sociaux" -> both names ("UX - UI Designer" stays whole)."""
    parts = [p.strip() for p in re.split(r"\s+-\s+", label)]
    if len(parts) == 1 or not all(len(p.split()) > 1 for p in parts):
        parts = [label]
    names = [label]
    for part in parts:
        match = re.fullmatch(r"(\S+) / (\S+)(.*)", part)
        if match:
            names += [match[1] + match[3], match[2] + match[3]]
        elif " / " in part:
            names += [side.strip() for side in part.split(" / ")]
        else:
            names.append(part)
    return list(dict.fromkeys(names))


class NameRow(NamedTuple):
    """One name of an item, as the resolver and the checks use it."""

    item: str  # the id of the role, term or structure it names
    tier: int  # 1 id, 2 title or alias as written, 4 derived from a ROME label
    field: str  # id | title | title_feminine | alias | rome | term | expansion | name
    name: str  # as written in the base
    exact: str  # exact_key(name)
    key: str  # name_key(name)
    words: str  # name_words(name), joined by spaces


def row(item: str, tier: int, field: str, name: str) -> NameRow:
    folded = fold(name)
    words = name_words(name, folded)
    return NameRow(item, tier, field, name, exact_key(name, folded), "".join(words), " ".join(words))


def role_rows(role, rome: dict) -> list[NameRow]:
    """Every name of a role: its id, title, feminine title and aliases, then the names of its ROME fiches."""
    rows = [row(role.id, 1, "id", role.id), row(role.id, 2, "title", role.title),
            row(role.id, 2, "title_feminine", role.title_feminine)]
    rows += [row(role.id, 2, "alias", alias) for alias in role.aliases]
    for code in role.rome:
        label = rome.get(code, (None,))[0]
        if label:
            rows += [row(role.id, 4, "rome", name) for name in rome_names(label)]
    return [r for r in rows if r.exact]


def all_role_rows(kb) -> dict[str, list[NameRow]]:
    """Every role's names, computed once per parsed base (the checks and the compiled base both need them)."""
    if "role_rows" not in kb.derived:
        kb.derived["role_rows"] = {role.id: role_rows(role, kb.rome) for role in kb.roles.values()}
    return kb.derived["role_rows"]


def term_rows(term) -> list[NameRow]:
    rows = [row(term.id, 1, "id", term.id), row(term.id, 2, "term", term.term)]
    if term.expansion:
        rows.append(row(term.id, 2, "expansion", term.expansion))
    rows += [row(term.id, 2, "alias", alias) for alias in term.aliases]
    return [r for r in rows if r.exact]


def structure_rows(structure) -> list[NameRow]:
    return [r for r in (row(structure.id, 1, "id", structure.id), row(structure.id, 2, "name", structure.name))
            if r.exact]


# --- resolving ----------------------------------------------------------------------------------------------


class Found(NamedTuple):
    id: str
    name: str  # the name that matched, as written in the base
    tier: int
    field: str
    score: float = 100.0

    @property
    def says_how(self) -> bool:
        """Whether the person should be told how their words were understood (anything but a title)."""
        return self.tier > 2 or self.field not in ("id", "title", "title_feminine", "term", "name")


class NotFound(LookupError):
    def __init__(self, query: str, suggestions: list[tuple[str, str]]):
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions  # (id, name)


class Ambiguous(LookupError):
    def __init__(self, query: str, candidates: list[tuple[str, str]], term: str | None = None):
        super().__init__(query)
        self.query = query
        self.candidates = candidates  # (id, name)
        self.term = term  # the glossary title that names them all, if that is why


class Names:
    """Where the resolver looks names up. Subclasses read a table of the compiled base; this one, rows in memory."""

    def __init__(self, rows: Iterable[NameRow]):
        self.rows = list(rows)
        self.by_exact: dict[str, list[NameRow]] = {}
        self.by_key: dict[str, list[NameRow]] = {}
        for r in self.rows:
            self.by_exact.setdefault(r.exact, []).append(r)
            if r.key:
                self.by_key.setdefault(r.key, []).append(r)

    def has_id(self, item: str) -> bool:
        return any(r.item == item and r.tier == 1 for r in self.by_exact.get(exact_key(item), ()))

    def exact(self, key: str) -> list[NameRow]:
        return self.by_exact.get(key, [])

    def normalised(self, key: str) -> list[NameRow]:
        return self.by_key.get(key, [])

    def vocabulary(self) -> list[str]:
        return sorted({w for r in self.rows for w in r.words.split()})

    def having(self, words: set[str]) -> list[NameRow]:
        return [r for r in self.rows if words & set(r.words.split())]

    def known(self, words: set[str]) -> set[str]:
        return words & set(self.vocabulary())

    def within(self, words: set[str]) -> list[NameRow]:
        """The names whose every meaning word is one of ``words`` (and that have at least one)."""
        out = []
        for r in self.rows:
            meaning = set(_meaning(r.words.split()))
            if meaning and meaning <= words:
                out.append(r)
        return out

    def of_items(self, items: set[str], words: set[str]) -> list[NameRow]:
        return [r for r in self.rows if r.item in items and words & set(r.words.split())]

    def titles(self) -> list[tuple[NameRow, tuple[str, ...]]]:
        """Job titles of the glossary that several items wear: (the term's name, the items). None here."""
        return []


_SOUNDS = (("ph", "f"), ("ll", "l"), ("mm", "m"), ("nn", "n"), ("pp", "p"), ("rr", "r"), ("ss", "s"), ("tt", "t"),
           ("ff", "f"), ("cc", "c"), ("y", "i"))


def _sound(word: str) -> str:
    for written, heard in _SOUNDS:
        word = word.replace(written, heard)
    return word


def word_matches(typed: str, written: str) -> bool:
    """Whether a typed word is the written word, allowing a typo in a long enough word (and « f » for « ph »,
    a single letter for a double) — but a word that is the other plus a few letters is another word
    (« influenceur » is not « influence »)."""
    if typed == written:
        return True
    if len(typed) < 4 or len(written) < 4:
        return False
    short, long_ = sorted((typed, written), key=len)
    if long_.startswith(short) and len(long_) - len(short) >= 2:
        return False
    typed, written = _sound(typed), _sound(written)
    if typed == written:
        return True
    from rapidfuzz.distance import OSA

    allowed = 1 if min(len(typed), len(written)) <= 8 else 2
    return OSA.distance(typed, written, score_cutoff=allowed) <= allowed


def _meaning(words: Iterable[str]) -> list[str]:
    """The words that say which job it is: not a rank or a function (« manager », nor its typo « manger »)."""
    return [w for w in words if not _generic(w)]


def name_meaning(words: Iterable[str]) -> list[str]:
    """The words of a name that say which job it is, those a name is looked up by (as ``approximate`` reads
    them: the compiled base stores them so)."""
    return _meaning(words)


_GENERIC_SEEN: dict[str, bool] = {}
# the rank words long enough for a typo to hide them, and how they sound
_LONG_GENERIC = tuple(g for g in sorted(GENERIC) if len(g) >= 5)
_LONG_GENERIC_HEARD = [_sound(g) for g in _LONG_GENERIC]


def _generic(word: str) -> bool:
    """Whether a word is a rank or function word, or one typo away from a long one (memoised: a search over a
    large base asks it of the same words thousands of times)."""
    seen = _GENERIC_SEEN.get(word)
    if seen is None:
        if word in GENERIC:
            seen = True
        else:  # word_matches accepts no word more than two edits from a rank word as heard: those, found in C
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            near = process.extract(_sound(word), _LONG_GENERIC_HEARD, scorer=OSA.distance, score_cutoff=2,
                                   limit=None)
            seen = any(word_matches(word, _LONG_GENERIC[index]) for _heard, _distance, index in near)
        _GENERIC_SEEN[word] = seen
    return seen


def _split_glued(words: list[str], vocabulary: set[str]) -> list[str]:
    """« socialmediamanager » -> « social media manager », when the pieces are words of the base's names."""
    out = []
    for word in words:
        out.extend(_pieces(word, vocabulary) if word not in vocabulary and len(word) >= 6 else [word])
    return out


def _pieces(word: str, vocabulary: set[str], depth: int = 0) -> list[str]:
    if word in vocabulary or depth > 3:
        return [word]
    for cut in range(len(word) - 2, 1, -1):
        head, tail = word[:cut], word[cut:]
        if head in vocabulary:
            rest = _pieces(tail, vocabulary, depth + 1)
            if all(piece in vocabulary for piece in rest):
                return [head, *rest]
    return [word]


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(a, b)


def _rank(word: str) -> set[int]:
    """The levels a rank word may name: {1}, {2}, {3}, or {2, 3} for « head »."""
    level = RANK_OF.get(word) or next((lv for g, lv in RANK_OF.items() if len(g) >= 5 and word_matches(word, g)), 0)
    return {2, 3} if level == 23 else {level}


class _Fit(NamedTuple):
    """How well a name fits what was typed; the lower ``key`` the better."""

    item: str
    row: NameRow
    extra: int  # qualifier words typed that the item's names don't hold (« digital » in « Media planner digital »)
    rank: int  # rank words of the same level as the name's (« chargé » typed, « Chargé de … » written), minus others
    exact: int  # words matched exactly rather than through a typo
    score: float  # whole-name similarity, 0 to 100

    @property
    def key(self) -> tuple:
        return (self.extra, -self.rank, -self.exact, -self.score)


def _targets(word: str, vocabulary: set[str]) -> set[str]:
    """The words of the base a typed word may be: itself when the base has it (« influence » is not a typo of
    « influenceur »), else the words one typo away."""
    if word in vocabulary:
        return {word}
    return {v for v in vocabulary if word_matches(word, v)}


def approximate(query: str, names: Names) -> list[_Fit]:
    """Items one of whose names holds every meaning word typed (but for qualifiers, or words of another of the
    item's names) and no meaning word that wasn't typed, at a compatible rank; best first, one fit per item."""
    words = name_words(query)
    if not _meaning(words):
        return []
    typed = set(words) - GENERIC
    known = names.known(typed)
    # every word typed is a word of the names: nothing to unglue or correct, no need to read them all
    vocabulary = known if known == typed else set(names.vocabulary())
    words = _split_glued(words, vocabulary)
    meaning = _meaning(words)
    typed_ranks = [_rank(w) for w in words if _generic(w)]
    targets = {w: _targets(w, vocabulary) for w in meaning}
    close = set().union(*targets.values())
    if not close:
        return []
    rows = names.within(close)  # the names that may fit: each of their meaning words is close to one typed
    if not rows:
        return []
    known: dict[str, set[str]] = {}  # item -> every meaning word of its names
    titles: dict[str, set[str]] = {}  # item -> the meaning words of its titles
    for r in names.of_items({r.item for r in rows}, close):
        known.setdefault(r.item, set()).update(_meaning(r.words.split()))
        if r.field in ("title", "title_feminine"):
            titles.setdefault(r.item, set()).update(_meaning(r.words.split()))
    # the words that are, alone, the title of an item: for any other item they say another job
    solo = {frozenset(w) for w in titles.values() if len(w) == 1}
    titled = {item: {w for ws in solo for w in ws} - titles.get(item, set()) for item in known}
    typed = " ".join(words)
    best: dict[str, _Fit] = {}
    for r in rows:
        written = r.words.split()
        written_meaning = _meaning(written)
        if not all(any(v in targets[w] for w in meaning) for v in written_meaning):
            continue
        unmatched = [w for w in meaning if not targets[w] & set(written_meaning)]
        if len(unmatched) >= len(meaning):
            continue
        if any(w not in QUALIFIERS and not (targets[w] & known[r.item] - titled.get(r.item, set()))
               for w in unmatched):
            continue  # a word of none of its names, or the title of another job (« Graphiste webdesigner »)
        written_ranks = set().union(*(_rank(w) for w in written if _generic(w)))
        if written_ranks and any(not (levels & written_ranks) and 3 in levels | written_ranks
                                 for levels in typed_ranks):
            continue  # a director is not the job of a manager, nor the other way round
        rank = sum(1 if levels & written_ranks else -1 for levels in typed_ranks) if written_ranks else 0
        extra = sum(w in QUALIFIERS and not targets[w] & known[r.item] for w in unmatched)
        exact = sum(w in written for w in words)
        fit = _Fit(r.item, r, extra, rank, exact, _similarity(typed, r.words))
        if fit.score >= ACCEPT and (r.item not in best or fit.key < best[r.item].key):
            best[r.item] = fit
    return sorted(best.values(), key=lambda f: (f.key, f.item))


def _alike(typed: str, written: str) -> bool:
    """Whether a typed word is close enough to a word of a name to suggest that name: the same first letter (a
    typo seldom changes it: « grafiks » / « graphiste », but « cariste » is not « artiste »), then a typo (one
    letter in a short word, a fifth of the letters in a long one, « ph » heard as « f ») or the same stem
    (« fidélité » / « fidélisation »)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    if len(written) < 3 or typed[:1] != written[:1]:
        return False
    if min(len(typed), len(written)) >= 6 and typed[:6] == written[:6]:
        return True
    if len(typed) <= 4:
        return OSA.distance(typed, written, score_cutoff=1) <= 1
    return max(fuzz.ratio(typed, written), fuzz.ratio(_sound(typed), _sound(written))) >= 80


def suggest(query: str, names: Names, limit: int = 3) -> list[tuple[str, str]]:
    """Names that resemble the query (a word close to one of theirs, more loosely than a match), best first."""
    from rapidfuzz import fuzz

    words = name_words(query) or fold(query).split()
    vocabulary = names.vocabulary()
    words = _split_glued(words, set(vocabulary))
    meaning = _meaning(words) or words
    close = {v for w in meaning for v in vocabulary
             if len(w) >= 3 and (v == w or _alike(w, v) or (len(w) >= 4 and v.startswith(w)))}
    if not close:
        return []
    typed = " ".join(words)
    best: dict[str, tuple[float, str]] = {}
    for r in names.having(close):
        written = r.words.split()
        shared = sum(any(v == w or _alike(w, v) for v in written) for w in meaning)
        whole = all(any(v == w or _alike(w, v) for w in meaning) for v in _meaning(written))
        if shared * 2 < len(meaning) and not whole:
            continue  # most of what was typed is in none of its names, nor is one of them whole in it
        score = shared * 100 + _similarity(typed, r.words)
        if score >= SUGGEST and score > best.get(r.item, (-1.0, ""))[0]:
            best[r.item] = (score, r.name)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(item, name) for item, (_score, name) in ranked[:limit]]


def _one(query: str, hits: list[NameRow]) -> Found | None:
    """The item these rows name, or Ambiguous when they name several."""
    items = list(dict.fromkeys(r.item for r in hits))
    if not items:
        return None
    if len(items) > 1:
        raise Ambiguous(query, [(i, next(r.name for r in hits if r.item == i)) for i in items])
    first = min(hits, key=lambda r: (r.tier, r.field != "title"))
    return Found(first.item, first.name, first.tier, first.field)


def exactly(query: str, names: Names) -> Found | None:
    """Tiers 1 to 4 for the whole query, or None."""
    if names.has_id(query):
        return Found(query, query, 1, "id")
    key, normal = exact_key(query), name_key(query)
    if not key:
        return None
    rows = names.exact(key)
    found = _one(query, [r for r in rows if r.tier <= 2])
    if found:
        return found._replace(tier=2)
    normalised = names.normalised(normal) if normal else []
    found = _one(query, [r for r in normalised if r.tier <= 2])
    if found:
        return found._replace(tier=3)
    found = _one(query, [r for r in rows if r.tier == 4] or [r for r in normalised if r.tier == 4])
    return found._replace(tier=4) if found else None


def resolve(query: str, names: Names, suggestions: bool = True) -> Found:
    """The one item the query names (tiers 1 to 6), or Ambiguous, or NotFound (with suggestions if asked)."""
    query = " ".join(query.split())[:300]
    found = exactly(query, names)
    if found:
        return found
    parts = [p for p in re.split(_PARTS, query) if p.strip()]
    if len(parts) > 1:  # « Alternance - Chargé·e de communication », « Community manager, Paris »
        hits = [f for f in (exactly(p, names) for p in parts) if f]
        items = list(dict.fromkeys(f.id for f in hits))
        if len(items) == 1:
            return hits[0]._replace(tier=max(hits[0].tier, 3))
        if len(items) > 1:
            raise Ambiguous(query, [(f.id, f.name) for f in hits])
    for term, roles in names.titles():
        if term.exact == exact_key(query) or (term.key and term.key == name_key(query)):
            raise Ambiguous(query, [(r, r) for r in roles], term.name)
    ranked = approximate(query, names)
    if ranked:
        first = ranked[0]
        rivals = [f for f in ranked[1:] if f.key[:3] == first.key[:3]
                  or (first.extra and not f.extra) or (first.rank < 0 and f.rank > first.rank)]
        if not rivals:
            return Found(first.item, first.row.name, 6, first.row.field, first.score)
        raise Ambiguous(query, [(f.item, f.row.name) for f in [first, *rivals]][:8])
    raise NotFound(query, suggest(query, names) if suggestions else [])
