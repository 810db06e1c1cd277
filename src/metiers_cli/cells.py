"""Terminal cells, without Rich: which texts take one cell a character, so that they can be padded by length.

A list of roles is laid out by length when every title shows as written: by Python, or for a long list by SQLite
itself (store.RoleListing), which is why the compiled base notes, for each role, whether its title does.
"""

from __future__ import annotations

import re

from . import french

# Latin letters, their accents and punctuation, and french.GLUE
_ONE_CELL = re.compile(r"[\u0020-\u007e\u00a0-\u02ff\u1e00-\u200a\u2010-\u2027\u202f-\u205f\ue000]*")


def one_cell(text: str) -> bool:
    """Whether each character of a text takes one cell (Latin script: nearly every base), in one test."""
    return _ONE_CELL.fullmatch(text) is not None


def shown_as_written(text: str) -> bool:
    """Whether a text shows exactly as written, a cell a character: French typesetting leaves it alone (no « : »
    to glue to its word) and each of its characters takes one cell."""
    return one_cell(text) and french.typeset(text, french.GLUE) == text
