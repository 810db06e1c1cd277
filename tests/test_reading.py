"""French through and through, and comfortable to read (issue 14): help and usage errors in French, typography
and grammar of every generated sentence, long output in a pager, widths, the comparison read top-down, exit
codes, and the documents installed with metiers."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path

import pytest

from conftest import run
from metiers_cli import cli, compare, french, matching, paths
from metiers_cli.card import role_card

ROOT = Path(__file__).parent.parent

# --- help ------------------------------------------------------------------------------------------------------

# What Click's and Typer's own catalog would print in English, and the Python types Typer shows as metavars.
ENGLISH = ("Show this message", "Usage:", "Options:", "Arguments:", "Commands:", "[required]", "[default",
           "env var", "Install completion", "Show completion", "current shell", "Try '", "Error", "Missing",
           "Invalid value", "No such", "Got unexpected", "Possible options", "Did you mean", "is not",
           "Aborted", "TEXT", "INTEGER", "BOOLEAN", "FLOAT", "FILENAME", " PATH")
TYPES = re.compile(r"<(bool|str|int|float|list|path)[^>]*>|list\[|\d+<=x|x<=\d|\{[A-ZÉ]+\.\.\.\}")


def command_lines() -> list[list[str]]:
    lines = [[]]
    lines += [[name] for name in cli.COMMANDS]
    for group, (_text, commands) in cli.GROUPS.items():
        lines.append([group])
        lines += [[group, name] for name in commands]
    return lines


@pytest.mark.parametrize("words", command_lines(), ids=lambda w: " ".join(w) or "metiers")
def test_help_reads_in_french_with_examples_one_per_line(words):
    result = run(*words, "--help")
    assert result.exit_code == 0
    out = result.raw_stdout
    for english in ENGLISH:
        assert english not in out, english
    assert not TYPES.search(out), TYPES.search(out).group(0)
    assert out.startswith(f"Utilisation{french.NBSP}: metiers")
    for heading in ("Options", "Arguments", "Commandes"):
        assert f"\n{heading}:" not in out
    assert re.search(r"\n(Options|Commandes)\u00a0:\n", out)
    # French typography: no ordinary space before « : ; ! ? » anywhere in the help
    assert not re.search(r" [:;!?»]|« ", out)
    if words and words[0] not in cli.GROUPS or len(words) == 2:
        examples = out.split(f"Exemples{french.NBSP}:\n", 1)
        assert len(examples) == 2, "no « Exemples » block"
        block = examples[1].split("\n\n", 1)[0].splitlines()
        assert block and all(line.strip().startswith("metiers ") for line in block), block


def test_the_list_of_commands_never_cuts_a_description():
    out = run("--help", env={"COLUMNS": "80"}).stdout
    listing = out.split("Commandes :", 1)[1]
    assert "..." not in listing and "…\n" not in listing
    for name in cli.COMMANDS:
        assert re.search(rf"^  {name} +\S", listing, re.M), name


# Every kind of usage error a user can trigger, each with what its French line must say.
USAGE_ERRORS = [
    (["show"], "il manque l'argument MÉTIER"),
    (["show", "community-manager", "--jsno"], "option inconnue : --jsno ; vouliez-vous dire --json ?"),
    (["show", "community-manager", "graphiste"], "argument en trop : graphiste"),
    (["nope"], "commande inconnue : « nope »"),
    (["cache", "vider"], "commande inconnue : « vider »"),
    (["search", "seo", "--limit", "abc"], "« abc » n'est pas un nombre entier"),
    (["search", "seo", "--limit", "0"], "0 n'est pas entre 1 et 1000"),
    (["search", "seo", "--limit"], "l'option --limit attend une valeur"),
    (["search", "--json=oui", "seo"], "l'option --json ne prend pas de valeur"),
    (["search", ""], "la recherche est vide"),
    (["compare", "community-manager"], "donnez de 2 à 4 métiers"),
    (["compare", "cm", "community manager"], "demandé deux fois"),
    (["path", "graphiste", "graphiste"], "même métier"),
    (["list", "--family", "cuisine"], "famille inconnue : « cuisine »"),
    (["list", "--level", "chef"], "niveau inconnu : « chef »"),
    (["list", "--structure", "usine"], "structure inconnue : « usine »"),
    (["search", "seo", "--structure", "usine"], "structure inconnue : « usine »"),
    (["match", "--aime", "cuisine"], "« cuisine » n'est pas reconnu"),
    (["match", "--riasec", "XYZ"], "1 à 3 lettres différentes"),
    (["export", "role", "community-manager", "-F", "pdf"], "« pdf » n'est pas un format d'export role"),
    (["export", "base", "--sep", "x"], "« x » n'est pas un séparateur accepté"),
    (["docs", "roman"], "document inconnu : « roman »"),
    (["init"], "il manque l'argument FICHIER"),
]


@pytest.mark.parametrize(("args", "said"), USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_every_usage_error_is_one_french_line_and_exit_2(args, said):
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    error = next((n for n, line in enumerate(lines) if said in line), None)
    assert error is not None, result.stderr
    assert lines[error].startswith("metiers : ")
    assert all(line.startswith("metiers : ") for line in lines[:error])  # only notes (« compris comme ») before
    for english in ENGLISH:
        assert english not in result.stderr, english
    assert not re.search(r" [:;!?»]|« ", result.raw_stderr)
    assert result.exception is None


def test_a_usage_error_is_reported_before_any_work():
    """A bad export format is refused before the role is looked up: no « compris comme » note first."""
    result = run("export", "role", "cm", "-F", "pdf")
    assert result.exit_code == 2 and "compris comme" not in result.stderr


# --- generated French ------------------------------------------------------------------------------------------

BAD_GRAMMAR = re.compile(r"\b(de|à) (le|les)\b|\bde [aeiouyéèêâàh]\w|\b(le|la|que) [aeiouyéèêâà]\w", re.I)


def generated_sentences(base) -> list[str]:
    """Every sentence metiers writes itself from the shipped base: comparison summaries of every pair (and of
    triples from each family), the reasons of every career move, match reasons and card labels. Texts written in
    the base (distinctions, notes) are data, not generated, and are left out."""
    ids = base.role_ids()
    roles = {r.id: r for r in base.roles(ids)}
    written = {d.text for r in roles.values() for d in r.distinctions}
    out = []
    for pair in itertools.combinations(ids, 2):
        out += compare.compare(base, [roles[i] for i in pair])["summary"]
    for family in {r.family for r in roles.values()}:
        members = [r for r in roles.values() if r.family == family][:3]
        if len(members) >= 2:
            out += compare.compare(base, members)["summary"]
    out += [paths.why(base, move) for move in base.moves()]
    for aptitude in matching.APTITUDES:
        out += [reason for fit in matching.fits(base, likes={aptitude}) for reason in fit.reasons]
        out += [reason for fit in matching.fits(base, avoids={aptitude}) for reason in fit.reasons]
    for role in roles.values():
        card = role_card(base, role)
        for section in card.sections:
            for block in section.blocks:
                if block.kind == "pairs":
                    out += [f"{label} : {value}" for label, value in block.content]
    return [s for s in out if s not in written]


def test_no_generated_sentence_joins_articles_wrongly(base):
    sentences = generated_sentences(base)
    assert len(sentences) > 2000
    wrong = sorted({s for s in sentences if BAD_GRAMMAR.search(s)})
    assert not wrong, wrong[:5]


@pytest.mark.parametrize(("title", "of", "to"), [
    ("Traffic manager", "du traffic manager", "au traffic manager"),
    ("UX designer", "de l'UX designer", "à l'UX designer"),
    ("Attaché de presse", "de l'attaché de presse", "à l'attaché de presse"),
    ("Hôte d'accueil", "de l'hôte d'accueil", "à l'hôte d'accueil"),
    ("Graphiste", "du graphiste", "au graphiste"),
])
def test_articles_are_joined_by_rule(title, of, to):
    assert french.of_the(title) == of and french.to_the(title) == to
    assert french.of_the(title, plural=True).startswith("des ") and french.to_the(title, plural=True).startswith("aux ")
    assert french.of_the("Cheffe de projet", feminine=True) == "de la cheffe de projet"


def test_typeset_puts_no_break_spaces_where_french_wants_them():
    assert french.typeset("Note : « oui » ; non ! Vrai ?") == \
        "Note\u00a0: «\u00a0oui\u00a0»\u00a0; non\u00a0! Vrai\u00a0?"
    assert french.typeset("https://exemple.fr à 10:30") == "https://exemple.fr à 10:30"


def views():
    """Command lines whose output is generated prose: every card, comparisons, charts, paths, glossary, match."""
    lines = [["show", rid] for rid in ("community-manager", "traffic-manager", "planneur-strategique",
                                        "directeur-artistique", "chef-de-publicite", "charge-de-communication")]
    lines += [["compare", "community-manager", "social-media-manager"], ["compare", "graphiste",
              "directeur-artistique", "directeur-creation"], ["tree", "agence"], ["tree", "community-manager"],
              ["path", "graphiste", "directeur-creation"], ["glossary"], ["glossary", "cpc"],
              ["match", "--aime", "rediger,animer"], ["search", "réseaux sociaux"], ["list"]]
    return lines


def _breaks_badly(text: str) -> list[str]:
    bad = []
    for line in text.splitlines():
        stripped = line.strip(" │┃║|•")
        if re.match(r"[:;!?»]", stripped) or line.rstrip().endswith("«"):
            bad.append(line)
    return bad


@pytest.mark.parametrize("columns", [40, 80, 160])
def test_no_line_breaks_before_french_punctuation(base, columns):
    for args in views():
        result = run(*args, env={"COLUMNS": str(columns)})
        assert result.exit_code == 0, args
        assert not _breaks_badly(result.raw_stdout), (args, _breaks_badly(result.raw_stdout)[:3])
        assert not re.search(r"(?<=\w) [:;!?»]", result.raw_stdout), args


@pytest.mark.parametrize("columns", [40, 80, 160])
def test_every_card_keeps_its_punctuation_on_the_line(base, columns):
    for rid in base.role_ids():
        out = run("show", rid, env={"COLUMNS": str(columns)}).raw_stdout
        assert not _breaks_badly(out), (rid, _breaks_badly(out)[:3])


# --- widths ----------------------------------------------------------------------------------------------------

def test_prose_stops_at_a_reading_width_on_wide_terminals():
    from metiers_cli.render.console import READING_WIDTH

    for args in (["show", "community-manager"], ["glossary", "seo"], ["path", "graphiste", "directeur-creation"]):
        out = run(*args, env={"COLUMNS": "200"}).stdout
        assert max(len(line) for line in out.splitlines()) <= READING_WIDTH, args
    # the comparison's table may use the room, its summary doesn't
    out = run("compare", "cm", "smm", env={"COLUMNS": "200"}).stdout
    summary = out.split("Ce qui les distingue")[0]
    assert max(len(line) for line in summary.splitlines()) <= READING_WIDTH
    assert max(len(line) for line in out.splitlines()) > READING_WIDTH


@pytest.mark.parametrize("columns", [30, 40, 50, 60])
@pytest.mark.parametrize("args", [["list"], ["search", "réseaux sociaux"], ["search", "chef"],
                                  ["match", "--aime", "creer"]])
def test_identifiers_are_never_split(columns, args):
    data = run(*args, "--json").json()
    ids = [item["id"] for item in (data if isinstance(data, list) else data.get("results", data.get("roles", [])))]
    assert ids
    out = run(*args, env={"COLUMNS": str(columns)}).stdout
    words_on_lines = {w.strip("()·,") for line in out.splitlines() for w in line.split()}
    for rid in ids:
        assert rid in words_on_lines, (rid, columns)


# --- pager -----------------------------------------------------------------------------------------------------

@pytest.fixture
def pager(monkeypatch):
    """A terminal 20 lines high on stdin and stdout; what goes to the pager is recorded."""
    from rich.pager import SystemPager

    from metiers_cli.render import console

    shown: list[str] = []
    monkeypatch.setattr(console, "is_terminal", lambda stream: True)
    monkeypatch.setattr(SystemPager, "show", lambda self, content: shown.append(content))
    monkeypatch.setenv("LINES", "20")
    return shown


def test_long_output_goes_through_the_pager_on_a_terminal(pager, monkeypatch):
    monkeypatch.delenv("LESS", raising=False)
    result = run("show", "community-manager")
    assert result.exit_code == 0 and len(pager) == 1 and "Missions" in pager[0]
    assert result.stdout == ""
    import os

    assert "R" in os.environ.get("LESS", "")  # colours pass through less


def test_short_output_is_printed_without_the_pager(pager):
    result = run("glossary", "cpc")
    assert not pager and "CPC" in result.stdout


@pytest.mark.parametrize("how", [["--no-pager"], "METIERS_PAGER=0", "METIERS_PAGER=non"])
def test_the_pager_can_be_turned_off(pager, how):
    args, env = (how, None) if isinstance(how, list) else ([], dict([how.split("=")]))
    result = run("show", "community-manager", *args, env=env)
    assert not pager and "Missions" in result.stdout


def test_metiers_pager_names_the_pager(pager, monkeypatch):
    import os

    monkeypatch.setenv("PAGER", "less")
    run("show", "community-manager", env={"METIERS_PAGER": "more"})
    assert pager and os.environ["PAGER"] == "more"


def test_never_a_pager_when_piped(monkeypatch):
    from rich.pager import SystemPager

    shown = []
    monkeypatch.setattr(SystemPager, "show", lambda self, content: shown.append(content))
    result = run("glossary", env={"LINES": "10"})
    assert not shown and result.stdout.count("\n") > 100


# --- compare ---------------------------------------------------------------------------------------------------

def test_compare_reads_top_down(base):
    out = run("compare", "community-manager", "social-media-manager", env={"COLUMNS": "80"}).stdout
    summary, common, differ = (out.index(h) for h in ("En résumé", "En commun", "Ce qui les distingue"))
    assert out.startswith("Comparaison : Community manager · Social media manager")
    assert summary < common < differ
    table = out[differ:]
    # what both share is said once, in « En commun », never as a row of the table
    assert "Famille" in out[common:differ] and "Famille" not in table
    assert "(en commun)" not in out
    assert "Savoir-faire" in table  # partly shared: each column keeps only its own items
    assert "Rédaction pour les réseaux sociaux" not in table


def test_compare_on_a_narrow_terminal_says_what_is_compared_first():
    out = run("compare", "cm", "smm", "digital-manager", env={"COLUMNS": "40"}).stdout
    assert out.splitlines()[0].startswith("Comparaison : Community manager")
    assert "┃" not in out  # blocks, not a squeezed table
    assert max(len(line) for line in out.splitlines()) <= 40


# --- exit codes, families, documents ---------------------------------------------------------------------------

@pytest.mark.parametrize("family", ["creation", "Création", "creatoin", "CRÉATION"])
def test_families_by_id_label_or_a_typo(family):
    result = run("list", "--family", family, "--json")
    assert result.exit_code == 0
    assert {r["family"] for r in result.json()} == {"creation"}


def test_list_shows_the_family_ids_that_filters_accept():
    out = run("list").stdout
    assert "Création (creation)" in out


def test_glossary_list_is_alphabetical_terms_only(kb):
    result = run("glossary", "--list")
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    terms = [term.term for term in kb.glossary.values()]
    assert len(lines) >= len(terms)
    from metiers_cli.text import fold

    firsts = [line.split(" — ")[0].rsplit("  ", 1)[0].strip() for line in lines]
    shown = [f for f in firsts if f in terms]
    assert shown == sorted(shown, key=fold) and len(shown) == len(terms)
    json_terms = [t["id"] for t in run("glossary", "--list", "--json").json()]
    assert sorted(json_terms) == sorted(kb.glossary)


def test_docs_prints_the_installed_format_document_when_piped():
    result = run("docs", "format")
    assert result.exit_code == 0
    assert result.raw_stdout == (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert run("docs", "json").raw_stdout == (ROOT / "docs" / "json.md").read_text(encoding="utf-8")


def test_the_documents_and_the_licence_ship_with_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "MIT" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    included = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for document in ("docs/format.md", "docs/json.md", "docs/roles.schema.json"):
        assert document in included, document


def test_cache_sizes_in_french_notation():
    run("list")
    out = run("cache", "info").raw_stdout
    assert re.search(r"\d+(,\d)?\u00a0Mo", out) and not re.search(r"\d\.\d\s?M", out)


def test_the_light_renderables_keep_the_style_of_their_text():
    """A dim identifier or a bold title stays so once wrapped inside a list, a pair or an indent."""
    from rich.console import Console

    from metiers_cli.render.common import Indented, bullets, pairs, words

    console = Console(force_terminal=True, color_system="standard", width=40)
    for renderable in (Indented(words("un titre en gras", "bold")), bullets([words("un titre en gras", "bold")]),
                       pairs([("étiquette", words("un titre en gras", "bold"))])):
        with console.capture() as captured:
            console.print(renderable)
        assert "\x1b[1mun titre en gras" in captured.get()


@pytest.mark.parametrize(("error", "said"), [(IsADirectoryError(21, "Is a directory"), "c'est un dossier"),
                                             (OSError(28, "No space left on device"), "disque plein"),
                                             (PermissionError(13, "Permission denied"), "permission refusée"),
                                             (OSError(9999, "Weird"), "erreur système")])
def test_system_errors_are_said_in_french(error, said):
    from metiers_cli.errors import reason

    assert reason(error) == said or reason(error).startswith(said)


def test_unreadable_favourites_are_explained_in_french(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    (tmp_path / "metiers" / "favoris.json").mkdir(parents=True)  # a folder where the file should be
    result = run("favoris")
    assert result.exit_code == 1
    assert "Is a directory" not in result.stderr and "dossier" in result.stderr


def _titled(tmp_path, titles: dict[str, str]):
    """The shipped base with some roles retitled, compiled as a command reads it."""
    import yaml

    from metiers_cli.kb import default_path
    from metiers_cli.session import load_base

    data = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    for role in data["roles"]:
        role["title"] = titles.get(role["id"], role["title"])
    path = tmp_path / "base.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_base(str(path))


ODD_TITLES = {"chef-de-publicite": "Chargé de 100% des %s et %d", "traffic-manager": "Traffic manager (TM) — web"}


@pytest.mark.parametrize("titles", [{}, ODD_TITLES,
                                    {**ODD_TITLES, "graphiste": "Graphiste : print et web", "ux-designer": "UX デザイナー"}],
                         ids=["shipped", "printf-like", "to-typeset"])
@pytest.mark.parametrize("width", [40, 80, 100, 160])
def test_a_list_written_by_sqlite_reads_as_the_same_list_laid_out_line_by_line(tmp_path, titles, width):
    """Without colour and with nothing to wrap, a family's lines come from SQLite (store.RoleListing.lines) when
    every title shows as written: the same text as the line-by-line layout of the same rows; a title to typeset
    or wider than its length takes every family to the line-by-line layout."""
    from rich.console import Console

    from metiers_cli.model import LEVELS
    from metiers_cli.render.results import RoleRows, role_list

    base = _titled(tmp_path, titles)
    listing = base.listing(LEVELS)
    shown_as_written = all(plain for *_rest, plain in listing.families)
    assert shown_as_written == (len(titles) < 3)

    def printed(renderable) -> str:
        console = Console(width=width, no_color=True, color_system=None, file=None, force_terminal=False)
        with console.capture() as captured:
            console.print(renderable, crop=False)
        return captured.get()

    rows = [part for part in role_list(listing, {f: f for f, *_r in listing.families}, width).renderables
            if isinstance(part, RoleRows)]
    assert bool(rows) == (width >= 80)  # side by side, except on narrow terminals (a block a role)
    written = [part.lines is not None for part in rows]
    assert written == [shown_as_written] * len(rows)
    for part in rows:
        by_line = RoleRows(part.members, part.labels, part.column, part.longest, part.widths, None)
        assert printed(part) == printed(by_line)
    if shown_as_written and rows and rows[0].longest <= rows[0].column:  # nothing wraps: a line a role
        everything = "".join(printed(part) for part in rows)
        assert "Chargé de 100% des %s et %d" in everything or not titles
        assert everything.count("\n") == sum(n for _f, n, *_r in listing.families)


def test_a_filtered_listing_counts_and_writes_only_the_roles_kept(base):
    from metiers_cli.model import LEVELS

    kept = {rid for rid, _t, _f, level in base.summaries() if level == "direction"}
    listing = base.listing(LEVELS, kept)
    assert sum(n for _f, n, *_r in listing.families) == len(kept)
    for family, *_rest in listing.families:
        members = listing.members(family)
        assert {rid for rid, _t, _l in members} <= kept
        lines = listing.lines(family, "%-!*s|%s|%s\n", 10).splitlines()
        assert [line.split("|")[1] for line in lines] == [rid for rid, _t, _l in members]
        assert {line.split("|")[2] for line in lines} == {"Direction"}
    assert base.listing(LEVELS, set()).families == []
