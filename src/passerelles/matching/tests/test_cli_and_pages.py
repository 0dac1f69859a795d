import json

import pytest

from passerelles.cli import match as match_command
from passerelles.cli import parser
from passerelles.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    args = parser().parse_args(["match", *argv])
    status = match_command(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_json_shape(capsys):
    status, out, _err = run(capsys, "composteurs partagés pour un quartier", "--limit", "3", "--json")
    assert status == 0
    items = json.loads(out)
    assert 0 < len(items) <= 3
    for item in items:
        assert set(item) == {"name", "type", "country", "score", "why", "projects"}
        assert isinstance(item["why"], list) and isinstance(item["projects"], list)


def test_cli_projects_adds_similar_projects(capsys):
    _status, out, _err = run(capsys, "commerce équitable de thé", "--projects", "--json")
    answer = json.loads(out)
    assert set(answer) == {"organisations", "projects"}
    assert answer["projects"] and {"title", "url", "score"} <= set(answer["projects"][0])


def test_cli_unknown_country_exits_2_with_one_sentence(capsys):
    from passerelles.cli import main

    status = main(["match", "compost", "--country", "ZZ", "--json"])
    assert status == 2
    err = capsys.readouterr().err
    assert "ZZ" in err and err.count("\n") == 1


def test_page_shows_form_and_results(client):
    html = client.get("/match/").content.decode()
    assert 'name="need"' in html and 'name="country"' in html
    html = client.get(
        "/match/", {"need": "compostage des déchets de cantine", "country": "CM"}
    ).content.decode()
    assert "Compostri" in html and Organisation.objects.get(name="Compostri").get_absolute_url() in html
    assert "/projects/" in html or "/projets/" in html


def test_menu_links_to_the_page(client):
    assert 'href="/match/"' in client.get("/").content.decode()


def test_organisation_page_lists_cooperating_local_governments(client):
    compostri = Organisation.objects.get(name="Compostri")
    html = client.get(compostri.get_absolute_url()).content.decode()
    assert "Dschang" in html
    # The sentence says why, quoting the project that links them.
    assert "« Amélioration du cadre de vie" in html.split("Dschang", 1)[1][:400]
