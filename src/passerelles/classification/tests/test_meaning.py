"""Tests of the meaning step (a model over the sentence embedding settles the lexicon's borderline goals)."""

import numpy as np
import pytest

from passerelles.classification import meaning
from passerelles.classification.pipeline import (
    DetectLanguage,
    Doc,
    Normalise,
    TagSdgs,
    WeighSdgsByMeaning,
    classify_many,
)
from passerelles.classification.training import train, validate
from passerelles.search.embeddings import DIMENSIONS


def constant_model(likelihoods: dict[int, float], drop_below: float = 0.1, give_from: float = 0.2):
    """Return a model that gives every text the same probability per goal (0.01 when not named)."""
    odds = np.full(meaning.GOALS, 0.01)
    for goal, likelihood in likelihoods.items():
        odds[goal - 1] = likelihood
    intercepts = np.log(odds / (1 - odds))
    return meaning.GoalModel(np.zeros((DIMENSIONS, meaning.GOALS)), intercepts, drop_below, give_from)


def lexicon_goals(text: str) -> Doc:
    doc = TagSdgs()(Normalise()(DetectLanguage()(Doc(text))))
    doc.vector = np.zeros(DIMENSIONS, dtype=np.float32)
    return doc


ONE_CLUE = "Les réunions du comité se tiennent à l'école du village."  # "école": goal 4, weight 1
TWO_CLUES = "Le projet forme les enseignants et équipe les écoles primaires du village."


def test_a_goal_on_a_single_clue_is_dropped_when_the_meaning_makes_it_unlikely():
    doc = lexicon_goals(ONE_CLUE)
    assert doc.labels.sdgs == [4] and doc.goal_scores["4"][0] == 1.0
    assert WeighSdgsByMeaning(constant_model({4: 0.05}))(doc).labels.sdgs == []
    assert "sdg:4" not in doc.labels.evidence
    assert WeighSdgsByMeaning(constant_model({4: 0.5}))(doc).labels.sdgs == [4]
    assert doc.labels.evidence["sdg:4"] == ["école"] and doc.labels.meaning == {"sdg:4": 0.5}
    assert doc.labels.as_dict()["meaning"] == {"sdg:4": 0.5}


def test_a_goal_on_more_evidence_than_one_clue_is_never_dropped():
    doc = lexicon_goals(TWO_CLUES)
    assert doc.goal_scores["4"][0] > 1.0
    labels = WeighSdgsByMeaning(constant_model({4: 0.0001}))(doc).labels
    assert labels.sdgs == [4] and labels.as_dict()["meaning"] == {}


def test_a_weak_clue_becomes_a_goal_when_the_meaning_makes_it_likely_but_nothing_comes_from_meaning_alone():
    doc = lexicon_goals("Women run the market stall on Sundays.")
    assert doc.labels.sdgs == [] and doc.goal_scores["5"][0] == 0.5
    assert WeighSdgsByMeaning(constant_model({5: 0.1}))(doc).labels.sdgs == []
    labels = WeighSdgsByMeaning(constant_model({5: 0.6, 14: 0.99}))(doc).labels
    assert labels.sdgs == [5] and labels.evidence["sdg:5"] == ["Women"] and labels.meaning == {"sdg:5": 0.6}


def test_targets_follow_the_goals_the_meaning_keeps():
    doc = lexicon_goals("Le forage fournit de l'eau potable au village.")
    assert doc.labels.sdg_targets == ["6.1"]
    doc.goal_scores["6"] = (1.0, doc.goal_scores["6"][1])
    labels = WeighSdgsByMeaning(constant_model({6: 0.01}))(doc).labels
    assert labels.sdgs == [] and labels.sdg_targets == [] and "target:6.1" not in labels.evidence


