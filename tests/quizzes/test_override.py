"""A jurist overrides the points of one graded answer with a comment the learner sees; nobody
overrides their own attempt, and every refusal leaves everything as it was."""

from __future__ import annotations

from decimal import Decimal

import pytest

from courses.models import StepCompletion
from people.models import AuditEvent
from quizzes.models import AttemptGradeChange, AttemptQuestion
from quizzes.regrade_services import item_override
from quizzes.services import QuizRefused, attempt_start
from tests.factories import question_add
from tests.quizzes.conftest import questions
from tests.quizzes.regrade_helpers import take

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(quiz_of, learner):
    """The learner's attempt at 5 questions, 3 right: 60 %, failed (pass mark 80)."""
    qs = questions(5)
    quiz = quiz_of(qs, pass_mark=80)
    attempt = take(learner, quiz, {qs[0]: "Forkert 1", qs[1]: "Forkert 2"})
    assert attempt.passed is False
    return quiz, attempt, attempt.items.get(question=qs[0])


def url(item) -> str:
    return f"/admin/quiz-genberegning/forsoeg/{item.attempt_id}/svar/{item.pk}/"


def post(item, points, comment="Svaret er også rigtigt efter FVL § 22."):
    prefix = f"item-{item.pk}"
    return {f"{prefix}-points": points, f"{prefix}-comment": comment}


def test_a_jurist_overrides_an_answer_the_learner_passes_and_sees_the_comment(
    client, failed, learner, jurist, admin_access
):
    quiz, attempt, item = failed
    client.force_login(jurist)
    page = client.get(f"/admin/quiz-genberegning/forsoeg/{attempt.pk}/").content.decode()
    assert "Overstyr point" in page and "Spørgsmål nummer 1" in page
    response = client.post(url(item), post(item, "1"), follow=True)
    assert "Pointene er overstyret" in response.content.decode()
    attempt.refresh_from_db()
    assert (attempt.percent, attempt.passed) == (Decimal("80.0"), True)
    item.refresh_from_db()
    assert (item.points, item.is_correct, item.marked_by) == (1, True, jurist)
    change = AttemptGradeChange.objects.get()
    assert change.kind == "override" and change.item == item and change.by == jurist
    assert (change.old_percent, change.new_percent) == (Decimal("60.0"), Decimal("80.0"))
    assert change.detail["old_points"] == "0.000" and change.detail["new_points"] == "1.000"
    assert change.comment == "Svaret er også rigtigt efter FVL § 22."
    assert StepCompletion.objects.filter(page=quiz, run__user=learner).exists()
    assert AuditEvent.objects.filter(actor=jurist, subject=learner, action="change").exists()
    history = client.get(f"/admin/quiz-genberegning/forsoeg/{attempt.pk}/").content.decode()
    assert "Overstyring" in history
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert "Kommentar fra juristen:" in html
    assert "Svaret er også rigtigt efter FVL § 22." in html


def test_points_are_given_on_the_questions_weight_and_stored_as_a_fraction(
    quiz_of, learner, jurist
):
    heavy = question_add(
        "Et tungt spørgsmål",
        choices=[("Rigtigt", True), ("Forkert", False)],
        points=4,
    )
    quiz = quiz_of([heavy, *questions(1)], pass_mark=80)
    attempt = take(learner, quiz, {heavy: "Forkert"})
    item = attempt.items.get(question=heavy)
    item_override(item_id=item.pk, by=jurist, points=Decimal("3"), comment="Delvist rigtigt")
    item.refresh_from_db()
    attempt.refresh_from_db()
    assert item.points == Decimal("0.750") and item.is_correct is False
    assert (attempt.score, attempt.max_score, attempt.percent) == (4, 5, Decimal("80.0"))


def test_a_pass_turned_into_a_fail_by_an_override_revokes_nothing(quiz_of, learner, jurist):
    qs = questions(5)
    quiz = quiz_of(qs, pass_mark=80)
    attempt = take(learner, quiz, {qs[0]: "Forkert 1"})
    item = attempt.items.get(question=qs[1])
    outcome = item_override(item_id=item.pk, by=jurist, points=Decimal(0), comment="Forkert")
    assert outcome.now_fails and outcome.follow_up[0]["attempt"] == attempt.pk
    assert StepCompletion.objects.filter(page=quiz, run__user=learner).exists()


