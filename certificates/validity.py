"""How long a certificate is valid, from the recurrence of the requirement its cycle met."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from django.utils import timezone

if TYPE_CHECKING:
    from compliance.models import Assignment


def _window_opening_after(completed_on: dt.date, month: int, day: int) -> dt.date:
    """The first yearly window opening strictly after the completion date."""
    opening = dt.date(completed_on.year, month, day)
    return opening if opening > completed_on else opening.replace(year=completed_on.year + 1)


def valid_until_for(*, assignment: Assignment) -> dt.date | None:
    """The last day the certificate counts: the deadline of the next cycle the requirement
    will open. No recurrence → None (no expiry).

    - every N months: completion date + N months (compliance's next deadline);
    - yearly window: the next window's opening + the requirement's due days.
    """
    from compliance.models import Requirement

    requirement = assignment.requirement
    completed = assignment.completed_at or timezone.now()
    completed_on = timezone.localtime(completed).date()
    if requirement.recurrence == Requirement.Recurrence.MONTHS:
        return completed_on + relativedelta(months=requirement.recurrence_months or 12)
    if requirement.recurrence == Requirement.Recurrence.YEARLY:
        opening = _window_opening_after(
            completed_on, requirement.window_month or 1, requirement.window_day or 1
        )
        return opening + dt.timedelta(days=requirement.due_days)
    return None
