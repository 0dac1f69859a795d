"""Segmentation and places on layouts the pipeline was not written for (texts written for the tests)."""

from django.utils import translation

from passerelles.documents.blocks import Block, BlockKind
from passerelles.documents.pipeline import extract
from passerelles.documents.pipeline.places import find_places

CASE_STUDIES = """Recueil d'expériences 2025

Sommaire

1. Des séchoirs solaires pour les mangues de Bobo-Dioulasso 2
2. Une caisse d'épargne des potières de Kalaban Coro 3

Des séchoirs solaires pour les mangues de Bobo-Dioulasso

LeS PArtIeS PrenAnteS

La Ville de Poitiers et la commune de Bobo-Dioulasso (Burkina Faso) coopèrent depuis 2016. L'association
Soleils du Houet forme les transformatrices au séchage solaire des mangues récoltées autour de la ville.

Le MontAGe finAnCier

Budget total : 48 000 euros, financé à 60 % par la Ville de Poitiers.

Les retombées

Quarante femmes vendent désormais leurs mangues séchées sur les marchés de la région.

Une caisse d'épargne des potières de Kalaban Coro

Les parties prenantes

La Région Bretagne appuie depuis 2019 la commune de Kalaban Coro, au Mali, et la coopérative des potières
Dounia, qui gère une caisse d'épargne et de crédit pour ses membres.

Le montage financier

Budget total : 30 000 euros.

Les retombées

La coopérative a accordé 90 prêts en deux ans ; d'autres potières demandent à la rejoindre.
"""


def test_a_booklet_is_cut_at_its_fiches_whatever_its_part_names_and_their_typography():
    doc = extract(CASE_STUDIES)
    assert [d.title for d in doc.drafts] == [
        "Des séchoirs solaires pour les mangues de Bobo-Dioulasso",
        "Une caisse d'épargne des potières de Kalaban Coro",
    ]
    first, second = doc.drafts
    assert {(t["country"], t["level"]) for t in first.territories} >= {("FR", "commune"), ("BF", "commune")}
    assert first.start_year == 2016 and first.budget_total == 48000
    assert {t["country"] for t in second.territories} == {"FR", "ML"}
    assert second.budget_total == 30000
    # The table of contents names both fiches and is no project of its own.
    assert "Sommaire" not in doc.text


LABELLED = """Fiches projets du réseau

Titre : Un atelier de réparation de vélos à Ziguinchor
Dates : 2021-2023
Partenaires : Vélo Solidaire Atlantique, Ville de La Rochelle
Budget global : 36 000 €

La Ville de La Rochelle et la commune de Ziguinchor (Sénégal) ouvrent un atelier de réparation.

Titre : Des foyers améliorés à Kaédi
Dates : 2020
Budget global : 12 500 €

Le Département de la Savoie accompagne la commune de Kaédi (Mauritanie) et ses artisanes.
"""


def test_a_labelled_fiche_is_read_by_its_labels():
    doc = extract(LABELLED)
    assert [d.title for d in doc.drafts] == [
        "Un atelier de réparation de vélos à Ziguinchor",
        "Des foyers améliorés à Kaédi",
    ]
    first, second = doc.drafts
    assert (first.start_year, first.budget_total) == (2021, 36000)
    assert "Vélo Solidaire Atlantique" in {o["name"] for o in first.organisations}
    assert (second.start_year, second.budget_total) == (2020, 12500)
    start, end = first.spans["title"]
    assert doc.text[start:end] == first.title


def _heading(text: str, level: int) -> Block:
    return Block(BlockKind.HEADING, text, level=level)


