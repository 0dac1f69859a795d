"""Changes made in the admin reach the index and the labels: Alice the curator edits and deletes."""

import pytest

from passerelles.classification.models import LabelEvidence, LabelSource
from passerelles.conftest import admin_form_data
from passerelles.organisations.models import Organisation
from passerelles.projects.models import Project
from passerelles.search.engine import Filters, search
from passerelles.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_alice_sets_the_sdgs_of_a_project_in_the_admin_and_they_stay_human(alice_client):
    project = Project.objects.published().filter(sdgs__isnull=False).distinct().first()
    before = set(project.sdgs.values_list("number", flat=True))
    removed, added = min(before), next(n for n in range(1, 18) if n not in before)
    url = f"/admin/projects/project/{project.pk}/change/"
    data = admin_form_data(alice_client, url)
    data["sdgs"] = sorted(before - {removed} | {added})
    assert alice_client.post(url, data).status_code == 302

    assert set(project.sdgs.values_list("number", flat=True)) == before - {removed} | {added}
    human = {
        row.code: row.present
        for row in LabelEvidence.objects.filter(project=project, kind="sdg", source=LabelSource.HUMAN)
    }
    assert human[str(added)] is True and human[str(removed)] is False
    assert sum(not present for present in human.values()) == 17 - len(before - {removed} | {added})
    assert project.pk in [r.id for r in search(project.title, Filters(sdg=added), limit=100).results]
    assert project.pk not in [r.id for r in search(project.title, Filters(sdg=removed), limit=100).results]


def test_alice_renames_an_organisation_in_the_admin_and_search_finds_the_new_name(alice_client):
    organisation = Organisation.objects.filter(participations__isnull=False).first()
    url = f"/admin/organisations/organisation/{organisation.pk}/change/"
    data = admin_form_data(alice_client, url)
    data["name"] = "Brasserie coopérative du Zambèze"
    assert alice_client.post(url, data).status_code == 302
    found = search("Zambèze", mode="lexical", limit=100).results
    assert ("organisation", organisation.pk) in [(r.kind, r.id) for r in found]
    assert any(r.kind == "project" for r in found)  # its projects name it in their entries


def test_alice_deletes_an_organisation_in_the_admin_and_it_leaves_the_index(alice_client):
    organisation = Organisation.objects.filter(type="association").first()
    response = alice_client.post(
        "/admin/organisations/organisation/",
        {"action": "delete_selected", "_selected_action": [organisation.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not SearchEntry.objects.filter(kind="organisation", object_id=organisation.pk).exists()
    kinds = {v.value: v.count for v in search(organisation.name, mode="lexical").facets["kind"]}
    assert kinds.get("organisation", 0) == len(
        [r for r in search(organisation.name, mode="lexical", limit=100).results if r.kind == "organisation"]
    )
