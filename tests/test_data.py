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
NEW_ROLES = """influence-manager crm-manager brand-content-manager growth-marketer web-analyst motion-designer
chief-digital-officer webmaster directeur-editorial responsable-marketing attache-de-presse
responsable-trafic-creation""".split()
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
    assert set(REQUIRED_ROLES + NEW_ROLES) <= set(kb.roles)


@pytest.mark.parametrize("role_id", REQUIRED_ROLES + NEW_ROLES)
def test_required_role_is_filled_in(kb, role_id):
    role = kb.roles[role_id]
    assert role.title and role.title_feminine
    assert role.aliases, "every role has other names a user may type"
    assert role.family in kb.families
    assert role.level in ("operationnel", "encadrement", "direction")
    assert len(role.summary) >= 80
    assert 2 <= len(SENTENCE_END.findall(role.summary)) <= 4, role.summary
    assert len(role.missions) >= (5 if role_id in NEW_ROLES else 3)
    assert role.distinctions
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
    ("Dircom", "directeur-communication"),
    ("Chief Communications Officer", "directeur-communication"), ("Chief Creative Officer", "directeur-creation"),
    ("Copywriter", "concepteur-redacteur"), ("Art director", "directeur-artistique"),
    ("Media planner", "media-planneur"), ("Account manager", "chef-de-publicite"),
    ("Trafic manager", "traffic-manager"), ("Planner stratégique", "planneur-strategique"),
    ("Responsable communication digitale", "responsable-communication-online"),
    ("UI designer", "webdesigner"), ("CRM manager", "crm-manager"), ("Growth manager", "growth-marketer"),
    ("Brand content manager", "brand-content-manager"), ("Marketing manager", "responsable-marketing"),
    ("Attaché de presse", "attache-de-presse"), ("Influence manager", "influence-manager"),
    ("Chargé de réseaux sociaux", "community-manager"),
])
def test_usual_aliases_belong_to_the_right_role(kb, alias, owner):
    assert alias in kb.roles[owner].names


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
        details = [ref.detail for ref in role.skills.all() if ref.detail]
        texts = [role.summary, *role.missions, *details, *role.education]
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


def _lines(kb):
    return orgchart.reporting_lines(kb.structures.values())


def test_reporting_lines_follow_the_sources(kb):
    main = {(line.structure, line.report): line.manager for line in _lines(kb) if not line.alternative}
    assert main[("agence", "chef-de-publicite")] == "directeur-clientele"
    assert main[("annonceur", "community-manager")] == "social-media-manager"
    assert main[("annonceur", "social-media-manager")] == "digital-manager"
    assert main[("agence", "concepteur-redacteur")] == "directeur-creation"


SOURCE_001 = "apec-responsable-communication-online"
SOURCE_002 = "article-au-dessus-du-community-manager"
SOURCE_004 = "article-metiers-marketing-digital"


@pytest.mark.parametrize(("manager", "report", "source"), [
    # 002: the levels that may supervise a community manager
    ("responsable-strategie-web", "community-manager", SOURCE_002),
    ("traffic-manager", "community-manager", SOURCE_002),
    ("directeur-communication", "community-manager", SOURCE_002),
    ("social-media-manager", "community-manager", SOURCE_002),
    # 001: the online communication manager recruits and manages web journalists, community managers, graphic designers
    ("responsable-communication-online", "community-manager", SOURCE_001),
    ("responsable-communication-online", "redacteur-web", SOURCE_001),
    ("responsable-communication-online", "graphiste", SOURCE_001),
    # 004: the digital manager supervises the community manager and the social media manager; the latter the CMs
    ("digital-manager", "community-manager", SOURCE_004),
    ("digital-manager", "social-media-manager", SOURCE_004),
    ("social-media-manager", "community-manager", SOURCE_004),
])
def test_every_line_a_source_states_is_in_the_charts_with_its_source(kb, manager, report, source):
    from conftest import run

    lines = [line for line in _lines(kb) if (line.manager, line.report) == (manager, report)]
    assert any(source in line.sources for line in lines), lines
    tree = run("tree", report, "--json").json()
    cited = [s for place in tree["structures"] if place["above"] and place["above"][-1] == manager
             for s in place.get("line", {}).get("sources", [])]
    cited += [s for place in tree["structures"] for alt in place["alternatives"] if alt["manager"] == manager
              for s in alt["sources"]]
    assert source in cited, tree
    shown = run("show", report, "--json").json()
    assert manager in shown["reports_to"]
    assert any(line["manager"] == manager and source in line["sources"]
               for entry in shown["reporting"].values() for line in entry["lines"])


def test_every_line_of_the_shipped_charts_says_what_it_rests_on(kb):
    def walk(nodes, under_role: bool):
        for node in nodes:
            if node.role is not None and under_role:
                assert node.sources or node.editorial, (node.role, node)
            walk(node.children, under_role or node.role is not None)

    for structure in kb.structures.values():
        walk(structure.chart, False)


def test_the_community_manager_s_possible_supervisors_in_the_tree():
    from conftest import run

    tree = run("tree", "community-manager", "--json").json()
    managers = {place["above"][-1] for place in tree["structures"] if place["above"]}
    managers |= {alt["manager"] for place in tree["structures"] for alt in place["alternatives"]}
    assert {"responsable-strategie-web", "traffic-manager", "directeur-communication", "social-media-manager",
            "digital-manager", "responsable-communication-online"} <= managers
    assert "ou Community manager" in run("tree", "annonceur").stdout


