"""Career paths (metiers path) and orientation by interests (metiers match)."""

from __future__ import annotations

import pytest

from conftest import MINI, run, write
from metiers_cli import paths
from metiers_cli.matching import QUESTIONS, code_from_answers, fits, riasec_similarity
from metiers_cli.model import APTITUDES

# --- path ------------------------------------------------------------------------------------------------


def test_path_steps_are_explained_with_skills_to_acquire(kb):
    steps = paths.shortest_path(kb, "graphiste", "directeur-creation")
    assert [(s.source, s.target) for s in steps] == [("graphiste", "directeur-artistique"),
                                                     ("directeur-artistique", "directeur-creation")]
    first = steps[0]
    assert first.kind == "evolution" and first.basis == "editorial"
    assert "Graphiste" in first.why
    have = set(kb.roles["graphiste"].skills.savoir_faire)
    assert first.skills_to_acquire and not have & set(first.skills_to_acquire)
    assert set(first.skills_to_acquire) <= set(kb.roles["directeur-artistique"].skills.savoir_faire)


def test_path_uses_reporting_lines_as_promotions(mini):
    steps = paths.shortest_path(mini, "animateur", "stratege")
    assert len(steps) == 1
    # animateur lists stratege in evolves_to (a card move), which is preferred to the chart's promotion
    assert steps[0].kind == "evolution"
    moves_out = paths.moves(mini)["animateur"]
    assert [m.target for m in moves_out].count("stratege") == 1  # one move per pair, the card's first


def test_promotion_alone_makes_a_path(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("    evolves_to: [stratege]\n", "")
    text = text.replace("    comes_from: [animateur]\n", "")
    base = write(tmp_path, text)
    data = run("path", "animateur", "stratege", "--data", base, "--json").json()
    assert [s["kind"] for s in data["steps"]] == ["promotion"]
    assert data["steps"][0]["basis"] == "source" and "Studio" in data["steps"][0]["why"]


def test_path_is_the_shortest(kb):
    for start, goal in (("community-manager", "responsable-marketing-digital"), ("redacteur-web", "digital-manager")):
        steps = paths.shortest_path(kb, start, goal)
        graph = paths.moves(kb)
        # no single move would have done it when the path is longer than one step
        if len(steps) > 1:
            assert goal not in {m.target for m in graph[start]}


def test_path_json_shape():
    data = run("path", "CM", "digital-manager", "--json").json()
    assert data["from"] == "community-manager" and data["to"] == "digital-manager"
    for step in data["steps"]:
        assert {"from", "to", "kind", "why", "skills_to_acquire"} <= set(step)
    assert data["steps"][0]["from"] == "community-manager" and data["steps"][-1]["to"] == "digital-manager"


def test_path_text_output():
    out = run("path", "graphiste", "directeur-creation").stdout
    assert "en 2 étapes" in out and "À acquérir" in out and "jugement éditorial" in out


def test_no_path_is_said_plainly(tmp_path):
    result = run("path", "stratege", "redacteur", "--data", MINI)
    assert result.exit_code == 1
    assert "aucun parcours" in result.stderr and result.stdout == ""


def test_same_role_twice_is_refused():
    assert run("path", "CM", "community-manager").exit_code == 1


def test_cycles_in_career_moves_terminate(tmp_path):
    # animateur -> stratege -> animateur and redacteur <-> animateur: BFS must end, with or without a path
    text = MINI.read_text(encoding="utf-8").replace("    comes_from: [animateur]\n",
                                                     "    evolves_to: [animateur]\n")
    base = write(tmp_path, text)
    result = run("path", "stratege", "redacteur", "--data", base)
    assert result.exit_code == 1


# --- match -----------------------------------------------------------------------------------------------

def test_match_ranks_by_liked_aptitudes_with_reasons(kb):
    results = fits(kb, likes={"rediger", "animer"}, avoids=set(), limit=None)
    top = results[0]
    assert {"rediger", "animer"} <= set(kb.roles[top.id].aptitudes)
    assert any("écrire" in r for r in top.reasons)
    assert [f.score for f in results] == sorted((f.score for f in results), reverse=True)


def test_avoided_aptitude_lowers_a_role(kb):
    liked = {f.id: f.score for f in fits(kb, likes={"negocier", "parler"}, limit=None)}
    avoided = {f.id: f.score for f in fits(kb, likes={"parler"}, avoids={"negocier"}, limit=None)}
    assert avoided.get("acheteur-media", 0) < liked["acheteur-media"]


def test_riasec_similarity():
    assert riasec_similarity("AES", "AES") == 1.0
    assert riasec_similarity("AES", "RIC") == 0.0
    assert riasec_similarity("AES", "ASE") > riasec_similarity("AES", "SEA") > 0


def test_match_by_riasec_puts_the_same_code_first(kb):
    first = fits(kb, riasec="AES", limit=1)[0]
    assert kb.roles[first.id].riasec == "AES"


def test_match_is_deterministic(kb):
    assert fits(kb, likes={"analyser"}, limit=None) == fits(kb, likes={"analyser"}, limit=None)


def test_questionnaire_builds_a_riasec_code():
    index = {aptitude: i for i, (aptitude, _q, _l) in enumerate(QUESTIONS)}
    assert code_from_answers([index["creer"], index["rediger"], index["analyser"]]) == "AI"
    assert code_from_answers([]) is None
    assert 8 <= len(QUESTIONS) <= 12


def test_match_command_json():
    data = run("match", "--aime", "rediger", "--aime", "analyser", "--evite", "negocier", "--json").json()
    assert data and all(set(item) == {"id", "title", "score", "reasons"} for item in data)
    assert len(data) == 5


def test_match_accepts_accents_and_commas():
    assert run("match", "--aime", "rédiger,Analyser", "--json").exit_code == 0


def test_match_help_lists_the_accepted_words():
    out = run("match", "--help").stdout
    for word in APTITUDES:
        assert word in out


@pytest.mark.parametrize("args", [["--aime", "cuisiner"], ["--riasec", "XYZ"], ["--riasec", "AAA"],
                                  ["--aime", "rediger", "--evite", "rediger"]])
def test_match_bad_options_are_usage_errors(args):
    assert run("match", *args).exit_code == 2


def test_match_without_terminal_and_without_options_says_how_instead_of_waiting():
    result = run("match", input="")
    assert result.exit_code == 2
    assert "--aime" in result.stderr


def test_oral_rather_than_writing_advice_cites_the_source():
    out = " ".join(run("match", "--aime", "parler", "--evite", "rediger").stdout.split())
    assert "Opteam" in out and "vente" in out


def test_match_questionnaire_in_a_terminal(monkeypatch):
    """Answered like a person would, through the interactive prompts."""
    import sys

    from metiers_cli import cli

    answers = iter(["o", "n", "", "o", "n", "", "", "o", "", "o"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("rich.prompt.Prompt.ask", classmethod(lambda cls, *a, **k: next(answers)))
    likes, avoids, code = cli._ask(None)
    assert likes == {"rediger", "creer", "animer"} and avoids == {"parler", "analyser"}
    assert code == "AS"
