"""Finding things by what people type: one role (or term) by name, and ranked full-text search.

Everything is compared folded (case, accents, hyphens and spacing aside, see text.py) and typos are
tolerated with rapidfuzz. Full-text search works word by word over an inverted index, so that a large base
is searched without scanning every text, yet ranks exactly as a scan would.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import KnowledgeBase
from .text import compact, fold, word_spans

# Resolving one name ---------------------------------------------------------------------------------------

NAME_FIELDS = ("id", "title", "title_feminine", "alias")
_NAME_BONUS = {"id": 6.0, "title": 6.0, "title_feminine": 6.0, "term": 6.0, "expansion": 3.0, "alias": 0.0,
               "rome": -2.0}
ACCEPT = 84.0  # a fuzzy score from which a name is taken as meant
MARGIN = 4.0  # candidates this close to the best one make the answer ambiguous
MIN_FUZZY = 4  # names shorter than this are never matched approximately
SUGGEST = 60.0  # a whole-name similarity from which a name is worth suggesting


@dataclass(frozen=True, slots=True)
class Found:
    id: str
    name: str  # the name that matched, as written in the base
    exact: bool  # the query was the id itself


class NotFound(LookupError):
    def __init__(self, query: str, suggestions: list[tuple[str, str]]):
        self.query = query
        self.suggestions = suggestions  # (id, name)
        super().__init__(query)


class Ambiguous(LookupError):
    def __init__(self, query: str, candidates: list[tuple[str, str]]):
        self.query = query
        self.candidates = candidates  # (id, name)
        super().__init__(query)


class NameIndex:
    """Folded names of a set of items (roles, terms, structures) -> the item they name."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[tuple[str, str]]]]):
        self.exact: dict[str, list[tuple[str, str]]] = {}
        self.ids: set[str] = set()
        self.choices: list[str] = []
        self.owners: list[tuple[str, str, str]] = []  # (id, field, name as written)
        for item_id, names in entries:
            self.ids.add(item_id)
            for field_name, name in names:
                key = compact(name)
                if not key:
                    continue
                owners = self.exact.setdefault(key, [])
                if item_id not in [i for i, _n in owners]:
                    owners.append((item_id, name))
                if len(key) >= MIN_FUZZY:  # abbreviations (CM, DA, SEO) match exactly or not at all
                    self.choices.append(fold(name))
                    self.owners.append((item_id, field_name, name))

    def exact_id(self, query: str) -> str | None:
        if query in self.ids:
            return query
        owners = self.exact.get(compact(query), [])
        return owners[0][0] if len(owners) == 1 else None

    def resolve(self, query: str) -> Found:
        if query in self.ids:
            return Found(query, query, True)
        owners = self.exact.get(compact(query), [])
        if len(owners) == 1:
            return Found(owners[0][0], owners[0][1], False)
        if owners:
            raise Ambiguous(query, owners)
        ranked = self.rank(query)
        good = [c for c in ranked if c[1] >= ACCEPT]
        if good:
            close = [c for c in good if c[1] > good[0][1] - MARGIN]
            if len(close) == 1:
                return Found(close[0][0], close[0][2], False)
            raise Ambiguous(query, [(i, n) for i, _s, n in close][:8])
        raise NotFound(query, self.suggest(query))

    def suggest(self, query: str, limit: int = 3) -> list[tuple[str, str]]:
        """Names that resemble the query as a whole (not just a fragment of it), best first."""
        from rapidfuzz import fuzz, process

        folded = fold(query)
        best: dict[str, tuple[float, str]] = {}
        for _choice, score, index in process.extract(folded, self.choices, scorer=fuzz.token_sort_ratio,
                                                    limit=None, score_cutoff=SUGGEST):
            item_id, _field, name = self.owners[index]
            if score > best.get(item_id, (-1.0, ""))[0]:
                best[item_id] = (score, name)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [(item_id, name) for item_id, (_score, name) in ranked[:limit]]

    def rank(self, query: str) -> list[tuple[str, float, str]]:
        """Items by their best fuzzy name score, best first: (id, score, name)."""
        from rapidfuzz import fuzz, process, utils

        folded = fold(query)
        if not folded:
            return []
        best: dict[str, tuple[float, str]] = {}
        hits = process.extract(folded, self.choices, scorer=fuzz.WRatio, processor=utils.default_process,
                               limit=None, score_cutoff=ACCEPT - max(_NAME_BONUS.values()))
        for _choice, score, index in hits:
            item_id, field_name, name = self.owners[index]
            score = min(100.0, score + _NAME_BONUS[field_name])
            if score > best.get(item_id, (-1.0, ""))[0]:
                best[item_id] = (score, name)
        return sorted(((i, s, n) for i, (s, n) in best.items()), key=lambda c: (-c[1], c[0]))


