"""Incremental evaluation after an HR delta: the people an import touched (changed, new, or in a
unit that moved) get their cycles at once, nobody else is read or written, and the status
counts end exactly where a full rebuild would put them."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from compliance import movements
from compliance.models import Assignment, Requirement, Status, StatusCount
from compliance.services import counts_rebuild, requirements_evaluate
from people.importers import employees_import
from people.models import OrgUnit, User
from tests.factories import UserFactory, course
from tests.people.test_import_employees import csv_bytes

TODAY = dt.date(2026, 3, 2)
BASE = [
    "5001;Anne;Area;anne@kk.dk;KK;Københavns Kommune;;Direktør;ja;01-01-2010;;",
    "5002;Bo;Berg;bo@kk.dk;KK-TMF;Teknik og Miljø;KK;Centerchef;x;2015-03-01;;5001",
    "5003;Cæcilie;Øst;c@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Sagsbehandler;nej;15-08-2024;;5002",
    "5005;Eva;Eng;e@kk.dk;KK-BA;Byens Anvendelse;KK;Direktør;ja;01-01-2012;;5001",
    "5006;Finn;Fyr;f@kk.dk;KK-TMF-T2;Team To;KK-TMF;Tekniker;nej;01-01-2020;;5002",
]
NEW_HIRE = "5007;Gry;Gran;g@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Sagsbehandler;nej;01-03-2026;;5002"


def load(rows: list[str], today: dt.date = TODAY) -> None:
    employees_import(data=csv_bytes(rows), today=today)


def counts() -> list[tuple]:
    """The status counts that are not zero (a delta may leave a zero row; a rebuild writes none)."""
    return sorted(
        StatusCount.objects.exclude(count=0).values_list(
            "unit_id", "requirement_id", "status", "count"
        )
    )


def rebuilt() -> list[tuple]:
    counts_rebuild()
    return counts()


def cycles(number: str) -> dict[str, str]:
    return dict(
        Assignment.objects.filter(person__employee_number=number).values_list(
            "requirement__name", "status"
        )
    )


@pytest.fixture
def staff(tree):
    load(BASE, TODAY - dt.timedelta(days=30))
    everyone = Requirement.objects.create(
        name="Onboarding", course=course("Onboarding"), applies_from=dt.date(2020, 1, 1)
    )
    caseworkers = Requirement.objects.create(
        name="Forvaltningsret",
        course=course("Forvaltningsret"),
        applies_from=dt.date(2020, 1, 1),
        job_titles="sagsbehandler",
    )
    byliv = Requirement.objects.create(
        name="Byliv", course=course("Byliv"), applies_from=dt.date(2020, 1, 1)
    )
    byliv.units.set([OrgUnit.objects.get(code="KK-BA")])
    requirements_evaluate(today=TODAY - dt.timedelta(days=30))
    return everyone, caseworkers, byliv


@pytest.mark.django_db
def test_a_new_hire_has_their_cycles_the_moment_the_import_is_done(staff):
    load([*BASE, NEW_HIRE])
    assert cycles("5007") == {
        "Onboarding": Status.NOT_STARTED,
        "Forvaltningsret": Status.NOT_STARTED,
    }
    assert counts() == rebuilt()


@pytest.mark.django_db
def test_the_delta_is_evaluated_alone_others_wait_for_the_full_run(staff, units):
    # Someone Paragraf has but no cycle of (created outside the import): not in the delta.
    bystander = UserFactory(
        org_unit=OrgUnit.objects.get(code="KK-TMF-T1"), job_title="Sagsbehandler"
    )
    load([*BASE, NEW_HIRE])
    assert cycles("5007") and not Assignment.objects.filter(person=bystander).exists()
    assert counts() == rebuilt()
    requirements_evaluate(today=TODAY)
    assert Assignment.objects.filter(person=bystander).count() == 2


@pytest.mark.django_db
def test_a_new_job_title_opens_its_cycle_and_a_lost_one_closes_it(staff):
    promoted = [
        row.replace("Tekniker", "Sagsbehandler") if row.startswith("5006") else row for row in BASE
    ]
    load(promoted)
    assert cycles("5006")["Forvaltningsret"] == Status.NOT_STARTED
    assert counts() == rebuilt()
    load(BASE, TODAY + dt.timedelta(days=1))
    assert cycles("5006")["Forvaltningsret"] == Status.SUPERSEDED
    assert counts() == rebuilt()


@pytest.mark.django_db
def test_people_in_a_unit_that_moved_are_evaluated_though_their_own_row_did_not_change(staff):
    finn = User.objects.get(employee_number="5006")
    assert "Byliv" not in cycles("5006")
    moved = [
        row.replace(";KK-TMF;Tekniker", ";KK-BA;Tekniker") if row.startswith("5006") else row
        for row in BASE
    ]
    load(moved)
    finn.refresh_from_db()
    assert finn.org_unit.get_parent().code == "KK-BA"
    assert cycles("5006")["Byliv"] == Status.NOT_STARTED
    assert counts() == rebuilt()


@pytest.mark.django_db
def test_a_leaver_in_the_delta_is_closed_and_counted(staff):
    gone = [
        row.replace(";01-01-2020;;", ";01-01-2020;28-02-2026;") if row.startswith("5006") else row
        for row in BASE
    ]
    load(gone)
    assert set(cycles("5006").values()) == {Status.SUPERSEDED}
    assert counts() == rebuilt()


@pytest.mark.django_db
def test_the_incremental_run_costs_the_same_whatever_the_number_of_bystanders(
    staff, django_assert_max_num_queries
):
    team = OrgUnit.objects.get(code="KK-TMF-T1")
    hire = UserFactory(org_unit=team, job_title="Sagsbehandler")
    with django_assert_max_num_queries(60) as few:
        requirements_evaluate(today=TODAY, person_ids=[hire.pk])
    for _ in range(30):
        UserFactory(org_unit=team, job_title="Sagsbehandler")
    other = UserFactory(org_unit=team, job_title="Sagsbehandler")
    with django_assert_max_num_queries(len(few.captured_queries)):
        result = requirements_evaluate(today=TODAY, person_ids=[other.pk])
    assert result.assigned == 2
    assert Assignment.objects.filter(person__in=[hire, other]).count() == 4
    assert Assignment.objects.count() < 4 + 31 * 2  # the thirty were not evaluated


@pytest.mark.django_db
def test_a_delta_over_the_limit_is_followed_in_one_pass_and_the_counts_rebuilt(
    staff, monkeypatch, caplog
):
    monkeypatch.setattr(movements, "INCREMENTAL_LIMIT", 1)
    second = NEW_HIRE.replace("5007;Gry", "5008;Hans")
    with caplog.at_level(logging.INFO, logger="compliance.movements"):
        load([*BASE, NEW_HIRE, second])
    assert "one pass over everyone" in caplog.text
    # Their first cycles come with the next scheduled evaluation.
    assert not cycles("5007")
    assert counts() == rebuilt()
    requirements_evaluate(today=TODAY)
    assert len(cycles("5008")) == 2
