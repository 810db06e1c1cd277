"""Finding a role, a term or a structure by what people type, and ranked full-text search."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metiers_cli.search import Ambiguous, NotFound, role_names, search_index, term_names
from metiers_cli.text import compact, fold, word_spans

# What a student, a counsellor or a manager types, and the role they mean.
QUERIES = [
    ("traffic-manager", "traffic-manager"),             # the id itself
    ("Community manager", "community-manager"),         # the title
    ("community-manager", "community-manager"),
    ("COMMUNITY   MANAGER", "community-manager"),       # case and spacing
    ("comunity manger", "community-manager"),           # typos
    ("traffik manager", "traffic-manager"),
    ("dirtecteur artistique", "directeur-artistique"),
    ("graphist", "graphiste"),
    ("planeur strat", "planneur-strategique"),
    ("directrice artistique", "directeur-artistique"),  # feminine forms
    ("Cheffe de publicité", "chef-de-publicite"),
    ("media planneuse", "media-planneur"),
    ("rédactrice web", "redacteur-web"),
    ("art director", "directeur-artistique"),           # English titles
    ("copywriter", "concepteur-redacteur"),
    ("media planner", "media-planneur"),
    ("account manager", "chef-de-publicite"),
    ("Chief Creative Officer", "directeur-creation"),
    ("Chief Communications Officer", "directeur-communication"),
    ("CM", "community-manager"),                        # abbreviations
    ("SMM", "social-media-manager"),
    ("DA", "directeur-artistique"),
    ("dircom", "directeur-communication"),
    ("CCO", "directeur-communication"),
    ("seo", "seo-manager"),
    ("trafic manager", "traffic-manager"),              # spelling variants
    ("planner stratégique", "planneur-strategique"),
    ("chef de pub", "chef-de-publicite"),
    ("attachée de presse", "charge-relations-publiques"),
    ("référenceur", "seo-manager"),
    ("journaliste web", "redacteur-web"),
    ("e-commerce", "responsable-e-commerce"),
    ("Referenceur / Referenceuse web", "seo-manager"),  # a ROME label
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_role_is_found_from_what_people_type(kb, query, expected):
    assert role_names(kb).resolve(query).id == expected


def test_only_the_id_itself_counts_as_exact(kb):
    names = role_names(kb)
    assert names.resolve("traffic-manager").exact
    assert not names.resolve("Traffic manager").exact
    assert not names.resolve("CM").exact


@pytest.mark.parametrize(("query", "some_of"), [
    ("manager", {"community-manager", "seo-manager", "traffic-manager"}),
    ("directeur", {"directeur-artistique", "directeur-communication"}),
    ("planner", {"media-planneur", "planneur-strategique"}),
])
def test_generic_words_are_ambiguous_and_list_the_candidates(kb, query, some_of):
    with pytest.raises(Ambiguous) as caught:
        role_names(kb).resolve(query)
    ids = {item_id for item_id, _name in caught.value.candidates}
    assert some_of <= ids
    assert len(ids) <= 8


@pytest.mark.parametrize(("query", "suggested"), [("grafiks", "graphiste"),
                                                  ("comunauté animatrise", "community-manager")])
def test_unknown_name_suggests_look_alikes(kb, query, suggested):
    with pytest.raises(NotFound) as caught:
        role_names(kb).resolve(query)
    assert suggested in [i for i, _n in caught.value.suggestions]


@pytest.mark.parametrize("query", ["redaktor", "dam", "smmx"])
def test_abbreviations_are_never_matched_as_fragments(kb, query):
    try:
        found = role_names(kb).resolve(query).id
    except (NotFound, Ambiguous):
        found = None
    assert found not in {"directeur-artistique", "social-media-manager"}


def test_unrelated_word_suggests_nothing(kb):
    with pytest.raises(NotFound) as caught:
        role_names(kb).resolve("boulanger")
    assert caught.value.suggestions == []


def test_terms_are_found_by_acronym_expansion_and_alias(kb):
    terms = term_names(kb)
    assert terms.resolve("CPC").id == "cpc"
    assert terms.resolve("coût par clic").id == "cpc"
    assert terms.resolve("part des voix").id == "part-de-voix"
    assert terms.resolve("referencement naturel").id == "seo"


def test_folding_ignores_case_accents_ligatures_and_punctuation():
    assert fold("  Chargée de Relations-Publiques ") == "chargee de relations publiques"
    assert fold("Œuvre & cœur") == "oeuvre coeur"
    assert compact("e-mailing") == compact("E mailing") == "emailing"


def test_word_spans_point_into_the_original_text():
    text = "Réseaux sociaux, e-CRM"
    spans = word_spans(text)
    assert [w for _s, _e, w in spans] == ["reseaux", "sociaux", "e", "crm"]
    assert [text[s:e] for s, e, _w in spans] == ["Réseaux", "sociaux", "e", "CRM"]


# --- full-text search ------------------------------------------------------------------------------------

def test_a_title_ranks_first_and_above_text_matches(kb):
    hits = search_index(kb).search("traffic manager")
    assert hits[0].id == "traffic-manager"
    assert hits[0].field == "title"
    assert all(h.score <= hits[0].score for h in hits)


def test_search_ignores_accents_and_case(kb):
    index = search_index(kb)
    plain = [(h.id, h.score) for h in index.search("reseaux sociaux")]
    fancy = [(h.id, h.score) for h in index.search("RÉSEAUX  Sociaux")]
    assert plain == fancy
    assert {"social-media-manager", "community-manager"} <= {h.id for h in index.search("réseaux sociaux")[:3]}


def test_search_tolerates_typos(kb):
    exact = [h.id for h in search_index(kb).search("référencement")][:3]
    typo = [h.id for h in search_index(kb).search("referencemnt")][:3]
    assert "seo-manager" in exact
    assert typo == exact


def test_every_word_counts(kb):
    index = search_index(kb)
    both = index.search("négociation régies")
    assert both[0].id in {"acheteur-media", "directeur-media"}


def test_text_matches_say_where_and_highlight_the_word(kb):
    hit = next(h for h in search_index(kb).search("slogan") if h.id == "concepteur-redacteur")
    assert hit.field in {"summary", "mission", "skill"}
    start, end = hit.highlights[0]
    assert fold(hit.snippet[start:end]).startswith("slogan")


def test_filters_restrict_the_results(kb):
    hits = search_index(kb).search("stratégie", allowed={"directeur-marketing", "graphiste"})
    assert {h.id for h in hits} <= {"directeur-marketing", "graphiste"}
    assert hits


def test_limit_and_order_are_stable(kb):
    index = search_index(kb)
    first = index.search("marque", limit=5)
    assert len(first) == 5
    assert first == index.search("marque")[:5]


def test_stopwords_alone_still_search(kb):
    assert search_index(kb).search("de la") == search_index(kb).search("de la", exhaustive=True)


# The index must rank exactly as reading every text would (issue: same ranking with any speed-up).
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_index_ranks_exactly_like_a_full_scan(kb, data):
    index = search_index(kb)
    vocabulary = index.vocabulary
    word = st.sampled_from(vocabulary).flatmap(
        lambda w: st.sampled_from([w, w[:-1], w[1:], w + "s", w[:3], w[:2] + w[3:], w.upper()]))
    words = data.draw(st.lists(word, min_size=1, max_size=3))
    query = " ".join(w for w in words if w) or "a"
    assert index.search(query) == index.search(query, exhaustive=True)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """300 generated roles: heavy overlap between texts, so thousands of ties test the tiers and the pruning."""
    import sys

    import yaml

    from metiers_cli.kb import load

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "bench"))
    from synth import generate

    path = tmp_path_factory.mktemp("synth") / "synth.yaml"
    path.write_text(yaml.safe_dump(generate(300), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load(path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_index_ranks_like_a_full_scan_with_many_ties(synthetic, data):
    index = search_index(synthetic)
    word = st.sampled_from(index.vocabulary).flatmap(lambda w: st.sampled_from([w, w[:-1], w + "s", w[:4]]))
    query = " ".join(data.draw(st.lists(word, min_size=1, max_size=3)))
    limit = data.draw(st.sampled_from([1, 3, 10, None]))
    allowed = data.draw(st.sampled_from([None, set(list(synthetic.roles)[:150])]))
    assert index.search(query, allowed=allowed, limit=limit) == \
        index.search(query, allowed=allowed, limit=limit, exhaustive=True)


def naive_ranking(index, query):
    """The scoring rules applied role by role, text by text, with no index, tier or pruning."""
    from metiers_cli.search import FIELD_ORDER, MAX_WORDS, MIN_SCORE, NAME_FIELDS, STOPWORDS, TEXT_FIELDS, \
        final_score, name_score, text_score, word_score

    words = list(dict.fromkeys(fold(query).split()))
    words = ([w for w in words if w not in STOPWORDS] or words)[:MAX_WORDS]
    count, ranked = len(words), []
    for role in range(len(index.first_doc) - 1):
        best, field_best, cover = (-1.0, 99), {f: [0.0] * count for f in TEXT_FIELDS}, [0.0] * count
        for doc in range(index.first_doc[role], index.first_doc[role + 1]):
            field = FIELD_ORDER[index.doc_field[doc]]
            doc_words = fold(index.text_of(doc)).split()
            scores = [max((word_score(q, w) for w in doc_words), default=0.0) for q in words]
            cover = [max(a, b) for a, b in zip(cover, scores)]
            if field in NAME_FIELDS and any(scores):
                score = name_score(index.doc_field[doc], sum(scores), count, len(doc_words))
                if (score, -index.doc_field[doc]) > (best[0], -best[1]):
                    best = (score, index.doc_field[doc])
            elif field in TEXT_FIELDS:
                field_best[field] = [max(a, b) for a, b in zip(field_best[field], scores)]
        for field in TEXT_FIELDS:
            score = text_score(field, sum(field_best[field]), count)
            if score > best[0]:
                best = (score, FIELD_ORDER.index(field))
        if best[0] < MIN_SCORE:
            continue
        final = final_score(best[0], sum(cover), count)
        if final >= MIN_SCORE:
            ranked.append((-final, best[1], index.sort_titles[role], index.role_ids[role]))
    return [(rid, -negative, FIELD_ORDER[code]) for negative, code, _t, rid in sorted(ranked)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_ranking_follows_the_scoring_rules_exactly(synthetic, data):
    index = search_index(synthetic)
    word = st.sampled_from(index.vocabulary).flatmap(lambda w: st.sampled_from([w, w[:-1], w + "s"]))
    query = " ".join(data.draw(st.lists(word, min_size=1, max_size=6)))  # long queries: summed per role
    everything = index.search(query)
    assert [(h.id, h.score, h.field) for h in everything] == naive_ranking(index, query)
    for limit in (1, 5, 10):
        assert index.search(query, limit=limit) == everything[:limit]


def test_the_written_out_separators_are_those_folding_defines():
    from metiers_cli.text import _SEPARATORS, separators

    assert {c for c in map(chr, range(0x00A0, 0x2100)) if _SEPARATORS.fullmatch(c)} == set(separators())


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_fast_folding_equals_the_definition(text):
    from metiers_cli.text import slow_fold

    assert fold(text) == slow_fold(text)
