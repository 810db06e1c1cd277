"""Building blocks shared by the renderers: French labels, typeset text, bullet lists, label/value pairs, sections.

Every text a renderer shows goes through ``words()``: French typography, with no-break spaces Rich can't break
at (french.GLUE, turned back into no-break spaces when the output is written).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from .. import french
from ..cells import one_cell
from ..model import CHANNELS, LEVELS, MARKETING

HEADING = "bold cyan"
DIM = "dim"
ACCENT = "bold"
MATCH = "bold yellow"


def words(text: str, style: str = "") -> Text:
    """A text as the renderers show it: French typography that never breaks before « : » or inside « »."""
    return Text(french.typeset(text, french.GLUE), style=style)


def text_widths(texts: list[str]) -> list[int]:
    """How many cells each text takes: their lengths when all are in Latin script, else Rich's measure of each."""
    if one_cell("".join(texts)):
        return [len(text) for text in texts]
    return [cell_len(text) for text in texts]


def level_label(level: str) -> str:
    return LEVELS.get(level, level)


def channels_label(channels: Iterable[str]) -> str:
    return ", ".join(CHANNELS.get(c, c) for c in channels)


def marketing_label(value: str | None) -> str:
    return MARKETING.get(value, value) if value else ""


def heading(text: str) -> Text:
    return words(text, HEADING)


def _text(item: RenderableType | str) -> RenderableType:
    return words(item) if isinstance(item, str) else item


def _styled(console: Console, line: Text) -> Iterable[Segment]:
    """A wrapped line's segments with the text's own style under its spans (Text.render leaves it out)."""
    segments = line.render(console)
    return Segment.apply_style(segments, console.get_style(line.style)) if line.style else segments


def _lines(console: Console, renderable: RenderableType, options: ConsoleOptions) -> list[list[Segment]]:
    """A renderable as lines of segments, not cropped: an identifier longer than the line runs on whole."""
    return list(Segment.split_lines(console.render(renderable, options)))


class Bullets:
    """A list whose items wrap under their own text, not under the marker: "•" then the text."""

    def __init__(self, items: Iterable[RenderableType | str], marker: str = "•"):
        self.items = [_text(item) for item in items]
        self.marker = marker

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = cell_len(self.marker) + 1
        width = max(1, options.max_width - indent)
        first, rest = Segment(self.marker + " ", console.get_style(DIM)), Segment(" " * indent)
        for item in self.items:
            lines = item.wrap(console, width) if isinstance(item, Text) else \
                _lines(console, item, options.update_width(width))
            for number, line in enumerate(lines):
                yield first if number == 0 else rest
                yield from (_styled(console, line) if isinstance(line, Text) else line)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        texts = [item for item in self.items if isinstance(item, Text)]
        longest = max((cell_len(t.plain) for t in texts), default=1)
        word = max((cell_len(w) for t in texts for w in t.plain.split()), default=1)
        indent = cell_len(self.marker) + 1
        return Measurement(min(word, longest) + indent, longest + indent).clamp(max_width=options.max_width)


def bullets(items: Iterable[RenderableType | str], marker: str = "•") -> Bullets:
    return Bullets(items, marker)


class Pairs:
    """Label: value rows. Two columns where there is room; on a narrow terminal, each value under its label."""

    WIDE = 60

    def __init__(self, rows: Iterable[tuple[str, RenderableType | str]]):
        self.rows = [(label, _text(value)) for label, value in rows]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        label_style = console.get_style(DIM)
        if width >= self.WIDE:
            column = min(24, max(cell_len(label) for label, _v in self.rows))
            value_width = width - column - 1
            for label, value in self.rows:
                labels = Text(label).wrap(console, column, overflow="fold")
                values = value.wrap(console, value_width) if isinstance(value, Text) else \
                    _lines(console, value, options.update_width(value_width))
                for number in range(max(len(labels), len(values))):
                    text = labels[number].plain if number < len(labels) else ""
                    yield Segment(text + " " * (column - cell_len(text) + 1), label_style)
                    if number < len(values):
                        line = values[number]
                        yield from (_styled(console, line) if isinstance(line, Text) else line)
                    yield Segment.line()
            return
        for label, value in self.rows:
            yield Text(label, style=DIM)
            yield Indented(value)


def pairs(rows: Iterable[tuple[str, RenderableType | str]]) -> Pairs:
    return Pairs(rows)


class Indented:
    """A renderable shifted right, wrapping within what is left of the width."""

    def __init__(self, body: RenderableType, indent: int = 2):
        self.body, self.indent = _text(body), indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        pad = Segment(" " * self.indent)
        width = max(1, options.max_width - self.indent)
        if isinstance(self.body, Text):
            lines = [list(_styled(console, line)) for line in self.body.wrap(console, width)]
        else:
            lines = _lines(console, self.body, options.update_width(width))
        for line in lines:
            yield pad
            yield from line
            yield Segment.line()


def section(title: str, body: RenderableType | str) -> Group:
    return Group(Text(""), heading(title), Indented(body))


def join_titles(titles: dict[str, str], ids: Iterable[str]) -> str:
    return ", ".join(titles.get(i, i) for i in ids)


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    shown = french.typeset(text, french.GLUE)
    out = Text(shown if len(shown) == len(text) else text)
    for start, end in spans:
        out.stylize(MATCH, start, end)
    return out


def identifier(text: str) -> Text:
    """An id people copy: never split; on a line too narrow for it, it runs on whole (the terminal wraps it, a
    copy or a pipe gets it in one piece)."""
    return Text(text, style=DIM, no_wrap=True, overflow="ignore")
