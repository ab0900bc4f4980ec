"""Chart geometry: pure functions from figures to what the SVG templates draw.

Every chart is drawn in a viewBox 400 units wide, shown at most 480 px wide and narrower on a
small screen (13–14 unit text is 12–13 px at 390 px). Coordinates are rounded to 0.1 unit. Nothing here
reads the database; the text helpers follow the active language (Danish: "87,5 %", "nov. 2026").
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field

from django.utils.formats import date_format, get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

WIDTH = 400.0
#: Line styles of the series of a line chart: colour (≥ 3:1 on white, with the value text
#: beside it ≥ 4.5:1), dash pattern and marker shape, so a series never depends on colour alone.
LINE_STYLES = (
    ("#004993", "", "circle"),
    ("#8a4b00", "6 4", "square"),
    ("#454545", "2 3", "triangle"),
)


@functools.lru_cache(maxsize=1024)
def _date_text(value: dt.date, fmt: str, language: str | None) -> str:
    return date_format(value, fmt)


@functools.lru_cache(maxsize=16)
def _separators(language: str | None) -> tuple[str, str]:
    """(decimal, thousands) of the language, as Django's number_format would use them."""
    return str(get_format("DECIMAL_SEPARATOR")), str(get_format("THOUSAND_SEPARATOR"))


def percent_text(value: float | None) -> str:
    """87.5 → "87,5 %" in Danish; None → "–"."""
    if value is None:
        return "–"
    decimal, _thousands = _separators(get_language())
    return f"{value:.1f} %".replace(".", decimal)


def count_text(value: int) -> str:
    """12345 → "12.345" in Danish (the language's grouping, as number_format writes it)."""
    _decimal, thousands = _separators(get_language())
    return f"{value:,}".replace(",", thousands)


def month_text(value: dt.date) -> str:
    """ "nov. 2026", "marts 2026"."""
    return date_format(value, "N Y")


def day_text(value: dt.date) -> str:
    """ "3. dec. 2026"."""
    return date_format(value, "j. N Y")


def _r(value: float) -> float:
    return round(value, 1)


@dataclass
class Tick:
    x: float
    y: float
    text: str
    sub: str = ""


@dataclass
class Marker:
    d: str  # SVG path data of the marker's shape
    title: str


@dataclass
class DrawnSeries:
    name: str
    colour: str
    dash: str
    paths: list[str]
    markers: list[Marker]
    end: Tick | None
    legend: Tick
    legend_line: str
    legend_marker: str


@dataclass
class LineChart:
    id: str
    title: str
    desc: str
    height: float
    plot: tuple[float, float, float, float]  # left, top, right, bottom
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    series: list[DrawnSeries]
    empty: str = ""
    width: float = WIDTH
    grid: list[float] = field(default_factory=list)
    legend: bool = False

    @property
    def empty_label(self) -> str:
        return _("Ingen data i perioden") if self.empty else ""


def marker_path(shape: str, x: float, y: float, r: float = 3.5) -> str:
    """Path data of a circle, square or triangle marker centred on (x, y)."""
    if shape == "square":
        return f"M{_r(x - r)},{_r(y - r)}h{_r(2 * r)}v{_r(2 * r)}h{_r(-2 * r)}z"
    if shape == "triangle":
        s = r + 0.7
        return f"M{_r(x)},{_r(y - s)}L{_r(x + s)},{_r(y + r)}L{_r(x - s)},{_r(y + r)}z"
    return f"M{_r(x - r)},{_r(y)}a{r},{r} 0 1,0 {_r(2 * r)},0a{r},{r} 0 1,0 {_r(-2 * r)},0"


def month_ticks(months: list[dt.date], xs: list[float], y: float) -> list[Tick]:
    """Three-letter month names under the plot, thinned to at most 7 labels (every month keeps
    its marker or bar, and the table lists them all); the year under the first label and
    under the first label of each year."""
    stride = max(1, math.ceil(len(months) / 7))
    ticks = []
    for i, (month, x) in enumerate(zip(months, xs, strict=True)):
        if i % stride:
            continue
        year = str(month.year) if i == 0 or month.month <= stride else ""
        text = _date_text(month, "b", get_language())[:3]
        ticks.append(Tick(x=_r(x), y=y, text=text, sub=year))
    return ticks


