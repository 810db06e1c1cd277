"""Reading a knowledge base: YAML text -> model, with a ``file:line`` for every problem.

Only safe loading, ever: the tree is built from libyaml's events with standard tags only. The loader keeps the line of every mapping,
key and list item so that the checks can point at the exact place; it refuses duplicate keys and YAML aliases
(which no knowledge base needs and which a "billion laughs" file abuses).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model import (
    APTITUDES,
    CHANNELS,
    LEVELS,
    MARKETING,
    ChartNode,
    Distinction,
    Experience,
    Family,
    KnowledgeBase,
    Role,
    Salary,
    Skills,
    Source,
    Structure,
    Term,
)

MAX_BYTES = 200 * 1024 * 1024  # far above a 30,000-role base (about 60 MB); larger files are refused unread
MAX_DEPTH = 64  # the format nests charts, never this deep
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TOP_LEVEL = ("version", "sources", "families", "rome", "roles", "structures", "glossary")
ROLE_FIELDS = set(Role._fields)
FORMAT_VERSION = 1


from .errors import KnowledgeBaseError, Problem  # noqa: E402  (re-exported: part of this module's API)
from .location import default_path, resolve_path  # noqa: E402, F401  (re-exported)


# --- reading and parsing -------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text, or a KnowledgeBaseError saying plainly why it can't be read."""
    shown = str(path)

    def fail(message: str, line: int | None = None) -> KnowledgeBaseError:
        return KnowledgeBaseError([Problem(shown, line, message)])

    try:
        size = path.stat().st_size
        if path.is_dir():
            raise fail("c'est un dossier, pas un fichier YAML")
        if size > MAX_BYTES:
            raise fail(f"fichier trop gros ({size // (1024 * 1024)} Mo ; limite {MAX_BYTES // (1024 * 1024)} Mo)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("fichier introuvable") from None
    except PermissionError:
        raise fail("lecture refusée (permissions)") from None
    except OSError as exc:
        raise fail(f"lecture impossible ({exc.strerror or exc})") from None
    if b"\0" in data:
        raise fail("fichier binaire (octet nul), pas du YAML", data[: data.index(b"\0")].count(b"\n") + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail("texte non UTF-8 (enregistrez le fichier en UTF-8)", data[: exc.start].count(b"\n") + 1) from None


class _Map(dict):
    """A mapping that remembers its line and the line of each key."""

    __slots__ = ("line", "key_lines")


class _Seq(list):
    """A sequence that remembers its line and the line of each item."""

    __slots__ = ("line", "item_lines")


_SAFE_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map",
                                                       "seq")}


class _Typed:
    """Typed plain scalars (numbers, booleans, null, dates) exactly as PyYAML's safe loader reads them."""

    def __init__(self):
        import yaml

        self.node = yaml.ScalarNode
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers
        self.str_tag = "tag:yaml.org,2002:str"

    def plain(self, value: str):
        """The value of an untagged, unquoted scalar ("<<" and "=", YAML's merge and value keys, stay text)."""
        for tag, pattern in self.resolvers.get(value[:1], ()):
            if pattern.match(value):
                if tag not in self.constructor.yaml_constructors:
                    return value
                return self.construct(tag, value)
        return value

    def construct(self, tag: str, value: str):
        if tag == self.str_tag:
            return value
        return self.constructor.yaml_constructors[tag](self.constructor, self.node(tag, value))


_TYPED: _Typed | None = None


