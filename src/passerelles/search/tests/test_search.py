"""Search over the demonstration data: ranking, tolerance, snippets, facets, bad input, index updates."""

import pytest
from django.db import connection

from passerelles.documents.review import reject
from passerelles.organisations.actions import upsert_organisation
from passerelles.organisations.models import Organisation
from passerelles.projects.models import Project
from passerelles.search.engine import Filters, _fuse, search
from passerelles.search.index import remove_organisation
from passerelles.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def names(results) -> list[str]:
    return [r.name for r in results.results]


def test_demo_data_is_indexed():
    assert SearchEntry.objects.filter(kind="project").count() == Project.objects.published().count()
    assert SearchEntry.objects.filter(kind="organisation").count() == Organisation.objects.count()
    assert "Agence de l'eau Adour Garonne" in names(search("eau", mode="lexical"))


def test_accents_and_case_do_not_matter():
    assert names(search("ÉCONOMIE SOCIALE", mode="lexical")) == names(
        search("economie sociale", mode="lexical")
    )


def test_stemming_finds_singular_from_plural():
    assert set(names(search("coopératives", mode="lexical"))) >= {"La Manufacture Coopérative"}


def test_synonyms_find_the_long_form():
    found = names(search("ESS", mode="lexical"))
    assert any("Economie Sociale" in name or "économie sociale" in name.lower() for name in found)


def test_a_typing_error_is_corrected():
    results = search("compstage", mode="lexical")
    assert results.corrections == {"compstage": "compostage"}
    assert "Compostri" in names(results)


def test_snippets_are_escaped_and_marked(alice):
    upsert_organisation(
        "Eau <script>alert(1)</script> Solidaire",
        "association",
        "FR",
        description="Puits & <b>forages</b> d'eau potable",
    )
    result = next(r for r in search("forages", mode="lexical").results if "script" in r.name)
    assert "<script>" not in result.snippet and "<b>" not in result.snippet
    assert "&amp;" in result.snippet and "<mark>forages</mark>" in result.snippet


def test_semantic_search_crosses_languages():
    results = search("recycling of household waste", mode="semantic")
    assert "Compostri" in names(results)[:10]


def test_fusion_rewards_agreement():
    fused = dict(_fuse([[("project", 1), ("project", 2)], [("project", 2), ("project", 3)]]))
    assert fused[("project", 2)] > fused[("project", 1)] > fused[("project", 3)]
    assert max(_fuse([[("project", 1)], [("project", 1)]]))[1] == 1.0


def test_facets_count_the_candidates():
    results = search("coopérative")
    assert sum(v.count for v in results.facets["kind"]) == results.total
    assert all(v.count > 0 for values in results.facets.values() for v in values)
    country = results.facets["country"][0]
    narrowed = search("coopérative", Filters(country=country.value))
    assert narrowed.total == country.count


def test_filters_narrow_the_results():
    results = search("eau", Filters(kind="organisation", country="FR"))
    assert results.results and {r.kind for r in results.results} == {"organisation"}


@pytest.mark.parametrize(
    "text",
    [
        '"eau',
        "eau*",
        "NEAR(eau assainissement)",
        "eau -- déchets",
        "eau; DROP TABLE search_searchentry; --",
        "' OR 1=1 --",
        "terms:eau AND facets:xkindproject",
        "eau & | ! :* <-> ()",
        "{terms} : eau",
        "^eau",
        "\x00eau",
    ],
)
def test_operators_are_searched_as_text(text):
    results = search(text)
    assert isinstance(results.total, int)
    assert SearchEntry.objects.exists()


def test_an_empty_query_gets_a_message():
    results = search("   ")
    assert results.total == 0 and results.notices


def test_a_query_of_only_punctuation_gets_a_message():
    results = search(';;; "" --')
    assert results.total == 0 and results.notices


def test_a_very_long_query_is_cut():
    results = search("eau " * 2_500)
    assert any("500" in notice for notice in results.notices)


def test_index_follows_save_and_removal():
    organisation = upsert_organisation(
        "Pépinière Zanzibarienne", "association", "TZ", description="Arbres fruitiers"
    )
    assert "Pépinière Zanzibarienne" in names(search("zanzibarienne", mode="lexical"))
    remove_organisation(organisation.pk)
    assert "Pépinière Zanzibarienne" not in names(search("zanzibarienne"))


def test_a_record_deleted_elsewhere_is_never_shown():
    organisation = upsert_organisation("Atelier Kerguelen", "association", "FR")
    organisation.delete()
    assert "Atelier Kerguelen" not in names(search("kerguelen"))


def test_a_rejected_project_leaves_the_index(alice):
    project = Project.objects.published().first()
    assert project.title in names(search(project.title, mode="lexical", limit=100))
    reject(project, by=alice)
    assert not SearchEntry.objects.filter(kind="project", object_id=project.pk).exists()
    assert project.title not in names(search(project.title, limit=100))


@pytest.mark.parametrize("walk", [False, True], ids=["matches read", "newest entries walked"])
def test_a_very_common_query_ranks_the_most_recently_indexed_matches(monkeypatch, walk):
    from passerelles.search import backends

    if walk and connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL chooses between reading the matches and walking the newest entries")
    for number in range(4):
        upsert_organisation(f"Brasserie coopérative {number}", "cooperative", "FR", description="brasserie")
    assert len(search("brasserie", mode="lexical").results) == 4
    for engine in (backends.SqliteBackend, backends.PostgresqlBackend):
        monkeypatch.setattr(engine, "RANKED", 2)
    if walk:
        # With no match to read, PostgreSQL walks the newest entries, as it does for a query in a
        # large share of a big index.
        monkeypatch.setattr(backends.PostgresqlBackend, "READ_MATCHES", 0)
    found = set(names(search("brasserie", mode="lexical")))
    assert found == {"Brasserie coopérative 3", "Brasserie coopérative 2"}
