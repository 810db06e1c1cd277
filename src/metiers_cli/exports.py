"""Exports for workshops and other tools: Markdown, JSON, CSV, Mermaid and Graphviz DOT, as text.

Pure functions over the model and the data the commands already compute; writing files is files.py's job.
"""

from __future__ import annotations

import csv
import io
import json
from . import orgchart, paths
from .compare import own_items
from .model import LEVELS, KnowledgeBase, Role
from .views import plain, role_data

FORMATS = {
    "role": ("markdown", "json"),
    "compare": ("markdown", "json"),
    "tree": ("markdown", "json", "mermaid", "dot"),
    "graph": ("markdown", "json", "mermaid", "dot"),
    "base": ("markdown", "json", "csv"),
}
CSV_FIELDS = ("id", "title", "title_feminine", "family", "level", "aliases", "summary", "missions", "savoir_faire",
              "savoir_etre", "channels", "marketing", "structures", "reports_to", "manages", "works_with",
              "comes_from", "evolves_to", "salary", "experience", "rome", "sources", "editorial")


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """Text safe inside Markdown: characters that would start markup are escaped."""
    out = text.replace("\\", "\\\\")
    for char in "*_`[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def _items(values) -> list[str]:
    return [f"- {_md(v)}" for v in values]


# --- role and comparison ---------------------------------------------------------------------------------

def role_markdown(kb: KnowledgeBase, role: Role) -> str:
    lines = [f"# {_md(role.title)}", ""]
    if role.title_feminine != role.title:
        lines += [f"*Au féminin : {_md(role.title_feminine)}*", ""]
    lines += [f"**{_md(kb.family_label(role.family))}** · {LEVELS.get(role.level, role.level)}"
              + (" · fiche éditoriale" if not role.sources else ""), ""]
    if role.aliases:
        lines += [f"Aussi appelé : {_md(', '.join(role.aliases))}", ""]
    lines += [_md(role.summary), ""]

    def block(title: str, values) -> None:
        if values:
            lines.extend([f"## {title}", "", *_items(values), ""])

    block("Missions", role.missions)
    block("Savoir-faire", role.skills.savoir_faire)
    block("Savoir-être", role.skills.savoir_etre)
    reporting = []
    for sid, lines_of in orgchart.reporting(kb, role.id).items():
        boss = ", ".join(kb.role_title(r) for r in lines_of["reports_to"]) or "—"
        team = ", ".join(kb.role_title(r) for r in lines_of["manages"]) or "—"
        reporting.append(f"{kb.structures[sid].name} : rend compte à {boss} ; encadre {team}")
    block("Rattachement", reporting)
    block("Ne pas confondre avec", [f"{kb.role_title(d.role)} — {d.text}" for d in role.distinctions])
    block("Vient souvent de", [kb.role_title(r) for r in role.comes_from])
    block("Peut évoluer vers", [kb.role_title(r) for r in role.evolves_to])
    facts = []
    if role.salary:
        facts.append(f"Salaire : {role.salary.min} à {role.salary.max} {role.salary.currency} "
                     f"({role.salary.label}) — source : {kb.sources[role.salary.source].publisher}")
    if role.experience:
        facts.append(f"Expérience : au moins {role.experience.min_years} ans — source : "
                     f"{kb.sources[role.experience.source].publisher}")
    facts += [f"Fiche ROME {code} {kb.rome.get(code, '')}".rstrip() for code in role.rome]
    block("Repères", facts)
    block("Formation", role.education)
    block("Qui recrute", role.recruiters)
    block("Sources", [f"{s.publisher} — « {s.title} »" for s in (kb.sources[i] for i in role.sources)]
          or ["Fiche éditoriale : aucune source de la base ne décrit ce métier."])
    return "\n".join(lines).rstrip() + "\n"


def compare_markdown(kb: KnowledgeBase, roles: list[Role], data: dict) -> str:
    ids = data["roles"]
    lines = [f"# Comparaison : {_md(' / '.join(r.title for r in roles))}", "",
             "| Aspect | " + " | ".join(_md(r.title) for r in roles) + " |",
             "|---|" + "---|" * len(roles)]

    def cell(value) -> str:
        if isinstance(value, list):
            value = [kb.role_title(v) if v in kb.roles else kb.structures[v].name if v in kb.structures else v
                     for v in value]
            return "<br>".join(_md(str(v)) for v in value) or "—"
        if isinstance(value, dict):
            return _md(", ".join(f"{k} {v}" for k, v in value.items()))
        if value in kb.families:
            return _md(kb.family_label(value))
        return _md(LEVELS.get(value, str(value))) if value is not None else "—"

    for row in data["rows"]:
        own = []
        for rid in ids:
            items = own_items(row, rid)
            own.append(cell(items if isinstance(row["values"][rid], list) else (items[0] if items else None))
                       if items or not row["shared"] else "(en commun)")
        lines.append(f"| {row['aspect'].capitalize()} | " + " | ".join(own) + " |")
    common = [f"- **{row['aspect'].capitalize()}** : {cell(row['shared'] if isinstance(row['values'][ids[0]], list) else row['shared'][0])}"
              for row in data["rows"] if row["shared"]]
    if common:
        lines += ["", "## En commun", "", *common]
    if data["summary"]:
        lines += ["", "## En résumé", "", *_items(data["summary"])]
    return "\n".join(lines) + "\n"


# --- trees -----------------------------------------------------------------------------------------------

