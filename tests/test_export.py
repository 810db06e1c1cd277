"""metiers export and metiers init: every format, files written whole or not at all, never over a file unasked."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest
import yaml

from conftest import MINI, run
from metiers_cli.files import write_atomic

# --- a structural parser for the Mermaid flowcharts metiers writes ---------------------------------------

NODE = re.compile(r'^(?P<id>[A-Za-z_][A-Za-z0-9_]*)(?:\[|\(\[)"(?P<label>[^"]*)"(?:\]|\]\))$')
EDGE = re.compile(r"^(?P<a>[A-Za-z_][A-Za-z0-9_]*) (?P<arrow>-->|-\.->)(?:\|(?P<text>[^|\"]+)\|)? "
                  r"(?P<b>[A-Za-z_][A-Za-z0-9_]*)$")


def parse_mermaid(text: str) -> tuple[str, dict[str, str], list[tuple[str, str]]]:
    """(direction, nodes, edges) of a flowchart; raises AssertionError on anything Mermaid would reject."""
    lines = [line.strip() for line in text.strip().splitlines()]
    header = re.fullmatch(r"flowchart (TD|TB|LR|RL|BT)", lines[0])
    assert header, lines[0]
    nodes: dict[str, str] = {}
    edges = []
    for line in lines[1:]:
        node, edge = NODE.match(line), EDGE.match(line)
        assert node or edge, f"not a node nor an edge: {line!r}"
        if node:
            assert node["id"] not in nodes, f"node declared twice: {node['id']}"
            nodes[node["id"]] = node["label"]
        else:
            assert edge["a"] in nodes and edge["b"] in nodes, f"edge to an undeclared node: {line}"
            edges.append((edge["a"], edge["b"], edge["arrow"]))
    return header[1], nodes, edges


def test_mermaid_export_of_the_agency_is_a_valid_tree():
    result = run("export", "tree", "agence", "--format", "mermaid")
    assert result.exit_code == 0
    direction, nodes, edges = parse_mermaid(result.stdout)
    labels = set(nodes.values())
    assert {"Agence de communication", "Pôle création", "Directeur de création", "Community manager"} <= labels
    main = [(a, b) for a, b, arrow in edges if arrow == "-->"]
    children = [b for _a, b in main]
    assert len(children) == len(set(children)) == len(nodes) - 1  # the main lines: one parent each, one root
    assert ("r_directeur_creation", "r_directeur_artistique") in main
    assert nodes["s_agence"] == "Agence de communication"
    assert nodes["g_2"] == "Pôle création" and ("g_2", "r_directeur_creation") in main
    dashed = [(a, b) for a, b, arrow in edges if arrow == "-.->"]
    assert ("r_traffic_manager", "r_community_manager") in dashed  # an alternative line, drawn dashed


def test_a_role_and_a_structure_with_the_same_id_stay_two_nodes(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(MINI.read_text(encoding="utf-8").replace("  - id: studio", "  - id: animateur"),
                    encoding="utf-8")
    result = run("export", "tree", "animateur", "-F", "mermaid", "--data", base)
    assert result.exit_code == 0, result.stderr
    _direction, nodes, edges = parse_mermaid(result.stdout)
    assert nodes["s_animateur"] == "Studio" and nodes["r_animateur"] == "Animateur de communauté"
    assert ("r_stratege", "r_animateur", "-->") in edges
    dot_nodes, _dot_edges = parse_dot(run("export", "tree", "animateur", "-F", "dot", "--data", base).stdout)
    assert {"s:animateur", "r:animateur"} <= dot_nodes


def test_mermaid_escapes_quotes_and_brackets(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("name: Studio", 'name: Studio "A" <b>')
    base = tmp_path / "base.yaml"
    base.write_text(text, encoding="utf-8")
    out = run("export", "tree", "studio", "-F", "mermaid", "--data", base).stdout
    _direction, nodes, _edges = parse_mermaid(out)
    assert nodes["s_studio"] == "Studio #quot;A#quot; #lt;b#gt;"


def test_graph_exports_every_career_move():
    data = run("export", "graph", "-F", "json").json()
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert {"from": "community-manager", "to": "social-media-manager", "kind": "evolution",
            "basis": "editorial"} in data["edges"]
    _direction, nodes, edges = parse_mermaid(run("export", "graph", "-F", "mermaid").stdout)
    assert len(nodes) == len(ids) and len(edges) == len(data["edges"])


def parse_dot(text: str) -> tuple[set[str], list[tuple[str, str]]]:
    lines = text.strip().splitlines()
    assert re.fullmatch(r'digraph "[^"]+" \{', lines[0]) and lines[-1] == "}"
    quoted = r'"((?:[^"\\]|\\.)*)"'
    nodes, edges = set(), []
    for line in lines[1:-1]:
        line = line.strip()
        if re.fullmatch(r"(rankdir=\w+|node \[.*\]);", line):
            continue
        edge = re.fullmatch(rf"{quoted} -> {quoted}(?: \[.*\])?;", line)
        node = re.fullmatch(rf"{quoted} \[label={quoted}.*\];", line)
        assert edge or node, line
        if edge:
            edges.append((edge[1], edge[2]))
        else:
            nodes.add(node[1])
    assert all(a in nodes and b in nodes for a, b in edges)
    return nodes, edges


@pytest.mark.parametrize("what", [["tree", "agence"], ["tree", "pme"], ["graph"]])
def test_dot_exports_are_well_formed(what):
    nodes, edges = parse_dot(run("export", *what, "-F", "dot").stdout)
    assert nodes and edges


def test_markdown_exports():
    role = run("export", "role", "traffic-manager").stdout
    assert role.startswith("# Traffic manager") and "## Missions" in role and "## Sources" in role
    compared = run("export", "compare", "CM", "SMM", "-F", "markdown").stdout
    assert "| Aspect | Community manager | Social media manager |" in compared and "## En résumé" in compared
    tree = run("export", "tree", "agence", "-F", "markdown").stdout
    assert "- **Pôle création**" in tree and "Directeur de création (`directeur-creation`)" in tree
    assert "# Parcours entre les métiers" in run("export", "graph").stdout


def test_markdown_escapes_data_that_looks_like_markup():
    out = run("export", "role", "animateur", "--data", MINI).stdout
    assert "\\[bold\\]Crochets\\[/bold\\]" in out


def test_json_exports_match_the_commands():
    assert run("export", "role", "CM", "-F", "json").json() == run("show", "CM", "--json").json()
    assert run("export", "compare", "CM", "SMM", "-F", "json").json() == run("compare", "CM", "SMM",
                                                                                 "--json").json()
    assert run("export", "tree", "agence", "-F", "json").json() == run("tree", "agence", "--json").json()


def test_base_json_round_trips_into_a_valid_base(tmp_path):
    data = run("export", "base", "-F", "json", "--data", MINI).json()
    copy = tmp_path / "copy.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run("check", "--data", copy).exit_code == 0
    assert run("list", "--json", "--data", copy).json() == run("list", "--json", "--data", MINI).json()


def test_base_csv_has_one_row_per_role(kb):
    rows = list(csv.DictReader(io.StringIO(run("export", "base", "-F", "csv").stdout)))
    assert [r["id"] for r in rows] == list(kb.roles)
    cm = next(r for r in rows if r["id"] == "community-manager")
    assert cm["aliases"].split(" ; ")[0] == "CM"
    assert cm["reports_to"] and "(" not in cm["aliases"]


@pytest.mark.parametrize(("what", "fmt"), [(["tree", "agence"], "csv"), (["role", "CM"], "mermaid"),
                                           (["base"], "dot"), (["graph"], "pdf")])
def test_format_not_offered_for_that_export_is_a_usage_error(what, fmt):
    assert run("export", *what, "-F", fmt).exit_code == 2


# --- files ------------------------------------------------------------------------------------------------

def test_export_to_a_file_and_refusal_to_overwrite(tmp_path):
    target = tmp_path / "agence.mmd"
    assert run("export", "tree", "agence", "-F", "mermaid", "-o", target).exit_code == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith("flowchart TD")
    refused = run("export", "tree", "pme", "-F", "mermaid", "-o", target)
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == first
    assert run("export", "tree", "pme", "-F", "mermaid", "-o", target, "--force").exit_code == 0
    assert "PME" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["agence.mmd"]


def test_export_into_a_missing_folder_fails_cleanly(tmp_path):
    result = run("export", "role", "CM", "-o", tmp_path / "nope" / "cm.md")
    assert result.exit_code == 1 and result.stderr.count("\n") == 2  # the "compris comme" note, then the error


def test_a_failed_write_leaves_the_old_file_and_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_text("ancien", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    result = run("export", "role", "traffic-manager", "-o", target, "--force")
    assert result.exit_code == 1 and "disque plein" in result.stderr
    assert target.read_text(encoding="utf-8") == "ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_write_atomic_never_replaces_without_being_asked(tmp_path):
    target = tmp_path / "f.txt"
    write_atomic(target, "un")
    with pytest.raises(FileExistsError):
        write_atomic(target, "deux")
    write_atomic(target, "trois", replace=True)
    assert target.read_text() == "trois"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_written_files_get_normal_permissions(tmp_path):
    target = tmp_path / "f.txt"
    write_atomic(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# --- init ------------------------------------------------------------------------------------------------

def test_init_writes_a_commented_starter_base_that_check_accepts(tmp_path):
    target = tmp_path / "org.yaml"
    result = run("init", target)
    assert result.exit_code == 0 and "metiers check" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.count("\n#") >= 5
    assert run("check", "--data", target).exit_code == 0
    assert len(run("list", "--json", "--data", target).json()) >= 2


def test_init_never_replaces_a_file_even_with_force(tmp_path):
    target = tmp_path / "org.yaml"
    target.write_text("mes données", encoding="utf-8")
    for args in (["init", target], ["init", target, "--force"]):
        result = run(*args)
        assert result.exit_code == 1
        assert target.read_text(encoding="utf-8") == "mes données"
    assert [p.name for p in tmp_path.iterdir()] == ["org.yaml"]


def test_json_is_plain_lists_never_tuples():
    text = run("export", "base", "-F", "json", "--data", MINI).stdout
    data = json.loads(text)
    assert isinstance(data["roles"][0]["aliases"], list)


# --- exports say what the card says (issue 14) ---------------------------------------------------------------

def test_role_markdown_has_every_section_of_the_card_with_labels_and_titles(base):
    from metiers_cli.card import role_card
    from metiers_cli.model import CHANNELS, MARKETING

    ids = {rid for rid in base.role_ids() if "-" in rid}
    for role in base.roles(base.role_ids()):
        out = run("export", "role", role.id, "-F", "md").stdout
        card = role_card(base, role)
        for section in card.sections:
            assert f"## {section.title}" in out, (role.id, section.title)
        # labels, never the enum values of the base; titles, never ids, where the terminal shows titles
        assert not re.search(r"\*\* ?\W? ?(online|offline|push|pull|both|operationnel|encadrement)\b", out)
        if role.channels:
            assert any(CHANNELS[c] in out for c in role.channels)
        if role.marketing:
            assert MARKETING[role.marketing] in out
        for line in out.splitlines():
            if line.startswith(("- **Cumule**", "- **Rend compte à**", "- **Encadre**")):
                shown = set(re.split(r"[ ,()]+", line.split("**", 2)[2]))
                assert not shown & ids, line
        if role.editorial or not role.sources:
            assert "jugement éditorial" in out or "fiche éditoriale" in out.lower(), role.id


def test_role_markdown_of_the_community_manager_reads_as_the_card():
    out = run("export", "role", "community-manager", "-F", "md").stdout
    for heading in ("## Où exercer", "## Travaille avec", "## Repères", "## Vocabulaire", "## Rattachement"):
        assert heading in out
    assert "Profil RIASEC" in out and "En ligne" in out and "Pull (contenus" in out
    assert "- **Cumule**\u00a0: Digital manager" in run("export", "role", "community-manager").raw_stdout
    assert "Relève du jugement éditorial" in out


@pytest.mark.parametrize("fmt", ["md", "MD", "markdown", "Markdown"])
def test_md_is_markdown(fmt):
    result = run("export", "role", "graphiste", "-F", fmt)
    assert result.exit_code == 0 and result.stdout.startswith("# Graphiste")


def test_csv_for_a_french_spreadsheet(tmp_path, kb):
    target = tmp_path / "metiers.csv"
    assert run("export", "base", "-o", target).exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: a spreadsheet reads the accents right
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == len(kb.roles) and rows[0]["id"] in kb.roles
    assert len(rows[0]) > 5  # columns, not one garbled column


def test_csv_separator_and_bom_on_request():
    out = run("export", "base", "--sep", ";").raw_stdout
    assert not out.startswith("\ufeff") and out.splitlines()[0].count(";") > 5
    assert run("export", "base").raw_stdout.splitlines()[0].count(",") > 5
    assert run("export", "base", "--bom").raw_stdout.startswith("\ufeff")
    tabbed = run("export", "base", "--sep", "\\t").raw_stdout
    assert tabbed.splitlines()[0].count("\t") > 5
    assert run("export", "base", "--sep", "|").exit_code == 2


def test_no_bom_when_asked(tmp_path):
    target = tmp_path / "m.csv"
    run("export", "base", "-o", target, "--no-bom")
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_export_to_a_terminal_that_cannot_show_accents_stays_utf8():
    """An export is a file format: piped through a terminal set to ASCII, it is still exact UTF-8."""
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-m", "metiers_cli", "export", "role", "community-manager", "-F", "json"],
                           capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert child.returncode == 0
    data = json.loads(child.stdout.decode("utf-8"))
    assert "Chargée de community management" in data["aliases"]
