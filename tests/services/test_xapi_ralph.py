"""xAPI statements reach a real LRS (Ralph) through the real Celery worker: a learner's journey
arrives exactly once, a batch sent again stores nothing twice, and while Ralph is down nothing is
lost — the statements go when it is back, still once."""

from __future__ import annotations

import uuid
from collections import Counter

from django.utils import timezone

from courses.services import step_complete
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    StatuteProvisionFactory,
    UserFactory,
    citation,
    course,
    lesson_add,
    question_add,
    quiz_add,
    scorm_add,
    scorm_package,
)
from tests.quizzes.conftest import answers_for
from tests.services.conftest import skip_without_services
from tests.services.ralph import PASSWORD, USERNAME
from tests.services.test_celery_worker import wait_until
from xapi.models import OutboxStatement
from xapi.tasks import xapi_send_task

pytestmark = skip_without_services


def _journey(settings, ralph, tmp_path):
    """A learner reads a lesson, passes a quiz whose question cites FVL § 19, stk. 1, and passes
    a SCORM package (the demo's SCORM 1.2 one) in the next step."""
    from scorm.services import attempt_commit, attempt_open

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.XAPI_ENDPOINT = ralph.endpoint
    settings.XAPI_USERNAME, settings.XAPI_PASSWORD = USERNAME, PASSWORD
    tag = uuid.uuid4().hex[:6]
    provision = StatuteProvisionFactory(key=f"FVL-19-{tag}", number="19", subsection="1")
    page = course(title=f"Kursus {tag}", modules=1, lessons=0)
    module = page.get_children().first().specific
    lesson = lesson_add(module, title=f"Partshøring {tag}", slug=f"l-{tag}")
    question = question_add(
        f"Hvornår skal parten høres? {tag}", citations=[citation(provision=provision)]
    )
    quiz = quiz_add(module, questions=[question], title=f"Quiz {tag}", slug=f"q-{tag}")
    bought = scorm_add(module, package=scorm_package(), title=f"Phishing {tag}", slug=f"s-{tag}")
    learner = UserFactory()
    step_complete(user=learner, page=lesson)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_submit(attempt_id=attempt.pk, user=learner, data=answers_for(attempt))
    package_attempt = attempt_open(user=learner, page=bought)
    attempt_commit(
        attempt=package_attempt,
        payload={"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "100"},
        session_key="a",
    )
    return learner


def _ours(ralph, ids) -> Counter:
    wanted = {str(i) for i in ids}
    return Counter(s["id"] for s in ralph.statements() if s["id"] in wanted)


def test_a_journey_arrives_in_the_lrs_exactly_once(live_db, worker, ralph, settings, tmp_path):
    started = timezone.now()
    _journey(settings, ralph, tmp_path)
    rows = list(OutboxStatement.objects.filter(created_at__gte=started))
    verbs = Counter(r.statement["verb"]["id"].rsplit("/", 1)[-1] for r in rows)
    # the lesson, the quiz, the SCORM step and the course: completed; the quiz: passed
    assert verbs["completed"] >= 3 and verbs["passed"] == 1 and verbs["answered"] == 1
    types = Counter(r.statement["object"]["definition"]["type"].rsplit("/", 1)[-1] for r in rows)
    assert types["module"] == 1  # the SCORM step
    ids = [r.pk for r in rows]
    counts = wait_until(
        lambda: (c := _ours(ralph, ids)) and len(c) == len(ids) and c,
        timeout=60,
        what="the journey's statements in Ralph",
    )
    assert set(counts.values()) == {1}
    stored = {s["id"]: s for s in ralph.statements() if s["id"] in {str(i) for i in ids}}
    answered = next(s for s in stored.values() if s["verb"]["id"].endswith("/answered"))
    others = answered["context"]["contextActivities"]["other"]
    assert any("/xapi/provisions/FVL-19-" in a["id"] for a in others)
    assert "mbox" not in answered["actor"] and "name" not in answered["actor"]

    # A batch sent again (its answer lost) stores nothing twice.
    OutboxStatement.objects.filter(pk__in=ids).update(sent_at=None)
    xapi_send_task.apply_async()
    wait_until(
        lambda: not OutboxStatement.objects.filter(pk__in=ids, sent_at__isnull=True).exists(),
        timeout=60,
        what="the resend",
    )
    assert set(_ours(ralph, ids).values()) == {1}


def test_while_the_lrs_is_down_nothing_is_lost_or_sent_twice(
    live_db, worker, ralph, settings, tmp_path
):
    ralph.down()
    try:
        started = timezone.now()
        _journey(settings, ralph, tmp_path)
        rows = OutboxStatement.objects.filter(created_at__gte=started)
        wait_until(
            lambda: rows.filter(attempts__gte=1).count() == rows.count() > 0,
            timeout=60,
            what="a failed send",
        )
        assert not rows.filter(sent_at__isnull=False).exists()
        assert "HTTP -" in rows.first().last_error
    finally:
        ralph.up()
    ids = list(rows.values_list("pk", flat=True))
    rows.update(next_attempt_at=timezone.now())  # the back-off has passed
    xapi_send_task.apply_async()
    counts = wait_until(
        lambda: (c := _ours(ralph, ids)) and len(c) == len(ids) and c,
        timeout=60,
        what="the statements after Ralph came back",
    )
    assert set(counts.values()) == {1}
    wait_until(
        lambda: not rows.filter(sent_at__isnull=True).exists(), timeout=30, what="rows marked sent"
    )
