"""Writes about mandatory training: evaluating requirements into cycles, completing, exempting,
and keeping the materialised status counts in step in the same transaction."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Collection, Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import connection, models, transaction
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import CoursePage
from people.models import OrgUnit, User

from .models import (
    OPEN_STATUSES,
    Acknowledgement,
    Assignment,
    Requirement,
    Status,
    StatusCount,
)
from .signals import cycle_completed
from .validity import renewal_valid_from

if TYPE_CHECKING:
    from courses.models import CourseRun

logger = logging.getLogger(__name__)

#: pg_advisory_xact_lock key that serialises requirement evaluations.
EVALUATION_LOCK = 0x50415241  # "PARA"

INSERT_COLUMNS = (
    "person_id",
    "requirement_id",
    "unit_id",
    "cycle",
    "assigned_at",
    "due_at",
    "status",
    "exempt_reason",
)


def current_cycles() -> QuerySet[Assignment]:
    """Assignments that are the newest cycle of their person × requirement."""
    later = Assignment.objects.filter(
        person_id=OuterRef("person_id"),
        requirement_id=OuterRef("requirement_id"),
        cycle__gt=OuterRef("cycle"),
    )
    return Assignment.objects.filter(~Exists(later))


def audience_people(
    *, unit_paths: list[str], job_titles: list[str], managers_only: bool = False
) -> QuerySet[User]:
    """Active employees in any of the units' subtrees (all units when none) whose job title
    contains any of ``job_titles`` (any title when none); managers only if asked. A queryset:
    one query when evaluated."""
    people = User.objects.filter(is_active=True, org_unit__isnull=False)
    if managers_only:
        people = people.filter(is_manager=True)
    if unit_paths:
        where = Q()
        for path in unit_paths:
            where |= Q(org_unit__path__startswith=path)
        people = people.filter(where)
    if job_titles:
        where = Q()
        for title in job_titles:
            where |= Q(job_title__icontains=title)
        people = people.filter(where)
    return people


def requirement_audience(*, requirement: Requirement) -> QuerySet[User]:
    """Active employees the requirement applies to (one query when evaluated)."""
    return audience_people(
        unit_paths=list(requirement.units.values_list("path", flat=True)),
        job_titles=requirement.job_title_list(),
        managers_only=requirement.managers_only,
    )


@dataclass
class EvaluationResult:
    assigned: int = 0
    recertifications: int = 0
    superseded: int = 0
    overdue: int = 0
    #: Acknowledgement cycles met at once by an acknowledgement of the live revision.
    credited: int = 0

    @property
    def changed(self) -> int:
        return (
            self.assigned + self.recertifications + self.superseded + self.overdue + self.credited
        )


def requirements_evaluate(
    *,
    today: dt.date | None = None,
    person_ids: Collection[int] | None = None,
    follow_counts: bool = True,
) -> EvaluationResult:
    """Open every cycle that is due, mark missed deadlines overdue, and retire leavers' open
    cycles. Set-based: a handful of queries per requirement; running it twice changes nothing.

    With ``person_ids`` (an HR delta) only those people's cycles are read and written, and the
    status counts are moved by their difference instead of being rebuilt: the cost follows the
    delta, not the size of the install (``follow_counts=False``: the caller does that, around
    more than this evaluation)."""
    today = today or timezone.localdate()
    result = EvaluationResult()
    scope = _Scope(person_ids)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One evaluation at a time (beat and a manual run may overlap): the second waits,
            # then finds nothing due, so the inserts need no conflict handling.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [EVALUATION_LOCK])
        incremental = scope.people is not None and follow_counts
        with counts_follow(scope.people) if incremental else nullcontext():
            _evaluate(today, scope, result)
            if result.changed and scope.people is None:
                counts_rebuild()
    logger.info(
        "requirements evaluated%s: %s",
        "" if scope.people is None else f" for {len(scope.people)} people",
        result,
    )
    return result


class _Scope:
    """Everyone (``people`` None) or only the people of an HR delta."""

    def __init__(self, person_ids: Collection[int] | None):
        self.people = None if person_ids is None else sorted(set(person_ids))

    def of(self, queryset: QuerySet, field: str = "person_id") -> QuerySet:
        return queryset if self.people is None else queryset.filter(**{f"{field}__in": self.people})


def _evaluate(today: dt.date, scope: _Scope, result: EvaluationResult) -> None:
    # Leavers' open cycles first: no cycle is opened for a leaver below, and the table's
    # statistics are still those of before the inserts, so the plan stays cheap.
    result.superseded += (
        scope.of(Assignment.objects.filter(status__in=OPEN_STATUSES))
        .filter(Exists(User.objects.filter(pk=OuterRef("person_id"), is_active=False)))
        .update(status=Status.SUPERSEDED)
    )
    requirements = list(
        Requirement.objects.filter(is_active=True).select_related("course", "guideline")
    )
    plans: list[_FirstCycles] = []
    for requirement in requirements:
        if requirement.recurrence == Requirement.Recurrence.MONTHS:
            _recertify_after_months(requirement, today, result, scope)
        elif requirement.recurrence == Requirement.Recurrence.YEARLY:
            _recertify_yearly(requirement, today, result, scope)
        plan = _first_cycles(requirement, today, scope)
        if plan is not None:
            plans.append(plan)
    # Re-trainings (compliance.retraining) open no cycles by rule — their people were chosen
    # when the re-training was created — but their deadlines pass all the same.
    retrainings = Requirement.objects.filter(
        is_active=False, course__family=CoursePage.Family.RETRAINING
    )
    result.overdue += _mark_overdue([*requirements, *retrainings], today, scope)
    # New first cycles are written with their status (overdue or not) already: they come
    # last, so the statements above plan against the table as it was.
    _assign_first_cycles(plans, today, result)
    result.credited += _credit_acknowledgements(requirements, scope)


@dataclass
class _FirstCycles:
    """Who gets cycle 1 of a requirement now (``candidates``) and how their deadline is set."""

    requirement: Requirement
    candidates: QuerySet[User]
    trigger_field: str | None
    earliest_due: dt.date | None
    overdue_before: dt.date


def _credit_acknowledgements(requirements: Iterable[Requirement], scope: _Scope) -> int:
    """Open cycles of acknowledgement requirements whose person has already acknowledged the
    guideline's live revision (another requirement on it, a transfer back) are complete, as
    of that acknowledgement: one UPDATE per acknowledgement requirement."""
    credited = 0
    for requirement in requirements:
        if not requirement.is_acknowledgement or requirement.guideline is None:
            continue
        acknowledged = Acknowledgement.objects.filter(
            person_id=OuterRef("person_id"), revision_id=requirement.guideline.live_revision_id
        )
        credited += (
            scope.of(Assignment.objects.filter(requirement=requirement, status__in=OPEN_STATUSES))
            .filter(Exists(acknowledged))
            .update(
                status=Status.COMPLETED,
                completed_at=Subquery(acknowledged.values("acknowledged_at")[:1]),
            )
        )
    return credited


def _mark_overdue(requirements: Iterable[Requirement], today: dt.date, scope: _Scope) -> int:
    """Mark every open cycle past its deadline (plus the requirement's grace days) overdue, in
    one statement: one pass over the open cycles rather than one per requirement."""
    by_grace: dict[int, list[int]] = defaultdict(list)
    for requirement in requirements:
        by_grace[requirement.grace_days].append(requirement.pk)
    if not by_grace:
        return 0
    past_deadline = Q()
    for grace_days, ids in by_grace.items():
        past_deadline |= Q(requirement_id__in=ids, due_at__lt=today - dt.timedelta(days=grace_days))
    return (
        scope.of(
            Assignment.objects.filter(
                status__in=(Status.NOT_STARTED, Status.IN_PROGRESS),
                due_at__lt=today - dt.timedelta(days=min(by_grace)),
            )
        )
        .filter(past_deadline)
        .update(status=Status.OVERDUE)
    )


def _first_cycles(requirement: Requirement, today: dt.date, scope: _Scope) -> _FirstCycles | None:
    """Everyone in the audience (and the scope) who has no cycle of the requirement yet; None
    when the requirement does not apply yet."""
    candidates = scope.of(requirement_audience(requirement=requirement), "pk").exclude(
        Exists(Assignment.objects.filter(person_id=OuterRef("pk"), requirement=requirement))
    )
    trigger = {
        # Without a start date from HR, the day Paragraf first had the person counts.
        Requirement.Trigger.START_DATE: Coalesce(F("start_date"), F("first_seen")),
        Requirement.Trigger.BECAME_MANAGER: F("manager_since"),
    }.get(requirement.trigger)
    trigger_field = None
    if trigger is None:
        if today < requirement.applies_from:
            return None
    else:
        # Started (or became a manager) before the requirement applied: not caught by it.
        trigger_field = "trigger_date"
        candidates = candidates.annotate(trigger_date=trigger).filter(
            trigger_date__gte=requirement.applies_from
        )
    earliest_due = None
    if requirement.recurrence == Requirement.Recurrence.YEARLY:
        earliest_due = _window_opening(
            requirement, today + _yearly_lead(requirement)
        ) + dt.timedelta(days=requirement.due_days)
    overdue_before = today - dt.timedelta(days=requirement.grace_days)
    return _FirstCycles(requirement, candidates, trigger_field, earliest_due, overdue_before)


def _assign_first_cycles(
    plans: list[_FirstCycles], today: dt.date, result: EvaluationResult
) -> None:
    """Open cycle 1 for every plan's candidates. A missed deadline is written as overdue at
    once (and counted as such), as the overdue pass would mark it."""
    if not plans:
        return
    if connection.vendor == "postgresql":
        assigned, overdue = _assign_first_cycles_sql(plans, today)
        result.assigned += assigned
        result.overdue += overdue
        return
    for plan in plans:
        requirement, trigger_field = plan.requirement, plan.trigger_field
        rows = []
        fields = ("id", "org_unit_id", trigger_field) if trigger_field else ("id", "org_unit_id")
        for person_id, unit_id, *trigger in plan.candidates.values_list(*fields).iterator(
            chunk_size=5000
        ):
            due = (trigger[0] if trigger else today) + dt.timedelta(days=requirement.due_days)
            if plan.earliest_due is not None:
                due = max(due, plan.earliest_due)
            status = Status.OVERDUE if due < plan.overdue_before else Status.NOT_STARTED
            rows.append((person_id, requirement.pk, unit_id, 1, today, due, status, ""))
        _insert(rows)
        result.assigned += len(rows)
        result.overdue += sum(1 for row in rows if row[6] == Status.OVERDUE)


def _assign_first_cycles_sql(plans: list[_FirstCycles], today: dt.date) -> tuple[int, int]:
    """PostgreSQL: one ``INSERT … SELECT`` for every requirement computes every due date and
    status in the database, written in (person, requirement) order so that each index page is
    written once rather than once per requirement (about a third faster at 540,000 rows than
    one statement per requirement). Returns (assigned, of which overdue)."""
    selects, params = [], []
    for plan in plans:
        if plan.trigger_field is None:
            candidates = plan.candidates.annotate(
                trigger_date=Value(today, output_field=DateField())
            )
        else:
            candidates = plan.candidates  # annotated with trigger_date by _first_cycles
        select_sql, select_params = candidates.values_list(
            "id", "org_unit_id", "trigger_date"
        ).query.sql_with_params()
        selects.append(
            "SELECT c.person_id, %s::bigint AS requirement_id, c.unit_id, "  # noqa: S608
            "GREATEST(c.trigger_date + %s, %s::date) AS due_at, %s::date AS overdue_before "
            f"FROM ({select_sql}) AS c(person_id, unit_id, trigger_date)"
        )
        params += [
            plan.requirement.pk,
            plan.requirement.due_days,
            plan.earliest_due,
            plan.overdue_before,
            *select_params,
        ]
    table = Assignment._meta.db_table
    sql = (
        f"WITH due AS ({' UNION ALL '.join(selects)}), "  # noqa: S608
        f"inserted AS (INSERT INTO {table} ({', '.join(INSERT_COLUMNS)}) "
        "SELECT person_id, requirement_id, unit_id, 1, %s::date, due_at, "
        "CASE WHEN due_at < overdue_before THEN %s ELSE %s END, '' FROM due "
        "ORDER BY person_id, requirement_id RETURNING status) "
        "SELECT count(*), count(*) FILTER (WHERE status = %s) FROM inserted"
    )
    params += [today, Status.OVERDUE, Status.NOT_STARTED, Status.OVERDUE]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assigned, overdue = cursor.fetchone()
    return assigned, overdue


def renewal_lead_days(requirement: Requirement) -> int:
    """How many days before the old cycle expires the next one opens: the renewal window when
    the requirement has one (so the window and the open cycle are the same days), otherwise
    the requirement's due days."""
    return requirement.renewal_window_days or requirement.due_days


def _recertify_after_months(
    requirement: Requirement, today: dt.date, result: EvaluationResult, scope: _Scope
) -> None:
    months = requirement.recurrence_months or 12
    # A new cycle opens ``renewal_lead_days`` before the old one expires; its deadline is the
    # expiry. Validity counts from ``valid_from`` (an early renewal) or the completion date.
    counted_before = (
        today + dt.timedelta(days=renewal_lead_days(requirement)) - relativedelta(months=months)
    )
    local_cutoff = timezone.make_aware(
        dt.datetime.combine(counted_before + dt.timedelta(days=1), dt.time.min)
    )
    expiring = (
        scope.of(current_cycles())
        .filter(requirement=requirement, status=Status.COMPLETED)
        .filter(
            Q(valid_from__isnull=True, completed_at__lt=local_cutoff)
            | Q(valid_from__lte=counted_before)
        )
        .filter(person__in=requirement_audience(requirement=requirement))
        .values_list("person_id", "unit_id", "cycle", "completed_at", "valid_from")
    )
    rows = [
        (
            person_id,
            requirement.pk,
            unit_id,
            cycle + 1,
            today,
            (valid_from or timezone.localtime(completed_at).date()) + relativedelta(months=months),
            Status.NOT_STARTED,
            "",
        )
        for person_id, unit_id, cycle, completed_at, valid_from in expiring
    ]
    _insert(rows)
    _fresh_runs(requirement, [row[0] for row in rows])
    result.recertifications += len(rows)


def _window_opening(requirement: Requirement, today: dt.date) -> dt.date:
    opening = dt.date(today.year, requirement.window_month or 1, requirement.window_day or 1)
    return opening if opening <= today else opening.replace(year=today.year - 1)


def _yearly_lead(requirement: Requirement) -> dt.timedelta:
    """How much earlier than the window's opening a yearly cycle opens: only a renewal window
    longer than the due days reaches before the opening (the expiry is opening + due days)."""
    return dt.timedelta(days=max(0, (requirement.renewal_window_days or 0) - requirement.due_days))


def _recertify_yearly(
    requirement: Requirement, today: dt.date, result: EvaluationResult, scope: _Scope
) -> None:
    lead = _yearly_lead(requirement)
    window = _window_opening(requirement, today + lead)
    opening = window - lead
    stale = (
        scope.of(current_cycles())
        .filter(requirement=requirement, assigned_at__lt=opening)
        .filter(person__in=requirement_audience(requirement=requirement))
    )
    previous = list(stale.values_list("id", "person_id", "unit_id", "cycle", "status"))
    due = window + dt.timedelta(days=requirement.due_days)
    rows = [
        (p, requirement.pk, u, c + 1, opening, due, Status.NOT_STARTED, "")
        for _, p, u, c, _s in previous
    ]
    open_ids = [pk for pk, _p, _u, _c, status in previous if status in OPEN_STATUSES]
    if open_ids:
        # The old window's cycle was never finished: the new window replaces it.
        result.superseded += Assignment.objects.filter(pk__in=open_ids).update(
            status=Status.SUPERSEDED
        )
    _insert(rows)
    _fresh_runs(requirement, [row[0] for row in rows])
    result.recertifications += len(rows)


def _fresh_runs(requirement: Requirement, person_ids: list[int]) -> None:
    """A recertification is a fresh pass: start a new run for those who ran the course before."""
    if not person_ids or requirement.course is None:
        return
    from courses.services import runs_start_new

    runs_start_new(course=requirement.course, user_ids=person_ids)


def _insert(rows: list[tuple]) -> None:
    """Bulk-insert assignment rows: COPY on PostgreSQL, bulk_create elsewhere."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            copy_sql = f"COPY {Assignment._meta.db_table} ({', '.join(INSERT_COLUMNS)}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
        return
    Assignment.objects.bulk_create(
        [Assignment(**dict(zip(INSERT_COLUMNS, row, strict=True))) for row in rows], batch_size=2000
    )


# -- status counts -------------------------------------------------------------------------------


def _ancestors_by_unit(unit_ids: Iterable[int | None]) -> dict[int, list[tuple[int, int]]]:
    """unit id → [(ancestor id incl. itself, depth)]; two queries at most."""
    ids = {pk for pk in unit_ids if pk is not None}
    if not ids:
        return {}
    paths = dict(OrgUnit.objects.filter(pk__in=ids).values_list("id", "path"))
    step = OrgUnit.steplen
    prefixes = {path[:n] for path in paths.values() for n in range(step, len(path) + 1, step)}
    by_path = {
        p: (pk, depth)
        for pk, p, depth in OrgUnit.objects.filter(path__in=prefixes).values_list(
            "id", "path", "depth"
        )
    }
    return {
        pk: [by_path[path[:n]] for n in range(step, len(path) + 1, step) if path[:n] in by_path]
        for pk, path in paths.items()
    }


def counts_apply(deltas: dict[tuple[int | None, int, str], int]) -> None:
    """Add ``deltas`` ((unit, requirement, status) → ±n) to the unit and all its ancestors."""
    deltas = {key: n for key, n in deltas.items() if n and key[0] is not None}
    if not deltas:
        return
    ancestors = _ancestors_by_unit(key[0] for key in deltas)
    expanded: dict[tuple[int, int, str], int] = defaultdict(int)
    depth_of: dict[int, int] = {}
    for (unit_id, requirement_id, status), n in deltas.items():
        for ancestor_id, depth in ancestors.get(unit_id, []):
            expanded[(ancestor_id, requirement_id, status)] += n
            depth_of[ancestor_id] = depth
    if connection.vendor == "postgresql":
        _counts_add_sql(expanded, depth_of)
        return
    StatusCount.objects.bulk_create(
        [
            StatusCount(unit_id=u, depth=depth_of[u], requirement_id=r, status=s, count=0)
            for (u, r, s) in expanded
        ],
        ignore_conflicts=True,
    )
    by_change: dict[tuple[int, str, int], list[int]] = defaultdict(list)
    for (unit_id, requirement_id, status), n in expanded.items():
        by_change[(requirement_id, status, n)].append(unit_id)
    for (requirement_id, status, n), unit_ids in by_change.items():
        StatusCount.objects.filter(
            unit_id__in=unit_ids, requirement_id=requirement_id, status=status
        ).update(count=F("count") + n)


def _counts_add_sql(expanded: dict[tuple[int, int, str], int], depth_of: dict[int, int]) -> None:
    """PostgreSQL: every count's change in one upsert (an HR delta moves a thousand counts;
    one statement each cost half a second). Rows are taken in key order, so two transactions
    lock shared counts in the same order and cannot deadlock on them."""
    keys = sorted(key for key, n in expanded.items() if n)
    if not keys:
        return
    table = StatusCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} AS c (unit_id, depth, requirement_id, status, count) "  # noqa: S608
            "SELECT * FROM UNNEST(%s::bigint[], %s::integer[], %s::bigint[], %s::varchar[], "
            "%s::integer[]) "
            "ON CONFLICT (unit_id, requirement_id, status) "
            "DO UPDATE SET count = c.count + EXCLUDED.count",
            [
                [k[0] for k in keys],
                [depth_of[k[0]] for k in keys],
                [k[1] for k in keys],
                [k[2] for k in keys],
                [expanded[k] for k in keys],
            ],
        )


@contextmanager
def counts_follow(person_ids: Collection[int] | None):
    """Keep the status counts right across a change to ``person_ids``' cycles only: their
    current cycles are counted before and after (two grouped queries on the person index),
    and the difference is applied to each unit and its ancestors. Nothing is read for
    anyone else, so the cost follows the number of people, not the table."""
    if not person_ids:
        yield
        return
    ids = sorted(person_ids)
    before = _person_counts(ids)
    yield
    after = _person_counts(ids)
    deltas: dict[tuple[int | None, int, str], int] = defaultdict(int)
    for key, n in after.items():
        deltas[key] += n
    for key, n in before.items():
        deltas[key] -= n
    counts_apply(deltas)


def _person_counts(person_ids: list[int]) -> dict[tuple[int | None, int, str], int]:
    """(unit, requirement, status) → how many of these people's current cycles are there."""
    counts: dict[tuple[int | None, int, str], int] = defaultdict(int)
    for start in range(0, len(person_ids), 5000):
        rows = (
            current_cycles()
            .filter(person_id__in=person_ids[start : start + 5000])
            .values_list("unit_id", "requirement_id", "status")
            .order_by()
            .annotate(n=Count("id"))
        )
        for unit_id, requirement_id, status, n in rows:
            counts[(unit_id, requirement_id, status)] += n
    return counts