def rome_names(label: str) -> list[str]:
    """The names a ROME label stands for: "Chef / Cheffe de projet Web" -> the masculine and feminine titles."""
    match = re.fullmatch(r"(\S+) / (\S+)(.*)", label)
    if match:
        return [label, match[1] + match[3], match[2] + match[3]]
    if " / " in label:
        return [label, *(part.strip() for part in label.split(" / "))]
    parts = [part.strip() for part in label.split(" - ")]
    if len(parts) > 1 and all(len(part.split()) > 1 for part in parts):
        return [label, *parts]
    return [label]


def role_names(kb: KnowledgeBase) -> NameIndex:
    index = kb.derived.get("role_names")
    if index is None:
        index = NameIndex(
            (role.id, [("id", role.id), ("title", role.title), ("title_feminine", role.title_feminine),
                       *(("alias", a) for a in role.aliases),
                       *(("rome", n) for code in role.rome for n in rome_names(kb.rome.get(code, "")) if n)])
            for role in kb.roles.values()
        )
        kb.derived["role_names"] = index
    return index


def term_names(kb: KnowledgeBase) -> NameIndex:
    index = kb.derived.get("term_names")
    if index is None:
        index = NameIndex(
            (t.id, [("id", t.id), ("term", t.term), *((("expansion", t.expansion),) if t.expansion else ()),
                    *(("alias", a) for a in t.aliases)])
            for t in kb.glossary.values()
        )
        kb.derived["term_names"] = index
    return index


def structure_names(kb: KnowledgeBase) -> NameIndex:
    return NameIndex((s.id, [("id", s.id), ("title", s.name)]) for s in kb.structures.values())


# Full-text search -----------------------------------------------------------------------------------------

# the fields searched, with their weight: names rank above the full text
FIELD_WEIGHT = {"title": 1.0, "title_feminine": 1.0, "id": 1.0, "alias": 0.97,
                "summary": 0.8, "mission": 0.78, "skill": 0.76, "term": 0.74}
FIELD_ORDER = list(FIELD_WEIGHT)
STOPWORDS = frozenset("a au aux d de des du en et l la le les un une pour par sur dans ou".split())
MIN_SCORE = 30.0


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    score: float
    field: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of the snippet that matched


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def word_score(query_word: str, word: str) -> float:
    """How well one word of the text answers one word of the query, 0 to 1."""
    if word == query_word or _stem(word) == _stem(query_word):
        return 1.0
    if len(query_word) >= 3 and word.startswith(query_word):
        return 0.9
    if len(query_word) >= 4 and len(word) >= 4:
        from rapidfuzz import fuzz

        ratio = fuzz.ratio(query_word, word)
        if ratio >= 80:
            return 0.9 * ratio / 100
    return 0.0


