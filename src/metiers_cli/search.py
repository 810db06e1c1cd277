"""Finding things by what people type: one role (or term) by name, and ranked full-text search.

Everything is compared folded (case, accents, hyphens and spacing aside, see text.py) and typos are
tolerated with rapidfuzz. Full-text search works word by word over an inverted index, so that a large base
is searched without scanning every text, yet ranks exactly as a scan would.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable
from typing import NamedTuple

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


class Found(NamedTuple):
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

    def __init__(self, entries: Iterable[tuple[str, Iterable[tuple[str, str]]]], folder=fold):
        self.exact: dict[str, list[tuple[str, str]]] = {}
        self.ids: set[str] = set()
        self.choices: list[str] = []
        self.owners: list[tuple[str, str, str]] = []  # (id, field, name as written)
        for item_id, names in entries:
            self.ids.add(item_id)
            for field_name, name in names:
                folded = folder(name)
                key = folded.replace(" ", "")
                if not key:
                    continue
                owners = self.exact.setdefault(key, [])
                if not owners or owners[-1][0] != item_id:  # an item's names come together
                    owners.append((item_id, name))
                if len(key) >= MIN_FUZZY:  # abbreviations (CM, DA, SEO) match exactly or not at all
                    self.choices.append(folded)
                    self.owners.append((item_id, field_name, name))
        self.owners = [tuple(o) for o in self.owners]

    def state(self) -> tuple:
        """Plain data for the cache."""
        return ({key: tuple(owners) for key, owners in self.exact.items()}, sorted(self.ids), self.choices,
                self.owners)

    @classmethod
    def from_state(cls, state: tuple) -> NameIndex:
        index = cls(())
        exact, ids, index.choices, index.owners = state
        index.exact = {key: list(owners) for key, owners in exact.items()}
        index.ids = set(ids)
        return index

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
    return kb.view("role_names", _role_names)


def _role_names(kb: KnowledgeBase) -> NameIndex:
    entries = (
        (role.id, [("id", role.id), ("title", role.title), ("title_feminine", role.title_feminine),
                   *(("alias", a) for a in role.aliases),
                   *(("rome", n) for code in role.rome for n in rome_names(kb.rome.get(code, "")) if n)])
        for role in kb.roles.values()
    )
    return NameIndex(entries, folder=kb.folder())


def term_names(kb: KnowledgeBase) -> NameIndex:
    return kb.view("term_names", lambda kb: NameIndex(
        (t.id, [("id", t.id), ("term", t.term), *((("expansion", t.expansion),) if t.expansion else ()),
                *(("alias", a) for a in t.aliases)])
        for t in kb.glossary.values()))


def structure_names(kb: KnowledgeBase) -> NameIndex:
    return NameIndex((s.id, [("id", s.id), ("title", s.name)]) for s in kb.structures.values())


# Full-text search -----------------------------------------------------------------------------------------

# the fields searched, with their weight: names rank above the full text
FIELD_WEIGHT = {"title": 1.0, "title_feminine": 1.0, "id": 1.0, "alias": 0.97,
                "summary": 0.8, "mission": 0.78, "skill": 0.76, "term": 0.74}
FIELD_ORDER = list(FIELD_WEIGHT)
NAME_FIELDS = ("title", "title_feminine", "id", "alias")  # scored text by text, shorter names first
TEXT_FIELDS = ("summary", "mission", "skill", "term")  # scored on the role as a whole, per kind of text
STOPWORDS = frozenset("a au aux d de des du en et l la le les un une pour par sur dans ou".split())
MAX_WORDS = 20  # a query's first distinct words that count; beyond, a "query" is a pasted text, not a search
MAX_COMBINATIONS = 512  # tiers enumerated by combination of word levels up to this; summed per role beyond
MIN_SCORE = 30.0


class Hit(NamedTuple):
    id: str
    title: str
    score: float
    field: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of the snippet that matched


def name_score(field_code: int, word_total: float, count: int, length: int) -> float:
    """A name (title, alias…): the share of the query's words it holds, a little for how little else it says."""
    return FIELD_WEIGHT[FIELD_ORDER[field_code]] * (
        0.9 * word_total / count + 0.1 * min(1.0, count / max(1, length))) * 100


