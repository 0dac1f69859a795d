import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from passerelles.documents.actions import ingest_paths
from passerelles.interop import get_format
from passerelles.interop.iati import read, write
from passerelles.interop.iati.read import parse_decimal
from passerelles.interop.iati.write import indicator_years
from passerelles.interop.records import exported_projects
from passerelles.interop.tests import REAL
from passerelles.lib.errors import InputError
from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db

AFD = REAL / "iati_fr_afd_maedi_ngos_dportal.xml"
OXFAM = REAL / "iati_oxfam-novib_results_sdg_dportal.xml"
FOOD = REAL / "iati_foodsecurity_mixed_results_sdg_dportal.xml"
EXAMPLE = REAL / "iati_official_example_2.03_annotated.xml"


def _activity(path: Path, identifier: str):
    return next(d for d in read(path).drafts or [] if d.external_id == identifier)


def _roles(draft) -> set[tuple[str, str]]:
    return {(o["name"], o["role"]) for o in draft.organisations}


def _counts(path: Path) -> dict:
    drafts = read(path).drafts or []
    return {
        "activities": len(drafts),
        "with countries": sum(bool(d.countries) for d in drafts),
        "with budgets": sum(d.budget_total is not None for d in drafts),
        "with roles": sum(bool(d.organisations) for d in drafts),
        "results": sum(len(d.results) for d in drafts),
        "indicators": sum(len(r["indicators"]) for d in drafts for r in d.results),
        "sdg tags": sum(len(d.sdgs) for d in drafts),
    }


@pytest.mark.parametrize(
    "path, expected",
    [
        (
            AFD,
            {
                "activities": 100,
                "with countries": 84,
                "with budgets": 69,
                "with roles": 100,
                "results": 0,
                "indicators": 0,
                "sdg tags": 0,
            },
        ),
        (
            OXFAM,
            {
                "activities": 100,
                "with countries": 99,
                "with budgets": 99,
                "with roles": 100,
                "results": 230,
                "indicators": 552,
                "sdg tags": 96,
            },
        ),
        (
            FOOD,
            {
                "activities": 7,
                "with countries": 4,
                "with budgets": 7,
                "with roles": 7,
                "results": 11,
                "indicators": 17,
                "sdg tags": 2,
            },
        ),
        (
            EXAMPLE,
            {
                "activities": 1,
                "with countries": 1,
                "with budgets": 1,
                "with roles": 1,
                "results": 1,
                "indicators": 1,
                "sdg tags": 0,
            },
        ),
    ],
)
def test_every_activity_of_the_real_files_is_read(path, expected):
    assert _counts(path) == expected


def test_real_files_are_read_as_iati_documents_citing_each_title():
    result = read(FOOD)
    assert (result.kind, result.title) == ("iati", FOOD.name)
    for draft in result.drafts or []:
        start, end = draft.spans["title"]
        assert result.text[start:end] == draft.title
        start, end = draft.spans["summary"]
        assert result.text[start:end] == draft.summary


def test_afd_activity_keeps_its_country_roles_years_and_original_budget():
    draft = _activity(AFD, "FR-3-CSN168901")
    assert draft.title == "Complément PME au PADES dans le cadre de la lutte contre le COVID-19"
    assert draft.countries == ["SN"]
    assert _roles(draft) == {
        ("AFD", "appui_technique"),
        ("France", "financeur"),
        ("REPUBLIQUE DU SENEGAL", "operateur"),
    }
    afd = next(o for o in draft.organisations if o["name"] == "AFD")
    assert (afd["type"], afd["country"]) == ("etat", "FR")
    # Six quarterly budgets: 5 x 1,074,626.12 + 322,387.83.
    assert (draft.budget_total, draft.currency) == (Decimal("5695518.43"), "EUR")
    assert (draft.start_year, draft.end_year, draft.status) == (2020, 2021, "en_cours")
    assert draft.funding == [{"funder": "France", "amount": None, "currency": "EUR", "share_pct": None}]


def test_the_real_files_are_stored_whole():
    # Each holds an activity the publisher wrote oddly (below); one refused activity refuses its file.
    before = Project.objects.count()
    outcomes = ingest_paths([AFD, OXFAM])
    assert [outcome.ok for outcome in outcomes] == [True, True], [o.message for o in outcomes]
    assert Project.objects.count() - before == 200


def test_a_description_written_as_an_organisation_name_gives_the_name_it_opens_with():
    draft = next(d for d in read(OXFAM).drafts or [] if d.title == "Gender & Environment Curriculum (WBAB)")
    assert "Weaving Bonds Across Borders" in {o["name"] for o in draft.organisations}


