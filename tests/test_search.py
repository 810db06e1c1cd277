"""Search = names + text: the role a query names comes first, then FTS5's ranking by field (search.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run
from metiers_cli.search import search
from metiers_cli.text import fold, word_spans


def ids(base, query, **kwargs):
    return [hit.id for hit in search(base, query, **kwargs)]


def test_every_name_show_understands_is_found_first(base):
    """Every title, feminine title and alias of the base, and forms of them people write, rank 1."""
    names = list(base.db.execute("SELECT role, name FROM role_names WHERE tier = 2"))
    assert len(names) > 300
    for role, name in names:
        variants = [name, name.lower(), name.upper(), f"{name} H/F", f"{name} junior"]
        for query in variants:
            assert ids(base, query, limit=1) == [role], query


@pytest.mark.parametrize("query, expected", [
    ("Médiaplanneur(euse)", "media-planneur"), ("Mediaplanneur", "media-planneur"),
    ("Communitymanager", "community-manager"), ("Chef / Cheffe de projet Web", "chef-de-projet-digital"),
    ("Social media manager - Responsable des médias sociaux", "social-media-manager"),
    ("Chargé·e de communication", "charge-communication"), ("comunity manger", "community-manager"),
])
def test_names_people_write_are_found_first(base, query, expected):
    assert ids(base, query, limit=1) == [expected]


def test_the_role_whose_job_is_the_query_ranks_first(base):
    assert ids(base, "référencement naturel")[0] == "seo-manager"
    assert "traffic-manager" in ids(base, "SEA", limit=3)
    assert "traffic-manager" in ids(base, "publicité sur les réseaux sociaux", limit=3)
    assert ids(base, "social media advertising")[0] == "traffic-manager"
    assert "crm-manager" in ids(base, "fidélisation client", limit=3)


def test_glossary_links_count_for_the_roles_whose_core_the_term_is(base):
    hits = search(base, "coût par clic", limit=5)
    assert hits[0].id == "traffic-manager"


def test_search_ignores_accents_and_case(base):
    assert ids(base, "REFERENCEMENT NATUREL", limit=3) == ids(base, "référencement naturel", limit=3)


def test_search_tolerates_typos(base):
    assert ids(base, "referencemnt naturel", limit=1) == ["seo-manager"]
    assert "graphiste" in ids(base, "logiciels de creation graphiqe", limit=5)


def test_plurals_and_singulars_meet(base):
    assert set(ids(base, "réseau social", limit=5)) & set(ids(base, "réseaux sociaux", limit=5))


def test_text_matches_say_where_and_highlight_the_word(base):
    hits = search(base, "négociation", limit=5)
    assert hits
    for hit in hits:
        assert hit.field in ("id", "title", "title_feminine", "alias", "summary", "mission", "skill", "term")
        assert hit.highlights, hit
        start, end = hit.highlights[0]
        assert fold(hit.snippet[start:end]).startswith("negoci")


def test_scores_are_best_first_and_within_0_and_100(base):
    for query in ("stratégie marque", "réseaux sociaux", "SEO", "budget", "communication interne"):
        scores = [hit.score for hit in search(base, query, limit=20)]
        assert scores == sorted(scores, reverse=True) and all(0 < s <= 100 for s in scores)


def test_filters_restrict_the_results(base):
    creation = {rid for rid, _t, family, _l in base.summaries() if family == "creation"}
    hits = search(base, "marque", allowed=creation, limit=50)
    assert hits and {h.id for h in hits} <= creation


def _ranked_by_hand(base, expression, allowed, limit):
    """What Base.full_text answers, computed the long way: every match joined to its role, sorted here."""
    from metiers_cli.search import COLUMNS, END, START, WEIGHTS

    highlights = ", ".join(f"highlight(role_text, {i}, '{START}', '{END}')" for i in range(len(COLUMNS)))
    rows = base.db.execute(f"SELECT roles.position, roles.id, roles.title, -bm25(role_text, "
                           f"{', '.join(map(str, WEIGHTS))}), {highlights} FROM role_text JOIN roles "
                           "ON roles.position = role_text.rowid WHERE role_text MATCH ?", (expression,)).fetchall()
    kept = sorted((r for r in rows if allowed is None or r[1] in allowed), key=lambda r: (-r[3], r[0]))
    return [(r[1], r[2], r[3], r[4:]) for r in kept[:limit]]


@pytest.mark.parametrize("expression", ['"strategie"', '("marque" OR "marque"*)', '"reseaux" AND "sociaux"',
                                        '("communication" OR "communication"*) OR "web"', '"digital"*',
                                        '"nothing-like-this"'])
def test_the_indexed_ranking_is_the_full_ranking_cut_short(base, expression):
    """full_text lets FTS5 rank alone and joins only the kept rows: the same rows, scores, ties (by position)
    and highlights as joining every match and sorting them all, with and without a filter."""
    from metiers_cli.search import WEIGHTS

    creation = {rid for rid, _t, family, _l in base.summaries() if family in ("creation", "conseil-strategie")}
    for allowed in (None, creation, set()):
        for limit in (1, 3, 10, 500):
            assert base.full_text(expression, allowed, limit, WEIGHTS) == _ranked_by_hand(base, expression,
                                                                                         allowed, limit)


@pytest.mark.parametrize("expression", ['("marque" OR "marque"*) OR "digital"*', '"c"* OR "m"* OR "s"*'])
def test_a_filter_keeps_some_of_what_the_search_found_without_searching_again(base, expression):
    """Keeping some roles filters the rows FTS5 found: the search is never run again for each role kept (which
    took 14 s for one family of a 30,000-role base). Counted in SQLite's own steps (a progress handler every
    10 virtual-machine instructions), not in time: keeping every role costs 1.5 times the unfiltered search,
    searching again for each of them 3 to 5 times."""
    from metiers_cli.search import WEIGHTS

    def steps(allowed) -> int:
        count = [0]

        def tick():
            count[0] += 1
            return 0

        base.db.set_progress_handler(tick, 10)
        try:
            base.full_text(expression, allowed, 10, WEIGHTS)
        finally:
            base.db.set_progress_handler(None, 10)
        return count[0]

    assert steps(set(base.role_ids())) < 2.5 * steps(None)


def test_limit_and_order_are_stable(base):
    everything = search(base, "stratégie", limit=40)
    for limit in (1, 5, 10):
        assert search(base, "stratégie", limit=limit) == everything[:limit]


def test_stopwords_alone_still_search(base):
    assert search(base, "de la", limit=3) is not None


def test_a_query_fts5_would_misread_is_just_words(base):
    for query in ('"', "NEAR(", "a OR", "*", "col:value", "^x", "(((", "AND"):
        assert isinstance(search(base, query, limit=3), list)


def test_search_json_is_a_ranked_list_with_the_interface_fields():
    data = run("search", "réseaux sociaux", "--json").json()
    assert data and all(set(hit) == {"id", "title", "score", "field", "snippet"} for hit in data)
    assert [h["score"] for h in data] == sorted((h["score"] for h in data), reverse=True)


def test_the_written_out_separators_are_those_folding_defines():
    from metiers_cli.text import _SEPARATORS, separators

    assert {c for c in map(chr, range(0x00A0, 0x2100)) if _SEPARATORS.fullmatch(c)} == set(separators())


def test_folding_ignores_case_accents_ligatures_and_punctuation():
    assert fold("Cœur de CIBLE — Référencement, e-mailing") == "coeur de cible referencement e mailing"


def test_word_spans_point_into_the_original_text():
    text = "Référencement : l'œil"
    for start, end, word in word_spans(text):
        assert fold(text[start:end]).split()[0] == word or word in fold(text[start:end]).split()


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_fast_folding_equals_the_definition(text):
    from metiers_cli.text import slow_fold

    assert fold(text) == slow_fold(text)
