"""From the selectors' figures to what a page shows: each chart with its text alternative and
the data table beside it (the same rows the CSV export writes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from compliance.selectors import RollupRow

from .charts import (
    BarChart,
    LineChart,
    StackedChart,
    StackInput,
    bar_chart,
    count_text,
    day_text,
    line_chart,
    month_text,
    percent_text,
    stacked_chart,
)
from .selectors import STACK_ORDER, Breakdown, MonthPoint, TeamComparison


@dataclass
class Cell:
    text: str
    raw: object  # what the CSV writes: int, float, date, str or None
    href: str = ""


@dataclass
class Table:
    caption: str
    headings: list[str]
    rows: list[list[Cell]] = field(default_factory=list)

    def html(self) -> SafeString:
        """The table, scrollable sideways on a narrow screen (a focusable, named region)."""
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.headings)
        body = []
        for first, *rest in self.rows:
            name = escape(first.text)
            if first.href:
                name = f'<a href="{escape(first.href)}">{name}</a>'
            cells = "".join(f"<td>{escape(c.text)}</td>" for c in rest)
            body.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
        caption = escape(self.caption)
        return mark_safe(  # noqa: S308 - every text above is escaped
            f'<div class="chart-table-wrap" tabindex="0" role="region" aria-label="{caption}">'
            f'<table class="chart-table"><caption>{caption}</caption><thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(body)}</tbody></table></div>"
        )

    def csv_rows(self) -> list[list[object]]:
        rows: list[list[object]] = [list(self.headings)]
        return rows + [[cell.raw for cell in row] for row in self.rows]


def _status_labels() -> list[tuple[str, str]]:
    return [(str(status), str(status.label)) for status in STACK_ORDER]


def no_history_reason() -> str:
    return _(
        "Ingen øjebliksbilleder i perioden. De tages hver nat, fra den nat overblikket blev "
        "taget i brug."
    )


def history_figures(
    points: list[MonthPoint], *, subject: str, chart_id: str = "udvikling"
) -> tuple[LineChart, Table]:
    """Share compliant per month (line) and its table: one row per month of the range."""
    months = [p.month for p in points]
    values = [p.counts.percent if p.counts else None for p in points]
    known = [
        (p, value)
        for p in points
        if p.counts is not None and (value := p.counts.percent) is not None
    ]
    desc, empty = "", ""
    if known:
        (first, first_value), (last, last_value) = known[0], known[-1]
        low = min(known, key=lambda k: k[1])
        high = max(known, key=lambda k: k[1])
        desc = _(
            "Andel gennemført eller fritaget fra %(first_month)s til %(last_month)s: "
            "%(first)s i %(first_month)s og %(last)s i %(last_month)s. Lavest %(low)s "
            "(%(low_month)s), højest %(high)s (%(high_month)s)."
        ) % {
            "first_month": month_text(first.month),
            "last_month": month_text(last.month),
            "first": percent_text(first_value),
            "last": percent_text(last_value),
            "low": percent_text(low[1]),
            "low_month": month_text(low[0].month),
            "high": percent_text(high[1]),
            "high_month": month_text(high[0].month),
        }
    else:
        empty = desc = no_history_reason()
    chart = line_chart(
        chart_id=chart_id,
        title=_("Overholdelse over tid: %(subject)s") % {"subject": subject},
        desc=desc,
        months=months,
        series=[(subject, values)],
        empty=empty,
    )
    statuses = _status_labels()
    table = Table(
        caption=_("Overholdelse pr. måned: %(subject)s") % {"subject": subject},
        headings=[
            _("Måned"),
            _("Øjebliksbillede"),
            *[label for _status, label in statuses],
            _("I alt"),
            _("Procent overholdt"),
        ],
    )
    for point in points:
        counts = point.counts
        cells = [
            Cell(month_text(point.month), point.month.strftime("%Y-%m")),
            Cell(day_text(point.day) if point.day else "–", point.day),
        ]
        for status, _label in statuses:
            n = getattr(counts, status) if counts else None
            cells.append(Cell("–" if n is None else count_text(n), n))
        cells.append(
            Cell(count_text(counts.total) if counts else "–", counts.total if counts else None)
        )
        cells.append(
            Cell(
                percent_text(counts.percent if counts else None), counts.percent if counts else None
            )
        )
        table.rows.append(cells)
    return chart, table


def overdue_figures(points: list[MonthPoint], *, subject: str) -> tuple[BarChart, Table]:
    """Overdue cycles at each month's last snapshot (bars) and its table."""
    months = [p.month for p in points]
    values = [p.counts.overdue if p.counts else None for p in points]
    known = [(p, p.counts.overdue) for p in points if p.counts is not None]
    desc, empty = "", ""
    if known:
        peak = max(known, key=lambda k: k[1])
        last = known[-1]
        desc = _(
            "Overskredne tildelinger ved hver måneds sidste øjebliksbillede fra %(first_month)s "
            "til %(last_month)s. Flest i %(peak_month)s: %(peak)s. Seneste: %(last)s."
        ) % {
            "first_month": month_text(known[0][0].month),
            "last_month": month_text(last[0].month),
            "peak_month": month_text(peak[0].month),
            "peak": count_text(peak[1]),
            "last": count_text(last[1]),
        }
    else:
        empty = desc = no_history_reason()
    chart = bar_chart(
        chart_id="overskredne",
        title=_("Overskredne tildelinger pr. måned: %(subject)s") % {"subject": subject},
        desc=desc,
        months=months,
        values=values,
        unit_label=_("overskredne"),
        empty=empty,
    )
    table = Table(
        caption=_("Overskredne tildelinger pr. måned: %(subject)s") % {"subject": subject},
        headings=[_("Måned"), _("Øjebliksbillede"), _("Overskredne")],
    )
    for point, value in zip(points, values, strict=True):
        table.rows.append(
            [
                Cell(month_text(point.month), point.month.strftime("%Y-%m")),
                Cell(day_text(point.day) if point.day else "–", point.day),
                Cell("–" if value is None else count_text(value), value),
            ]
        )
    return chart, table