def counts_rebuild() -> None:
    """Recompute every count from the current cycles: on PostgreSQL one DELETE and one
    aggregate ``INSERT … SELECT``; elsewhere one GROUP BY, one DELETE and bulk INSERTs."""
    if connection.vendor == "postgresql":
        _counts_rebuild_sql()
        return
    direct = (
        current_cycles()
        .exclude(unit_id=None)
        .values_list("unit_id", "requirement_id", "status")
        .order_by()
        .annotate(n=Count("id"))
    )
    units = {
        pk: (path, depth) for pk, path, depth in OrgUnit.objects.values_list("id", "path", "depth")
    }
    by_path = {path: (pk, depth) for pk, (path, depth) in units.items()}
    step = OrgUnit.steplen
    totals: dict[tuple[int, int, str], int] = defaultdict(int)
    for unit_id, requirement_id, status, n in direct:
        path = units[unit_id][0]
        for end in range(step, len(path) + 1, step):
            ancestor = by_path.get(path[:end])
            if ancestor is not None:
                totals[(ancestor[0], requirement_id, status)] += n
    StatusCount.objects.all().delete()
    StatusCount.objects.bulk_create(
        [
            StatusCount(unit_id=u, depth=units[u][1], requirement_id=r, status=s, count=n)
            for (u, r, s), n in totals.items()
        ],
        batch_size=5000,
    )


