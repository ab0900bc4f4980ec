"""How long a certificate is valid: the validity of the compliance cycle it proves."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from compliance.validity import assignment_valid_until

if TYPE_CHECKING:
    from compliance.models import Assignment


def valid_until_for(*, assignment: Assignment) -> dt.date | None:
    """The last day the certificate counts: the cycle's expiry (compliance.validity), which an
    early renewal counts from the previous expiry. No recurrence → None (no expiry)."""
    return assignment_valid_until(assignment=assignment)
