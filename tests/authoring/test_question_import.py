"""Question import: validate every row, import all or nothing, as drafts."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from quizzes.models import Question
from tests.factories import QuestionCategoryFactory, StatuteProvisionFactory, guideline

pytestmark = pytest.mark.django_db

HEADER = "type;spørgsmål;svarmuligheder;korrekte;forklaring;henvisninger;kategori\n"
GOOD = (
    "single;Hvornår skal der partshøres?;Før afgørelsen|Efter afgørelsen;1;Se FVL § 19.;"
    "FVL-19-1;Forvaltningsret\n"
    "truefalse;Afslag skal begrundes.;;sandt;;AG-UDE-5;Forvaltningsret\n"
    "multiple;Hvad skal en begrundelse indeholde?;Retsregler|Hovedhensyn|Vejret;1,2;;"
    "FVL-19-1, AG-UDE-5;forvaltningsret\n"
)


@pytest.fixture
def keys(db):
    StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    guideline("AG-UDE", sections=5)
    return QuestionCategoryFactory(name="Forvaltningsret")


def _upload(client, content: bytes, name: str = "spoergsmaal.csv"):
    return client.post(
        reverse("quizzes_question_import"), {"file": SimpleUploadedFile(name, content)}
    )


def test_a_valid_csv_is_imported_as_drafts_with_citations(client, jurist, keys):
    client.force_login(jurist)
    response = _upload(client, (HEADER + GOOD).encode("utf-8"))
    assert response.status_code == 302
    questions = list(Question.objects.order_by("pk"))
    assert len(questions) == 3
    assert all(not q.live and q.latest_revision_id for q in questions)
    assert questions[0].kind == Question.Kind.SINGLE
    assert [c.value["correct"] for c in questions[0].choices] == [True, False]
    assert questions[1].true_is_correct is True
    assert len(questions[2].citations) == 2
    page = client.get(reverse("quizzes_question_import")).content.decode()
    assert "3 spørgsmål er importeret som kladder" in page


def test_a_row_citing_an_unknown_section_refuses_the_whole_file_and_lists_the_row(
    client, jurist, keys
):
    bad = "single;Spørgsmål;A|B;1;;AG-UDE-99;Forvaltningsret\n"
    client.force_login(jurist)
    response = _upload(client, (HEADER + GOOD + bad).encode("utf-8"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ukendt henvisning &#x27;AG-UDE-99&#x27;" in html
    assert "<td>5</td>" in html  # the header is line 1, so the fourth question is line 5
    assert Question.objects.count() == 0


def test_every_bad_row_is_reported_with_a_danish_reason(client, jurist, keys):
    rows = (
        "single;Intet rigtigt svar;A|B;;;;Forvaltningsret\n"
        "gæt;Ukendt type;A|B;1;;;Forvaltningsret\n"
        "single;Ukendt kategori;A|B;1;;;Miljøret\n"
        "truefalse;Hverken sandt eller falsk;;måske;;;Forvaltningsret\n"
        "single;For få svar;A;1;;;Forvaltningsret\n"
    )
    client.force_login(jurist)
    html = _upload(client, (HEADER + rows).encode("utf-8")).content.decode()
    for text in (
        "Ingen svarmulighed er markeret som korrekt",
        "Ukendt type",
        "Ukendt kategori",
        "Skriv &#x27;sandt&#x27; eller &#x27;falsk&#x27;",
        "mindst to svarmuligheder",
    ):
        assert text in html
    assert Question.objects.count() == 0


def test_an_xlsx_file_is_imported(client, jurist, keys):
    workbook = Workbook()
    sheet = workbook.active
    for line in (HEADER + GOOD).splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(jurist)
    response = _upload(client, buffer.getvalue(), "spoergsmaal.xlsx")
    assert response.status_code == 302
    assert Question.objects.count() == 3


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_danish(client, jurist, keys):
    client.force_login(jurist)
    html = _upload(client, b"PK\x03\x04broken", "spoergsmaal.xlsx").content.decode()
    assert "kan ikke læses som et Excel-regneark" in html
    html = _upload(client, b"navn,alder\nx,1\n").content.decode()
    assert "Filen mangler kolonnen" in html
    assert Question.objects.count() == 0


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_downloaded_template_imports_ten_questions(client, jurist, file_format):
    from demo.seed import seed_provisions

    from .demo_guidelines import demo_guidelines

    seed_provisions()
    demo_guidelines()
    QuestionCategoryFactory(name="Forvaltningsret")
    client.force_login(jurist)
    template = client.get(reverse("quizzes_question_import_template", args=[file_format]))
    assert template.status_code == 200
    assert f"spoergsmaal-skabelon.{file_format}" in template["Content-Disposition"]
    response = _upload(client, template.content, f"skabelon.{file_format}")
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Question.objects.filter(live=False).count() == 10


def test_learners_and_hr_cannot_import(client, learner, hr, keys):
    for user in (learner, hr):
        client.force_login(user)
        response = _upload(client, (HEADER + GOOD).encode("utf-8"))
        assert response.status_code in (302, 403)
    assert Question.objects.count() == 0


def test_validating_a_large_file_takes_a_fixed_number_of_queries(
    jurist, keys, django_assert_max_num_queries
):
    from quizzes.question_import import question_rows_read, question_rows_validate

    content = (HEADER + GOOD * 100).encode("utf-8")
    raw_rows = question_rows_read(content=content, filename="mange.csv")
    with django_assert_max_num_queries(3):
        rows, errors = question_rows_validate(raw_rows=raw_rows)
    assert len(rows) == 300 and not errors


def test_the_import_page_and_template_take_a_fixed_number_of_queries(
    client, jurist, keys, django_assert_max_num_queries
):
    for n in range(20):
        QuestionCategoryFactory(name=f"Kategori {n}")
    client.force_login(jurist)
    client.get(reverse("quizzes_question_import"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("quizzes_question_import"))
    assert "Hent skabelon (Excel)" in page.content.decode()
    with django_assert_max_num_queries(8):
        client.get(reverse("quizzes_question_import_template", args=["xlsx"]))


def test_the_optional_point_column_sets_each_question_s_weight(client, jurist, keys):
    header = HEADER.rstrip("\n") + ";point\n"
    rows = "single;Tungt;A|B;1;;;Forvaltningsret;3\nsingle;Uden vægt;A|B;1;;;Forvaltningsret;\n"
    client.force_login(jurist)
    assert _upload(client, (header + rows).encode("utf-8")).status_code == 302
    assert list(Question.objects.order_by("pk").values_list("points", flat=True)) == [3, 1]


@pytest.mark.parametrize("value", ["0", "101", "2,5", "tre"])
def test_a_point_value_outside_1_to_100_refuses_the_file(client, jurist, keys, value):
    header = HEADER.rstrip("\n") + ";point\n"
    client.force_login(jurist)
    response = _upload(
        client, (header + f"single;Spørgsmål;A|B;1;;;Forvaltningsret;{value}\n").encode("utf-8")
    )
    assert response.status_code == 400
    assert "kolonnen point er ikke et helt tal fra 1 til 100" in response.content.decode()
    assert Question.objects.count() == 0
