import pytest

from passerelles.demo.load import load_demo
from passerelles.documents.models import Document, SourceReference
from passerelles.organisations.models import Organisation
from passerelles.projects.models import Contact, FundingLine, Participation, Project
from passerelles.territories.models import Partnership, Territory

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = [
        Project,
        Organisation,
        Territory,
        Partnership,
        Participation,
        FundingLine,
        Contact,
        Document,
        SourceReference,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_the_demonstration_data_twice_creates_no_duplicate():
    before = _counts()
    load_demo()
    assert _counts() == before


def test_the_demonstration_data_is_complete():
    assert Project.objects.count() == 13
    for project in Project.objects.all():
        assert project.territories.exists() or project.action_countries, project
        assert project.participations.exists(), project
        assert project.themes.exists(), project
        assert SourceReference.objects.filter(object_id=project.pk, document__isnull=False).exists(), project
    assert all(t.level and t.country for t in Territory.objects.all())


def test_every_quoted_source_is_found_in_its_document():
    for reference in SourceReference.objects.select_related("document"):
        assert reference.quote
        assert reference.document.text[reference.start_char : reference.end_char] == reference.quote
