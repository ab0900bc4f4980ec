"""Leavers, rehires and transfers through the HR import: what a person keeps and what starts
again (compliance.movements)."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.models import Assignment, Requirement, Status
from compliance.movements import rehire_keeps
from compliance.services import assignment_complete, requirements_evaluate
from courses.models import CourseRun
from people.importers import employees_import
from people.models import OrgUnit, User
from tests.factories import course
from tests.people.test_import_employees import ROWS, csv_bytes

HIRED = dt.date(2024, 1, 1)
DONE = dt.date(2024, 2, 1)
LEFT = dt.date(2024, 12, 31)
DAN = "5004;Dan;Dyb;d@kk.dk;{unit};Team {name};KK-TMF;Sagsbehandler;;{start};{end};5002"


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def dan_row(*, start="01-01-2024", end="", unit="KK-TMF-T1", name="Ét") -> str:
    return DAN.format(unit=unit, name=name, start=start, end=end)


def import_dan(row: str, today: dt.date) -> None:
    employees_import(data=csv_bytes([*ROWS[:3], row]), today=today)


def req_create(**fields) -> Requirement:
    return Requirement.objects.create(applies_from=dt.date(2020, 1, 1), **fields)


def current(person: User, req: Requirement) -> Assignment:
    return Assignment.objects.filter(person=person, requirement=req).order_by("-cycle").first()


@pytest.fixture
def staff(tree):
    """Dan (team T1) has completed a one-off course and a course valid for 24 months, both on
    DONE, and left on LEFT."""
    import_dan(dan_row(), HIRED)
    once = req_create(name="Onboarding", course=course("Onboarding"))
    biennial = req_create(
        name="Jura", course=course("Jura"), recurrence="months", recurrence_months=24
    )
    requirements_evaluate(today=HIRED)
    dan = User.objects.get(employee_number="5004")
    for req in (once, biennial):
        CourseRun.objects.create(user=dan, course=req.course, completed_at=at(DONE))
        assert assignment_complete(assignment=current(dan, req), completed_at=at(DONE))
    import_dan(dan_row(end=LEFT.strftime("%d-%m-%Y")), LEFT + dt.timedelta(days=1))
    dan.refresh_from_db()
    assert not dan.is_active
    return dan, once, biennial


def test_the_keep_limit_includes_the_last_day(settings):
    settings.PARAGRAF_REHIRE_KEEP_MONTHS = 12
    assert rehire_keeps(left_on=LEFT, rehired_on=dt.date(2025, 12, 31))
    assert not rehire_keeps(left_on=LEFT, rehired_on=dt.date(2026, 1, 1))
    assert not rehire_keeps(left_on=None, rehired_on=dt.date(2025, 1, 2))


@pytest.mark.django_db
def test_rehired_exactly_n_months_after_leaving_keeps_valid_completions(staff, settings):
    settings.PARAGRAF_REHIRE_KEEP_MONTHS = 12
    dan, once, biennial = staff
    back = dt.date(2025, 12, 31)
    import_dan(dan_row(start=back.strftime("%d-%m-%Y")), back)
    requirements_evaluate(today=back)
    for req in (once, biennial):
        mine = current(dan, req)
        assert (mine.cycle, mine.status, mine.completed_at) == (1, Status.COMPLETED, at(DONE))
    # The recertification goes on from the old completion: due 24 months after it.
    requirements_evaluate(today=dt.date(2026, 1, 2))
    assert current(dan, biennial).due_at == dt.date(2026, 2, 1)


@pytest.mark.django_db
def test_rehired_a_day_later_starts_again_from_the_new_start_date(staff, settings):
    settings.PARAGRAF_REHIRE_KEEP_MONTHS = 12
    dan, once, biennial = staff
    back = dt.date(2026, 1, 1)
    import_dan(dan_row(start=back.strftime("%d-%m-%Y")), back)
    for req in (once, biennial):
        mine = current(dan, req)
        assert (mine.cycle, mine.status, mine.due_at) == (
            2,
            Status.NOT_STARTED,
            dt.date(2026, 1, 31),
        )
        # The old completion stays in the history.
        assert Assignment.objects.get(person=dan, requirement=req, cycle=1).status == "completed"
    # A fresh pass of each course is waiting.
    assert CourseRun.objects.filter(user=dan, completed_at=None).count() == 2
    before = list(Assignment.objects.filter(person=dan).values())
    assert requirements_evaluate(today=back).assigned == 0
    assert list(Assignment.objects.filter(person=dan).values()) == before


@pytest.mark.django_db
def test_an_expired_completion_is_not_kept_on_rehire(tree, settings):
    settings.PARAGRAF_REHIRE_KEEP_MONTHS = 12
    import_dan(dan_row(), HIRED)
    yearly = req_create(
        name="GDPR", course=course("GDPR"), recurrence="months", recurrence_months=6
    )
    once = req_create(name="Onboarding", course=course("Onboarding"))
    requirements_evaluate(today=HIRED)
    dan = User.objects.get(employee_number="5004")
    for req in (yearly, once):
        assignment_complete(assignment=current(dan, req), completed_at=at(DONE))
    import_dan(dan_row(end="30-06-2024"), dt.date(2024, 7, 1))
    back = dt.date(2024, 9, 1)  # 2 months away: kept what is valid; GDPR expired 1 August
    import_dan(dan_row(start="01-09-2024"), back)
    assert (current(dan, once).cycle, current(dan, once).status) == (1, Status.COMPLETED)
    restarted = current(dan, yearly)
    assert (restarted.cycle, restarted.status, restarted.due_at) == (
        2,
        Status.NOT_STARTED,
        dt.date(2024, 10, 1),
    )


@pytest.mark.django_db
def test_a_cycle_open_when_they_left_opens_again_on_rehire(tree, settings):
    import_dan(dan_row(), HIRED)
    req = req_create(name="Onboarding", course=course("Onboarding"), due_days=30)
    requirements_evaluate(today=HIRED)
    dan = User.objects.get(employee_number="5004")
    import_dan(dan_row(end="31-03-2024"), dt.date(2024, 4, 1))
    assert current(dan, req).status == Status.SUPERSEDED
    import_dan(dan_row(start="01-05-2024"), dt.date(2024, 5, 1))
    mine = current(dan, req)
    assert (mine.cycle, mine.status, mine.due_at) == (2, Status.NOT_STARTED, dt.date(2024, 5, 31))


@pytest.mark.django_db
def test_a_transfer_keeps_completions_that_still_apply_and_closes_the_rest(tree):
    import_dan(dan_row(), HIRED)
    t1 = OrgUnit.objects.get(code="KK-TMF-T1")
    tmf = OrgUnit.objects.get(code="KK-TMF")
    everyone = req_create(name="Alle", course=course("Alle"))
    area = req_create(name="Forvaltningen", course=course("TMF"))
    area.units.set([tmf])
    team_only = req_create(name="Kun team 1", course=course("Team 1"))
    team_only.units.set([t1])
    requirements_evaluate(today=HIRED)
    dan = User.objects.get(employee_number="5004")
    for req in (everyone, area):
        assignment_complete(assignment=current(dan, req), completed_at=at(DONE))
    assert current(dan, team_only).status == Status.NOT_STARTED

    moved = dt.date(2024, 6, 1)
    import_dan(dan_row(unit="KK-TMF-T2", name="To"), moved)
    dan.refresh_from_db()
    assert dan.org_unit.code == "KK-TMF-T2"
    for req in (everyone, area):  # they apply in the new unit too: the completion stands
        assert (current(dan, req).cycle, current(dan, req).status) == (1, Status.COMPLETED)
        assert current(dan, req).unit_id == dan.org_unit_id
    assert current(dan, team_only).status == Status.SUPERSEDED
    assert requirements_evaluate(today=moved).assigned == 0
    assert Assignment.objects.filter(person=dan, status=Status.NOT_STARTED).count() == 0

    # Back in team 1, the team's requirement opens again.
    back = dt.date(2024, 9, 1)
    import_dan(dan_row(), back)
    mine = current(dan, team_only)
    assert (mine.cycle, mine.status, mine.due_at) == (2, Status.NOT_STARTED, dt.date(2024, 10, 1))


@pytest.mark.django_db
def test_a_transfer_never_touches_another_persons_cycles(tree, learner):
    import_dan(dan_row(), HIRED)
    t1 = OrgUnit.objects.get(code="KK-TMF-T1")
    team_only = req_create(name="Kun team 1", course=course("Team 1"))
    team_only.units.set([t1])
    requirements_evaluate(today=HIRED)
    cecilie = User.objects.get(employee_number="5003")
    import_dan(dan_row(unit="KK-TMF-T2", name="To"), dt.date(2024, 6, 1))
    assert current(cecilie, team_only).status == Status.NOT_STARTED
