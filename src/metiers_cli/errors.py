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


_REASONS = {"ENOENT": "fichier introuvable", "EACCES": "permission refusée", "EPERM": "opération non permise",
            "EISDIR": "c'est un dossier", "ENOTDIR": "un élément du chemin n'est pas un dossier",
            "ENOSPC": "disque plein", "EDQUOT": "quota disque dépassé", "EROFS": "disque en lecture seule",
            "EIO": "erreur de lecture ou d'écriture du disque", "ELOOP": "trop de liens symboliques",
            "ENAMETOOLONG": "nom de fichier trop long", "EMFILE": "trop de fichiers ouverts",
            "EEXIST": "le fichier existe déjà", "EBUSY": "fichier occupé", "ETXTBSY": "fichier occupé"}


def reason(exc: BaseException) -> str:
    """Why a file operation failed, in French (the system's own words are English)."""
    import errno

    if isinstance(exc, UnicodeDecodeError):
        return "le fichier n'est pas en UTF-8"
    number = getattr(exc, "errno", None)
    name = errno.errorcode.get(number) if isinstance(number, int) else None
    if name in _REASONS:
        return _REASONS[name]
    return f"erreur système {name}" if name else "erreur système"
