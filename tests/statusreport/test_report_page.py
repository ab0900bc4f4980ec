"""The status report in the admin and as files: who may see it, the page with its charts and
tables, the PDF and the Word document with the same figures, bad choices refused in Danish,
the management command, and a query count that does not grow with the data."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from people.models import AuditEvent
from statusreport.build import status_report_build
from tests.certificates.pdf_reading import pages_text as pdf_text
from tests.factories import UserFactory, unit
from tests.statusreport.conftest import START, TODAY, ago

pytestmark = pytest.mark.django_db

URL = "/admin/statusrapport/"


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def query(**extra) -> dict:
    return {"start": START.isoformat(), "end": TODAY.isoformat(), **extra}


def test_hr_sees_the_report_with_charts_their_text_and_tables(
    hr_client, mandatory, short_course, findings
):
    response = hr_client.get(URL, query())
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    for heading in (
        "1. Obligatoriske kurser for nye medarbejdere og nye ledere",
        "2. Jura – Kort og Godt",
        "3. Resultater pr. juridisk tema",
        "4. Fund fra praksis og opfølgning",
        "5. Ændringer af administrationsgrundlag og genopfriskning",
    ):
        assert heading in html
    assert html.count('<img src="data:image/png;base64,') == 3  # deadlines, participation, findings
    assert html.count(' alt="Vandrette søjler') == 3
    assert "33,3 %" in html  # one of three onboarding cycles in time
    assert "4 fund i perioden (2 kritik, 0 henstilling, 1 bemærkning)" not in html
    assert "4 fund i perioden" in html
    assert "format=pdf" in html and "format=docx" in html


def test_the_pdf_holds_the_same_figures_in_the_certificates_font(
    hr_client, mandatory, short_course, findings, hr
):
    response = hr_client.get(URL, query(format="pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'statusrapport-{START}-{TODAY}.pdf"')
    data = response.content
    assert data.startswith(b"%PDF")
    assert b"ParagrafSans" in data or b"Vera" in data  # the embedded certificate font
    text = pdf_text(data)
    assert "Statusrapport til udvalget" in text
    assert "Teknik- og Miljøforvaltningen" in text
    assert "33,3 %" in text and "Borgerrådgiveren" in text
    assert b"/Subtype /Image" in data  # the charts
    event = AuditEvent.objects.get(action="export")
    assert event.actor == hr and "Statusrapport" in event.what and "PDF" in event.what


def test_the_word_document_has_headings_alt_texts_tables_and_danish_language(
    hr_client, mandatory, short_course, findings
):
    import docx

    response = hr_client.get(URL, query(format="docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'statusrapport-{START}-{TODAY}.docx"')
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "4. Fund fra praksis og opfølgning" in headings
    assert document.core_properties.language == "da-DK"
    assert len(document.inline_shapes) == 3
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr").startswith("Vandrette søjler")
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "33,3 %" in cells and "Onboarding" in cells
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        styles = package.read("word/styles.xml").decode()
        body = package.read("word/document.xml").decode()
    assert 'w:val="da-DK"' in styles
    assert "<w:tblHeader/>" in body  # header rows repeat and are read as headers


def test_learners_and_managers_are_refused(client, learner, manager):
    for person in (learner, manager):
        client.force_login(person)
        response = client.get(URL, query(format="pdf"))
        assert response.status_code in (302, 403)
        assert response.get("Content-Type") != "application/pdf"
    client.logout()
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-13-01"}, "Skriv fra-datoen som åååå-mm-dd."),
        ({"start": TODAY.isoformat(), "end": START.isoformat()}, "Fra-datoen ligger efter"),
        ({"start": "1990-01-01"}, "højst 5 år"),
    ],
)
def test_bad_choices_get_a_danish_message_and_no_file(hr_client, units, params, message, caplog):
    with caplog.at_level("WARNING", logger="statusreport.views"):
        page = hr_client.get(URL, query(**params))
    assert page.status_code == 200 and message in page.content.decode()
    assert "status report refused" in caplog.text
    download = hr_client.get(URL, query(format="pdf", **params))
    assert download.status_code == 400 and message in download.content.decode()


def test_a_unit_outside_hrs_administration_is_refused(hr_client, units):
    elsewhere = unit("KFF", "Kultur- og Fritidsforvaltningen")
    response = hr_client.get(URL, query(unit=elsewhere.pk, format="docx"))
    assert response.status_code == 400
    assert "Enheden findes ikke, eller du har ikke adgang" in response.content.decode()


def test_an_unknown_format_is_refused(hr_client, units):
    response = hr_client.get(URL, query(format="xlsx"))
    assert response.status_code == 400 and "Ukendt format" in response.content.decode()


def test_names_with_markup_are_text_in_the_page_and_the_pdf(hr_client, units, mandatory):
    units["tmf"].name = "TMF <b>&amp; co</b>"
    units["tmf"].save()
    html = hr_client.get(URL, query()).content.decode()
    assert "TMF &lt;b&gt;&amp;amp; co&lt;/b&gt;" in html and "<b>&amp; co</b>" not in html
    assert "TMF <b>&amp; co</b>" in pdf_text(hr_client.get(URL, query(format="pdf")).content)


def test_the_command_writes_pdf_and_docx_and_refuses_bad_dates(
    tmp_path, mandatory, findings, units
):
    pdf, word = tmp_path / "rapport.pdf", tmp_path / "rapport.docx"
    call_command(
        "status_report", "--from", str(START), "--to", str(TODAY), "--format", "pdf", "-o", str(pdf)
    )
    call_command(
        "status_report",
        "--from",
        str(START),
        "--to",
        str(TODAY),
        "--format",
        "docx",
        "-o",
        str(word),
    )
    assert pdf.read_bytes().startswith(b"%PDF") and "Teknik- og Miljøforvaltningen" in pdf_text(
        pdf.read_bytes()
    )
    assert zipfile.is_zipfile(word)
    with pytest.raises(CommandError, match="lies after"):
        call_command(
            "status_report",
            "--from",
            str(TODAY),
            "--to",
            str(START),
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "status_report",
            "--from",
            "1/1/2026",
            "--to",
            str(TODAY),
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.docx", "rapport.pdf"]


def test_building_the_report_takes_the_same_queries_for_more_people_and_findings(
    django_assert_max_num_queries, mandatory, short_course, findings, units, jurist, provisions
):
    from tests.findings.conftest import add_finding

    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            status_report_build(unit=units["tmf"], date_from=START, date_to=TODAY)
        return len(captured)

    before = queries()
    for n in range(5):
        UserFactory(org_unit=units["team"])
        add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl22"]], days_ago=n + 3)
    assert queries() == before
    assert before <= 40
    assert ago(0) == TODAY