class SearchIndex:
    """Every searchable text of every role, and an inverted index from folded words to those texts."""

    def __init__(self, kb: KnowledgeBase):
        self.docs: list[tuple[str, str, str]] = []  # (role id, field, original text)
        self.doc_words: list[tuple[str, ...]] = []
        postings: dict[str, list[int]] = {}
        self.titles = {rid: role.title for rid, role in kb.roles.items()}
        self.families = {rid: role.family for rid, role in kb.roles.items()}
        for role in kb.roles.values():
            texts = [("title", role.title), ("title_feminine", role.title_feminine)]
            texts += [("alias", a) for a in role.aliases]
            texts.append(("id", role.id.replace("-", " ")))
            texts.append(("summary", role.summary))
            texts += [("mission", m) for m in role.missions]
            texts += [("skill", s) for s in (*role.skills.savoir_faire, *role.skills.savoir_etre)]
            texts += [("term", t.term + (f" ({t.expansion})" if t.expansion else "")) for t in kb.terms_of(role.id)]
            for field_name, text in texts:
                words = tuple(w for _s, _e, w in word_spans(text))
                doc = len(self.docs)
                self.docs.append((role.id, field_name, text))
                self.doc_words.append(words)
                for word in set(words):
                    postings.setdefault(word, []).append(doc)
        self.postings = postings
        self.vocabulary = sorted(postings)

    def matching_words(self, query_word: str) -> dict[str, float]:
        """The words of the index that answer a query word, with their score (same as word_score)."""
        from rapidfuzz import fuzz, process

        found: dict[str, float] = {}
        start = bisect.bisect_left(self.vocabulary, query_word[:3]) if len(query_word) >= 3 else 0
        stem = _stem(query_word)
        for candidate in (query_word, stem, stem + "s", stem + "x"):
            if candidate in self.postings:
                found[candidate] = word_score(query_word, candidate)
        if len(query_word) >= 3:
            for word in self.vocabulary[start:]:
                if not word.startswith(query_word[:3]):
                    break
                score = word_score(query_word, word)
                if score:
                    found[word] = max(found.get(word, 0.0), score)
        if len(query_word) >= 4:
            for word, _ratio, _i in process.extract(query_word, self.vocabulary, scorer=fuzz.ratio,
                                                   score_cutoff=80, limit=None):
                score = word_score(query_word, word)
                if score:
                    found[word] = max(found.get(word, 0.0), score)
        return {w: s for w, s in found.items() if s > 0}

    def _lookup(self, words: list[str]) -> tuple[dict[int, list[float]], set[str]]:
        """Per document holding a match, each query word's best score there, found through the index."""
        doc_scores: dict[int, list[float]] = {}
        matched: set[str] = set()
        for qi, query_word in enumerate(words):
            for word, score in self.matching_words(query_word).items():
                matched.add(word)
                for doc in self.postings[word]:
                    per_word = doc_scores.setdefault(doc, [0.0] * len(words))
                    per_word[qi] = max(per_word[qi], score)
        return doc_scores, matched

    def _scan(self, words: list[str]) -> tuple[dict[int, list[float]], set[str]]:
        """The same as _lookup by reading every document: the reference the index must agree with."""
        doc_scores: dict[int, list[float]] = {}
        matched: set[str] = set()
        for doc, doc_words in enumerate(self.doc_words):
            per_word = [0.0] * len(words)
            for qi, query_word in enumerate(words):
                for word in doc_words:
                    score = word_score(query_word, word)
                    if score:
                        matched.add(word)
                        per_word[qi] = max(per_word[qi], score)
            if any(per_word):
                doc_scores[doc] = per_word
        return doc_scores, matched

    def search(self, query: str, allowed: set[str] | None = None, limit: int | None = None,
               exhaustive: bool = False) -> list[Hit]:
        """Roles ranked by how well their names, then their texts, answer every word of the query."""
        words = fold(query).split()
        significant = [w for w in words if w not in STOPWORDS] or words
        if not significant:
            return []
        phrase = " ".join(words)
        doc_scores, matched = (self._scan if exhaustive else self._lookup)(significant)
        per_role: dict[str, tuple[float, int]] = {}
        role_cover: dict[str, list[float]] = {}
        for doc, per_word in doc_scores.items():
            rid, field_name, _text = self.docs[doc]
            if allowed is not None and rid not in allowed:
                continue
            coverage = sum(per_word) / len(per_word)
            doc_words = self.doc_words[doc]
            name_cover = min(1.0, len(significant) / max(1, len(doc_words)))
            score = FIELD_WEIGHT[field_name] * (0.9 * coverage + 0.1 * name_cover) * 100
            if len(words) > 1 and f" {phrase} " in f" {' '.join(doc_words)} ":
                score = min(100.0, score + 5)
            best = per_role.get(rid)
            if best is None or (score, -doc) > (best[0], -best[1]):
                per_role[rid] = (score, doc)
            cover = role_cover.setdefault(rid, [0.0] * len(significant))
            for i, word_best in enumerate(per_word):
                cover[i] = max(cover[i], word_best)
        hits = []
        for rid, (score, doc) in per_role.items():
            role_coverage = sum(role_cover[rid]) / len(significant)
            final = round(score * (0.8 + 0.2 * role_coverage), 1)
            if final < MIN_SCORE:
                continue
            snippet, spans = _snippet(self.docs[doc][2], matched)
            hits.append(Hit(rid, self.titles[rid], final, self.docs[doc][1], snippet, spans))
        hits.sort(key=lambda h: (-h.score, FIELD_ORDER.index(h.field), fold(h.title), h.id))
        return hits[:limit] if limit else hits


def search_index(kb: KnowledgeBase) -> SearchIndex:
    index = kb.derived.get("search")
    if index is None:
        index = kb.derived["search"] = SearchIndex(kb)
    return index


def _snippet(text: str, matched: set[str], width: int = 90) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the text around its first matching word, and the spans of the matching words in it."""
    spans = [(s, e) for s, e, w in word_spans(text) if w in matched]
    if len(text) <= width:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return prefix + text[start:end] + suffix, kept