def _counts_rebuild_sql() -> None:
    """The current cycle of a person × requirement is the one with the highest cycle number
    (DISTINCT ON, a sort that does not depend on the table's statistics); each unit's direct
    counts are added to the unit and every ancestor, found by its path prefixes."""
    counts = StatusCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {counts}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {counts} (unit_id, depth, requirement_id, status, count) "  # noqa: S608
            "SELECT anc.id, anc.depth, d.requirement_id, d.status, SUM(d.n) "
            "FROM (SELECT unit_id, requirement_id, status, count(*) AS n FROM ("
            f"SELECT DISTINCT ON (person_id, requirement_id) unit_id, requirement_id, status "
            f"FROM {Assignment._meta.db_table} ORDER BY person_id, requirement_id, cycle DESC"
            ") AS cur WHERE unit_id IS NOT NULL GROUP BY unit_id, requirement_id, status) AS d "
            f"JOIN {OrgUnit._meta.db_table} u ON u.id = d.unit_id "
            "CROSS JOIN LATERAL generate_series(1, length(u.path) / %s) AS k(level) "
            f"JOIN {OrgUnit._meta.db_table} anc ON anc.path = substr(u.path, 1, k.level * %s) "
            "GROUP BY anc.id, anc.depth, d.requirement_id, d.status",
            [OrgUnit.steplen, OrgUnit.steplen],
        )


