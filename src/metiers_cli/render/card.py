"""The role card of ``metiers show``: the sections of card.py, drawn with Rich."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from ..card import Block, Card
from .common import ACCENT, DIM, bullets, pairs, section, words


def _block(block: Block) -> RenderableType:
    if block.kind == "bullets":
        return bullets(block.content)
    if block.kind == "pairs":
        return pairs(block.content)
    if block.kind == "subheading":
        return words(block.content, ACCENT)
    if block.kind == "note":
        return words(block.content, "italic")
    return words(block.content)


def role_card(card: Card) -> Group:
    title = words(card.title, "bold")
    if card.title_feminine != card.title:
        title.append_text(words(f" · {card.title_feminine}", "bold"))
    header: list[RenderableType] = [Rule(style=DIM), title, words(card.meta, DIM)]
    if card.aliases:
        header.append(Text.assemble(words("Aussi appelé : ", DIM), words(", ".join(card.aliases))))
    header.append(Rule(style=DIM))
    parts: list[RenderableType] = [Group(*header), Text(""), words(card.summary)]
    for sec in card.sections:
        parts.append(section(sec.title, Group(*(_block(b) for b in sec.blocks))))
    return Group(*parts)
