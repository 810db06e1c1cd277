"""The shipped knowledge base meets the project's bar: complete, sourced, in its own words, no invented figure."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from metiers_cli import orgchart
from metiers_cli.kb import default_path
from metiers_cli.text import fold

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

REQUIRED_ROLES = """chef-de-publicite directeur-clientele directeur-artistique directeur-creation concepteur-redacteur
media-planneur planneur-strategique graphiste traffic-manager community-manager social-media-manager digital-manager
digital-content-manager digital-marketing-specialist responsable-communication-online responsable-strategie-web
seo-manager redacteur-web responsable-acquisition responsable-marketing-digital mobile-marketing-manager
emailing-manager ux-designer charge-marketing-evenementiel charge-relations-publiques charge-communication
charge-communication-interne directeur-communication""".split()
SOURCE_IDS = ["notes-agence-communication", "apec-responsable-communication-online",
              "article-au-dessus-du-community-manager", "opteam-organiser-service-marketing",
              "article-metiers-marketing-digital"]
REQUIRED_TERMS = ["seo", "sea", "sem", "sma", "display", "affiliation", "landing-page", "lead", "kpi", "cpc", "cpm",
                  "push", "pull", "inbound-marketing", "one-to-one", "one-to-many", "part-de-voix", "annonceur",
                  "brief", "e-crm", "persona", "ligne-editoriale", "plan-media", "campagne-360"]
SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")


def test_the_base_is_shipped_inside_the_package_or_the_checkout():
    assert default_path().is_file()


def test_sources_are_the_five_documents(kb):
    assert list(kb.sources) == SOURCE_IDS
    assert all(s.title and s.publisher for s in kb.sources.values())
    assert kb.sources["apec-responsable-communication-online"].date == "2017-09-13"


def test_every_required_role_is_there(kb):
    assert set(REQUIRED_ROLES) <= set(kb.roles)


@pytest.mark.parametrize("role_id", REQUIRED_ROLES)
def test_required_role_is_filled_in(kb, role_id):
    role = kb.roles[role_id]
    assert role.title and role.title_feminine
    assert role.aliases, "every role has other names a user may type"
    assert role.family in kb.families
    assert role.level in ("operationnel", "encadrement", "direction")
    assert len(role.summary) >= 80
    assert 2 <= len(SENTENCE_END.findall(role.summary)) <= 4, role.summary
    assert len(role.missions) >= 3
    assert role.skills.savoir_faire and role.skills.savoir_etre
    assert role.channels
    assert role.works_with or role.comes_from or role.evolves_to
    assert role.education and role.recruiters
    assert role.aptitudes and role.riasec


def test_feminine_forms_are_real_feminines_where_french_has_one(kb):
    assert kb.roles["directeur-artistique"].title_feminine == "Directrice artistique"
    assert kb.roles["chef-de-publicite"].title_feminine == "Cheffe de publicité"
    assert kb.roles["concepteur-redacteur"].title_feminine == "Conceptrice-rédactrice"


@pytest.mark.parametrize(("alias", "owner"), [
    ("CM", "community-manager"), ("SMM", "social-media-manager"), ("DA", "directeur-artistique"),
    ("Dircom", "directeur-communication"), ("CCO", "directeur-communication"),
    ("Chief Communications Officer", "directeur-communication"), ("Chief Creative Officer", "directeur-creation"),
    ("Copywriter", "concepteur-redacteur"), ("Art director", "directeur-artistique"),
    ("Media planner", "media-planneur"), ("Account manager", "chef-de-publicite"),
    ("Trafic manager", "traffic-manager"), ("Planner stratégique", "planneur-strategique"),
    ("Responsable communication digitale", "responsable-communication-online"),
])
def test_usual_aliases_belong_to_the_right_role(kb, alias, owner):
    assert alias in kb.roles[owner].aliases


def test_figures_appear_only_where_a_source_gives_them(kb):
    with_salary = [r.id for r in kb.roles.values() if r.salary]
    with_experience = [r.id for r in kb.roles.values() if r.experience]
    assert with_salary == with_experience == ["responsable-communication-online"]
    role = kb.roles["responsable-communication-online"]
    assert (role.salary.min, role.salary.max, role.salary.currency) == (45000, 65000, "EUR")
    assert role.salary.source == role.experience.source == "apec-responsable-communication-online"
    assert role.experience.min_years == 5


def test_no_invented_figures_in_the_texts(kb):
    """Money and durations in prose only on the card whose source gives them."""
    money = re.compile(r"\d[\d\s]*(?:k€|€|euros?)|\d+\s*(?:ans|années)\b", re.IGNORECASE)
    for role in kb.roles.values():
        texts = [role.summary, *role.missions, *role.skills.savoir_faire, *role.education]
        found = [m.group() for t in texts for m in money.finditer(t)]
        assert not found or role.id == "responsable-communication-online", (role.id, found)


def test_editorial_cards_say_so(kb):
    editorial = [r for r in kb.roles.values() if not r.sources]
    assert editorial, "some roles rest on domain knowledge only"
    assert all(r.editorial for r in editorial)


@pytest.mark.parametrize("field", ["comes_from", "evolves_to", "riasec", "aptitudes"])
def test_judgment_fields_are_marked_editorial(kb, field):
    """No source gives career moves (the Apec card's P-1/P+1 are empty) nor interest profiles."""
    unmarked = [r.id for r in kb.roles.values() if getattr(r, field) and field not in r.editorial]
    assert unmarked == []


def test_glossary_has_the_jargon_of_the_sources(kb):
    assert len(kb.glossary) >= 30
    assert set(REQUIRED_TERMS) <= set(kb.glossary)
    assert all(t.roles for t in kb.glossary.values())
    assert all(1 <= len(SENTENCE_END.findall(t.definition)) <= 3 for t in kb.glossary.values())


def test_the_cost_per_click_mistake_is_corrected(kb):
    cpc = kb.glossary["cpc"]
    assert "CPM" in cpc.note and "article-au-dessus-du-community-manager" in cpc.sources
    assert "mille" in fold(kb.glossary["cpm"].definition)
    assert "CPM" in kb.sources["article-au-dessus-du-community-manager"].note


def test_structures_and_their_charts(kb):
    assert {"agence", "annonceur", "pme"} <= set(kb.structures)
    poles = [n.label for n in kb.structures["agence"].chart]
    for pole in ("conseil", "création", "médias", "planning stratégique", "digital"):
        assert any(pole in fold(p) or fold(pole) in fold(p) for p in poles), pole
    pme_covers = [n for n in _nodes(kb.structures["pme"].chart) if n.covers]
    assert pme_covers, "in an SME one person wears several hats, and the chart says which"
    assert "digital-manager" in next(n.covers for n in pme_covers if n.role == "community-manager")


def test_reporting_lines_follow_the_sources(kb):
    assert orgchart.reporting(kb, "chef-de-publicite")["agence"]["reports_to"] == ["directeur-clientele"]
    assert orgchart.reporting(kb, "community-manager")["annonceur"]["reports_to"] == ["social-media-manager"]
    assert orgchart.reporting(kb, "social-media-manager")["annonceur"]["reports_to"] == ["digital-manager"]
    assert "concepteur-redacteur" in orgchart.manages(kb, "directeur-creation")


def test_every_required_role_sits_in_a_chart(kb):
    placed = orgchart.placements(kb)
    assert [r for r in REQUIRED_ROLES if r not in placed] == []


def _nodes(nodes):
    for node in nodes:
        yield node
        yield from _nodes(node.children)


def test_rome_codes_exist_in_the_reference(kb):
    reference = SHARED / "reference" / "rome4-communication-marketing.tsv"
    if not reference.is_file():
        pytest.skip("the ROME reference file lives outside this repository")
    codes = {}
    for line in reference.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, label = line.split("\t")
            codes[code] = label
    for code, label in kb.rome.items():
        assert codes.get(code) == label
    assert all(code in codes for r in kb.roles.values() for code in r.rome)


def test_the_base_is_written_in_its_own_words():
    tool = SHARED / "tools" / "copycheck"
    if not tool.is_file() or not shutil.which("python3"):
        pytest.skip("copycheck lives outside this repository")
    files = sorted(str(p) for p in (REPO / "data").rglob("*") if p.suffix in (".yaml", ".yml", ".md", ".txt"))
    result = subprocess.run(["python3", str(tool), *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