def _status_change(assignment: Assignment, new_status: str, **fields) -> bool:
    """Move one assignment to ``new_status`` if it is still in its old status; counts follow."""
    old_status = assignment.status
    updated = Assignment.objects.filter(pk=assignment.pk, status=old_status).update(
        status=new_status, **fields
    )
    if not updated:
        return False
    assignment.status = new_status
    for name, value in fields.items():
        setattr(assignment, name, value)
    counts_apply(
        {
            (assignment.unit_id, assignment.requirement_id, old_status): -1,
            (assignment.unit_id, assignment.requirement_id, new_status): +1,
        }
    )
    return True


def assignment_complete(*, assignment: Assignment, completed_at: dt.datetime) -> bool:
    """Complete an open cycle; sends ``cycle_completed`` in the same transaction. False if it
    was no longer open. Completed inside the requirement's renewal window (up to and including
    the previous cycle's expiry day), the cycle's validity counts from that expiry
    (``valid_from``); otherwise from the completion date."""
    if not assignment.is_open:
        return False
    with transaction.atomic():
        valid_from = renewal_valid_from(
            assignment=assignment, completed_on=timezone.localtime(completed_at).date()
        )
        done = _status_change(
            assignment, Status.COMPLETED, completed_at=completed_at, valid_from=valid_from
        )
        if done:
            logger.info(
                "cycle completed assignment=%s person=%s renewal_from=%s",
                assignment.pk, assignment.person_id, valid_from,
            )  # fmt: skip
            cycle_completed.send(sender=Assignment, assignment=assignment)
    return done