def tree_markdown(tree: dict) -> str:
    lines = [f"# {_md(tree['label'])}", ""]

    def walk(nodes, depth: int) -> None:
        for node in nodes:
            label = _md(node["label"])
            text = f"**{label}**" if "id" not in node else f"{label} (`{node['id']}`)"
            if node.get("covers"):
                text += f" — cumule : {_md(', '.join(node['covers']))}"
            lines.append("  " * depth + f"- {text}")
            walk(node["children"], depth + 1)

    walk(tree["children"], 0)
    return "\n".join(lines) + "\n"


def _mermaid_label(text: str) -> str:
    return '"' + text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;") + '"'


def _mermaid_id(key: str) -> str:
    """A Mermaid node id from a key such as "r:chef-de-publicite" (ids are kebab-case: no clash is possible)."""
    return key.replace(":", "_").replace("-", "_")


def _tree_nodes(tree: dict) -> list[tuple[str, str, bool, str]]:
    """Every node under the root, depth first: (key, label, is a group, parent's key).

    Keys say what they name ("s:" the structure, "r:" a role, "g:" a group, numbered in order), so that a role
    can't be mistaken for its structure or a group, whatever the ids.
    """
    nodes: list[tuple[str, str, bool, str]] = []
    groups = 0

    def walk(parent: str, children) -> None:
        nonlocal groups
        for node in children:
            group = "id" not in node
            if group:
                groups += 1
            key = f"g:{groups}" if group else f"r:{node['id']}"
            nodes.append((key, node["label"], group, parent))
            walk(key, node["children"])

    walk(f"s:{tree['id']}", tree["children"])
    return nodes


def tree_mermaid(tree: dict) -> str:
    lines = ["flowchart TD", f"    {_mermaid_id('s:' + tree['id'])}[{_mermaid_label(tree['label'])}]"]
    for key, label, group, parent in _tree_nodes(tree):
        shape = f"([{_mermaid_label(label)}])" if group else f"[{_mermaid_label(label)}]"
        lines.append(f"    {_mermaid_id(key)}{shape}")
        lines.append(f"    {_mermaid_id(parent)} --> {_mermaid_id(key)}")
    return "\n".join(lines) + "\n"


def _dot(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def tree_dot(tree: dict) -> str:
    lines = [f"digraph {_dot(tree['id'])} {{", "    rankdir=TB;", "    node [shape=box, fontname=\"Helvetica\"];",
             f"    {_dot('s:' + tree['id'])} [label={_dot(tree['label'])}, shape=doubleoctagon];"]
    for key, label, group, parent in _tree_nodes(tree):
        lines.append(f"    {_dot(key)} [label={_dot(label)}{', shape=folder' if group else ''}];")
        lines.append(f"    {_dot(parent)} -> {_dot(key)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- the career graph ------------------------------------------------------------------------------------

def graph_data(kb: KnowledgeBase) -> dict:
    """Every role, and every career move between roles (card moves and steps up a reporting line)."""
    edges = [{"from": m.source, "to": m.target, "kind": m.kind, "basis": m.basis}
             for out in paths.moves(kb).values() for m in out]
    nodes = [{"id": r.id, "label": r.title, "family": r.family} for r in kb.roles.values()]
    return {"nodes": nodes, "edges": edges}


def graph_markdown(kb: KnowledgeBase, graph: dict) -> str:
    lines = ["# Parcours entre les métiers", ""]
    for node in graph["nodes"]:
        out = [e for e in graph["edges"] if e["from"] == node["id"]]
        if out:
            lines.append(f"- **{_md(node['label'])}** → " + ", ".join(
                f"{_md(kb.role_title(e['to']))} ({paths.KINDS[e['kind']]})" for e in out))
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


# --- the whole base --------------------------------------------------------------------------------------

def base_data(kb: KnowledgeBase) -> dict:
    """The base in the shape of its YAML format (INTERFACE.md section 1)."""
    return {
        "version": kb.version,
        "sources": [plain(s) for s in kb.sources.values()],
        "families": [plain(f) for f in kb.families.values()],
        "rome": [{"code": code, "label": label} for code, label in kb.rome.items()],
        "roles": [plain(r) for r in kb.roles.values()],
        "structures": [plain(s) for s in kb.structures.values()],
        "glossary": [plain(t) for t in kb.glossary.values()],
    }


def base_csv(kb: KnowledgeBase) -> str:
    """One row per role; lists joined with " ; ", for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for role in kb.roles.values():
        data = role_data(kb, role)
        row = {}
        for name in CSV_FIELDS:
            value = data["skills"][name] if name in ("savoir_faire", "savoir_etre") else data[name]
            if isinstance(value, dict):
                value = " ; ".join(f"{k}={v}" for k, v in value.items())
            elif isinstance(value, list):
                value = " ; ".join(str(v) for v in value)
            row[name] = "" if value is None else value
        writer.writerow(row)
    return buffer.getvalue()


def base_markdown(kb: KnowledgeBase) -> str:
    parts = ["# Métiers de la communication et du marketing digital", ""]
    for family in kb.families.values():
        members = [r for r in kb.roles.values() if r.family == family.id]
        if members:
            parts += [f"## {_md(family.label)}", ""]
            for role in members:
                parts.append(role_markdown(kb, role).replace("\n# ", "\n### ").replace("# ", "### ", 1)
                             .replace("\n## ", "\n#### "))
    return "\n".join(parts)
