"""Help and usage errors in French, through the mechanisms Typer and Click offer.

- Typer's section titles and help words (« Options », « Arguments », « Commands », « required »…) are wrapped in
  gettext: a French catalog (``locale/fr/LC_MESSAGES/metiers.mo``, compiled from ``metiers.po`` by
  ``scripts/catalog.py``) is bound when help is about to be shown.
- The help option's text and the usage line's prefix are attributes and methods of Click's command classes:
  metiers' commands are subclasses that set them.
- Typer's copy of Click writes its usage errors in English without gettext: ``message()`` says each in French, at
  the one place where metiers shows them (cli.main).
"""

from __future__ import annotations

import os
import re
import sys

from typer.core import TyperCommand, TyperGroup

from .french import NBSP, typeset

HELP_TEXT = "Affiche cette aide et quitte."
USAGE_PREFIX = f"Utilisation{NBSP}: "
DOMAIN = "metiers"


def bind_catalog() -> None:
    """Typer's help words in French from now on (the catalog is found whatever the user's locale)."""
    import gettext
    from pathlib import Path

    os.environ["LANGUAGE"] = "fr"
    gettext.bindtextdomain(DOMAIN, str(Path(__file__).parent / "locale"))
    gettext.textdomain(DOMAIN)


COMPLETION_HELP = {
    "install_completion": "Installe la complétion des commandes et des noms de métiers pour votre shell.",
    "show_completion": "Affiche le script de complétion de votre shell, pour l'installer à la main.",
}


def _install_completion(ctx, param, value) -> None:
    """Typer's completion installer, announced in French."""
    if not value or ctx.resilient_parsing:
        return
    import typer
    import typer.completion

    try:
        shell, path = typer.completion.install(shell=value if isinstance(value, str) else None)
    except (OSError, RuntimeError, ValueError) as exc:
        print(typeset(f"metiers : complétion non installée ({exc})"), file=sys.stderr)
        raise typer.Exit(1) from None
    print(f"Complétion {shell} installée dans {path} ; elle prendra effet dans un nouveau terminal.")
    raise typer.Exit()


# Click's Context and HelpFormatter as Typer ships them, reached through Click's public class attributes
# (Command.context_class, Context.formatter_class): Typer keeps its copy of Click private.
_Context = TyperCommand.context_class


class FrenchHelpFormatter(_Context.formatter_class):
    """Click's help formatter with French typography: « Options : » and no-break spaces before « : ; ! ? » and
    inside guillemets (Click wraps at ordinary spaces only, so a line never breaks there)."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}{NBSP}:\n")

    def write_text(self, text: str) -> None:
        super().write_text(typeset(text))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, typeset(definition)) for term, definition in rows], col_max, col_spacing)


class FrenchContext(_Context):
    formatter_class = FrenchHelpFormatter


class _French:
    """What metiers' commands and groups change of Click's: the help option's text, the usage line's prefix, the
    completion options' words, the help's typography."""

    context_class = FrenchContext

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if param.name in COMPLETION_HELP:
                param.help = COMPLETION_HELP[param.name]
                if param.name == "install_completion":
                    param.callback = _install_completion
        return params

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def collect_usage_pieces(self, ctx) -> list[str]:
        """« [OPTIONS] MÉTIER », « [OPTIONS] COMMANDE [ARGUMENTS]… »: arguments by their metavar, in brackets when
        optional (Typer writes a required one in braces)."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if getattr(param, "param_type_name", "") != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            name = param.metavar or (param.name or "").upper()
            if param.nargs != 1 and not name.endswith("…"):
                name += "…"
            pieces.append(name if param.required else f"[{name}]")
        if hasattr(self, "commands"):
            pieces.append("COMMANDE [ARGUMENTS]…")
        return pieces


class FrenchCommand(_French, TyperCommand):
    pass


class FrenchGroup(_French, TyperGroup):
    pass


def _hint(exc) -> str:
    """How the parameter of an error is shown: its metavar for an argument, its options for an option."""
    param = getattr(exc, "param", None)
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return param.metavar or (param.name or "").upper()
    return " / ".join(param.opts)


def kinds_of(exc: BaseException) -> set[str]:
    """The names of an exception's classes: Typer keeps its copy of Click private, so its exceptions are told
    apart by name (UsageError, NoSuchOption, BadParameter…)."""
    return {cls.__name__ for cls in type(exc).__mro__}


def message(exc) -> str:
    """A usage error of Typer's Click, in French, on one line."""
    kinds = kinds_of(exc)
    text = exc.message if isinstance(getattr(exc, "message", None), str) else str(exc)
    if "NoSuchOption" in kinds:
        possibilities = sorted(exc.possibilities or ())
        suggestion = f" ; vouliez-vous dire {' ou '.join(possibilities)} ?" if possibilities else ""
        return f"option inconnue : {exc.option_name}{suggestion}"
    if "BadOptionUsage" in kinds:
        if "does not take a value" in text:
            return f"l'option {exc.option_name} ne prend pas de valeur"
        count = re.search(r"requires (\d+) arguments", text)
        if count:
            return f"l'option {exc.option_name} attend {count.group(1)} valeurs"
        return f"l'option {exc.option_name} attend une valeur"
    if "MissingParameter" in kinds:
        hint = _hint(exc)
        if getattr(exc.param, "param_type_name", "") == "argument":
            return f"il manque l'argument {hint}"
        return f"il manque l'option {hint}"
    if "BadParameter" in kinds:
        hint = _hint(exc)
        value = re.match(r"'(.*)' is not a valid (integer|float)", text)
        if value:
            kind = "un nombre entier" if value.group(2) == "integer" else "un nombre"
            return f"valeur invalide pour {hint} : « {value.group(1)} » n'est pas {kind}"
        return f"valeur invalide pour {hint}"
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text)
    if extra:
        words = extra.group(1).split()
        return f"argument{'s' if len(words) > 1 else ''} en trop : {extra.group(1)}"
    # Click writes these two through gettext: in English, or already in French once the catalog is bound
    command = re.match(r"(?:No such command|Commande inconnue :) '(.*?)'\.(?: Did you mean (.*)\?)?", text)
    if command:
        close = command.group(2)
        suggestion = f" ; vouliez-vous dire {close.replace(chr(39), '')} ?" if close else ""
        return f"commande inconnue : « {command.group(1)} »{suggestion}"
    if text.startswith(("Missing command", "Commande manquante")):
        return "commande manquante"
    if re.match(r"Argument '.*' takes \d+ values", text):
        return "nombre de valeurs incorrect pour un argument"
    return "utilisation incorrecte"


def help_hint(exc, command: str | None = None) -> str:
    """« metiers show --help », the command whose help explains the error."""
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else f"metiers {command}" if command else "metiers"
    return f"{path} --help"
