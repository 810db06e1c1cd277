"""Questions asked in the terminal (the questionnaire of ``metiers match``): oui, non or « je ne sais pas », in
French, through Rich's prompt."""

from __future__ import annotations

import os
import sys

from rich.prompt import InvalidResponse, PromptBase

from .text import fold

YES = {"o", "oui", "y", "yes", "ouais", "1"}
NO = {"n", "non", "no", "0"}
UNSURE = {"", "?", "jsp", "je ne sais pas", "ne sais pas", "sais pas", "nsp", "peut etre", "bof"}


class YesNoUnsure(PromptBase[object]):
    """True for oui, False for non, None for « je ne sais pas » (or Entrée)."""

    response_type = object
    validate_error_message = "[prompt.invalid]Répondez oui, non ou « je ne sais pas » (o, n ou ?)."

    def make_prompt(self, default):
        prompt = self.prompt.copy()
        prompt.end = ""
        prompt.append(" (oui / non / ? pour « je ne sais pas ») ", style="prompt.choices")
        return prompt

    def process_response(self, value: str) -> object:
        answer = fold(value)
        if answer in YES:
            return True
        if answer in NO:
            return False
        if answer in UNSURE or value.strip() == "?":
            return None
        raise InvalidResponse(self.validate_error_message)


class TerminalLines:
    """The lines typed in the terminal, for Rich's prompt, with Ctrl-C always heard.

    Python's ``input()`` can miss a Ctrl-C pressed just as it starts: the signal is noted, then the read blocks
    until Entrée. Here the wait is a ``select()`` on the terminal and on the pipe that Python's signal handler
    writes to (``signal.set_wakeup_fd``): a Ctrl-C at any moment ends the wait, and KeyboardInterrupt is raised
    at once. The terminal gives a line at a time (canonical mode), with its own editing (backspace), as before.
    """

    def __init__(self, fd: int = 0, encoding: str | None = None):
        self.fd, self.encoding = fd, encoding or getattr(sys.stdin, "encoding", None) or "utf-8"

    def readline(self) -> str:
        import select
        import signal

        woken, wake = os.pipe()
        os.set_blocking(woken, False)
        os.set_blocking(wake, False)
        previous = signal.set_wakeup_fd(wake)
        data = b""
        try:
            while not data.endswith(b"\n"):
                ready, _w, _x = select.select([self.fd, woken], [], [])
                if woken in ready:
                    os.read(woken, 512)  # a signal came: its Python handler runs at the next instruction
                if self.fd in ready:
                    chunk = os.read(self.fd, 4096)
                    if not chunk:
                        if data:
                            break
                        raise EOFError
                    data += chunk
        finally:
            signal.set_wakeup_fd(previous)
            os.close(woken)
            os.close(wake)
        return data.decode(self.encoding, "replace")


def ask_yes_no(console, question: str) -> bool | None:
    # select() on a terminal is POSIX; elsewhere, Python's input()
    return YesNoUnsure.ask(question, console=console, stream=TerminalLines() if os.name == "posix" else None)
