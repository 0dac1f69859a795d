import pytest

from passerelles.classification.language import detect, fold, stem_en, stem_fr, words
from passerelles.classification.lexicon import parse, term_key, tokenise


def test_fold_removes_accents_case_and_ligatures():
    assert fold("Œuvre ÉCONOMIQUE à Dakar") == "oeuvre economique a dakar"


def test_detect_french_english_and_other_languages():
    french = words(fold("Les femmes de la coopérative vendent leur production sur le marché de la ville."))
    english = words(fold("The women of the cooperative sell their produce at the town market."))
    spanish = words(fold("Las mujeres de la cooperativa venden su producción en el mercado de la ciudad."))
    assert detect(french)[0] == "fr"
    assert detect(english)[0] == "en"
    assert detect(spanish)[0] == "other"
    assert detect(words(fold("microcrédit solaire")))[0] == ""


def test_stemmers_bring_inflected_forms_together():
    assert stem_fr("cooperatives") == stem_fr("cooperative") == stem_fr("cooperatif")
    assert stem_fr("cooperative") != stem_fr("cooperation")
    assert stem_en("cooperatives") == stem_en("cooperative") != stem_en("cooperation")
    assert stem_fr(fold("agricoles")) == stem_fr(fold("agricole"))
    assert stem_fr(fold("sociaux")) == stem_fr(fold("social"))
    assert stem_en("agricultural") == stem_en("agriculture")
    assert stem_en("policies") == stem_en("policy")
    assert stem_en("organization") == stem_en("organisation")
    assert stem_en("vaccination") == stem_en("vaccinate")


def test_stop_words_are_skipped_but_kept_inside_hyphenated_words():
    assert term_key("accès à l'eau potable", "fr") == term_key("accès eau potable", "fr")
    assert len(term_key("sous-alimentation", "fr")) == 2
    assert (
        term_key("sous\u2010alimentation", "fr")
        == term_key("sous\u2011alimentation", "fr")
        == term_key("sous-alimentation", "fr")
    )
    assert [token.stem for token in tokenise("the poor", "en")] == ["poor"]


def test_lexicon_lines_give_weights_and_acronyms():
    lexicon = parse(["3.3 en: malaria; ~health; =AIDS", "3 fr: paludisme"], "en")
    text = "Malaria, AIDS and aids to health."
    found = {
        (hit.entry.label, hit.entry.weight, hit.surface) for hit in lexicon.find(text, tokenise(text, "en"))
    }
    assert found == {("3.3", 1.0, "Malaria"), ("3.3", 1.0, "AIDS"), ("3.3", 0.5, "health")}


def test_a_word_as_written_is_not_matched_by_the_words_of_its_stem():
    assert stem_fr("tourisme") == stem_fr("tour")
    lexicon = parse(["tourisme_solidaire fr: ~^tourisme; ~^touristes"], "fr")
    text = "Le tourisme attire des Touristes ; chacun parle à son tour, puis tour de table."
    hits = lexicon.find(text, tokenise(text, "fr"))
    assert [(hit.surface, hit.entry.weight) for hit in hits] == [("tourisme", 0.5), ("Touristes", 0.5)]
    with pytest.raises(ValueError, match="single word"):
        parse(["8 fr: ^tourisme durable"], "fr")


def test_a_term_does_not_run_over_the_end_of_a_sentence():
    lexicon = parse(["5 fr: femmes cadres"], "fr")

    def found(text: str) -> list[str]:
        return [hit.surface for hit in lexicon.find(text, tokenise(text, "fr"))]

    assert found("Des femmes\ncadres dirigent la coopérative.") == ["femmes cadres"]
    assert found("Coopératives de femmes\n\nDans le cadre du projet") == []
    assert found("Elles sont femmes. Le cadre du projet change.") == []
    english = parse(["1.1 en: $1.90 a day"], "en")
    text = "People living on $1.90 a day."
    assert [hit.surface for hit in english.find(text, tokenise(text, "en"))] == ["1.90 a day"]


def test_a_shield_term_weighs_nothing_and_hides_the_terms_inside_it():
    lexicon = parse(["11 fr: ~urbain; !communauté urbaine"], "fr")
    text = "La communauté urbaine et le milieu urbain."
    hits = lexicon.find(text, tokenise(text, "fr"))
    assert [(hit.surface, hit.entry.weight) for hit in hits] == [("communauté urbaine", 0.0), ("urbain", 0.5)]


def test_a_longer_term_hides_the_shorter_terms_inside_it():
    lexicon = parse(["12.3 en: food waste", "2 en: ~food", "12 en: ~waste"], "en")
    text = "Food waste in canteens."
    assert [hit.entry.label for hit in lexicon.find(text, tokenise(text, "en"))] == ["12.3"]
