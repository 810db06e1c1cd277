"""Reading a knowledge base: YAML file -> model records, with a ``file:line`` for every problem.

The items of the base (sources, skills, roles, structures, terms…) are built one by one as the YAML parser
hands them over (yamltree.py); structural problems (a missing field, a wrong type, an unknown value) are noted
with their line on the way, then check.py looks at the base as a whole (references, names, charts).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import KnowledgeBaseError, Problem, reason
from .location import default_path, resolve_path  # noqa: F401  (re-exported)
from .model import (
    APTITUDES,
    CHANNELS,
    LEVELS,
    MARKETING,
    SKILL_KINDS,
    SKILL_LEVELS,
    Advice,
    ChartNode,
    Distinction,
    Experience,
    Family,
    KnowledgeBase,
    Role,
    Salary,
    Skill,
    SkillRef,
    Skills,
    Source,
    Structure,
    Term,
)
from .yamltree import Map, Seq, YamlError, new_map, parse

MAX_BYTES = 200 * 1024 * 1024  # far above a 30,000-role base (about 75 MB); larger files are refused unread
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FORMAT_VERSIONS = (1, 2)
LATEST = 2
TOP_LEVEL = ("version", "sources", "families", "rome", "skills", "roles", "structures", "glossary", "advice")
ROLE_FIELDS = set(Role._fields)
NODE_FIELDS = ("role", "label", "covers", "note", "children", "sources", "editorial", "alternative", "condition")
LISTS = {  # top-level key -> the kind of its items, in the order they are built
    "sources": "source", "families": "family", "skills": "skill", "roles": "role", "structures": "structure",
    "glossary": "term", "advice": "advice",
}


# --- reading -------------------------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a KnowledgeBaseError saying plainly why it can't be read."""
    shown = str(path)

    def fail(message: str) -> KnowledgeBaseError:
        return KnowledgeBaseError([Problem(shown, None, message)])

    try:
        if path.is_dir():
            raise fail("c'est un dossier, pas un fichier YAML")
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail("fichier introuvable") from None
    except PermissionError:
        raise fail("lecture refusée (permissions)") from None
    except OSError as exc:
        raise fail(f"lecture impossible ({reason(exc)})") from None
    if len(data) > MAX_BYTES:
        raise fail(f"fichier trop gros (plus de {MAX_BYTES // (1024 * 1024)} Mo)")
    return data