def test_reversals_that_outweigh_the_funds_received_leave_the_amount_unknown():
    draft = next(d for d in read(OXFAM).drafts or [] if d.title == "CO-Emergency Response to COVID-19")
    assert {"funder": "Oxfam Novib", "amount": None, "currency": "EUR", "share_pct": None} in draft.funding


def test_a_planned_end_overtaken_by_a_late_actual_start_is_left_out():
    draft = _activity(AFD, "FR-6-PH-2102")
    assert (draft.start_year, draft.end_year) == (2021, None)


def test_afd_file_skips_the_multi_country_code_zz():
    drafts = read(AFD).drafts or []
    codes = {code for draft in drafts for code in draft.countries}
    assert "ZZ" not in codes
    assert len(codes) == 38


def test_oxfam_activity_keeps_its_sdg_budget_funding_and_results():
    draft = _activity(OXFAM, "NL-KVK-27108436-A-05001-08:PK")
    assert draft.title == "Fair Finance Asia - Sida - Pakistan Prog"
    assert draft.countries == ["PK"]
    assert draft.sdgs == [10]
    assert {
        ("Oxfam Novib", "maitre_ouvrage"),
        ("Swedish Internat. Dev't Coop. Agency (SIDA)", "financeur"),
    } <= (_roles(draft))
    oxfam = next(o for o in draft.organisations if o["name"] == "Oxfam Novib")
    assert (oxfam["type"], oxfam["country"]) == ("association", "NL")
    assert (draft.budget_total, draft.currency) == (Decimal("70141"), "EUR")
    assert draft.funding == [
        {
            "funder": "Swedish Internat. Dev't Coop. Agency (SIDA)",
            "amount": Decimal("9542"),
            "currency": "EUR",
            "share_pct": None,
        }
    ]
    assert len(draft.results) == 10
    first = draft.results[0]
    assert first["title"] == "2400"
    assert first["description"].startswith("Improved policies Governments and global actors")
    assert first["indicators"] == [
        {"name": "DD2", "unit": "", "baseline": Decimal("0"), "target": Decimal("2"), "measurements": []}
    ]


def test_oxfam_indicator_actual_becomes_a_measurement_of_the_period_end_year():
    draft = _activity(OXFAM, "LB-MOI-497-XM-DAC-7-PPR-4000003882")
    indicator = draft.results[0]["indicators"][0]
    assert indicator["name"].startswith("Output indicator 2.2.1")
    assert indicator["target"] == Decimal("120")
    assert indicator["measurements"] == [{"year": 2020, "value": Decimal("124")}]
    assert (draft.start_year, draft.end_year, draft.status) == (2020, 2020, "termine")


def test_incoming_commitment_counts_instead_of_the_funds_paid_against_it():
    draft = _activity(FOOD, "NL-KVK-30214009-C380")
    assert draft.funding == [
        {
            "funder": "Netherlands – Ministry of Foreign Affairs",
            "amount": Decimal("57024708"),
            "currency": "EUR",
            "share_pct": None,
        }
    ]
    indicator = draft.results[-1]["indicators"][2]
    assert indicator == {
        "name": "# of women led CSOs included in the SCS programme",
        "unit": "",
        "baseline": Decimal("5"),
        "target": Decimal("9"),
        "measurements": [{"year": 2021, "value": Decimal("6")}],
    }


def test_food_security_sdg_tags_of_vocabulary_2():
    draft = _activity(FOOD, "XI-IATI-EC_INTPA-2021/429-054")
    assert draft.sdgs == [1, 9]
    assert draft.countries == ["CG"]


def test_official_example_prefers_french_narratives():
    draft = _activity(EXAMPLE, "AA-AAA-123456789-ABC123")
    assert draft.title == "Titre de l'activité"
    assert draft.summary.startswith("Activité générale du texte de description.")
    assert ("Nom de l'agence A", "appui_technique") in _roles(draft)
    # The reporting organisation is agency A again (same ref): it is not added twice.
    assert len(draft.organisations) == 3
    assert draft.countries == ["AF", "AG"]
    assert draft.contacts == [
        {
            "name": "A. Example",
            "email": "transparency@example.org",
            "function": "Transparency Lead",
            "phone": "0044111222333444",
            "organisation": "Agency A",
        }
    ]
    assert draft.results[0]["indicators"][0]["baseline"] == Decimal("10")
    assert draft.results[0]["indicators"][0]["measurements"] == [{"year": 2013, "value": Decimal("11")}]


ACTIVITY = """<iati-activity default-currency="EUR">
  <iati-identifier>XM-TEST-1</iati-identifier>
  <title><narrative>Puits</narrative></title>
  {extra}
 </iati-activity>"""


