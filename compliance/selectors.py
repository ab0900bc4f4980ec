"""Reads for mandatory training. Query counts do not grow with people or assignments."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from people.models import OrgUnit, User
from people.roles import MANAGER, user_has_role

from .models import (
    COMPLIANT_STATUSES,
    OPEN_STATUSES,
    Acknowledgement,
    Assignment,
    Requirement,
    Status,
    StatusCount,
)
from .validity import assignment_valid_until

if TYPE_CHECKING:
    pass

OVERDUE_FIRST = Case(
    When(status=Status.OVERDUE, then=Value(0)), default=Value(1), output_field=IntegerField()
)


def acknowledged_version():
    """For an Assignment queryset: the guideline version a completed acknowledgement cycle was
    completed with — "2024.1 (rev. 812)", or "rev. 812" without a label — else "". The
    acknowledgement is matched on person, guideline and moment (a cycle it completed has its
    ``acknowledged_at``). Course rows never run the subquery (CASE), so exports stay a scan."""
    label = Acknowledgement.objects.filter(
        person_id=OuterRef("person_id"),
        guideline_id=OuterRef("requirement__guideline_id"),
        acknowledged_at=OuterRef("completed_at"),
    ).annotate(
        shown=Case(
            When(
                version_label="",
                then=Concat(Value("rev. "), Cast("revision_id", CharField())),
            ),
            default=Concat(
                "version_label", Value(" (rev. "), Cast("revision_id", CharField()), Value(")")
            ),
            output_field=CharField(),
        )
    )
    return Case(
        When(
            requirement__kind=Requirement.Kind.ACKNOWLEDGE,
            completed_at__isnull=False,
            then=Subquery(label.values("shown")[:1]),
        ),
        default=Value(""),
        output_field=CharField(),
    )


def my_open_assignments(*, user: User) -> list[Assignment]:
    """The person's open cycles, overdue first, then by due date (one query)."""
    return list(
        Assignment.objects.filter(person=user, status__in=OPEN_STATUSES)
        .select_related("requirement__course", "requirement__guideline")
        .order_by(OVERDUE_FIRST, "due_at", "id")
    )


@dataclass
class ValidCycle:
    """A completed current cycle as the learner sees it: "gyldig til …" and, with a renewal
    window, the first day a renewal counts from the old expiry."""

    assignment: Assignment
    valid_until: dt.date | None

    @property
    def expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def renewable_from(self) -> dt.date | None:
        window = self.assignment.requirement.renewal_window_days
        if not window or self.valid_until is None:
            return None
        return self.valid_until - dt.timedelta(days=window)


def my_valid_cycles(*, user: User) -> list[ValidCycle]:
    """The person's newest completed cycle of each requirement (also while a renewal cycle is
    open), with how long each is valid (one query), the soonest expiry first."""
    later = Assignment.objects.filter(
        person_id=OuterRef("person_id"),
        requirement_id=OuterRef("requirement_id"),
        cycle__gt=OuterRef("cycle"),
        status=Status.COMPLETED,
    )
    completed = (
        Assignment.objects.filter(person=user, status=Status.COMPLETED)
        .filter(~Exists(later))
        .select_related("requirement__course", "requirement__guideline")
    )
    cycles = [
        ValidCycle(assignment=a, valid_until=assignment_valid_until(assignment=a))
        for a in completed
    ]
    return sorted(cycles, key=lambda c: (c.valid_until is None, c.valid_until or dt.date.min))


def managed_unit(*, user: User) -> OrgUnit | None:
    """The unit whose subtree a manager sees, or None for anyone who is not a manager."""
    if not user.is_authenticated or not user.is_manager or user.org_unit_id is None:
        return None
    if not user_has_role(user, MANAGER):
        return None
    return user.org_unit


@dataclass
class TeamMember:
    person: User
    by_requirement: dict[int, Assignment] = field(default_factory=dict)

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.by_requirement.values() if a.status == Status.OVERDUE)


@dataclass
class TeamStatus:
    unit: OrgUnit
    requirements: list[Requirement]
    members: list[TeamMember]

    def rows(self):
        for member in self.members:
            yield member, [member.by_requirement.get(r.pk) for r in self.requirements]


def team_status(*, unit: OrgUnit, exclude: User | None = None) -> TeamStatus:
    """Active people in the unit's subtree with their current cycle per requirement, people
    with overdue cycles first. Three queries whatever the team size."""
    people = list(
        User.objects.filter(is_active=True, org_unit__path__startswith=unit.path)
        .exclude(pk=getattr(exclude, "pk", None))
        .select_related("org_unit")
        .order_by("last_name", "first_name", "pk")
    )
    members = {p.pk: TeamMember(person=p) for p in people}
    cycles = (
        Assignment.objects.filter(
            person__is_active=True, person__org_unit__path__startswith=unit.path
        )
        .exclude(person_id=getattr(exclude, "pk", None))
        .annotate(version=acknowledged_version())
        .order_by("person_id", "requirement_id", "cycle")
    )
    requirement_ids: set[int] = set()
    for cycle in cycles:
        members[cycle.person_id].by_requirement[cycle.requirement_id] = cycle
        requirement_ids.add(cycle.requirement_id)
    requirements = list(Requirement.objects.filter(pk__in=requirement_ids).order_by("name"))
    ordered = sorted(members.values(), key=lambda m: (m.overdue == 0,))
    return TeamStatus(unit=unit, requirements=requirements, members=ordered)


@dataclass
class RollupRow:
    """One unit's counts with its subtree; each figure is summed once (a page shows ~70)."""

    unit: OrgUnit
    counts: dict[str, int]

    @cached_property
    def total(self) -> int:
        return sum(n for status, n in self.counts.items() if status != Status.SUPERSEDED)

    @cached_property
    def compliant(self) -> int:
        return sum(self.counts.get(s, 0) for s in COMPLIANT_STATUSES)

    @cached_property
    def overdue(self) -> int:
        return self.counts.get(Status.OVERDUE, 0)

    @cached_property
    def open(self) -> int:
        return sum(self.counts.get(s, 0) for s in (Status.NOT_STARTED, Status.IN_PROGRESS))

    @cached_property
    def percent(self) -> float | None:
        return round(100 * self.compliant / self.total, 1) if self.total else None


def unit_status_counts(
    unit_ids: list[int], *, requirement: Requirement | None = None
) -> dict[int, dict[str, int]]:
    """{unit id: {status: count}} for the units' subtrees, summed over requirements (or for
    one requirement) by the database from the materialised counts: one query."""
    counts = StatusCount.objects.filter(unit__in=unit_ids, count__gt=0)
    if requirement is not None:
        counts = counts.filter(requirement=requirement)
    by_unit: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, status, n in (
        counts.order_by().values_list("unit_id", "status").annotate(n=Sum("count"))
    ):
        by_unit[unit_id][status] = n
    return by_unit