def text_score(field: str, word_total: float, count: int) -> float:
    """A kind of text: the share of the query's words the role's texts of that kind hold together."""
    return FIELD_WEIGHT[field] * 100 * word_total / count


def final_score(best: float, cover_total: float, count: int) -> float:
    """The best field's score, weighted by the share of the query's words found anywhere on the card."""
    return round(best * (0.8 + 0.2 * cover_total / count), 1)


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


def role_docs(kb: KnowledgeBase, role) -> list[tuple[str, str]]:
    """The searchable texts of a role, as (field, text), names first."""
    docs = [("title", role.title), ("title_feminine", role.title_feminine)]
    docs += [("alias", a) for a in role.aliases]
    docs.append(("id", role.id.replace("-", " ")))
    docs.append(("summary", role.summary))
    docs += [("mission", m) for m in role.missions]
    docs += [("skill", s) for s in (*role.skills.savoir_faire, *role.skills.savoir_etre)]
    docs += [("term", t.term + (f" ({t.expansion})" if t.expansion else "")) for t in kb.terms_of(role.id)]
    return docs


def _levels_of(scores: dict[int, float]) -> dict[float, set[int]]:
    levels: dict[float, set[int]] = {}
    for key, score in scores.items():
        levels.setdefault(score, set()).add(key)
    return levels


def _disjoint(levels: dict[float, set[int]]) -> dict[float, set[int]]:
    """Each role kept only at its best level."""
    seen: set[int] = set()
    out = {}
    for level in sorted(levels, reverse=True):
        fresh = levels[level] - seen
        if fresh:
            out[level] = fresh
            seen |= fresh
    return out


