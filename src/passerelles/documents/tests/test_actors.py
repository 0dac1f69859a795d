"""The `organisations` step on texts written for the tests: invented organisations, real public bodies."""

import pytest

from passerelles.documents.pipeline import actors
from passerelles.documents.pipeline.actors import find_actors
from passerelles.documents.pipeline.language import entities, language_of


def organisations(text: str, places: list[str] = (), **options) -> dict[str, tuple[str, str]]:  # type: ignore[assignment]
    """Return name -> (type, role) of the organisations find_actors reads in TEXT (first mention's role)."""
    found: dict[str, tuple[str, str]] = {}
    for actor in find_actors(text, places, **options):
        found.setdefault(actor.name, (actor.type, actor.role))
    return found


def test_an_official_name_runs_to_its_end_with_its_acronym():
    text = (
        "Le projet est cofinancé par le Ministère de l'Europe et des Affaires étrangères (MEAE) et "
        "l'Agence française de développement. La Fédération nationale des coopératives de "
        "consommateurs accompagne les groupements de Dosso."
    )
    # Lower-case words belong to the names; the last one stops before its verb.
    assert organisations(text) == {
        "Ministère de l'Europe et des Affaires étrangères (MEAE)": ("etat", "financeur"),
        "Agence française de développement": ("agence", "financeur"),
        "Fédération nationale des coopératives de consommateurs": ("reseau", "appui_technique"),
    }


def test_an_acronym_defined_once_names_the_organisation_everywhere():
    text = (
        "La Chambre régionale de l'économie sociale et solidaire (CRESS) réunit les coopératives.\n\n"
        "Plus loin, la CRESS finance les missions des jeunes."
    )
    mentions = find_actors(text, [])
    assert [(a.name, a.role) for a in mentions] == [
        ("Chambre régionale de l'économie sociale et solidaire (CRESS)", "partenaire"),
        ("Chambre régionale de l'économie sociale et solidaire (CRESS)", "financeur"),
    ]
    assert text[mentions[1].start : mentions[1].end] == "CRESS"


def test_a_kind_word_before_a_proper_name():
    text = (
        "L'association Terres Vivantes forme des maraîchères avec la coopérative Semences du Sahel, "
        "la SCOP Lumière Partagée et l'ONG « Eau pour Tous »."
    )
    found = organisations(text)
    assert found["Terres Vivantes"][0] == "association"
    assert found["Semences du Sahel"][0] == "cooperative"
    assert found["Lumière Partagée"][0] == "cooperative"
    assert found["Eau pour Tous"][0] == "association"


def test_a_headline_or_a_title_is_not_an_organisation():
    headline, title = "Les Jardins Du Fleuve Vert", "Maison des Savoirs Partagés"
    text = f"{headline}\n{title}\nL'association Terres Vivantes anime le lieu."
    titles = [(0, len(headline)), (len(headline) + 1, len(headline) + 1 + len(title))]
    assert list(organisations(text, titles=titles)) == ["Terres Vivantes"]


def test_programmes_methods_and_events_are_not_organisations():
    text = (
        "Le programme Jardins Nomades, soutenu par le dispositif Ficol de l'AFD, a utilisé la méthode "
        "accélérée de recherche participative (MARP). Le Plan Climat Air Énergie Territorial (PCAET) "
        "et le Festival des Solidarités l'ont fait connaître. La MARP a été reprise l'an dernier."
    )
    assert list(organisations(text)) == ["AFD"]


def test_local_governments_and_their_acronyms_are_places():
    text = (
        "La Communauté d'agglomération du Val Fleuri (CAVF) coopère avec la commune de Dosso. "
        "La CAVF et la CCPO financent le projet avec la Fondation Arbre Vert."
    )
    found = organisations(text, ["Communauté de communes du Pays d'Orme"])
    assert list(found) == ["Fondation Arbre Vert"]


def test_lists_of_partners():
    text = (
        "Partenaires :\n"
        "- Ville de Tours\n"
        "- Mutuelle Entraide Rurale\n"
        "- Coopérative Semences du Sahel (Mali)\n"
        "- Bricolib : association qui prête des outils\n\n"
        "Les partenaires techniques : Réseau Solidarités Vertes ; La Ressourcerie du Bocage ; le collectif "
        "Vélo Pour Tous ; des associations de quartier.\n"
        "Autres partenaires : Cités Unies France, la Fondation Arbre Vert et l'Institut Pasteur de Dakar."
    )
    found = organisations(text, ["Ville de Tours"])
    assert set(found) == {
        "Mutuelle Entraide Rurale",
        "Coopérative Semences du Sahel",
        "Bricolib",
        "Réseau Solidarités Vertes",
        "Ressourcerie du Bocage",
        "Vélo Pour Tous",
        "Cités Unies France",
        "Fondation Arbre Vert",
        "Institut Pasteur de Dakar",
    }
    assert found["Bricolib"][0] == "association"
    assert found["Vélo Pour Tous"][0] == "reseau"


def test_roles_from_the_nearest_cue():
    text = (
        "Le projet est porté par l'association Terres Vivantes, mis en œuvre par la coopérative Semences "
        "du Sahel avec l'appui technique de la Fondation Arbre Vert, et cofinancé par l'Agence "
        "française de développement (AFD). Les bénéficiaires sont les membres de l'association Femmes "
        "du Fleuve, au profit de qui..."
    )
    roles = {name: role for name, (_type, role) in organisations(text).items()}
    assert roles == {
        "Terres Vivantes": "maitre_ouvrage",
        "Semences du Sahel": "operateur",
        "Fondation Arbre Vert": "appui_technique",
        "Agence française de développement (AFD)": "financeur",
        "Femmes du Fleuve": "beneficiaire",
    }


def test_an_english_page():
    text = (
        "The project is led by the Green Valley Cooperative and funded by the Bright Future Foundation. "
        "Technical support comes from the Ministry of Agriculture and Rural Development and the "
        "Municipality of Kolda. The Kolda City Council hosts the training.\n"
        "Green Hands, a cooperative of women weavers, is a beneficiary.\n"
        "Partners: Women Farmers Network, Solar Sisters Trust and Agence Française de Développement (AFD)."
    )
    assert language_of(text) == "en"
    found = organisations(text)
    assert found == {
        "Green Valley Cooperative": ("cooperative", "maitre_ouvrage"),
        "Bright Future Foundation": ("fondation", "financeur"),
        "Ministry of Agriculture and Rural Development": ("etat", "appui_technique"),
        "Green Hands": ("cooperative", "beneficiaire"),
        "Women Farmers Network": ("reseau", "partenaire"),
        "Solar Sisters Trust": ("fondation", "partenaire"),
        "Agence Française de Développement (AFD)": ("agence", "partenaire"),
    }


def test_precomputed_entities_spare_a_second_run(monkeypatch):
    text = "En 2019, l'Union européenne et l'Agence de l'eau Loire-Bretagne ont cofinancé la station."
    found = entities(text)
    assert ("ORG", text.index("Agence"), text.index(" ont")) in found

    def no_second_run(_text: str) -> list:
        raise AssertionError("the recogniser ran twice")

    monkeypatch.setattr(actors, "entities", no_second_run)
    names = [a.name for a in find_actors(text, [], entities_in_text=found, language="fr")]
    assert names == ["Union européenne", "Agence de l'eau Loire-Bretagne"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La coopérative réunit les habitants du quartier et les associations.", "fr"),
        ("The cooperative brings together the people of the area and their associations.", "en"),
        ("Fondation Arbre Vert", "fr"),
    ],
)
def test_language_of(text, language):
    assert language_of(text) == language
