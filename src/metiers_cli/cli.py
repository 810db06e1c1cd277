"""The command line: arguments in, calls to the modules below, one line and an exit code out on failure.

Kept thin and light to import: yaml, rapidfuzz, Rich's renderables and Textual are imported only by the commands
that need them, so that --version, --help and completion start fast.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import ExitCode, MetiersError
from .usage import FrenchCommand, FrenchGroup

COMMANDS: dict[str, object] = {}  # name -> function, in the order of --help
EXPORTS: dict[str, object] = {}
CACHES: dict[str, object] = {}
GROUPS = {"export": ("Exporte une fiche, une comparaison, un organigramme, le graphe des parcours, vos favoris ou "
                     "toute la base (Markdown, JSON, CSV, Mermaid, DOT).", EXPORTS),
          "cache": ("Le cache des bases compilées : où il est, sa taille, pour quelles bases ; et le vider.", CACHES)}


def _help(function) -> str:
    """A command's help from its docstring: paragraphs rewrapped by Click to the terminal's width, and the
    « Exemples » block kept one example per line."""
    paragraphs = inspect.cleandoc(function.__doc__ or "").split("\n\n")
    out = []
    for paragraph in paragraphs:
        if paragraph.startswith("Exemples"):
            out.append("\b\n" + paragraph)
        else:
            out.append(" ".join(paragraph.split()))
    return "\n\n".join(out)


def _short_help(function) -> str:
    """What a command does, for the list of commands: its first sentence up to the colon (« Affiche la fiche d'un
    métier »), never cut by Click mid-phrase."""
    first = inspect.cleandoc(function.__doc__ or "").split("\n\n")[0]
    return " ".join(first.split(" : ")[0].split()).rstrip(".")


def register(name: str | None = None, table: dict = COMMANDS):
    """Records a command; build() turns the records into the Typer app."""

    def record(function):
        table[name or function.__name__] = function
        return function

    return record


# --- shared pieces ---------------------------------------------------------------------------------------------

def _complete(kind: str):
    def complete(ctx: typer.Context, incomplete: str):
        from .completion import candidates

        data = ctx.params.get("data") if ctx and ctx.params else None
        return candidates(kind, incomplete, data)

    return complete


DataOption = Annotated[Optional[str], typer.Option(
    "--data", metavar="FICHIER", envvar="METIERS_DATA", show_envvar=False, show_default=False,
    help="Base de connaissances à lire (YAML) au lieu de la base fournie ; la variable METIERS_DATA fait de même.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON exacte pour les scripts.")]
PagerOption = Annotated[bool, typer.Option("--no-pager", help="Jamais de pagination, même pour une longue sortie.")]
RoleArgument = Annotated[str, typer.Argument(
    metavar="MÉTIER", help="Identifiant, intitulé, autre nom ou abréviation (fautes tolérées).",
    autocompletion=_complete("role"), show_default=False)]
RolesArgument = Annotated[list[str], typer.Argument(
    metavar="MÉTIER…", help="De 2 à 4 métiers.", show_default=False, autocompletion=_complete("role"))]


def command(fn):
    """Runs a command: user errors become one line on stderr with their exit code, never a traceback. A compiled
    base found damaged in the middle of a command is set aside and the command runs again from the YAML."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        import sqlite3

        from .render.console import error_line

        try:
            try:
                return fn(*args, **kwargs)
            except sqlite3.DatabaseError:
                from . import cache

                cache.discard_opened()
                return fn(*args, **kwargs)
        except MetiersError as exc:
            error_line(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except sqlite3.DatabaseError:
            error_line("base compilée illisible, même après reconstruction : relancez avec METIERS_NO_CACHE=1")
            raise typer.Exit(ExitCode.FAILURE) from None
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


def emit(data, build_renderable, as_json: bool, page: bool = True, width: int | None = None) -> None:
    """The one place that decides between JSON and a Rich rendering of the same data."""
    from .render.console import READING_WIDTH, print_json, show

    if as_json:
        print_json(data)
        return
    show(build_renderable, max_width=width or READING_WIDTH, page=page)


def usage_error(message: str) -> MetiersError:
    return MetiersError(message, ExitCode.USAGE)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"metiers {__version__}")
        raise typer.Exit()


def main_options(
    version: Annotated[bool, typer.Option("--version", "-V", is_eager=True, callback=_version,
                                          help="Affiche la version et quitte.")] = False,
) -> None:
    """Explorer les métiers de la communication et du marketing digital : fiches, comparaisons, organigrammes,
    parcours, glossaire.

    Exemples :
      metiers show traffic-manager
      metiers compare community-manager social-media-manager
      metiers tree agence
      metiers search "réseaux sociaux"
    """


# --- commands ----------------------------------------------------------------------------------------------------

