"""The compiled base: a knowledge base as an SQLite database, and the one read path of every command.

``write()`` turns the records of a parsed, checked base into tables, in one transaction, with the facts derived
from them (placements and reporting lines, career moves, names, the full-text index) computed by the one
function that derives each. ``Base`` answers the commands' questions with SQL over those tables, whether the
database was just built (in a file or in memory) or read back from the cache: a cold run and a warm run
execute the same queries. Tables and columns are named as the domain is, so that the ``sqlite3`` shell or
Datasette open a compiled base as it is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from .model import (
    Advice,
    Family,
    KnowledgeBase,
    Role,
    Skill,
    SkillRef,
    Skills,
    Source,
    Structure,
    Term,
    node_from_plain,
    plain,
)

SCHEMA_VERSION = 13  # PRAGMA user_version: any other value means rebuild, never migrate
ROLE_JSON = ("aliases", "missions", "distinctions", "works_with", "comes_from", "evolves_to", "channels",
             "aptitudes", "salary", "experience", "education", "recruiters", "rome", "rome_related", "terms",
             "sources", "editorial")
ROLE_TEXT = ("id", "title", "title_feminine", "family", "level", "summary", "marketing", "riasec")
TERM_JSON = ("aliases", "roles", "core_roles", "title_of", "related", "sources")
ROLE_FIELDS = Role._fields
ROLE_RECORDS = ("distinctions", "salary", "experience")  # the JSON columns that hold records, not lists of texts

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    publisher TEXT NOT NULL, date TEXT, kind TEXT, note TEXT, url TEXT);
CREATE TABLE families (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    description TEXT);
CREATE TABLE rome (code TEXT PRIMARY KEY, label TEXT NOT NULL, note TEXT);
CREATE TABLE skills (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    kind TEXT NOT NULL, rome TEXT, esco TEXT, description TEXT);
CREATE TABLE roles (position INTEGER PRIMARY KEY, {", ".join(f"{c} TEXT" for c in ROLE_TEXT)},
    {", ".join(f"{c} JSON" for c in ROLE_JSON)},
    title_plain INTEGER NOT NULL); -- derived: the title shows as written (cells.shown_as_written)
CREATE TABLE role_skills (role TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL,
    skill TEXT NOT NULL, detail TEXT, level TEXT);
CREATE TABLE structures (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    description TEXT, sources JSON, chart JSON);
CREATE TABLE terms (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, term TEXT NOT NULL,
    definition TEXT NOT NULL, expansion TEXT, note TEXT, {", ".join(f"{c} JSON" for c in TERM_JSON)});
CREATE TABLE advice (position INTEGER PRIMARY KEY, id TEXT NOT NULL, text TEXT NOT NULL, likes JSON,
    avoids JSON, sources JSON);
-- derived facts (orgchart.py, paths.py, glossary.py, names.py, search.py derive them)
CREATE TABLE placements (position INTEGER PRIMARY KEY, role TEXT NOT NULL, structure TEXT NOT NULL,
    above JSON, grp TEXT, path JSON);
CREATE TABLE reporting_lines (position INTEGER PRIMARY KEY, structure TEXT NOT NULL, manager TEXT NOT NULL,
    report TEXT NOT NULL, alternative INTEGER NOT NULL, condition TEXT, note TEXT, sources JSON,
    editorial INTEGER NOT NULL);
CREATE TABLE covered_roles (position INTEGER PRIMARY KEY, structure TEXT NOT NULL, holder TEXT NOT NULL,
    covered TEXT NOT NULL);
CREATE TABLE career_moves (position INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL,
    kind TEXT NOT NULL, via TEXT NOT NULL, field TEXT NOT NULL, basis TEXT NOT NULL, sources JSON);
CREATE TABLE role_terms (position INTEGER PRIMARY KEY, role TEXT NOT NULL, term TEXT NOT NULL,
    core INTEGER NOT NULL);
CREATE TABLE role_names (position INTEGER PRIMARY KEY, role TEXT NOT NULL, tier INTEGER NOT NULL,
    field TEXT NOT NULL, name TEXT NOT NULL, exact TEXT NOT NULL, key TEXT NOT NULL, words TEXT NOT NULL);
CREATE TABLE role_name_words (word TEXT NOT NULL, name INTEGER NOT NULL);
CREATE TABLE role_name_meaning (name INTEGER PRIMARY KEY, words INTEGER NOT NULL);
CREATE TABLE name_vocabulary (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE role_text USING fts5 (names, summary, missions, skills, core_terms, terms,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE role_text_words USING fts5vocab (role_text, 'row');
"""
INDEXES = """
CREATE UNIQUE INDEX roles_id ON roles (id);
CREATE INDEX roles_summary ON roles (position, id, title, family, level);
CREATE INDEX roles_by_family ON roles (family, position, id, title, level, title_plain);
CREATE INDEX role_skills_role ON role_skills (role);
CREATE INDEX placements_role ON placements (role);
CREATE INDEX placements_structure ON placements (structure);
CREATE INDEX reporting_lines_manager ON reporting_lines (manager);
CREATE INDEX reporting_lines_report ON reporting_lines (report);
CREATE INDEX covered_roles_covered ON covered_roles (covered);
CREATE INDEX role_terms_role ON role_terms (role);
CREATE INDEX role_names_exact ON role_names (exact);
CREATE INDEX role_names_key ON role_names (key);
CREATE INDEX role_names_role ON role_names (role);
CREATE INDEX role_name_words_word ON role_name_words (word);
"""  # created once the rows are in: faster than keeping them up to date row by row


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_QUOTED = json.encoder.encode_basestring  # json's own string encoder, as _ENCODE uses it (C, no ASCII escapes)


