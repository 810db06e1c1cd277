"""Exit codes (INTERFACE.md section 3) and the errors that carry them to the command line."""

from __future__ import annotations

from typing import NamedTuple
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # not found, ambiguous, no path, invalid or unreadable base, refused overwrite
    USAGE = 2
    INTERRUPTED = 130


INTERRUPTION_REPORTED = False  # set once "interrompu" has been written, so that it is written once


class MetiersError(Exception):
    """An error the user can act on: shown as one line on stderr, never as a traceback."""

    exit_code = ExitCode.FAILURE

    def __init__(self, message: str, exit_code: ExitCode | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code



class Problem(NamedTuple):
    """One thing wrong with a knowledge base, where it is."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class KnowledgeBaseError(Exception):
    """A knowledge base that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "base de connaissances invalide")
