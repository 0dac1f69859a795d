"""Each step of the extraction pipeline on texts written for the tests (not the corpus)."""

from decimal import Decimal

import pytest
from django.utils import translation

from passerelles.documents.pipeline import extract
from passerelles.documents.pipeline.actors import find_actors
from passerelles.documents.pipeline.clean import clean_text
from passerelles.documents.pipeline.money import find_budget, find_funding, parse_amount
from passerelles.documents.pipeline.people import find_people
from passerelles.documents.pipeline.places import find_places

BOOKLET = """Guide des coopérations solidaires

Jardins partagés à Kayes

Coopération Ville de Tours / Kayes (Mali)

Mots-clés : agriculture, jeunesse

Origine et présentation de l'initiative

Lancé en 2017, le projet associe la Ville de Tours et la commune de Kayes (Mali). L'association Terres
Vivantes forme des maraîchères ; la coopérative Semences du Sahel fournit les graines.

Financement

Budget total : 60 000 euros, financé à 50 % par la Ville de Tours et à 30 % par la Fondation Arbre Vert.

CONTACT:

Jeanne Ferrand, chargée de mission, Ville de Tours, jeanne.ferrand@tours-exemple.fr

Recyclerie de Nouakchott

Coopération Département du Cher / Nouakchott (Mauritanie)

Mots-clés : déchets

Origine et présentation de l'initiative

Depuis 2015, le Département du Cher accompagne la création d'une recyclerie avec l'association Atelier
Réemploi. Les difficultés rencontrées tiennent au transport des matériaux.

Financement

- Département du Cher : 20 000 €
- Agence Française de Développement (AFD) : 35 000 €

CONTACT:

Paul Mbaye, directeur, paul.mbaye@atelier-exemple.org
"""


def test_clean_repairs_cut_words_page_numbers_and_vertical_letters():
    text = "La coopé-\nration décentralisée\n12\nE\nS\nS\nentre deux villes de Porto-\nNovo.\n"
    cleaned = clean_text(text)
    assert "coopération décentralisée" in cleaned
    assert "Porto-Novo" in cleaned
    assert "\n12\n" not in cleaned and "\nE\nS\nS\n" not in cleaned


def test_clean_removes_running_headers_but_keeps_part_headings():
    pages = "".join(
        f"Bulletin du réseau · {n}\n\nFinancement\n\nUn texte de la page, qui se poursuit\nen page {n + 1}.\n"
        for n in range(1, 5)
    )
    cleaned = clean_text(pages)
    assert "Bulletin du réseau" not in cleaned
    assert cleaned.count("Financement") == 4


def test_segment_finds_each_fiche_of_a_booklet_with_its_title():
    doc = extract(BOOKLET)
    assert [d.title for d in doc.drafts] == ["Jardins partagés à Kayes", "Recyclerie de Nouakchott"]
    first, second = doc.units
    assert "jeanne.ferrand" in doc.text[first.start : first.end]
    assert "jeanne.ferrand" not in doc.text[second.start : second.end]


def test_an_article_about_one_cooperation_is_one_project():
    doc = extract(
        "La Région Bretagne et la région de Kayes au Mali coopèrent.\n\n"
        "Un autre paragraphe sans lieu.\n\n"
        "La Région Bretagne forme aussi des élus maliens au Mali.\n"
    )
    assert len(doc.drafts) == 1


def test_places_have_level_and_country():
    places = {
        p.name: (p.country, p.level)
        for p in find_places(
            "La Ville de Tours et la commune de Kayes (Mali) coopèrent avec le Département du Cher "
            "et la Région Occitanie."
        )
    }
    assert places["Ville de Tours"] == ("FR", "commune")
    assert places["commune de Kayes"] == ("ML", "commune")
    assert places["Département du Cher"] == ("FR", "departement")
    assert places["Région Occitanie"] == ("FR", "region")


def test_foreign_province_is_found_through_iso_subdivisions():
    places = {p.name: p.country for p in find_places("Le Conseil régional de Mopti et la Région Normandie.")}
    assert places["Conseil régional de Mopti"] == "ML"


def test_organisations_with_kind_acronym_and_lists():
    text = (
        "L'association Terres Vivantes forme des maraîchères avec la coopérative Semences du Sahel. "
        "Le projet est cofinancé par l'Agence Française de Développement (AFD).\n"
        "- Bricolib : association qui prête des outils.\n"
    )
    names = [a.name for a in find_actors(text, [])]
    assert "Terres Vivantes" in names
    assert "Semences du Sahel" in names
    assert "Agence Française de Développement (AFD)" in names
    assert "Bricolib" in names