def assignment_exempt(*, assignment: Assignment, reason: str, by: User) -> bool:
    """HR exempts a person from an open cycle, with a reason."""
    reason = reason.strip()
    if not reason:
        raise ValueError("reason")
    if not assignment.is_open:
        return False
    with transaction.atomic():
        done = _status_change(assignment, Status.EXEMPT, exempt_reason=reason[:255], exempted_by=by)
    logger.info("cycle exempted assignment=%s by=%s", assignment.pk, by.pk)
    return done


def assignments_complete_for_run(*, run: CourseRun) -> int:
    """A completed course run completes the person's open cycles of requirements for that course."""
    open_cycles = Assignment.objects.filter(
        person_id=run.user_id, requirement__course_id=run.course_id, status__in=OPEN_STATUSES
    )
    completed_at = run.completed_at or timezone.now()
    return sum(assignment_complete(assignment=a, completed_at=completed_at) for a in open_cycles)


def assignments_start_for_course(*, user_id: int, course_id: int) -> int:
    """The first step of a course puts the person's not-started cycles of it in progress."""
    started = Assignment.objects.filter(
        person_id=user_id, requirement__course_id=course_id, status=Status.NOT_STARTED
    )
    return sum(_status_change(a, Status.IN_PROGRESS) for a in started)