def _texts_json(value: tuple[str, ...]) -> str:
    """A list of texts in JSON, exactly as _ENCODE writes it, without the encoder _ENCODE builds at each call
    (hundreds of thousands of lists on a large base)."""
    return "[" + ",".join(map(_QUOTED, value)) + "]"


def _json(value) -> str | None:
    if value is None:
        return None
    if value.__class__ is tuple and all(item.__class__ is str for item in value):
        return _texts_json(value)  # most fields: a list of texts, written as is
    return _ENCODE(plain(value))


def write(db: sqlite3.Connection, kb: KnowledgeBase, meta: dict[str, str]) -> None:
    """Every table of a compiled base from a checked knowledge base, in one transaction."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # millions of small rows and no cycles: collecting while writing is pure overhead
    try:
        _write(db, kb, meta)
    finally:
        if enabled:
            gc.enable()


def _write(db: sqlite3.Connection, kb: KnowledgeBase, meta: dict[str, str]) -> None:
    from . import glossary, names, orgchart, paths, search
    from .cells import shown_as_written

    structures = list(kb.structures.values())
    lines = orgchart.reporting_lines(structures)
    role_terms = glossary.role_terms(kb)
    name_rows = names.all_role_rows(kb)
    with db:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       ((i, *s) for i, s in enumerate(kb.sources.values())))
        db.executemany("INSERT INTO families VALUES (?, ?, ?, ?)", ((i, *f) for i, f in enumerate(kb.families.values())))
        db.executemany("INSERT INTO rome VALUES (?, ?, ?)", ((code, *entry) for code, entry in kb.rome.items()))
        db.executemany("INSERT INTO skills VALUES (?, ?, ?, ?, ?, ?, ?)",
                       ((i, *s) for i, s in enumerate(kb.skills.values())))
        texts = [ROLE_FIELDS.index(c) for c in ROLE_TEXT]
        lists = [(ROLE_FIELDS.index(c), c in ROLE_RECORDS) for c in ROLE_JSON]
        db.executemany(f"INSERT INTO roles VALUES (?, {', '.join('?' * (len(ROLE_TEXT) + len(ROLE_JSON)))}, ?)",
                       ((i, *(r[t] for t in texts), *((_json(r[j]) if records else _texts_json(r[j]))
                                                       for j, records in lists), shown_as_written(r.title))
                        for i, r in enumerate(kb.roles.values())))
        db.executemany("INSERT INTO role_skills VALUES (?, ?, ?, ?, ?, ?)",
                       ((r.id, kind, i, *ref) for r in kb.roles.values()
                        for kind in ("savoir_faire", "savoir_etre") for i, ref in enumerate(getattr(r.skills, kind))))
        db.executemany("INSERT INTO structures VALUES (?, ?, ?, ?, ?, ?)",
                       ((i, s.id, s.name, s.description, _json(s.sources), _json(s.chart))
                        for i, s in enumerate(structures)))
        db.executemany(f"INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, {', '.join('?' * len(TERM_JSON))})",
                       ((i, t.id, t.term, t.definition, t.expansion, t.note, *(_json(getattr(t, c)) for c in TERM_JSON))
                        for i, t in enumerate(kb.glossary.values())))
        db.executemany("INSERT INTO advice VALUES (?, ?, ?, ?, ?, ?)",
                       ((i, a.id, a.text, _json(a.likes), _json(a.avoids), _json(a.sources))
                        for i, a in enumerate(kb.advice)))
        db.executemany("INSERT INTO placements (role, structure, above, grp, path) VALUES (?, ?, ?, ?, ?)",
                       ((p.role, p.structure, _json(p.above), p.group, _json(p.path))
                        for p in orgchart.placements(structures)))
        db.executemany("INSERT INTO reporting_lines (structure, manager, report, alternative, condition, note, "
                       "sources, editorial) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       ((*line[:6], _json(line.sources), line.editorial) for line in lines))
        db.executemany("INSERT INTO covered_roles (structure, holder, covered) VALUES (?, ?, ?)",
                       orgchart.covered(structures))
        db.executemany("INSERT INTO career_moves (source, target, kind, via, field, basis, sources) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       ((*m[:6], _json(m.sources)) for m in paths.career_moves(kb, lines)))
        db.executemany("INSERT INTO role_terms (role, term, core) VALUES (?, ?, ?)", role_terms)
        rows = [r for role_rows in name_rows.values() for r in role_rows]
        db.executemany("INSERT INTO role_names VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ((i, *r) for i, r in enumerate(rows)))
        meaning = [set(names.name_meaning(r.words.split())) for r in rows]  # the words that say which job
        db.executemany("INSERT INTO role_name_words VALUES (?, ?)", ((w, i) for i, ws in enumerate(meaning) for w in ws))
        db.executemany("INSERT INTO role_name_meaning VALUES (?, ?)", enumerate(map(len, meaning)))
        db.executemany("INSERT INTO name_vocabulary VALUES (?)", ((w,) for w in set().union(*meaning)))
        db.executemany("INSERT INTO role_text (rowid, names, summary, missions, skills, core_terms, terms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", search.documents(kb, role_terms, name_rows))
        for statement in INDEXES.strip().split(";\n"):
            db.execute(statement.rstrip(";"))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


_EACH = "(SELECT value FROM json_each(?))"  # the ids of _each(), one parameter whatever their number


def _each(ids: Iterable[str]) -> str:
    """Ids as one SQL parameter, a JSON list read by _EACH: SQLite takes only so many parameters."""
    return json.dumps(sorted(ids))


def _load(value):
    return json.loads(value) if value is not None else None


def _tuple(value) -> tuple:
    return tuple(json.loads(value)) if value else ()


class RoleListing:
    """The roles of a list, family by family, read as its layout needs them: first each family's size, longest
    title and widest « id · level », from one pass of SQLite over the roles_by_family index; then either each
    family's rows, or, when every title shows as written (cells.shown_as_written), the lines themselves, written
    by SQLite: a list of thousands of roles then makes no Python object a role.

    ``labels`` says how each level is written; a level it doesn't name is written as it is."""

    def __init__(self, base: Base, labels: dict[str, str], allowed: set[str] | None):
        self.db, self.labels = base.db, labels
        self._label = "CASE level " + "WHEN ? THEN ? " * len(labels) + "ELSE level END"
        self._label_args = tuple(text for pair in labels.items() for text in pair)
        self._restrict, self._allowed = ("", ()) if allowed is None else (f"AND id IN {_EACH}", (_each(allowed),))
        widths = "CASE level " + "WHEN ? THEN ? " * len(labels) + "ELSE length(level) END"
        found = {row[0]: row for row in self.db.execute(
            f"SELECT family, count(*), max(length(title)), max(length(id) + 3 + {widths}), min(title_plain) "
            f"FROM roles WHERE true {self._restrict} GROUP BY family",
            (*(item for level, label in labels.items() for item in (level, len(label))), *self._allowed))}
        # (family id, number of roles, longest title, widest « id · level », every title shown as written)
        self.families = [(fid, found[fid][1], found[fid][2], found[fid][3], bool(found[fid][4]))
                         for fid in base.families() if fid in found]

    def members(self, family: str) -> list[tuple[str, str, str]]:
        """(id, title, level) of the family's roles, in base order."""
        return self.db.execute(f"SELECT id, title, level FROM roles WHERE family = ? {self._restrict} "
                               "ORDER BY position", (family, *self._allowed)).fetchall()

    def lines(self, family: str, line: str, column: int) -> str:
        """The family's roles, in base order, each written by SQLite's printf() with ``line``, whose « %-!*s »
        pads the title to ``column`` characters and whose two « %s » take the id and the level as written:
        for titles shown as written (one cell a character, so that characters are cells). The lines are joined
        in the order of the subquery, which SQLite hands to group_concat() row by row (tests/test_reading.py
        holds them to the rows laid out one by one)."""
        return self.db.execute(
            f"SELECT group_concat(line, '') FROM (SELECT printf(?, ?, title, id, {self._label}) AS line "
            f"FROM roles WHERE family = ? {self._restrict} ORDER BY position)",
            (line, column, *self._label_args, family, *self._allowed)).fetchone()[0] or ""


