"""The right card for every name a person types, and never a wrong one (names.py).

The labelled set (tests/data/names.yaml) holds the names real people type, built independently of the base's
aliases; precision and recall are printed with the results.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import MINI2, run
from metiers_cli.names import Ambiguous, NotFound, exact_key, name_key, name_words, resolve, rome_names

LABELLED = yaml.safe_load((Path(__file__).parent / "data" / "names.yaml").read_text(encoding="utf-8"))


def outcome(base, name: str):
    """("found", id, tier) | ("ambiguous", ids) | ("not found", suggested ids)."""
    try:
        found = resolve(name, base.role_names())
    except Ambiguous as exc:
        return ("ambiguous", [i for i, _n in exc.candidates])
    except NotFound as exc:
        return ("not found", [i for i, _n in exc.suggestions])
    return ("found", found.id, found.tier)


def test_the_labelled_set(base, capsys):
    """Every positive opens its card, no negative opens one, no ambiguous title opens a single card, and a lenient
    name opens one of its cards or suggests it."""
    wrong, missed = [], []
    for item in LABELLED["positives"]:
        result = outcome(base, item["name"])
        if result[0] == "found" and result[1] != item["id"]:
            wrong.append((item["name"], item["id"], result))
        elif result[0] != "found":
            missed.append((item["name"], item["id"], result))
    opened = [(item["name"], outcome(base, item["name"])) for item in LABELLED["negatives"]]
    opened = [(name, result) for name, result in opened if result[0] == "found"]
    single = [(item["name"], outcome(base, item["name"])) for item in LABELLED["ambiguous"]]
    single = [(name, result) for name, result in single if result[0] == "found"]
    lenient = []
    for item in LABELLED["lenient"]:
        result = outcome(base, item["name"])
        good = (result[1] in item["ids"]) if result[0] == "found" else bool(set(result[1]) & set(item["ids"]))
        if not good:
            lenient.append((item["name"], item["ids"], result))
    positives = len(LABELLED["positives"])
    opened_right = positives - len(wrong) - len(missed)
    cards_opened = opened_right + len(wrong) + len(opened) + len(single)
    with capsys.disabled():
        print(f"\n  noms étiquetés : {positives} positifs, {len(LABELLED['negatives'])} hors du champ, "
              f"{len(LABELLED['ambiguous'])} ambigus, {len(LABELLED['lenient'])} tolérés")
        print(f"  précision (fiches ouvertes qui sont les bonnes) : {opened_right / max(1, cards_opened):.1%} ; "
              f"rappel (positifs ouverts) : {opened_right / positives:.1%}")
    assert not wrong, wrong
    assert not missed, missed
    assert not opened, opened
    assert not single, single
    assert not lenient, lenient


def test_the_set_is_large_and_covers_every_role(base):
    assert len(LABELLED["positives"]) >= 150 and len(LABELLED["negatives"]) >= 40
    assert {item["id"] for item in LABELLED["positives"]} == set(base.role_ids())


# --- the tiers, one by one ---------------------------------------------------------------------------------------

def test_tier_1_the_id_itself(base):
    found = resolve("community-manager", base.role_names())
    assert (found.id, found.tier, found.says_how) == ("community-manager", 1, False)


def test_tier_2_titles_and_aliases_as_written(base):
    for name, expected in (("Chargée de communication", "charge-communication"), ("COMMUNITY-MANAGER", "community-manager"),
                           ("directrice artistique", "directeur-artistique"), ("CM", "community-manager")):
        found = resolve(name, base.role_names())
        assert (found.id, found.tier) == (expected, 2), name
    assert not resolve("Chargée de communication", base.role_names()).says_how
    assert resolve("CM", base.role_names()).says_how  # an alias: the person is told how it was read


@pytest.mark.parametrize("name", ["Chargé·e de communication", "Chargé(e) de communication", "chargé.e de communication",
                                  "Chargé / Chargée de communication", "Chargé / Chargée de communication H/F",
                                  "Chargés de communication", "Chargé de communication junior",
                                  "Stagiaire chargé de communication", "Alternance - Chargé·e de communication",
                                  "Chargée de communication (F/H) - CDI", "chargé de communication freelance"])
def test_tier_3_the_forms_people_write(base, name):
    found = resolve(name, base.role_names())
    assert found.id == "charge-communication" and found.tier in (2, 3), name


@pytest.mark.parametrize("name, expected", [
    ("Directeur/Directrice artistique", "directeur-artistique"), ("Directeur(trice) artistique", "directeur-artistique"),
    ("Médiaplanneur(euse)", "media-planneur"), ("communitymanager", "community-manager"),
    ("Community managers", "community-manager"), ("Responsable de la communication", "directeur-communication"),
    ("Responsable communication", "directeur-communication"), ("Designeuse graphique", "graphiste"),
])
def test_tier_3_more_forms(base, name, expected):
    assert resolve(name, base.role_names()).id == expected


def test_tier_4_names_of_rome_labels(base):
    found = resolve("Chef / Cheffe de projet Web", base.role_names())
    assert found.id == "chef-de-projet-digital"
    found = resolve("Administrateur / Administratrice de site internet", base.role_names())
    assert found.id == "webmaster" and found.tier in (3, 4)
    # every ROME name that is no title or alias resolves in tier 4, to the role that holds the fiche
    names = base.role_names()
    rome_only = [r for r in base.db.execute("SELECT role, name, exact, key FROM role_names WHERE tier = 4")
                 if not [x for x in names.exact(r[2]) if x.tier <= 2] and not [x for x in names.normalised(r[3])
                                                                               if x.tier <= 2]]
    assert rome_only
    for role, name, _exact, _key in rome_only:
        found = resolve(name, names)
        assert (found.id, found.tier) == (role, 4), name
    found = resolve("Chargé / Chargée des relations avec les influenceurs", base.role_names())
    assert found.id == "influence-manager"


def test_a_higher_tier_wins_over_a_lower_one(base):
    # « Community manager » is a title (tier 2) and the name of ROME E1101 (tier 4): one card, no ambiguity
    assert resolve("Community manager", base.role_names()).tier == 2


def test_tier_5_a_job_title_of_the_glossary_worn_by_several_roles():
    result = run("show", "responsable des contenus", "--data", MINI2)
    assert result.exit_code == 1 and "plusieurs métiers" in result.stderr
    assert "metiers glossary" in result.stderr


def test_tier_6_typos_say_how_the_name_was_read(base):
    found = resolve("comunity manger", base.role_names())
    assert found.id == "community-manager" and found.tier == 6 and found.says_how
    result = run("show", "comunity manger")
    assert result.exit_code == 0 and "compris comme Community manager (community-manager)" in result.stderr


# --- the examples people met ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("Chargé de réseaux sociaux", "community-manager"), ("Data analyst marketing", "web-analyst"),
    ("Marketing manager", "responsable-marketing"), ("Influence manager", "influence-manager"),
    ("Motion designer", "motion-designer"), ("Médiaplanneur(euse)", "media-planneur"),
])
def test_names_that_opened_somebody_else_s_card(base, name, expected):
    assert resolve(name, base.role_names()).id == expected


@pytest.mark.parametrize("name", ["Développeur web", "Directeur général", "professeur des écoles", "Journaliste",
                                  "Influenceur", "Chef de projet informatique", "Directeur financier", "Comptable",
                                  "Product owner", "Game designer"])
def test_jobs_outside_the_field_are_not_found(base, name):
    result = run("show", name)
    assert result.exit_code == 1 and "introuvable" in result.stderr and result.stdout == ""
    assert "metiers search" in result.stderr


@pytest.mark.parametrize("word", ["chargé", "responsable", "manager", "directeur", "chef"])
def test_a_rank_word_alone_never_makes_a_match(base, word):
    assert outcome(base, word)[0] != "found"


def test_the_field_s_most_common_title_is_not_ambiguous(base):
    for name in ("Chargé de communication", "Chargée de communication", "Chargé / Chargée de communication"):
        assert resolve(name, base.role_names()).id == "charge-communication"


def test_responsable_communication_and_its_long_form_agree(base):
    names = base.role_names()
    assert resolve("Responsable communication", names).id == resolve("Responsable de la communication", names).id


def test_a_director_is_not_the_manager_of_the_same_field(base):
    assert outcome(base, "Directeur SEO")[0] != "found"


def test_not_found_suggests_look_alikes_and_the_search(base):
    result = run("show", "grafiks")
    assert result.exit_code == 1
    assert "Vouliez-vous dire" in result.stderr and "graphiste" in result.stderr
    assert "metiers search" in result.stderr


# --- the normalisation itself ------------------------------------------------------------------------------------

def test_name_words_drop_inclusive_forms_contracts_and_articles():
    assert name_words("Chargé·e·s de communication (H/F) junior") == name_words("chargé de communication")
    assert name_words("Directeur(trice) de la création") == name_words("directrice création")
    assert name_words("UX/UI designer") != name_words("UX designer")  # two different words, kept
    assert name_key("Social Media Manager") == name_key("socialmediamanager")
    assert exact_key("E-mailing") == exact_key("emailing")


def test_rome_labels_give_each_title():
    assert rome_names("Chef / Cheffe de projet Web")[1:] == ["Chef de projet Web", "Cheffe de projet Web"]
    assert "Responsable des médias sociaux" in rome_names("Social media manager - Responsable des médias sociaux")
    assert rome_names("UX - UI Designer") == ["UX - UI Designer"]


def test_check_refuses_a_name_claimed_by_two_roles_in_any_tier(kb):
    from metiers_cli import names as naming

    owners: dict[str, str] = {}
    for role in kb.roles.values():
        for row in naming.role_rows(role, kb.rome):
            if row.tier == 1:
                continue
            assert owners.setdefault(row.exact, role.id) == role.id, row


@pytest.mark.parametrize("name", ["boulanger", "Cariste", "Serveur", "Médecin généraliste", "Architecte",
                                  "infirmière", "Mécanicien automobile", "Gestionnaire de paie", "Graphologue"])
def test_a_job_outside_the_field_gets_no_far_fetched_suggestion(name):
    """« Vouliez-vous dire » only for names that look like one of ours (a typo, the same stem), never for a word
    that merely shares letters with one (« cariste » / « artistique », « serveur » / « service »)."""
    result = run("show", name)
    assert result.exit_code == 1
    assert "Vouliez-vous dire" not in result.stderr and "metiers search" in result.stderr


@pytest.mark.parametrize(("typed", "expected"), [("grafiks", "graphiste"), ("comunity", "community-manager"),
                                                 ("directeur artisique", "directeur-artistique"),
                                                 ("redacter", "redacteur-web")])
def test_typos_too_far_to_open_a_card_are_suggested(base, typed, expected):
    from metiers_cli.names import suggest

    assert expected in [item for item, _name in suggest(typed, base.role_names())]