def _paragraph(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def test_a_page_listing_projects_under_country_headings_gives_one_project_each():
    blocks = [
        _heading("Nos projets", 1),
        _paragraph("Notre association, fondée à Nantes, soutient des groupements de producteurs."),
        _heading("Burkina Faso", 2),
        _heading("Des puits maraîchers à Koudougou", 3),
        _paragraph(
            "Avec la commune de Koudougou, nous creusons quatre puits pour un groupement de maraîchères."
        ),
        _heading("Togo", 2),
        _heading("Un moulin coopératif à Sokodé", 3),
        _paragraph("La Ville de Saint-Nazaire et la commune de Sokodé financent un moulin coopératif."),
    ]
    doc = extract(blocks=blocks, title="Nos projets")
    assert [d.title for d in doc.drafts] == [
        "Des puits maraîchers à Koudougou",
        "Un moulin coopératif à Sokodé",
    ]
    assert [d.countries for d in doc.drafts] == [["BF"], ["FR", "TG"]]


def test_a_narrative_text_gives_each_cooperation_it_tells_of():
    doc = extract(
        "Regards sur la coopération\n\n"
        "À Dori, au Burkina Faso, la Ville de Chambéry aide depuis 2014 une mutuelle de santé communautaire "
        "à couvrir les familles d'éleveurs.\n\n"
        "Plus au sud, à Ouidah, au Bénin, la Communauté d'agglomération du Grand Angoulême accompagne "
        "depuis 2018 des guides de tourisme solidaire.\n"
    )
    assert len(doc.drafts) == 2
    assert [sorted(d.countries) for d in doc.drafts] == [["BF", "FR"], ["BJ", "FR"]]


def test_an_english_page_on_municipal_cooperation_is_read():
    doc = extract(
        "Twinning for clean water\n\n"
        "The Municipality of Haarlem (Netherlands) and the City of Mutare (Zimbabwe) have worked together "
        "since 2012 on the city's water network.\n"
    )
    (draft,) = doc.drafts
    assert {(t["name"], t["country"]) for t in draft.territories} == {
        ("Municipality of Haarlem", "NL"),
        ("City of Mutare", "ZW"),
    }
    assert draft.start_year == 2012


def test_a_country_written_in_the_sentence_settles_a_place():
    places = {
        p.name: p.country for p in find_places("La région de Kolda, au Sénégal, et la Région Bretagne.")
    }
    assert places["région de Kolda"] == "SN"
    assert places["Région Bretagne"] == "FR"


def test_an_intercommunality_abroad_is_not_taken_for_a_french_one():
    places = find_places("La communauté de communes de Tenkodogo, au Burkina Faso, gère la collecte.")
    assert [(p.country, p.level) for p in places] == [("BF", "intercommunalite")]


def test_an_unknown_place_is_never_put_in_france():
    assert find_places("Les habitants de Zorbaville-sur-Nuage ont planté des arbres.") == []


def test_a_document_without_cooperation_says_why():
    with translation.override("en"):
        doc = extract("Rapport annuel\n\nL'association a tenu son assemblée générale à Lyon en juin.\n")
    assert doc.drafts == []
    assert doc.notes == ["no cooperation abroad was found: it names no foreign place or country"]


def test_how_a_place_was_settled_is_noted_for_the_reviewer():
    with translation.override("en"):
        doc = extract(
            "Des moulins pour Kolda\n\n"
            "La Ville de Niort et la commune de Kolda, au Sénégal, équipent trois villages de moulins.\n"
        )
    (draft,) = doc.drafts
    index = next(i for i, t in enumerate(draft.territories) if t["country"] == "SN")
    assert draft.notes[f"territories.{index}"] == "country named in the sentence: SN"


def test_a_list_gives_each_project_the_owner_and_contact_it_names_once():
    blocks = [
        _heading("Nos actions", 1),
        _paragraph("L'association Puits du Monde, créée à Brest, creuse des puits avec des communes."),
        _heading("Un puits à Mopti", 2),
        _paragraph("Avec la commune de Mopti, au Mali, nous creusons un puits pour le marché."),
        _heading("Un puits à Tahoua", 2),
        _paragraph("Avec la commune de Tahoua, au Niger, nous équipons un puits d'une pompe solaire."),
        _heading("Contact", 2),
        _paragraph("Yvonne Exemple, présidente, yvonne.exemple@example.org"),
    ]
    doc = extract(blocks=blocks, title="Nos actions")
    assert len(doc.drafts) == 2
    for draft in doc.drafts:
        assert "Puits du Monde" in {o["name"] for o in draft.organisations}
        assert [c["email"] for c in draft.contacts] == ["yvonne.exemple@example.org"]


def test_every_value_of_a_paged_document_keeps_its_page():
    blocks = [
        Block(BlockKind.HEADING, "Des foyers améliorés à Kaédi", level=1, page=1),
        Block(BlockKind.PARAGRAPH, "Le projet associe plusieurs partenaires depuis 2020.", page=1),
        Block(BlockKind.PARAGRAPH, "La Ville de Lorient et la commune de Kaédi (Mauritanie).", page=2),
    ]
    (draft,) = extract(blocks=blocks).drafts
    assert draft.pages["title"] == 1
    assert {draft.pages[f"territories.{n}"] for n in range(len(draft.territories))} == {2}


EXTRACTED = """Guide des coopérations 2025
FICHE 1
Un atelier de couture solidaire à
Dschang
La Ville de Chalon-sur-Saône et la commune de Dschang (Cameroun) coopèrent depuis 2017.
CONTEXTE
Les couturières de Dschang travaillent seules et sans machine électrique.
CONTACTS
Paule Exemple, chargée de mission, paule.exemple@example.org
Guide des coopérations 2025 · page 2
FICHE 2
Des pirogues solaires pour Mopti
La Région Bretagne et la région de Mopti (Mali) équipent des pirogues depuis 2020.
CONTEXTE
Le fleuve est la route du marché.
CONTACT
Jean Exemple, chargé de mission, jean.exemple@example.org
Guide des coopérations 2025 · page 3
"""


def test_text_extracted_from_pdf_without_blank_lines_is_cut_at_its_fiches():
    doc = extract(EXTRACTED)
    assert [d.title for d in doc.drafts] == [
        "Un atelier de couture solidaire à Dschang",
        "Des pirogues solaires pour Mopti",
    ]
    assert [d.start_year for d in doc.drafts] == [2017, 2020]
    assert [[c["email"] for c in d.contacts] for d in doc.drafts] == [
        ["paule.exemple@example.org"],
        ["jean.exemple@example.org"],
    ]