class RoleNames:
    """names.Names over the role_names table: what the resolver reads, without loading every name."""

    def __init__(self, base: Base):
        self.db = base.db
        self.base = base
        self._vocabulary: list[str] | None = None

    @staticmethod
    def _rows(cursor) -> list:
        from .names import NameRow

        return [NameRow(*row) for row in cursor]

    def has_id(self, item: str) -> bool:
        return self.base.has_role(item)

    def exact(self, key: str) -> list:
        return self._rows(self.db.execute("SELECT role, tier, field, name, exact, key, words FROM role_names "
                                          "WHERE exact = ? ORDER BY position", (key,)))

    def normalised(self, key: str) -> list:
        return self._rows(self.db.execute("SELECT role, tier, field, name, exact, key, words FROM role_names "
                                          "WHERE key = ? ORDER BY position", (key,)))

    def vocabulary(self) -> list[str]:
        if self._vocabulary is None:
            self._vocabulary = [w for (w,) in self.db.execute("SELECT word FROM name_vocabulary")]
        return self._vocabulary

    def known(self, words: set[str]) -> set[str]:
        """Those of ``words`` that are words of the names."""
        marks = ", ".join("?" * len(words))
        return {w for (w,) in self.db.execute(f"SELECT word FROM name_vocabulary WHERE word IN ({marks})",
                                              sorted(words))}

    def within(self, words: set[str]) -> list:
        """The names whose every meaning word is one of ``words`` (and that have at least one)."""
        marks = ", ".join("?" * len(words))
        return self._rows(self.db.execute(
            "SELECT n.role, n.tier, n.field, n.name, n.exact, n.key, n.words FROM role_names n JOIN "
            f"(SELECT name, COUNT(*) AS hits FROM role_name_words WHERE word IN ({marks}) GROUP BY name) h "
            "ON h.name = n.position JOIN role_name_meaning m ON m.name = n.position WHERE h.hits = m.words "
            "ORDER BY n.position", sorted(words)))

    def of_items(self, items: set[str], words: set[str]) -> list:
        """The names of these items that hold one of ``words``."""
        items_marks, words_marks = ", ".join("?" * len(items)), ", ".join("?" * len(words))
        return self._rows(self.db.execute(
            f"SELECT role, tier, field, name, exact, key, words FROM role_names WHERE role IN ({items_marks}) "
            f"AND position IN (SELECT name FROM role_name_words WHERE word IN ({words_marks})) ORDER BY position",
            [*sorted(items), *sorted(words)]))

    def having(self, words: set[str]) -> list:
        marks = ", ".join("?" * len(words))
        return self._rows(self.db.execute(
            "SELECT role, tier, field, name, exact, key, words FROM role_names WHERE position IN "
            f"(SELECT name FROM role_name_words WHERE word IN ({marks})) ORDER BY position", sorted(words)))

    def titles(self) -> list:
        from .names import term_rows

        return [(r, term.title_of) for term in self.base.terms() if len(term.title_of) > 1
                for r in term_rows(term) if r.tier == 2]