class SearchIndex:
    """Every searchable text of every role, and inverted indexes from folded words to them.

    Plain arrays and mappings, so that the cache can store the index and give it back without rebuilding it.
    A role's texts ("docs") are numbered consecutively. Names are indexed text by text; the other kinds of
    text (summary, missions, skills, vocabulary) by role, since a role is scored on them as a whole.

    The ranking of a role: its best name, scored on the share of the query's words it holds (and how little
    else it says), or else the best kind of text, scored on the share of the query's words the role's texts
    of that kind hold together; then weighted by the share of the words found anywhere on the card.
    """

    def __init__(self, role_ids, sort_titles: list[str], first_doc, doc_field: bytes, doc_len, name_postings,
                 text_postings: dict[str, object], vocabulary: list[str], text_of, title_of):
        self.role_ids = role_ids
        self.sort_titles = sort_titles  # role -> folded title, which orders ties
        self.title_of = title_of  # role -> title (read only for the results shown)
        self.first_doc = first_doc  # role number -> its first doc (and, at the next role, one past its last)
        self.doc_field = doc_field  # doc -> index in FIELD_ORDER
        self.doc_len = doc_len  # doc -> number of words
        self.name_postings = name_postings  # word -> name docs holding it
        self.text_postings = text_postings  # field -> (word -> roles whose texts of that field hold it)
        self.vocabulary = vocabulary  # every word, sorted
        self.text_of = text_of  # doc -> original text (read only for the results shown)

    @classmethod
    def build(cls, kb: KnowledgeBase) -> SearchIndex:
        from array import array
        from collections import defaultdict

        role_ids = list(kb.roles)
        titles = [role.title for role in kb.roles.values()]
        first_doc, doc_len, fields, texts = array("I"), array("I"), bytearray(), []
        name_postings: defaultdict[str, list[int]] = defaultdict(list)
        text_postings = {field: defaultdict(list) for field in TEXT_FIELDS}
        vocabulary: set[str] = set()
        code = {name: i for i, name in enumerate(FIELD_ORDER)}
        folded: dict[str, list[str]] = {}  # skills and terms recur from card to card
        folder = kb.folder()
        for index, role in enumerate(kb.roles.values()):
            first_doc.append(len(texts))
            field_words: dict[str, set[str]] = {field: set() for field in TEXT_FIELDS}
            for field_name, text in role_docs(kb, role):
                words = folded.get(text)
                if words is None:
                    words = folded[text] = folder(text).split()
                doc = len(texts)
                texts.append(text)
                doc_len.append(len(words))
                fields.append(code[field_name])
                if field_name in NAME_FIELDS:
                    for word in set(words):
                        name_postings[word].append(doc)
                else:
                    field_words[field_name].update(words)
            for field_name, words in field_words.items():
                postings = text_postings[field_name]
                vocabulary.update(words)
                for word in words:
                    postings[word].append(index)
        first_doc.append(len(texts))
        vocabulary.update(name_postings)
        return cls(role_ids, [folder(t) for t in titles], first_doc, bytes(fields), doc_len,
                   {word: array("I", docs) for word, docs in name_postings.items()},
                   {field: {word: array("I", roles) for word, roles in postings.items()}
                    for field, postings in text_postings.items()},
                   sorted(vocabulary), texts.__getitem__, titles.__getitem__)

    def role_of(self, doc: int) -> int:
        return bisect.bisect_right(self.first_doc, doc) - 1

    def matching_words(self, query_word: str) -> dict[str, float]:
        """The words of the index that answer a query word, with their score (as word_score gives it)."""
        from rapidfuzz import fuzz, process

        found: dict[str, float] = {}
        position = bisect.bisect_left(self.vocabulary, query_word)
        if position < len(self.vocabulary) and self.vocabulary[position] == query_word:
            found[query_word] = 1.0
        if len(query_word) >= 3:  # every word sharing the first three letters: prefixes and plurals
            start = bisect.bisect_left(self.vocabulary, query_word[:3])
            for word in self.vocabulary[start:]:
                if not word.startswith(query_word[:3]):
                    break
                score = word_score(query_word, word)
                if score:
                    found[word] = score
        if len(query_word) >= 4:
            for word, _ratio, _i in process.extract(query_word, self.vocabulary, scorer=fuzz.ratio,
                                                   score_cutoff=80, limit=None):
                score = word_score(query_word, word)
                if score:
                    found[word] = score
        return found

    def _best(self, words: list[str]):
        """For each query word: its best score per name doc, and for each kind of text the roles by score level.

        Levels are disjoint sets (a role is in the set of its best score for that word), built from the
        postings with set operations: C speed, however many roles match.
        """
        names: list[dict[int, float]] = []
        texts: dict[str, list[dict[float, set[int]]]] = {field: [] for field in TEXT_FIELDS}
        matched: set[str] = set()
        for query_word in words:
            by_doc: dict[int, float] = {}
            levels: dict[str, dict[float, set[int]]] = {field: {} for field in TEXT_FIELDS}
            for word, score in sorted(self.matching_words(query_word).items(), key=lambda ws: ws[1]):
                matched.add(word)
                docs = self.name_postings.get(word)
                if docs is not None:
                    by_doc.update(dict.fromkeys(docs, score))
                for field in TEXT_FIELDS:
                    roles = self.text_postings[field].get(word)
                    if roles is not None:
                        found = levels[field].get(score)
                        if found is None:
                            levels[field][score] = set(roles)
                        else:
                            found.update(roles)
            names.append(by_doc)
            for field in TEXT_FIELDS:
                texts[field].append(_disjoint(levels[field]))
        return names, texts, matched

    def _scan(self, words: list[str]):
        """The same as _best by reading and folding every text: the reference the index must agree with."""
        names: list[dict[int, float]] = [{} for _ in words]
        best = {field: [{} for _ in words] for field in TEXT_FIELDS}
        matched: set[str] = set()
        for doc in range(len(self.doc_len)):
            doc_words = fold(self.text_of(doc)).split()
            field = FIELD_ORDER[self.doc_field[doc]]
            role = self.role_of(doc)
            for qi, query_word in enumerate(words):
                for word in doc_words:
                    score = word_score(query_word, word)
                    if not score:
                        continue
                    matched.add(word)
                    target, key = (names[qi], doc) if field in NAME_FIELDS else (best[field][qi], role)
                    if score > target.get(key, 0.0):
                        target[key] = score
        texts = {field: [_disjoint(_levels_of(scores)) for scores in best[field]] for field in TEXT_FIELDS}
        return names, texts, matched

    def search(self, query: str, allowed: set[str] | None = None, limit: int | None = None,
               exhaustive: bool = False) -> list[Hit]:
        """Roles ranked by how well their names, then their texts, answer every word of the query.

        A role's score is its best field's score times a factor (0.8 to 1) for the share of the query found
        anywhere on its card. Roles fall into tiers of equal best-field score; tiers are visited from the
        highest, each role counted in its first, and the visit stops once a tier's score is below every result
        kept (it bounds the final scores of all that follow): exact, and quick when thousands of roles match,
        since a tier whose words all matched exactly needs no per-role work but picking its first titles.
        """
        words = list(dict.fromkeys(fold(query[:10_000]).split()))  # each word once, in order
        significant = ([w for w in words if w not in STOPWORDS] or words)[:MAX_WORDS]
        if not significant:
            return []
        names, texts, matched = (self._scan if exhaustive else self._best)(significant)
        count = len(significant)
        allowed_roles = None
        if allowed is not None:
            allowed_roles = {i for i, rid in enumerate(self.role_ids) if rid in allowed}
        tiers = self._name_tiers(names, count) + self._text_tiers(texts, count)
        tiers.sort(key=lambda t: (-t[0], t[1]))
        seen: set[int] = set()
        ranked: list[tuple] = []
        kept: list[float] = []  # the best `limit` final scores so far; kept[0] is the lowest of them
        docs: dict[int, int] = {}
        for score, field_code, make, exact in tiers:
            if score < MIN_SCORE or (limit and len(kept) >= limit and score < kept[0]):
                break  # this tier's score bounds every final score from here on
            roles, doc_of = make()
            roles -= seen
            if not roles:
                continue
            seen |= roles
            if allowed_roles is not None:
                roles &= allowed_roles
            if exact:  # every word found exactly: the factor is 1, all these roles end with this very score
                final = final_score(score, count, count)
                key = (lambda r: (self.sort_titles[r], self.role_ids[r]))
                chosen = heapq.nsmallest(limit, roles, key=key) if limit else roles
                scored = [(final, role) for role in chosen]
            else:
                covers = [self._cover(qi, names, texts) for qi in range(count)]
                scored = [(final_score(score, sum(c(role) for c in covers), count), role) for role in roles]
            for final, role in scored:
                if final < MIN_SCORE:
                    continue
                docs[role] = doc_of(role)
                ranked.append((-final, field_code, self.sort_titles[role], self.role_ids[role], role))
                if limit:
                    heapq.heappush(kept, final)
                    if len(kept) > limit:
                        heapq.heappop(kept)
        ranked = heapq.nsmallest(limit, ranked) if limit else sorted(ranked)
        hits = []
        for negative, field_code, _title, rid, role in ranked:
            doc = docs[role]
            if doc < 0:
                doc = self._best_text(role, field_code, matched)
            snippet, spans = _snippet(self.text_of(doc), matched)
            hits.append(Hit(rid, self.title_of(role), -negative, FIELD_ORDER[field_code], snippet, spans))
        return hits

    def _name_tiers(self, names: list[dict[int, float]], count: int) -> list[tuple]:
        """Tiers from the names: each role's best name (shortest field code, then first doc, on ties)."""
        best: dict[int, tuple[float, int, int, float]] = {}  # role -> (score, field code, doc, coverage)
        first_doc, doc_field, doc_len, right = self.first_doc, self.doc_field, self.doc_len, bisect.bisect_right
        for doc in set().union(*names):
            total = names[0].get(doc, 0.0) if count == 1 else sum(scores.get(doc, 0.0) for scores in names)
            coverage = total / count
            field_code = doc_field[doc]
            score = name_score(field_code, total, count, doc_len[doc])
            role = right(first_doc, doc) - 1
            current = best.get(role)
            if current is None or (score, -field_code, -doc) > (current[0], -current[1], -current[2]):
                best[role] = (score, field_code, doc, coverage)
        groups: dict[tuple[float, int, bool], dict[int, int]] = {}
        for role, (score, field_code, doc, coverage) in best.items():
            groups.setdefault((score, field_code, coverage == 1.0), {})[role] = doc
        return [(score, field_code, (lambda members=members: (set(members), members.__getitem__)), exact)
                for (score, field_code, exact), members in groups.items()]

    def _text_tiers(self, texts: dict[str, list[dict[float, set[int]]]], count: int) -> list[tuple]:
        """Tiers from the other texts: one per kind of text and combination of word levels (0: word absent)."""
        from itertools import product
        from math import prod

        tiers = []
        for field in TEXT_FIELDS:
            per_word = texts[field]
            if not any(per_word):
                continue
            field_code = FIELD_ORDER.index(field)
            present = [set().union(*levels.values()) if levels else set() for levels in per_word]
            choices = [sorted(levels, reverse=True) + [0.0] for levels in per_word]
            if prod(len(c) for c in choices) > MAX_COMBINATIONS:  # a long query: sum each role's levels
                totals: dict[int, float] = {}
                for levels in per_word:
                    for level, roles in levels.items():
                        for role in roles:
                            totals[role] = totals.get(role, 0.0) + level
                groups: dict[float, set[int]] = {}
                for role, total in totals.items():
                    groups.setdefault(total, set()).add(role)
                for total, roles in groups.items():
                    tiers.append((text_score(field, total, count), field_code,
                                  (lambda roles=roles: (set(roles), lambda role: -1)), total == count))
                continue
            for combination in product(*choices):
                if not any(combination):
                    continue
                exact = all(level == 1.0 for level in combination)

                def make(field=field, combination=combination, per_word=per_word, present=present):
                    sets = sorted((per_word[qi][level] for qi, level in enumerate(combination) if level),
                                  key=len)
                    roles = sets[0].intersection(*sets[1:])
                    for qi, level in enumerate(combination):
                        if not level:
                            roles -= present[qi]
                    return roles, (lambda role: -1)

                tiers.append((text_score(field, sum(combination), count), field_code, make, exact))
        return tiers

    def _cover(self, qi: int, names, texts):
        """role -> the best score of query word qi anywhere on the role's card (a function, for few roles)."""
        by_field = [sorted(texts[field][qi].items(), reverse=True) for field in TEXT_FIELDS]
        name_scores = names[qi]

        def cover_of(role: int) -> float:
            value = 0.0
            for levels in by_field:
                for level, roles in levels:
                    if level <= value:
                        break
                    if role in roles:
                        value = level
                        break
            if value < 1.0 and name_scores:
                for doc in range(self.first_doc[role], self.first_doc[role + 1]):
                    value = max(value, name_scores.get(doc, 0.0))
            return value

        return cover_of

    def _best_text(self, role: int, field_code: int, matched: set[str]) -> int:
        """The text of that kind, on that role's card, that holds the most matching words (for the snippet)."""
        best_doc, best_count = -1, -1
        for doc in range(self.first_doc[role], self.first_doc[role + 1]):
            if self.doc_field[doc] == field_code:
                found = len(set(fold(self.text_of(doc)).split()) & matched)
                if found > best_count:
                    best_doc, best_count = doc, found
        return best_doc


def search_index(kb: KnowledgeBase) -> SearchIndex:
    return kb.view("search", SearchIndex.build)


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