def test_every_role_sits_in_a_chart(kb):
    structures = kb.structures.values()
    placed = {p.role for p in orgchart.placements(structures)} | {c.covered for c in orgchart.covered(structures)}
    assert set(kb.roles) <= placed


# --- knowledge base v2: the fixes of the review ------------------------------------------------------------------

def test_misleading_aliases_and_codes_are_gone(kb):
    roles = kb.roles
    assert "E1112" not in roles["charge-communication-interne"].rome
    assert "E1112" in roles["charge-communication"].rome
    assert "M1434" not in roles["responsable-acquisition"].rome
    assert "Directeur conseil" not in roles["directeur-clientele"].aliases
    assert "Product manager" not in roles["chef-de-produit"].aliases
    assert "UI designer" not in roles["ux-designer"].aliases and "UI designer" in roles["webdesigner"].aliases
    assert "Responsable du trafic" not in roles["traffic-manager"].aliases
    assert "Responsable communication interne" not in roles["charge-communication-interne"].aliases
    assert "Responsable des relations publiques" not in roles["charge-relations-publiques"].aliases
    assert not any(alias == "CCO" for role in roles.values() for alias in role.aliases)
    assert "Responsable marketing" not in roles["directeur-marketing"].aliases
    assert "M1705" in roles["responsable-marketing"].rome


def test_the_glossary_keeps_distinct_notions_apart(kb):
    glossary = kb.glossary
    assert {"crm", "e-crm", "e-mailing", "newsletter", "charte-editoriale", "ligne-editoriale",
            "relations-publiques", "relations-presse"} <= set(glossary)
    assert "RP" in glossary["relations-publiques"].aliases and "RP" not in glossary["relations-presse"].aliases
    assert "e-mailing" not in [a.lower() for a in glossary["newsletter"].aliases]
    assert "charte éditoriale" not in [a.lower() for a in glossary["ligne-editoriale"].aliases]
    assert not {"CRM", "GRC"} & set(glossary["e-crm"].aliases)
    assert set(glossary["cco"].title_of) == {"directeur-communication", "directeur-creation"}


def test_the_salary_says_what_the_source_says_and_its_year():
    from conftest import run

    out = " ".join(run("show", "responsable-communication-online").stdout.split())
    assert "45 k€ à 65 k€ (cadre confirmé, Apec" in out and "2017)" in out
    assert run("show", "responsable-communication-online", "--json").json()["salary"]["year"] == "2017"


def test_every_role_points_to_the_skills_vocabulary(kb):
    assert kb.version == 2
    used = {ref.skill for role in kb.roles.values() for ref in role.skills.all()}
    assert used == set(kb.skills)


def test_neighbouring_jobs_really_share_skills(kb):
    """Most roles share at least three skills with their nearest neighbour."""
    sets = {r.id: {ref.skill for ref in r.skills.all()} for r in kb.roles.values()}
    nearest = {rid: max(len(skills & other) for oid, other in sets.items() if oid != rid)
               for rid, skills in sets.items()}
    assert sum(count >= 3 for count in nearest.values()) >= 0.8 * len(nearest), nearest


def test_the_advice_of_the_sources_is_data(kb):
    assert kb.advice and all(a.sources == ("opteam-organiser-service-marketing",) for a in kb.advice)
    assert any(set(a.likes) == {"parler"} and set(a.avoids) == {"rediger"} for a in kb.advice)


FRENCH = [
    (re.compile(r"middle[- ]management", re.I), "encadrement intermédiaire"),
    (re.compile(r"business units?", re.I), "division ou filiale"),
    (re.compile(r"\bposts\b", re.I), "publications"),
    (re.compile(r"\bbac ?\+ ?\d", re.I), "bac + 2"),
]


def test_the_french_of_the_base(kb):
    prose = []
    for role in kb.roles.values():
        prose += [role.summary, *role.missions, *role.education, *role.recruiters, *(d.text for d in role.distinctions)]
        prose += [ref.detail for ref in role.skills.all() if ref.detail]
    prose += [t.definition for t in kb.glossary.values()] + [s.description or "" for s in kb.structures.values()]
    for text in prose:
        for pattern, better in FRENCH:
            for found in pattern.finditer(text):
                assert better == "bac + 2" and found.group().lower().startswith("bac + "), (text, better)
    spellings = {m.group().lower() for text in prose for m in re.finditer(r"\be-?mailing\b(?! manager)", text, re.I)}
    assert spellings <= {"e-mailing"}, spellings


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
    for code, (label, _note) in kb.rome.items():
        assert codes.get(code) == label
    assert all(code in codes for r in kb.roles.values() for code in r.rome)


def test_the_base_is_written_in_its_own_words():
    tool = SHARED / "tools" / "copycheck"
    if not tool.is_file() or not shutil.which("python3"):
        pytest.skip("copycheck lives outside this repository")
    files = sorted(str(p) for p in (REPO / "data").rglob("*") if p.suffix in (".yaml", ".yml", ".md", ".txt"))
    result = subprocess.run(["python3", str(tool), *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