# -- imported completions -------------------------------------------------------------------------

#: Ids per UPDATE when imported completions complete cycles (a bound on query parameters).
IMPORT_BATCH = 5000


def _satisfies(
    requirement: Requirement, *, completed_on: dt.date, assigned_at: dt.date, today: dt.date
) -> bool:
    """Whether a completion on ``completed_on`` meets an open cycle of ``requirement`` today:
    every N months, while it has not expired; a yearly window, when it lies in the cycle's
    window; no recurrence, always."""
    if requirement.recurrence == Requirement.Recurrence.MONTHS:
        return completed_on + relativedelta(months=requirement.recurrence_months or 12) >= today
    if requirement.recurrence == Requirement.Recurrence.YEARLY:
        return completed_on >= _window_opening(requirement, assigned_at)
    return True


def assignments_complete_imported(
    *, latest: dict[tuple[int, int], dt.datetime], today: dt.date
) -> int:
    """Complete, set-based, the open cycle of each person × requirement whose course has an
    imported completion in ``latest`` ((person id, course id) → completed_at, the newest per
    pair): only when it is later than the person's previous completed cycle of the requirement
    and still meets the requirement today (``_satisfies``). The materialised counts are left to
    the caller (``counts_rebuild`` once after the load). Returns the number of cycles completed.

    Queries: one for the requirements, two reads of their cycles, and one UPDATE per completion
    date and IMPORT_BATCH cycles — never one per row.
    """
    if not latest:
        return 0
    requirements = {
        r.pk: r for r in Requirement.objects.filter(course_id__in={c for _p, c in latest})
    }
    if not requirements:
        return 0
    previous: dict[tuple[int, int], dt.datetime] = {
        (person_id, requirement_id): last
        for person_id, requirement_id, last in Assignment.objects.filter(
            requirement_id__in=list(requirements), status=Status.COMPLETED
        )
        .values_list("person_id", "requirement_id")
        .order_by()
        .annotate(last=models.Max("completed_at"))
    }
    by_moment: dict[dt.datetime, list[int]] = defaultdict(list)
    open_cycles = Assignment.objects.filter(
        requirement_id__in=list(requirements), status__in=OPEN_STATUSES
    ).values_list("id", "person_id", "requirement_id", "assigned_at")
    for pk, person_id, requirement_id, assigned_at in open_cycles.iterator(chunk_size=5000):
        requirement = requirements[requirement_id]
        moment = latest.get((person_id, requirement.course_id))
        if moment is None:
            continue
        before = previous.get((person_id, requirement_id))
        if before is not None and moment <= before:
            continue
        completed_on = timezone.localtime(moment).date()
        if _satisfies(requirement, completed_on=completed_on, assigned_at=assigned_at, today=today):
            by_moment[moment].append(pk)
    completed = 0
    for moment, ids in by_moment.items():
        for start in range(0, len(ids), IMPORT_BATCH):
            completed += Assignment.objects.filter(
                pk__in=ids[start : start + IMPORT_BATCH], status__in=OPEN_STATUSES
            ).update(status=Status.COMPLETED, completed_at=moment)
    logger.info("imported completions completed %d cycles", completed)
    return completed
