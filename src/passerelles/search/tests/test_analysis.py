"""Query parsing: folding, stems, synonyms, corrections, and nothing but stems reaching an engine."""

import re

from passerelles.search.analysis import MAX_QUERY_CHARS, index_terms, parse


def test_accents_and_case_fold_to_the_same_terms():
    assert index_terms("ÉCONOMIE Sociale") == index_terms("economie sociale")


def test_french_and_english_plurals_share_a_stem():
    assert set(index_terms("coopératives")) and index_terms("coopératives") == index_terms("coopérative")
    assert set(index_terms("cooperatives").split()) & set(index_terms("coopération").split())


def test_synonyms_become_alternatives_of_one_group():
    query = parse("ESS Dakar ")
    assert [g.source for g in query.groups] == ["ess", "dakar"]
    alternatives = [" ".join(w.text for w in alt) for alt in query.groups[0].alternatives]
    assert "economie sociale solidaire" in alternatives and "social solidarity economy" in alternatives


def test_a_correction_is_searched_beside_the_word_as_typed():
    query = parse("compstage ", correct=lambda word: "compostage" if word == "compstage" else None)
    assert query.corrections == {"compstage": "compostage"}
    assert {"compstag", "compostag"} <= query.stems


def test_the_word_being_typed_is_a_prefix():
    assert parse("assainis").groups[0].alternatives[0][0].prefix
    assert not parse("assainis ").groups[0].alternatives[0][0].prefix


def test_a_whole_word_of_the_index_typed_last_is_not_a_prefix():
    vocabulary = {"assainissement"}.__contains__
    assert not parse("assainissement", known=vocabulary).groups[0].alternatives[0][0].prefix
    assert parse("assainis", known=vocabulary).groups[0].alternatives[0][0].prefix


def test_operators_of_the_engines_never_survive_parsing():
    query = parse('"eau" NEAR(a b) * -- ; OR AND NOT col:x \' & | ! :* ( ) ^ {terms}')
    for stem in query.stems:
        assert re.fullmatch(r"\w+", stem), stem


def test_a_long_query_is_cut():
    query = parse("eau " * 2_500)
    assert query.truncated and len(query.text) == MAX_QUERY_CHARS
