"""Every public page shows the demonstration data, in French by default and in English."""

import pytest
from django.urls import reverse
from django.utils import translation

from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db

PORTO_NOVO = "Réhabilitation et valorisation multimédia des places traditionnelles vodùn de Porto-Novo"


def _page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_search_box_key_figures_and_recent_projects(client):
    html = _page(client, "/")
    assert '<html lang="fr">' in html
    assert 'role="search"' in html
    projects = Project.objects.published().count()
    assert f"<dd>{projects}</dd>" in html
    assert "Chiffres clés" in html
    assert "Projets récents" in html


def test_project_list_filters_by_country_theme_sdg_type_and_years(client):
    html = _page(client, "/projects/", country="BJ")
    assert PORTO_NOVO in html
    assert "Initiative Souss Massa Drâa" not in html
    assert "1 projet" in html
    html = _page(client, "/projects/", theme="finance_solidaire")
    assert "Initiative Souss Massa Drâa" in html and PORTO_NOVO not in html
    html = _page(client, "/projects/", sdg="11", type="association", year_from="2014", year_to="2014")
    assert PORTO_NOVO in html


def test_project_list_facets_have_counts(client):
    html = _page(client, "/projects/")
    morocco = Project.objects.published().filter(territories__country="MA").distinct().count()
    assert f'Maroc <span class="count">({morocco})</span>' in html
    assert "Finance solidaire" in html


def test_unknown_facet_values_give_a_notice_not_an_error(client):
    html = _page(client, "/projects/", country="ZZ", sdg="42", theme="astronautique", year_from="demain")
    assert "Code de pays inconnu « ZZ »" in html
    assert "n’est pas un ODD" in html
    assert "Thème inconnu" in html
    assert f"{Project.objects.published().count()} projets" in html


def test_project_list_is_paged(client, settings):
    settings.PROJECTS_PER_PAGE = 5
    first = _page(client, "/projects/")
    assert "Page 1 sur 3" in first
    third = _page(client, "/projects/", page=3)
    assert third.count('class="card"') == Project.objects.published().count() - 10


def test_project_page_is_laid_out_like_a_fiche(client):
    project = Project.objects.get(title=PORTO_NOVO)
    html = _page(client, project.get_absolute_url())
    assert "Communauté d&#x27;agglomération de Cergy-Pontoise" in html
    assert "Ville de Porto-Novo" in html and "Bénin" in html
    assert "Financeur" in html
    assert "140\u202f000 EUR" in html
    assert "40 %" in html and "Total" in html
    assert "Culture et patrimoine" in html
    assert 'class="sdg"' in html and "ODD 11" in html
    assert "Sources" in html and "<blockquote>" in html


def test_project_page_in_english(client):
    project = Project.objects.get(title=PORTO_NOVO)
    with translation.override("en"):
        url = reverse("project", args=[project.slug])
    assert url.startswith("/en/")
    html = _page(client, url)
    assert '<html lang="en">' in html
    assert "Financing" in html and "Funder" in html
    assert "Culture and heritage" in html and "Benin" in html
    assert "SDG 11" in html


def test_language_switch_points_to_the_same_page_in_the_other_language(client):
    project = Project.objects.get(title=PORTO_NOVO)
    html = _page(client, project.get_absolute_url())
    assert f'href="/en/projects/{project.slug}/" hreflang="en"' in html
    english = _page(client, f"/en/projects/{project.slug}/")
    assert f'href="/projects/{project.slug}/" hreflang="fr"' in english


def test_unknown_project_is_a_404(client):
    assert client.get("/projects/nothing-here/").status_code == 404


def test_unpublished_projects_are_hidden(client):
    project = Project.objects.get(title=PORTO_NOVO)
    project.is_published = False
    project.save()
    assert client.get(project.get_absolute_url()).status_code == 404
    assert PORTO_NOVO not in _page(client, "/projects/")
