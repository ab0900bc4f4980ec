"""People who come back or move: what a rehire keeps, and what a transfer closes.

- **Rehire.** A leaver's open cycles were closed (superseded) when they left; their completed
  cycles stay. Rehired within ``PARAGRAF_REHIRE_KEEP_MONTHS`` months of leaving (the day itself
  included), a completed cycle still valid on the rehire day, or an exemption, is kept as it is:
  the assignment is completed with its old validity, and recertification goes on from its
  expiry. Anything else (an expired completion, a cycle that was open when they left, or a
  rehire after the limit) starts again: a new cycle due ``due_days`` after the rehire day.
- **Transfer.** A completion stays with the person wherever they go, so in the new unit every
  requirement that also applies there keeps it. Open cycles of requirements that no longer
  apply are closed (superseded); back in a requirement's audience, a closed cycle opens again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from people.models import OrgUnit, User

from .models import OPEN_STATUSES, Assignment, Requirement, Status
from .services import (
    _fresh_runs,
    _insert,
    _window_opening,
    _yearly_lead,
    counts_follow,
    counts_rebuild,
    current_cycles,
    requirement_audience,
    requirements_evaluate,
)
from .validity import assignment_valid_until

logger = logging.getLogger(__name__)


@dataclass
class MovementResult:
    kept: int = 0
    restarted: int = 0
    closed: int = 0
    reopened: int = 0

    @property
    def changed(self) -> int:
        return self.restarted + self.closed + self.reopened


def rehire_keeps(*, left_on: dt.date | None, rehired_on: dt.date) -> bool:
    """Whether a person rehired on ``rehired_on`` keeps what they had: back within the setting's
    months of leaving, the last day included. An unknown leaving date keeps nothing."""
    if left_on is None:
        return False
    months = settings.PARAGRAF_REHIRE_KEEP_MONTHS
    return rehired_on <= left_on + relativedelta(months=months)


def _due_from(requirement: Requirement, day: dt.date) -> dt.date:
    due = day + dt.timedelta(days=requirement.due_days)
    if requirement.recurrence == Requirement.Recurrence.YEARLY:
        opening = _window_opening(requirement, day + _yearly_lead(requirement))
        due = max(due, opening + dt.timedelta(days=requirement.due_days))
    return due


def _new_cycle_row(cycle: Assignment, due: dt.date, today: dt.date) -> tuple:
    requirement = cycle.requirement
    overdue = due < today - dt.timedelta(days=requirement.grace_days)
    status = Status.OVERDUE if overdue else Status.NOT_STARTED
    return (cycle.person_id, requirement.pk, cycle.unit_id, cycle.cycle + 1, today, due, status, "")


def _audiences(requirements: list[Requirement], people: QuerySet[User]) -> dict[int, set[int]]:
    """requirement id → the ids of ``people`` it applies to (one query per requirement)."""
    return {
        r.pk: set(
            requirement_audience(requirement=r).filter(pk__in=people).values_list("pk", flat=True)
        )
        for r in requirements
    }


def _latest_valid_expiry(cycle: Assignment) -> dt.date | None:
    """The expiry of the person's latest completed cycle before ``cycle`` (one query)."""
    earlier = (
        Assignment.objects.filter(
            person_id=cycle.person_id,
            requirement_id=cycle.requirement_id,
            cycle__lt=cycle.cycle,
            status=Status.COMPLETED,
        )
        .order_by("-cycle")
        .first()
    )
    if earlier is None:
        return None
    earlier.requirement = cycle.requirement
    return assignment_valid_until(assignment=earlier)


def assignments_rehire(
    *, rehired: dict[int, tuple[dt.date | None, dt.date]], today: dt.date | None = None
) -> MovementResult:
    """Apply the rehire rule (module docstring) to the people HR brought back. Writes new
    cycles (and fresh course runs) only; the caller rebuilds the status counts."""
    today = today or timezone.localdate()
    result = MovementResult()
    people = User.objects.filter(pk__in=list(rehired), is_active=True)
    cycles = list(
        current_cycles()
        .filter(person__in=people, requirement__is_active=True)
        .select_related("requirement")
    )
    requirements = list({c.requirement_id: c.requirement for c in cycles}.values())
    audience = _audiences(requirements, people)
    rows: list[tuple] = []
    restarted_by_requirement: dict[int, list[int]] = defaultdict(list)
    to_close: list[int] = []
    for cycle in cycles:
        if cycle.person_id not in audience[cycle.requirement_id]:
            continue  # the evaluation and the transfer rule deal with who it applies to
        left_on, rehired_on = rehired[cycle.person_id]
        keeps = rehire_keeps(left_on=left_on, rehired_on=rehired_on)
        if keeps and cycle.status == Status.EXEMPT:
            result.kept += 1
            continue
        if keeps and cycle.status == Status.COMPLETED:
            valid_until = assignment_valid_until(assignment=cycle)
            if valid_until is None or valid_until >= rehired_on:
                result.kept += 1
                continue
        due = _due_from(cycle.requirement, rehired_on)
        if keeps and cycle.status == Status.SUPERSEDED:
            # A renewal was open when they left: the completion before it still counts.
            expiry = _latest_valid_expiry(cycle)
            if expiry is not None and expiry >= rehired_on:
                due = max(due, expiry)
        if cycle.status in OPEN_STATUSES:
            to_close.append(cycle.pk)
        rows.append(_new_cycle_row(cycle, due, today))
        restarted_by_requirement[cycle.requirement_id].append(cycle.person_id)
    if to_close:
        Assignment.objects.filter(pk__in=to_close).update(status=Status.SUPERSEDED)
    _insert(rows)
    by_id = {r.pk: r for r in requirements}
    for requirement_id, person_ids in restarted_by_requirement.items():
        _fresh_runs(by_id[requirement_id], person_ids)
    result.restarted = len(rows)
    logger.info(
        "rehire: people=%s kept=%s restarted=%s keep_months=%s",
        len(rehired), result.kept, result.restarted, settings.PARAGRAF_REHIRE_KEEP_MONTHS,
    )  # fmt: skip
    return result


