"""Progress on stderr while a large base is read for the first time (only on a terminal)."""

from __future__ import annotations


class Progress:
    """Phases with a bar for the reading, shown on stderr and cleared at the end."""

    def __init__(self):
        from rich.progress import BarColumn, Progress as Bar, TaskProgressColumn, TextColumn, TimeElapsedColumn

        from .console import make_console

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                       console=make_console(stderr=True), transient=True)
        self.task = None

    def __enter__(self) -> Progress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)

    def phase(self, label: str) -> None:
        if self.task is not None:
            self.bar.update(self.task, completed=self.bar.tasks[self.task].total)
        self.task = self.bar.add_task(label, total=None)

    def update(self, done: int, total: int) -> None:
        if self.task is not None:
            self.bar.update(self.task, completed=done, total=total)
