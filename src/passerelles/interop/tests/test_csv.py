import csv
import io

import pytest

from passerelles.interop.csv import COLUMNS, write
from passerelles.interop.records import exported_projects
from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db


def test_csv_has_one_row_per_published_project_and_no_personal_data():
    stream = io.StringIO()
    write(exported_projects(), stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == Project.objects.published().count()
    porto = next(r for r in rows if "Porto-Novo" in r["title"])
    assert porto["countries"] == "BJ; FR"
    assert "Ministère" in porto["funders"] and "(40 %)" in porto["funders"]
    assert "@" not in stream.getvalue()
