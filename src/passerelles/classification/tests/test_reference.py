import pytest
from django.utils import translation

from passerelles.classification.models import Sdg, Theme


@pytest.mark.django_db
def test_the_17_sdgs_have_official_titles_and_colours():
    sdgs = list(Sdg.objects.all())
    assert [s.number for s in sdgs] == list(range(1, 18))
    assert all(s.title_fr and s.title_en and s.colour.startswith("#") for s in sdgs)
    six = Sdg.objects.get(number=6)
    with translation.override("fr"):
        assert six.title == "Eau propre et assainissement"
    with translation.override("en"):
        assert six.title == "Clean water and sanitation"


@pytest.mark.django_db
def test_the_19_themes_of_the_record_format_exist_in_both_languages():
    assert Theme.objects.count() == 19
    theme = Theme.objects.get(code="finance_solidaire")
    with translation.override("en"):
        assert theme.label == "Solidarity finance"
    with translation.override("fr"):
        assert theme.label == "Finance solidaire"
