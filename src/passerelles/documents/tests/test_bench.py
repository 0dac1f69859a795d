"""Scoring drafts against expected records, and the extraction benchmark on a fake pipeline.

Projects, places, organisations and people are invented for the tests.
"""

import json
from decimal import Decimal

import pytest

from passerelles.documents import bench, scoring
from passerelles.documents.drafts import Draft
from passerelles.documents.pipeline import STEPS, Step
from passerelles.documents.pipeline.doc import ExtractDoc, Unit
from passerelles.lib.errors import InputError

MILLS = {
    "source": "recueil.pdf",
    "title": "Moulins coopératifs de Valombre",
    "territories": [
        {"name": "Ville de Valombre", "country": "FR", "level": "commune"},
        {"name": "Commune de Kerbalou", "country": "BF", "level": "commune"},
    ],
    "countries": ["BF", "FR"],
    "organisations": [{"name": "Coopérative Farine Partagée", "type": "cooperative", "country": "BF"}],
    "themes": ["agriculture_alimentation"],
    "sdgs": [2, 8],
    "start_year": 2019,
    "budget_total_eur": 50000,
    "funding": [
        {"funder": "Ville de Valombre", "amount_eur": None, "share_pct": 60},
        {"funder": "Fondation Grain d'Or", "amount_eur": 20000, "share_pct": None},
    ],
    "contacts": [{"name": "Odile Parmentier", "email": "odile.parmentier@example.org"}],
    "ess_dimension": True,
}
WELLS = {
    "source": "recueil.pdf",
    "title": "Puits partagés de Sanvira",
    "territories": [
        {"name": "Département de Morlande", "country": "FR", "level": "departement"},
        {"name": "Région de Sanvira", "country": "NE", "level": "region"},
    ],
    "countries": ["FR", "NE"],
    "organisations": [],
    "themes": ["eau_assainissement"],
    "sdgs": [6],
    "start_year": None,
    "budget_total_eur": None,
    "funding": [],
    "contacts": [],
    "ess_dimension": False,
}
# A record without its source, and one from a document the benchmark was not given.
BAKERY = {
    "title": "Boulangerie-école de Port-Tiane",
    "territories": [{"name": "Port-Tiane", "country": "CM"}],
}
ELSEWHERE = {"source": "autre.docx", "title": "Ateliers de Brumes", "territories": []}


def mills_draft() -> Draft:
    """The mills project as the pipeline might read it: shorter names, a year and a contact wrong."""
    return Draft(
        title="Moulins coopératifs de Valombre",
        territories=[
            {"name": "Valombre", "country": "FR", "level": "commune"},
            {"name": "Kerbalou", "country": "BF", "level": "commune"},
        ],
        countries=["BF", "FR"],
        organisations=[
            {"name": "Farine Partagée", "type": "cooperative", "role": "operateur", "country": "BF"},
            {"name": "Fondation Grain d’Or", "type": "fondation", "role": "financeur", "country": ""},
        ],
        themes=["agriculture_alimentation"],
        sdgs=[2],
        start_year=2021,
        budget_total=Decimal("50000"),
        funding=[
            {"funder": "Ville de Valombre", "amount": Decimal("30000"), "share_pct": 60},
            {"funder": "Fondation Grain d’Or", "amount": Decimal("20000"), "share_pct": 40},
        ],
        contacts=[{"name": "Odile Parmentier", "email": "odile.parmentier@example.org", "function": ""}],
        ess_dimension=True,
    )


def test_a_draft_is_written_as_a_record():
    record = scoring.record_of(mills_draft())
    assert record["budget_total_eur"] == 50000.0
    assert record["funding"][0] == {"funder": "Ville de Valombre", "amount_eur": 30000.0, "share_pct": 60.0}
    assert record["organisations"][1]["country"] is None
    assert record["contacts"] == [{"name": "Odile Parmentier", "email": "odile.parmentier@example.org"}]


def test_names_are_compared_as_the_field_writes_them():
    assert scoring.same_name("Ville de Valombre", "Valombre")
    assert scoring.same_name("City of Valombre", "Valombre")
    assert scoring.same_name("Coopérative Farine Partagée", "Farine Partagée")
    assert scoring.same_name("Fondation Grain d'Or", "Fondation Grain d’Or")
    assert not scoring.same_name("Valombre", "Kerbalou")


def test_each_record_is_aligned_with_the_draft_most_like_it():
    # Given the drafts of a booklet in another order, with one that is no expected project
    wells = scoring.record_of(Draft(title="Puits partagés à Sanvira", territories=[{"name": "Sanvira"}]))
    noise = scoring.record_of(Draft(title="Sommaire"))
    mills = scoring.record_of(mills_draft())
    # When they are aligned with the expected records
    pairs = scoring.align([MILLS, WELLS, BAKERY], [noise, wells, mills])
    # Then each finds its own, and the record no draft resembles is left alone
    assert pairs == [(MILLS, mills), (WELLS, wells), (BAKERY, None)]


