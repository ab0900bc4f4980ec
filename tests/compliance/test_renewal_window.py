"""An early renewal: the next cycle opens with the renewal window, and a completion up to the
expiry day counts its validity from the old expiry, not from the day it was done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from certificates.validity import valid_until_for
from compliance.models import Assignment, Requirement, Status
from compliance.services import (
    assignment_complete,
    assignments_complete_for_run,
    requirements_evaluate,
)
from compliance.validity import assignment_valid_until
from tests.compliance.conftest import requirement
from tests.factories import CourseRunFactory, course

FIRST_DONE = dt.date(2024, 3, 1)
EXPIRY = dt.date(2025, 3, 1)  # FIRST_DONE + 12 months
WINDOW = 60


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def cycles(person, req) -> list[Assignment]:
    return list(Assignment.objects.filter(person=person, requirement=req).order_by("cycle"))


@pytest.fixture
def yearly_course(tree):
    return course("Årlig opfriskning", modules=1, lessons=1)


@pytest.fixture
def renewable(learner, tree):
    """A 12-month requirement with a 60-day renewal window; the learner's first cycle was done
    on FIRST_DONE, so it is valid until EXPIRY."""
    req = requirement(
        course("GDPR", modules=1, lessons=1),
        due_days=30,
        recurrence="months",
        recurrence_months=12,
        renewal_window_days=WINDOW,
    )
    requirements_evaluate(today=FIRST_DONE - dt.timedelta(days=10))
    (first,) = cycles(learner, req)
    assert assignment_complete(assignment=first, completed_at=at(FIRST_DONE))
    first.refresh_from_db()
    assert assignment_valid_until(assignment=first) == EXPIRY
    return req


def renewal_cycle(learner, req) -> Assignment:
    requirements_evaluate(today=EXPIRY - dt.timedelta(days=WINDOW))
    first, second = cycles(learner, req)
    assert (second.cycle, second.due_at, second.status) == (2, EXPIRY, Status.NOT_STARTED)
    return second


@pytest.mark.django_db
def test_the_renewal_cycle_opens_exactly_when_the_window_opens(learner, renewable):
    day_before = requirements_evaluate(today=EXPIRY - dt.timedelta(days=WINDOW + 1))
    assert day_before.recertifications == 0 and len(cycles(learner, renewable)) == 1
    renewal_cycle(learner, renewable)


@pytest.mark.django_db
def test_renewing_exactly_n_days_before_expiry_counts_from_the_old_expiry(learner, renewable):
    second = renewal_cycle(learner, renewable)
    assignment_complete(assignment=second, completed_at=at(EXPIRY - dt.timedelta(days=WINDOW)))
    second.refresh_from_db()
    assert second.valid_from == EXPIRY
    assert valid_until_for(assignment=second) == dt.date(2026, 3, 1)


@pytest.mark.django_db
def test_renewing_on_the_expiry_day_is_still_a_renewal(learner, renewable):
    second = renewal_cycle(learner, renewable)
    assignment_complete(assignment=second, completed_at=at(EXPIRY))
    second.refresh_from_db()
    assert (second.valid_from, assignment_valid_until(assignment=second)) == (
        EXPIRY,
        dt.date(2026, 3, 1),
    )


@pytest.mark.django_db
def test_after_expiry_validity_counts_from_the_completion_as_before(learner, renewable):
    second = renewal_cycle(learner, renewable)
    late = EXPIRY + dt.timedelta(days=1)
    assignment_complete(assignment=second, completed_at=at(late))
    second.refresh_from_db()
    assert second.valid_from is None
    assert assignment_valid_until(assignment=second) == dt.date(2026, 3, 2)


@pytest.mark.django_db
def test_a_completion_before_the_window_opens_keeps_the_current_cycle(learner, renewable):
    """N + 1 days before expiry no renewal cycle is open: taking the course again then changes
    nothing, and the learner keeps the cycle they have, valid until the old expiry."""
    early = EXPIRY - dt.timedelta(days=WINDOW + 1)
    requirements_evaluate(today=early)
    run = CourseRunFactory(user=learner, course=renewable.course, completed_at=at(early))
    assert assignments_complete_for_run(run=run) == 0
    (first,) = cycles(learner, renewable)
    assert (first.status, assignment_valid_until(assignment=first)) == (Status.COMPLETED, EXPIRY)


@pytest.mark.django_db
def test_a_cycle_already_open_when_the_window_was_shortened_is_no_renewal(learner, renewable):
    """HR shortens the window after the cycle opened: completing it before the (new) window is
    an ordinary completion, valid from its own date."""
    second = renewal_cycle(learner, renewable)
    Requirement.objects.filter(pk=renewable.pk).update(renewal_window_days=WINDOW - 1)
    second.requirement.refresh_from_db()
    done = EXPIRY - dt.timedelta(days=WINDOW)
    assignment_complete(assignment=second, completed_at=at(done))
    second.refresh_from_db()
    assert second.valid_from is None
    assert assignment_valid_until(assignment=second) == dt.date(2025, 12, 31)


@pytest.mark.django_db
def test_the_next_cycle_after_a_renewal_is_due_at_the_renewed_expiry(learner, renewable):
    second = renewal_cycle(learner, renewable)
    assignment_complete(assignment=second, completed_at=at(EXPIRY - dt.timedelta(days=30)))
    renewed = dt.date(2026, 3, 1)
    assert requirements_evaluate(today=renewed - dt.timedelta(days=WINDOW + 1)).changed == 0
    requirements_evaluate(today=renewed - dt.timedelta(days=WINDOW))
    third = cycles(learner, renewable)[-1]
    assert (third.cycle, third.due_at) == (3, renewed)


@pytest.mark.django_db
def test_without_a_window_a_recertification_counts_from_the_completion(learner, tree):
    req = requirement(course("Uden vindue"), due_days=30, recurrence="months", recurrence_months=12)
    requirements_evaluate(today=FIRST_DONE)
    (first,) = cycles(learner, req)
    assignment_complete(assignment=first, completed_at=at(FIRST_DONE))
    assert requirements_evaluate(today=EXPIRY - dt.timedelta(days=31)).recertifications == 0
    requirements_evaluate(today=EXPIRY - dt.timedelta(days=30))
    second = cycles(learner, req)[-1]
    assignment_complete(assignment=second, completed_at=at(EXPIRY - dt.timedelta(days=10)))
    second.refresh_from_db()
    assert second.valid_from is None
    assert assignment_valid_until(assignment=second) == dt.date(2026, 2, 19)


@pytest.mark.django_db
def test_a_yearly_window_renewal_opens_early_and_runs_a_year_from_the_old_expiry(
    learner, yearly_course
):
    """Window opens 1 September, 30 days to finish: a cycle done in September 2024 is valid
    until 1 October 2025. A 60-day renewal window opens the 2025 cycle on 2 August."""
    req = requirement(
        yearly_course,
        due_days=30,
        recurrence="yearly",
        window_month=9,
        window_day=1,
        renewal_window_days=WINDOW,
    )
    requirements_evaluate(today=dt.date(2024, 9, 2))
    (first,) = cycles(learner, req)
    assignment_complete(assignment=first, completed_at=at(dt.date(2024, 9, 10)))
    first.refresh_from_db()
    expiry = dt.date(2025, 10, 1)
    assert assignment_valid_until(assignment=first) == expiry
    requirements_evaluate(today=dt.date(2025, 8, 1))
    assert len(cycles(learner, req)) == 1
    requirements_evaluate(today=dt.date(2025, 8, 2))
    second = cycles(learner, req)[-1]
    assert (second.assigned_at, second.due_at) == (dt.date(2025, 8, 2), expiry)
    # The window's own opening does not open another cycle.
    assert requirements_evaluate(today=dt.date(2025, 9, 1)).recertifications == 0
    assert len(cycles(learner, req)) == 2
    assignment_complete(assignment=second, completed_at=at(expiry - dt.timedelta(days=WINDOW)))
    second.refresh_from_db()
    assert second.valid_from == expiry
    assert assignment_valid_until(assignment=second) == dt.date(2026, 10, 1)


@pytest.mark.django_db
def test_a_yearly_completion_after_expiry_counts_from_the_completion(learner, yearly_course):
    req = requirement(
        yearly_course,
        due_days=30,
        grace_days=30,
        recurrence="yearly",
        window_month=9,
        window_day=1,
        renewal_window_days=WINDOW,
    )
    requirements_evaluate(today=dt.date(2024, 9, 2))
    assignment_complete(assignment=cycles(learner, req)[0], completed_at=at(dt.date(2024, 9, 3)))
    requirements_evaluate(today=dt.date(2025, 8, 2))
    second = cycles(learner, req)[-1]
    assignment_complete(assignment=second, completed_at=at(dt.date(2025, 10, 2)))
    second.refresh_from_db()
    assert second.valid_from is None
    assert assignment_valid_until(assignment=second) == dt.date(2026, 10, 1)


@pytest.mark.django_db
def test_a_renewal_window_needs_a_recurring_requirement_shorter_than_the_window(tree):
    once = Requirement(
        name="Én gang", course=course("Én gang"), recurrence="none", renewal_window_days=30
    )
    with pytest.raises(ValidationError) as error:
        once.clean()
    assert "renewal_window_days" in error.value.message_dict
    monthly = Requirement(
        name="Kvartal",
        course=once.course,
        recurrence="months",
        recurrence_months=3,
        renewal_window_days=90,
    )
    with pytest.raises(ValidationError):
        monthly.clean()
    monthly.renewal_window_days = 60
    monthly.clean()


@pytest.mark.django_db
def test_the_learner_sees_gyldig_til_and_when_renewal_opens(client, learner, tree):
    from dateutil.relativedelta import relativedelta
    from django.utils import timezone
    from django.utils.formats import date_format

    today = timezone.localdate()
    req = requirement(
        course("Databeskyttelse", modules=1, lessons=1),
        recurrence="months",
        recurrence_months=12,
        renewal_window_days=WINDOW,
    )
    requirements_evaluate(today=today - relativedelta(months=11))
    (first,) = cycles(learner, req)
    assignment_complete(assignment=first, completed_at=at(today - relativedelta(months=11)))
    expiry = today - relativedelta(months=11) + relativedelta(months=12)
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert f"gyldig til {date_format(expiry, 'j. F Y')}" in html
    opens = date_format(expiry - dt.timedelta(days=WINDOW), "j. F Y")
    assert f"Du kan forny fra {opens}" in html
    # Once the renewal cycle is open, it is listed with its deadline and the old validity stays.
    requirements_evaluate(today=today)
    assert cycles(learner, req)[-1].due_at == expiry
    html = client.get("/mine-kurser/").content.decode()
    assert html.count(date_format(expiry, "j. F Y")) == 2


@pytest.mark.django_db
def test_the_learner_sees_an_expired_cycle_as_expired(client, learner, renewable):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert "udløbet 1. marts 2025" in html and "gyldig til 1. marts 2025" not in html


@pytest.mark.django_db
def test_a_renewed_certificate_says_valid_until_a_year_after_the_old_expiry(learner, renewable):
    from certificates.services import certificate_cycle_attach, certificate_issue_for_run

    second = renewal_cycle(learner, renewable)
    run = CourseRunFactory(
        user=learner, course=renewable.course, completed_at=at(EXPIRY - dt.timedelta(days=5))
    )
    assignments_complete_for_run(run=run)
    second.refresh_from_db()
    assert second.status == Status.COMPLETED and second.valid_from == EXPIRY
    certificate, _created = certificate_issue_for_run(run=run)
    certificate_cycle_attach(certificate=certificate, run=run)
    certificate.refresh_from_db()
    assert certificate.valid_until == dt.date(2026, 3, 1)
