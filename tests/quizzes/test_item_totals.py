"""The item analysis reads running sums kept as attempts are graded; after every write path
(grading, expiry, essay marking, a regrade, an override, a deletion) they must be exactly what a
rebuild from the answers gives, and a transfer must not move anybody's answers."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes.item_analysis import citation_analysis, item_analysis
from quizzes.item_totals import item_totals_rebuild
from quizzes.models import Attempt, ItemTotal
from quizzes.regrade_services import item_override, regrade_apply, regrade_request
from quizzes.services import attempt_expire, attempt_start, essay_mark
from tests.factories import question_add
from tests.quizzes.conftest import answers_for, questions, start
from tests.quizzes.regrade_helpers import key_change, take

pytestmark = pytest.mark.django_db


def figures(quiz=None, unit=None):
    """Everything the report shows, rounded so float sums in another order compare equal."""

    def r(value):
        return None if value is None else round(value, 9)

    return sorted(
        (
            s.question_id,
            s.answers,
            s.blank,
            r(s.facility),
            r(s.discrimination),
            tuple((c.id, c.chosen) for c in s.choices),
        )
        for s in item_analysis(quiz=quiz, unit=unit)
    )


def kept_equals_rebuilt(quiz, unit=None):
    kept = figures(quiz, unit)
    cited = [(c.key, c.answers, round(c.facility or 0, 9)) for c in citation_analysis(quiz=quiz)]
    item_totals_rebuild()
    assert figures(quiz, unit) == kept
    assert [
        (c.key, c.answers, round(c.facility or 0, 9)) for c in citation_analysis(quiz=quiz)
    ] == cited
    return kept


@pytest.fixture
def five(quiz_of):
    qs = questions(5)
    return qs, quiz_of(qs, pass_mark=80)


@pytest.fixture
def taken(five, learner, outsider, manager):
    qs, quiz = five
    return [
        take(learner, quiz, {qs[0]: "Forkert 1", qs[1]: "Forkert 2"}),
        take(outsider, quiz, {qs[0]: "Forkert 1"}),
        take(manager, quiz),
    ]


def test_graded_attempts_are_counted_as_they_close(five, taken):
    qs, quiz = five
    stats = {s[0]: s for s in kept_equals_rebuilt(quiz)}
    assert stats[qs[0].pk][1] == 3  # three answers
    assert stats[qs[0].pk][3] == pytest.approx(1 / 3)
    assert ItemTotal.objects.filter(quiz_key=quiz.pk).exists()


def test_an_expired_attempt_counts_with_what_was_saved(five, learner):
    qs, quiz = five
    attempt = attempt_start(user=learner, quiz=quiz, rng=random.Random(3))
    assert attempt_expire(attempt=attempt, now=timezone.now() + dt.timedelta(hours=1))
    stats = kept_equals_rebuilt(quiz)
    assert all(s[1] == 1 and s[2] == 1 for s in stats)  # one answer each, left blank


def test_an_attempt_in_progress_counts_nothing(five, learner):
    qs, quiz = five
    attempt_start(user=learner, quiz=quiz, rng=random.Random(3))
    assert item_analysis(quiz=quiz) == []
    assert not ItemTotal.objects.exists()


def test_a_regrade_moves_the_sums_with_the_grades(five, taken, jurist):
    qs, quiz = five
    before = {s[0]: s for s in figures(quiz)}
    key_change(qs[0], correct={"Rigtigt 1", "Forkert 1"}, by=jurist)
    regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist))
    after = {s[0]: s for s in kept_equals_rebuilt(quiz)}
    assert before[qs[0].pk][3] == pytest.approx(1 / 3)
    assert after[qs[0].pk][3] == pytest.approx(1.0)  # "Forkert 1" is now right too
    assert after[qs[0].pk][1] == 3  # the same answers, not counted twice


def test_a_dropped_question_and_an_override_keep_the_sums_exact(five, taken, jurist):
    qs, quiz = five
    regrade_apply(regrade=regrade_request(quiz=quiz, by=jurist, dropped=[qs[4].pk]))
    item = taken[0].items.get(question=qs[2])
    item_override(item_id=item.pk, by=jurist, points=Decimal("0.5"), comment="Halvt")
    stats = {s[0]: s for s in kept_equals_rebuilt(quiz)}
    assert stats[qs[2].pk][3] == pytest.approx(2.5 / 3)


def test_a_marked_essay_adds_the_attempt_when_it_is_graded(
    client, quiz_of, learner, jurist, admin_access
):
    essay = question_add("Forklar officialprincippet", kind="essay", choices=[])
    mc = questions(1)
    quiz = quiz_of([*mc, essay], pass_mark=50)
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.AWAITING_MARKING
    assert item_analysis(quiz=quiz) == []  # not closed yet
    item = attempt.items.get(kind="essay")
    essay_mark(item_id=item.pk, marker=jurist, points=Decimal("0.5"))
    stats = {s[0]: s for s in kept_equals_rebuilt(quiz)}
    assert stats[essay.pk][3] == pytest.approx(0.5)
    assert stats[mc[0].pk][1] == 1


def test_a_transfer_leaves_the_answers_in_the_unit_where_they_were_given(
    five, taken, learner, units
):
    qs, quiz = five
    team = learner.org_unit
    in_team = figures(quiz, team)
    assert in_team and in_team[0][1] == 1
    learner.org_unit = units["other_team"]
    learner.save()
    assert figures(quiz, team) == in_team
    assert kept_equals_rebuilt(quiz, team) == in_team


def test_a_deleted_attempt_leaves_the_sums(five, taken):
    qs, quiz = five
    taken[0].delete()
    stats = kept_equals_rebuilt(quiz)
    assert {s[1] for s in stats} == {2}


def test_the_rebuild_is_idempotent_and_the_command_can_run_it(five, taken):
    qs, quiz = five
    from django.core.management import call_command

    kept = figures(quiz)
    ItemTotal.objects.all().delete()
    assert figures(quiz) == []
    call_command("quiz_statistics", quiz.slug, "--rebuild", stdout=__import__("io").StringIO())
    rows = ItemTotal.objects.count()
    assert figures(quiz) == kept
    item_totals_rebuild()
    assert ItemTotal.objects.count() == rows
    assert figures(quiz) == kept


def test_the_nightly_task_rebuilds(five, taken):
    from quizzes.tasks import item_totals_rebuild_task

    qs, quiz = five
    kept = figures(quiz)
    ItemTotal.objects.update(n=0, sx=0)
    assert item_totals_rebuild_task.delay().get() > 0
    assert figures(quiz) == kept
