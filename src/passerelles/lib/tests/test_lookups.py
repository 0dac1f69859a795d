"""`__any_of`: membership in a list, one array parameter on PostgreSQL, an IN list elsewhere."""

import pytest

from passerelles.organisations.models import Organisation
from passerelles.projects.models import Participation

pytestmark = pytest.mark.django_db


def test_any_of_finds_the_rows_of_the_listed_ids_and_nothing_for_an_empty_list():
    first, second, third = Organisation.objects.order_by("pk")[:3]
    found = Organisation.objects.filter(pk__any_of=[first.pk, third.pk]).values_list("pk", flat=True)
    assert sorted(found) == [first.pk, third.pk]
    assert not Organisation.objects.filter(pk__any_of=[]).exists()
    assert Organisation.objects.exclude(pk__any_of=[second.pk]).filter(pk=second.pk).count() == 0


def test_any_of_follows_a_foreign_key_and_takes_strings():
    participation = Participation.objects.filter(organisation__isnull=False).first()
    assert participation is not None
    rows = Participation.objects.filter(organisation_id__any_of={participation.organisation_id})
    assert participation in rows
    assert all(row.organisation_id == participation.organisation_id for row in rows)
    country = participation.organisation.country or "FR"
    in_country = Organisation.objects.filter(country__any_of=[country, "ZZ"])
    assert in_country.count() == Organisation.objects.filter(country=country).count() > 0
