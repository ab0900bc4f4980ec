"""A jurist fixes an answer key (or drops a question) and regrades every finished attempt of the
quiz: preview first, then a Celery task applies it, keeping the old grade in the history."""

from __future__ import annotations

from decimal import Decimal

import pytest

from certificates.models import Certificate
from courses.models import CourseRun, StepCompletion
from courses.services import step_complete
from people.models import AuditEvent
from quizzes.models import Attempt, AttemptGradeChange, QuizRegrade
from quizzes.regrade_selectors import regrade_preview
from quizzes.regrade_services import regrade_apply, regrade_request
from quizzes.services import QuizRefused, attempt_start
from tests.certificates.conftest import certificate_for
from tests.factories import UserFactory, lessons_of
from tests.quizzes.conftest import questions
from tests.quizzes.regrade_helpers import key_change, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(quiz_of):
    qs = questions(5)
    return qs, quiz_of(qs, pass_mark=80)


@pytest.fixture
def people(learner, outsider, manager):
    return learner, outsider, manager


@pytest.fixture
def taken(five, people):
    """Learner: 3 of 5 (fails, chose "Forkert 1"); outsider: 4 of 5 (passes, chose "Forkert 1");
    manager: 5 of 5."""
    qs, quiz = five
    learner, outsider, manager = people
    return {
        "learner": take(learner, quiz, {qs[0]: "Forkert 1", qs[1]: "Forkert 2"}),
        "outsider": take(outsider, quiz, {qs[0]: "Forkert 1"}),
        "manager": take(manager, quiz),
    }


def accept_second_choice(qs, jurist):
    return key_change(qs[0], correct={"Rigtigt 1", "Forkert 1"}, by=jurist)


def test_a_single_choice_question_may_accept_a_second_choice_as_also_correct(five, jurist):
    qs, _ = five
    question = accept_second_choice(qs, jurist)
    assert sum(1 for c in question.choices if c.value["correct"]) == 2
    assert question.live


def test_the_preview_counts_changed_attempts_and_flipped_outcomes_in_danish(five, taken, jurist):
    qs, quiz = five
    assert [taken[k].passed for k in ("learner", "outsider", "manager")] == [False, True, True]
    accept_second_choice(qs, jurist)
    plan = regrade_preview(quiz=quiz, by=jurist)
    assert plan.summary() == "2 forsøg ændres, 1 består nu, 0 dumper nu"
    assert [a.attempt.pk for a in plan.now_passed] == [taken["learner"].pk]
    # Previewing writes nothing.
    taken["learner"].refresh_from_db()
    assert taken["learner"].percent == Decimal("60.0")
    assert not AttemptGradeChange.objects.exists()


def test_applying_keeps_the_old_grade_in_the_history_completes_the_step_and_audits(
    client, five, taken, jurist, learner, django_capture_on_commit_callbacks
):
    qs, quiz = five
    step_complete(user=learner, page=lessons_of(quiz.get_parent().get_parent().specific)[0])
    accept_second_choice(qs, jurist)
    client.force_login(jurist)
    page = client.get(f"/admin/quiz-genberegning/quiz/{quiz.pk}/")
    assert "2 forsøg ændres, 1 består nu, 0 dumper nu" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/quiz-genberegning/quiz/{quiz.pk}/", {})
    regrade = QuizRegrade.objects.get()
    assert response["Location"] == f"/admin/quiz-genberegning/{regrade.pk}/"
    assert regrade.status == QuizRegrade.Status.DONE
    assert (regrade.changed, regrade.now_passed, regrade.now_failed) == (2, 1, 0)
    attempt = Attempt.objects.get(pk=taken["learner"].pk)
    assert (attempt.percent, attempt.passed, attempt.score) == (Decimal("80.0"), True, 4)
    change = attempt.grade_changes.get()
    assert change.kind == "regrade" and change.by == jurist and change.regrade == regrade
    assert (change.old_percent, change.new_percent) == (Decimal("60.0"), Decimal("80.0"))
    assert (change.old_passed, change.new_passed) == (False, True)
    [detail] = change.detail["items"]
    assert len(detail["old_key"]["correct"]) == 1 and len(detail["new_key"]["correct"]) == 2
    item = attempt.items.get(question=qs[0])
    assert item.points == 1 and item.is_correct and len(item.snapshot["correct"]) == 2
    assert StepCompletion.objects.filter(page=quiz, run__user=learner).exists()
    assert CourseRun.objects.get(user=learner).completed_at is not None
    assert AuditEvent.objects.filter(actor=jurist, subject=learner, action="change").exists()
    result = client.get(response["Location"]).content.decode()
    assert "2 forsøg ændret, 1 består nu, 0 dumper nu" in result
    # The learner sees the also-correct answer marked right on their result.
    client.force_login(learner)
    assert "Bestået" in client.get(quiz.url).content.decode()


