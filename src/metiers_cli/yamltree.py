"""YAML text -> a tree of mappings, lists and scalars that remember their line, for a knowledge base.

Only safe loading, ever: the tree is built from libyaml's events with standard tags only, never through
PyYAML's constructors of arbitrary objects. It refuses what no knowledge base needs and what hostile files
abuse: YAML aliases (a "billion laughs" multiplies a file through them), non-standard tags, duplicate keys,
deep nesting, several documents. Every refusal and every syntax error is one French message with its line.

The items of the top-level lists (each role, source, structure…) are handed to a callback as soon as they
are complete, so that a large base is turned into records item by item, never held twice in memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_DEPTH = 64  # the format nests charts, never this deep


class Map(dict):
    """A mapping that remembers its line and the line of each key."""

    __slots__ = ("line", "key_lines")


class Seq(list):
    """A sequence that remembers its line and the line of each item."""

    __slots__ = ("line", "item_lines")


def new_map(line: int) -> Map:
    value = Map()
    value.line, value.key_lines = line, {}
    return value


class YamlError(Exception):
    """The text is not YAML a knowledge base may contain: ``line`` (1-based, or None) and a French message."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line, self.message = line, message


_SAFE_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map",
                                                       "seq")}
ALIAS_REFUSED = ("alias YAML (*) non acceptés dans une base : recopiez la valeur (c'est ainsi qu'un fichier "
                 "piégé démultiplie sa taille)")


def _refused_tag(tag: str) -> str:
    return f"étiquette YAML non autorisée « {tag} » : seul le YAML simple est lu, rien n'est exécuté"


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


Item = Callable[[str, object], None]  # (top-level key, complete item of its list)


