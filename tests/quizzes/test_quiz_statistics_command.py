"""``manage.py quiz_statistics <slug>``: the item analysis as CSV on stdout, one row per question."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import UserFactory, question_add
from tests.quizzes.conftest import take


@pytest.fixture
def quiz(learner, manager, outsider, units, quiz_of):
    q1 = question_add(
        "Hvornår skal der partshøres?",
        choices=[("Før afgørelsen", True), ("Efter afgørelsen", False), ("Aldrig", False)],
    )
    q2 = question_add('=HYPERLINK("x")', choices=[("Ja", True), ("Nej", False)])
    page = quiz_of([q1, q2], slug="partshoering")
    other = UserFactory(username="anden", org_unit=units["other_team"])
    # Q1: right for the two in Byens Anvendelse. Q2: the stronger learners get it wrong.
    take(learner, page, 1, 0)
    take(manager, page, 1, 1)
    take(outsider, page, 0, 1)
    take(other, page, 0, 1)
    return page, q1, q2


def rows(*args) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("quiz_statistics", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_one_row_per_question_with_facility_and_discrimination(quiz):
    page, q1, q2 = quiz
    by_id = {int(r["question_id"]): r for r in rows("partshoering")}
    assert set(by_id) == {q1.pk, q2.pk}
    assert by_id[q1.pk]["answers"] == "4" and by_id[q1.pk]["facility"] == "0.5"
    # Q1 x (1,1,0,0) against rest (0,1,1,1): r = −1/√3.
    assert by_id[q1.pk]["discrimination"] == "-0.577"
    assert by_id[q2.pk]["facility"] == "0.75" and by_id[q2.pk]["warning"] == "skiller forkert"
    assert "Aldrig: 0" in by_id[q1.pk]["distribution"]


def test_text_cells_are_formula_safe_and_numbers_stay_numbers(quiz):
    _, _, q2 = quiz
    row = next(r for r in rows("partshoering") if int(r["question_id"]) == q2.pk)
    assert row["text"] == '\'=HYPERLINK("x")'
    assert row["discrimination"].startswith("-0.")


def test_a_unit_narrows_the_analysis(quiz):
    _, q1, _ = quiz
    row = next(r for r in rows("partshoering", "--unit", "BD") if int(r["question_id"]) == q1.pk)
    assert row["answers"] == "2" and row["facility"] == "0.0" and row["warning"] == "for svær"
    assert row["discrimination"] == ""  # both wrong: r is undefined


def test_an_unknown_quiz_or_unit_is_refused_in_danish(quiz):
    with pytest.raises(CommandError, match="Ingen quiz"):
        rows("findes-ikke")
    with pytest.raises(CommandError, match="Ukendt enhedskode"):
        rows("partshoering", "--unit", "XX")


def test_an_ambiguous_slug_asks_for_the_page_id(quiz, module):
    from tests.factories import course, quiz_add

    page, q1, _ = quiz
    other_module = course(title="Andet kursus", modules=1, lessons=0).get_children().first()
    twin = quiz_add(other_module.specific, questions=[q1], slug="partshoering")
    with pytest.raises(CommandError, match="angiv side-id"):
        rows("partshoering")
    assert len(rows(str(page.pk))) == 2
    assert rows(str(twin.pk)) == []  # the twin has no attempts yet
