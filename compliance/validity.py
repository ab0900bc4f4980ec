"""How long a completed cycle counts, and when a completion is an early renewal.

One place for the rule: certificates read ``assignment_valid_until`` for "gyldigt til", the
evaluation opens the next cycle from the same expiry, and the learner's page shows it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from django.utils import timezone

if TYPE_CHECKING:
    from .models import Assignment, Requirement


def window_opening_after(day: dt.date, month: int, day_of_month: int) -> dt.date:
    """The first yearly window opening strictly after ``day``."""
    opening = dt.date(day.year, month, day_of_month)
    return opening if opening > day else opening.replace(year=day.year + 1)


def valid_until_from(*, requirement: Requirement, valid_from: dt.date) -> dt.date | None:
    """The last day a cycle whose validity counts from ``valid_from`` is valid; None when the
    requirement does not recur (no expiry).

    - every N months: ``valid_from`` + N months (the next cycle's deadline);
    - yearly window: the first window opening after ``valid_from`` + the requirement's due days.
    """
    from .models import Requirement

    if requirement.recurrence == Requirement.Recurrence.MONTHS:
        return valid_from + relativedelta(months=requirement.recurrence_months or 12)
    if requirement.recurrence == Requirement.Recurrence.YEARLY:
        opening = window_opening_after(
            valid_from, requirement.window_month or 1, requirement.window_day or 1
        )
        return opening + dt.timedelta(days=requirement.due_days)
    return None


def assignment_valid_from(*, assignment: Assignment) -> dt.date:
    """The day a completed cycle's validity counts from: the previous expiry for an early
    renewal (``Assignment.valid_from``), otherwise the local completion date."""
    if assignment.valid_from is not None:
        return assignment.valid_from
    return timezone.localtime(assignment.completed_at or timezone.now()).date()


def assignment_valid_until(*, assignment: Assignment) -> dt.date | None:
    """The last day the completed cycle counts (None: no expiry). No queries beyond the
    requirement, which callers usually have selected."""
    return valid_until_from(
        requirement=assignment.requirement, valid_from=assignment_valid_from(assignment=assignment)
    )


def renewal_valid_from(*, assignment: Assignment, completed_on: dt.date) -> dt.date | None:
    """The previous expiry when completing ``assignment`` on ``completed_on`` is an early
    renewal, else None (validity then counts from the completion date, as without a window).

    A renewal is a completion from ``renewal_window_days`` days before the expiry of the
    person's latest earlier completed cycle up to and including the expiry day. One query,
    none when the requirement has no renewal window.
    """
    from .models import Assignment, Status

    requirement = assignment.requirement
    window = requirement.renewal_window_days or 0
    if not window or requirement.recurrence == requirement.Recurrence.NONE:
        return None
    previous = (
        Assignment.objects.filter(
            person_id=assignment.person_id,
            requirement_id=assignment.requirement_id,
            cycle__lt=assignment.cycle,
            status=Status.COMPLETED,
        )
        .order_by("-cycle")
        .first()
    )
    if previous is None:
        return None
    previous.requirement = requirement
    expiry = assignment_valid_until(assignment=previous)
    if expiry is None:
        return None
    if expiry - dt.timedelta(days=window) <= completed_on <= expiry:
        return expiry
    return None
