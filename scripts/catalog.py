"""Compiles metiers' gettext catalog: src/metiers_cli/locale/fr/LC_MESSAGES/metiers.po -> metiers.mo.

    python scripts/catalog.py          # writes metiers.mo
    python scripts/catalog.py --check  # exit 1 if metiers.mo is not the compiled metiers.po

The .po format used here is the simple one the catalog is written in: `msgid "…"` / `msgstr "…"` pairs, each
string on one or more quoted lines, `#` comments. The .mo is GNU gettext's binary format, which Python's gettext
module reads.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

CATALOG = Path(__file__).resolve().parent.parent / "src" / "metiers_cli" / "locale" / "fr" / "LC_MESSAGES"


def read_po(text: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    key = None
    current: dict[str, str] = {}
    for line in text.splitlines() + [""]:
        line = line.strip()
        if line.startswith("msgid "):
            if "msgid" in current:
                messages[current["msgid"]] = current.get("msgstr", "")
            current, key = {"msgid": ast.literal_eval(line[6:])}, "msgid"
        elif line.startswith("msgstr "):
            current["msgstr"], key = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line and "msgid" in current:
            messages[current["msgid"]] = current.get("msgstr", "")
            current, key = {}, None
    return messages


def mo_bytes(messages: dict[str, str]) -> bytes:
    """GNU .mo: header, the tables of originals and translations (length, offset), then the strings."""
    keys = sorted(messages)
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    count = len(keys)
    start = 7 * 4 + 16 * count  # header, then two tables of count (length, offset) pairs
    offsets, data = [], b""
    for blob in ids + strs:
        offsets.append((len(blob), start + len(data)))
        data += blob + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in offsets)
    return header + tables + data


def compiled() -> bytes:
    return mo_bytes(read_po((CATALOG / "metiers.po").read_text(encoding="utf-8")))


def main() -> int:
    target = CATALOG / "metiers.mo"
    if "--check" in sys.argv:
        same = target.is_file() and target.read_bytes() == compiled()
        print("catalogue à jour" if same else "metiers.mo ne correspond pas à metiers.po : python scripts/catalog.py")
        return 0 if same else 1
    target.write_bytes(compiled())
    print(f"écrit : {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
