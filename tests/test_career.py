"""Career paths (metiers path) and orientation by interests and skills (metiers match)."""

from __future__ import annotations

import itertools

import pytest

from conftest import MINI, MINI2, run, write
from metiers_cli import paths, skills as skilling
from metiers_cli.matching import QUESTIONS, code_from_answers, fits, riasec_similarity
from metiers_cli.model import APTITUDE_WORDS

# --- path ------------------------------------------------------------------------------------------------------


def test_path_steps_are_explained(base):
    steps = paths.shortest_path(base.moves(), "graphiste", "directeur-creation")
    assert [(s.source, s.target) for s in steps] == [("graphiste", "directeur-artistique"),
                                                     ("directeur-artistique", "directeur-creation")]
    data = paths.path_data(base, "graphiste", "directeur-creation", steps)
    first = data["steps"][0]
    assert first["kind"] == "evolution" and first["basis"] in ("source", "editorial")
    assert "Graphiste" in first["why"]


def test_no_step_asks_for_a_skill_already_held(base):
    """Every path between every pair of roles: a skill held by then (from the start or an earlier step) is never
    « to acquire », and what is carried really was held."""
    moves = base.moves()
    roles = {r.id: r for r in base.roles()}
    checked = 0
    for start, goal in itertools.permutations(roles, 2):
        steps = paths.shortest_path(moves, start, goal)
        if not steps:
            continue
        data = paths.path_data(base, start, goal, steps)
        have = set(skilling.held(roles[start]))
        for step in data["steps"]:
            ids = step["skill_ids"]
            assert not set(ids["to_acquire"]) & have, (start, goal, step["to"])
            assert set(ids["carried"]) <= have
            assert set(ids["to_deepen"]) <= set(ids["carried"])
            assert len(step["skills_to_acquire"]) == len(ids["to_acquire"])
            assert len(step["skills_carried"]) == len(ids["carried"])
            have |= {ref.skill for ref in roles[step["to"]].skills.all()}
        checked += 1
    assert checked > 500


def test_graphic_designer_carries_the_creative_software_to_creative_director(base):
    data = run("path", "graphiste", "directeur de création", "--json").json()
    software = {ref.skill for ref in base.role("graphiste").skills.all()} & \
        {ref.skill for ref in base.role("directeur-creation").skills.all()}
    assert software, "graphiste and directeur-creation share no skill"
    carried = {s for step in data["steps"] for s in step["skill_ids"]["carried"]}
    assert software <= carried
    acquire = {s for step in data["steps"] for s in step["skill_ids"]["to_acquire"]}
    assert not software & acquire
    labels = " ".join(label for step in data["steps"] for label in step["skills_carried"]).lower()
    assert "logiciel" in labels or "création" in labels


def test_levels_make_skills_to_deepen():
    data = run("path", "animateur", "stratege", "--data", MINI2, "--json").json()
    step = data["steps"][0]
    assert step["skill_ids"]["to_deepen"] == ["reseaux-sociaux"]  # maitrise -> expertise
    assert step["skill_ids"]["carried"] == ["reseaux-sociaux"]
    assert set(step["skill_ids"]["to_acquire"]) == {"strategie-digitale", "leadership"}
    assert data["summary"] == {"goal_skills": 3, "carried_from_start": 1, "to_acquire": 2}
    out = run("path", "animateur", "stratege", "--data", MINI2).stdout
    assert "À approfondir" in out and "Acquis" in out and "1 compétence sur 3" in out


def test_skills_gained_on_an_earlier_step_count(tmp_path):
    # redacteur -> animateur -> stratege: reseaux-sociaux, gained at the first step, is carried at the second
    text = MINI2.read_text(encoding="utf-8")
    chart = text[text.index("    chart:\n"):text.index("glossary:\n")]
    text = text.replace(chart, "    chart:\n      - role: stratege\n        children:\n          - role: animateur\n"
                              "            sources: [guide]\n            children:\n              - role: redacteur\n"
                              "                editorial: true\n\n")
    data = run("path", "redacteur", "stratege", "--data", write(tmp_path, text), "--json").json()
    assert [s["to"] for s in data["steps"]] == ["animateur", "stratege"]
    first, second = data["steps"]
    assert "reseaux-sociaux" in first["skill_ids"]["to_acquire"]
    assert "reseaux-sociaux" in second["skill_ids"]["carried"]
    assert "reseaux-sociaux" not in second["skill_ids"]["to_acquire"]


