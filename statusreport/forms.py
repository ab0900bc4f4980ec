"""The report's choices: the unit (within what HR may see) and the period, each refused with a
Danish message rather than an error page (the dashboard's rules)."""

from __future__ import annotations

from overview.forms import DashboardFilterForm


class StatusReportForm(DashboardFilterForm):
    """Unit and period; the dashboard's requirement filter does not apply to the report."""

    requirement = None  # type: ignore[assignment]
