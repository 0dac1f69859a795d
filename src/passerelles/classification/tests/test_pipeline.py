import pytest
from django.utils import translation

from passerelles.classification.pipeline import (
    MAX_CHARS,
    STEPS,
    DetectEss,
    DetectLanguage,
    Doc,
    Labels,
    Normalise,
    TagSdgs,
    TagThemes,
    classify,
    classify_many,
    default_pipeline,
    score,
)


def prepared(text: str) -> Doc:
    """Return TEXT after the language and normalisation steps, ready for a tagging step."""
    return Normalise()(DetectLanguage()(Doc(text)))


def test_the_pipeline_is_a_list_of_named_steps_each_saying_what_it_assigns():
    pipeline = default_pipeline()
    assert pipeline.names == ["language", "normalise", "sdgs", "meaning", "themes", "ess"]
    assert {step.name: step.assigns for step in pipeline.steps} == {
        "language": ("language",),
        "normalise": ("tokens",),
        "sdgs": ("sdgs", "sdg_targets"),
        "meaning": ("sdgs", "sdg_targets"),
        "themes": ("themes",),
        "ess": ("ess_dimension", "ess_score"),
    }
    assert list(STEPS) == pipeline.names


def test_language_step():
    assert DetectLanguage()(Doc("La commune soutient les maraîchères du village.")).language == "fr"
    assert DetectLanguage()(Doc("The town supports the women market gardeners.")).language == "en"
    doc = DetectLanguage()(Doc("O município apoia as mulheres do mercado e da cooperativa."))
    assert doc.language == "other" and doc.stopped


def test_normalise_step_keeps_the_place_of_each_word():
    doc = prepared("Accès à l'eau potable pour les écoles.")
    assert [doc.text[t.start : t.end] for t in doc.tokens] == ["Accès", "eau", "potable", "écoles"]


def test_sdg_step_finds_goals_and_specific_targets_in_french():
    doc = TagSdgs()(prepared("Le projet construit des forages et des latrines pour l'accès à l'eau potable."))
    assert doc.labels.sdgs == [6]
    assert doc.labels.sdg_targets == ["6.1", "6.2"]
    assert "latrines" in doc.labels.evidence["sdg:6"]


def test_sdg_step_in_english_needs_a_specific_term_or_two_general_ones():
    assert TagSdgs()(prepared("Malaria remains the first cause of death of young children.")).labels.sdgs == [
        3
    ]
    assert TagSdgs()(prepared("The team met the partners in the capital city.")).labels.sdgs == []
    doc = TagSdgs()(prepared("Women took part in the meeting while girls played outside."))
    assert doc.labels.sdgs == [5] and doc.labels.evidence["sdg:5"] == ["Women", "girls"]
    assert TagSdgs()(prepared("Women took part in the meeting.")).labels.sdgs == []


def test_a_goal_needs_a_third_of_the_weight_of_the_main_goal():
    doc = TagSdgs()(
        prepared(
            "Le syndicat construit des forages, des latrines et des bornes-fontaines pour l'eau potable "
            "et l'assainissement ; une école voisine accueille la réunion."
        )
    )
    assert doc.labels.sdgs == [6]


def test_names_of_local_governments_are_not_topics():
    doc = TagSdgs()(prepared("La Communauté urbaine de Dunkerque finance le projet."))
    assert doc.labels.sdgs == []


def test_a_shield_is_no_evidence():
    text = "Les élus locaux des communes membres mettent en commun leurs services techniques."
    labels = TagThemes()(prepared(text)).labels
    assert labels.themes == ["gouvernance_locale"]
    assert labels.evidence["theme:gouvernance_locale"] == ["élus locaux", "services techniques"]


def test_theme_step():
    doc = TagThemes()(
        prepared("Un réseau de boutiques de commerce équitable et un fonds de prêts d'honneur.")
    )
    assert doc.labels.themes == ["commerce_equitable", "finance_solidaire"]
    assert doc.labels.evidence["theme:finance_solidaire"] == ["prêts d'honneur"]