def decode(data: bytes, shown: str) -> str:
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise KnowledgeBaseError([Problem(shown, line, "fichier binaire (octet nul), pas du YAML")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KnowledgeBaseError([Problem(shown, line, "texte non UTF-8 (enregistrez le fichier en UTF-8)")]) from None


# --- building the model --------------------------------------------------------------------------------------


class Locations:
    """Where each item and field was written, for the messages of the checks.

    The checks ask for places as tokens (``line``, ``item_line``…, cheap tuples); a token becomes a line number
    only through ``resolve``, which needs the parsed mapping of each item — kept only when ``full``. A valid base
    is thus read without holding its parsed tree; a base with problems is parsed a second time, in full, to tell
    their lines (kb.load_text).
    """

    def __init__(self, full: bool = False):
        self.full = full
        self.maps: dict[tuple[str, str], Map] = {}  # (kind, id) -> the item as parsed (full only)
        self.declared: dict[str, set[str]] = {}  # kind -> every id written, valid or not
        self.chart_nodes: dict[str, list[Map]] = {}  # structure id -> its role nodes, in chart order (full only)

    # tokens
    @staticmethod
    def line(kind: str, item_id: str, field_name: str | None = None) -> tuple:
        return ("line", kind, item_id, field_name)

    @staticmethod
    def item_line(kind: str, item_id: str, field_name: str, index: int) -> tuple:
        """The index-th valid item of a list field (invalid items, already reported, are skipped)."""
        return ("item", kind, item_id, field_name, index)

    @staticmethod
    def skill_line(role_id: str, kind: str, index: int) -> tuple:
        return ("skill", role_id, kind, index)

    @staticmethod
    def node_line(structure_id: str, index: int, field_name: str | None = None) -> tuple:
        """The index-th role node of a chart (in the order it is written)."""
        return ("node", structure_id, index, field_name)

    # lines
    def resolve(self, token) -> int | None:
        if token is None or isinstance(token, int):
            return token
        what, *where = token
        return getattr(self, f"_{what}")(*where)

    def _line(self, kind: str, item_id: str, field_name: str | None) -> int | None:
        m = self.maps.get((kind, item_id))
        if m is None:
            return None
        return m.key_lines.get(field_name, m.line) if field_name else m.line

    def _item(self, kind: str, item_id: str, field_name: str, index: int) -> int | None:
        m = self.maps.get((kind, item_id))
        value = m.get(field_name) if m is not None else None
        if isinstance(value, Seq):
            valid = [line for item, line in zip(value, value.item_lines)
                     if isinstance(item, Map) or (isinstance(item, (str, int, float)) and str(item).strip())]
            if index < len(valid):
                return valid[index]
        return self._line(kind, item_id, field_name)

    def _skill(self, role_id: str, kind: str, index: int) -> int | None:
        m = self.maps.get(("role", role_id))
        skills = m.get("skills") if m is not None else None
        if isinstance(skills, Map) and isinstance(skills.get(kind), Seq):
            lines = skills[kind].item_lines
            if index < len(lines):
                return lines[index]
        return self._line("role", role_id, "skills")

    def _node(self, structure_id: str, index: int, field_name: str | None) -> int | None:
        nodes = self.chart_nodes.get(structure_id, [])
        if index >= len(nodes):
            return self._line("structure", structure_id, "chart")
        node = nodes[index]
        return node.key_lines.get(field_name, node.line) if field_name else node.line


class _Builder:
    """Turns parsed items into model records, noting every structural problem instead of stopping."""

    def __init__(self, shown: str, full: bool = False):
        self.shown = shown
        self.problems: list[Problem] = []
        self.locations = Locations(full)
        self.tables: dict[str, dict] = {key: {} for key in LISTS}
        self.seen: dict[str, dict[str, int]] = {key: {} for key in LISTS}
        self.rome_items: list = []  # the items of the ROME table, read at the end
        self.v2_uses: list[tuple[int | None, str]] = []  # features of format 2, refused in a version 1 base
        self.readers = {"sources": self.source, "families": self.family, "skills": self.skill, "roles": self.role,
                        "structures": self.structure, "glossary": self.term, "advice": self.advice}

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    # typed field readers; ``where`` names the item in messages
    def text(self, m: Map, key: str, where: str, required: bool = False) -> str | None:
        value = m.get(key)
        if value is None:
            if required:
                self.problem(m.line, f"{where} : champ « {key} » manquant")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float, _dt.date)):
            self.problem(m.key_lines.get(key, m.line), f"{where} : « {key} » doit être un texte")
            return None
        value = value.isoformat() if isinstance(value, _dt.date) else str(value)
        if not value.strip():
            if required:
                self.problem(m.key_lines.get(key, m.line), f"{where} : « {key} » est vide")
            return None
        return " ".join(value.split()) if "\n" in value else value.strip()

    def flag(self, m: Map, key: str, where: str) -> bool:
        value = m.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(m.key_lines.get(key, m.line), f"{where} : « {key} » vaut true ou false")
            return False
        return value

    def sequence(self, m: Map, key: str, where: str) -> Seq | None:
        value = m.get(key)
        if value is None:
            return None
        line = m.key_lines.get(key, m.line)
        if not isinstance(value, list):
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                single = Seq([value])  # a list of one item may be written as the item alone
                single.line, single.item_lines = line, [line]
                return single
            self.problem(line, f"{where} : « {key} » doit être une liste")
            return None
        return value

    def texts(self, m: Map, key: str, where: str) -> tuple[str, ...]:
        value = self.sequence(m, key, where)
        if value is None:
            return ()
        out = []
        for index, item in enumerate(value):
            if item.__class__ is str and (words := item.split()):  # nearly every item: a text, its spaces tidied
                out.append(" ".join(words))
            elif isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(value.item_lines[index], f"{where} : « {key} » ne doit contenir que des textes")
            elif not str(item).strip():
                self.problem(value.item_lines[index], f"{where} : élément vide dans « {key} »")
            else:
                out.append(" ".join(str(item).split()))
        return tuple(out)

    def mapping(self, value, line: int | None, where: str) -> Map | None:
        if isinstance(value, Map):
            return value
        self.problem(getattr(value, "line", line), f"{where} doit être un objet (clé: valeur)")
        return None

    def unknown_keys(self, m: Map, allowed, where: str) -> None:
        for key in m:
            if key not in allowed:
                self.problem(m.key_lines.get(key, m.line), f"{where} : champ inconnu « {key} »")

    # items of the top-level lists
    def item(self, key: str, value) -> None:
        """One item of a top-level list, with a valid, unique id: built into its table."""
        if key == "rome":
            self.rome_items.append(value)
            return
        if key not in LISTS:
            return  # an unknown top-level key is reported once, at the end
        kind = LISTS[key]
        m = self.mapping(value, getattr(value, "line", None), f"chaque élément de « {key} »")
        if m is None:
            return
        item_id = m.get("id")
        if not isinstance(item_id, str) or not item_id:
            self.problem(m.line, f"{_KIND_NAMES[kind]} sans « id »")
            return
        if not ID_PATTERN.fullmatch(item_id):
            self.problem(m.key_lines.get("id", m.line),
                         f"id « {item_id} » invalide (minuscules ASCII, chiffres et tirets : « chef-de-publicite »)")
            return
        seen = self.seen[key]
        if item_id in seen:
            self.problem(m.line, f"id « {item_id} » en double (déjà à la ligne {seen[item_id]})")
            return
        seen[item_id] = m.line
        self.locations.declared.setdefault(kind, set()).add(item_id)
        if self.locations.full:
            self.locations.maps[(kind, item_id)] = m
        record = self.readers[key](item_id, m)
        if record is not None:
            self.tables[key][item_id] = record

    def source(self, sid: str, m: Map) -> Source | None:
        where = f"source « {sid} »"
        self.unknown_keys(m, Source._fields, where)
        title, publisher = self.text(m, "title", where, True), self.text(m, "publisher", where, True)
        if title is None or publisher is None:
            return None
        return Source(sid, title, publisher, self.text(m, "date", where), self.text(m, "kind", where),
                      self.text(m, "note", where), self.text(m, "url", where))

    def family(self, fid: str, m: Map) -> Family | None:
        where = f"famille « {fid} »"
        self.unknown_keys(m, Family._fields, where)
        label = self.text(m, "label", where, True)
        return Family(fid, label, self.text(m, "description", where)) if label else None

    def skill(self, sid: str, m: Map) -> Skill | None:
        where = f"compétence « {sid} »"
        self.unknown_keys(m, Skill._fields, where)
        label, kind = self.text(m, "label", where, True), self.text(m, "kind", where, True)
        if kind is not None and kind not in SKILL_KINDS:
            self.problem(m.key_lines.get("kind"), f"{where} : nature « {kind} » inconnue (savoir_faire ou savoir_etre)")
            return None
        if label is None or kind is None:
            return None
        return Skill(sid, label, kind, self.text(m, "rome", where), self.text(m, "esco", where),
                     self.text(m, "description", where))

    def role(self, rid: str, m: Map) -> Role | None:
        where = f"rôle « {rid} »"
        self.unknown_keys(m, ROLE_FIELDS, where)
        required = {k: self.text(m, k, where, True) for k in ("title", "family", "level", "summary")}
        feminine = self.text(m, "title_feminine", where, True)
        lists = {k: self.texts(m, k, where) for k in (
            "aliases", "missions", "works_with", "comes_from", "evolves_to", "channels", "aptitudes", "education",
            "recruiters", "rome", "rome_related", "terms", "sources", "editorial")}
        if not lists["missions"]:
            self.problem(m.key_lines.get("missions", m.line), f"{where} : au moins une mission est attendue")
        level = required["level"]
        if level is not None and level not in LEVELS:
            self.problem(m.key_lines.get("level"), f"{where} : niveau « {level} » inconnu ({', '.join(LEVELS)})")
        for aptitude in lists["aptitudes"]:
            if aptitude not in APTITUDES:
                self.problem(m.key_lines.get("aptitudes"),
                             f"{where} : aptitude « {aptitude} » inconnue ({', '.join(APTITUDES)})")
        for channel in lists["channels"]:
            if channel not in CHANNELS:
                self.problem(m.key_lines.get("channels"), f"{where} : canal « {channel} » inconnu (online, offline)")
        marketing = self.text(m, "marketing", where)
        if marketing is not None and marketing not in MARKETING:
            self.problem(m.key_lines.get("marketing"),
                         f"{where} : démarche « {marketing} » inconnue (« marketing » vaut push, pull ou both)")
        riasec = self.text(m, "riasec", where)
        if riasec is not None and not re.fullmatch(r"[RIASEC]{1,3}", riasec):
            self.problem(m.key_lines.get("riasec"), f"{where} : code RIASEC « {riasec} » invalide (ex. « AES »)")
        for name in lists["editorial"]:
            if name not in ROLE_FIELDS:
                self.problem(m.key_lines.get("editorial"), f"{where} : « editorial » nomme un champ inconnu « {name} »")
        for code in lists["rome"] + lists["rome_related"]:
            if not re.fullmatch(r"[A-N][0-9]{4}", code):
                self.problem(m.key_lines.get("rome"), f"{where} : code ROME « {code} » invalide (ex. « E1101 »)")
        if None in required.values() or feminine is None:
            return None
        return Role(
            id=rid, title=required["title"], title_feminine=feminine, family=required["family"],
            level=required["level"], summary=required["summary"], skills=self.role_skills(m, where),
            distinctions=self.distinctions(m, where), marketing=marketing, riasec=riasec,
            salary=self.salary(m, where), experience=self.experience(m, where), **lists,
        )

    def role_skills(self, m: Map, where: str) -> Skills:
        """Each entry is a skill id (format 2) or a label (format 1), or {skill, detail, level} (format 2)."""
        value = m.get("skills")
        if value is None:
            return Skills()
        s = self.mapping(value, m.key_lines.get("skills"), f"{where} : « skills »")
        if s is None:
            return Skills()
        self.unknown_keys(s, SKILL_KINDS, f"{where} : skills")
        lists = {}
        for kind in SKILL_KINDS:
            refs = []
            entries = self.sequence(s, kind, where) or ()
            for entry, line in zip(entries, getattr(entries, "item_lines", ())):
                if isinstance(entry, Map):
                    self.unknown_keys(entry, SkillRef._fields, f"{where} : compétence")
                    self.v2_uses.append((line, f"{where} : une compétence écrite {{skill, detail, level}} demande "
                                               "« version: 2 »"))
                    skill = self.text(entry, "skill", where, True)
                    level = self.text(entry, "level", where)
                    if level is not None and level not in SKILL_LEVELS:
                        self.problem(entry.key_lines.get("level"),
                                     f"{where} : niveau de compétence « {level} » inconnu ({', '.join(SKILL_LEVELS)})")
                        level = None
                    if skill:
                        refs.append(SkillRef(skill, self.text(entry, "detail", where), level))
                elif isinstance(entry, (str, int, float)) and not isinstance(entry, bool) and str(entry).strip():
                    refs.append(SkillRef(" ".join(str(entry).split())))
                else:
                    self.problem(line, f"{where} : « {kind} » : chaque compétence est un id ou un objet "
                                       "{skill, detail, level}")
            lists[kind] = tuple(refs)
        return Skills(**lists)

    def distinctions(self, m: Map, where: str) -> tuple[Distinction, ...]:
        value = self.sequence(m, "distinctions", where)
        if value is None:
            return ()
        out = []
        for item, line in zip(value, value.item_lines):
            d = self.mapping(item, line, f"{where} : chaque distinction")
            if d is None:
                continue
            self.unknown_keys(d, ("role", "text"), f"{where} : distinction")
            role, text = self.text(d, "role", where, True), self.text(d, "text", where, True)
            if role and text:
                out.append(Distinction(role, text))
        return tuple(out)

    def number(self, m: Map, key: str, where: str) -> int | None:
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(m.key_lines.get(key, m.line), f"{where} : « {key} » doit être un nombre entier positif")
            return None
        return value

    def salary(self, m: Map, where: str) -> Salary | None:
        value = m.get("salary")
        if value is None:
            return None
        s = self.mapping(value, m.key_lines.get("salary"), f"{where} : « salary »")
        if s is None:
            return None
        where = f"{where} : salaire"
        self.unknown_keys(s, Salary._fields, where)
        low, high = self.number(s, "min", where), self.number(s, "max", where)
        currency, label = self.text(s, "currency", where) or "EUR", self.text(s, "label", where) or ""
        source = self.text(s, "source", where, True)
        if low is not None and high is not None and low > high:
            self.problem(s.line, f"{where} : « min » dépasse « max »")
        if low is None or high is None or source is None:
            return None
        return Salary(low, high, currency, label, source)

    def experience(self, m: Map, where: str) -> Experience | None:
        value = m.get("experience")
        if value is None:
            return None
        e = self.mapping(value, m.key_lines.get("experience"), f"{where} : « experience »")
        if e is None:
            return None
        where = f"{where} : expérience"
        self.unknown_keys(e, Experience._fields, where)
        years, source = self.number(e, "min_years", where), self.text(e, "source", where, True)
        return Experience(years, source) if years is not None and source else None

    def structure(self, sid: str, m: Map) -> Structure | None:
        where = f"structure « {sid} »"
        self.unknown_keys(m, Structure._fields, where)
        name = self.text(m, "name", where, True)
        description = self.text(m, "description", where) or ""
        nodes = self.locations.chart_nodes.setdefault(sid, [])
        chart = self.chart(m.get("chart"), m.key_lines.get("chart", m.line), where, nodes)
        if not chart:
            self.problem(m.key_lines.get("chart", m.line), f"{where} : organigramme (« chart ») vide ou absent")
        sources = self.texts(m, "sources", where)
        return Structure(sid, name, description, chart, sources) if name else None

    def chart(self, value, line, where: str, nodes: list[Map]) -> tuple[ChartNode, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(line, f"{where} : « chart » et « children » doivent être des listes")
            return ()
        out = []
        for item, item_line in zip(value, value.item_lines):
            n = self.mapping(item, item_line, f"{where} : chaque nœud de l'organigramme")
            if n is None:
                continue
            self.unknown_keys(n, NODE_FIELDS, f"{where} : nœud")
            role, label = self.text(n, "role", where), self.text(n, "label", where)
            if (role is None) == (label is None):
                self.problem(n.line, f"{where} : un nœud a soit « role » (un id de rôle), soit « label » (un groupe)")
                continue
            if role is not None and self.locations.full:
                nodes.append(n)
            children = self.chart(n.get("children"), n.key_lines.get("children", n.line), where, nodes)
            out.append(ChartNode(role, label, self.texts(n, "covers", where), self.text(n, "note", where), children,
                                 self.texts(n, "sources", where), self.flag(n, "editorial", where),
                                 self.flag(n, "alternative", where), self.text(n, "condition", where)))
        return tuple(out)

    def term(self, tid: str, m: Map) -> Term | None:
        where = f"terme « {tid} »"
        self.unknown_keys(m, Term._fields, where)
        term, definition = self.text(m, "term", where, True), self.text(m, "definition", where, True)
        lists = {k: self.texts(m, k, where) for k in ("aliases", "roles", "core_roles", "title_of", "related",
                                                     "sources")}
        if term is None or definition is None:
            return None
        return Term(tid, term, definition, self.text(m, "expansion", where), note=self.text(m, "note", where),
                    **lists)

    def advice(self, aid: str, m: Map) -> Advice | None:
        where = f"conseil « {aid} »"
        self.unknown_keys(m, Advice._fields, where)
        text = self.text(m, "text", where, True)
        lists = {k: self.texts(m, k, where) for k in ("likes", "avoids", "sources")}
        for key in ("likes", "avoids"):
            for word in lists[key]:
                if word not in APTITUDES:
                    self.problem(m.key_lines.get(key), f"{where} : aptitude « {word} » inconnue ({', '.join(APTITUDES)})")
        if not (lists["likes"] or lists["avoids"]):
            self.problem(m.line, f"{where} : « likes » ou « avoids » est attendu (le profil auquel il s'adresse)")
        return Advice(aid, text, **lists) if text else None

    def rome_table(self, root: Map) -> dict[str, tuple[str, str | None]]:
        value = self.sequence(root, "rome", "base")
        if value is None:
            return {}
        items = [(item, item.line) for item in self.rome_items] + list(zip(value, value.item_lines))
        table: dict[str, tuple[str, str | None]] = {}
        for item, line in items:
            m = self.mapping(item, line, "chaque fiche ROME")
            if m is None:
                continue
            self.unknown_keys(m, ("code", "label", "note"), "fiche ROME")
            code, label = self.text(m, "code", "fiche ROME", True), self.text(m, "label", "fiche ROME", True)
            if code and label:
                if not re.fullmatch(r"[A-N][0-9]{4}", code):
                    self.problem(m.line, f"code ROME « {code} » invalide (une lettre et quatre chiffres : E1101)")
                table[code] = (label, self.text(m, "note", "fiche ROME"))
        return table

    def finish(self, root) -> KnowledgeBase:
        if root is None:
            self.problem(None, "fichier vide : une base commence par « version: 2 » puis « roles: »")
            root = new_map(1)
        if not isinstance(root, Map):
            self.problem(getattr(root, "line", 1), "le fichier doit contenir un objet (version, sources, roles…)")
            root = new_map(1)
        self.unknown_keys(root, TOP_LEVEL, "base")
        version = root.get("version", 1)
        if type(version) is not int or version not in FORMAT_VERSIONS:
            self.problem(root.key_lines.get("version"),
                         f"version de format « {version} » inconnue (attendu : {' ou '.join(map(str, FORMAT_VERSIONS))})")
            version = 1  # read on as leniently as possible: the version is the problem to report
        if "roles" not in root:
            self.problem(root.line, "aucune liste « roles »")
        for key in LISTS:  # what the parser did not hand over: a list that isn't one, items that aren't objects
            value = root.get(key)
            if value is not None and not isinstance(value, list):
                self.problem(root.key_lines.get(key, root.line), f"« {key} » doit être une liste")
            elif isinstance(value, Seq):
                for item, line in zip(value, value.item_lines):
                    self.mapping(item, line, f"chaque élément de « {key} »")
        if version == 1:
            for key in ("skills",):
                if key in root:
                    self.v2_uses.append((root.key_lines[key], f"« {key} » demande « version: 2 »"))
            for line, message in self.v2_uses:
                self.problem(line, message)
        t = self.tables
        roles, skills = t["roles"], t["skills"]
        if version == 1:  # skills were free sentences: each distinct one becomes a concept of its own
            roles, skills = implicit_skills(roles)
        return KnowledgeBase(version, t["sources"], t["families"], roles, t["structures"], t["glossary"], skills,
                             self.rome_table(root), tuple(t["advice"].values()), self.shown, {})


_KIND_NAMES = {"source": "source", "family": "famille", "skill": "compétence", "role": "rôle",
               "structure": "structure", "term": "terme", "advice": "conseil"}


def implicit_skills(roles: dict[str, Role]) -> tuple[dict[str, Role], dict[str, Skill]]:
    """For a base of format 1: a skill concept per distinct sentence (case and accents aside), and roles that
    point to them."""
    from .text import fold

    skills: dict[str, Skill] = {}
    by_label: dict[str, str] = {}
    out = {}
    for role in roles.values():
        lists = {}
        for kind in ("savoir_faire", "savoir_etre"):
            refs = []
            for ref in getattr(role.skills, kind):
                key = fold(ref.skill)
                sid = by_label.get(key)
                if sid is None:
                    sid = base_id = (key.replace(" ", "-")[:60].strip("-") or "competence")
                    number = 1
                    while sid in skills:
                        number += 1
                        sid = f"{base_id}-{number}"
                    by_label[key] = sid
                    skills[sid] = Skill(sid, ref.skill, kind)
                refs.append(SkillRef(sid))
            lists[kind] = tuple(refs)
        out[role.id] = role._replace(skills=Skills(**lists))
    return out, skills


def build(text: str, shown: str, progress=None, full: bool = False) -> tuple[KnowledgeBase, list[Problem], Locations]:
    """The model from YAML text, the structural problems, and where things were written (every mapping kept only
    when ``full``: see Locations)."""
    builder = _Builder(shown, full)
    try:
        root = parse(text, builder.item, progress)
    except YamlError as exc:
        raise KnowledgeBaseError([Problem(shown, exc.line, exc.message)]) from None
    kb = builder.finish(root)
    return kb, builder.problems, builder.locations


def load_text(text: str, shown: str, progress=None) -> tuple[KnowledgeBase, list[Problem]]:
    """Parse, build and check a base's text; every problem is returned, none raised (but unreadable YAML)."""
    import gc

    from .check import check

    if progress is not None:
        progress.phase("Lecture de la base")
    enabled = gc.isenabled()
    gc.disable()  # building allocates a great many objects and no cycles
    try:
        kb, problems, locations = build(text, shown, progress.update if progress is not None else None)
        if progress is not None:
            progress.phase("Vérification")
        found = check(kb, locations)
        if found:  # where they are: the text once more, every mapping kept
            _kb, _again, locations = build(text, shown, full=True)
            found = [problem._replace(line=locations.resolve(problem.line)) for problem in found]
        problems += found
    finally:
        if enabled:
            gc.enable()
    problems.sort(key=lambda p: p.line or 0)
    return kb, problems


def load_checked(path: Path, progress=None) -> tuple[KnowledgeBase, list[Problem]]:
    """Read, parse, build and check the base at ``path`` (KnowledgeBaseError only if it can't be read)."""
    shown = str(path)
    return load_text(decode(read_bytes(path), shown), shown, progress)


def load(path: Path) -> KnowledgeBase:
    """A valid knowledge base, or KnowledgeBaseError with every problem found."""
    kb, problems = load_checked(path)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb


def items_of(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(kind, id) of every item, for messages and tests."""
    for kind, table in (("source", kb.sources), ("family", kb.families), ("skill", kb.skills), ("role", kb.roles),
                        ("structure", kb.structures), ("term", kb.glossary)):
        for item_id in table:
            yield kind, item_id
