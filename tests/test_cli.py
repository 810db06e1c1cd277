"""The everyday commands through the command line: output, JSON, exit codes, terminals."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import MINI, MINI2, run
from metiers_cli import __version__

COMMANDS = ["show", "search", "compare", "tree", "list", "glossary", "check"]
ANSI = re.compile(r"\x1b\[")
WORD = re.compile(r"[^\W_]+")


def all_words_shown(texts, output: str) -> bool:
    """Every word of every text appears in the output: nothing was cut to fit the width."""
    shown = set(WORD.findall(output))
    return all(word in shown for text in texts for word in WORD.findall(text))


def metiers(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The real program in a child process, for what CliRunner can't show (pipes, locales, signals)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("METIERS", "FORCE_COLOR", "NO_COLOR"))}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "metiers_cli", *args], capture_output=True, env=full_env,
                          timeout=60, **kwargs)


# --- show ------------------------------------------------------------------------------------------------

def test_show_prints_every_section_of_a_sourced_card():
    result = run("show", "responsable-communication-online")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for heading in ("Missions", "Compétences", "Savoir-faire", "Savoir-être", "Où exercer", "Rattachement",
                    "Ne pas confondre avec", "Parcours", "Repères", "Formation", "Qui recrute", "Vocabulaire",
                    "Sources"):
        assert heading in out
    assert "45 k€ à 65 k€" in out and "au moins 5 ans" in out
    assert "Apec" in out and "Rend compte à" in out and "Directeur de la communication" in out
    assert result.stderr == ""


def test_show_marks_an_editorial_card_and_leaves_out_empty_sections():
    result = run("show", "redacteur", "--data", MINI)
    assert result.exit_code == 0
    assert "fiche éditoriale" in result.stdout.lower()
    assert "Rattachement" not in result.stdout and "Formation" not in result.stdout
    assert "Qui recrute" not in result.stdout


def test_show_gives_reporting_lines_with_titles_not_ids():
    out = run("show", "animateur", "--data", MINI).stdout
    assert "Rend compte à Stratège digital" in " ".join(out.split())
    assert "Cumule" in out and "Rédacteur" in out
    covered = " ".join(run("show", "redacteur", "--data", MINI).stdout.split())
    assert "Studio : tenu par Animateur de communauté" in covered


def test_show_json_has_the_model_fields_and_the_derived_reporting():
    data = run("show", "community-manager", "--json").json()
    for field in ("id", "title", "title_feminine", "aliases", "family", "level", "summary", "missions", "skills",
                  "works_with", "comes_from", "evolves_to", "channels", "salary", "experience", "rome", "terms",
                  "sources", "editorial", "reports_to", "manages", "reporting", "structures"):
        assert field in data
    assert set(data["skills"]) == {"savoir_faire", "savoir_etre"}
    assert set(data["skill_ids"]) == {"savoir_faire", "savoir_etre"}
    agency = data["reporting"]["agence"]
    main = [line for line in agency["lines"] if line["report"] == "community-manager" and not line["alternative"]]
    assert [line["manager"] for line in main] == ["social-media-manager"]
    assert set(agency["reports_to"]) == {line["manager"] for line in agency["lines"]
                                         if line["report"] == "community-manager"}
    assert all(line["sources"] or line["editorial"] for line in agency["lines"])
    assert "social-media-manager" in data["reports_to"]
    assert data["structures"] == ["agence", "annonceur", "pme"]


def test_show_notes_a_non_exact_match_on_stderr_only():
    result = run("show", "comunity manger", "--json")
    assert result.exit_code == 0
    assert result.json()["id"] == "community-manager"
    assert result.stderr.count("\n") == 1 and "Community manager (community-manager)" in result.stderr


def test_show_by_id_is_silent():
    assert run("show", "traffic-manager").stderr == ""


def test_ambiguous_role_lists_candidates_one_per_line_and_exits_1():
    result = run("show", "Responsable des contenus", "--data", MINI2)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert "plusieurs métiers" in lines[0]
    assert {line.split()[0] for line in lines[1:]} == {"animateur", "redacteur"}
    assert "Rédacteur web" in result.stderr


def test_a_generic_word_alone_opens_no_card():
    result = run("show", "manager")
    assert result.exit_code == 1
    assert "introuvable" in result.stderr and "metiers search" in result.stderr


def test_unknown_role_says_did_you_mean_and_exits_1():
    result = run("show", "grafiks")
    assert result.exit_code == 1
    assert "Vouliez-vous dire" in result.stderr and "graphiste  (Graphiste)" in result.stderr


def test_data_text_is_never_read_as_markup():
    out = run("show", "animateur", "--data", MINI).stdout
    assert "[bold]Crochets[/bold]" in out
    assert "[sans balise]" in out


# --- search ----------------------------------------------------------------------------------------------

def test_search_table_shows_rank_title_family_and_why():
    out = run("search", "réseaux sociaux").stdout
    assert "Métier" in out and "Pourquoi" in out
    assert "Social media manager" in out and "Contenus et réseaux sociaux" in out
    wide = run("search", "réseaux sociaux", env={"COLUMNS": "140"}).stdout
    assert "Famille" in wide
    assert "autre nom" in out


def test_search_json_is_a_ranked_list_with_the_interface_fields():
    data = run("search", "réseaux sociaux", "--json").json()
    assert data and all(set(hit) == {"id", "title", "score", "field", "snippet"} for hit in data)
    assert [h["score"] for h in data] == sorted((h["score"] for h in data), reverse=True)
    assert all(0 <= h["score"] <= 100 for h in data)
    assert {h["field"] for h in data} <= {"id", "title", "title_feminine", "alias", "summary", "mission", "skill",
                                          "term"}


def test_search_limit_family_and_structure(base):
    assert len(run("search", "marque", "--limit", "2", "--json").json()) == 2
    creation = {rid for rid, _t, family, _l in base.summaries() if family == "creation"}
    for family in ("creation", "Création", "creaton"):
        found = run("search", "marque", "--family", family, "--json").json()
        assert found and {h["id"] for h in found} <= creation
    pme = run("search", "marque", "--structure", "pme", "--json").json()
    assert pme and {h["id"] for h in pme} <= base.roles_in("pme")


def test_search_finds_glossary_links():
    data = run("search", "affiliation", "--json").json()
    assert any(h["field"] == "term" for h in data)


def test_empty_search_is_a_usage_error():
    result = run("search", "   ")
    assert result.exit_code == 2
    assert "vide" in result.stderr


def test_search_without_results_exits_1_and_names_the_filters():
    result = run("search", "zzqxw")
    assert result.exit_code == 1 and "aucun métier" in result.stderr
    filtered = run("search", "seo", "--family", "creation")
    assert filtered.exit_code == 1 and "famille « Création »" in filtered.stderr


def test_search_with_an_unknown_family_is_a_usage_error_listing_the_families():
    result = run("search", "marque", "--family", "cuisine")
    assert result.exit_code == 2 and "famille inconnue" in result.stderr
    assert "contenus-reseaux-sociaux" in result.stderr


# --- compare ---------------------------------------------------------------------------------------------

def test_compare_json_rows_shared_and_summary():
    data = run("compare", "community-manager", "social-media-manager", "--json").json()
    assert data["roles"] == ["community-manager", "social-media-manager"]
    aspects = [row["aspect"] for row in data["rows"]]
    for aspect in ("famille", "niveau", "missions", "savoir-faire", "savoir-être", "rattachement", "encadre",
                   "structures", "canaux", "salaire", "expérience"):
        assert aspect in aspects
    family = next(r for r in data["rows"] if r["aspect"] == "famille")
    assert family["shared"] == ["contenus-reseaux-sociaux"]
    level = next(r for r in data["rows"] if r["aspect"] == "niveau")
    assert level["shared"] == [] and level["values"]["social-media-manager"] == "encadrement"
    assert any("encadre directement le community manager" in line for line in data["summary"])
    assert any(line.startswith("Niveaux différents") for line in data["summary"])


def test_compare_shows_own_and_shared_aspects_and_the_summary():
    out = run("compare", "CM", "SMM").stdout
    assert "En commun" in out and "En résumé" in out
    assert "Contenus et réseaux sociaux" in out.split("En commun")[1]


@pytest.mark.parametrize("count", [1, 5])
def test_compare_needs_two_to_four_roles(count):
    roles = ["community-manager", "seo-manager", "graphiste", "traffic-manager", "redacteur-web"][:count]
    result = run("compare", *roles)
    assert result.exit_code == 2


def test_compare_refuses_the_same_role_twice():
    result = run("compare", "CM", "community-manager")
    assert result.exit_code == 2 and "deux fois" in result.stderr


@pytest.mark.parametrize("columns", ["40", "80", "160"])
def test_compare_wraps_to_the_width_and_never_cuts(columns):
    result = run("compare", "community-manager", "social-media-manager", "digital-manager",
                 env={"COLUMNS": columns})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    data = run("compare", "community-manager", "social-media-manager", "digital-manager", "--json").json()
    texts = [item for row in data["rows"] if row["aspect"] in ("missions", "savoir-faire", "savoir-être")
             for value in row["values"].values() for item in value]
    assert texts and all_words_shown(texts, result.stdout)
    assert all_words_shown(data["summary"], result.stdout)


# --- tree ------------------------------------------------------------------------------------------------

def test_tree_of_the_agency_draws_poles_and_titles():
    out = run("tree", "agence").stdout
    for text in ("Agence de communication", "Pôle création", "Directeur de création", "Concepteur-rédacteur",
                 "Pôle digital", "Community manager"):
        assert text in out


def test_tree_json_is_nested_nodes():
    data = run("tree", "agence", "--json").json()
    assert data["id"] == "agence" and data["label"] == "Agence de communication"

    def walk(node):
        assert "label" in node and isinstance(node["children"], list)
        for child in node["children"]:
            walk(child)

    for node in data["children"]:
        walk(node)
    creation = next(n for n in data["children"] if n["label"] == "Pôle création")
    assert creation["children"][0]["id"] == "directeur-creation"
    assert "id" not in creation


def test_tree_of_a_role_gives_the_chain_above_and_below_in_each_structure():
    data = run("tree", "social-media-manager", "--json").json()
    assert data["id"] == "social-media-manager"
    by_structure = {s["id"]: s for s in data["structures"]}
    assert by_structure["annonceur"]["above"] == ["directeur-marketing", "responsable-marketing-digital",
                                                  "digital-manager"]
    assert by_structure["agence"]["below"][0]["id"] == "community-manager"
    out = run("tree", "social-media-manager").stdout
    assert "Annonceur" in out and "Digital manager" in out


def test_tree_without_argument_lists_structures():
    data = run("tree", "--json").json()
    assert {"id": "agence", "label": "Agence de communication"} in data
    assert {item["id"] for item in data} == {"agence", "annonceur", "pme"}


def test_tree_of_an_unknown_target_lists_the_structures():
    result = run("tree", "usine")
    assert result.exit_code == 1
    assert "agence" in result.stderr and "annonceur" in result.stderr and "pme" in result.stderr
    assert "rôle introuvable" not in result.stderr


def test_pme_tree_says_who_wears_several_hats():
    out = run("tree", "pme").stdout
    assert "cumule" in out


# --- list ------------------------------------------------------------------------------------------------

def test_list_groups_by_family():
    out = run("list").stdout
    assert out.index("Création") < out.index("Directeur artistique")
    data = run("list", "--json").json()
    assert all(set(item) == {"id", "title", "family", "level"} for item in data)
    assert len(data) >= 28


def test_list_filters():
    creation = run("list", "--family", "creation", "--json").json()
    assert creation and {r["family"] for r in creation} == {"creation"}
    direction = run("list", "--level", "direction", "--json").json()
    assert direction and {r["level"] for r in direction} == {"direction"}
    pme = {r["id"] for r in run("list", "--structure", "pme", "--json").json()}
    assert pme == {"responsable-marketing", "charge-communication", "community-manager",
                   "digital-marketing-specialist"}
    level = run("list", "--level", "stagiaire")
    assert level.exit_code == 2 and "niveau inconnu" in level.stderr
    assert run("list", "--family", "Création", "--json").json() == creation
    assert "(creation)" in run("list").stdout


# --- glossary --------------------------------------------------------------------------------------------

def test_glossary_term_with_definition_roles_and_correction():
    result = run("glossary", "cout par clic")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "CPC" in out and "Traffic manager" in out and "CPM" in out
    data = run("glossary", "CPC", "--json").json()
    assert data["id"] == "cpc" and "traffic-manager" in data["roles"] and "CPM" in data["note"]


def test_glossary_without_term_lists_all():
    data = run("glossary", "--json").json()
    assert len(data) >= 30 and {"id", "term", "definition", "roles"} <= set(data[0])


def test_unknown_term_exits_1():
    assert run("glossary", "zzqxw").exit_code == 1


# --- everywhere ------------------------------------------------------------------------------------------

def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"metiers {__version__}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_french_help_with_an_example(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Exemple" in result.stdout
    assert f"metiers {name}" in result.stdout


def test_main_help_lists_the_commands():
    out = run("--help").stdout
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("args", [["show", "community-manager"], ["tree", "agence"], ["list"],
                                  ["compare", "CM", "SMM"]])
def test_colour_follows_the_environment(args):
    assert not ANSI.search(run(*args).stdout)  # not a terminal
    assert ANSI.search(run(*args, env={"FORCE_COLOR": "1"}).stdout)
    assert not ANSI.search(run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout)


def test_json_never_has_colour():
    result = run("show", "community-manager", "--json", env={"FORCE_COLOR": "1"})
    assert not ANSI.search(result.stdout)
    result.json()


def test_term_dumb_means_no_colour(monkeypatch):
    from metiers_cli.render.console import wants_color

    class Tty:
        def isatty(self):
            return True

    assert wants_color(Tty(), {})
    assert not wants_color(Tty(), {"TERM": "dumb"})
    assert wants_color(Tty(), {"TERM": "dumb", "FORCE_COLOR": "1"})
    assert not wants_color(Tty(), {"NO_COLOR": "1", "FORCE_COLOR": "1"})


def test_data_option_wins_over_the_environment():
    result = run("list", "--json", "--data", MINI, env={"METIERS_DATA": "/nonexistent.yaml"})
    assert {r["id"] for r in result.json()} == {"animateur", "redacteur", "stratege"}
    from_env = run("list", "--json", env={"METIERS_DATA": str(MINI)})
    assert {r["id"] for r in from_env.json()} == {"animateur", "redacteur", "stratege"}


def test_missing_base_is_one_line_exit_1_not_a_usage_error():
    result = run("show", "x", "--data", "/nonexistent/base.yaml")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "introuvable" in result.stderr


def test_every_command_works_on_the_fixture_base():
    for args in (["show", "CM"], ["search", "rédaction"], ["compare", "animateur", "stratege"], ["tree", "studio"],
                 ["tree", "animateur"], ["list"], ["glossary", "engagement"], ["check"]):
        result = run(*args, "--data", MINI)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout


def test_completion_offers_role_structure_and_term_ids():
    from metiers_cli.completion import candidates

    def values(*args):
        return [value for value, _help in candidates(*args)]

    assert "community-manager" in values("role", "comm")
    assert all(v.startswith("comm") for v in values("role", "comm"))
    assert values("structure", "") == ["agence", "annonceur", "pme"]
    assert "cpc" in values("term", "cp")
    assert {"agence", "animateur"} <= set(values("tree", "a", str(MINI)) + values("tree", "a"))
    # titles and aliases too, as words the shell keeps whole, that show understands
    offered = dict(candidates("role", "chargée de comm"))
    assert "chargée de comm" + "unication" in [v.replace("-", " ") for v in offered]
    value = next(v for v in offered if v.replace("-", " ") == "chargée de communication")
    assert run("show", value, "--json").json()["id"] == "charge-communication"


def test_shell_completion_through_the_program():
    env = {"_METIERS_COMPLETE": "complete_bash", "COMP_WORDS": "metiers show social", "COMP_CWORD": "2"}
    result = metiers(env=env)
    assert result.returncode == 0
    assert "social-media-manager" in result.stdout.decode()


def test_closed_pipe_ends_quietly():
    child = subprocess.Popen([sys.executable, "-m", "metiers_cli", "glossary"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "80"})
    child.stdout.readline()
    child.stdout.close()
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0
    assert stderr == ""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_c_locale_and_poor_encodings_degrade_without_crashing(encoding):
    result = metiers("show", "directrice artistique",
                     env={"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": encoding, "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode(encoding)
    assert "Directeur artistique" in out
    if encoding == "ascii":
        assert "Creation" in out and "Traceback" not in result.stderr.decode(encoding)


def test_json_stays_exact_on_an_ascii_terminal():
    import json

    result = metiers("show", "graphiste", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    assert json.loads(result.stdout)["family"] == "creation"
    assert "Création" not in result.stdout.decode("ascii")  # escaped, since ascii can't carry it


@pytest.mark.parametrize("columns", ["40", "80", "160"])
def test_card_and_tree_fit_the_width_without_cutting(columns):
    card = run("show", "responsable-communication-online", env={"COLUMNS": columns})
    role = run("show", "responsable-communication-online", "--json").json()
    texts = [role["summary"], *role["missions"], *role["skills"]["savoir_faire"], *role["education"],
             *(d["text"] for d in role["distinctions"])]
    tree = run("tree", "agence", env={"COLUMNS": columns})
    labels = []

    def walk(node):
        labels.append(node["label"])
        for child in node["children"]:
            walk(child)

    walk(run("tree", "agence", "--json").json())
    for result, words in ((card, texts), (tree, labels)):
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
        assert all_words_shown(words, result.stdout)


@pytest.mark.parametrize("args", [["list", "--family", "creation", "--level", "direction", "--structure", "pme"],
                                  ["search", "zzzzqqq"]])
def test_no_result_in_json_is_an_empty_list_and_exit_1(args):
    result = run(*args, "--json")
    assert result.exit_code == 1 and result.json() == [] and "aucun" in result.stderr