def test_ess_step_scores_actors_and_practices():
    strong = DetectEss()(prepared("Une coopérative de producteurs de karité gérée démocratiquement."))
    weak = DetectEss()(prepared("Une ONG locale suit les travaux."))
    none = DetectEss()(prepared("Le conseil départemental finance une route."))
    assert strong.labels.ess_dimension and strong.labels.ess_score == pytest.approx(0.632)
    assert not weak.labels.ess_dimension and 0 < weak.labels.ess_score < 0.5
    assert not none.labels.ess_dimension and none.labels.ess_score == 0
    assert strong.labels.evidence["ess"] == ["coopérative"]


def test_classify_returns_every_label_with_its_evidence():
    labels = classify(
        "Dans la région de Kayes, une coopérative de femmes produit du beurre de karité "
        "et l'association villageoise gère une mini-centrale solaire pour l'électrification rurale."
    )
    assert isinstance(labels, Labels)
    assert labels.language == "fr" and labels.warning is None
    assert 7 in labels.sdgs and "7.1" in labels.sdg_targets
    assert {"energies_renouvelables", "artisanat"} <= set(labels.themes)
    assert labels.ess_dimension
    for sdg in labels.sdgs:
        assert labels.evidence[f"sdg:{sdg}"]
    for theme in labels.themes:
        assert labels.evidence[f"theme:{theme}"]


def test_classify_english_text():
    labels = classify(
        "The municipality runs a composting and recycling scheme with a local social enterprise."
    )
    assert labels.language == "en"
    assert 12 in labels.sdgs
    assert "dechets_economie_circulaire" in labels.themes
    assert labels.ess_dimension


def test_a_title_without_stop_words_takes_the_language_of_its_terms():
    labels = classify("Microcrédit et tontines")
    assert labels.language == "fr" and labels.themes == ["finance_solidaire"]


def test_hyphenated_words_cut_at_line_ends_are_joined():
    labels = classify("Le projet construit des latrines et améliore l'assai-\nnissement des quartiers.")
    assert 6 in labels.sdgs and labels.evidence["sdg:6"] == ["latrines", "assainissement"]
    typeset = classify("Le projet construit des latrines et améliore l'assai\u2010\nnissement des quartiers.")
    assert typeset.evidence["sdg:6"] == ["latrines", "assainissement"]


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("eau potable " * (MAX_CHARS // 12 + 1), "longer"),
        ("\x00\x01\x02\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50, "written language"),
        ("El agua potable es un derecho de todas las personas y de la comunidad.", "language"),
        ("水是生命之源，我们必须保护水资源。", "language"),
        (None, "not a string"),
    ],
)
def test_bad_inputs_give_empty_labels_and_a_warning(text, warning):
    with translation.override("en"):
        labels = classify(text)
    assert labels.sdgs == [] and labels.themes == [] and labels.sdg_targets == []
    assert labels.ess_dimension is False and labels.ess_score == 0.0
    assert warning in (labels.warning or "")


def test_a_long_text_under_the_limit_is_classified():
    labels = classify("Le projet développe l'agroécologie et les semences paysannes. " * 2000)
    assert labels.warning is None and 2 in labels.sdgs


def test_classify_many_keeps_the_order():
    texts = ["Électrification rurale par le solaire.", "", "Measles vaccination campaign in rural clinics."]
    results = classify_many(texts)
    assert [r.sdgs for r in results] == [[7], [], [3]]
    assert results[1].warning
    assert [r.as_dict() for r in results] == [classify(text).as_dict() for text in texts]


def test_as_dict_has_the_fields_of_the_command():
    data = classify("Eau potable pour tous.").as_dict()
    assert list(data) == [
        "sdgs",
        "themes",
        "ess_dimension",
        "ess_score",
        "sdg_targets",
        "language",
        "evidence",
        "meaning",
    ]


def test_each_assigned_field_can_be_scored_alone():
    examples = [
        ("Forages et latrines pour l'eau potable.", [6]),
        ("Solar panels for rural health centres.", [3, 7]),
        ("La mairie organise une réunion.", [16]),
    ]
    assert score("sdgs", examples) == {"precision": 1.0, "recall": 0.75, "f1": pytest.approx(6 / 7)}
    languages = [("Forages et latrines pour l'eau potable.", "fr"), ("Solar panels for clinics.", "en")]
    assert score("language", languages)["f1"] == 1.0
