"""Org charts drawn as trees (``metiers tree``): a structure, or the places of a role with every possible line."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from rich.tree import Tree

from .common import ACCENT, DIM, HEADING, bullets, words


def _node_label(node: dict, titles: dict[str, str], sources: dict[str, str], focus: str | None = None) -> Text:
    if "id" not in node:
        return words(node["label"], HEADING)
    alternative = node.get("alternative")
    text = Text()
    if alternative:
        text.append("ou ", style="dim italic")
    text.append_text(words(node["label"], "bold reverse" if node["id"] == focus else "dim" if alternative else ACCENT))
    text.append(f"  {node['id']}", style=DIM)
    if node.get("condition"):
        text.append_text(words(f"\n{node['condition']}", "dim italic"))
    if node.get("sources") and alternative:
        text.append_text(words("\nsource : " + ", ".join(sources.get(s, s) for s in node["sources"]), "dim italic"))
    if node.get("covers"):
        text.append_text(words("\ncumule : " + ", ".join(titles.get(c, c) for c in node["covers"]), "italic"))
    if node.get("note"):
        text.append_text(words(f"\n{node['note']}", "dim italic"))
    return text


def _add(tree: Tree, nodes: list[dict], titles, sources, focus: str | None = None) -> None:
    for node in nodes:
        _add(tree.add(_node_label(node, titles, sources, focus)), node["children"], titles, sources, focus)


def structure_tree(data: dict, titles: dict[str, str], sources: dict[str, str]) -> Tree:
    tree = Tree(words(data["label"], "bold"), guide_style=DIM)
    _add(tree, data["children"], titles, sources)
    return tree


def role_trees(data: dict, titles: dict[str, str], sources: dict[str, str]) -> RenderableType:
    if not data["structures"]:
        return words(f"{data['label']} ne figure dans aucun organigramme de la base.", "italic")
    parts: list[RenderableType] = []
    for place in data["structures"]:
        tree = Tree(words(place["label"], "bold"), guide_style=DIM)
        branch = tree
        if place.get("group"):
            branch = branch.add(words(place["group"], HEADING))
        for boss in place["above"]:
            branch = branch.add(_node_label({"label": titles.get(boss, boss), "id": boss}, titles, sources))
        here = branch.add(_node_label({"label": data["label"], "id": data["id"]}, titles, sources, focus=data["id"]))
        _add(here, place["below"], titles, sources)
        parts.append(tree)
        if place["alternatives"]:
            lines: list[RenderableType] = []
            for alt in place["alternatives"]:
                chain = " › ".join(titles.get(r, r) for r in alt["above"])
                basis = "jugement éditorial" if alt["editorial"] else \
                    "source : " + ", ".join(sources.get(s, s) for s in alt["sources"])
                line = words(chain, ACCENT)
                if alt.get("condition"):
                    line.append_text(words(f", {alt['condition']}", "italic"))
                line.append_text(words(f" ({basis})", DIM))
                lines.append(line)
            parts.append(Group(words("Selon l'organisation, sous un autre responsable :", "italic"), bullets(lines, marker="ou")))
        parts.append(Text(""))
    return Group(*parts[:-1])
