"""Personal data never reaches the public through a project's text.

Zoé is not signed in; Carol is a curator. The project, the place and the person are invented:
Zéphyrin Castagnol's name, e-mail and phones are written in the text of a project of Valmoreau.
"""

import json
from pathlib import Path

import pytest
from django.test import Client

from passerelles.cli import main
from passerelles.documents.actions import ingest_file, store_drafts
from passerelles.documents.drafts import Draft
from passerelles.documents.models import Document
from passerelles.lib.privacy import MARK, mask, personal_data, scrub
from passerelles.matching.pipeline import project_facts
from passerelles.projects.actions import save_project
from passerelles.projects.data import ContactData, ProjectData, ResultData
from passerelles.projects.models import Contact, Project
from passerelles.search.engine import search
from passerelles.search.index import update_project
from passerelles.territories.models import Territory

NAME = "Zéphyrin Castagnol"
EMAIL = "z.castagnol@valmoreau-solidaire.example"
PHONE = "+33 (0)4 71 22 33 44"
MOBILE = "06 98 76 54 32"
pytestmark = pytest.mark.django_db

PERSONAL = [NAME, "Castagnol", EMAIL, PHONE, MOBILE, "04 71 22 33 44"]


@pytest.fixture
def zoe() -> Client:
    """Zoé, not signed in."""
    return Client()


@pytest.fixture
def carol_client(carol) -> Client:
    client = Client()
    client.force_login(carol)
    return client


@pytest.fixture
def project() -> Project:
    valmoreau = Territory.objects.create(name="Valmoreau", country="FR", level="commune")
    project = save_project(
        ProjectData(
            title=f"Lombricompostage partagé de Valmoreau avec {NAME}",
            summary=(
                f"Les jardins de Valmoreau compostent leurs déchets verts avec des vers. {NAME} "
                f"anime le lombricompostage ; écrire à {EMAIL} ou appeler le {PHONE}."
            ),
            territories=[valmoreau],
            themes=["dechets_economie_circulaire"],
            sdgs=[12],
            start_year=2021,
            difficulties=f"Trouver des bénévoles l'hiver. Tél. : {MOBILE}",
            perspectives=f"M. Castagnol veut ouvrir un second site de lombricompostage ({EMAIL}).",
            results=[ResultData(title="Un site ouvert", description=f"Suivi par {NAME}.")],
            contacts=[ContactData(name=NAME, function="animateur", email=EMAIL, phone=MOBILE)],
            classify=False,
        )
    )
    Project.objects.filter(pk=project.pk).update(slug="lombricompostage-valmoreau")
    project.refresh_from_db()
    return project


def assert_nothing_personal(text: str) -> None:
    for value in PERSONAL:
        assert value not in text


# The helper: what it takes for a phone, an e-mail or a name.


def test_phones_in_french_and_international_forms_are_found():
    text = (
        "Appeler le 06 12 34 56 78, le +33 (0)1 23 45 67 89, le +229 97 00 00 00, "
        "le 01.23.45.67.89 ou le (+221) 33 800 00 00."
    )
    assert personal_data(text) == [
        "06 12 34 56 78",
        "+33 (0)1 23 45 67 89",
        "+229 97 00 00 00",
        "01.23.45.67.89",
        "(+221) 33 800 00 00",
    ]


def test_years_amounts_postcodes_registration_numbers_and_dates_are_no_phones():
    text = (
        "En 2019, 140 000 € puis 1 200 000 € ; 75011 Paris, 01000 Bourg ; SIREN 123 456 789, "
        "SIRET 123 456 789 00012 ; signé le 01.02.2019 et le 12/03/2019 ; 2018-2020 ; +25 %."
    )
    assert personal_data(text) == []


def test_scrub_removes_emails_phones_names_and_their_dangling_labels():
    text = (
        "Le projet est porté par Mme Castagnol.\n"
        f"{NAME}, animateur, Ville de Valmoreau\n"
        f"Tél. : 04 71 22 33 44 / {MOBILE}\n"
        f"Mail : {EMAIL}\n"
        "Les jardins ouvrent en 2022."
    )
    assert scrub(text, [NAME]) == (
        "Le projet est porté par.\nanimateur, Ville de Valmoreau\nLes jardins ouvrent en 2022."
    )


def test_mask_marks_every_form_of_the_name_and_leaves_the_rest():
    text = f"CASTAGNOL Zéphyrin, puis M. Castagnol ({EMAIL}) ; 140 000 € en 2021."
    assert mask(text, [NAME]) == f"{MARK}, puis {MARK} ({MARK}) ; 140 000 € en 2021."


# At extraction: the text fields lose the person, the Contact record keeps it.


def test_extracted_text_fields_lose_the_contact_who_stays_a_contact():
    document = Document.objects.create(title="Fiche de Valmoreau", text="Fiche de Valmoreau")
    draft = Draft(
        title="Jardins de Valmoreau",
        summary=f"Les jardins compostent. Contact : {NAME}, {EMAIL}, {PHONE}",
        difficulties=f"L'hiver. Tél. : {MOBILE}",
        perspectives=f"Un second site.\nMail : {EMAIL}",
        success_conditions=f"Des bénévoles ; {NAME} les forme.",
        results=[{"title": "Un site ouvert", "description": f"Suivi par {NAME} ({MOBILE})."}],
        contacts=[{"name": NAME, "email": EMAIL, "phone": MOBILE, "function": "animateur"}],
        themes=["dechets_economie_circulaire"],
    )
    [project] = store_drafts(document, [draft], publish=True)
    assert project.summary == "Les jardins compostent."
    assert project.difficulties == "L'hiver."
    assert project.perspectives == "Un second site."
    assert project.success_conditions == "Des bénévoles ; les forme."
    assert project.results.get().description == "Suivi par."
    contact = Contact.objects.get(project=project)
    assert (contact.name, contact.email, contact.phone) == (NAME, EMAIL, MOBILE)