class Base:
    """The read API of a compiled base: every command asks its questions here."""

    def __init__(self, db: sqlite3.Connection, path: str, origin: str):
        self.db = db
        self.path = path  # the YAML file it was compiled from, as the user named it
        self.origin = origin  # where the database lives: a file's path, or ":memory:"
        self._memo: dict = {}

    def _once(self, name: str, build):
        if name not in self._memo:
            self._memo[name] = build()
        return self._memo[name]

    # -- small tables, read whole once
    def sources(self) -> dict[str, Source]:
        return self._once("sources", lambda: {row[0]: Source(*row) for row in self.db.execute(
            "SELECT id, title, publisher, date, kind, note, url FROM sources ORDER BY position")})

    def families(self) -> dict[str, Family]:
        return self._once("families", lambda: {row[0]: Family(*row) for row in self.db.execute(
            "SELECT id, label, description FROM families ORDER BY position")})

    def family_label(self, family_id: str) -> str:
        family = self.families().get(family_id)
        return family.label if family else family_id

    def rome(self, codes: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        codes = list(codes)
        marks = ", ".join("?" * len(codes))
        return {code: (label, note) for code, label, note in self.db.execute(
            f"SELECT code, label, note FROM rome WHERE code IN ({marks})", codes)}

    def skills(self, ids: Iterable[str] | None = None) -> dict[str, Skill]:
        if ids is None:
            return self._once("skills", lambda: {row[0]: Skill(*row) for row in self.db.execute(
                "SELECT id, label, kind, rome, esco, description FROM skills ORDER BY position")})
        ids = list(ids)
        return {row[0]: Skill(*row) for row in self.db.execute(
            "SELECT id, label, kind, rome, esco, description FROM skills WHERE id IN "
            f"({', '.join('?' * len(ids))}) ORDER BY position", ids)}

    def advice(self) -> list[Advice]:
        return [Advice(aid, text, _tuple(likes), _tuple(avoids), _tuple(sources)) for aid, text, likes, avoids, sources
                in self.db.execute("SELECT id, text, likes, avoids, sources FROM advice ORDER BY position")]

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("roles", "structures", "terms", "sources", "skills")}

    # -- roles
    def has_role(self, role_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM roles WHERE id = ?", (role_id,)).fetchone() is not None

    def role_ids(self) -> list[str]:
        return [rid for (rid,) in self.db.execute("SELECT id FROM roles ORDER BY position")]

    def summaries(self, ids: Iterable[str] | None = None) -> list[tuple[str, str, str, str]]:
        """(id, title, family, level) of the roles, in base order."""
        sql = "SELECT id, title, family, level FROM roles"
        if ids is None:
            return list(self.db.execute(sql + " ORDER BY position"))
        ids = list(ids)
        return list(self.db.execute(sql + f" WHERE id IN ({', '.join('?' * len(ids))}) ORDER BY position", ids))

    def listing(self, labels: dict[str, str], allowed: set[str] | None = None) -> RoleListing:
        """The roles of ``allowed`` (every role when None), family by family, as a list lays them out."""
        return RoleListing(self, labels, allowed)

    def ids_starting(self, prefix: str, limit: int) -> list[tuple[str, str]]:
        """(id, title) of the roles whose id starts with ``prefix``, in base order (through the id index)."""
        return list(self.db.execute(
            "SELECT id, title FROM (SELECT id, title, position FROM roles WHERE id >= ? AND id < ? LIMIT ?) "
            "ORDER BY position", (prefix, prefix + "\U0010ffff", limit)))

    def title(self, role_id: str) -> str:
        return self.titles([role_id]).get(role_id, role_id)

    def titles(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        out: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            out.update(self.db.execute(f"SELECT id, title FROM roles WHERE id IN ({', '.join('?' * len(chunk))})",
                                       chunk))
        return out

    def feminine_titles(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        return dict(self.db.execute(f"SELECT id, title_feminine FROM roles WHERE id IN ({', '.join('?' * len(ids))})",
                                    ids))

    def role(self, role_id: str) -> Role | None:
        roles = self.roles([role_id])
        return roles[0] if roles else None

    def roles(self, ids: Iterable[str] | None = None) -> list[Role]:
        """Full role records, in base order (every role when ``ids`` is None)."""
        columns = ", ".join((*ROLE_TEXT, *ROLE_JSON))
        if ids is None:
            rows = list(self.db.execute(f"SELECT {columns} FROM roles ORDER BY position"))
            refs = self.db.execute("SELECT role, kind, skill, detail, level FROM role_skills ORDER BY role, kind, "
                                   "position")
        else:
            ids = list(dict.fromkeys(ids))
            marks = ", ".join("?" * len(ids))
            rows = list(self.db.execute(f"SELECT {columns} FROM roles WHERE id IN ({marks}) ORDER BY position", ids))
            refs = self.db.execute("SELECT role, kind, skill, detail, level FROM role_skills WHERE role IN "
                                   f"({marks}) ORDER BY role, kind, position", ids)
        skills: dict[str, dict[str, list[SkillRef]]] = {}
        for role_id, kind, skill, detail, level in refs:
            skills.setdefault(role_id, {"savoir_faire": [], "savoir_etre": []})[kind].append(
                SkillRef(skill, detail, level))
        return [self._role(row, skills.get(row[0], {})) for row in rows]

    @staticmethod
    def _role(row, skills: dict[str, list[SkillRef]]) -> Role:
        from .model import Distinction, Experience, Salary

        text = dict(zip(ROLE_TEXT, row))
        data = {name: _load(value) for name, value in zip(ROLE_JSON, row[len(ROLE_TEXT):])}
        for name in ROLE_JSON:
            if isinstance(data[name], list):
                data[name] = tuple(data[name])
        data["distinctions"] = tuple(Distinction(**d) for d in data["distinctions"] or ())
        data["salary"] = Salary(**data["salary"]) if data["salary"] else None
        data["experience"] = Experience(**data["experience"]) if data["experience"] else None
        return Role(**text, **data, skills=Skills(tuple(skills.get("savoir_faire", ())),
                                                  tuple(skills.get("savoir_etre", ()))))

    def role_names(self) -> RoleNames:
        return self._once("role_names", lambda: RoleNames(self))

    # -- structures and reporting lines
    def structures(self) -> list[tuple[str, str]]:
        return self._once("structures", lambda: list(self.db.execute(
            "SELECT id, name FROM structures ORDER BY position")))

    def structure_name(self, structure_id: str) -> str:
        return dict(self.structures()).get(structure_id, structure_id)

    def structure(self, structure_id: str) -> Structure | None:
        row = self.db.execute("SELECT id, name, description, sources, chart FROM structures WHERE id = ?",
                              (structure_id,)).fetchone()
        if row is None:
            return None
        return Structure(row[0], row[1], row[2] or "", tuple(node_from_plain(n) for n in json.loads(row[4])),
                         _tuple(row[3]))

    def structure_sources(self, structure_id: str) -> tuple[str, ...]:
        row = self.db.execute("SELECT sources FROM structures WHERE id = ?", (structure_id,)).fetchone()
        return _tuple(row[0]) if row else ()

    def placements(self, role: str | None = None, structure: str | None = None) -> list:
        from .orgchart import Placement

        where, args = _where(role=role, structure=structure)
        return [Placement(r, s, _tuple(above), group, _tuple(path)) for r, s, above, group, path in self.db.execute(
            f"SELECT role, structure, above, grp, path FROM placements {where} ORDER BY position", args)]

    def placement(self, role: str, structure: str):
        found = self.placements(role=role, structure=structure)
        return found[0] if found else None

    def roles_in(self, structure: str) -> set[str]:
        return {r for (r,) in self.db.execute("SELECT role FROM placements WHERE structure = ?", (structure,))}

    def lines(self, manager: str | None = None, report: str | None = None, structure: str | None = None) -> list:
        from .orgchart import Line

        where, args = _where(manager=manager, report=report, structure=structure)
        return [Line(s, m, r, bool(alt), cond, note, _tuple(sources), bool(ed)) for s, m, r, alt, cond, note, sources, ed
                in self.db.execute("SELECT structure, manager, report, alternative, condition, note, sources, "
                                   f"editorial FROM reporting_lines {where} ORDER BY position", args)]

    def covered_by(self, role: str) -> list[tuple[str, str]]:
        """(structure, holder) where another role also takes on this one."""
        return list(self.db.execute("SELECT structure, holder FROM covered_roles WHERE covered = ? ORDER BY position",
                                    (role,)))

    def moves(self) -> list:
        from .paths import Move

        return [Move(*row[:6], _tuple(row[6])) for row in self.db.execute(
            "SELECT source, target, kind, via, field, basis, sources FROM career_moves ORDER BY position")]

    # -- glossary
    def _terms(self, where: str = "", args: tuple = ()) -> list[Term]:
        return [Term(tid, term, definition, expansion, *(_tuple(v) for v in lists), note=note)
                for tid, term, definition, expansion, note, *lists in self.db.execute(
                    f"SELECT id, term, definition, expansion, note, {', '.join(TERM_JSON)} FROM terms {where} "
                    "ORDER BY position", args)]

    def terms(self) -> list[Term]:
        return self._once("terms", self._terms)

    def term(self, term_id: str) -> Term | None:
        found = self._terms("WHERE id = ?", (term_id,))
        return found[0] if found else None

    def terms_of(self, role: str) -> list[tuple[Term, bool]]:
        """The glossary terms a role involves, with whether the term is core to it."""
        core = dict(self.db.execute("SELECT term, core FROM role_terms WHERE role = ? ORDER BY position", (role,)))
        if not core:
            return []
        terms = {t.id: t for t in self._terms(f"WHERE id IN ({', '.join('?' * len(core))})", tuple(core))}
        return [(terms[t], bool(c)) for t, c in core.items() if t in terms]

    # -- full text
    def known_word(self, word: str) -> bool:
        return self.db.execute("SELECT 1 FROM role_text_words WHERE term = ?", (word,)).fetchone() is not None

    def vocabulary(self) -> list[str]:
        return self._once("vocabulary", lambda: [w for (w,) in self.db.execute("SELECT term FROM role_text_words")])

    def full_text(self, expression: str, allowed: set[str] | None, limit: int, weights) -> list:
        """(id, title, rank, highlighted columns) of the roles matching an FTS5 expression, best first.

        FTS5 ranks the matching rows on its own (a row's rowid is its role's position) and only the kept ones
        are joined to their roles: joining every match first, to sort by position, read thousands of role
        records from disk for ten (half of a search of 30,000 roles)."""
        from .search import COLUMNS, END, START

        highlights = ", ".join(f"highlight(role_text, {i}, '{START}', '{END}')" for i in range(len(COLUMNS)))
        args: list = [expression]
        restrict = ""
        if allowed is not None:
            # « +rowid »: a filter on the rows FTS5 found; a bare rowid would be handed to FTS5 as a lookup, the
            # whole MATCH run again for each role kept (14 s for a family of a 30,000-role base)
            restrict = f"AND +rowid IN (SELECT position FROM roles WHERE id IN {_EACH})"
            args.append(_each(allowed))
        sql = (f"SELECT rowid, -bm25(role_text, {', '.join(map(str, weights))}) AS score, {highlights} "
               f"FROM role_text WHERE role_text MATCH ? {restrict} ORDER BY score DESC, rowid LIMIT ?")
        try:
            rows = self.db.execute(sql, [*args, limit]).fetchall()
        except sqlite3.OperationalError:
            return []  # an expression FTS5 refuses is a query nothing matches
        positions = [row[0] for row in rows]
        roles = {position: (role_id, title) for position, role_id, title in self.db.execute(
            f"SELECT position, id, title FROM roles WHERE position IN ({', '.join('?' * len(positions))})",
            positions)}
        return [(*roles[row[0]], row[1], row[2:]) for row in rows]


def _where(**filters) -> tuple[str, tuple]:
    given = [(name, value) for name, value in filters.items() if value is not None]
    if not given:
        return "", ()
    return "WHERE " + " AND ".join(f"{name} = ?" for name, _v in given), tuple(v for _n, v in given)