def _spread(labels: list[Tick], low: float, high: float, gap: float = 13.0) -> None:
    """Move end labels apart vertically (in place) so that none overlaps another."""
    labels.sort(key=lambda t: t.y)
    for before, after in zip(labels, labels[1:], strict=False):
        after.y = max(after.y, before.y + gap)
    overflow = labels[-1].y - high if labels else 0
    if overflow > 0:
        for label in labels:
            label.y -= overflow
    for label in labels:
        label.y = _r(max(label.y, low))


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    months: list[dt.date],
    series: list[tuple[str, list[float | None]]],
    legend: bool = False,
    empty: str = "",
) -> LineChart:
    """A line chart of percentages (0–100) by month: one line per series, broken where a month
    has no figure, a marker on every figure and the latest figure written beside the line."""
    legend_rows = len(series) if legend else 0
    top = 12 + legend_rows * 18
    left, right, bottom = 50.0, WIDTH - 48, top + 170.0
    n = max(1, len(months))
    step = (right - left) / n
    xs = [left + (i + 0.5) * step for i in range(len(months))]

    def y_of(value: float) -> float:
        return top + (100 - value) / 100 * (bottom - top)

    y_ticks = [Tick(x=left - 6, y=_r(y_of(v) + 4), text=f"{v} %") for v in (0, 25, 50, 75, 100)]
    drawn, ends = [], []
    for index, (name, values) in enumerate(series):
        colour, dash, shape = LINE_STYLES[index % len(LINE_STYLES)]
        paths, markers, current, last = [], [], [], None
        for month, x, value in zip(months, xs, values, strict=True):
            if value is None:
                if len(current) > 1:
                    paths.append("M" + "L".join(current))
                current = []
                continue
            y = y_of(value)
            current.append(f"{_r(x)},{_r(y)}")
            markers.append(
                Marker(
                    d=marker_path(shape, x, y),
                    title=f"{name}, {month_text(month)}: {percent_text(value)}",
                )
            )
            last = (x, y, value)
        if len(current) > 1:
            paths.append("M" + "L".join(current))
        end = None
        if last is not None:
            end = Tick(x=_r(last[0] + 8), y=last[1] + 4, text=percent_text(last[2]))
            ends.append(end)
        legend_y = 12 + index * 18
        drawn.append(
            DrawnSeries(
                name=name,
                colour=colour,
                dash=dash,
                paths=paths,
                markers=markers,
                end=end,
                legend=Tick(x=34, y=legend_y + 4, text=name),
                legend_line=f"M2,{legend_y}h26",
                legend_marker=marker_path(shape, 15, legend_y),
            )
        )
    _spread(ends, top + 4, bottom + 4)
    return LineChart(
        id=chart_id,
        title=title,
        desc=desc,
        height=bottom + 38,
        plot=(left, top, right, bottom),
        y_ticks=y_ticks,
        x_ticks=month_ticks(months, xs, bottom + 16),
        series=drawn,
        empty=empty,
        grid=[_r(y_of(v)) for v in (0, 25, 50, 75, 100)],
        legend=legend,
    )


# -- bars ---------------------------------------------------------------------------------------


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (1 for nothing)."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= value)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: Tick | None
    title: str


@dataclass
class BarChart:
    id: str
    title: str
    desc: str
    height: float
    plot: tuple[float, float, float, float]
    bars: list[Bar]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    grid: list[float]
    pattern: Pattern
    empty: str = ""
    width: float = WIDTH

    @property
    def empty_label(self) -> str:
        return _("Ingen data i perioden") if self.empty else ""


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    months: list[dt.date],
    values: list[int | None],
    unit_label: str,
    empty: str = "",
) -> BarChart:
    """Vertical bars of counts by month, each with its figure above it (when there is room);
    a month without a figure gets a dash on the axis."""
    left, top, right, bottom = 40.0, 20.0, WIDTH - 8, 190.0
    n = max(1, len(months))
    step = (right - left) / n
    width = min(28.0, step * 0.64)
    peak = nice_ceiling(max([v for v in values if v is not None] or [0]))

    def y_of(value: float) -> float:
        return bottom - value / peak * (bottom - top)

    steps = (0, peak / 2, peak) if peak % 2 == 0 else (0, peak)
    y_ticks = [Tick(x=left - 6, y=_r(y_of(v) + 4), text=count_text(int(v))) for v in steps]
    bars, xs = [], []
    for i, (month, value) in enumerate(zip(months, values, strict=True)):
        centre = left + (i + 0.5) * step
        xs.append(centre)
        if value is None:
            bars.append(
                Bar(
                    x=_r(centre - width / 2),
                    y=bottom,
                    width=0,
                    height=0,
                    label=Tick(x=_r(centre), y=bottom - 4, text="–"),
                    title=f"{month_text(month)}: –",
                )
            )
            continue
        y = y_of(value)
        label = Tick(x=_r(centre), y=_r(y - 4), text=count_text(value)) if step >= 16 else None
        bars.append(
            Bar(
                x=_r(centre - width / 2),
                y=_r(y),
                width=_r(width),
                height=_r(bottom - y),
                label=label,
                title=f"{month_text(month)}: {count_text(value)} {unit_label}",
            )
        )
    return BarChart(
        id=chart_id,
        title=title,
        desc=desc,
        height=bottom + 38,
        plot=(left, top, right, bottom),
        bars=bars,
        y_ticks=y_ticks,
        x_ticks=month_ticks(months, xs, bottom + 16),
        grid=[_r(y_of(v)) for v in steps],
        pattern=status_pattern(chart_id, "overdue"),
        empty=empty,
    )


