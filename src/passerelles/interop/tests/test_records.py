import io
import json

import pytest
from django.utils import translation

from passerelles.interop import get_format
from passerelles.interop.records import exported_projects, read, write
from passerelles.lib.errors import InputError
from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db


def _export() -> dict:
    stream = io.StringIO()
    write(exported_projects(), stream)
    return json.loads(stream.getvalue())


def _without_ids(document: dict) -> list[dict]:
    return sorted(
        ({k: v for k, v in r.items() if k != "id"} for r in document["records"]), key=lambda r: r["title"]
    )


def test_export_carries_every_field_of_the_record_format():
    record = next(r for r in _export()["records"] if r["title"].startswith("Réhabilitation"))
    assert record["countries"] == ["BJ", "FR"]
    assert {"name": "Ville de Porto-Novo", "country": "BJ", "level": "commune"} in record["territories"]
    assert record["budget_total_eur"] == 140000
    assert {
        "funder": "Ouadada Bénin",
        "funder_kind": "organisation",
        "amount_eur": None,
        "share_pct": 3,
    } in record["funding"]
    assert {"name": "Luc Raimbault", "email": "luc.raimbault@cergypontoise.fr"} in record["contacts"]
    assert record["ess_dimension"] is True


def test_records_round_trip_through_an_empty_database():
    exported = _export()
    Project.objects.all().delete()
    read(io.StringIO(json.dumps(exported)))
    assert _without_ids(_export()) == _without_ids(exported)


def test_reading_the_same_records_twice_adds_nothing():
    exported = json.dumps(_export())
    read(io.StringIO(exported))
    assert Project.objects.count() == len(json.loads(exported)["records"])


def test_an_empty_database_exports_a_valid_empty_file():
    Project.objects.all().delete()
    assert _export() == {"version": 1, "records": []}


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not valid JSON"),
        ('{"version": 2, "records": []}', "version 1"),
        (
            '{"version": 1, "records": [{"title": "A", "countries": ["FR"], "territories": '
            '[{"name": "Nulle part", "country": "XX", "level": "commune"}]}]}',
            "record 1: country",
        ),
        ('{"version": 1, "records": [{"title": "A", "sdgs": [19]}]}', "record 1: sdgs"),
        ('{"version": 1, "records": [{"title": "A", "themes": ["lune"]}]}', "record 1: themes"),
        (
            '{"version": 1, "records": [{"title": "A"}, {"title": "B", "start_year": 3000}]}',
            "record 2: start_year",
        ),
    ],
)
def test_bad_records_are_refused_and_nothing_is_stored(content, message):
    before = Project.objects.count()
    with translation.override("en"), pytest.raises(InputError, match=message):
        read(io.StringIO(content), source="bad.json")
    assert Project.objects.count() == before


def test_unknown_format_is_refused_in_french_and_english():
    with pytest.raises(InputError, match="Format inconnu « docx »"):
        get_format("docx")
    with translation.override("en"), pytest.raises(InputError, match="Unknown format “docx”"):
        get_format("docx")