def assignments_follow_audience(
    *, people: QuerySet[User], today: dt.date | None = None
) -> MovementResult:
    """After a transfer (or a new job title or role): close the open cycles of requirements
    that no longer apply to these people, and open again a closed current cycle of a
    requirement that applies again (due ``due_days`` from today). Completions are untouched.
    A few queries per active requirement."""
    today = today or timezone.localdate()
    result = MovementResult()
    active_people = people.filter(is_active=True, org_unit__isnull=False)
    requirements = list(Requirement.objects.filter(is_active=True))
    rows: list[tuple] = []
    for requirement in requirements:
        # NOT EXISTS, an anti-join: NOT IN over a subquery of hundreds of thousands of people
        # does not fit in memory as a hash and is then run once per row.
        in_audience = Exists(
            requirement_audience(requirement=requirement).filter(pk=OuterRef("person_id"))
        )
        result.closed += (
            Assignment.objects.filter(
                requirement=requirement, person__in=active_people, status__in=OPEN_STATUSES
            )
            .exclude(in_audience)
            .update(status=Status.SUPERSEDED)
        )
        returning = (
            current_cycles()
            .filter(requirement=requirement, status=Status.SUPERSEDED)
            .filter(person__in=active_people)
            .filter(in_audience)
        )
        for cycle in returning:
            cycle.requirement = requirement
            rows.append(_new_cycle_row(cycle, _due_from(requirement, today), today))
    _insert(rows)
    result.reopened = len(rows)
    if result.changed:
        logger.info("audience followed: closed=%s reopened=%s", result.closed, result.reopened)
    return result


#: Up to this many people an HR delta is followed person by person; above it, one pass over
#: everyone is cheaper than huge IN lists.
INCREMENTAL_LIMIT = 5000


def assignments_after_import(
    *,
    person_ids: list[int],
    new_person_ids: list[int] | None = None,
    moved_unit_ids: list[int] | None = None,
    rehired: dict[int, tuple[dt.date | None, dt.date]] | None = None,
    today: dt.date | None = None,
) -> None:
    """After an HR import: follow the people it touched (changed, new, or in a unit that moved
    in the tree) — their units, leavers, rehires and transfers — and evaluate the requirements
    for them alone, so a new hire has their cycles the moment the import is done. The counts
    move by the delta's difference. A delta of more than INCREMENTAL_LIMIT people is followed
    in one pass over everyone, and its new people's first cycles come with the next scheduled
    evaluation (every six hours). A unit that moved in the tree rebuilds the counts."""
    touched = _touched_people(
        [*person_ids, *(new_person_ids or [])], moved_unit_ids or [], INCREMENTAL_LIMIT
    )
    if touched is None:
        logger.info("HR import: over %s people touched, one pass over everyone", INCREMENTAL_LIMIT)
        if _resync(None, rehired, today):
            counts_rebuild()
        return
    # A unit that moved leaves its counts with ancestors the tree no longer names: only a rebuild
    # moves them (a move in the tree is rare; a delta is not). Otherwise one before-and-after.
    with nullcontext() if moved_unit_ids else counts_follow(touched):
        _resync(touched, rehired, today)
        requirements_evaluate(today=today, person_ids=touched, follow_counts=False)
    if moved_unit_ids:
        counts_rebuild()


def _touched_people(
    person_ids: list[int], moved_unit_ids: list[int], limit: int
) -> list[int] | None:
    """The delta's people plus everyone in the moved units' subtrees (their audiences may have
    changed with the tree); None when that is more than ``limit`` people."""
    touched = set(person_ids)
    if len(touched) > limit:
        return None
    if moved_unit_ids:
        paths = list(OrgUnit.objects.filter(pk__in=moved_unit_ids).values_list("path", flat=True))
        where = Q()
        for path in paths:
            where |= Q(org_unit__path__startswith=path)
        below = User.objects.filter(where).values_list("pk", flat=True)[: limit + 1]
        touched.update(below)
        if len(touched) > limit:
            return None
    return sorted(touched)


def _resync(
    person_ids: list[int] | None,
    rehired: dict[int, tuple[dt.date | None, dt.date]] | None,
    today: dt.date | None,
) -> int:
    """Follow ``person_ids`` (everyone for None) after an HR import: their cycles to their new
    unit, leavers' open cycles closed, the rehire rule for people who came back and the
    transfer rule for the rest. Returns the number of cycles changed; the caller keeps the
    counts."""
    people = User.objects.all() if person_ids is None else User.objects.filter(pk__in=person_ids)
    # Every cycle follows its person to their unit, in one statement.
    changed = (
        Assignment.objects.filter(person__in=people)
        .exclude(unit_id=F("person__org_unit_id"))
        .update(
            unit_id=Subquery(
                User.objects.filter(pk=OuterRef("person_id")).values("org_unit_id")[:1]
            )
        )
    )
    changed += Assignment.objects.filter(
        person__in=people, person__is_active=False, status__in=OPEN_STATUSES
    ).update(status=Status.SUPERSEDED)
    if rehired:
        changed += assignments_rehire(rehired=rehired, today=today).changed
    if person_ids is None or person_ids:
        changed += assignments_follow_audience(people=people, today=today).changed
    return changed