# -- stacked bars -------------------------------------------------------------------------------

#: Per status: fill colour (≥ 3:1 on white; segments are parted by white gaps) and the white
#: pattern drawn over it, so a status never depends on colour alone.
STATUS_STYLES: dict[str, tuple[str, str, str]] = {
    # status: (colour, pattern path data, "stroke" or "fill")
    "completed": ("#1e6b3a", "", "stroke"),
    "exempt": ("#5a3e85", "M-1,1l2,-2M0,8l8,-8M7,9l2,-2", "stroke"),
    "in_progress": ("#0059b3", "M3,3h2v2h-2z", "fill"),
    "not_started": ("#5c5c5c", "M0,4h8", "stroke"),
    "overdue": ("#a4161a", "M0,0l8,8M8,0l-8,8", "stroke"),
}


@dataclass
class Pattern:
    id: str
    colour: str
    d: str
    mode: str


def status_pattern(chart_id: str, status: str) -> Pattern:
    colour, d, mode = STATUS_STYLES[status]
    return Pattern(id=f"{chart_id}-{status}", colour=colour, d=d, mode=mode)


@dataclass
class Segment:
    x: float
    width: float
    fill: str
    title: str


@dataclass
class StackRow:
    y: float
    label_y: float
    name: str
    figure: str
    href: str
    segments: list[Segment]
    bar_y: float
    empty: bool


@dataclass
class LegendItem:
    x: float
    y: float
    fill: str
    text: str
    text_x: float
    text_y: float


@dataclass
class StackedChart:
    id: str
    title: str
    desc: str
    height: float
    rows: list[StackRow]
    legend: list[LegendItem]
    patterns: list[Pattern]
    empty: str = ""
    width: float = WIDTH
    row_height: float = 46.0
    bar_height: float = 18.0
    inner_width: float = WIDTH - 2


@dataclass
class StackInput:
    name: str
    href: str
    counts: dict[str, int]  # status → count
    figure: str  # e.g. "28,6 % af 7"


def short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def stacked_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    statuses: list[tuple[str, str]],
    rows: list[StackInput],
    empty: str = "",
) -> StackedChart:
    """One 100 % bar per row, split by status in the order given ((status, label) pairs),
    the row's name and figure written above its bar; a row with no cycles gets an empty,
    outlined bar. Each row links to ``href``."""
    patterns = [status_pattern(chart_id, status) for status in STATUS_STYLES]
    legend = []
    for i, (status, label) in enumerate(statuses):
        x, y = 1 + (i % 3) * 133.0, 6 + (i // 3) * 20.0
        legend.append(
            LegendItem(
                x=x,
                y=y,
                fill=f"url(#{chart_id}-{status})",
                text=label,
                text_x=x + 20,
                text_y=y + 12,
            )
        )
    first = 6 + math.ceil(len(statuses) / 3) * 20.0 + 6
    chart = StackedChart(
        id=chart_id,
        title=title,
        desc=desc,
        height=0,
        rows=[],
        legend=legend,
        patterns=patterns,
        empty=empty,
    )
    inner = WIDTH - 2
    for index, row in enumerate(rows):
        y = first + index * chart.row_height
        total = sum(row.counts.get(s, 0) for s, _label in statuses)
        segments, done = [], 0
        for status, label in statuses:
            n = row.counts.get(status, 0)
            if not n or not total:
                continue
            x0 = 1 + inner * done / total
            done += n
            x1 = 1 + inner * done / total
            segments.append(
                Segment(
                    x=_r(x0),
                    width=_r(x1 - x0),
                    fill=f"url(#{chart_id}-{status})",
                    title=f"{label}: {count_text(n)} ({percent_text(round(100 * n / total, 1))})",
                )
            )
        chart.rows.append(
            StackRow(
                y=y,
                label_y=y + 14,
                name=short(row.name),
                figure=row.figure,
                href=row.href,
                segments=segments,
                bar_y=y + 20,
                empty=not total,
            )
        )
    chart.height = first + len(rows) * chart.row_height + 4
    return chart