def _unchanged(item: AttemptQuestion) -> None:
    before = (item.points, item.marker_comment, item.attempt.percent, item.attempt.passed)
    fresh = AttemptQuestion.objects.select_related("attempt").get(pk=item.pk)
    after = (fresh.points, fresh.marker_comment, fresh.attempt.percent, fresh.attempt.passed)
    assert after == before
    assert not AttemptGradeChange.objects.exists()


@pytest.mark.parametrize(
    ("points", "comment", "code"),
    [
        (Decimal("-1"), "Begrundelse", "override_range"),
        (Decimal("1.01"), "Begrundelse", "override_range"),
        (Decimal("NaN"), "Begrundelse", "override_range"),
        (Decimal("1"), "", "override_comment"),
        (Decimal("1"), "   ", "override_comment"),
    ],
)
def test_out_of_range_points_or_a_missing_comment_are_refused(
    failed, jurist, points, comment, code
):
    _, _, item = failed
    with pytest.raises(QuizRefused) as refused:
        item_override(item_id=item.pk, by=jurist, points=points, comment=comment)
    assert refused.value.code == code and "Intet er ændret" in refused.value.message
    _unchanged(item)


def test_nobody_overrides_their_own_attempt(quiz_of, jurist):
    qs = questions(2)
    quiz = quiz_of(qs)
    attempt = take(jurist, quiz, {qs[0]: "Forkert 1"})
    item = attempt.items.get(question=qs[0])
    with pytest.raises(QuizRefused) as refused:
        item_override(item_id=item.pk, by=jurist, points=Decimal(1), comment="Mit eget")
    assert refused.value.code == "override_own_attempt" and "fire øjne" in refused.value.message
    _unchanged(item)


def test_an_attempt_in_progress_cannot_be_overridden(quiz_of, learner, jurist):
    quiz = quiz_of(questions(2))
    attempt = attempt_start(user=learner, quiz=quiz)
    item = attempt.items.first()
    AttemptQuestion.objects.filter(pk=item.pk).update(points=0)  # answered, not yet submitted
    with pytest.raises(QuizRefused) as refused:
        item_override(item_id=item.pk, by=jurist, points=Decimal(1), comment="For tidligt")
    assert refused.value.code == "override_in_progress"
    assert not AttemptGradeChange.objects.exists()


def test_hr_and_learners_may_not_override(client, failed, learner, hr, admin_access):
    _, attempt, item = failed
    with pytest.raises(QuizRefused) as refused:
        item_override(item_id=item.pk, by=hr, points=Decimal(1), comment="HR vil")
    assert refused.value.code == "no_regrade_permission"
    for person in (learner, hr):
        client.force_login(person)
        response = client.post(url(item), post(item, "1"))
        assert response.status_code in (302, 403)
        assert client.get(f"/admin/quiz-genberegning/forsoeg/{attempt.pk}/").status_code in (
            302,
            403,
        )
    _unchanged(item)


def test_forged_override_forms_change_nothing(client, failed, quiz_of, outsider, jurist):
    _, attempt, item = failed
    other = take(outsider, quiz_of(questions(1), slug="anden"), {})
    client.force_login(jurist)
    # An item of another attempt under this attempt's URL, a word for points, a GET.
    forged = f"/admin/quiz-genberegning/forsoeg/{attempt.pk}/svar/{other.items.get().pk}/"
    response = client.post(forged, post(other.items.get(), "1"), follow=True)
    assert "Svaret findes ikke" in response.content.decode()
    response = client.post(url(item), post(item, "mange"), follow=True)
    assert "Point skal være mellem 0" in response.content.decode()
    assert client.get(url(item)).status_code == 405
    _unchanged(item)
    assert not AttemptGradeChange.objects.filter(attempt=other).exists()


def test_the_override_is_in_the_persons_data_export_and_its_comment_goes_when_they_leave(
    failed, learner, jurist
):
    from people.privacy import anonymisers, personal_data_exporters

    _, attempt, item = failed
    item_override(item_id=item.pk, by=jurist, points=Decimal(1), comment="Godkendt af juristen")
    [row] = personal_data_exporters()["quiz_ændringer_af_bedømmelse"](learner)
    assert row["ændring"] == "Overstyring" and row["kommentar"] == "Godkendt af juristen"
    assert (row["procent før"], row["procent efter"]) == ("60.0", "80.0")
    anonymisers()["quizforsøg"](learner)
    item.refresh_from_db()
    assert item.marker_comment == ""
    assert AttemptGradeChange.objects.get().comment == ""