def test_a_table_of_projects_is_scrubbed_the_same_way(tmp_path: Path):
    path = tmp_path / "valmoreau.csv"
    path.write_text(
        "Titre;Description;Contact;Courriel\n"
        f"Vergers de Valmoreau;Des vergers partagés. Renseignements : {NAME}, {MOBILE};{NAME};{EMAIL}\n",
        encoding="utf-8",
    )
    outcome = ingest_file(path, publish=True)
    assert outcome.ok, outcome.message
    project = Project.objects.get(pk=outcome.project_ids[0])
    assert project.summary == "Des vergers partagés. Renseignements"
    assert project.contacts.get().email == EMAIL


# The last guard: whatever the public reads.


def test_zoe_reads_the_project_page_without_the_person(zoe, project):
    html = zoe.get(project.get_absolute_url()).content.decode()
    assert "lombricompostage" in html and MARK in html
    assert_nothing_personal(html)


def test_carol_curator_reads_the_whole_text_and_the_contact(carol_client, project):
    html = carol_client.get(project.get_absolute_url()).content.decode()
    assert NAME in html and EMAIL in html and MOBILE in html
    assert f"Tél. : {MOBILE}" in html


def test_zoe_reads_the_sources_without_the_lines_of_the_contact(zoe, carol_client):
    summary = f"Les vergers de Valmoreau partagent leurs fruits. Tél. : {MOBILE}"
    contact = f"{NAME}, animateur, {EMAIL}"
    text = f"Vergers de Valmoreau\n{summary}\nCONTACT\n{contact}\n"
    document = Document.objects.create(title="Fiche des vergers", text=text)
    draft = Draft(
        title="Vergers de Valmoreau",
        summary=summary,
        contacts=[{"name": NAME, "email": EMAIL, "function": "animateur"}],
        themes=["agriculture_alimentation"],
        spans={
            "summary": (text.index(summary), text.index(summary) + len(summary)),
            "contacts.0": (text.index(contact), text.index(contact) + len(contact)),
        },
    )
    [project] = store_drafts(document, [draft], publish=True)
    html = zoe.get(project.get_absolute_url()).content.decode()
    assert "Les vergers de Valmoreau partagent leurs fruits. Tél. : […]" in html
    assert_nothing_personal(html)
    html = carol_client.get(project.get_absolute_url()).content.decode()
    assert summary in html and contact in html


def test_zoe_reads_lists_cards_and_places_without_the_person(zoe, project):
    valmoreau = project.territories.get()
    pages = [
        zoe.get("/"),
        zoe.get("/projects/", {"q": "Lombricompostage"}),
        zoe.get(valmoreau.get_absolute_url()),
    ]
    for response in pages:
        html = response.content.decode()
        assert project.get_absolute_url() in html
        assert_nothing_personal(html)


def test_zoe_searches_without_finding_or_reading_the_person(zoe, project):
    html = zoe.get("/search/", {"q": "lombricompostage Valmoreau"}).content.decode()
    assert project.get_absolute_url() in html
    assert_nothing_personal(html)
    partial = zoe.get("/search/", {"q": "lombricompostage"}, headers={"HX-Request": "true"})
    assert_nothing_personal(partial.content.decode())
    assert not [r for r in search("Castagnol").results if r.id == project.pk]
    answer = zoe.get("/api/v1/search", {"q": "lombricompostage Valmoreau"}).json()
    assert project.pk in [r["id"] for r in answer["results"] if r["kind"] == "project"]
    assert_nothing_personal(json.dumps(answer, ensure_ascii=False))


def test_a_contact_added_after_indexing_is_masked_in_results_too(project):
    project.summary = "Ombeline Ferrandou tient le lombricompostage de Valmoreau."
    project.save()
    update_project(project)
    Contact.objects.create(project=project, name="Ombeline Ferrandou")
    [found] = [r for r in search("lombricompostage").results if r.id == project.pk]
    assert "Ferrandou" not in found.snippet and "Ombeline" not in found.snippet


def test_zoe_reads_the_api_record_without_the_person(zoe, carol_client, project):
    record = zoe.get(f"/api/v1/projects/{project.slug}").json()
    assert "contacts" not in record
    assert_nothing_personal(json.dumps(record, ensure_ascii=False))
    signed_in = carol_client.get(f"/api/v1/projects/{project.slug}").json()
    assert signed_in["contacts"] == [{"name": NAME, "email": EMAIL}]


@pytest.mark.parametrize("format_name", ["csv", "iati", "records"])
def test_exports_hold_no_person_in_their_text(project, format_name, capsys):
    assert main(["export", "--format", format_name]) == 0
    written = capsys.readouterr().out
    assert "Lombricompostage" in written
    if format_name == "records":
        # The records file keeps its contacts for the measuring scripts; its text is masked.
        [record] = [r for r in json.loads(written)["records"] if r["id"] == project.slug]
        assert record["title"] == f"Lombricompostage partagé de Valmoreau avec {MARK}"
        assert record.pop("contacts") == [{"name": NAME, "email": EMAIL}]
        written = json.dumps(record, ensure_ascii=False)
    assert_nothing_personal(written)


def test_the_matching_page_shows_titles_masked(zoe, project):
    assert (
        project_facts({project.pk})[project.pk].title == f"Lombricompostage partagé de Valmoreau avec {MARK}"
    )
    html = zoe.get("/match/", {"need": "lombricompostage des déchets verts des jardins"}).content.decode()
    assert_nothing_personal(html)