def test_path_uses_reporting_lines_as_promotions(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("    evolves_to: [stratege]\n", "")
    text = text.replace("    comes_from: [animateur]\n", "")
    data = run("path", "animateur", "stratege", "--data", write(tmp_path, text), "--json").json()
    assert [s["kind"] for s in data["steps"]] == ["promotion"]
    assert data["steps"][0]["basis"] == "source" and "Studio" in data["steps"][0]["why"]


def test_one_move_per_pair_the_card_first(base):
    moves = [(m.source, m.target) for m in base.moves()]
    assert len(moves) == len(set(moves))


def test_path_is_the_shortest(base):
    moves = base.moves()
    for start, goal in (("community-manager", "responsable-marketing-digital"), ("redacteur-web", "digital-manager")):
        steps = paths.shortest_path(moves, start, goal)
        assert steps
        if len(steps) > 1:
            assert goal not in {m.target for m in moves if m.source == start}


def test_path_json_shape():
    data = run("path", "CM", "digital-manager", "--json").json()
    assert data["from"] == "community-manager" and data["to"] == "digital-manager"
    for step in data["steps"]:
        assert {"from", "to", "kind", "why", "skills_to_acquire", "skills_carried", "skill_ids"} <= set(step)
        assert set(step["skill_ids"]) == {"to_acquire", "carried", "to_deepen"}
    assert data["steps"][0]["from"] == "community-manager" and data["steps"][-1]["to"] == "digital-manager"


def test_path_text_output():
    out = run("path", "graphiste", "directeur-creation").stdout
    assert "en 2 étapes" in out and "Acquis" in out and "du métier visé" in out


def test_no_path_is_said_plainly():
    result = run("path", "stratege", "redacteur", "--data", MINI)
    assert result.exit_code == 1
    assert "aucun parcours" in result.stderr and result.stdout == ""


def test_same_role_twice_is_a_usage_error():
    assert run("path", "CM", "community-manager").exit_code == 2


def test_cycles_in_career_moves_terminate(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("    comes_from: [animateur]\n", "    evolves_to: [animateur]\n")
    result = run("path", "stratege", "redacteur", "--data", write(tmp_path, text))
    assert result.exit_code == 1


# --- match -----------------------------------------------------------------------------------------------------


def test_match_ranks_by_liked_aptitudes_with_reasons(base):
    results = fits(base, likes={"rediger", "animer"}, limit=None)
    top = results[0]
    assert {"rediger", "animer"} <= set(base.role(top.id).aptitudes)
    assert any("écrire" in r for r in top.reasons)
    assert [f.score for f in results] == sorted((f.score for f in results), reverse=True)


def test_a_single_liked_aptitude_is_not_a_perfect_fit_for_every_role_that_uses_it(base):
    results = fits(base, likes={"rediger"}, limit=None)
    assert results[0].score < 100 or len(base.role(results[0].id).aptitudes) == 1
    assert len({f.score for f in results}) > 3
    assert all(f.agree <= f.answers == 1 for f in results)


def test_scores_say_how_many_answers_agree(base):
    data = run("match", "--aime", "rédiger", "--aime", "analyser", "--evite", "négocier", "--json").json()
    for item in data:
        assert item["agreement"]["answers"] == 3
        assert 0 <= item["agreement"]["agree"] <= 3
        assert any("sur 3" in reason for reason in item["reasons"])


def test_ties_are_broken_by_strength_not_letter_order(base):
    results = fits(base, likes={"creer"}, limit=None)
    for a, b in zip(results, results[1:]):
        if a.score == b.score:
            assert a.strength >= b.strength


def test_avoided_aptitude_lowers_a_role(base):
    liked = {f.id: f.score for f in fits(base, likes={"negocier", "parler"}, limit=None)}
    avoided = {f.id: f.score for f in fits(base, likes={"parler"}, avoids={"negocier"}, limit=None)}
    assert avoided.get("acheteur-media", 0) < liked["acheteur-media"]


def test_riasec_similarity():
    assert riasec_similarity("AES", "AES") == 1.0
    assert riasec_similarity("AES", "RIC") == 0.0
    assert riasec_similarity("AES", "ASE") > riasec_similarity("AES", "SEA") > 0


def test_match_by_riasec_puts_the_same_code_first(base):
    first = fits(base, riasec="AES", limit=1)[0]
    assert base.role(first.id).riasec == "AES"


def test_match_is_deterministic(base):
    assert fits(base, likes={"analyser"}, limit=None) == fits(base, likes={"analyser"}, limit=None)


def test_match_by_skills_says_what_carries_over_and_what_is_missing(base):
    graphiste = base.role("graphiste")
    known = [ref.skill for ref in graphiste.skills.savoir_faire]
    args = [a for skill in known for a in ("--sait", skill)]
    data = run("match", *args, "--limit", "3", "--json").json()
    assert data[0]["id"] in ("graphiste",) or set(known) & set(data[0]["skill_ids"]["carried"])
    for item in data:
        assert set(item["skill_ids"]["carried"]) <= set(known)
        assert not set(item["skill_ids"]["missing"]) & set(known)
    label = base.skills([known[0]])[known[0]].label
    assert run("match", "--sait", label, "--json").exit_code == 0  # by its label too
    unknown = run("match", "--sait", "tricot-avance")
    assert unknown.exit_code == 2 and "compétence inconnue" in unknown.stderr


def test_questionnaire_builds_a_riasec_code():
    index = {aptitude: i for i, (aptitude, _q, _l) in enumerate(QUESTIONS)}
    assert code_from_answers([index["creer"], index["rediger"], index["analyser"]]) == "AI"
    assert code_from_answers([]) is None
    assert 8 <= len(QUESTIONS) <= 12


def test_match_command_json():
    data = run("match", "--aime", "rediger", "--aime", "analyser", "--evite", "negocier", "--json").json()
    assert data and all({"id", "title", "score", "reasons"} <= set(item) for item in data)
    assert len(data) == 5


def test_match_accepts_accents_and_commas():
    assert run("match", "--aime", "rédiger,Analyser", "--json").exit_code == 0


def test_match_help_lists_the_accepted_words_with_accents():
    out = run("match", "--help").stdout
    for word in APTITUDE_WORDS.values():
        assert word in out


@pytest.mark.parametrize("args", [["--aime", "cuisiner"], ["--riasec", "XYZ"], ["--riasec", "AAA"],
                                  ["--aime", "rediger", "--evite", "rediger"], ["--limit", "0"], ["--limit", "x"]])
def test_match_bad_options_are_usage_errors_in_french(args):
    result = run("match", *args)
    assert result.exit_code == 2
    assert "Error" not in result.stderr and "Invalid" not in result.stderr


def test_match_without_terminal_and_without_options_says_how_instead_of_waiting():
    result = run("match", input="")
    assert result.exit_code == 2
    assert "--aime" in result.stderr


def test_advice_comes_from_the_base_and_cites_the_source(base):
    advice = base.advice()
    assert advice and all(a.sources for a in advice)
    out = " ".join(run("match", "--aime", "parler", "--evite", "rediger").stdout.split())
    assert "vente" in out
    mini = " ".join(run("match", "--aime", "parler", "--aime", "analyser", "--evite", "rediger", "--data",
                        MINI2).stdout.split())
    assert "Qui préfère parler qu'écrire se tournera vers la vente." in mini


def test_questionnaire_in_a_terminal(monkeypatch):
    """Answered like a person would: oui, non, o, n, « je ne sais pas », Entrée."""
    from metiers_cli import cli, prompts

    answers = iter(["oui", "non", "", "O", "n", "je ne sais pas", "?", "Oui", "jsp", "o"])
    monkeypatch.setattr(prompts.YesNoUnsure, "get_input",
                        classmethod(lambda cls, console, prompt, password, stream=None: next(answers)))
    likes, avoids, yes, _no = cli._ask(QUESTIONS)
    assert likes == {"rediger", "creer", "animer"} and avoids == {"parler", "analyser"}
    assert code_from_answers(yes) == "AS"


def test_questionnaire_refuses_other_answers_in_french(monkeypatch):
    from rich.console import Console

    from metiers_cli import prompts

    answers = iter(["peut-être bien", "non"])
    monkeypatch.setattr(prompts.YesNoUnsure, "get_input",
                        classmethod(lambda cls, console, prompt, password, stream=None: next(answers)))
    console = Console(record=True, width=100)
    assert prompts.ask_yes_no(console, "Aimez-vous écrire ?") is False
    assert "Répondez oui, non" in console.export_text()
    shown = prompts.YesNoUnsure("Aimez-vous écrire ?", console=console).make_prompt(None).plain
    assert "(oui / non / ? pour « je ne sais pas »)" in shown and "[o/n/]" not in shown


def test_the_questionnaire_reads_the_terminal_a_line_at_a_time_and_says_when_it_closes():
    import os

    from metiers_cli.prompts import TerminalLines

    read, write_end = os.pipe()
    os.write(write_end, "oui\nnon\n".encode())
    os.close(write_end)
    lines = TerminalLines(read, "utf-8")
    assert lines.readline() == "oui\nnon\n"  # a pipe gives both at once; a terminal gives one line per read
    with pytest.raises(EOFError):
        lines.readline()
    os.close(read)


def test_a_signal_ends_the_wait_for_an_answer_at_once():
    """A signal (here SIGUSR1, as SIGINT may be ignored where the tests run) during the wait ends it. The race it
    was written for, a Ctrl-C just before the wait, is tried in a real terminal by
    test_hostile.test_ctrl_c_in_the_middle_of_match (input() there waited for Entrée about once in thirty runs on a
    busy machine)."""
    import os
    import signal
    import threading

    from metiers_cli.prompts import TerminalLines

    class Pressed(Exception):
        pass

    def pressed(_signum, _frame):
        raise Pressed

    read, write_end = os.pipe()
    previous = signal.signal(signal.SIGUSR1, pressed)
    unblock = threading.Timer(10, lambda: os.write(write_end, b"trop tard\n"))  # a failing test still ends
    ring = threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGUSR1))
    try:
        unblock.start()
        ring.start()
        with pytest.raises(Pressed):
            TerminalLines(read, "utf-8").readline()
    finally:
        unblock.cancel()
        ring.cancel()
        signal.signal(signal.SIGUSR1, previous)
        os.close(read)
        os.close(write_end)


@pytest.mark.parametrize(("carried", "total", "acquire", "expected"), [
    (0, 4, 4, "Aucune des 4 compétences du métier visé ne vient du métier de départ ; 4 compétences à acquérir "
              "en chemin."),
    (1, 4, 3, "1 compétence sur 4 du métier visé vient déjà du métier de départ ; 3 compétences à acquérir en "
              "chemin."),
    (3, 3, 0, "3 compétences sur 3 du métier visé viennent déjà du métier de départ ; rien à acquérir."),
    (0, 1, 1, "La compétence du métier visé ne vient pas du métier de départ ; 1 compétence à acquérir en "
              "chemin."),
])
def test_the_path_summary_reads_in_french(carried, total, acquire, expected):
    from metiers_cli.render.career import carried_sentence

    counts = {"carried_from_start": carried, "goal_skills": total, "to_acquire": acquire}
    assert carried_sentence(counts) == expected
