"""The command line: arguments in, calls to the modules below, one line and an exit code out on failure.

Kept thin and light to import: yaml, rapidfuzz and Rich's renderables are imported only by the commands
that need them, so that --version, --help and completion start fast.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ExitCode, MetiersError

app = typer.Typer(
    name="metiers",
    help="Explorer les métiers de la communication et du marketing digital : fiches, comparaisons, "
         "organigrammes, glossaire.",
    epilog="Exemples : metiers show traffic-manager · metiers compare community-manager social-media-manager · "
           "metiers tree agence · metiers search \"réseaux sociaux\"",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


# --- shared pieces ---------------------------------------------------------------------------------------

def _complete(kind: str):
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from .completion import candidates

        data = ctx.params.get("data") if ctx and ctx.params else None
        return candidates(kind, incomplete, data)

    return complete


DataOption = Annotated[Optional[str], typer.Option(
    "--data", metavar="FICHIER", envvar="METIERS_DATA", show_envvar=True,
    help="Base de connaissances à lire (YAML) au lieu de la base fournie.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON exacte pour les scripts.")]
RoleArgument = Annotated[str, typer.Argument(
    metavar="ROLE", help="Identifiant, intitulé, autre nom ou abréviation (fautes tolérées).",
    autocompletion=_complete("role"), show_default=False)]


def command(fn):
    """Runs a command: user errors become one line on stderr with their exit code, never a traceback."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        from .render.console import error_line

        try:
            return fn(*args, **kwargs)
        except MetiersError as exc:
            error_line(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            error_line("interrompu")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except MemoryError:
            error_line("mémoire insuffisante pour traiter cette demande")
            raise typer.Exit(ExitCode.FAILURE) from None

    return run


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so that the final flush doesn't complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def emit(data, build_renderable, as_json: bool) -> None:
    """The one place that decides between JSON and a Rich rendering of the same data."""
    from .render.console import make_console, print_json

    if as_json:
        print_json(data)
        return
    console = make_console()
    renderable = build_renderable(console.width)
    if console.is_terminal:
        console.print(renderable)
    else:  # a file or a pipe: no padding spaces at the ends of lines
        with console.capture() as captured:
            console.print(renderable)
        sys.stdout.write("\n".join(line.rstrip() for line in captured.get().split("\n")))
    sys.stdout.flush()


def _version(value: bool) -> None:
    if value:
        print(f"metiers {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", "-V", is_eager=True, callback=_version,
                                          help="Affiche la version et quitte.")] = False,
) -> None:
    """Explorer les métiers de la communication et du marketing digital : fiches, comparaisons,
    organigrammes, glossaire."""


# --- commands --------------------------------------------------------------------------------------------

@app.command()
@command
def show(role: RoleArgument, data: DataOption = None, json: JsonOption = False) -> None:
    """Affiche la fiche d'un métier : missions, compétences, rattachements, parcours, sources.

    Exemples : metiers show traffic-manager · metiers show "directrice artistique" · metiers show CM --json
    """
    from . import session
    from .views import role_data

    kb = session.load_base(data)
    found = session.find_role(kb, role)

    def card(width: int):
        from .render.card import role_card

        return role_card(kb, found)

    emit(role_data(kb, found) if json else None, card, json)


@app.command()
@command
def search(
    query: Annotated[str, typer.Argument(metavar="RECHERCHE", help="Un ou plusieurs mots, fautes tolérées.",
                                         show_default=False)],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="Nombre de résultats au plus.")] = 10,
    family: Annotated[Optional[str], typer.Option("--family", "-f", metavar="FAMILLE",
                                                  autocompletion=_complete("family"),
                                                  help="Seulement les métiers de cette famille.")] = None,
    structure: Annotated[Optional[str], typer.Option("--structure", "-s", metavar="STRUCTURE",
                                                     autocompletion=_complete("structure"),
                                                     help="Seulement les métiers de cet organigramme.")] = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Cherche des métiers par intitulé, autre nom, missions, compétences ou vocabulaire.

    Exemples : metiers search "réseaux sociaux" · metiers search seo --limit 3 · metiers search rédaction --json
    """
    if not query.strip():
        raise typer.BadParameter("la recherche est vide : tapez au moins un mot", param_hint="RECHERCHE")
    from . import session
    from .search import search_index
    from .views import allowed_roles, hit_data

    kb = session.load_base(data)
    allowed = allowed_roles(kb, family=family, structure=structure)
    hits = search_index(kb).search(query, allowed=allowed, limit=limit)
    if not hits:
        if json:
            emit([], None, True)
        raise MetiersError(f"aucun métier ne correspond à « {session._short(query)} »")

    def table(width: int):
        from .render.views import search_results

        return search_results(kb, hits, width)

    emit([hit_data(h) for h in hits], table, json)


@app.command()
@command
def compare(
    roles: Annotated[list[str], typer.Argument(metavar="ROLE...", help="De 2 à 4 métiers.", show_default=False,
                                                autocompletion=_complete("role"))],
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Compare 2 à 4 métiers aspect par aspect, puis résume leurs différences clés.

    Exemples : metiers compare community-manager social-media-manager · metiers compare DA graphiste webdesigner
    """
    if not 2 <= len(roles) <= 4:
        raise typer.BadParameter(f"donnez de 2 à 4 métiers (reçu : {len(roles)})", param_hint="ROLE...")
    from . import session
    from .compare import compare as comparing

    kb = session.load_base(data)
    found = session.find_roles(kb, roles)
    result = comparing(kb, found)

    def view(width: int):
        from .render.views import comparison

        return comparison(kb, found, result, width)

    emit(result, view, json)


