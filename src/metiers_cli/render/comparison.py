"""The comparison of ``metiers compare``, read top-down: the summary first, what the roles share, then only what
differs, in columns where there is room and in blocks on a narrow terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.table import Table
from rich.text import Text

from .. import compare as comparing, french
from .console import READING_WIDTH
from ..card import euros
from .common import ACCENT, DIM, HEADING, bullets, channels_label, level_label, marketing_label, pairs, section, words


def _cell(aspect: str, value, titles: dict[str, str], structures: dict[str, str], families: dict[str, str]):
    """One value of a comparison row, readable: lists as bullets, ids as titles, amounts in euros."""
    if value in (None, [], ""):
        return Text("—", style=DIM)
    if aspect == "famille":
        return words(families.get(value, value))
    if aspect == "niveau":
        return words(level_label(value))
    if aspect == "canaux":
        return words(channels_label(value))
    if aspect == "démarche":
        return words(marketing_label(value))
    if aspect in ("rattachement", "encadre"):
        return words(", ".join(titles.get(v, v) for v in value))
    if aspect == "structures":
        return words(", ".join(structures.get(s, s) for s in value))
    if aspect == "salaire":
        label = f" ({value['label'].lower()})" if value.get("label") else ""
        return words(f"{euros(value['min'])} à {euros(value['max'])}{label}")
    if aspect == "expérience":
        return words(f"au moins {french.plural(value['min_years'], 'an')}")
    if isinstance(value, list):
        return bullets(str(v) for v in value) if len(value) > 1 else words(str(value[0]))
    return words(str(value))


def _shown(row: dict, role_id: str):
    """What a role's column shows for a row that differs: its own items, or its whole list when short."""
    value = row["values"][role_id]
    if row["key"] in comparing.WHOLE_LISTS or not isinstance(value, list):
        return value
    return comparing.own_items(row, role_id)


def _label(row: dict) -> str:
    partly_shared = isinstance(row["values"][next(iter(row["values"]))], list) and row["shared"] \
        and row["key"] not in comparing.WHOLE_LISTS
    return row["aspect"].capitalize() + (" (en propre)" if partly_shared else "")


def comparison(data: dict, titles: dict[str, str], structures: dict[str, str], families: dict[str, str],
               width: int) -> Group:
    ids = data["roles"]
    names = [titles.get(i, i) for i in ids]
    parts: list[RenderableType] = [words("Comparaison : " + " · ".join(names), "bold")]
    if data["summary"]:  # prose: no wider than a reading width, even where the table below takes more room
        parts.append(Constrain(section("En résumé", bullets(data["summary"])), READING_WIDTH))
    common = [(row["aspect"].capitalize(), _cell(row["aspect"], row["shared"] if isinstance(row["values"][ids[0]], list)
                                                  else row["shared"][0], titles, structures, families))
              for row in data["rows"] if row["shared"] and row["key"] not in comparing.WHOLE_LISTS]
    whole_shared = [(row["aspect"].capitalize(), _cell(row["aspect"], row["shared"], titles, structures, families))
                    for row in data["rows"] if row["key"] in comparing.WHOLE_LISTS
                    and not comparing.differs(row, ids) and row["shared"]]
    if common or whole_shared:
        parts.append(Constrain(section("En commun", pairs(common + whole_shared)), READING_WIDTH))
    rows = [row for row in data["rows"] if comparing.differs(row, ids)]
    if rows:
        if width >= 20 + 26 * len(ids):
            table = Table(show_lines=True, header_style=HEADING)
            # the aspects' column as narrow as its longest word: « Savoir-faire (en propre) » on two lines
            longest = max(len(word) for r in rows for word in _label(r).split())
            table.add_column("", style=ACCENT, width=longest, overflow="fold")
            for name in names:
                table.add_column(words(name), ratio=1, overflow="fold")
            for row in rows:
                table.add_row(words(_label(row)), *(_cell(row["aspect"], _shown(row, i), titles, structures, families)
                                                    for i in ids))
            parts.append(section("Ce qui les distingue", table))
        else:
            blocks = [section(_label(row), pairs([(titles.get(i, i), _cell(row["aspect"], _shown(row, i), titles,
                                                                           structures, families)) for i in ids]))
                      for row in rows]
            parts.append(section("Ce qui les distingue", Group(*blocks)))
    return Group(*parts)
