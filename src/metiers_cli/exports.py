"""Exports for workshops and other tools: Markdown, JSON, CSV, Mermaid and Graphviz DOT, as text.

Pure functions over the data the commands already compute (the card of card.py, the comparison, the trees);
writing files is files.py's job.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from . import compare as comparing, french, paths
from .card import Card, euros, role_card
from .model import CHANNELS, LEVELS, MARKETING, plain
from .payloads import role_data

if TYPE_CHECKING:
    from .store import Base

FORMATS = {
    "role": ("markdown", "json"),
    "compare": ("markdown", "json"),
    "tree": ("markdown", "json", "mermaid", "dot"),
    "graph": ("markdown", "json", "mermaid", "dot"),
    "base": ("markdown", "json", "csv"),
    "favoris": ("markdown", "json"),
}
ALIASES = {"md": "markdown", "mmd": "mermaid", "gv": "dot"}
CSV_FIELDS = ("id", "title", "title_feminine", "family", "level", "aliases", "summary", "missions", "savoir_faire",
              "savoir_etre", "channels", "marketing", "structures", "reports_to", "manages", "works_with",
              "comes_from", "evolves_to", "salary", "experience", "rome", "sources", "editorial")


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """Text safe inside Markdown: characters that would start markup are escaped; French typography."""
    out = text.replace("\\", "\\\\")
    for char in "*_`[]<>|#":
        out = out.replace(char, "\\" + char)
    return french.typeset(out)


def _french(produce):
    """A Markdown writer whose whole text follows French typography (its fixed words as well as the data)."""
    import functools

    @functools.wraps(produce)
    def typeset(*args, **kwargs) -> str:
        return french.typeset(produce(*args, **kwargs))

    return typeset


def _items(values) -> list[str]:
    return [f"- {_md(v)}" for v in values]


# --- role and comparison -------------------------------------------------------------------------------------

@_french
def card_markdown(card: Card, depth: int = 1) -> str:
    """A card in Markdown, section by section as the terminal shows it."""
    h = "#" * depth
    lines = [f"{h} {_md(card.title)}", ""]
    if card.title_feminine != card.title:
        lines += [f"*Au féminin : {_md(card.title_feminine)}*", ""]
    lines += [f"**{_md(card.meta)}**", ""]
    if card.aliases:
        lines += [f"Aussi appelé : {_md(', '.join(card.aliases))}", ""]
    lines += [_md(card.summary), ""]
    for section in card.sections:
        lines += [f"{h}# {_md(section.title)}", ""]
        for block in section.blocks:
            if block.kind == "bullets":
                lines += [*_items(block.content), ""]
            elif block.kind == "pairs":
                for label, value in block.content:
                    values = str(value).split("\n")
                    if len(values) == 1:
                        lines.append(f"- **{_md(label)}** : {_md(values[0])}")
                    else:
                        lines.append(f"- **{_md(label)}** :")
                        lines += [f"  - {_md(v)}" for v in values]
                lines.append("")
            elif block.kind == "subheading":
                lines += [f"{h}## {_md(block.content)}", ""]
            elif block.kind == "note":
                lines += [f"*{_md(block.content)}*", ""]
            else:
                lines += [_md(block.content), ""]
    return "\n".join(lines).rstrip() + "\n"


def role_markdown(base: Base, role) -> str:
    return card_markdown(role_card(base, role))


def _value_text(aspect: str, value, base: Base, titles: dict[str, str]) -> list[str]:
    """A comparison value as readable pieces: titles, labels and amounts, never ids or enum values."""
    if value in (None, [], ""):
        return []
    if aspect == "famille":
        return [base.family_label(value)]
    if aspect == "niveau":
        return [LEVELS.get(value, value)]
    if aspect == "canaux":
        return [CHANNELS.get(v, v) for v in value]
    if aspect == "démarche":
        return [MARKETING.get(value, value)]
    if aspect in ("rattachement", "encadre"):
        return [titles.get(v, v) for v in value]
    if aspect == "structures":
        return [base.structure_name(v) for v in value]
    if aspect == "salaire":
        return [f"{euros(value['min'])} à {euros(value['max'])}" + (f" ({value['label'].lower()})"
                                                                   if value.get("label") else "")]
    if aspect == "expérience":
        return [f"au moins {french.plural(value['min_years'], 'an')}"]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@_french
def compare_markdown(base: Base, data: dict) -> str:
    ids = data["roles"]
    related = set(ids) | {v for row in data["rows"] if row["aspect"] in ("rattachement", "encadre")
                          for values in row["values"].values() for v in values or ()}
    titles = base.titles(related)
    names = [titles[i] for i in ids]
    lines = [f"# Comparaison : {_md(' / '.join(names))}", ""]
    if data["summary"]:
        lines += ["## En résumé", "", *_items(data["summary"]), ""]
    common = []
    for row in data["rows"]:
        if row["shared"] and not comparing.differs(row, ids):
            value = row["shared"] if isinstance(row["values"][ids[0]], list) else row["shared"][0]
            common.append(f"- **{row['aspect'].capitalize()}** : {_md(', '.join(_value_text(row['aspect'], value, base, titles)))}")
        elif row["shared"] and row["key"] not in comparing.WHOLE_LISTS:
            common.append(f"- **{row['aspect'].capitalize()}** : "
                          f"{_md(', '.join(_value_text(row['aspect'], row['shared'], base, titles)))}")
    if common:
        lines += ["## En commun", "", *common, ""]
    rows = [row for row in data["rows"] if comparing.differs(row, ids)]
    if rows:
        lines += ["## Ce qui les distingue", "", "| Aspect | " + " | ".join(_md(n) for n in names) + " |",
                  "|---|" + "---|" * len(ids)]
        for row in rows:
            cells = []
            for rid in ids:
                value = row["values"][rid]
                shown = value if row["key"] in comparing.WHOLE_LISTS or not isinstance(value, list) \
                    else comparing.own_items(row, rid)
                cells.append("<br>".join(_md(p) for p in _value_text(row["aspect"], shown, base, titles)) or "—")
            lines.append(f"| {row['aspect'].capitalize()} | " + " | ".join(cells) + " |")
    return "\n".join(lines).rstrip() + "\n"


# --- trees ---------------------------------------------------------------------------------------------------

@_french
def tree_markdown(tree: dict, titles: dict[str, str]) -> str:
    lines = [f"# {_md(tree['label'])}", ""]

    def walk(nodes, depth: int) -> None:
        for node in nodes:
            label = _md(node["label"])
            text = f"**{label}**" if "id" not in node else f"{label} (`{node['id']}`)"
            if node.get("alternative"):
                text = f"*ou* {text}"
                if node.get("condition"):
                    text += f", {_md(node['condition'])}"
            if node.get("covers"):
                text += f" — cumule : {_md(', '.join(titles.get(c, c) for c in node['covers']))}"
            if node.get("note"):
                text += f" — {_md(node['note'])}"
            lines.append("  " * depth + f"- {text}")
            walk(node["children"], depth + 1)

    walk(tree["children"], 0)
    return "\n".join(lines) + "\n"


def _mermaid_label(text: str) -> str:
    return '"' + text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;") + '"'


def _mermaid_id(key: str) -> str:
    """A Mermaid node id from a key such as "r:chef-de-publicite" (ids are kebab-case: no clash is possible)."""
    return key.replace(":", "_").replace("-", "_")


def _tree_nodes(tree: dict) -> list[tuple[str, str, bool, str, bool]]:
    """Every node under the root, depth first: (key, label, is a group, parent's key, is an alternative place).

    Keys say what they name ("s:" the structure, "r:" a role, "g:" a group, numbered in order), so that a role
    can't be mistaken for its structure or a group, whatever the ids. An alternative place is a second edge to
    the role's node, not a second node.
    """
    nodes: list[tuple[str, str, bool, str, bool]] = []
    groups = 0

    def walk(parent: str, children) -> None:
        nonlocal groups
        for node in children:
            group = "id" not in node
            if group:
                groups += 1
            key = f"g:{groups}" if group else f"r:{node['id']}"
            nodes.append((key, node["label"], group, parent, bool(node.get("alternative"))))
            walk(key, node["children"])

    walk(f"s:{tree['id']}", tree["children"])
    return nodes


def tree_mermaid(tree: dict) -> str:
    lines = ["flowchart TD", f"    {_mermaid_id('s:' + tree['id'])}[{_mermaid_label(tree['label'])}]"]
    for key, label, group, parent, alternative in _tree_nodes(tree):
        if not alternative:
            shape = f"([{_mermaid_label(label)}])" if group else f"[{_mermaid_label(label)}]"
            lines.append(f"    {_mermaid_id(key)}{shape}")
    for key, _label, _group, parent, alternative in _tree_nodes(tree):
        arrow = "-.->|ou|" if alternative else "-->"
        lines.append(f"    {_mermaid_id(parent)} {arrow} {_mermaid_id(key)}")
    return "\n".join(lines) + "\n"


def _dot(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def tree_dot(tree: dict) -> str:
    lines = [f"digraph {_dot(tree['id'])} {{", "    rankdir=TB;", "    node [shape=box, fontname=\"Helvetica\"];",
             f"    {_dot('s:' + tree['id'])} [label={_dot(tree['label'])}, shape=doubleoctagon];"]
    for key, label, group, _parent, alternative in _tree_nodes(tree):
        if not alternative:
            lines.append(f"    {_dot(key)} [label={_dot(label)}{', shape=folder' if group else ''}];")
    dashed = ' [style=dashed, label="ou"]'
    for key, _label, _group, parent, alternative in _tree_nodes(tree):
        lines.append(f"    {_dot(parent)} -> {_dot(key)}{dashed if alternative else ''};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- the career graph ----------------------------------------------------------------------------------------

def graph_data(base: Base) -> dict:
    """Every role, and every career move between roles (card moves and steps up a reporting line)."""
    edges = [{"from": m.source, "to": m.target, "kind": m.kind, "basis": m.basis} for m in base.moves()]
    nodes = [{"id": rid, "label": title, "family": family} for rid, title, family, _level in base.summaries()]
    return {"nodes": nodes, "edges": edges}


@_french
def graph_markdown(graph: dict) -> str:
    titles = {n["id"]: n["label"] for n in graph["nodes"]}
    lines = ["# Parcours entre les métiers", ""]
    out: dict[str, list[dict]] = {}
    for edge in graph["edges"]:
        out.setdefault(edge["from"], []).append(edge)
    for node in graph["nodes"]:
        if node["id"] in out:
            lines.append(f"- **{_md(node['label'])}** → " + ", ".join(
                f"{_md(titles.get(e['to'], e['to']))} ({paths.KINDS[e['kind']]})" for e in out[node["id"]]))
    return "\n".join(lines) + "\n"


def graph_mermaid(graph: dict) -> str:
    lines = ["flowchart LR"]
    lines += [f"    {_mermaid_id('r:' + n['id'])}[{_mermaid_label(n['label'])}]" for n in graph["nodes"]]
    for edge in graph["edges"]:
        arrow = "-->" if edge["kind"] == "evolution" else "-.->"
        source, target = _mermaid_id("r:" + edge["from"]), _mermaid_id("r:" + edge["to"])
        lines.append(f"    {source} {arrow}|{paths.KINDS[edge['kind']]}| {target}")
    return "\n".join(lines) + "\n"


def graph_dot(graph: dict) -> str:
    lines = ["digraph \"parcours\" {", "    rankdir=LR;", "    node [shape=box, fontname=\"Helvetica\"];"]
    lines += [f"    {_dot(n['id'])} [label={_dot(n['label'])}];" for n in graph["nodes"]]
    for edge in graph["edges"]:
        style = "solid" if edge["kind"] == "evolution" else "dashed"
        lines.append(f"    {_dot(edge['from'])} -> {_dot(edge['to'])} "
                     f"[label={_dot(paths.KINDS[edge['kind']])}, style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- the whole base ------------------------------------------------------------------------------------------

def base_data(base: Base) -> dict:
    """The base in the shape of its YAML format (INTERFACE.md section 1), format 2."""
    def role_entry(role) -> dict:
        data = plain(role)
        data["skills"] = {kind: [ref.skill if not (ref.detail or ref.level) else
                                 {k: v for k, v in plain(ref).items() if v is not None}
                                 for ref in getattr(role.skills, kind)] for kind in ("savoir_faire", "savoir_etre")}
        return data

    def node_entry(node) -> dict:
        data = {k: v for k, v in plain(node).items() if v not in (None, [], False)}
        data["children"] = [node_entry(child) for child in node.children]
        if not data["children"]:
            del data["children"]
        return data

    structures = [base.structure(sid) for sid, _name in base.structures()]
    rome_codes = [code for (code,) in base.db.execute("SELECT code FROM rome ORDER BY code")]
    rome = base.rome(rome_codes)
    return {
        "version": 2,
        "sources": [{k: v for k, v in plain(s).items() if v is not None} for s in base.sources().values()],
        "families": [plain(f) for f in base.families().values()],
        "rome": [{"code": code, "label": label, **({"note": note} if note else {})}
                 for code, (label, note) in rome.items()],
        "skills": [{k: v for k, v in plain(s).items() if v is not None} for s in base.skills().values()],
        "roles": [role_entry(r) for r in base.roles()],
        "structures": [{"id": s.id, "name": s.name, "description": s.description, "sources": list(s.sources),
                        "chart": [node_entry(n) for n in s.chart]} for s in structures],
        "glossary": [plain(t) for t in base.terms()],
        "advice": [plain(a) for a in base.advice()],
    }


def base_csv(base: Base, separator: str = ",", bom: bool = False) -> str:
    """One row per role, titles and labels rather than ids; lists joined with " ; " (or " | " when the separator
    is a semicolon), for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n", delimiter=separator)
    writer.writeheader()
    joiner = " | " if separator == ";" else " ; "
    everyone = {rid: title for rid, title, _f, _l in base.summaries()}
    structures = dict(base.structures())
    sources = base.sources()
    for role in base.roles():
        data = role_data(base, role)
        row = {}
        for name in CSV_FIELDS:
            value = data["skills"][name] if name in ("savoir_faire", "savoir_etre") else data[name]
            if name == "family":
                value = base.family_label(value)
            elif name == "level":
                value = LEVELS.get(value, value)
            elif name == "channels":
                value = [CHANNELS.get(v, v) for v in value]
            elif name == "marketing":
                value = MARKETING.get(value, value) if value else None
            elif name in ("reports_to", "manages", "works_with", "comes_from", "evolves_to"):
                value = [everyone.get(v, v) for v in value]
            elif name == "structures":
                value = [structures.get(v, v) for v in value]
            elif name == "sources":
                value = [sources[v].publisher if v in sources else v for v in value]
            elif name == "salary" and value:
                value = f"{value['min']}-{value['max']} {value['currency']} ({value['label']})"
            elif name == "experience" and value:
                value = f"{value['min_years']} ans"
            if isinstance(value, list):
                value = joiner.join(str(v) for v in value)
            row[name] = "" if value is None else value
        writer.writerow(row)
    return ("\ufeff" if bom else "") + buffer.getvalue()


@_french
def base_markdown(base: Base) -> str:
    parts = ["# Métiers de la communication et du marketing digital", ""]
    roles = base.roles()
    for family in base.families().values():
        members = [r for r in roles if r.family == family.id]
        if members:
            parts += [f"## {_md(family.label)}", ""]
            parts += [card_markdown(role_card(base, role), depth=3) for role in members]
    return "\n".join(parts)


# --- favourites ----------------------------------------------------------------------------------------------

@_french
def favourites_markdown(base: Base, roles: list) -> str:
    """The favourite roles for a counsellor's follow-up: the list, then each card in full."""
    import datetime

    today = datetime.date.today().strftime("%d/%m/%Y")
    lines = ["# Métiers favoris", "", f"*Exporté le {today} depuis metiers.*", ""]
    if not roles:
        return "\n".join(lines + ["Aucun favori : dans « metiers explore », la touche f marque un métier.", ""])
    lines += [f"- **{_md(r.title)}** — {_md(r.summary.split('. ')[0].rstrip('.'))}." for r in roles]
    lines.append("")
    parts = ["\n".join(lines)] + [card_markdown(role_card(base, r), depth=2) for r in roles]
    return "\n".join(parts)