@app.command()
@command
def tree(
    target: Annotated[Optional[str], typer.Argument(
        metavar="[STRUCTURE|ROLE]", help="Une structure (agence, annonceur, pme) ou un métier.",
        autocompletion=_complete("tree"), show_default=False)] = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Dessine l'organigramme d'une structure, ou la place d'un métier dans chaque organigramme.

    Exemples : metiers tree agence · metiers tree community-manager · metiers tree (les structures disponibles)
    """
    from . import orgchart, session
    from .render import views

    kb = session.load_base(data)
    if target is None:
        items = orgchart.structures_list(kb)
        emit(items, lambda width: views.structures_table(items), json)
        return
    kind, item_id = session.find_structure_or_role(kb, target)
    if kind == "structure":
        result = orgchart.structure_tree(kb, kb.structures[item_id])
        emit(result, lambda width: views.structure_tree(kb, result), json)
    else:
        result = orgchart.role_tree(kb, item_id)
        emit(result, lambda width: views.role_trees(kb, result), json)


@app.command("list")
@command
def list_roles(
    family: Annotated[Optional[str], typer.Option("--family", "-f", metavar="FAMILLE",
                                                  autocompletion=_complete("family"),
                                                  help="Seulement cette famille de métiers.")] = None,
    structure: Annotated[Optional[str], typer.Option("--structure", "-s", metavar="STRUCTURE",
                                                     autocompletion=_complete("structure"),
                                                     help="Seulement les métiers de cet organigramme.")] = None,
    level: Annotated[Optional[str], typer.Option("--level", "-l", metavar="NIVEAU",
                                                 help="operationnel, encadrement ou direction.")] = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Liste les métiers, regroupés par famille.

    Exemples : metiers list · metiers list --family creation · metiers list --structure pme --level direction
    """
    from . import session
    from .views import allowed_roles

    kb = session.load_base(data)
    allowed = allowed_roles(kb, family=family, structure=structure, level=level)
    roles = [r for r in kb.roles.values() if allowed is None or r.id in allowed]
    if not roles:
        raise MetiersError("aucun métier ne correspond à ces filtres")

    def view(width: int):
        from .render.views import role_list

        return role_list(kb, roles)

    emit([{"id": r.id, "title": r.title, "family": r.family, "level": r.level} for r in roles], view, json)


@app.command()
@command
def glossary(
    term: Annotated[Optional[str], typer.Argument(metavar="[TERME]", help="Un terme du jargon (fautes tolérées).",
                                                  autocompletion=_complete("term"), show_default=False)] = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Définit un terme du jargon et cite les métiers qui l'emploient ; sans terme, tout le glossaire.

    Exemples : metiers glossary CPC · metiers glossary "part de voix" · metiers glossary --json
    """
    from dataclasses import asdict

    from . import session
    from .render import views

    kb = session.load_base(data)
    if term is None:
        terms = list(kb.glossary.values())
        emit([asdict(t) for t in terms], lambda width: views.glossary(kb, terms), json)
        return
    found = session.find_term(kb, term)
    emit(asdict(found), lambda width: views.term_entry(kb, found), json)


@app.command()
@command
def check(data: DataOption = None) -> None:
    """Vérifie une base de connaissances : champs, identifiants, références, noms en double, organigrammes.

    Chaque problème tient sur une ligne « fichier:ligne: message » ; le code de sortie vaut 1 s'il y en a.
    Exemples : metiers check · metiers check --data ma-base.yaml
    """
    from .kb import KnowledgeBaseError, load_checked, resolve_path

    path = resolve_path(data)
    try:
        kb, problems = load_checked(path)
    except KnowledgeBaseError as exc:
        problems, kb = exc.problems, None
    if problems:
        for problem in problems:
            print(problem)
        count = len(problems)
        raise MetiersError(f"{count} problème{'s' if count > 1 else ''} dans {path}")
    print(f"{path.name} : base valide — {len(kb.roles)} métiers, {len(kb.structures)} structures, "
          f"{len(kb.glossary)} termes, {len(kb.sources)} sources.")


def main() -> None:
    from .render.console import prepare_streams

    prepare_streams()
    app(prog_name="metiers")
