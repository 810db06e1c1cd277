"""The command line: arguments in, calls to the modules below, one line and an exit code out on failure.

Kept thin and light to import: yaml, rapidfuzz and Rich's renderables are imported only by the commands
that need them, so that --version, --help and completion start fast.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ExitCode, MetiersError

APP_SETTINGS = dict(
    name="metiers",
    help="Explorer les métiers de la communication et du marketing digital : fiches, comparaisons, "
         "organigrammes, glossaire.",
    epilog="Exemples : metiers show traffic-manager · metiers compare community-manager social-media-manager · "
           "metiers tree agence · metiers search \"réseaux sociaux\"",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)
COMMANDS: dict[str, object] = {}  # name -> function, in the order of --help
EXPORTS: dict[str, object] = {}


def register(name: str | None = None, table: dict = COMMANDS):
    """Records a command; build() turns the records into the Typer app."""

    def record(function):
        table[name or function.__name__] = function
        return function

    return record


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
    metavar="MÉTIER", help="Identifiant, intitulé, autre nom ou abréviation (fautes tolérées).",
    autocompletion=_complete("role"), show_default=False)]


def command(fn):
    """Runs a command: user errors become one line on stderr with their exit code, never a traceback."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        from .cache import CacheMiss, discard
        from .render.console import error_line

        try:
            try:
                return fn(*args, **kwargs)
            except CacheMiss as exc:  # damage found while reading: never believed, rebuilt, run again
                discard(exc.file)
                return fn(*args, **kwargs)
        except MetiersError as exc:
            error_line(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            from . import errors

            error_line("interrompu")
            errors.INTERRUPTION_REPORTED = True
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


def main_options(
    version: Annotated[bool, typer.Option("--version", "-V", is_eager=True, callback=_version,
                                          help="Affiche la version et quitte.")] = False,
) -> None:
    """Explorer les métiers de la communication et du marketing digital : fiches, comparaisons,
    organigrammes, glossaire."""


# --- commands --------------------------------------------------------------------------------------------

@register()
@command
def show(role: RoleArgument, data: DataOption = None, json: JsonOption = False) -> None:
    """Affiche la fiche d'un métier : missions, compétences, rattachements, parcours, sources.

    Exemples : metiers show traffic-manager · metiers show "directrice artistique" · metiers show CM --json
    """
    from . import session

    kb = session.load_base(data)
    found = session.find_role(kb, role)

    def card(width: int):
        from .render.card import role_card

        return role_card(kb, found)

    if json:
        from .views import role_data

        emit(role_data(kb, found), card, json)
    else:
        emit(None, card, json)


@register()
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
        raise MetiersError(f"aucun métier ne correspond à « {session.shorten(query)} »")

    def table(width: int):
        from .render.results import search_results

        return search_results(kb, hits, width)

    emit([hit_data(h) for h in hits], table, json)


@register()
@command
def compare(
    roles: Annotated[list[str], typer.Argument(metavar="MÉTIER...", help="De 2 à 4 métiers.", show_default=False,
                                                autocompletion=_complete("role"))],
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Compare 2 à 4 métiers aspect par aspect, puis résume leurs différences clés.

    Exemples : metiers compare community-manager social-media-manager · metiers compare DA graphiste webdesigner
    """
    if not 2 <= len(roles) <= 4:
        raise typer.BadParameter(f"donnez de 2 à 4 métiers (reçu : {len(roles)})", param_hint="MÉTIER...")
    from . import session
    from .compare import compare as comparing

    kb = session.load_base(data)
    found = session.find_roles(kb, roles)
    result = comparing(kb, found)

    def view(width: int):
        from .render.views import comparison

        return comparison(kb, found, result, width)

    emit(result, view, json)


@register()
@command
def tree(
    target: Annotated[Optional[str], typer.Argument(
        metavar="STRUCTURE|MÉTIER", help="Une structure (agence, annonceur, pme) ou un métier.",
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
        from .render.results import structures_table

        items = orgchart.structures_list(kb)
        emit(items, lambda width: structures_table(items), json)
        return
    kind, item_id = session.find_structure_or_role(kb, target)
    if kind == "structure":
        result = orgchart.structure_tree(kb, kb.structures[item_id])
        emit(result, lambda width: views.structure_tree(kb, result), json)
    else:
        result = orgchart.role_tree(kb, item_id)
        emit(result, lambda width: views.role_trees(kb, result), json)


@register("list")
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
        from .render.results import role_list

        return role_list(kb, roles)

    emit([{"id": r.id, "title": r.title, "family": r.family, "level": r.level} for r in roles], view, json)


@register()
@command
def glossary(
    term: Annotated[Optional[str], typer.Argument(metavar="TERME", help="Un terme du jargon (fautes tolérées).",
                                                  autocompletion=_complete("term"), show_default=False)] = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Définit un terme du jargon et cite les métiers qui l'emploient ; sans terme, tout le glossaire.

    Exemples : metiers glossary CPC · metiers glossary "part de voix" · metiers glossary --json
    """
    from . import session
    from .model import plain
    from .render import results

    kb = session.load_base(data)
    if term is None:
        terms = list(kb.glossary.values())
        emit([plain(t) for t in terms], lambda width: results.glossary(kb, terms), json)
        return
    found = session.find_term(kb, term)
    emit(plain(found), lambda width: results.term_entry(kb, found), json)


@register()
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
    counts = ", ".join(_count(len(items), word) for items, word in (
        (kb.roles, "métier"), (kb.structures, "structure"), (kb.glossary, "terme"), (kb.sources, "source")))
    print(f"{path.name} : base valide — {counts}.")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"


@register()
@command
def path(
    start: Annotated[str, typer.Argument(metavar="DÉPART", help="Le métier d'où l'on part.",
                                         autocompletion=_complete("role"), show_default=False)],
    goal: Annotated[str, typer.Argument(metavar="ARRIVÉE", help="Le métier visé.",
                                        autocompletion=_complete("role"), show_default=False)],
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Trouve le plus court parcours d'un métier à un autre, étape par étape, avec les compétences à acquérir.

    Les étapes sont les évolutions citées par les fiches et la montée d'un cran dans un organigramme.
    Exemples : metiers path community-manager digital-manager · metiers path graphiste "directeur de création"
    """
    from . import session
    from .paths import path_data, shortest_path

    kb = session.load_base(data)
    origin, target = session.find_role(kb, start), session.find_role(kb, goal)
    if origin.id == target.id:
        raise MetiersError(f"départ et arrivée sont le même métier : {origin.title}")
    steps = shortest_path(kb, origin.id, target.id)
    if steps is None:
        raise MetiersError(f"aucun parcours connu de « {origin.title} » vers « {target.title} » dans la base")
    result = path_data(origin.id, target.id, steps)

    def view(width: int):
        from .render.views import career_path

        return career_path(kb, result)

    emit(result, view, json)


def _aptitude_list(values: list[str], option: str) -> set[str]:
    from .matching import aptitude_word
    from .model import APTITUDES

    chosen = set()
    for value in values:
        for part in value.split(","):
            word = aptitude_word(part)
            if word is None:
                raise typer.BadParameter(f"« {part} » n'est pas reconnu ; mots acceptés : {', '.join(APTITUDES)}",
                                         param_hint=option)
            chosen.add(word)
    return chosen


def _ask(kb) -> tuple[set[str], set[str], str | None]:
    """The questionnaire, one question a line: oui, non, or Entrée for "sans avis"."""
    from rich.prompt import Prompt

    from .matching import QUESTIONS, code_from_answers
    from .render.console import make_console

    console = make_console(stderr=True)
    console.print(f"{len(QUESTIONS)} questions : répondez o (oui), n (non) ou Entrée (sans avis).\n")
    likes, avoids, yes = set(), set(), []
    for index, (aptitude, question, _letters) in enumerate(QUESTIONS):
        answer = Prompt.ask(f"{index + 1}. {question}", console=console, choices=["o", "n", ""],
                            default="", show_choices=True, show_default=False)
        if answer == "o":
            yes.append(index)
            if aptitude:
                likes.add(aptitude)
        elif answer == "n" and aptitude:
            avoids.add(aptitude)
    return likes, avoids, code_from_answers(yes)


@register()
@command
def match(
    aime: Annotated[Optional[list[str]], typer.Option(
        "--aime", metavar="MOT", help="Ce que vous aimez faire (répétable) : rediger, parler, negocier, creer, "
                                      "analyser, encadrer, organiser, animer, technique.")] = None,
    evite: Annotated[Optional[list[str]], typer.Option(
        "--evite", metavar="MOT", help="Ce que vous préférez éviter (répétable), mêmes mots que --aime.")] = None,
    riasec: Annotated[Optional[str], typer.Option(
        "--riasec", metavar="CODE", help="Votre code de Holland, 1 à 3 lettres parmi R I A S E C (ex. AES).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="Nombre de métiers proposés.")] = 5,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Propose les métiers qui correspondent à vos goûts, avec la raison de chaque proposition.

    Sans option, pose une dizaine de questions dans le terminal. Les aptitudes et profils RIASEC des métiers
    relèvent d'un jugement éditorial, signalé dans la base.
    Exemples : metiers match · metiers match --aime rediger --aime analyser --evite negocier · metiers match --riasec AES
    """
    from . import session
    from .matching import advice, fits, riasec_code

    likes = _aptitude_list(aime or [], "--aime")
    avoids = _aptitude_list(evite or [], "--evite")
    if likes & avoids:
        raise typer.BadParameter(f"{', '.join(sorted(likes & avoids))} à la fois aimé et évité", param_hint="--evite")
    code = None
    if riasec is not None:
        code = riasec_code(riasec)
        if code is None:
            raise typer.BadParameter("1 à 3 lettres différentes parmi R, I, A, S, E, C (ex. AES)",
                                     param_hint="--riasec")
    kb = session.load_base(data)
    if not (likes or avoids or code):
        if sys.stdin is None or sys.stdin.closed or not sys.stdin.isatty():
            from .render.console import error_line

            error_line("sans terminal, donnez vos goûts en options : metiers match --aime rediger --evite negocier, "
                       "ou --riasec AES (voir metiers match --help)")
            raise typer.Exit(ExitCode.USAGE)
        try:
            likes, avoids, code = _ask(kb)
        except EOFError:
            raise MetiersError("questionnaire interrompu : l'entrée standard s'est fermée") from None
    results = fits(kb, likes, avoids, code, limit)
    if not results:
        raise MetiersError("aucun métier ne correspond à ce profil : essayez avec moins de « --evite »")
    described = [f"aime : {', '.join(sorted(likes))}" if likes else "", f"évite : {', '.join(sorted(avoids))}"
                 if avoids else "", f"RIASEC : {code}" if code else ""]
    profile = "Votre profil — " + " ; ".join(d for d in described if d) if any(described) else ""

    def view(width: int):
        from .render.views import matches

        return matches(kb, results, advice(likes, avoids), profile)

    emit([f.as_dict() for f in results], view, json)


@register()
@command
def init(
    file: Annotated[str, typer.Argument(metavar="FICHIER", help="Le fichier YAML à créer.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", hidden=True)] = False,
) -> None:
    """Crée une base de départ commentée, à compléter avec les métiers de votre organisation.

    Ne remplace jamais un fichier existant. Ensuite : metiers check --data FICHIER.
    Exemples : metiers init mon-organisation.yaml
    """
    from importlib.resources import files

    target = Path(file)
    if force:
        raise MetiersError("metiers init ne remplace jamais un fichier, même avec --force : choisissez un autre nom")
    text = files("metiers_cli").joinpath("starter.yaml").read_text(encoding="utf-8")
    _write(target, text, replace=False, refuse="metiers init ne remplace jamais un fichier : choisissez un autre nom")
    from .render.console import error_line

    error_line(f"base de départ écrite dans {target} ; vérifiez-la avec « metiers check --data {target} »")


def _write(target: Path, text: str, replace: bool, refuse: str) -> None:
    """Writes a file whole or not at all, turning every failure into one clear line."""
    import errno

    from .files import write_atomic

    try:
        write_atomic(target, text, replace=replace)
    except FileExistsError:
        raise MetiersError(f"{target} existe déjà ; {refuse}") from None
    except IsADirectoryError:
        raise MetiersError(f"{target} est un dossier") from None
    except FileNotFoundError:
        raise MetiersError(f"dossier introuvable pour {target}") from None
    except PermissionError:
        raise MetiersError(f"écriture refusée dans {target.parent or '.'} (permissions)") from None
    except OSError as exc:
        reason = "disque plein" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise MetiersError(f"écriture de {target} impossible : {reason} ; aucun fichier modifié") from None


# --- cache -----------------------------------------------------------------------------------------------

CACHE_SETTINGS = dict(
    help="Le cache des bases lues : où il est, sa taille, pour quelles bases ; et le vider.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)
CACHES: dict[str, object] = {}


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} Mo"


@register("info", CACHES)
@command
def cache_info(data: DataOption = None, json: JsonOption = False) -> None:
    """Montre où est le cache, sa taille et pour quelles bases. Exemple : metiers cache info"""
    from . import cache
    from .location import resolve_path

    folder = cache.cache_dir()
    current = cache.cache_file(resolve_path(data))
    items = cache.entries()
    result = {"folder": str(folder) if folder else None, "enabled": folder is not None,
              "size": sum(e["size"] for e in items), "current": str(current) if current else None,
              "files": items}

    def view(width: int):
        from rich.console import Group
        from rich.text import Text

        from .render.common import bullets, pairs

        if folder is None:
            return Text("Cache désactivé (METIERS_NO_CACHE) : chaque commande relit la base.")
        rows = [("Dossier", str(folder)), ("Taille", f"{_megabytes(result['size'])} en {len(items)} fichier(s)")]
        lines = [f"{e['base'] or '?'} — {_megabytes(e['size'])}, {e['state']}"
                 + (" (base actuelle)" if e["file"] == result["current"] else "") for e in items]
        return Group(pairs(rows), bullets(lines) if lines else Text("Aucune base en cache pour l'instant."))

    emit(result, view, json)


@register("clear", CACHES)
@command
def cache_clear() -> None:
    """Vide le cache : la prochaine commande relira la base. Exemple : metiers cache clear"""
    from . import cache
    from .render.console import error_line

    count, size = cache.clear()
    error_line(f"cache vidé : {count} fichier(s), {_megabytes(size)} libérés" if count else "cache déjà vide")


# --- export ----------------------------------------------------------------------------------------------

EXPORT_SETTINGS = dict(
    help="Exporte une fiche, une comparaison, un organigramme, le graphe des parcours ou toute la base "
         "(Markdown, JSON, CSV, Mermaid, DOT).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)

FormatOption = Annotated[str, typer.Option("--format", "-F", metavar="FORMAT",
                                           help="markdown, json ; csv pour base ; mermaid, dot pour tree et graph.")]
OutputOption = Annotated[Optional[str], typer.Option("--output", "-o", metavar="FICHIER",
                                                     help="Écrire dans ce fichier plutôt que sur la sortie standard.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")]


def _deliver(what: str, fmt: str, output: str | None, force: bool, produce) -> None:
    from .exports import FORMATS

    fmt = fmt.lower()
    if fmt not in FORMATS[what]:
        raise typer.BadParameter(f"« {fmt} » n'est pas un format de {what} ; formats : {', '.join(FORMATS[what])}",
                                 param_hint="--format")
    text = produce(fmt)
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    _write(target, text, replace=force, refuse="ajoutez --force pour le remplacer")
    from .render.console import error_line

    error_line(f"export écrit dans {target}")


@register("role", EXPORTS)
@command
def export_role(role: RoleArgument, format: FormatOption = "markdown", output: OutputOption = None,
                force: ForceOption = False, data: DataOption = None) -> None:
    """Exporte la fiche d'un métier. Exemple : metiers export role traffic-manager --format markdown -o fiche.md"""
    from . import exports, session
    from .views import role_data

    kb = session.load_base(data)
    found = session.find_role(kb, role)
    _deliver("role", format, output, force, lambda fmt: exports.as_json(role_data(kb, found)) if fmt == "json"
             else exports.role_markdown(kb, found))


@register("compare", EXPORTS)
@command
def export_compare(
    roles: Annotated[list[str], typer.Argument(metavar="MÉTIER...", help="De 2 à 4 métiers.", show_default=False,
                                                autocompletion=_complete("role"))],
    format: FormatOption = "markdown", output: OutputOption = None, force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """Exporte une comparaison. Exemple : metiers export compare CM SMM --format markdown -o atelier.md"""
    if not 2 <= len(roles) <= 4:
        raise typer.BadParameter(f"donnez de 2 à 4 métiers (reçu : {len(roles)})", param_hint="MÉTIER...")
    from . import exports, session
    from .compare import compare as comparing

    kb = session.load_base(data)
    found = session.find_roles(kb, roles)
    result = comparing(kb, found)
    _deliver("compare", format, output, force, lambda fmt: exports.as_json(result) if fmt == "json"
             else exports.compare_markdown(kb, found, result))


@register("tree", EXPORTS)
@command
def export_tree(
    structure: Annotated[str, typer.Argument(metavar="STRUCTURE", help="agence, annonceur, pme…",
                                             autocompletion=_complete("structure"), show_default=False)],
    format: FormatOption = "markdown", output: OutputOption = None, force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """Exporte un organigramme. Exemple : metiers export tree agence --format mermaid -o agence.mmd"""
    from . import exports, orgchart, session
    from .views import structure_id

    kb = session.load_base(data)
    tree_data = orgchart.structure_tree(kb, kb.structures[structure_id(kb, structure)])
    writers = {"json": exports.as_json, "markdown": exports.tree_markdown, "mermaid": exports.tree_mermaid,
               "dot": exports.tree_dot}
    _deliver("tree", format, output, force, lambda fmt: writers[fmt](tree_data))


@register("graph", EXPORTS)
@command
def export_graph(format: FormatOption = "markdown", output: OutputOption = None, force: ForceOption = False,
                 data: DataOption = None) -> None:
    """Exporte le graphe des parcours entre tous les métiers. Exemple : metiers export graph --format dot"""
    from . import exports, session

    kb = session.load_base(data)
    graph = exports.graph_data(kb)
    writers = {"json": exports.as_json, "markdown": lambda g: exports.graph_markdown(kb, g),
               "mermaid": exports.graph_mermaid, "dot": exports.graph_dot}
    _deliver("graph", format, output, force, lambda fmt: writers[fmt](graph))


@register("base", EXPORTS)
@command
def export_base(format: FormatOption = "csv", output: OutputOption = None, force: ForceOption = False,
                data: DataOption = None) -> None:
    """Exporte toute la base. Exemple : metiers export base --format csv -o metiers.csv"""
    from . import exports, session

    kb = session.load_base(data)
    writers = {"json": lambda: exports.as_json(exports.base_data(kb)), "csv": lambda: exports.base_csv(kb),
               "markdown": lambda: exports.base_markdown(kb)}
    _deliver("base", format, output, force, lambda fmt: writers[fmt]())


def build(only: str | None = None) -> typer.Typer:
    """The Typer app: every command, or only the one about to run.

    Typer turns each registered command into a Click command on every run, which costs time in proportion to
    their number; a run needs only its own command, so main() builds just that one (the full app serves
    --help, completion of command names and anything unrecognised, which Typer then explains).
    """
    application = typer.Typer(**APP_SETTINGS)
    application.callback()(main_options)
    for name, function in COMMANDS.items():
        if only is None or only == name:
            application.command(name)(function)
    for group, settings, commands in (("export", EXPORT_SETTINGS, EXPORTS), ("cache", CACHE_SETTINGS, CACHES)):
        if only is None or only == group:
            sub = typer.Typer(**settings)
            for name, function in commands.items():
                sub.command(name)(function)
            application.add_typer(sub, name=group)
    return application


def _command_in(words: list[str]) -> str | None:
    """The command a command line runs, when its first word names one."""
    if words and (words[0] in COMMANDS or words[0] in ("export", "cache")):
        return words[0]
    return None


def _running() -> str | None:
    completing = os.environ.get("_METIERS_COMPLETE")
    if completing:  # completion: the words come from the shell, not from argv
        words = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
        parts = words.split()[1:]
        cword = os.environ.get("COMP_CWORD")
        if cword is not None and cword.isdigit() and int(cword) <= 1:
            return None  # completing the command name itself
        return _command_in(parts)
    return _command_in(sys.argv[1:])


app = build()


def main() -> None:
    from .render.console import prepare_streams

    prepare_streams()
    only = _running()
    (build(only) if only else app)(prog_name="metiers")