def test_applying_the_same_regrade_twice_changes_nothing_the_second_time(five, taken, jurist):
    qs, quiz = five
    accept_second_choice(qs, jurist)
    first = regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    snapshot = list(Attempt.objects.values_list("pk", "score", "percent", "passed"))
    history = AttemptGradeChange.objects.count()
    audits = AuditEvent.objects.count()
    again = regrade_apply(regrade=first)  # a redelivered task
    assert again.changed == 2 and again.status == QuizRegrade.Status.DONE
    second = regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    assert (second.changed, second.now_passed, second.now_failed) == (0, 0, 0)
    assert list(Attempt.objects.values_list("pk", "score", "percent", "passed")) == snapshot
    assert AttemptGradeChange.objects.count() == history
    assert AuditEvent.objects.count() == audits


def test_the_task_applies_a_queued_regrade_once(five, taken, jurist):
    from quizzes.tasks import regrade_apply_task

    qs, quiz = five
    accept_second_choice(qs, jurist)
    regrade = regrade_request(quiz=quiz, by=jurist)
    assert regrade.status == QuizRegrade.Status.QUEUED
    assert regrade_apply_task.delay(regrade.pk).get() == 2
    # Every attempt's answer key changed (a history row each); two changed score.
    assert AttemptGradeChange.objects.count() == 3
    assert regrade_apply_task.delay(regrade.pk).get() == 2  # the stored count, nothing redone
    assert AttemptGradeChange.objects.count() == 3


def test_a_fixed_key_that_fails_a_learner_revokes_nothing_and_lists_them_for_hr(
    five, jurist, learner, hr, client, admin_access
):
    qs, quiz = five
    course_page = quiz.get_parent().get_parent().specific
    step_complete(user=learner, page=lessons_of(course_page)[0])
    attempt = take(learner, quiz, {qs[2]: "Forkert 3"})  # 80 %: passes, course completes
    certificate = certificate_for(learner, course_page)
    key_change(qs[0], correct={"Forkert 1"}, by=jurist)  # "Rigtigt 1" is the right one no more
    regrade = regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    assert (regrade.changed, regrade.now_passed, regrade.now_failed) == (1, 0, 1)
    [row] = regrade.flipped_to_fail
    assert row["attempt"] == attempt.pk and row["course_completed"] and row["certificate"]
    assert not row["passed_otherwise"]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert StepCompletion.objects.filter(page=quiz, run__user=learner).exists()
    attempt.refresh_from_db()
    assert attempt.passed is False and attempt.percent == Decimal("60.0")
    client.force_login(hr)
    html = client.get(f"/admin/quiz-genberegning/{regrade.pk}/").content.decode()
    assert (
        "1 deltager har nu ikke bestået, men har allerede et certifikat eller gennemført kursus"
        in html
    )
    assert client.get("/admin/quiz-genberegning/").status_code == 200


def test_a_jurists_own_attempt_is_skipped_and_stated(five, taken, jurist, hr):
    qs, quiz = five
    own = take(jurist, quiz, {qs[0]: "Forkert 1"})
    accept_second_choice(qs, jurist)
    plan = regrade_preview(quiz=quiz, by=jurist)
    assert plan.skipped_own == 1
    assert any("dine egne" in note and "fire øjne" in note for note in plan.notes())
    regrade = regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    assert regrade.skipped_own == 1
    own.refresh_from_db()
    assert own.percent == Decimal("80.0") and not own.grade_changes.exists()
    # Someone else regrades it.
    other = UserFactory(username="jurist2")
    other.groups.add(*jurist.groups.all())
    regrade_apply(regrade=regrade_request(quiz=quiz, by=other))
    own.refresh_from_db()
    assert own.percent == Decimal("100.0")


def test_attempts_in_progress_are_skipped_and_stated(five, taken, jurist, outsider):
    qs, quiz = five
    open_attempt = attempt_start(user=UserFactory(), quiz=quiz)
    accept_second_choice(qs, jurist)
    plan = regrade_preview(quiz=quiz, by=jurist)
    assert plan.skipped_in_progress == 1
    assert any("er i gang og springes over" in note for note in plan.notes())
    regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    open_attempt.refresh_from_db()
    assert open_attempt.state == Attempt.State.IN_PROGRESS
    assert all(len(i.snapshot["correct"]) == 1 for i in open_attempt.items.filter(question=qs[0]))


def test_a_dropped_question_no_longer_counts_and_can_be_counted_again(five, taken, jurist):
    qs, quiz = five
    regrade = regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist, dropped=[qs[1].pk]))
    learner_attempt = Attempt.objects.get(pk=taken["learner"].pk)
    assert (learner_attempt.max_score, learner_attempt.percent) == (4, Decimal("75.0"))
    assert regrade.dropped == [qs[1].pk]
    plan = regrade_preview(quiz=quiz, by=jurist, dropped=[qs[1].pk])
    assert plan.changed == []  # applied: the drop is where it was
    regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist, dropped=[]))
    learner_attempt.refresh_from_db()
    assert (learner_attempt.max_score, learner_attempt.percent) == (5, Decimal("60.0"))