def _events(text: str):
    """A function returning the next YAML event: libyaml's C parser when present, PyYAML's own otherwise."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - libyaml is in PyYAML's wheels
        import yaml

        return yaml.SafeLoader(text).get_event
    return CParser(text).get_event


def parse(text: str, shown: str, progress=None):
    """YAML text -> nested _Map/_Seq/scalars, or KnowledgeBaseError with the line of the fault.

    Built straight from the parser's events, without PyYAML's node graph: several times faster and lighter on
    a large base, and the one place where safety is enforced (standard tags only, no aliases, so no "billion
    laughs"; no duplicate keys; bounded nesting). ``progress(done, total)`` is called now and then, in characters.
    """
    global _TYPED
    import gc

    import yaml
    from yaml import events

    if _TYPED is None:
        _TYPED = _Typed()
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects and no cycles: collecting while building is pure overhead
    try:
        return _build_tree(_events(text), _TYPED, events, len(text), progress)
    except yaml.MarkedYAMLError as exc:
        line, message = _yaml_problem(exc)
        raise KnowledgeBaseError([Problem(shown, line, message)]) from None
    except _TreeError as exc:
        raise KnowledgeBaseError([Problem(shown, exc.line, exc.message)]) from None
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError([Problem(shown, None, f"YAML invalide : {exc}")]) from None
    finally:
        if enabled:
            gc.enable()


class _TreeError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


_MISSING = object()
_ALIAS = "alias YAML (*) non acceptés dans une base : recopiez la valeur (c'est ainsi qu'un fichier piégé démultiplie sa taille)"


def _refused_tag(tag: str) -> str:
    return f"étiquette YAML non autorisée « {tag} » : seul le YAML simple est lu, rien n'est exécuté"


def _build_tree(next_event, typed: _Typed, ev, total: int, progress):
    """The loop behind parse(): lean on purpose, it runs once per YAML event (millions on a large base)."""
    scalar_event, map_start, map_end = ev.ScalarEvent, ev.MappingStartEvent, ev.MappingEndEvent
    seq_start, seq_end, alias_event = ev.SequenceStartEvent, ev.SequenceEndEvent, ev.AliasEvent
    doc_start, stream_end = ev.DocumentStartEvent, ev.StreamEndEvent
    scalar_tags = _SAFE_TAGS - {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
    plain, missing = typed.plain, _MISSING
    typed_starts = frozenset(k for k in typed.resolvers if k)  # first characters that can start a non-string
    stack: list = []  # the open containers
    keys: list = []  # for each open container, the pending key of a mapping (missing: the next scalar is a key)
    container = key = root = missing
    documents = count = 0
    while True:
        event = next_event()
        kind = event.__class__
        if kind is scalar_event:
            tag, value = event.tag, event.value
            if tag is None:
                if not event.style and (not value or value[0] in typed_starts):  # plain: maybe typed
                    value = plain(value) if value else None
            elif tag != "!":
                if tag not in scalar_tags:
                    raise _TreeError(event.start_mark.line + 1, _refused_tag(tag))
                value = typed.construct(tag, value)
            if container.__class__ is _Map:
                if key is missing:  # a key: remember it and its line
                    line = event.start_mark.line + 1
                    if value in container.key_lines:
                        raise _TreeError(line, f"clé « {value} » en double")
                    container.key_lines[value] = line
                    key = value
                else:
                    container[key] = value
                    key = missing
            elif container is not missing:
                container.append(value)
                container.item_lines.append(event.start_mark.line + 1)
            else:
                root = value
            continue
        if kind is map_start or kind is seq_start:
            count += 1
            if progress is not None and not count & 0xFFFF:
                progress(event.start_mark.index, total)
            line = event.start_mark.line + 1
            if event.tag not in (None, "!") and event.tag not in _SAFE_TAGS:
                raise _TreeError(line, _refused_tag(event.tag))
            if len(stack) >= MAX_DEPTH:
                raise _TreeError(line, f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)")
            if kind is map_start:
                value = _Map()
                value.key_lines = {}
            else:
                value = _Seq()
                value.item_lines = []
            value.line = line
            if container.__class__ is _Map:
                if key is missing:
                    raise _TreeError(line, "clé non textuelle : une clé doit être un simple texte")
                container[key] = value
                key = missing
            elif container is not missing:
                container.append(value)
                container.item_lines.append(line)
            else:
                root = value
            stack.append(container)
            keys.append(key)
            container, key = value, missing
        elif kind is map_end or kind is seq_end:
            container, key = stack.pop(), keys.pop()
        elif kind is alias_event:
            raise _TreeError(event.start_mark.line + 1, _ALIAS)
        elif kind is doc_start:
            documents += 1
            if documents > 1:
                raise _TreeError(event.start_mark.line + 1,
                                 "un seul document YAML par fichier : un second « --- » commence ici")
        elif kind is stream_end:
            if progress is not None:
                progress(total, total)
            return None if root is missing else root


def _yaml_problem(exc) -> tuple[int | None, str]:
    """The line and a French message for a YAML error, whichever parser (libyaml or pure Python) raised it."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    at_problem = exc.problem_mark.line + 1 if exc.problem_mark else None
    at_context = exc.context_mark.line + 1 if exc.context_mark else at_problem
    if "tab character" in problem or problem.startswith("found character '\\t'"):
        return at_problem, "tabulation interdite en YAML : indentez avec des espaces"
    if problem.startswith("mapping values are not allowed"):
        return at_problem, ("deux-points inattendu : indentation décalée, ou valeur à mettre entre guillemets "
                            "parce qu'elle contient « : »")
    if "quoted scalar" in context and "end of stream" in problem:
        return at_context, "guillemet ouvert ici et jamais refermé"
    if "expected ',' or ']'" in problem:
        return at_context, "liste « [ » ouverte ici et jamais refermée (ou virgule manquante)"
    if "expected ',' or '}'" in problem:
        return at_context, "objet « { » ouvert ici et jamais refermé (ou virgule manquante)"
    if "expected key" in problem or "expected <block end>" in problem:
        return at_problem, "indentation incohérente : alignez les éléments d'une même liste ou d'un même objet"
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit(" ", 1)[-1].strip("'\"")
        return at_problem, f"étiquette YAML non autorisée « {tag} » : seul le YAML simple est lu, rien n'est exécuté"
    if "undefined alias" in problem:
        return at_problem, "alias YAML (*) sans ancre (&) correspondante"
    detail = f"{context} : {problem}" if context else problem
    return at_problem, f"YAML invalide ({detail})"


# --- building the model ------------------------------------------------------------------------------


@dataclass
class Locations:
    """Where each item and field was written, for the checks' messages.

    It keeps the parsed mapping of each item rather than copying every line out of it: the lines are looked
    up only for the few places a problem is reported.
    """

    maps: dict[tuple[str, str], _Map] = field(default_factory=dict)  # (kind, id) -> the item as parsed
    lines: dict[tuple[str, str, str | None], int] = field(default_factory=dict)  # other places (charts, rome)
    declared: dict[str, set[str]] = field(default_factory=dict)  # kind -> every id written, valid or not
    chart_lines: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (structure, role) -> node lines

    def line(self, kind: str, item_id: str, field_name: str | None = None) -> int | None:
        m = self.maps.get((kind, item_id))
        if m is None:
            return self.lines.get((kind, item_id, field_name)) or self.lines.get((kind, item_id, None))
        return m.key_lines.get(field_name, m.line) if field_name else m.line

    def item_line(self, kind: str, item_id: str, field_name: str, index: int) -> int | None:
        """The line of the index-th valid item of a list field (invalid items, already reported, are skipped)."""
        m = self.maps.get((kind, item_id))
        value = m.get(field_name) if m is not None else None
        if isinstance(value, _Seq):
            valid = [line for item, line in zip(value, value.item_lines)
                     if isinstance(item, _Map) or (isinstance(item, (str, int, float)) and str(item).strip())]
            if index < len(valid):
                return valid[index]
        return self.line(kind, item_id, field_name)


class _Builder:
    """Turns the parsed tree into model records, noting every structural problem instead of stopping."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.locations = Locations()

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    # typed field readers; ``where`` names the item in messages
    def text(self, m: _Map, key: str, where: str, required: bool = False) -> str | None:
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

    def texts(self, m: _Map, key: str, where: str) -> tuple[str, ...]:
        value = m.get(key)
        if value is None:
            return ()
        line = m.key_lines.get(key, m.line)
        if isinstance(value, str):
            value = _Seq([value])
            value.line, value.item_lines = line, [line]
        if not isinstance(value, list):
            self.problem(line, f"{where} : « {key} » doit être une liste")
            return ()
        out = []
        item_lines = getattr(value, "item_lines", [line] * len(value))
        for item, item_line in zip(value, item_lines):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(item_line, f"{where} : « {key} » ne doit contenir que des textes")
            elif not str(item).strip():
                self.problem(item_line, f"{where} : élément vide dans « {key} »")
            else:
                out.append(" ".join(str(item).split()))
        return tuple(out)

    def mapping(self, value, line: int | None, where: str) -> _Map | None:
        if isinstance(value, _Map):
            return value
        self.problem(getattr(value, "line", line), f"{where} doit être un objet (clé: valeur)")
        return None

    def items(self, root: _Map, key: str, kind: str) -> Iterator[tuple[str, _Map]]:
        """The objects of a top-level list, each with a valid, unique id."""
        value = root.get(key)
        line = root.key_lines.get(key, root.line)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(line, f"« {key} » doit être une liste")
            return
        seen: dict[str, int] = {}
        for item, item_line in zip(value, value.item_lines):
            m = self.mapping(item, item_line, f"chaque élément de « {key} »")
            if m is None:
                continue
            item_id = m.get("id")
            if not isinstance(item_id, str) or not item_id:
                self.problem(m.line, f"{kind} sans « id »")
                continue
            if not ID_PATTERN.fullmatch(item_id):
                self.problem(m.key_lines.get("id", m.line),
                             f"id « {item_id} » invalide (minuscules ASCII, chiffres et tirets : « chef-de-publicite »)")
                continue
            if item_id in seen:
                self.problem(m.line, f"id « {item_id} » en double (déjà à la ligne {seen[item_id]})")
                continue
            seen[item_id] = m.line
            self.locations.declared.setdefault(kind, set()).add(item_id)
            self.locations.maps[(kind, item_id)] = m
            yield item_id, m

    def unknown_keys(self, m: _Map, allowed, where: str) -> None:
        for key in m:
            if key not in allowed:
                self.problem(m.key_lines.get(key, m.line), f"{where} : champ inconnu « {key} »")

    # records
    def source(self, sid: str, m: _Map) -> Source | None:
        where = f"source « {sid} »"
        self.unknown_keys(m, Source._fields, where)
        title, publisher = self.text(m, "title", where, True), self.text(m, "publisher", where, True)
        if title is None or publisher is None:
            return None
        return Source(sid, title, publisher, self.text(m, "date", where), self.text(m, "kind", where),
                      self.text(m, "note", where))

    def family(self, fid: str, m: _Map) -> Family | None:
        where = f"famille « {fid} »"
        self.unknown_keys(m, Family._fields, where)
        label = self.text(m, "label", where, True)
        return Family(fid, label, self.text(m, "description", where)) if label else None

    def role(self, rid: str, m: _Map) -> Role | None:
        where = f"rôle « {rid} »"
        self.unknown_keys(m, ROLE_FIELDS, where)
        required = {k: self.text(m, k, where, True) for k in ("title", "family", "level", "summary")}
        feminine = self.text(m, "title_feminine", where, True)
        lists = {k: self.texts(m, k, where) for k in (
            "aliases", "missions", "works_with", "comes_from", "evolves_to", "channels", "aptitudes", "education",
            "recruiters", "rome", "terms", "sources", "editorial")}
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
        if None in required.values() or feminine is None:
            return None
        return Role(
            id=rid, title=required["title"], title_feminine=feminine, family=required["family"],
            level=required["level"], summary=required["summary"], skills=self.skills(m, where),
            distinctions=self.distinctions(m, where, rid), marketing=marketing, riasec=riasec,
            salary=self.salary(m, where), experience=self.experience(m, where), **lists,
        )

    def skills(self, m: _Map, where: str) -> Skills:
        value = m.get("skills")
        if value is None:
            return Skills()
        s = self.mapping(value, m.key_lines.get("skills"), f"{where} : « skills »")
        if s is None:
            return Skills()
        self.unknown_keys(s, ("savoir_faire", "savoir_etre"), f"{where} : skills")
        return Skills(self.texts(s, "savoir_faire", where), self.texts(s, "savoir_etre", where))

    def distinctions(self, m: _Map, where: str, rid: str) -> tuple[Distinction, ...]:
        value = m.get("distinctions")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(m.key_lines.get("distinctions"), f"{where} : « distinctions » doit être une liste")
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

    def number(self, m: _Map, key: str, where: str) -> int | None:
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(m.key_lines.get(key, m.line), f"{where} : « {key} » doit être un nombre entier positif")
            return None
        return value

    def salary(self, m: _Map, where: str) -> Salary | None:
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

    def experience(self, m: _Map, where: str) -> Experience | None:
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

    def structure(self, sid: str, m: _Map) -> Structure | None:
        where = f"structure « {sid} »"
        self.unknown_keys(m, Structure._fields, where)
        name = self.text(m, "name", where, True)
        description = self.text(m, "description", where) or ""
        chart = self.chart(m.get("chart"), m.key_lines.get("chart", m.line), where, sid, 1)
        if not chart:
            self.problem(m.key_lines.get("chart", m.line), f"{where} : organigramme (« chart ») vide ou absent")
        sources = self.texts(m, "sources", where)
        return Structure(sid, name, description, chart, sources) if name else None

    def chart(self, value, line, where: str, sid: str, depth: int) -> tuple[ChartNode, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(line, f"{where} : « chart » et « children » doivent être des listes")
            return ()
        nodes = []
        for item, item_line in zip(value, value.item_lines):
            n = self.mapping(item, item_line, f"{where} : chaque nœud de l'organigramme")
            if n is None:
                continue
            self.unknown_keys(n, ("role", "label", "covers", "note", "children"), f"{where} : nœud")
            role, label = self.text(n, "role", where), self.text(n, "label", where)
            if (role is None) == (label is None):
                self.problem(n.line, f"{where} : un nœud a soit « role » (un id de rôle), soit « label » (un groupe)")
                continue
            if role is not None:
                self.locations.chart_lines.setdefault((sid, role), []).append(n.line)
                self.locations.lines.setdefault(("chart-covers", sid, role), n.key_lines.get("covers", n.line))
            children = self.chart(n.get("children"), n.key_lines.get("children", n.line), where, sid, depth + 1)
            nodes.append(ChartNode(role, label, self.texts(n, "covers", where), self.text(n, "note", where),
                                   children))
        return tuple(nodes)

    def term(self, tid: str, m: _Map) -> Term | None:
        where = f"terme « {tid} »"
        self.unknown_keys(m, Term._fields, where)
        term, definition = self.text(m, "term", where, True), self.text(m, "definition", where, True)
        lists = {k: self.texts(m, k, where) for k in ("aliases", "roles", "related", "sources")}
        if term is None or definition is None:
            return None
        return Term(tid, term, definition, self.text(m, "expansion", where), note=self.text(m, "note", where),
                    **lists)

    def build(self, root) -> KnowledgeBase:
        if root is None:
            self.problem(None, "fichier vide : une base commence par « version: 1 » puis « roles: »")
            root = _Map()
            root.line, root.key_lines = 1, {}
        if not isinstance(root, _Map):
            self.problem(getattr(root, "line", 1), "le fichier doit contenir un objet (version, sources, roles…)")
            root = _Map()
            root.line, root.key_lines = 1, {}
        self.unknown_keys(root, TOP_LEVEL, "base")
        version = root.get("version", FORMAT_VERSION)
        if type(version) is not int or version != FORMAT_VERSION:
            self.problem(root.key_lines.get("version"), f"version de format {version!r} inconnue (attendu : 1)")
        if "roles" not in root:
            self.problem(root.line, "aucune liste « roles »")
        readers = (("sources", "source", self.source), ("families", "family", self.family),
                   ("roles", "role", self.role), ("structures", "structure", self.structure),
                   ("glossary", "term", self.term))
        tables: dict[str, dict] = {}
        for key, kind, reader in readers:
            table = {}
            for item_id, m in self.items(root, key, kind):
                record = reader(item_id, m)
                if record is not None:
                    table[item_id] = record
            tables[key] = table
        return KnowledgeBase(FORMAT_VERSION, **tables, rome=self.rome_table(root))

    def rome_table(self, root: _Map) -> dict[str, str]:
        value = root.get("rome")
        if value is None:
            return {}
        if not isinstance(value, list):
            self.problem(root.key_lines.get("rome"), "« rome » doit être une liste de {code, label}")
            return {}
        table: dict[str, str] = {}
        for item, line in zip(value, value.item_lines):
            m = self.mapping(item, line, "chaque fiche ROME")
            if m is None:
                continue
            self.unknown_keys(m, ("code", "label"), "fiche ROME")
            code, label = self.text(m, "code", "fiche ROME", True), self.text(m, "label", "fiche ROME", True)
            if code and label:
                if not re.fullmatch(r"[A-N][0-9]{4}", code):
                    self.problem(m.line, f"code ROME « {code} » invalide (une lettre et quatre chiffres : E1101)")
                table[code] = label
                self.locations.lines[("rome", code, None)] = m.line
        return table


def build(root, shown: str) -> tuple[KnowledgeBase, list[Problem], Locations]:
    """The model from a parsed tree, the structural problems, and where everything was written."""
    builder = _Builder(shown)
    kb = builder.build(root)
    kb.path = shown
    return kb, builder.problems, builder.locations


def load_checked(path: Path, progress=None) -> tuple[KnowledgeBase, list[Problem]]:
    """Read, parse, build and check a base; every problem is returned, none raised (but unreadable files).

    ``progress``, if given, is told the phases (``phase(label)``) and how far the parsing is (``update``).
    """
    import gc

    from .check import check

    shown = str(path)
    if progress is not None:
        progress.phase("Lecture de la base")
    tree = parse(read_text(path), shown, progress.update if progress is not None else None)
    if progress is not None:
        progress.phase("Vérification")
    enabled = gc.isenabled()
    gc.disable()  # building allocates a great many objects and no cycles
    try:
        kb, problems, locations = build(tree, shown)
        del tree
        problems += check(kb, locations)
    finally:
        if enabled:
            gc.enable()
    problems.sort(key=lambda p: p.line or 0)
    return kb, problems


def load(path: Path) -> KnowledgeBase:
    """A valid knowledge base, or KnowledgeBaseError with every problem found."""
    kb, problems = load_checked(path)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb
