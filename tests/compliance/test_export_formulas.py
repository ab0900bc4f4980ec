"""No export runs a formula in Excel: text that starts with =, +, -, @, a tab or a carriage
return is written with a leading apostrophe (OWASP), in CSV and XLSX, on SQLite and on the
PostgreSQL COPY path alike; numbers and dates stay typed."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from compliance.services import counts_rebuild, requirements_evaluate
from people.spreadsheets import FORMULA_STARTS, cell_safe
from tests.factories import UserFactory

EVIL = '=HYPERLINK("http://x","klik")'


def body(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(body(response))).active.values)


@pytest.fixture
def evil_person(units, groups, onboarding_requirement):
    person = UserFactory(
        username="evil",
        employee_number="+4512345678",
        first_name=EVIL,
        last_name="@SUM(1+1)",
        org_unit=units["team"],
    )
    units["centre"].name = "-2+3 Center Formel"
    units["centre"].save()
    requirements_evaluate(today=timezone.localdate())
    counts_rebuild()
    return person


def test_every_dangerous_start_gets_an_apostrophe_and_other_values_keep_their_type():
    for start in FORMULA_STARTS:
        assert cell_safe(f"{start}1+1") == f"'{start}1+1"
    assert cell_safe("Jensen") == "Jensen"
    assert cell_safe(42) == 42
    assert cell_safe(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert cell_safe(None) is None


@pytest.mark.django_db
def test_the_streamed_assignment_csv_neutralises_names_and_numbers(client, hr_admin, evil_person):
    client.force_login(hr_admin)
    rows = csv_rows(client.get("/admin/tildelinger/?export=csv"))
    row = next(r for r in rows if r[1].endswith('klik")'))
    assert row[0] == "'+4512345678"
    assert row[1] == "'" + EVIL
    assert row[2] == "'@SUM(1+1)"
    assert all(not cell.startswith(FORMULA_STARTS) for r in rows for cell in r)


@pytest.mark.django_db
def test_the_assignment_xlsx_neutralises_text_and_keeps_dates_as_dates(
    client, hr_admin, evil_person
):
    client.force_login(hr_admin)
    rows = xlsx_rows(client.get("/admin/tildelinger/?export=xlsx"))
    header, data = rows[0], rows[1:]
    row = next(r for r in data if r[0] == "'+4512345678")
    assert row[1] == "'" + EVIL + " @SUM(1+1)"  # the full name
    assert any(isinstance(value, dt.datetime | dt.date) for value in row), (header, row)
    assert all(not (isinstance(v, str) and v.startswith(FORMULA_STARTS)) for r in data for v in r)


@pytest.mark.django_db
def test_the_rollup_exports_neutralise_unit_names(client, hr_admin, evil_person, units):
    client.force_login(hr_admin)
    url = f"/admin/overholdelse/?unit={units['area'].pk}"
    csv_text = body(client.get(url + "&export=csv")).decode("utf-8-sig")
    assert "'-2+3 Center Formel" in csv_text
    rows = xlsx_rows(client.get(url + "&export=xlsx"))
    centre = next(r for r in rows if r[0] and "Center Formel" in r[0])
    assert centre[0] == "'-2+3 Center Formel"
    assert any(isinstance(v, int | float) for v in centre[1:])  # counts stay numbers


@pytest.mark.django_db
def test_the_person_record_export_neutralises_text(client, hr_admin, evil_person):
    client.force_login(hr_admin)
    response = client.get(f"/admin/tildelinger/person/{evil_person.pk}/?export=csv")
    assert response.status_code == 200
    assert all(
        not cell.startswith(FORMULA_STARTS) for row in csv_rows(response)[1:] for cell in row
    )


def test_the_evidence_csv_neutralises_course_and_lesson_titles(learner):
    from compliance.evidence import Evidence, EvidenceRow, evidence_csv

    row = EvidenceRow(
        completed_at=timezone.now(),
        course="=Kursus",
        kind="lektion",
        title="+Lektion",
        revision_id=7,
        revision_url=None,
        result="-",
    )
    text = evidence_csv(Evidence(person=learner, on=timezone.localdate(), rows=[row]))
    data = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert data[1:4] == ["'=Kursus", "lektion", "'+Lektion"]
    assert data[4] == "7"