def rollup_figure(row: RollupRow) -> str:
    """ "28,6 % af 7" (share compliant of the current cycles), or "ingen tildelinger"."""
    if not row.total:
        return _("ingen tildelinger")
    return _("%(percent)s af %(total)s") % {
        "percent": percent_text(row.percent),
        "total": count_text(row.total),
    }


def breakdown_figures(
    breakdown: Breakdown, *, subject: str, list_url: str
) -> tuple[StackedChart, Table]:
    """Today's statuses per child unit (100 % stacked bars, worst first), each bar a link to
    the unit's assignment list (``list_url`` + ``?unit=<id>``), and its table. A unit
    without child units shows itself."""
    rows = breakdown.children or [breakdown.unit]
    statuses = _status_labels()
    inputs = []
    for row in rows:
        figure = rollup_figure(row)
        inputs.append(
            StackInput(
                name=row.unit.name,
                href=f"{list_url}?unit={row.unit.pk}",
                counts=row.counts,
                figure=figure,
            )
        )
    measured = [r for r in rows if r.percent is not None]
    if measured:
        worst, best = measured[0], measured[-1]
        desc = _(
            "%(count)s enheder under %(unit)s, dårligst først. Lavest: %(worst)s med "
            "%(worst_percent)s overholdt; højest: %(best)s med %(best_percent)s."
        ) % {
            "count": len(rows),
            "unit": subject,
            "worst": worst.unit.name,
            "worst_percent": percent_text(worst.percent),
            "best": best.unit.name,
            "best_percent": percent_text(best.percent),
        }
        empty = ""
    else:
        desc = empty = _("Ingen aktuelle tildelinger i enhederne under %(unit)s.") % {
            "unit": subject
        }
    chart = stacked_chart(
        chart_id="enheder",
        title=_("Status pr. underenhed i dag: %(subject)s") % {"subject": subject},
        desc=desc,
        statuses=statuses,
        rows=inputs,
        empty=empty,
    )
    table = Table(
        caption=_("Status pr. underenhed i dag, dårligst først: %(subject)s")
        % {"subject": subject},
        headings=[
            _("Enhed"),
            _("Enhedskode"),
            *[label for _status, label in statuses],
            _("I alt"),
            _("Procent overholdt"),
        ],
    )
    for row in rows:
        cells = [
            Cell(row.unit.name, row.unit.name, href=f"{list_url}?unit={row.unit.pk}"),
            Cell(row.unit.code, row.unit.code),
        ]
        for status, _label in statuses:
            n = row.counts.get(status, 0)
            cells.append(Cell(count_text(n), n))
        cells.append(Cell(count_text(row.total), row.total))
        cells.append(Cell(percent_text(row.percent), row.percent))
        table.rows.append(cells)
    return chart, table


def team_figures(comparison: TeamComparison) -> tuple[LineChart, Table, list[tuple[str, str]]]:
    """The team's share compliant per month against its parent unit and the administration
    (three lines), the table, and today's figure per unit as (name, "28,6 % af 7")."""
    units = comparison.units
    names = [_("Dit team (%(unit)s)") % {"unit": units[0].name}] + [u.name for u in units[1:]]
    points = [comparison.history[u.pk] for u in units]
    months = [p.month for p in points[0]]
    series = [
        (name, [p.counts.percent if p.counts else None for p in unit_points])
        for name, unit_points in zip(names, points, strict=True)
    ]
    today = [
        (name, rollup_figure(comparison.now[u.pk])) for name, u in zip(names, units, strict=True)
    ]
    has_history = any(v is not None for _name, values in series for v in values)
    parts = "; ".join(
        f"{name}: {percent_text(comparison.now[u.pk].percent)}"
        for name, u in zip(names, units, strict=True)
    )
    if has_history:
        desc = _(
            "Andel gennemført eller fritaget pr. måned de seneste 12 måneder. I dag: %(parts)s."
        ) % {"parts": parts}
        empty = ""
    else:
        empty = no_history_reason()
        desc = f"{empty} " + _("I dag: %(parts)s.") % {"parts": parts}
    chart = line_chart(
        chart_id="team",
        title=_("Dit teams overholdelse over tid"),
        desc=desc,
        months=months,
        series=series,
        legend=True,
        empty=empty,
    )
    table = Table(
        caption=_("Procent overholdt pr. måned"),
        headings=[_("Måned"), *names],
    )
    for i, month in enumerate(months):
        cells = [Cell(month_text(month), month.strftime("%Y-%m"))]
        for unit_points in points:
            counts = unit_points[i].counts
            value = counts.percent if counts else None
            cells.append(Cell(percent_text(value), value))
        table.rows.append(cells)
    return chart, table, today


def last_snapshot_day(points: list[MonthPoint]) -> dt.date | None:
    days = [p.day for p in points if p.day is not None]
    return max(days) if days else None
