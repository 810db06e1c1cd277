"""Full-text search: the roles whose names and texts answer a query, the role whose job *is* the query first.

A query that names a role (every name ``show`` understands, names.py) puts that role first. Then SQLite's FTS5
ranks the roles with ``bm25()``, names weighing far more than the summary, the summary more than the missions,
the missions more than the skills, and the glossary terms counting for the roles whose core they are. A query
word the base doesn't know is widened to the close words it does know (typos), and every word also matches as
a prefix, so that « réseau » finds « réseaux ».
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .text import fold

if TYPE_CHECKING:
    from .glossary import RoleTerm
    from .model import KnowledgeBase
    from .store import Base

COLUMNS = ("names", "summary", "missions", "skills", "core_terms", "terms")
FIELDS = ("title", "summary", "mission", "skill", "term", "term")  # the JSON field of a match in each column
WEIGHTS = (10.0, 4.0, 2.5, 1.5, 3.0, 0.3)
SEPARATOR = " ; "  # between the texts of one column (the names, the missions…)
STOPWORDS = frozenset("a au aux d de des du en et l la le les un une pour par sur dans ou avec".split())
MAX_WORDS = 20  # a query's first distinct words that count; beyond, a "query" is a pasted text, not a search
START, END = "\x02", "\x03"  # highlight marks


class Hit(NamedTuple):
    id: str
    title: str
    score: float
    field: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of the snippet that matched


def documents(kb: KnowledgeBase, role_terms: list[RoleTerm], name_rows: dict[str, list]) -> list[tuple]:
    """The searchable texts of every role, one row per role in the columns of COLUMNS (after its position)."""
    terms: dict[str, tuple[list[str], list[str]]] = {rid: ([], []) for rid in kb.roles}
    for link in role_terms:  # a role's core terms with their other names, its other terms as they are written
        term = kb.glossary[link.term]
        names = (term.term, *((term.expansion,) if term.expansion else ()), *(term.aliases if link.core else ()))
        terms[link.role][0 if link.core else 1].append(" ".join(names))
    rows = []
    for position, role in enumerate(kb.roles.values()):
        names = list(dict.fromkeys(r.name for r in name_rows[role.id] if r.field != "id"))
        names.append(role.id.replace("-", " "))
        skills = [kb.skills[ref.skill].label + (f" ({ref.detail})" if ref.detail else "")
                  for ref in role.skills.all() if ref.skill in kb.skills]
        core, other = terms[role.id]
        rows.append((position, SEPARATOR.join(names), role.summary, SEPARATOR.join(role.missions),
                     SEPARATOR.join(skills), SEPARATOR.join(core), SEPARATOR.join(other)))
    return rows


def _alternatives(base: Base, word: str) -> list[str]:
    """FTS5 expressions for one query word: itself, as a prefix, and the close words of the base (typos)."""
    from .names import _singular, word_matches

    options = [f'"{word}"']
    stem = _singular(word)
    if len(stem) >= 3:
        options.append(f'"{stem}"*')
    if len(word) >= 4 and not base.known_word(word):
        options += [f'"{v}"' for v in base.vocabulary() if word_matches(word, v)][:8]
    return options


def _match(parts: list[list[str]], operator: str) -> str:
    return f" {operator} ".join("(" + " OR ".join(options) + ")" for options in parts)


def _snippet_spans(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    out, spans, start = [], [], None
    for char in text:
        if char == START:
            start = sum(len(piece) for piece in out)
        elif char == END:
            if start is not None:
                spans.append((start, sum(len(piece) for piece in out)))
            start = None
        else:
            out.append(char)
    return "".join(out), tuple(spans)


def search(base: Base, query: str, allowed: set[str] | None = None, limit: int = 10) -> list[Hit]:
    """Roles ranked by how well they answer the query, best first, at most ``limit``."""
    from .names import Ambiguous, NotFound, resolve

    hits: list[Hit] = []
    try:
        found = resolve(query, base.role_names(), suggestions=False)
    except (Ambiguous, NotFound):
        found = None
    if found is not None and (allowed is None or found.id in allowed):
        field = {"rome": "alias", "name": "title"}.get(found.field, found.field)
        title = base.title(found.id)
        score = 100.0 if found.tier < 6 else 95.0  # the role the query names comes first, whatever the text says
        hits.append(Hit(found.id, title, score, field, found.name,
                        ((0, len(found.name)),) if fold(found.name) == fold(query) else ()))
    words = list(dict.fromkeys(w for w in fold(query[:10_000]).split()))
    significant = ([w for w in words if w not in STOPWORDS] or words)[:MAX_WORDS]
    if not significant or len(hits) >= limit:
        return hits[:limit]
    parts = [_alternatives(base, w) for w in significant]
    seen = {hit.id for hit in hits}
    groups = []
    if len(words) > 1:  # the words together, in this order, anywhere: the strongest sign
        groups.append(('"' + " ".join(words[:MAX_WORDS]).replace('"', "") + '"', 95.0))
    groups.append((_match(parts, "AND"), 90.0))
    if len(parts) > 1:
        groups.append((_match(parts, "OR"), 60.0))
    for expression, ceiling in groups:
        rows = base.full_text(expression, allowed, limit + len(seen), WEIGHTS)
        rows = [r for r in rows if r[0] not in seen]
        if not rows:
            continue
        best = rows[0][2] or -1.0
        floor = min((h.score for h in hits), default=100.0)
        for role_id, title, rank, columns in rows:
            if len(hits) >= limit:
                break
            seen.add(role_id)
            score = round(min(floor, ceiling * (rank / best if best else 1.0)), 1)
            column = next((i for i in range(len(COLUMNS)) if START in columns[i]), 0)
            text = columns[column]
            pieces = text.split(SEPARATOR)
            piece = next((p for p in pieces if START in p), text)
            field = FIELDS[column]
            if column == 0:
                index = pieces.index(piece) if piece in pieces else 0
                field = "title" if index == 0 else "id" if index == len(pieces) - 1 else \
                    "title_feminine" if index == 1 else "alias"
            snippet, spans = _snippet_spans(_window(piece))
            hits.append(Hit(role_id, title, max(score, 0.1), field, snippet, spans))
        if len(hits) >= limit:
            break
    return hits


def _window(text: str, width: int = 90) -> str:
    """A window of a highlighted text around its first match, cut at spaces, with « … » where it is cut."""
    plain_length = len(text.replace(START, "").replace(END, ""))
    if plain_length <= width:
        return text
    first = text.find(START)
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start
    count = 0
    while end < len(text) and count < width:
        if text[end] not in (START, END):
            count += 1
        end += 1
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start and space > text.find(END, first) else end
    closing = END if text.count(START, start, end) > text.count(END, start, end) else ""
    return ("…" if start else "") + text[start:end] + closing + ("…" if end < len(text) else "")
