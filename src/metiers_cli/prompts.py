"""Questions asked in the terminal (the questionnaire of ``metiers match``): oui, non or « je ne sais pas », in
French, through Rich's prompt."""

from __future__ import annotations

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


def ask_yes_no(console, question: str) -> bool | None:
    return YesNoUnsure.ask(question, console=console)
