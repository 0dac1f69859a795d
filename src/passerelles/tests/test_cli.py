"""The `passerelles` command as cli.md writes it."""

import json

import pytest

from passerelles.cli import main

pytestmark = pytest.mark.django_db


def test_export_records_writes_the_published_projects(capsys):
    assert main(["export", "--format", "records"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["version"] == 1 and len(document["records"]) == 13


def test_export_csv(capsys):
    assert main(["export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,title,countries")


def test_unknown_format_is_one_sentence_on_stderr_and_a_non_zero_status(capsys):
    assert main(["export", "--format", "docx"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("passerelles: Unknown format") and "Traceback" not in error


def test_demo_without_serving_loads_again_without_duplicates(capsys):
    assert main(["demo", "--no-serve"]) == 0
    assert "13" in capsys.readouterr().out
    assert main(["export", "--format", "records"]) == 0
    assert len(json.loads(capsys.readouterr().out)["records"]) == 13