def test_funding_shares_amounts_and_lists():
    lines = find_funding("financé à 50 % par la Ville de Tours et à 30 % par la Fondation Arbre Vert.")
    assert [(m.funder, m.share) for m in lines] == [("Ville de Tours", 50), ("Fondation Arbre Vert", 30)]
    lines = find_funding(
        "- Département du Cher : 20 000 €\n- Agence Française de Développement (AFD) : 35 000 €"
    )
    assert [(m.funder, m.amount) for m in lines] == [
        ("Département du Cher", 20000),
        ("Agence Française de Développement (AFD)", 35000),
    ]
    lines = find_funding(
        "une subvention annuelle (15 000 euros) versée par le Conseil départemental du Cher."
    )
    assert [(m.funder, m.amount) for m in lines] == [("Conseil départemental du Cher", 15000)]
    lines = find_funding("Le projet est cofinancé par : la Ville de Tours, la commune de Kayes et l'AFD.")
    assert [m.funder for m in lines] == ["Ville de Tours", "commune de Kayes", "AFD"]


@pytest.mark.parametrize(
    "written, value",
    [
        ("140 000", Decimal(140000)),
        ("1.234,50", Decimal("1234.50")),
        ("45000", Decimal(45000)),
    ],
)
def test_amounts_in_french_notation(written, value):
    assert parse_amount(written) == value


def test_budget_follows_its_words():
    assert find_budget("Le budget total est de 60 000 euros sur trois ans.")[0] == 60000
    assert find_budget("Trois villages et 200 familles.") is None


def test_people_are_paired_with_their_addresses():
    people = find_people(
        "Jeanne Ferrand, chargée de mission, Ville de Tours, jeanne.ferrand@tours-exemple.fr\n\n"
        "Paul MBAYE et Awa Diop\n\np.mbaye@exemple.org\n\nawa.diop@exemple.org\n"
    )
    assert [(p.name, p.email) for p in people] == [
        ("Jeanne Ferrand", "jeanne.ferrand@tours-exemple.fr"),
        ("Paul MBAYE", "p.mbaye@exemple.org"),
        ("Awa Diop", "awa.diop@exemple.org"),
    ]
    assert people[0].function == "chargée de mission"


def test_whole_pipeline_keeps_provenance_spans():
    extraction = extract(BOOKLET)
    first, second = extraction.drafts
    assert first.title == "Jardins partagés à Kayes"
    assert first.start_year == 2017
    assert first.budget_total == 60000
    assert {t["name"] for t in first.territories} >= {"Ville de Tours"}
    assert first.contacts[0]["email"] == "jeanne.ferrand@tours-exemple.fr"
    start, end = first.spans["title"]
    assert extraction.text[start:end] == first.title
    start, end = first.spans["contacts.0"]
    assert extraction.text[start:end] == "Jeanne Ferrand"
    assert second.difficulties == "" or "transport" in second.difficulties
    assert {f["funder"] for f in second.funding} == {
        "Département du Cher",
        "Agence Française de Développement (AFD)",
    }


def test_funding_lists_are_read_clause_by_clause_in_french_and_english():
    text = (
        "Coût du projet : 70 000 €, financés par la Ville de Pessac (30 000 €), l'Agence de l'eau "
        "Adour-Garonne (25 000 €) et la commune de Kolda (15 000 €)."
    )
    assert [(m.funder, m.amount) for m in find_funding(text)] == [
        ("Ville de Pessac", 30000),
        ("Agence de l'eau Adour-Garonne", 25000),
        ("commune de Kolda", 15000),
    ]
    assert find_budget(text)[0] == 70000
    english = (
        "It has a budget of €150,000. The Green Hills Trust contributes €90,000 (60%) "
        "and Kolda Council €60,000 (40%)."
    )
    assert [(m.funder, m.amount, m.share) for m in find_funding(english)] == [
        ("Green Hills Trust", 90000, 60),
        ("Kolda Council", 60000, 40),
    ]
    assert find_budget(english)[0] == 150000
    listed = "50 000 € sur deux ans : Ville de Pau 30 000 €, Coopérative Terre Vive 20 000 €."
    assert find_budget(listed)[0] == 50000


def test_shares_that_cannot_all_be_right_are_left_out_and_noted_rather_than_refusing_the_document():
    with translation.override("en"):
        doc = extract(
            "Des jardins à Kolda\n\n"
            "La Ville de Pessac et la commune de Kolda (Sénégal) créent des jardins. Le projet est "
            "financé à 80 % par la Ville de Pessac et à 70 % par l'Agence de l'eau Adour-Garonne.\n"
        )
    (draft,) = doc.drafts
    assert {line["funder"] for line in draft.funding} == {"Ville de Pessac", "Agence de l'eau Adour-Garonne"}
    assert all(line["share_pct"] is None for line in draft.funding)
    assert draft.notes["funding.0"] == "shares left out: as read, they add up to 150 %"
