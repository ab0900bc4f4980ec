"""xAPI statements are queued in the event's own transaction, follow xAPI 1.0.3 and ADL's
vocabulary, name people by an opaque account, and are deterministic (issue 22, part 2). Sending
to a real LRS is tested in the service leg (tests/services/test_xapi_ralph.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from certificates.services import certificate_issue_for_run
from compliance.acknowledgements import acknowledgement_record
from compliance.models import Requirement
from compliance.services import requirements_evaluate
from courses.models import CourseRun
from courses.services import step_complete
from guidelines.models import GuidelinePage
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    StatuteProvisionFactory,
    citation,
    course,
    guideline,
    lesson_add,
    lessons_of,
    question_add,
    quiz_add,
)
from tests.quizzes.conftest import answers_for
from xapi.models import OutboxStatement
from xapi.services import outbox_send
from xapi.statements import statement_id

ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def lrs(settings):
    settings.XAPI_ENDPOINT = "http://127.0.0.1:9/xAPI"  # nothing listens: sending must fail safely
    settings.PARAGRAF_BASE_URL = "https://paragraf.kk.dk"
    return settings


@pytest.fixture
def quiz_course(tree):
    provision = StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    page = course(title="Forvaltningsret", modules=1, lessons=0)
    module = page.get_children().first().specific
    lesson = lesson_add(module, title="Partshøring", slug="partshoering")
    question = question_add("Hvornår skal parten høres?", citations=[citation(provision=provision)])
    quiz = quiz_add(module, questions=[question], title="Quiz", slug="quiz", pass_mark=100)
    return {"course": page, "lesson": lesson, "quiz": quiz, "question": question}


def by_verb(verb: str) -> list[dict]:
    return [
        row.statement
        for row in OutboxStatement.objects.order_by("created_at")
        if row.statement["verb"]["id"].endswith("/" + verb)
    ]


def test_nothing_is_queued_without_an_lrs(learner, quiz_course):
    step_complete(user=learner, page=quiz_course["lesson"])
    assert not OutboxStatement.objects.exists()


def test_a_completed_lesson_is_one_statement_with_an_opaque_actor(lrs, learner, quiz_course):
    completion = step_complete(user=learner, page=quiz_course["lesson"])
    step_complete(user=learner, page=quiz_course["lesson"])  # twice: records nothing new
    [row] = OutboxStatement.objects.all()
    data = row.statement
    assert row.pk == statement_id(f"step:{completion.pk}")
    assert data["id"] == str(row.pk) and data["version"] == "1.0.3"
    assert data["verb"]["id"] == ADL + "completed"
    assert data["verb"]["display"]["da-DK"] == "gennemførte"
    lesson = quiz_course["lesson"]
    assert data["object"]["id"] == f"https://paragraf.kk.dk/xapi/pages/{lesson.pk}"
    assert data["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/lesson"
    parent = data["context"]["contextActivities"]["parent"][0]
    assert parent["id"] == f"https://paragraf.kk.dk/xapi/courses/{quiz_course['course'].pk}"
    account = data["actor"]["account"]
    assert account["homePage"] == "https://paragraf.kk.dk"
    assert len(account["name"]) == 32
    assert learner.email not in str(data) and learner.last_name not in str(data)
    assert data["context"]["extensions"]["https://paragraf.kk.dk/xapi/extensions/revision"] == (
        completion.revision_id
    )


def test_the_actor_is_named_only_when_the_setting_allows_it(lrs, learner, quiz_course):
    lrs.XAPI_IDENTIFY_ACTORS = True
    step_complete(user=learner, page=quiz_course["lesson"])
    actor = OutboxStatement.objects.get().statement["actor"]
    assert actor["mbox"] == f"mailto:{learner.email}"


def test_a_quiz_gives_passed_and_answered_with_the_cited_provision(lrs, learner, quiz_course):
    attempt = attempt_start(user=learner, quiz=quiz_course["quiz"])
    attempt_submit(attempt_id=attempt.pk, user=learner, data=answers_for(attempt))
    [passed] = by_verb("passed")
    assert passed["result"]["success"] is True
    assert passed["result"]["score"] == {"raw": 1.0, "min": 0.0, "max": 1.0, "scaled": 1.0}
    [answered] = by_verb("answered")
    question = quiz_course["question"]
    assert answered["object"]["id"] == f"https://paragraf.kk.dk/xapi/questions/{question.pk}"
    [provision] = answered["context"]["contextActivities"]["other"]
    assert provision["id"] == "https://paragraf.kk.dk/xapi/provisions/FVL-19-1"
    assert provision["definition"]["name"]["da-DK"] == "FVL § 19, stk. 1"
    assert answered["context"]["contextActivities"]["parent"][0]["id"].endswith(
        f"/xapi/pages/{quiz_course['quiz'].pk}"
    )
    assert "response" not in answered.get("result", {})
    # The pass completed the quiz step ("completed", type assessment); the lesson is still open.
    [completed] = by_verb("completed")
    assert completed["object"]["definition"]["type"].endswith("/assessment")


def test_a_failed_quiz_gives_failed(lrs, learner, quiz_course):
    attempt = attempt_start(user=learner, quiz=quiz_course["quiz"])
    attempt_submit(attempt_id=attempt.pk, user=learner, data=answers_for(attempt, right=False))
    [failed] = by_verb("failed")
    assert failed["result"]["success"] is False
    assert failed["result"]["score"]["scaled"] == 0.0


def test_an_acknowledgement_and_a_certificate_are_statements(lrs, learner, units, quiz_course):
    ag = guideline("AG-UDE", sections=1, title="Udeservering")
    requirement = Requirement.objects.create(
        name="Læst", kind="acknowledge", guideline=ag, applies_from=dt.date(2020, 1, 1)
    )
    requirements_evaluate()
    live = GuidelinePage.objects.get(pk=ag.pk).live_revision_id
    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live)
    [acknowledged] = by_verb("acknowledge")
    assert acknowledged["verb"]["id"] == "http://activitystrea.ms/schema/1.0/acknowledge"
    assert acknowledged["object"]["id"].endswith(f"/xapi/guidelines/{ag.pk}")
    assert requirement.pk

    for step in lessons_of(quiz_course["course"]):
        step_complete(user=learner, page=step)
    run = CourseRun.objects.filter(user=learner, completed_at__isnull=False).first()
    if run is None:  # the quiz step is still open: complete it by passing
        attempt = attempt_start(user=learner, quiz=quiz_course["quiz"])
        attempt_submit(attempt_id=attempt.pk, user=learner, data=answers_for(attempt))
        run = CourseRun.objects.get(user=learner, completed_at__isnull=False)
    certificate, _ = certificate_issue_for_run(run=run)
    [earned] = by_verb("earned")
    assert earned["object"]["id"].endswith(f"/xapi/certificates/{certificate.pk}")


def test_a_rolled_back_event_leaves_no_statement(lrs, learner, quiz_course):
    with pytest.raises(RuntimeError), transaction.atomic():
        step_complete(user=learner, page=quiz_course["lesson"])
        raise RuntimeError("the request failed after the completion")
    assert not OutboxStatement.objects.exists()


def test_an_unreachable_lrs_keeps_the_statements_with_a_back_off(lrs, learner, quiz_course):
    step_complete(user=learner, page=quiz_course["lesson"])
    result = outbox_send()
    assert (result.sent, result.failed) == (0, 1)
    row = OutboxStatement.objects.get()
    assert row.sent_at is None and row.attempts == 1
    assert row.next_attempt_at > timezone.now() + dt.timedelta(seconds=20)
    assert "HTTP -" in row.last_error
    assert outbox_send().failed == 0  # not due again before its back-off


def test_an_override_that_turns_a_fail_into_a_pass_voids_the_failed_statement(
    lrs, learner, jurist, quiz_course
):
    from decimal import Decimal

    from quizzes.regrade_services import item_override

    attempt = attempt_start(user=learner, quiz=quiz_course["quiz"])
    attempt_submit(attempt_id=attempt.pk, user=learner, data=answers_for(attempt, right=False))
    [failed] = by_verb("failed")
    item = attempt.items.get()
    item_override(item_id=item.pk, by=jurist, points=Decimal(1), comment="Rigtigt nok")
    [voided] = by_verb("voided")
    assert voided["object"] == {"objectType": "StatementRef", "id": failed["id"]}
    [passed] = by_verb("passed")
    assert passed["result"]["score"]["scaled"] == 1.0 and passed["result"]["success"] is True
    assert passed["context"]["statement"]["id"] == failed["id"]
    assert (
        passed["context"]["extensions"]["https://paragraf.kk.dk/xapi/extensions/regrade"]
        == "override"
    )
    # a second change voids the first change's statement, not the original again
    item_override(item_id=item.pk, by=jurist, points=Decimal(0), comment="Alligevel forkert")
    second_void = by_verb("voided")[-1]
    assert second_void["object"]["id"] == passed["id"]
    assert by_verb("failed")[-1]["context"]["statement"]["id"] == failed["id"]
    # the same points again change nothing and send nothing
    before = OutboxStatement.objects.count()
    item_override(item_id=item.pk, by=jurist, points=Decimal(0), comment="Stadig forkert")
    assert OutboxStatement.objects.count() == before