def parse(text: str, on_item: Item | None = None, progress: Callable[[int, int], None] | None = None):
    """The tree of ``text``; raises YamlError with the line of the fault.

    With ``on_item``, each item of a top-level list is passed to it when complete and not kept in the tree
    (its list stays, empty, so that the key and its line are known). ``progress(done, total)`` is called now and
    then, in characters.
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
        return _build(_events(text), _TYPED, events, len(text), on_item, progress)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(*yaml_problem(exc, text)) from None
    except yaml.reader.ReaderError:
        raise YamlError(*_control_character(text)) from None
    except yaml.YAMLError:
        raise YamlError(None, "YAML invalide : le fichier ne peut pas être lu comme du YAML") from None
    finally:
        if enabled:
            gc.enable()


def _build(next_event, typed: _Typed, ev, total: int, on_item: Item | None, progress):
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
                    raise YamlError(event.start_mark.line + 1, _refused_tag(tag))
                value = typed.construct(tag, value)
            if container.__class__ is Map:
                if key is missing:  # a key: remember it and its line
                    line = event.start_mark.line + 1
                    if value in container.key_lines:
                        raise YamlError(line, f"clé « {value} » en double")
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
                raise YamlError(line, _refused_tag(event.tag))
            if len(stack) >= MAX_DEPTH:
                raise YamlError(line, _too_deep())
            if kind is map_start:
                value = Map()
                value.key_lines = {}
            else:
                value = Seq()
                value.item_lines = []
            value.line = line
            if container.__class__ is Map:
                if key is missing:
                    raise YamlError(line, "clé non textuelle : une clé doit être un simple texte")
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
            done = container
            container, key = stack.pop(), keys.pop()
            if on_item is not None and len(stack) == 2 and container.__class__ is Seq and stack[1] is root:
                container.pop()  # an item of a top-level list: handed over, not kept
                container.item_lines.pop()
                on_item(next(reversed(root.key_lines)), done)
        elif kind is alias_event:
            raise YamlError(event.start_mark.line + 1, ALIAS_REFUSED)
        elif kind is doc_start:
            documents += 1
            if documents > 1:
                raise YamlError(event.start_mark.line + 1,
                                "un seul document YAML par fichier : un second « --- » commence ici")
        elif kind is stream_end:
            if progress is not None:
                progress(total, total)
            return None if root is missing else root


_MISSING = object()


def _too_deep() -> str:
    return f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : une base n'en a pas besoin"


def _control_character(text: str) -> tuple[int | None, str]:
    match = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]", text)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    code = f"U+{ord(match.group()):04X}" if match else "?"
    return line, f"caractère de contrôle interdit ({code}) : supprimez-le ou retapez le texte"


# (words of libyaml's or PyYAML's context or problem, French message, which mark gives the line)
_YAML_PROBLEMS = (
    ("nesting depth", None, "problem"),
    ("tab character", "tabulation interdite en YAML : indentez avec des espaces", "problem"),
    ("mapping values are not allowed", "deux-points inattendu : indentation décalée, ou valeur à mettre entre "
     "guillemets parce qu'elle contient « : »", "problem"),
    ("block sequence entries are not allowed", "tiret de liste inattendu : vérifiez l'indentation de la liste",
     "problem"),
    ("escape", "séquence d'échappement inconnue entre guillemets doubles (« \\ ») : doublez la barre oblique "
     "ou utilisez des guillemets simples", "problem"),
    ("expected ',' or ']'", "liste « [ » ouverte ici et jamais refermée (ou virgule manquante)", "context"),
    ("expected ',' or '}'", "objet « { » ouvert ici et jamais refermé (ou virgule manquante)", "context"),
    ("could not find expected ':'", "deux-points manquant après une clé", "context"),
    ("expected key", "indentation incohérente : alignez les éléments d'une même liste ou d'un même objet",
     "problem"),
    ("expected <block end>", "indentation incohérente : alignez les éléments d'une même liste ou d'un même objet",
     "problem"),
    ("expected '-' indicator", "indentation incohérente : alignez les tirets d'une même liste", "problem"),
    ("anchor", "ancre YAML (&) mal formée : un nom de lettres ou de chiffres doit suivre « & »", "problem"),
    ("alias", "alias YAML (*) mal formé ou sans ancre (&) correspondante", "problem"),
    ("tag", "étiquette YAML (!) mal formée ou non autorisée : seul le YAML simple est lu", "problem"),
    ("constructor", "étiquette YAML non autorisée : seul le YAML simple est lu, rien n'est exécuté", "problem"),
    ("directive", "directive YAML (%) inconnue ou mal placée : supprimez cette ligne", "problem"),
    ("block scalar", "bloc de texte (« | » ou « > ») mal formé : vérifiez l'indicateur et l'indentation",
     "problem"),
    ("document start", "contenu après la fin du document : un fichier ne contient qu'un document", "problem"),
    ("document end", "fin de document inattendue", "problem"),
    ("node content", "valeur attendue ici : un élément de liste ou une clé est vide ou mal placé", "problem"),
)


def yaml_problem(exc, text: str) -> tuple[int | None, str]:
    """The line and a French message for a YAML syntax error, whichever parser (libyaml or PyYAML) raised it.

    The parsers' English words only choose the message; none of them reaches the user.
    """
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    at_problem = exc.problem_mark.line + 1 if exc.problem_mark else None
    at_context = exc.context_mark.line + 1 if exc.context_mark else at_problem
    words = f"{context} {problem}"
    if "quoted scalar" in context and "end of stream" in problem:
        return at_context, "guillemet ouvert ici et jamais refermé"
    if "cannot start any token" in problem and exc.problem_mark is not None:
        char = text[exc.problem_mark.index:exc.problem_mark.index + 1]
        if char == "\t":
            return at_problem, "tabulation interdite en YAML : indentez avec des espaces"
        return at_problem, (f"caractère « {char} » réservé en YAML en début de valeur : mettez la valeur entre "
                            "guillemets")
    for marker, message, mark in _YAML_PROBLEMS:
        if marker in words:
            return (at_problem if mark == "problem" else at_context), message or _too_deep()
    if "end of stream" in problem:
        return at_problem, "fin de fichier inattendue : une structure ouverte n'est pas refermée"
    return at_problem, "YAML invalide à cette ligne : structure non reconnue (indentation, guillemets, deux-points ?)"
