"""The search page and its htmx partial, and the `passerelles search` command."""

import json

import pytest

from passerelles.cli import main

pytestmark = pytest.mark.django_db


def test_page_shows_labelled_form_and_results(client):
    html = client.get("/search/", {"q": "eau"}).content.decode()
    assert '<label for="search-q">' in html and 'hx-get="/search/"' in html
    assert "<mark>eau</mark>" in html and "Adour Garonne" in html


def test_empty_page_invites_to_type(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "search-results" in response.content.decode()


def test_htmx_request_gets_the_results_alone(client):
    html = client.get("/search/", {"q": "compost"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "Compostri" in html


def test_unknown_filter_value_is_a_notice_on_the_page(client):
    html = client.get("/search/", {"q": "eau", "country": "XX"}).content.decode()
    assert "XX" in html and 'role="alert"' in html


def test_page_in_english(client):
    html = client.get("/en/search/", {"q": "eau", "sdg": "99"}).content.decode()
    assert "is not" in html or "Unknown" in html


def test_cli_json_shape(capsys):
    assert main(["search", "eau", "--json", "--limit", "5"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert 0 < len(items) <= 5
    for item in items:
        assert set(item) == {"kind", "id", "name", "score", "snippet"}


def test_cli_filters(capsys):
    assert main(["search", "eau", "--kind", "organisations", "--country", "FR", "--json"]) == 0
    assert {item["kind"] for item in json.loads(capsys.readouterr().out)} == {"organisation"}


def test_cli_unknown_country_is_one_sentence(capsys):
    assert main(["search", "eau", "--country", "ZZ", "--json"]) == 2
    err = capsys.readouterr().err
    assert "ZZ" in err and err.count("\n") == 1


def test_cli_rebuild(capsys):
    assert main(["search", "--rebuild"]) == 0
    assert "13" in capsys.readouterr().out
