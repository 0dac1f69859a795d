"""The gazetteer against facts of the official geography (INSEE 2026, GeoNames, ISO 3166-2)."""

import gzip
import json

from passerelles.territories import gazetteer
from passerelles.territories.gazetteer import by_code, is_country_name, lookup, lookup_in, normalise


def first(name: str) -> gazetteer.Candidate:
    return lookup(name)[0]


def test_normalise_folds_accents_case_punctuation_and_saint():
    assert normalise("Seine Saint Denis") == normalise("Seine-Saint-Denis") == "seine saint denis"
    assert normalise("St Étienne") == normalise("SAINT-ETIENNE") == normalise("st. etienne")
    assert normalise("Ste-Foy") == "sainte foy"
    assert normalise("L’Haÿ-les-Roses") == normalise("L'Hay les Roses") == "l hay les roses"
    assert normalise("Œuvre  de  Cœur") == "oeuvre de coeur"


def test_lyon_is_the_commune_69123():
    lyon = first("Lyon")
    assert (lyon.name, lyon.country, lyon.level, lyon.code, lyon.parent, lyon.source) == (
        "Lyon",
        "FR",
        "commune",
        "69123",
        "69",
        "insee",
    )
    assert lyon.population > 400_000


def test_departement_written_with_spaces():
    departement = first("Seine Saint Denis")
    assert (departement.name, departement.level, departement.code, departement.parent) == (
        "Seine-Saint-Denis",
        "departement",
        "93",
        "11",
    )
    assert departement.population > 1_000_000


def test_saint_written_st():
    assert (first("St Etienne").name, first("St Etienne").code) == ("Saint-Étienne", "42218")


def test_leading_article_is_optional():
    assert first("Le Havre").code == first("Havre").code == "76351"


def test_arrondissement_municipal_belongs_to_its_commune():
    district = first("3e arrondissement de Lyon")
    assert (district.name, district.code, district.within) == ("Lyon 3e Arrondissement", "69383", "69123")
    assert first("Paris 1er").code == "75101"


def test_region_and_overseas_collectivity():
    assert (first("Ile de France").level, first("Ile de France").code) == ("region", "11")
    assert first("Polynésie française").level == "autre"


def test_epci_by_code_by_name_and_by_core_name():
    [epci] = by_code("200000172")
    assert (epci.name, epci.level, epci.parent) == ("CC Faucigny - Glières", "intercommunalite", "74")
    assert first("Communauté de communes Faucigny-Glières") == epci
    assert first("Faucigny Glières") == epci


def test_metropole_by_its_city_without_hiding_the_commune():
    metropole = first("Métropole de Dijon")
    assert (metropole.name, metropole.code) == ("Dijon Métropole", "242100410")
    assert first("Dijon Métropole") == metropole
    assert [(c.level, c.code) for c in lookup("Dijon")] == [("commune", "21231")]


def test_beninese_towns():
    for name, population in [("Abomey-Calavi", 300_000), ("Parakou", 200_000)]:
        town = lookup_in(name, "BJ")[0]
        assert (town.name, town.level, town.source) == (name, "commune", "geonames")
        assert town.population > population


def test_senegalese_region():
    regions = [c for c in lookup_in("Ziguinchor", "SN") if c.level == "region"]
    assert [(c.code, c.source) for c in regions] == [("SN-ZG", "iso3166-2")]


def test_foreign_cities_come_first_by_population():
    assert (first("Ouagadougou").country, first("Ouagadougou").level) == ("BF", "commune")
    assert first("Toronto").country == "CA"


def test_french_names_of_foreign_places():
    assert (first("Londres").name, first("Londres").country) == ("London", "GB")
    assert (first("Bavière").code, first("Bavière").level) == ("DE-BY", "etat_federe")


def test_alternate_names_count_less_than_official_ones():
    # Valencia is larger, but "Valence" is its French alternate name; "Le Caire" is Cairo's.
    assert [c.country for c in lookup("Valence")][:2] == ["FR", "ES"]
    assert [c.country for c in lookup("Le Caire")] == ["EG", "FR"]


def test_shared_insee_codes_give_every_place():
    assert {(c.name, c.level) for c in by_code("01")} == {("Ain", "departement"), ("Guadeloupe", "region")}
    assert lookup("Nowhere Town Zzz") == [] and by_code("XX-000") == []


def test_country_names_are_not_codes():
    assert is_country_name("Sénégal") and is_country_name("Burkina Faso")
    assert not is_country_name("Dakar") and not is_country_name("BEN")


def test_france_file_keeps_the_fields_of_the_database_loader():
    data = json.loads((gazetteer.DATA / "france_geography.json").read_text(encoding="utf-8"))
    communes = {
        row[0]: dict(zip(data["communes"]["fields"], row, strict=True)) for row in data["communes"]["rows"]
    }
    assert communes["69123"]["siren"] == "216901231"
    assert communes["69123"]["epci"] == "200046977"
    epci = {row[0]: dict(zip(data["epci"]["fields"], row, strict=True)) for row in data["epci"]["rows"]}
    assert epci["200046977"]["type"] == "MET69" and "69123" in epci["200046977"]["members"]
    assert data["source"]["package"].startswith("@etalab/decoupage-administratif@")


def test_geonames_index_was_written_with_this_normaliser():
    # The index keys were folded by refresh_geography.py: a change to normalise needs a refresh.
    with gzip.open(gazetteer.DATA / "geonames_cities.json.gz", "rt", encoding="utf-8") as file:
        cities = json.load(file)
    assert all(normalise(key) == key for key in cities["index"])
    assert all(normalise(row[1]) in cities["index"] for row in cities["rows"])