def _file(tmp_path: Path, content: str, name: str = "test.xml") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _refused(path: Path, message: str) -> None:
    with translation.override("en"), pytest.raises(InputError, match=message):
        read(path)


def test_version_1_is_refused(tmp_path):
    path = _file(tmp_path, f'<iati-activities version="1.05">{ACTIVITY.format(extra="")}</iati-activities>')
    _refused(path, r"test\.xml is IATI version 1\.05; only versions 2\.01 to 2\.03 are read")


def test_an_activity_of_version_1_inside_a_d_portal_wrapper_is_refused(tmp_path):
    activity = ACTIVITY.replace(
        "<iati-activity ",
        '<iati-activity xmlns:v="http://d-portal.org/xmlns/iati-activities" v:version="1.04" ',
    )
    _refused(_file(tmp_path, f'<iati-activities version="2.03">{activity}</iati-activities>'), "version 1.04")


def test_a_missing_version_is_accepted_only_in_a_d_portal_wrapper(tmp_path):
    plain = _file(tmp_path, f"<iati-activities>{ACTIVITY.format(extra='')}</iati-activities>")
    _refused(plain, "declares no IATI version")
    activity = ACTIVITY.replace(
        "<iati-activity ", '<iati-activity xmlns:d="http://d-portal.org/xmlns/dstore" d:dataset="x" '
    )
    wrapper = _file(tmp_path, f"<iati-activities>{activity.format(extra='')}</iati-activities>", "d.xml")
    assert [d.title for d in read(wrapper).drafts or []] == ["Puits"]


def test_a_lone_activity_is_read(tmp_path):
    drafts = read(_file(tmp_path, ACTIVITY.format(extra=""))).drafts or []
    assert [(d.title, d.external_id, d.status) for d in drafts] == [("Puits", "XM-TEST-1", "inconnu")]


def test_billion_laughs_is_refused(tmp_path):
    entities = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    content = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>'
        '<iati-activities version="2.03"><iati-activity><title><narrative>&lol9;</narrative></title>'
        "</iati-activity></iati-activities>"
    )
    _refused(_file(tmp_path, content), r"test\.xml is not safe XML")


def test_external_entity_is_refused(tmp_path):
    secret = _file(tmp_path, "secret", "secret.txt")
    content = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<iati-activities version="2.03"><iati-activity><title><narrative>&xxe;</narrative></title>'
        "</iati-activity></iati-activities>"
    )
    _refused(_file(tmp_path, content), r"test\.xml is not safe XML")


def test_malformed_xml_is_refused_with_its_line(tmp_path):
    content = '<iati-activities version="2.03">\n<iati-activity>\n<title></iati-activity>\n</iati-activities>'
    _refused(_file(tmp_path, content), r"test\.xml is not well-formed XML \(line 3\)")


def test_an_empty_file_is_refused(tmp_path):
    _refused(_file(tmp_path, ""), r"test\.xml is not well-formed XML \(line 1\)")


def test_a_file_without_activities_is_refused(tmp_path):
    _refused(_file(tmp_path, '<iati-activities version="2.03"/>'), r"test\.xml holds no IATI activity")


def test_another_xml_document_is_refused(tmp_path):
    _refused(_file(tmp_path, "<rss/>"), r"its root element is <rss>")


def test_budgets_mixing_currencies_keep_the_default_one_and_original_over_revised(tmp_path):
    budgets = """
  <budget type="1"><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>
   <value>1,000.50</value></budget>
  <budget type="2"><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>
   <value>9999</value></budget>
  <budget type="2"><period-start iso-date="2021-01-01"/><period-end iso-date="2021-12-31"/>
   <value>2000</value></budget>
  <budget type="1"><period-start iso-date="2021-01-01"/><period-end iso-date="2021-12-31"/>
   <value currency="USD">500</value></budget>
  <budget type="1"><period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/>
   <value></value></budget>"""
    content = f'<iati-activities version="2.03">{ACTIVITY.format(extra=budgets)}</iati-activities>'
    draft = (read(_file(tmp_path, content)).drafts or [])[0]
    assert (draft.budget_total, draft.currency) == (Decimal("1000.50"), "EUR")


def test_sdg_targets_from_tags_and_sectors(tmp_path):
    extra = """
  <sector vocabulary="7" code="4"/>
  <tag vocabulary="3" code="6.1"/>
  <sector vocabulary="8" code="17.B"/>
  <tag vocabulary="2" code="18"/>
  <tag vocabulary="99" code="5"/>"""
    content = f'<iati-activities version="2.03">{ACTIVITY.format(extra=extra)}</iati-activities>'
    draft = (read(_file(tmp_path, content)).drafts or [])[0]
    assert (draft.sdgs, draft.sdg_targets) == ([4, 6, 17], ["6.1", "17.b"])


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,000.50", Decimal("1000.50")),
        ("1.000,50", Decimal("1000.50")),
        (" 42 ", Decimal(42)),
        ("", None),
        ("NaN", None),
        ("n/a", None),
    ],
)
def test_amounts_are_parsed_tolerantly(text, value):
    assert parse_decimal(text) == value