def test_the_fields_are_scored_item_by_item():
    pairs = [(MILLS, scoring.record_of(mills_draft())), (WELLS, None)]
    table = scoring.score(pairs, found=3, rows=scoring.FIELD_ROWS)
    # Two records expected, three drafts found, one aligned.
    assert table["projects"] == {"precision": 0.333, "recall": 0.5, "f1": 0.4, "expected": 2, "found": 3}
    assert table["titles"]["recall"] == 0.5
    # Both territories of the mills found under their short names; the wells' two missed.
    assert table["territories"] == {"precision": 1.0, "recall": 0.5, "f1": 0.667, "expected": 4, "found": 2}
    # The funder taken for an operator is an organisation too many.
    assert table["organisations"] == {"precision": 0.5, "recall": 1.0, "f1": 0.667, "expected": 1, "found": 2}
    # A share given is checked against the share, an amount against the amount.
    assert table["funding"]["precision"] == 1.0
    assert table["start_year"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "expected": 1, "found": 1}
    assert table["sdgs"] == {"precision": 1.0, "recall": 0.333, "f1": 0.5, "expected": 3, "found": 1}
    assert table["budget_total"]["f1"] == 1.0
    assert table["contacts"]["f1"] == 1.0
    assert table["ess_dimension"]["f1"] == 1.0


def test_a_step_is_scored_on_what_it_assigns():
    pairs = [(MILLS, scoring.record_of(mills_draft()))]
    table = scoring.score(pairs, found=1, rows=scoring.STEP_ROWS["mentions"])
    # Territories and organisations together: 3 expected, 4 found, 3 alike.
    assert table == {"mentions": {"precision": 0.75, "recall": 1.0, "f1": 0.857, "expected": 3, "found": 4}}
    assert scoring.overall(table) == 0.857


def test_every_scored_step_is_a_step_of_the_pipeline():
    assert set(scoring.STEP_ROWS) <= set(STEPS)


def test_records_are_aligned_within_their_own_document(tmp_path):
    booklet, page = tmp_path / "recueil.pdf", tmp_path / "page.html"
    mills = scoring.record_of(mills_draft())
    bakery = {"title": "Boulangerie-école de Port-Tiane", "territories": [{"name": "Port-Tiane"}]}
    # The mills' record names the booklet: the same draft on the page is not its own.
    pairs = bench.expected_pairs([MILLS, BAKERY, ELSEWHERE], {page: [mills, bakery], booklet: []})
    assert pairs == [(MILLS, None), (BAKERY, bakery)]
    pairs = bench.expected_pairs([MILLS, BAKERY], {booklet: [mills, bakery]})
    assert pairs == [(MILLS, mills), (BAKERY, bakery)]


def test_a_file_that_is_no_records_file_is_refused(tmp_path):
    wrong = tmp_path / "records.json"
    wrong.write_text(json.dumps({"records": []}))
    with pytest.raises(InputError, match=r"records\.json"):
        bench.load_records(wrong)
    wrong.write_text("{")
    with pytest.raises(InputError, match=r"records\.json"):
        bench.load_records(wrong)


class Lines(Step):
    """A fake segmentation: each line of the text is a project titled by it, in one place."""

    name = "segment"

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        for line in doc.text.splitlines():
            title, _, place = line.partition(" | ")
            unit = Unit(0, len(doc.text), draft=Draft(title=title, territories=[{"name": place}]))
            doc.units.append(unit)
        return doc


def test_the_extract_benchmark_times_each_step_and_scores_the_one_asked(tmp_path, monkeypatch):
    # Given a pipeline of one fake step, a text of two projects and the records of one
    monkeypatch.setattr(bench, "ORDER", ["segment"])
    monkeypatch.setattr(bench, "STEPS", {"segment": Lines})
    monkeypatch.setattr(bench, "extract", lambda text: None)
    document = tmp_path / "recueil.txt"
    document.write_text("Moulins coopératifs de Valombre | Valombre\nSommaire | \n")
    records = tmp_path / "records.json"
    records.write_text(json.dumps({"version": 1, "records": [MILLS | {"source": "recueil.txt"}, ELSEWHERE]}))
    # When the segmentation is scored
    figures = bench.bench_extract([document], step="segment", records=records)
    # Then the step's time is given, and its projects and titles are scored
    assert list(figures["seconds"]) == ["read", "segment", "total"]
    assert figures["projects"] == 2 and figures["records"] == 1
    assert figures["scores"]["projects"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.667,
        "expected": 1,
        "found": 2,
    }
    assert figures["scores"]["titles"]["f1"] == 1.0
    table = bench.extract_table(figures)
    assert "segment" in table and "0.667" in table


def test_a_step_that_assigns_nothing_of_a_record_is_refused():
    with pytest.raises(InputError, match="clean"):
        bench.bench_extract([], step="clean")