def test_the_shipped_model_reads_and_ranks_a_clear_text_first():
    model = meaning.shipped()
    assert model.weights.shape == (DIMENSIONS, meaning.GOALS)
    assert 0 <= model.drop_below < model.give_from <= 1
    likelihoods = model.probabilities(meaning.vectors(["Vaccination des enfants contre la rougeole."]))[0]
    assert int(np.argmax(likelihoods)) + 1 == 3


@pytest.fixture
def tiny_passages():
    texts = {
        3: [
            "Vaccination des enfants contre la rougeole.",
            "Malaria bed nets for pregnant women.",
            "Le centre de santé soigne le paludisme.",
            "Health clinics treat tuberculosis patients.",
        ],
        6: [
            "Le forage donne de l'eau potable.",
            "Latrines and handwashing stations in schools.",
            "Réseau d'assainissement des eaux usées.",
            "Boreholes bring safe drinking water.",
        ],
        7: [
            "Des panneaux solaires éclairent le village.",
            "Mini-grids bring electricity to farms.",
            "Électrification rurale par le solaire.",
            "Wind turbines feed the power grid.",
        ],
    }
    return [{"text": text, "sdgs": [goal]} for goal, group in texts.items() for text in group] * 2


def test_training_writes_a_model_that_reads_back_the_same(tiny_passages, tmp_path):
    model, figures = train.train(tiny_passages)
    assert figures["passages"] == 24 and 0 <= figures["out_of_fold_f1"] <= 1
    assert model.drop_below in train.DROP_BELOW and model.give_from in train.GIVE_FROM
    path = tmp_path / "model.npz"
    model.save(path, c=train.C)
    again = meaning.read(path)
    assert again.weights.shape == (DIMENSIONS, meaning.GOALS)
    assert (again.drop_below, again.give_from) == pytest.approx((model.drop_below, model.give_from))
    vectors = meaning.vectors(["Le forage donne de l'eau potable."])
    # A goal no passage carries gets no weight and a low probability.
    assert again.probabilities(vectors)[0][0] < 0.5 and not again.weights[:, 0].any()


def test_the_validation_reads_iati_activities_with_the_goals_of_their_dac_sectors(tmp_path):
    path = tmp_path / "activities.xml"
    path.write_text(
        """<iati-activities version="2.03"><iati-activity>
        <iati-identifier>XM-1</iati-identifier>
        <title><narrative xml:lang="fr">Accès à l'eau potable à Kita</narrative>
               <narrative xml:lang="en">Drinking water in Kita</narrative></title>
        <description><narrative xml:lang="fr">Le projet construit des forages et des bornes-fontaines
        et forme les comités de gestion de l'eau des quartiers.</narrative></description>
        <sector vocabulary="1" code="14030"/><sector vocabulary="2" code="151"/>
        <sector vocabulary="99" code="X"/>
        </iati-activity></iati-activities>""",
        encoding="utf-8",
    )
    rows = validate.activities([path])
    # The English text is too short; 14030 is water and sanitation, 151 names a goal but no theme.
    assert rows == [
        {"text": rows[0]["text"], "lang": "fr", "sdgs": [6, 16], "themes": ["eau_assainissement"]}
    ]
    assert rows[0]["text"].startswith("Accès à l'eau potable à Kita\n\nLe projet construit")
    assert validate.dac_goal("16020") == 8 and validate.dac_goal("99810") is None
    assert validate.dac_theme("24040") == "finance_solidaire" and validate.dac_theme("12220") == "sante"
    assert validate.dac_theme("72010") is None


def test_classify_many_embeds_only_the_texts_whose_goals_the_meaning_settles(monkeypatch):
    embedded: list[str] = []

    def vectors(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return np.zeros((len(texts), DIMENSIONS), dtype=np.float32)

    monkeypatch.setattr(meaning, "vectors", vectors)
    unsettled = "Les orchestres du festival jouent sur la place."  # no goal at all
    labels = classify_many([TWO_CLUES, ONE_CLUE, unsettled])
    assert embedded == [ONE_CLUE]
    assert labels[0].sdgs == [4] and labels[2].sdgs == []