def _exported(tmp_path: Path) -> Path:
    stream = io.StringIO()
    get_format("iati").write(exported_projects(), stream)
    return _file(tmp_path, stream.getvalue(), "export.xml")


def test_export_is_an_iati_2_03_file_reported_by_passerelles(tmp_path):
    path = _exported(tmp_path)
    assert path.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.parse(path).getroot()
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")
    projects = list(exported_projects())
    activities = root.findall("iati-activity")
    assert len(activities) == len(projects)
    first = activities[0]
    assert first.findtext("iati-identifier") == f"XM-PASSERELLES-{projects[0].slug}"
    assert first.find("reporting-org").attrib == {"ref": "XM-PASSERELLES", "type": "90"}
    assert first.find("title/narrative").get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_export_dates_are_actual_only_when_the_status_says_they_happened(tmp_path):
    root = ET.parse(_exported(tmp_path)).getroot()
    projects = {p.title: p for p in exported_projects()}
    for activity in root.findall("iati-activity"):
        project = projects[activity.find("title/narrative").text]
        dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
        if project.start_year:
            kind = "1" if project.status in ("en_projet", "inconnu") else "2"
            assert dates[kind] == f"{project.start_year}-01-01"
        if project.end_year:
            kind = "4" if project.status == "termine" else "3"
            assert dates[kind] == f"{project.end_year}-12-31"
        if not (project.start_year or project.end_year):
            assert dates == {}


def _expected_indicator(project, indicator) -> dict:
    known = indicator_years(project, indicator) is not None
    return {
        "name": indicator.name,
        "unit": "%" if indicator.unit == "%" else "",
        "baseline": indicator.baseline if known else None,
        "target": indicator.target if known else None,
        "measurements": [{"year": m.year, "value": m.value} for m in indicator.measurements.all()],
    }


# IATI has no role for partners and beneficiaries: they are written as implementing organisations.
ROLE_READ_BACK = {"partenaire": "operateur", "beneficiaire": "operateur"}


def test_round_trip_keeps_what_iati_can_carry(tmp_path):
    drafts = {d.external_id: d for d in read(_exported(tmp_path)).drafts or []}
    projects = list(exported_projects())
    assert len(drafts) == len(projects) > 0
    for project in projects:
        draft = drafts[f"XM-PASSERELLES-{project.slug}"]
        assert draft.title == project.title
        assert draft.summary == project.summary
        assert _roles(draft) == {
            (p.actor.name, ROLE_READ_BACK.get(p.role, p.role)) for p in project.participations.all()
        }
        assert draft.countries == [code for code in project.countries() if code != "FR"]
        assert draft.sdgs == sorted(s.number for s in project.sdgs.all())
        assert draft.sdg_targets == project.sdg_targets
        assert (draft.start_year, draft.end_year) == (project.start_year, project.end_year)
        assert draft.status == project.status
        has_year = bool(project.start_year or project.end_year)
        assert draft.budget_total == (project.budget_total if has_year else None)
        assert draft.currency == project.currency
        assert sorted((f["funder"], f["amount"]) for f in draft.funding if f["amount"] is not None) == sorted(
            (line.funder_name, line.amount) for line in project.funding_lines.all() if line.amount is not None
        )
        assert draft.results == [
            {
                "title": result.title,
                "description": result.description,
                "indicators": [_expected_indicator(project, i) for i in result.indicators.all()],
            }
            for result in project.results.all()
        ]


def test_round_trip_covers_budgets_funding_amounts_results_and_targets(tmp_path):
    drafts = read(_exported(tmp_path)).drafts or []
    assert Decimal(140000) in {d.budget_total for d in drafts}
    assert ("Région Normandie", Decimal(28000)) in {
        (f["funder"], f["amount"]) for d in drafts for f in d.funding
    }
    indicators = [i for d in drafts for r in d.results for i in r["indicators"]]
    assert {"year": 2019, "value": Decimal(22)} in [m for i in indicators for m in i["measurements"]]


def test_export_of_no_project_is_an_empty_activity_file():
    stream = io.StringIO()
    write([], stream)
    root = ET.fromstring(stream.getvalue().split("\n", 1)[1])
    assert (root.tag, root.get("version"), len(root)) == ("iati-activities", "2.03", 0)
