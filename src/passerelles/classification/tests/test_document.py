"""Tests of the SSE evidence rules, the frame words of the field and classify_document; texts written here."""

import pytest

from passerelles.classification.lexicon import load, term_key, tokenise
from passerelles.classification.pipeline import (
    DetectLanguage,
    Doc,
    Normalise,
    TagSdgs,
    classify,
    classify_document,
    paragraphs,
)


def test_the_frame_words_of_decentralised_cooperation_carry_no_label_alone():
    # Every text of the field speaks of cooperation, partnerships and communes: no stem of
    # these words may be a specific term of any lexicon ("coopérateurs" once met "coopération").
    for word in ("coopération", "coopérations", "partenariat", "commune", "communes", "collectivité"):
        key = term_key(word, "fr")
        for name in ("sdgs", "themes", "ess"):
            assert all(entry.weight < 1 for entry in load(name, "fr").index.get(key, [])), (word, name)


def test_everyday_words_that_stem_like_a_specific_term_carry_no_goal():
    # The French stemmer makes "porte" (carries) a port, "central" a power plant and the
    # "valorisation" of local produce a recycling of waste.
    for sentence in (
        "L'association porte un projet avec la commune.",
        "Les villages du plateau Central.",
        "La valorisation des produits du terroir.",
    ):
        assert classify(sentence).sdgs == [], sentence
    assert 9 in classify("Le port maritime et les infrastructures portuaires de la ville.").sdgs
    assert 7 in classify("Une centrale solaire alimente le réseau électrique.").sdgs


@pytest.mark.parametrize(
    ("language", "sentence", "label"),
    [
        ("fr", "Il rend compte au maire du programme.", "2"),  # "rendements"
        ("fr", "Les élèves de l'école du village.", "agriculture_alimentation"),  # "éleveurs"
        ("fr", "Les éleveurs du village.", "education_jeunesse"),  # "élèves"
        ("fr", "La couverture du toit.", "creation_activite"),  # "couveuses"
        ("fr", "Les cultures de mil et de sorgho.", "culture_patrimoine"),  # "culture"
        ("fr", "Sécuriser les financements.", "16"),  # "sécurité"
        ("fr", "Les pays du Pacifique, du Pacifique Sud et de l'océan Pacifique.", "16"),  # "pacifique"
        ("en", "They build trust with the town.", "habitat_urbanisme"),  # "buildings"
        ("en", "They secure funding.", "16"),  # "security"
        ("en", "Minor changes were made.", "10"),  # "minorities"
        ("en", "A warm welcome.", "environnement_climat"),  # "warming"
        ("en", "The engine of the boat.", "9"),  # "engineering"
        ("en", "Mobile money for traders.", "11.2"),  # "mobility"
        ("fr", "Le fonds alimente la ligne budgétaire.", "2"),  # "aliments"
        ("fr", "Le fonds alimente la ligne budgétaire.", "numerique"),  # "en ligne"
        (
            "fr",
            "Les visites et le voyage d'étude des élus.",
            "tourisme_solidaire",
        ),  # "visiteurs", "voyageurs"
        ("fr", "La réalisation des travaux a été concertée.", "egalite_femmes_hommes"),  # "réalisatrices"
        ("fr", "La réalisation des travaux a été concertée.", "culture_patrimoine"),  # "concerts"
        ("en", "Tailored support through the web portal.", "9.1"),  # "ports"
        ("en", "Tailored support through the web portal.", "artisanat"),  # "tailoring"
        ("en", "The process works well.", "eau_assainissement"),  # "wells"
        ("en", "The process works well.", "agriculture_alimentation"),  # "processing"
    ],
)
def test_words_that_share_a_stem_with_a_term_written_as_a_word_are_no_clue(language, sentence, label):
    tokens = tokenise(sentence, language)
    labels = {
        hit.entry.label for name in ("sdgs", "themes") for hit in load(name, language).find(sentence, tokens)
    }
    assert label not in labels


def test_cooperation_is_not_a_cooperative():
    labels = classify("La coopération décentralisée entre les deux communes date de 2005.")
    assert not labels.ess_dimension
    assert classify("La coopérative des maraîchères vend ses légumes au marché.").ess_dimension


def test_an_association_counts_fully_when_it_acts_and_half_when_it_is_only_named():
    acting = classify("L'association locale gère le centre de compostage du quartier.")
    assert acting.ess_dimension and "association" in acting.evidence["ess"]
    named = classify("La réunion a eu lieu dans la salle de l'association.")
    assert not named.ess_dimension and named.ess_score > 0


def test_mentions_of_the_sse_as_a_field_count_once():
    labels = classify("L'économie sociale et solidaire (ESS) est un secteur reconnu par la loi.")
    assert labels.ess_dimension  # the SSE named is still one clue of weight 1
    assert labels.ess_score == classify("L'économie sociale et solidaire est reconnue.").ess_score


def test_a_general_term_repeated_three_times_is_the_topic():
    text = (
        "Women run the market. Women keep the accounts of the shop, "
        "and women decide together how the surplus is spent."
    )
    assert 5 in classify(text).sdgs
    # The lexicon alone: the meaning step may still give goal 5 to a text about women at work.
    once = TagSdgs()(Normalise()(DetectLanguage()(Doc("Women run the market stall on Sundays."))))
    assert 5 not in once.labels.sdgs and once.goal_scores["5"][0] == 0.5


def test_paragraphs_join_short_headings_to_the_next_paragraph():
    text = "Titre\n\n" + "Un paragraphe assez long. " * 10 + "\n\n" + "Un autre paragraphe long. " * 10
    parts = paragraphs(text)
    # The heading stays a paragraph of its own inside the part: no term runs from it into the text.
    assert len(parts) == 2 and parts[0].startswith("Titre\n\nUn paragraphe")


def test_classify_document_keeps_labels_with_support_or_strong_evidence():
    water = (
        "Le syndicat des eaux construit des forages et des latrines pour l'accès à l'eau potable "
        "et à l'assainissement des villages ; les comités de gestion de l'eau sont formés. "
    )
    fiche = "\n\n".join(
        [
            water * 2,
            "Les bornes-fontaines et le réseau d'eau potable sont gérés par une coopérative d'usagers. " * 3,
            "Le bilan est présenté chaque année aux partenaires lors d'une réunion à la mairie, "
            "en présence d'une école voisine qui prête sa salle pour la rencontre annuelle des élus.",
        ]
    )
    labels = classify_document(fiche)
    assert 6 in labels.sdgs and "eau_assainissement" in labels.themes
    assert 4 not in labels.sdgs  # one passing mention of a school in one paragraph
    assert labels.ess_dimension and labels.evidence["sdg:6"]
    assert labels.language == "fr"


def test_classify_document_of_one_paragraph_is_classify():
    text = "Le projet construit des forages et des latrines pour l'accès à l'eau potable."
    assert classify_document(text) == classify(text)
