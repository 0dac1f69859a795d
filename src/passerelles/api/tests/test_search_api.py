"""The JSON API, version 1: /api/v1/search."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_answers_results_and_facets(client):
    response = client.get("/api/v1/search", {"q": "coopérative", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "1" and 0 < len(body["results"]) <= 5
    assert {"kind", "id", "name", "score", "snippet", "url"} == set(body["results"][0])
    assert sum(v["count"] for v in body["facets"]["kind"]) == body["total"]


def test_empty_query_is_not_an_error(client):
    response = client.get("/api/v1/search", {"q": ""})
    assert response.status_code == 200 and response.json()["notices"]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"theme": "nope"},
        {"sdg": "18"},
        {"type": "club"},
        {"kind": "people"},
        {"year": "abc"},
        {"limit": "0"},
        {"offset": "-1"},
        {"mode": "magic"},
    ],
)
def test_bad_values_get_400_with_a_sentence(client, params):
    response = client.get("/api/v1/search", {"q": "eau", **params})
    assert response.status_code == 400
    message = response.json()["error"]
    assert message.endswith(".") and next(iter(params.values())) in message


def test_operators_are_not_errors(client):
    response = client.get("/api/v1/search", {"q": '"eau" NEAR(x) -- ; \' OR 1=1 *'})
    assert response.status_code == 200
