"""`metiers check` and the knowledge-base loader: every problem on one line `file:line: message`, exit 1.

Each broken base is mini.yaml with one precise fragment replaced, so that the expected problem, and its line,
follow from the text written here (see ``line_of``), never from a number typed by hand.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import MINI, run, write
from metiers_cli import kb as kb_module
from metiers_cli.kb import KnowledgeBaseError, Problem, default_path, load, load_checked

MINI_TEXT = MINI.read_text(encoding="utf-8")
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "roles.yaml"
SUMMARY = re.compile(r"^metiers : (\d+) problèmes? dans (.+)$")


# --- helpers -------------------------------------------------------------------------------------------------


def line_of(text: str, needle: str, occurrence: int = 0) -> int:
    """The 1-based line where ``needle`` starts: it must be unique, unless ``occurrence`` (1, 2…) picks one."""
    count = text.count(needle)
    assert (count == 1) if not occurrence else (count >= occurrence), f"{needle!r} occurs {count} times"
    index = -1
    for _ in range(occurrence or 1):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def mutate(*edits: tuple[str, str], text: str = MINI_TEXT) -> str:
    """``text`` with each (old, new) applied; each ``old`` must occur exactly once, so the edit is precise."""
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def out_lines(result) -> list[str]:
    return result.stdout.splitlines()


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    # CliRunner swallows an uncaught exception (no traceback in the streams): only a clean exit is acceptable
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def assert_failed_check(result, path: Path) -> list[str]:
    """Exit 1, problems on stdout each naming the file, one summary line on stderr counting them."""
    assert_no_traceback(result)
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    lines = out_lines(result)
    assert lines, "no problem printed on stdout"
    for line in lines:
        assert line.startswith(f"{path}:"), line
    err = result.stderr.splitlines()
    assert len(err) == 1, result.stderr
    summary = SUMMARY.match(err[0])
    assert summary, err[0]
    assert int(summary.group(1)) == len(lines)
    assert summary.group(2) == str(path)
    return lines


def assert_problem(result, path: Path, line: int, needle: str) -> list[str]:
    """A failed check that reports, among others, ``path:line: …needle…``."""
    lines = assert_failed_check(result, path)
    prefix = f"{path}:{line}: "
    hits = [ln for ln in lines if ln.startswith(prefix) and needle in ln]
    assert hits, f"no line {prefix!r}…{needle!r} in:\n" + "\n".join(lines)
    return lines


def check(path: Path, env: dict | None = None):
    return run("check", "--data", str(path), env=env)


def broken(tmp_path: Path, *edits: tuple[str, str], name: str = "base.yaml") -> tuple[Path, str]:
    text = mutate(*edits)
    return write(tmp_path, text, name), text


def assert_valid(result, roles: int | None = None) -> str:
    assert_no_traceback(result)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    lines = out_lines(result)
    assert len(lines) == 1, result.stdout
    assert "base valide" in lines[0]
    if roles is not None:
        assert f"— {roles} métiers," in lines[0], lines[0]
    return lines[0]


# --- valid bases -----------------------------------------------------------------------------------------------


def test_shipped_base_is_valid():
    assert_valid(run("check"))


def test_mini_base_is_valid():
    summary = assert_valid(check(MINI), roles=3)
    assert MINI.name in summary


# --- one problem at a time ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    edits: tuple[tuple[str, str], ...]
    marker: str  # the expected line is the line of this text in the mutated base
    needle: str  # what the message must say (the offending value, quoted)
    occurrence: int = 0
    alone: bool = True  # the only problem reported


SALARY_SOURCE = ("label: Confirmé, source: guide}", "label: Confirmé, source: autre}")
SECOND_SOURCE = ("sources:\n  - id: guide\n",
                 "sources:\n  - id: autre\n    title: Autre guide\n    publisher: Test\n  - id: guide\n")
ROLES_BLOCK = MINI_TEXT[MINI_TEXT.index("\nroles:\n") + 1: MINI_TEXT.index("\nstructures:\n") + 1]
STRATEGE_MISSIONS = "    missions: [Fixer la stratégie, Encadrer l'équipe, Négocier le budget]\n"
STRATEGE_SUMMARY = ("    summary: Fixe la stratégie en ligne de la marque et encadre l'équipe digitale, "
                    "du budget aux résultats.\n")

CASES = {
    # required fields (the role is dropped: see test_incomplete_role_is_not_also_reported_unknown)
    **{
        f"missing-{field}": Case(((line, ""),), "  - id: stratege", f"champ « {field} » manquant", alone=False)
        for field, line in (
            ("title", "    title: Stratège digital\n"),
            ("title_feminine", "    title_feminine: Stratège digitale\n"),
            ("summary", STRATEGE_SUMMARY),
            ("family", "    family: direction\n"),
            ("level", "    level: direction\n"),
        )
    },
    # ids
    "duplicate-role-id": Case(
        (("\nstructures:\n", "\n  - id: stratege\n    title: Doublon\nstructures:\n"),),
        "  - id: stratege", occurrence=2,
        needle=f"id « stratege » en double (déjà à la ligne {line_of(MINI_TEXT, '  - id: stratege')})"),
    "invalid-role-id": Case((("\nstructures:\n", "\n  - id: Chef_Projet\n    title: Chef\nstructures:\n"),),
                            "  - id: Chef_Projet", "id « Chef_Projet » invalide"),
    "invalid-term-id": Case((("  - id: seo\n", "  - id: SEO_2\n"),), "  - id: SEO_2", "id « SEO_2 » invalide"),
    # references from roles
    "unknown-family": Case((("    family: direction\n", "    family: directoin\n"),),
                           "    family: directoin", "famille « directoin » inconnue"),
    "unknown-works-with": Case(
        (("    works_with: [redacteur]\n", "    works_with:\n      - redacteur\n      - fantome\n"),),
        "      - fantome", "« works_with » cite un rôle inconnu « fantome »"),
    "unknown-comes-from": Case((("    comes_from: [animateur]", "    comes_from: [animateur, fantome]"),),
                               "    comes_from:", "« comes_from » cite un rôle inconnu « fantome »"),
    "unknown-evolves-to": Case((("    evolves_to: [stratege]", "    evolves_to: [stratege, fantome]"),),
                               "    evolves_to: [stratege, fantome]",
                               "« evolves_to » cite un rôle inconnu « fantome »"),
    "unknown-distinction": Case((("      - role: stratege\n        text:", "      - role: fantome\n        text:"),),
                                "      - role: fantome", "distinction avec un rôle inconnu « fantome »"),
    "evolves-to-itself": Case((("    evolves_to: [animateur]", "    evolves_to: [redacteur]"),),
                              "    evolves_to: [redacteur]",
                              "rôle « redacteur » : « evolves_to » le cite lui-même"),
    "unknown-term": Case((("    terms: [engagement]", "    terms: [engagement, fantome-terme]"),),
                         "    terms: [engagement, fantome-terme]", "terme inconnu « fantome-terme »"),
    "unknown-role-source": Case((("    sources: []", "    sources: [fantome-source]"),),
                                "    sources: [fantome-source]",
                                "rôle « redacteur » : source inconnue « fantome-source »"),
    "unknown-rome-code": Case((("    rome: [E1101]", "    rome: [E1101, M1705]"),),
                              "    rome: [E1101, M1705]", "code ROME « M1705 » absent de la table « rome »"),
    "salary-source-not-in-sources": Case((SECOND_SOURCE, SALARY_SOURCE), "    salary:",
                                         "la source « autre » manque dans « sources »"),
    "salary-source-unknown": Case((("label: Confirmé, source: guide}", "label: Confirmé, source: fantome-source}"),),
                                  "    salary:", "salaire : source inconnue « fantome-source »"),
    # references from structures and the glossary
    "unknown-structure-source": Case(
        (("    sources: [guide]\n    chart:", "    sources: [guide, fantome-source]\n    chart:"),),
        "    sources: [guide, fantome-source]", "structure « studio » : source inconnue « fantome-source »"),
    "unknown-chart-role": Case(
        (("                covers: [redacteur]\n",
          "                covers: [redacteur]\n              - role: fantome\n"),),
        "              - role: fantome", "rôle inconnu « fantome » dans l'organigramme"),
    "unknown-covers-role": Case((("covers: [redacteur]", "covers: [redacteur, fantome]"),),
                                "covers: [redacteur, fantome]", "« covers » cite un rôle inconnu « fantome »"),
    "unknown-glossary-source": Case(
        (("    sources: [guide]\n  - id: seo", "    sources:\n      - guide\n      - fantome-source\n  - id: seo"),),
        "      - fantome-source", "terme « engagement » : source inconnue « fantome-source »"),
    "unknown-glossary-role": Case((("    roles: [redacteur]", "    roles: [redacteur, fantome]"),),
                                  "    roles: [redacteur, fantome]", "terme « seo » : rôle inconnu « fantome »"),
    "unknown-related-term": Case((("    related: [engagement]", "    related: [engagement, fantome-terme]"),),
                                 "    related: [engagement, fantome-terme]", "terme lié inconnu « fantome-terme »"),
    # names
    "alias-of-two-roles": Case((("    aliases: [Writer]", "    aliases: [Writer, CM]"),),
                               "    aliases: [Writer, CM]",
                               "rôle « redacteur » : le nom « CM » appartient déjà au rôle « animateur »"),
    "alias-equals-earlier-title": Case(
        (("    aliases: [Writer]", "    aliases:\n      - Writer\n      - Animateur de communauté"),),
        "      - Animateur de communauté",
        "rôle « redacteur » : le nom « Animateur de communauté » appartient déjà au rôle « animateur »"),
    # empty texts
    "empty-mission": Case(((STRATEGE_MISSIONS, '    missions:\n      - Fixer\n      - ""\n      - Négocier\n'),),
                          '      - ""', "rôle « stratege » : élément vide dans « missions »"),
    "empty-summary": Case(((STRATEGE_SUMMARY, '    summary: "   "\n'),),
                          '    summary: "   "', "rôle « stratege » : « summary » est vide", alone=False),
    # closed vocabularies and formats
    "unknown-level": Case((("    level: direction\n", "    level: chef\n"),), "    level: chef",
                          "niveau « chef » inconnu"),
    "bad-channel": Case((("    channels: [online, offline]", "    channels: [online, papier]"),),
                        "    channels: [online, papier]", "canal « papier » inconnu"),
    "bad-marketing": Case((("    marketing: both", "    marketing: parfois"),), "    marketing: parfois",
                          "« marketing » vaut push, pull ou both"),
    "bad-riasec": Case((("    riasec: EC", "    riasec: XYZ"),), "    riasec: XYZ", "code RIASEC « XYZ » invalide"),
    "unknown-role-field": Case((("    riasec: EC\n", "    riasec: EC\n    salaire_moyen: 3000\n"),),
                               "    salaire_moyen", "rôle « stratege » : champ inconnu « salaire_moyen »"),
    # wrong types
    "missions-mapping": Case(((STRATEGE_MISSIONS, "    missions: {premiere: Fixer la stratégie}\n"),),
                             "    missions: {", "« missions » doit être une liste", alone=False),
    "alias-mapping": Case((("    aliases: [Writer]", "    aliases:\n      - Writer\n      - {nom: Plume}"),),
                          "      - {nom: Plume}", "« aliases » ne doit contenir que des textes"),
    "roles-not-a-list": Case(((ROLES_BLOCK, "roles: {animateur: 1}\n"),), "roles: {",
                             "« roles » doit être une liste", alone=False),
    # the YAML itself
    "duplicate-key": Case((("    marketing: both\n", "    marketing: both\n    marketing: push\n"),),
                          "    marketing: push", "clé « marketing » en double"),
    "anchor-alias": Case(
        (("      savoir_etre: [Réactivité, Rigueur]", "      savoir_etre: &qualites [Réactivité, Rigueur]"),
         ("      savoir_etre: [Rigueur, Curiosité]", "      savoir_etre: *qualites")),
        "*qualites", "alias YAML (*) non acceptés"),
    "syntax-colon": Case((("    level: direction\n", "    level: direction: haute\n"),),
                         "    level: direction: haute", "deux-points inattendu"),
    "syntax-indent": Case((("    title: Rédacteur\n", "     title: Rédacteur\n"),), "     title: Rédacteur",
                          "indentation"),
    "syntax-dedent": Case((("    level: direction\n", "    level: direction\n   oops\n"),), "   oops", "indentation"),
    "tab": Case((("    level: direction\n", "\tlevel: direction\n"),), "\tlevel", "tabulation"),
    # top level
    "unknown-top-level-key": Case((("version: 1\n", "version: 1\nauteurs: [moi]\n"),), "auteurs:",
                                  "base : champ inconnu « auteurs »"),
    "version-3": Case((("version: 1\n", "version: 3\n"),), "version: 3", "version de format « 3 » inconnue"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_problem_is_reported_with_its_line(tmp_path, case):
    path, text = broken(tmp_path, *case.edits)
    lines = assert_problem(check(path), path, line_of(text, case.marker, case.occurrence), case.needle)
    if case.alone:
        assert len(lines) == 1, "\n".join(lines)


@pytest.mark.parametrize("alias", ["Community-Manager", "community manager", "COMMUNITY MANAGER", "Communitymanager",
                                   "animateur-de-communaute", "Animatrice de Communauté"])
def test_alias_claimed_twice_despite_case_accents_hyphens(tmp_path, alias):
    path, text = broken(tmp_path, ("    aliases: [Writer]", f"    aliases:\n      - Writer\n      - {alias}"))
    lines = assert_problem(check(path), path, line_of(text, f"      - {alias}"),
                           f"rôle « redacteur » : le nom « {alias} » appartient déjà au rôle « animateur »")
    assert len(lines) == 1


def test_role_twice_in_one_chart_is_reported(tmp_path):
    path, _ = broken(tmp_path, ("                covers: [redacteur]\n",
                                "                covers: [redacteur]\n      - role: animateur\n"))
    lines = assert_failed_check(check(path), path)
    assert len(lines) == 1
    assert "structure « studio » : « animateur » figure deux fois dans l'organigramme" in lines[0]


def test_cycle_in_chart_is_reported(tmp_path):
    path, _ = broken(tmp_path, ("                covers: [redacteur]\n",
                                "                covers: [redacteur]\n                children:\n"
                                "                  - role: stratege\n"))
    lines = assert_failed_check(check(path), path)
    assert len(lines) == 1
    assert "structure « studio » : cycle hiérarchique, « stratege » se retrouve sous lui-même" in lines[0]


def test_role_twice_in_one_chart_points_at_the_repeat(tmp_path):
    path, text = broken(tmp_path, ("                covers: [redacteur]\n",
                                   "                covers: [redacteur]\n      - role: animateur\n"))
    assert_problem(check(path), path, line_of(text, "      - role: animateur\n", 2), "figure deux fois")


def test_cycle_points_at_the_node_under_itself(tmp_path):
    path, text = broken(tmp_path, ("                covers: [redacteur]\n",
                                   "                covers: [redacteur]\n                children:\n"
                                   "                  - role: stratege\n"))
    assert_problem(check(path), path, line_of(text, "                  - role: stratege"), "cycle hiérarchique")


def test_alias_equal_to_later_title_blames_the_alias(tmp_path):
    path, text = broken(tmp_path, ("    aliases: [Writer]", "    aliases:\n      - Writer\n      - Stratège digital"))
    assert_problem(check(path), path, line_of(text, "      - Stratège digital"),
                   "rôle « redacteur » : le nom « Stratège digital » appartient déjà au rôle « stratege »")


def test_incomplete_role_is_not_also_reported_unknown(tmp_path):
    path, _ = broken(tmp_path, ("    title: Rédacteur\n", ""))
    lines = assert_failed_check(check(path), path)
    assert lines == [ln for ln in lines if "inconnu" not in ln]


def test_bad_marketing_message_quotes_the_value(tmp_path):
    path, text = broken(tmp_path, ("    marketing: both", "    marketing: parfois"))
    assert_problem(check(path), path, line_of(text, "    marketing: parfois"), "« parfois »")


@pytest.mark.parametrize("edit, marker, french", [
    (("    level: direction\n", "\tlevel: direction\n"), "\tlevel", "tabulation"),
    (("    level: direction\n", "    level: direction: haute\n"), "    level: direction: haute", "deux-points"),
], ids=["tab", "colon"])
def test_common_yaml_errors_are_explained_in_french(tmp_path, edit, marker, french):
    path, text = broken(tmp_path, edit)
    assert_problem(check(path), path, line_of(text, marker), french)


def test_unclosed_quote_points_at_the_quote(tmp_path):
    path, text = broken(tmp_path, ("    title: Rédacteur\n", '    title: "Rédacteur\n'))
    assert_problem(check(path), path, line_of(text, '"Rédacteur'), "guillemet ouvert ici")


def test_python_tag_is_refused_and_not_run(tmp_path):
    marker = tmp_path / "executed"
    tag = "!!python/object/apply:os.system"
    path, text = broken(tmp_path, (STRATEGE_SUMMARY, f'    summary: {tag} ["touch {marker}"]\n'))
    lines = assert_problem(check(path), path, line_of(text, tag), "python/object/apply:os.system")
    assert len(lines) == 1
    assert "non autorisée" in lines[0]
    assert not marker.exists()


# --- bases that are not a mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "# rien ici\n# toujours rien\n"], ids=["empty", "only-comments"])
def test_empty_file(tmp_path, text):
    path = write(tmp_path, text)
    lines = assert_failed_check(check(path), path)
    # a file-level problem carries no line number
    assert f"{path}: fichier vide : une base commence par « version: 2 » puis « roles: »" in lines


def test_top_level_list(tmp_path):
    text = "# une liste au lieu d'un objet\n- version: 1\n- roles: []\n"
    path = write(tmp_path, text)
    assert_problem(check(path), path, line_of(text, "- version"), "le fichier doit contenir un objet")


# --- several problems -------------------------------------------------------------------------------------------


def test_all_problems_are_reported_sorted_by_line(tmp_path):
    # a structural problem (found while building) placed after two semantic ones (found by the checks)
    path, text = broken(
        tmp_path,
        ("    family: digital\n    level: operationnel\n    summary: Anime",
         "    family: inconnue\n    level: operationnel\n    summary: Anime"),
        ("    level: direction\n", "    level: chef\n"),
        ("    roles: [redacteur]", "    roles: [redacteur, fantome]"),
    )
    result = check(path)
    expected = [(line_of(text, "    family: inconnue"), "famille « inconnue » inconnue"),
                (line_of(text, "    level: chef"), "niveau « chef » inconnu"),
                (line_of(text, "    roles: [redacteur, fantome]"), "rôle inconnu « fantome »")]
    for line, needle in expected:
        lines = assert_problem(result, path, line, needle)
    assert len(lines) == 3
    numbers = [int(ln[len(str(path)) + 1:].split(":", 1)[0]) for ln in lines]
    assert numbers == sorted(numbers) == [line for line, _ in expected]


# --- unreadable inputs ---------------------------------------------------------------------------------------


def _missing(tmp_path):
    return tmp_path / "absent.yaml", None, "fichier introuvable"


def _directory(tmp_path):
    folder = tmp_path / "un-dossier.yaml"
    folder.mkdir()
    return folder, None, "c'est un dossier"


def _binary(tmp_path):
    path = tmp_path / "binaire.yaml"
    data = b"version: 1\nroles:\n  - id: a\x00b\n"
    path.write_bytes(data)
    return path, 3, "fichier binaire (octet nul)"


def _latin1(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("version: 1\n# café\nroles: []\n".encode("latin-1"))
    return path, 2, "texte non UTF-8"


@pytest.mark.parametrize("make", [_missing, _directory, _binary, _latin1],
                         ids=["missing", "directory", "binary", "latin-1"])
def test_unreadable_input(tmp_path, make):
    path, line, message = make(tmp_path)
    result = check(path)
    assert result.exit_code != 2, result.stdout + result.stderr
    lines = assert_failed_check(result, path)
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert len(lines) == 1 and lines[0].startswith(prefix) and message in lines[0], lines


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission(tmp_path):
    path = write(tmp_path, MINI_TEXT)
    path.chmod(0)
    try:
        lines = assert_failed_check(check(path), path)
    finally:
        path.chmod(0o644)
    assert lines == [f"{path}: lecture refusée (permissions)"]


def test_read_permission_error_is_one_line(tmp_path, monkeypatch):
    """The same, simulated, so that it runs as root too."""
    path = write(tmp_path, MINI_TEXT)

    def refuse_open(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    import builtins

    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *a, **k: refuse_open() if str(file) == str(path)
                        else real_open(file, *a, **k))
    lines = assert_failed_check(check(path), path)
    assert lines == [f"{path}: lecture refusée (permissions)"]


# --- encodings and line endings -----------------------------------------------------------------------------


def _bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _bom_crlf(text: str) -> bytes:
    return b"\xef\xbb\xbf" + _crlf(text)


@pytest.mark.parametrize("encode", [_bom, _crlf, _bom_crlf], ids=["bom", "crlf", "bom-crlf"])
def test_bom_and_crlf_load(tmp_path, encode):
    path = tmp_path / "base.yaml"
    path.write_bytes(encode(MINI_TEXT))
    assert_valid(check(path), roles=3)


@pytest.mark.parametrize("encode", [_bom, _crlf, _bom_crlf], ids=["bom", "crlf", "bom-crlf"])
def test_bom_and_crlf_keep_line_numbers(tmp_path, encode):
    text = mutate(("    level: direction\n", "    level: chef\n"))
    path = tmp_path / "base.yaml"
    path.write_bytes(encode(text))
    assert_problem(check(path), path, line_of(text, "    level: chef"), "niveau « chef » inconnu")


# --- choosing the base ---------------------------------------------------------------------------------------


def _broken_base(tmp_path) -> Path:
    return write(tmp_path, mutate(("version: 1\n", "version: 2\n")), "broken.yaml")


def test_metiers_data_alone_selects_the_base():
    result = run("check", env={"METIERS_DATA": str(MINI)})
    summary = assert_valid(result, roles=3)
    assert MINI.name in summary


def test_data_option_wins_over_metiers_data(tmp_path):
    result = run("check", "--data", str(MINI), env={"METIERS_DATA": str(_broken_base(tmp_path))})
    summary = assert_valid(result, roles=3)
    assert MINI.name in summary


def test_metiers_data_pointing_at_a_broken_base_fails(tmp_path):
    path = _broken_base(tmp_path)
    assert_failed_check(run("check", env={"METIERS_DATA": str(path)}), path)


def test_default_is_the_shipped_base():
    roles = len(yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["roles"])
    assert roles >= 35
    summary = assert_valid(run("check"), roles=roles)
    assert SHIPPED.name in summary and MINI.name not in summary


# --- other commands on a broken base -----------------------------------------------------------------------------


COMMANDS = [["show", "animateur"], ["list"], ["search", "anim"], ["compare", "animateur", "redacteur"],
            ["tree", "studio"], ["glossary", "seo"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
def test_other_commands_refuse_a_broken_base(tmp_path, args):
    assert run(*args, "--data", str(MINI)).exit_code == 0  # the command itself is fine on a valid base
    path, text = broken(tmp_path, ("    level: direction\n", "    level: chef\n"),
                        ("    marketing: both", "    marketing: parfois"))
    result = run(*args, "--data", str(path))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    err = result.stderr.splitlines()
    assert len(err) == 1, result.stderr
    assert f"{path}:{line_of(text, '    level: chef')}: " in err[0]  # the first problem
    assert f"« metiers check --data {path} »" in err[0]
    assert "1 autre problème" in err[0]


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
def test_other_commands_refuse_a_missing_base(tmp_path, args):
    path = tmp_path / "absent.yaml"
    result = run(*args, "--data", str(path))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"metiers : base de connaissances invalide : {path}: fichier introuvable"]


# --- the library -------------------------------------------------------------------------------------------------


def test_load_raises_with_every_problem_for_a_broken_file(tmp_path):
    path, text = broken(tmp_path, ("    marketing: both\n", "    marketing: both\n    marketing: push\n"))
    with pytest.raises(KnowledgeBaseError) as caught:
        load(path)
    [problem] = caught.value.problems
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line) == (str(path), line_of(text, "    marketing: push"))
    assert "clé « marketing » en double" in problem.message
    assert str(caught.value) == str(problem)


def test_load_raises_for_semantic_problems(tmp_path):
    path, text = broken(tmp_path, ("    level: direction\n", "    level: chef\n"),
                        ("    roles: [redacteur]", "    roles: [redacteur, fantome]"))
    with pytest.raises(KnowledgeBaseError) as caught:
        load(path)
    assert [(p.path, p.line) for p in caught.value.problems] == [
        (str(path), line_of(text, "    level: chef")), (str(path), line_of(text, "    roles: [redacteur, fantome]"))]


def test_load_checked_returns_semantic_problems_without_raising(tmp_path):
    path, text = broken(tmp_path, ("    family: direction\n", "    family: directoin\n"))
    base, problems = load_checked(path)
    assert set(base.roles) == {"animateur", "redacteur", "stratege"}
    assert problems == [Problem(str(path), line_of(text, "    family: directoin"),
                                "rôle « stratege » : famille « directoin » inconnue")]


def test_load_checked_of_a_valid_base_has_no_problems():
    base, problems = load_checked(MINI)
    assert problems == []
    assert len(base.roles) == 3


def test_problem_str_is_file_line_message():
    assert str(Problem("b.yaml", 7, "m")) == "b.yaml:7: m"
    assert str(Problem("b.yaml", None, "m")) == "b.yaml: m"


def test_resolve_path_prefers_option_then_environment(monkeypatch):
    monkeypatch.setenv("METIERS_DATA", "env.yaml")
    assert kb_module.resolve_path("opt.yaml") == Path("opt.yaml")
    assert kb_module.resolve_path(None) == Path("env.yaml")
    monkeypatch.delenv("METIERS_DATA")
    assert kb_module.resolve_path(None) == default_path()


# --- French wording ------------------------------------------------------------------------------------------------


def test_summary_uses_singular_for_one():
    summary = assert_valid(check(MINI))
    assert "3 métiers, 1 structure, 2 termes, 10 compétences, 1 source." in summary


@pytest.mark.parametrize("text", ["version: 1\n<<: {a: 1}\nroles: []\n", "version: 1\nroles: =\n",
                                  "version: 1\nroles: [<<]\n"])
def test_yaml_merge_and_value_keys_are_plain_text_not_a_crash(tmp_path, text):
    path = write(tmp_path, text)
    result = run("check", "--data", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr


# --- format 2: the skills vocabulary, alternative reporting lines, names in every tier -------------------------

from conftest import MINI2  # noqa: E402

MINI2_TEXT = MINI2.read_text(encoding="utf-8")

CASES_V2 = {
    "unknown-skill": Case((("        - redaction-web\n      savoir_etre: [rigueur]\n    evolves_to: [stratege]",
                            "        - redaction-web\n        - tricot\n      savoir_etre: [rigueur]\n"
                            "    evolves_to: [stratege]"),),
                          "        - tricot", "rôle « animateur » : compétence inconnue « tricot »"),
    "skill-twice": Case((("        - redaction-web\n      savoir_etre: [rigueur]\n    evolves_to: [stratege]",
                          "        - redaction-web\n        - redaction-web\n      savoir_etre: [rigueur]\n"
                          "    evolves_to: [stratege]"),),
                        "        - redaction-web", "la compétence « redaction-web » figure deux fois", occurrence=2),
    "skill-under-the-wrong-kind": Case((("      savoir_etre: [leadership]", "      savoir_etre: [leadership, referencement]"),),
                                       "      savoir_etre: [leadership, referencement]",
                                       "« referencement » est un savoir-faire : rangez-la sous « savoir_faire »"),
    "unused-skill": Case((("  - id: leadership\n", "  - id: tricot\n    label: Tricot\n    kind: savoir_faire\n"
                           "  - id: leadership\n"),), "  - id: tricot", "compétence « tricot » : aucun rôle ne l'emploie"),
    "two-skills-one-label": Case((("    label: Leadership\n", "    label: Rigueur\n"),), "    label: Rigueur",
                                 "même intitulé que « rigueur »", occurrence=2, alone=False),
    "unknown-skill-level": Case((("          level: maitrise\n", "          level: champion\n"),),
                                "          level: champion", "niveau de compétence « champion » inconnu"),
    "skill-kind": Case((("    kind: savoir_etre\n  - id: leadership", "    kind: savoir_vivre\n  - id: leadership"),),
                       "    kind: savoir_vivre", "nature « savoir_vivre » inconnue", alone=False),
    "alternative-without-main-place": Case(
        (("              - role: animateur\n                alternative: true",
          "              - role: redacteur\n                alternative: true"),),
        "              - role: redacteur\n                alternative: true",
        "le rattachement de « redacteur » à « stratege » est déjà décrit"),
    "alternative-with-a-team": Case(
        (("                condition: quand il n'y a pas de rédacteur\n",
          "                condition: quand il n'y a pas de rédacteur\n                children:\n"
          "                  - role: redacteur\n"),),
        "              - role: animateur\n                alternative: true",
        "la place alternative de « animateur » n'a pas d'équipe", alone=False),
    "alternative-cycle": Case(
        (("                  - role: animateur\n                    sources: [guide]\n",
          "                  - role: animateur\n                    sources: [guide]\n"
          "                    children:\n                      - role: stratege\n                        alternative: true\n"),),
        "                      - role: stratege", "cycle hiérarchique, « stratege » se retrouverait au-dessus"),
    "rome-code-on-two-roles": Case((("    rome_related: [E1104]", "    rome: [E1101]"),), "    rome: [E1101]",
                                   "la fiche ROME E1101 nomme déjà le rôle « animateur »", occurrence=2, alone=False),
    "rome-name-clashes-with-an-alias": Case((("    aliases: [CM, Community manager]", "    aliases: [CM]"),
                                             ("    title: Rédacteur web\n", "    title: Rédacteur web\n"
                                              "    aliases: [Community manager]\n")),
                                            "    rome: [E1101]",
                                            "le nom « Community manager » (fiche ROME) appartient déjà au rôle « redacteur »",
                                            alone=False),
    "normalised-names-clash": Case((("    aliases: [CM, Community manager]", "    aliases: [CM, Community manager, "
                                     "Rédactrice·s web]"),), "    aliases: [CM, Community manager",
                                   "se confond avec « Rédacteur web » du rôle « redacteur »"),
    "title-of-a-single-role": Case((("    title_of: [animateur, redacteur]", "    title_of: [animateur]"),),
                                   "    title_of: [animateur]", "un intitulé porté par un seul métier"),
    "core-role-not-among-roles": Case((("    core_roles: [animateur]", "    core_roles: [stratege]"),),
                                      "    core_roles: [stratege]", "« stratege » est dans « core_roles » mais pas"),
    "skill-object-in-format-1": Case((("version: 2\n", "version: 1\n"),), "skills:\n  - id: redaction-web",
                                     "« skills » demande « version: 2 »", alone=False),
    "unplaced-role": Case((("              - role: redacteur\n                editorial: true\n                children:\n"
                            "                  - role: animateur\n                    sources: [guide]\n",
                            "              - role: animateur\n                sources: [guide]\n"),
                           ("              - role: animateur\n                alternative: true\n"
                            "                condition: quand il n'y a pas de rédacteur\n                sources: [guide]\n",
                            "")),
                          "  - id: redacteur", "rôle « redacteur » : ne figure dans aucun organigramme"),
}


@pytest.mark.parametrize("case", CASES_V2.values(), ids=CASES_V2.keys())
def test_format_2_problem_is_reported_with_its_line(tmp_path, case):
    path = write(tmp_path, mutate(*case.edits, text=MINI2_TEXT))
    text = path.read_text(encoding="utf-8")
    lines = assert_problem(check(path), path, line_of(text, case.marker, case.occurrence), case.needle)
    if case.alone:
        assert len(lines) == 1, "\n".join(lines)


def test_format_2_fixture_is_valid():
    assert "(format 2)" in assert_valid(check(MINI2), roles=3)


def test_shipped_base_has_no_rome_label_on_two_roles(kb):
    owners: dict[str, str] = {}
    for role in kb.roles.values():
        for code in role.rome:
            assert code not in owners, f"{code}: {owners.get(code)} et {role.id}"
            owners[code] = role.id


def test_a_title_written_like_its_id_still_claims_its_normalised_words(tmp_path):
    """« Community manager » is also the id community-manager: its normalised form must still be claimed, so
    that another role can't take « Community manager junior »."""
    path = tmp_path / "base.yaml"
    path.write_text(CLASH, encoding="utf-8")
    lines = assert_problem(check(path), path, 16, "« Community manager junior » se confond avec « Community manager »")
    assert len(lines) == 1


CLASH = """version: 2
families:
  - id: f
    label: F
roles:
  - id: community-manager
    title: Community manager
    title_feminine: Community manager
    family: f
    level: operationnel
    summary: Anime.
    missions: [Animer.]
  - id: autre
    title: Autre métier
    title_feminine: Autre métier
    aliases: [Community manager junior]
    family: f
    level: operationnel
    summary: Autre.
    missions: [Faire.]
structures:
  - id: s
    name: S
    chart:
      - role: community-manager
      - role: autre
"""
