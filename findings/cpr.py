"""CPR-like numbers in free text: ``ddmmyy-xxxx`` or ``ddmmyyxxxx`` whose first six digits are
a real date. A finding's summary is refused when it holds one; the number itself is never
written to a message or a log line."""

from __future__ import annotations

import datetime as dt
import re

_CANDIDATE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})-?(\d{4})(?![\d-])")


def _real_date(day: int, month: int, year: int) -> bool:
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def cpr_like_count(text: str) -> int:
    """How many CPR-like numbers ``text`` holds (no queries)."""
    return sum(
        1
        for match in _CANDIDATE.finditer(text or "")
        if _real_date(int(match[1]), int(match[2]), int(match[3]))
    )
