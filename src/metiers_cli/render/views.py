"""Renderables for compare, tree, search, list and glossary."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .. import compare as comparing
from ..model import KnowledgeBase, Role
from ..paths import KINDS
from .common import (
    ACCENT,
    DIM,
    HEADING,
    bullets,
    channels_label,
    euros,
    join_titles,
    level_label,
    marketing_label,
    pairs,
    section,
)

FIELD_NAMES = {"id": "identifiant", "title": "intitulé", "title_feminine": "forme féminine", "alias": "autre nom",
               "summary": "résumé", "mission": "mission", "skill": "compétence", "term": "vocabulaire"}


# --- compare ---------------------------------------------------------------------------------------------

def _cell(kb: KnowledgeBase, aspect: str, value) -> RenderableType:
    """One value of a comparison row, readable: lists as bullets, ids as titles, amounts in euros."""
    if value in (None, [], ""):
        return Text("—", style=DIM)
    if aspect == "famille":
        return Text(kb.family_label(value))
    if aspect == "niveau":
        return Text(level_label(value))
    if aspect == "canaux":
        return Text(channels_label(value))
    if aspect == "démarche":
        return Text(marketing_label(value))
    if aspect in ("rattachement", "encadre"):
        return Text(join_titles(kb, value))
    if aspect == "structures":
        return Text(", ".join(kb.structures[s].name for s in value if s in kb.structures))
    if aspect == "salaire":
        label = f" ({value['label']})" if value.get("label") else ""
        return Text(f"{euros(value['min'])} à {euros(value['max'])}{label}")
    if aspect == "expérience":
        return Text(f"au moins {value['min_years']} ans")
    if isinstance(value, list):
        return bullets(str(v) for v in value) if len(value) > 1 else Text(str(value[0]))
    return Text(str(value))


def _own(row: dict, role_id: str):
    own = comparing.own_items(row, role_id)
    return own if isinstance(row["values"][role_id], list) else (own[0] if own else None)


def _shared(row: dict, ids: list[str]):
    shared = row["shared"]
    return shared if isinstance(row["values"][ids[0]], list) else (shared[0] if shared else None)


def comparison(kb: KnowledgeBase, roles: list[Role], data: dict, width: int) -> Group:
    """Each role's own answer per aspect, then what they share, then the key differences.

    A table when the columns can be read; on a narrow terminal, one block per aspect.
    """
    ids = data["roles"]
    rows = [r for r in data["rows"] if any(r["values"][i] not in (None, [], "") for i in ids)]
    parts: list[RenderableType] = []
    if width >= 20 + 26 * len(ids):
        table = Table(show_lines=True, header_style=HEADING)
        table.add_column("", style=ACCENT, no_wrap=True, min_width=max(len(r["aspect"]) for r in rows) + 1)
        for role in roles:
            table.add_column(role.title, ratio=1, overflow="fold")
        for row in rows:
            cells = []
            for rid in ids:
                own = _own(row, rid)
                cells.append(_cell(kb, row["aspect"], own) if own not in (None, []) or not row["shared"]
                             else Text("(en commun)", style=DIM))
            table.add_row(Text(row["aspect"].capitalize()), *cells)
        parts.append(table)
    else:
        for row in rows:
            lines = [(role.title, _cell(kb, row["aspect"], _own(row, role.id))) for role in roles
                     if _own(row, role.id) not in (None, []) or not row["shared"]]
            if lines:
                parts.append(section(row["aspect"].capitalize(), pairs(lines)))
    common = [(row["aspect"].capitalize(), _cell(kb, row["aspect"], _shared(row, ids)))
              for row in rows if row["shared"]]
    if common:
        parts.append(section("En commun", pairs(common)))
    if data["summary"]:
        parts.append(section("En résumé", bullets(data["summary"])))
    return Group(*parts)


# --- tree ------------------------------------------------------------------------------------------------

def _node_label(kb: KnowledgeBase, node: dict, focus: str | None = None) -> Text:
    if "id" not in node:
        return Text(node["label"], style=HEADING)
    text = Text(node["label"], style="bold reverse" if node["id"] == focus else ACCENT)
    text.append(f"  {node['id']}", style=DIM)
    if node.get("covers"):
        text.append(f"\ncumule : {join_titles(kb, node['covers'])}", style="italic")
    if node.get("note"):
        text.append(f"\n{node['note']}", style="dim italic")
    return text


def _add(kb: KnowledgeBase, tree: Tree, nodes: list[dict], focus: str | None = None) -> None:
    for node in nodes:
        _add(kb, tree.add(_node_label(kb, node, focus)), node["children"], focus)


def structure_tree(kb: KnowledgeBase, data: dict) -> Tree:
    tree = Tree(Text(data["label"], style="bold"), guide_style=DIM)
    _add(kb, tree, data["children"])
    return tree


def role_trees(kb: KnowledgeBase, data: dict) -> RenderableType:
    if not data["structures"]:
        return Text(f"{data['label']} ne figure dans aucun organigramme de la base.", style="italic")
    trees = []
    for place in data["structures"]:
        tree = Tree(Text(place["label"], style="bold"), guide_style=DIM)
        branch = tree
        if place.get("group"):
            branch = branch.add(Text(place["group"], style=HEADING))
        for boss in place["above"]:
            branch = branch.add(_node_label(kb, {"label": kb.role_title(boss), "id": boss}))
        here = branch.add(_node_label(kb, {"label": data["label"], "id": data["id"]}, focus=data["id"]))
        _add(kb, here, place["below"])
        trees.extend([tree, Text("")])
    return Group(*trees[:-1])


# --- path and match --------------------------------------------------------------------------------------

BASIS = {"source": "appuyé sur une source", "editorial": "jugement éditorial"}


def career_path(kb: KnowledgeBase, data: dict) -> Group:
    parts: list[RenderableType] = [Text.assemble(
        (kb.role_title(data["from"]), "bold"), " → ", (kb.role_title(data["to"]), "bold"),
        (f"  en {len(data['steps'])} étape{'s' if len(data['steps']) > 1 else ''}", DIM))]
    for number, step in enumerate(data["steps"], 1):
        title = Text.assemble((f"{number}. ", DIM), (kb.role_title(step["from"]), ACCENT), " → ",
                              (kb.role_title(step["to"]), ACCENT), (f"  ({KINDS.get(step['kind'], step['kind'])})", DIM))
        rows = [("Pourquoi", f"{step['why'][:1].upper()}{step['why'][1:]} ({BASIS[step['basis']]}).")]
        if step["skills_to_acquire"]:
            rows.append(("À acquérir", bullets(step["skills_to_acquire"])))
        parts.append(Group(Text(""), title, pairs(rows)))
    return Group(*parts)


def matches(kb: KnowledgeBase, fits: list, notes: list[str], profile: str) -> Group:
    table = Table(header_style=HEADING, show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Métier", ratio=2, overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Pourquoi", ratio=5, overflow="fold")
    for rank, fit in enumerate(fits, 1):
        title = Text(fit.title, style=ACCENT)
        title.append(f"\n{fit.id}", style=DIM)
        table.add_row(Text(str(rank)), title, Text(f"{fit.score:.0f}"),
                      bullets(fit.reasons) if fit.reasons else Text("—", style=DIM))
    parts: list[RenderableType] = [Text(profile, style=DIM), table]
    if notes:
        parts.append(section("À savoir", bullets(notes)))
    parts.append(Text("\nLes aptitudes et profils RIASEC des métiers relèvent d'un jugement éditorial ; "
                      "voyez chaque fiche avec « metiers show ».", style=DIM))
    return Group(*parts)