@register()
@command
def show(role: RoleArgument, data: DataOption = None, json: JsonOption = False, no_pager: PagerOption = False) -> None:
    """Affiche la fiche d'un métier : missions, compétences, rattachements, parcours, sources.

    Exemples :
      metiers show traffic-manager
      metiers show "directrice artistique"
      metiers show CM --json
    """
    from . import session

    base = session.load_base(data)
    found = session.find_role(base, role)
    if json:
        from .payloads import role_data

        emit(role_data(base, found), None, True)
        return
    from .card import role_card

    card = role_card(base, found)

    def view(width: int):
        from .render.card import role_card as draw

        return draw(card)

    emit(None, view, False, page=not no_pager)


@register()
@command
def search(
    query: Annotated[str, typer.Argument(metavar="RECHERCHE", help="Un ou plusieurs mots, fautes tolérées.",
                                         show_default=False)],
    limit: Annotated[str, typer.Option("--limit", "-n", metavar="NOMBRE", show_default=False,
                                       help="Nombre de résultats au plus, de 1 à 1000 (10 par défaut).")] = "10",
    family: Annotated[Optional[str], typer.Option("--family", "-f", metavar="FAMILLE", show_default=False,
                                                  autocompletion=_complete("family"),
                                                  help="Seulement les métiers de cette famille (id ou nom).")] = None,
    structure: Annotated[Optional[str], typer.Option("--structure", "-s", metavar="STRUCTURE", show_default=False,
                                                     autocompletion=_complete("structure"),
                                                     help="Seulement les métiers de cet organigramme.")] = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Cherche des métiers par intitulé, autre nom, missions, compétences ou vocabulaire.

    Le métier dont le nom correspond vient en premier, puis ceux dont les textes répondent le mieux.

    Exemples :
      metiers search "réseaux sociaux"
      metiers search seo --limit 3
      metiers search rédaction --json
    """
    count = _number(limit, "--limit", 1, 1000)
    if not query.strip():
        raise usage_error("la recherche est vide : tapez au moins un mot")
    from . import french, session
    from .payloads import filters, hit_data
    from .search import search as searching

    base = session.load_base(data)
    allowed, said = filters(base, family=family, structure=structure)
    hits = searching(base, query, allowed=allowed, limit=count)
    if not hits:
        if json:
            emit([], None, True)
        where = f" parmi les métiers de {french.enumerate_fr(said)}" if said else ""
        raise MetiersError(f"aucun métier ne correspond à {french.quoted(session.shorten(query))}{where}")
    families = {rid: base.family_label(fam) for rid, _t, fam, _l in base.summaries(h.id for h in hits)}

    def table(width: int):
        from .render.results import search_results

        return search_results(hits, families, width)

    emit([hit_data(h) for h in hits], table, json, width=160)


def _number(text: str, option: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise usage_error(f"valeur invalide pour {option} : « {text} » n'est pas un nombre entier") from None
    if not low <= value <= high:
        raise usage_error(f"valeur invalide pour {option} : {value} n'est pas entre {low} et {high}")
    return value


@register()
@command
def compare(roles: RolesArgument, data: DataOption = None, json: JsonOption = False,
            no_pager: PagerOption = False) -> None:
    """Compare 2 à 4 métiers : d'abord l'essentiel, puis ce qu'ils partagent et ce qui les distingue.

    Exemples :
      metiers compare community-manager social-media-manager
      metiers compare DA graphiste webdesigner
    """
    if not 2 <= len(roles) <= 4:
        raise usage_error(f"donnez de 2 à 4 métiers (reçu : {len(roles)})")
    from . import session
    from .compare import compare as comparing

    base = session.load_base(data)
    found = session.find_roles(base, roles)
    result = comparing(base, found)

    def view(width: int):
        from .render.comparison import comparison

        related = {v for row in result["rows"] if row["key"] in ("reports_to", "manages")
                   for values in row["values"].values() for v in values}
        return comparison(result, base.titles(related | set(result["roles"])), dict(base.structures()),
                          {f.id: f.label for f in base.families().values()}, width)

    emit(result, view, json, page=not no_pager, width=160)


@register()
@command
def tree(
    target: Annotated[Optional[str], typer.Argument(
        metavar="STRUCTURE|MÉTIER", help="Une structure (agence, annonceur, pme) ou un métier.",
        autocompletion=_complete("tree"), show_default=False)] = None,
    data: DataOption = None,
    json: JsonOption = False,
    no_pager: PagerOption = False,
) -> None:
    """Dessine l'organigramme d'une structure, ou toutes les places d'un métier et ses rattachements possibles.

    Exemples :
      metiers tree agence
      metiers tree community-manager
      metiers tree (les structures disponibles)
    """
    from . import orgchart, session

    base = session.load_base(data)
    if target is None:
        items = [{"id": sid, "label": name} for sid, name in base.structures()]

        def listing(width: int):
            from .render.results import structures_table

            return structures_table(items)

        emit(items, listing, json)
        return
    kind, item_id = session.find_structure_or_role(base, target)
    from . import french

    sources = {sid: french.quoted(s.title) for sid, s in base.sources().items()}
    if kind == "structure":
        result = orgchart.structure_tree(base, item_id)

        def chart(width: int):
            from .render.charts import structure_tree

            return structure_tree(result, base.titles(_covers(result)), sources)

        emit(result, chart, json, page=not no_pager)
    else:
        result = orgchart.role_tree(base, item_id)

        def places(width: int):
            from .render.charts import role_trees

            wanted = {r for p in result["structures"] for r in p["above"]} | \
                     {r for p in result["structures"] for a in p["alternatives"] for r in a["above"]} | \
                     {result["id"]} | {r for p in result["structures"] for r in _covers({"children": p["below"]})}
            return role_trees(result, base.titles(wanted), sources)

        emit(result, places, json, page=not no_pager)


def _covers(tree: dict) -> set[str]:
    found = set()
    for node in tree["children"]:
        found.update(node.get("covers", ()))
        found |= _covers(node)
    return found


@register("list")
@command
def list_roles(
    family: Annotated[Optional[str], typer.Option("--family", "-f", metavar="FAMILLE", show_default=False,
                                                  autocompletion=_complete("family"),
                                                  help="Seulement cette famille (son id ou son nom).")] = None,
    structure: Annotated[Optional[str], typer.Option("--structure", "-s", metavar="STRUCTURE", show_default=False,
                                                     autocompletion=_complete("structure"),
                                                     help="Seulement les métiers de cet organigramme.")] = None,
    level: Annotated[Optional[str], typer.Option("--level", "-l", metavar="NIVEAU", show_default=False,
                                                 help="operationnel, encadrement ou direction.")] = None,
    data: DataOption = None,
    json: JsonOption = False,
    no_pager: PagerOption = False,
) -> None:
    """Liste les métiers, regroupés par famille (l'identifiant de chaque famille entre parenthèses).

    Exemples :
      metiers list
      metiers list --family création
      metiers list --structure pme --level direction
    """
    from . import french, session
    from .payloads import filters

    base = session.load_base(data)
    allowed, said = filters(base, family=family, structure=structure, level=level)
    payload = listing = None
    if json:  # in base order
        payload = [{"id": rid, "title": title, "family": fam, "level": lvl} for rid, title, fam, lvl in base.summaries()
                   if allowed is None or rid in allowed]
    else:  # family by family, each in base order
        from .model import LEVELS

        listing = base.listing(LEVELS, allowed)
    if not (payload or (listing and listing.families)):
        if json:
            emit([], None, True)  # scripts get an empty list, as from search
        raise MetiersError(f"aucun métier ne correspond à ces filtres : {french.enumerate_fr(said)}")

    def view(width: int):
        from .render.results import role_list

        headings = {fid: f"{family.label} ({fid})" for fid, family in base.families().items()}
        return role_list(listing, headings, width)

    emit(payload, view, json, page=not no_pager)


@register()
@command
def glossary(
    term: Annotated[Optional[str], typer.Argument(metavar="TERME", help="Un terme du jargon (fautes tolérées).",
                                                  autocompletion=_complete("term"), show_default=False)] = None,
    terms_only: Annotated[bool, typer.Option("--list", help="Seulement la liste des termes, par ordre "
                                                            "alphabétique.")] = False,
    data: DataOption = None,
    json: JsonOption = False,
    no_pager: PagerOption = False,
) -> None:
    """Définit un terme du jargon et cite les métiers qui l'emploient ; sans terme, tout le glossaire, par ordre
    alphabétique.

    Exemples :
      metiers glossary CPC
      metiers glossary "part de voix"
      metiers glossary --list
    """
    from . import session
    from .model import plain
    from .text import fold

    base = session.load_base(data)
    sources = {sid: f"{s.publisher} — « {s.title} »" for sid, s in base.sources().items()}
    if term is None:
        terms = sorted(base.terms(), key=lambda t: (fold(t.term), t.id))
        if terms_only:
            from .render.results import term_list

            emit([{"id": t.id, "term": t.term, "expansion": t.expansion} for t in terms],
                 lambda width: term_list(terms), json, page=not no_pager)
            return
        names = {t.id: t.term for t in terms}
        titles = base.titles({r for t in terms for r in (*t.roles, *t.title_of)})

        def everything(width: int):
            from .render.results import glossary as draw, term_entry

            return draw(term_entry(t, titles, names, sources, full=False) for t in terms)

        emit([plain(t) for t in terms], everything, json, page=not no_pager)
        return
    found = session.find_term(base, term)
    names = {t.id: t.term for t in base.terms()}
    titles = base.titles((*found.roles, *found.title_of))

    def entry(width: int):
        from .render.results import term_entry

        return term_entry(found, titles, names, sources)

    emit(plain(found), entry, json, page=not no_pager)


@register()
@command
def check(data: DataOption = None) -> None:
    """Vérifie une base de connaissances : champs, identifiants, références, noms en double, compétences,
    organigrammes.

    Chaque problème tient sur une ligne « fichier:ligne: message » ; le code de sortie vaut 1 s'il y en a.

    Exemples :
      metiers check
      metiers check --data ma-base.yaml
    """
    from . import french
    from .errors import KnowledgeBaseError
    from .kb import load_checked
    from .location import resolve_path

    path = resolve_path(data)
    try:
        kb, problems = load_checked(path)
    except KnowledgeBaseError as exc:
        problems, kb = exc.problems, None
    if problems:
        for problem in problems:
            print(french.typeset(str(problem)))
        raise MetiersError(f"{french.plural(len(problems), 'problème')} dans {path}")
    counts = ", ".join(french.plural(len(items), word) for items, word in (
        (kb.roles, "métier"), (kb.structures, "structure"), (kb.glossary, "terme"), (kb.skills, "compétence"),
        (kb.sources, "source")))
    print(french.typeset(f"{path.name} : base valide (format {kb.version}) — {counts}."))


@register()
@command
def path(
    start: Annotated[str, typer.Argument(metavar="DÉPART", help="Le métier d'où l'on part.",
                                         autocompletion=_complete("role"), show_default=False)],
    goal: Annotated[str, typer.Argument(metavar="ARRIVÉE", help="Le métier visé.",
                                        autocompletion=_complete("role"), show_default=False)],
    data: DataOption = None,
    json: JsonOption = False,
    no_pager: PagerOption = False,
) -> None:
    """Trouve le plus court parcours d'un métier à un autre, étape par étape : les compétences acquises qui
    servent encore, celles à approfondir et celles à acquérir.

    Les étapes sont les évolutions citées par les fiches et la montée d'un cran dans un organigramme ; les
    compétences gagnées aux étapes précédentes comptent.

    Exemples :
      metiers path community-manager digital-manager
      metiers path graphiste "directeur de création"
    """
    from . import french, session
    from .paths import path_data, shortest_path

    base = session.load_base(data)
    origin, target = session.find_role(base, start), session.find_role(base, goal)
    if origin.id == target.id:
        raise usage_error(f"départ et arrivée sont le même métier : {origin.title}")
    steps = shortest_path(base.moves(), origin.id, target.id)
    if steps is None:
        raise MetiersError(f"aucun parcours connu de {french.quoted(origin.title)} vers {french.quoted(target.title)} "
                           "dans la base")
    result = path_data(base, origin.id, target.id, steps)
    titles = base.titles({origin.id, target.id, *(s.target for s in steps)})

    def view(width: int):
        from .render.career import career_path

        return career_path(result, titles)

    emit(result, view, json, page=not no_pager)


def _aptitude_list(values: list[str], option: str) -> set[str]:
    from . import french
    from .matching import aptitude_word
    from .model import APTITUDE_WORDS

    chosen = set()
    for value in values:
        for part in value.split(","):
            word = aptitude_word(part)
            if word is None:
                raise usage_error(f"{option} : {french.quoted(part.strip())} n'est pas reconnu ; mots acceptés : "
                                  f"{', '.join(APTITUDE_WORDS.values())}")
            chosen.add(word)
    return chosen


def _ask(questions) -> tuple[set[str], set[str], list[int], list[int]]:
    """The questionnaire, one question a line: oui, non, or « je ne sais pas »."""
    from .prompts import ask_yes_no
    from .render.console import make_console

    console = make_console(stderr=True)
    console.print(f"{len(questions)} questions : répondez oui (o), non (n) ou « je ne sais pas » (? ou Entrée).\n")
    likes, avoids, yes, no = set(), set(), [], []
    for index, (aptitude, question, _letters) in enumerate(questions):
        answer = ask_yes_no(console, f"{index + 1}. {question}")
        if answer is True:
            yes.append(index)
            if aptitude:
                likes.add(aptitude)
        elif answer is False:
            no.append(index)
            if aptitude:
                avoids.add(aptitude)
    return likes, avoids, yes, no


@register()
@command
def match(
    aime: Annotated[Optional[list[str]], typer.Option(
        "--aime", metavar="MOT", show_default=False,
        help="Ce que vous aimez faire (répétable) : rédiger, parler, négocier, créer, analyser, encadrer, "
             "organiser, animer, technique.")] = None,
    evite: Annotated[Optional[list[str]], typer.Option(
        "--evite", metavar="MOT", show_default=False,
        help="Ce que vous préférez éviter (répétable), mêmes mots que --aime.")] = None,
    riasec: Annotated[Optional[str], typer.Option(
        "--riasec", metavar="CODE", show_default=False,
        help="Votre code de Holland, 1 à 3 lettres parmi R I A S E C (ex. AES).")] = None,
    sait: Annotated[Optional[list[str]], typer.Option(
        "--sait", metavar="COMPÉTENCE", show_default=False, autocompletion=_complete("skill"),
        help="Une compétence que vous avez (répétable), par son identifiant ou son nom dans la base.")] = None,
    limit: Annotated[str, typer.Option("--limit", "-n", metavar="NOMBRE", show_default=False,
                                       help="Nombre de métiers proposés, de 1 à 100 (5 par défaut).")] = "5",
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Propose les métiers qui correspondent à vos goûts et à ce que vous savez déjà faire, avec la raison de
    chaque proposition.

    Sans option, pose une dizaine de questions dans le terminal. Le score dit combien de vos réponses concordent
    avec le métier. Les aptitudes et profils RIASEC des métiers relèvent d'un jugement éditorial, signalé dans la
    base.

    Exemples :
      metiers match
      metiers match --aime rédiger --aime analyser --evite négocier
      metiers match --riasec AES
      metiers match --sait redaction-web --sait referencement-naturel
    """
    from . import french, session
    from .matching import QUESTIONS, advice, code_from_answers, fits, riasec_code
    from .model import APTITUDE_WORDS

    count = _number(limit, "--limit", 1, 100)
    likes = _aptitude_list(aime or [], "--aime")
    avoids = _aptitude_list(evite or [], "--evite")
    if likes & avoids:
        both = ", ".join(APTITUDE_WORDS[w] for w in sorted(likes & avoids))
        raise usage_error(f"{both} : à la fois aimé et évité")
    code = None
    if riasec is not None:
        code = riasec_code(riasec)
        if code is None:
            raise usage_error("--riasec : 1 à 3 lettres différentes parmi R, I, A, S, E, C (ex. AES)")
    base = session.load_base(data)
    knows = [_skill_id(base, s) for s in sait or []]
    if not (likes or avoids or code or knows):
        if sys.stdin is None or sys.stdin.closed or not sys.stdin.isatty():
            raise usage_error("sans terminal, donnez vos goûts en options : metiers match --aime rédiger --evite "
                              "négocier, ou --riasec AES (voir metiers match --help)")
        try:
            likes, avoids, yes, _no = _ask(QUESTIONS)
        except EOFError:
            raise MetiersError("questionnaire interrompu : l'entrée standard s'est fermée") from None
        code = code_from_answers(yes)
        if not (likes or avoids or code):
            raise MetiersError("aucune réponse par oui ou par non : impossible de proposer des métiers")
    results = fits(base, likes, avoids, code, knows, count)
    if not results:
        if json:
            emit([], None, True)  # scripts get an empty list, as from search
        raise MetiersError("aucun métier ne correspond à ce profil : essayez avec moins de « --evite »")
    vocabulary = base.skills(knows) if knows else {}
    described = [f"aime : {', '.join(APTITUDE_WORDS[w] for w in sorted(likes))}" if likes else "",
                 f"évite : {', '.join(APTITUDE_WORDS[w] for w in sorted(avoids))}" if avoids else "",
                 f"RIASEC : {code}" if code else "",
                 f"sait : {', '.join(vocabulary[k].label.lower() for k in knows if k in vocabulary)}" if knows else ""]
    profile = ("Votre profil — " + " ; ".join(d for d in described if d)) if any(described) else ""
    notes = [a.text for a in advice(base.advice(), likes, avoids)]

    def view(width: int):
        from .render.career import matches

        return matches(results, notes, french.typeset(profile), width)

    emit([f.as_dict() for f in results], view, json, width=160)


def _skill_id(base, text: str) -> str:
    """A skill of the vocabulary by id or label (case, accents and small typos aside), or a usage error."""
    from . import french
    from .names import Ambiguous, Names, NotFound, resolve, row

    skills = base.skills()
    if text in skills:
        return text
    names = Names([r for s in skills.values() for r in (row(s.id, 1, "id", s.id), row(s.id, 2, "name", s.label))])
    try:
        return resolve(text, names).id
    except (Ambiguous, NotFound) as exc:
        close = getattr(exc, "suggestions", None) or getattr(exc, "candidates", [])
        hint = f" ; vouliez-vous dire : {', '.join(i for i, _n in close)} ?" if close else \
            " (la liste : metiers match --sait puis Tab, ou metiers export base --format json)"
        raise usage_error(f"--sait : compétence inconnue {french.quoted(text)}{hint}") from None


@register()
@command
def init(
    file: Annotated[str, typer.Argument(metavar="FICHIER", help="Le fichier YAML à créer.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", hidden=True)] = False,
) -> None:
    """Crée une base de départ commentée, à compléter avec les métiers de votre organisation.

    Ne remplace jamais un fichier existant. Le format est décrit par « metiers docs format ».

    Exemples :
      metiers init mon-organisation.yaml
      metiers check --data mon-organisation.yaml
    """
    from importlib.resources import files

    target = Path(file)
    if force:
        raise MetiersError("metiers init ne remplace jamais un fichier, même avec --force : choisissez un autre nom")
    text = files("metiers_cli").joinpath("starter.yaml").read_text(encoding="utf-8")
    _write(target, text, replace=False, refuse="metiers init ne remplace jamais un fichier : choisissez un autre nom")
    from .render.console import error_line

    error_line(f"base de départ écrite dans {target} ; vérifiez-la avec « metiers check --data {target} » ; le format "
               "est décrit par « metiers docs format »")


DOCS = {"format": "format.md", "json": "json.md", "fiabilite": "reliability.md"}


@register()
@command
def docs(
    name: Annotated[str, typer.Argument(metavar="DOCUMENT", show_default=False,
                                        help="format (la base de connaissances), json (les sorties JSON) ou "
                                             "fiabilite.")] = "format",
    no_pager: PagerOption = False,
) -> None:
    """Affiche la documentation installée avec metiers : le format des bases, le JSON des commandes.

    Exemples :
      metiers docs format
      metiers docs json
    """
    from . import french
    from .location import document

    key = name.strip().lower().replace("é", "e")
    if key not in DOCS:
        raise usage_error(f"document inconnu : {french.quoted(name)} ; documents : {', '.join(DOCS)}")
    try:
        text = document(DOCS[key]).read_text(encoding="utf-8")
    except OSError:
        raise MetiersError(f"document {DOCS[key]} absent de cette installation") from None
    from .render.console import is_terminal

    if not is_terminal(sys.stdout):  # piped or redirected: the Markdown file itself
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from rich.markdown import Markdown

    emit(None, lambda width: Markdown(french.typeset(text), code_theme="ansi_dark"), False, page=not no_pager)


def _write(target: Path, text: str | bytes, replace: bool, refuse: str) -> None:
    """Writes a file whole or not at all, turning every failure into one clear line."""
    from . import errors
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
        reason = errors.reason(exc)
        raise MetiersError(f"écriture de {target} impossible : {reason} ; aucun fichier modifié") from None


# --- favourites and the explorer ---------------------------------------------------------------------------------

@register("favoris")
@command
def favourites(data: DataOption = None, json: JsonOption = False) -> None:
    """Liste les métiers marqués comme favoris dans l'explorateur (touche f de « metiers explore »).

    Exemples :
      metiers favoris
      metiers export favoris -o suivi.md
    """
    from . import favorites, session

    base = session.load_base(data)
    marked = favorites.load()
    titles = base.titles(marked)
    items = [{"id": rid, "title": titles.get(rid), "known": rid in titles} for rid in marked]

    def view(width: int):
        from rich.text import Text

        from .render.common import bullets

        if not items:
            return Text("Aucun favori pour l'instant : dans « metiers explore », la touche f marque un métier.")
        return bullets(f"{i['title']} ({i['id']})" if i["known"] else f"{i['id']} (absent de cette base)"
                       for i in items)

    emit(items, view, json)


@register()
@command
def explore(role: Annotated[Optional[str], typer.Argument(
        metavar="MÉTIER", help="Le métier à ouvrir d'abord (facultatif).", autocompletion=_complete("role"),
        show_default=False)] = None,
        data: DataOption = None) -> None:
    """Ouvre l'explorateur plein écran : recherche instantanée, fiches, organigrammes, parcours, comparaisons et
    favoris, au clavier ou à la souris (touche ? pour l'aide).

    Exemples :
      metiers explore
      metiers explore community-manager
    """
    from . import favorites, session

    for stream in (sys.stdin, sys.stdout):
        if stream is None or stream.closed or not stream.isatty():
            raise usage_error("l'explorateur demande un terminal (entrée et sortie) ; sans terminal, utilisez "
                              "metiers show, search, tree…")
    base = session.load_base(data)
    start = session.find_role(base, role).id if role else None
    try:
        marked = favorites.Favourites.open()
    except favorites.FavouritesError as exc:
        raise MetiersError(str(exc)) from None
    if marked.notice:
        from .render.console import error_line

        error_line(marked.notice)
    from .explore.app import run

    run(base, marked, start)


# --- cache -------------------------------------------------------------------------------------------------------

@register("info", CACHES)
@command
def cache_info(data: DataOption = None, json: JsonOption = False) -> None:
    """Montre où est le cache, sa taille et pour quelles bases.

    Exemples :
      metiers cache info
    """
    from . import cache, french
    from .location import resolve_path

    folder = cache.cache_dir()
    current = cache.cache_file(resolve_path(data))
    items = cache.entries()
    result = {"folder": str(folder) if folder else None, "enabled": folder is not None,
              "size": sum(e["size"] for e in items), "current": str(current) if current else None, "files": items}

    def view(width: int):
        from rich.console import Group
        from rich.text import Text

        from .render.common import bullets, pairs

        if folder is None:
            return Text("Cache désactivé (METIERS_NO_CACHE) : chaque commande relit la base.")
        rows = [("Dossier", str(folder)),
                ("Taille", f"{french.megabytes(result['size'])} en {french.plural(len(items), 'fichier')}")]
        lines = [f"{e['base'] or '?'} — {french.megabytes(e['size'])}, {e['state']}"
                 + (" (base actuelle)" if e["file"] == result["current"] else "") for e in items]
        return Group(pairs(rows), bullets(lines) if lines else Text("Aucune base en cache pour l'instant."))

    emit(result, view, json)


@register("clear", CACHES)
@command
def cache_clear() -> None:
    """Vide le cache : la prochaine commande recompilera la base.

    Exemples :
      metiers cache clear
    """
    from . import cache, french
    from .render.console import error_line

    count, size = cache.clear()
    error_line(f"cache vidé : {french.plural(count, 'fichier')}, {french.megabytes(size)} libérés" if count
               else "cache déjà vide")


# --- export ------------------------------------------------------------------------------------------------------

FormatOption = Annotated[str, typer.Option(
    "--format", "-F", metavar="FORMAT", show_default=False,
    help="markdown (ou md), json ; csv pour base ; mermaid, dot pour tree et graph.")]
OutputOption = Annotated[Optional[str], typer.Option("--output", "-o", metavar="FICHIER", show_default=False,
                                                     help="Écrire dans ce fichier plutôt que sur la sortie standard.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")]


def _export_format(what: str, fmt: str) -> str:
    """The export format asked for, by its name (« md » is markdown); a usage error, before any work, when that
    export doesn't offer it."""
    from .exports import ALIASES, FORMATS

    fmt = ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if fmt not in FORMATS[what]:
        raise usage_error(f"« {fmt} » n'est pas un format d'export {what} ; formats : {', '.join(FORMATS[what])}")
    return fmt


def _deliver(what: str, fmt: str, output: str | None, force: bool, produce) -> None:
    fmt = _export_format(what, fmt)
    text = produce(fmt)
    if output is None or output == "-":
        # an export is a file format: UTF-8 whatever the terminal's encoding, never degraded
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
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
    """Exporte la fiche d'un métier, avec toutes ses rubriques.

    Exemples :
      metiers export role traffic-manager -F md -o fiche.md
    """
    format = _export_format("role", format)
    from . import exports, session
    from .payloads import role_data

    base = session.load_base(data)
    found = session.find_role(base, role)
    _deliver("role", format, output, force, lambda fmt: exports.as_json(role_data(base, found)) if fmt == "json"
             else exports.role_markdown(base, found))


@register("compare", EXPORTS)
@command
def export_compare(roles: RolesArgument, format: FormatOption = "markdown", output: OutputOption = None,
                   force: ForceOption = False, data: DataOption = None) -> None:
    """Exporte une comparaison.

    Exemples :
      metiers export compare CM SMM -F md -o atelier.md
    """
    format = _export_format("compare", format)
    if not 2 <= len(roles) <= 4:
        raise usage_error(f"donnez de 2 à 4 métiers (reçu : {len(roles)})")
    from . import exports, session
    from .compare import compare as comparing

    base = session.load_base(data)
    result = comparing(base, session.find_roles(base, roles))
    _deliver("compare", format, output, force, lambda fmt: exports.as_json(result) if fmt == "json"
             else exports.compare_markdown(base, result))


@register("tree", EXPORTS)
@command
def export_tree(
    structure: Annotated[str, typer.Argument(metavar="STRUCTURE", help="agence, annonceur, pme…",
                                             autocompletion=_complete("structure"), show_default=False)],
    format: FormatOption = "markdown", output: OutputOption = None, force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """Exporte un organigramme ; les rattachements possibles selon l'organisation y sont en pointillés.

    Exemples :
      metiers export tree agence -F mermaid -o agence.mmd
    """
    format = _export_format("tree", format)
    from . import exports, orgchart, session

    base = session.load_base(data)
    sid = session.structure_id(base, structure)
    if sid is None:
        raise session.unknown_structure(base, structure)
    tree_data = orgchart.structure_tree(base, sid)
    writers = {"json": exports.as_json, "markdown": lambda t: exports.tree_markdown(t, base.titles(_covers(t))),
               "mermaid": exports.tree_mermaid, "dot": exports.tree_dot}
    _deliver("tree", format, output, force, lambda fmt: writers[fmt](tree_data))


@register("graph", EXPORTS)
@command
def export_graph(format: FormatOption = "markdown", output: OutputOption = None, force: ForceOption = False,
                 data: DataOption = None) -> None:
    """Exporte le graphe des parcours entre tous les métiers.

    Exemples :
      metiers export graph -F dot -o parcours.gv
    """
    format = _export_format("graph", format)
    from . import exports, session

    base = session.load_base(data)
    graph = exports.graph_data(base)
    writers = {"json": exports.as_json, "markdown": exports.graph_markdown, "mermaid": exports.graph_mermaid,
               "dot": exports.graph_dot}
    _deliver("graph", format, output, force, lambda fmt: writers[fmt](graph))


@register("base", EXPORTS)
@command
def export_base(format: FormatOption = "csv", output: OutputOption = None, force: ForceOption = False,
                separator: Annotated[Optional[str], typer.Option(
                    "--sep", metavar="SÉPARATEUR", show_default=False,
                    help="Séparateur du CSV : « ; » pour un tableur français (par défaut dans un fichier .csv), "
                         "« , » sinon.")] = None,
                bom: Annotated[Optional[bool], typer.Option(
                    "--bom/--no-bom", show_default=False,
                    help="Marque UTF-8 en tête du CSV, pour qu'un tableur reconnaisse l'encodage (par défaut dans "
                         "un fichier .csv).")] = None,
                data: DataOption = None) -> None:
    """Exporte toute la base : CSV pour un tableur, JSON au format de la base, Markdown.

    Exemples :
      metiers export base -o metiers.csv
      metiers export base -F json -o base.json
      metiers export base --sep ";" > metiers.csv
    """
    format = _export_format("base", format)
    from . import exports, session

    to_file = output not in (None, "-") and output.lower().endswith(".csv")
    sep = separator if separator is not None else (";" if to_file else ",")
    if sep not in (",", ";", "\t", "\\t"):
        raise usage_error(f"--sep : « {sep} » n'est pas un séparateur accepté ( , ; ou \\t )")
    sep = "\t" if sep == "\\t" else sep
    base = session.load_base(data)
    writers = {"json": lambda: exports.as_json(exports.base_data(base)),
               "csv": lambda: exports.base_csv(base, sep, to_file if bom is None else bom),
               "markdown": lambda: exports.base_markdown(base)}
    _deliver("base", format, output, force, lambda fmt: writers[fmt]())


@register("favoris", EXPORTS)
@command
def export_favourites(format: FormatOption = "markdown", output: OutputOption = None, force: ForceOption = False,
                      data: DataOption = None) -> None:
    """Exporte les métiers favoris de l'explorateur, avec leur fiche, pour le suivi d'un conseiller.

    Exemples :
      metiers export favoris -o suivi.md
    """
    format = _export_format("favoris", format)
    from . import exports, favorites, session
    from .payloads import role_data

    base = session.load_base(data)
    roles = base.roles(favorites.load())
    if format.lower() in ("json",):
        _deliver("favoris", format, output, force, lambda fmt: exports.as_json([role_data(base, r) for r in roles]))
        return
    _deliver("favoris", format, output, force, lambda fmt: exports.favourites_markdown(base, roles))


# --- the app -----------------------------------------------------------------------------------------------------

APP_SETTINGS = dict(name="metiers", no_args_is_help=True, pretty_exceptions_enable=False,
                    context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode=None, cls=FrenchGroup)


def build(only: str | None = None) -> typer.Typer:
    """The Typer app: every command, or only the one about to run (Typer turns each registered command into a
    Click command on every run; a run needs only its own)."""
    application = typer.Typer(help=_help(main_options), **APP_SETTINGS)
    application.callback()(main_options)
    for name, function in COMMANDS.items():
        if only is None or only == name:
            application.command(name, cls=FrenchCommand, help=_help(function),
                                short_help=_short_help(function))(function)
    for group, (text, commands) in GROUPS.items():
        if only is None or only == group:
            sub = typer.Typer(**{**APP_SETTINGS, "name": group}, help=text)
            for name, function in commands.items():
                sub.command(name, cls=FrenchCommand, help=_help(function),
                            short_help=_short_help(function))(function)
            application.add_typer(sub, name=group, short_help=text.split(" : ")[0].rstrip("."))
    return application


def _command_in(words: list[str]) -> str | None:
    """The command a command line runs, when its first word names one."""
    if words and (words[0] in COMMANDS or words[0] in GROUPS):
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


def run(args: list[str] | None = None) -> int:
    """Parse and run a command line; usage errors in French. Returns the exit code."""
    from .render.console import error_line
    from .usage import bind_catalog, help_hint, kinds_of, message

    from . import session

    session.begin()
    args = sys.argv[1:] if args is None else list(args)
    if not args or any(a in ("-h", "--help") for a in args) or args[-1:] in (["export"], ["cache"]):
        bind_catalog()
    only = _command_in(args) if not os.environ.get("_METIERS_COMPLETE") else _running()
    try:
        code = build(only)(args=args, prog_name="metiers", standalone_mode=False)
    except Exception as exc:  # Typer's Click raises its own classes, told apart by name (usage.kinds_of)
        kinds = kinds_of(exc)
        if "NoArgsIsHelpError" in kinds:
            sys.stdout.write(exc.ctx.get_help() + "\n")
            return ExitCode.OK
        if "UsageError" in kinds:
            error_line(f"{message(exc)} (aide : {help_hint(exc, only)})")
            return ExitCode.USAGE
        if "Abort" in kinds:
            error_line("interrompu")
            return ExitCode.INTERRUPTED
        if os.environ.get("METIERS_DEBUG"):
            raise
        error_line(f"erreur inattendue ({type(exc).__name__} : {exc}) ; relancez avec METIERS_DEBUG=1 pour le "
                   "détail, et signalez-la avec la commande tapée")
        return ExitCode.FAILURE
    return code if isinstance(code, int) else ExitCode.OK


app = build()


def main() -> None:
    from .render.console import prepare_streams

    prepare_streams()
    sys.exit(run())
