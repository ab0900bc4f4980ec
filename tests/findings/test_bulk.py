"""Bulk entry from a file: upload → preview (nothing written) → confirm (all written); any bad
row refuses the whole file, each problem named by its row in Danish."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from findings.models import Finding, FindingCitation

URL = "/admin/fund-indlaes/"
HEADER = "kilde;dato;enheder;bestemmelser;alvor;resumé;reference\n"


def _csv(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("fund.csv", ("\ufeff" + HEADER + "\n".join(rows)).encode())


@pytest.fixture
def jurist_client(client, jurist):
    client.force_login(jurist)
    return client


def test_a_good_file_is_previewed_then_written_on_confirm(jurist_client, units, provisions):
    upload = _csv(
        "Borgerrådgiveren;03-02-2026;BA-BYLIV;FVL-19-1;kritik;Partshøring undladt før afslag.;BR-1",
        "sagsgennemgang;2026-02-04;BA-BYLIV-UDE,BA-BYLIV;FVL-19-1, FVL-22;bemærkning;Begrundelsen henviste ikke til reglerne.;",
    )
    preview = jurist_client.post(URL, {"file": upload})
    assert preview.status_code == 200
    assert not Finding.objects.exists()
    payload = preview.context["payload"]
    done = jurist_client.post(URL, {"payload": payload})
    assert done.status_code == 302
    assert Finding.objects.count() == 2
    assert FindingCitation.objects.count() == 3
    second = Finding.objects.get(source=Finding.Source.REVIEW)
    assert second.units.count() == 2 and second.severity == Finding.Severity.BEMAERKNING


def test_xlsx_is_read_too(jurist_client, units, provisions):
    book = Workbook()
    sheet = book.active
    sheet.append(["kilde", "dato", "enheder", "bestemmelser", "alvor", "resumé"])
    sheet.append(
        [
            "klagesag",
            dt.datetime(2026, 1, 5),
            "BA-BYLIV",
            "FVL-22",
            "henstilling",
            "Manglende begrundelse.",
        ]
    )
    data = io.BytesIO()
    book.save(data)
    preview = jurist_client.post(URL, {"file": SimpleUploadedFile("fund.xlsx", data.getvalue())})
    assert len(preview.context["drafts"]) == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "klagesag;03-02-2026;UKENDT;FVL-19-1;kritik;Tekst.;",
            "Række 3, enheder: ukendt enhedskode UKENDT",
        ),
        (
            "klagesag;03-02-2026;BA-BYLIV;FVL-99;kritik;Tekst.;",
            "Række 3, bestemmelser: ukendt bestemmelse eller afsnit FVL-99",
        ),
        (
            "klagesag;03-02-2026;BA-BYLIV;;kritik;Tekst.;",
            "Række 3, bestemmelser: Henvis til mindst én lovbestemmelse eller ét afsnit",
        ),
        ("klagesag;03-02-2026;;FVL-22;kritik;Tekst.;", "Række 3, enheder: Vælg mindst én enhed"),
        (
            "klagesag;{future};BA-BYLIV;FVL-22;kritik;Tekst.;",
            "Række 3, dato: Datoen må ikke ligge i fremtiden",
        ),
        (
            "klagesag;03-02-2026;BA-BYLIV;FVL-22;kritik;Borger 0101901234 blev ikke hørt.;",
            "Række 3, resumé: Resuméet ser ud til at indeholde et CPR-nummer",
        ),
        ("avisen;03-02-2026;BA-BYLIV;FVL-22;kritik;Tekst.;", "Række 3, kilde: ukendt kilde"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_naming_the_row(
    jurist_client, units, provisions, row, message
):
    future = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d-%m-%Y")
    upload = _csv(
        "klagesag;03-02-2026;BA-BYLIV;FVL-22;kritik;En god række.;", row.format(future=future)
    )
    response = jurist_client.post(URL, {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "0101901234" not in html
    assert "Filen er afvist, og intet er gemt" in html
    assert not Finding.objects.exists()


def test_a_tampered_confirmation_writes_nothing(jurist_client, units, provisions):
    response = jurist_client.post(URL, {"payload": "forfalsket"})
    assert response.status_code == 302
    assert not Finding.objects.exists()


def test_a_missing_column_is_named(jurist_client, units):
    upload = SimpleUploadedFile("fund.csv", b"kilde;dato\nklagesag;03-02-2026\n")
    html = jurist_client.post(URL, {"file": upload}).content.decode()
    assert "kolonnen mangler: enheder, bestemmelser, alvor, resum" in html