def test_a_regrade_that_would_leave_an_attempt_without_any_question_is_refused(
    quiz_of, learner, jurist
):
    [only] = questions(1)
    quiz = quiz_of([only])
    take(learner, quiz)
    with pytest.raises(QuizRefused) as refused:
        regrade_request(quiz=quiz, by=jurist, dropped=[only.pk])
    assert refused.value.code == "regrade_all_dropped"
    assert "Mindst ét spørgsmål" in refused.value.message
    assert not QuizRegrade.objects.exists()


def test_a_choice_added_later_never_counts_and_a_removed_one_is_no_longer_correct(
    five, taken, jurist
):
    qs, quiz = five
    key_change(
        qs[0], correct={"Rigtigt 1", "Ny og rigtig"}, add=[("Ny og rigtig", True)], by=jurist
    )
    assert regrade_preview(quiz=quiz, by=jurist).updated == []  # the new choice was never served
    key_change(qs[0], correct={"Forkert 1"}, remove={"Rigtigt 1"}, by=jurist)
    plan = regrade_preview(quiz=quiz, by=jurist)
    manager = next(a for a in plan.attempts if a.attempt.pk == taken["manager"].pk)
    assert manager.result[2] == Decimal("80.0")  # answered "Rigtigt 1", removed: wrong now
    outsider = next(a for a in plan.attempts if a.attempt.pk == taken["outsider"].pk)
    assert outsider.result[2] == Decimal("100.0")


def test_an_attempt_awaiting_marking_gets_new_points_and_its_result_when_marked(
    quiz_of, learner, jurist
):
    from tests.factories import question_add

    qs = questions(1)
    essay = question_add("Forklar officialprincippet", kind="essay", choices=[])
    quiz = quiz_of([*qs, essay], pass_mark=100)
    attempt = attempt_start(user=learner, quiz=quiz)
    data = {}
    for item in attempt.items.all():
        if item.kind == "essay":
            data[f"q-{item.pk}-text"] = ["Mit svar"]
        else:
            data[f"q-{item.pk}"] = [
                next(c["id"] for c in item.snapshot["choices"] if c["text"] == "Forkert 1")
            ]
    from quizzes.services import attempt_submit, essay_mark

    attempt_submit(attempt_id=attempt.pk, user=learner, data=data)
    key_change(qs[0], correct={"Rigtigt 1", "Forkert 1"}, by=jurist)
    plan = regrade_preview(quiz=quiz, by=jurist)
    assert plan.changed == [] and len(plan.awaiting_updated) == 1
    regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.AWAITING_MARKING and attempt.percent is None
    essay_mark(item_id=attempt.items.get(kind="essay").pk, marker=jurist, points=Decimal(1))
    attempt.refresh_from_db()
    assert attempt.passed and attempt.percent == 100


def test_an_expired_attempt_is_rescored_but_still_fails(five, learner, jurist):
    qs, quiz = five
    attempt = take(learner, quiz, {qs[0]: "Forkert 1"})
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.EXPIRED, passed=False)
    accept_second_choice(qs, jurist)
    regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("100.0") and attempt.passed is False


def test_learners_hr_and_forged_forms_cannot_regrade(
    client, five, taken, learner, hr, jurist, admin_access
):
    qs, quiz = five
    accept_second_choice(qs, jurist)
    url = f"/admin/quiz-genberegning/quiz/{quiz.pk}/"
    for person in (learner, hr):
        client.force_login(person)
        response = client.post(url, {})
        assert response.status_code in (302, 403)
        assert not response.get("Location", "").startswith("/admin/quiz-genberegning/")
    with pytest.raises(QuizRefused) as refused:
        regrade_request(quiz=quiz, by=hr)
    assert refused.value.code == "no_regrade_permission"
    client.force_login(jurist)
    for forged in ({"dropped": "x"}, {"dropped": "999999"}):
        response = client.post(url, forged, follow=True)
        assert "Intet er ændret" in response.content.decode()
    assert not QuizRegrade.objects.exists()
    assert not AttemptGradeChange.objects.exists()


def test_the_quiz_has_a_regrade_button_in_the_page_listing_for_jurists(
    client, five, jurist, hr, admin_access
):
    _, quiz = five
    client.force_login(jurist)
    listing = client.get(f"/admin/pages/{quiz.get_parent().pk}/").content.decode()
    assert f"/admin/quiz-genberegning/quiz/{quiz.pk}/" in listing
    client.force_login(hr)
    listing = client.get(f"/admin/pages/{quiz.get_parent().pk}/").content.decode()
    assert f"/admin/quiz-genberegning/quiz/{quiz.pk}/" not in listing


def test_a_revoked_certificate_is_not_counted_as_held(five, learner, jurist):
    qs, quiz = five
    course_page = quiz.get_parent().get_parent().specific
    step_complete(user=learner, page=lessons_of(course_page)[0])
    take(learner, quiz, {qs[2]: "Forkert 3"})
    certificate_for(learner, course_page)
    Certificate.objects.update(revoked_at="2026-01-01T00:00:00Z")
    key_change(qs[0], correct={"Forkert 1"}, by=jurist)
    regrade = regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    [row] = regrade.flipped_to_fail
    assert row["certificate"] is False and row["course_completed"] is True
