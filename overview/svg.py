"""The charts as SVG markup, written with ``escape`` and f-strings rather than a template per
element: a dashboard draws about a thousand elements, which Django's template engine took
~30 ms to render (bench/overview.py). Colours, patterns and sizes are presentation attributes,
so the same markup works inline under the site's CSP (no ``style`` attribute, no script) and as
a downloaded file (``standalone=True`` adds the XML declaration)."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from .charts import BarChart, LineChart, Pattern, StackedChart, Tick

FONT = 'font-family="Arial, Helvetica, sans-serif" font-size="13"'
XML = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _n(value: float) -> str:
    """A coordinate as SVG wants it: "12.5", "40" (never the locale's decimal comma)."""
    return f"{value:.1f}".removesuffix(".0")


def _open(chart, role: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" '
        f'viewBox="0 0 {_n(chart.width)} {_n(chart.height)}" role="{role}" '
        f'aria-labelledby="{chart.id}-title" aria-describedby="{chart.id}-desc" {FONT}>'
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>'
        f'<desc id="{chart.id}-desc">{escape(chart.desc)}</desc>'
    )


def _background(chart) -> str:
    return f'<rect width="{_n(chart.width)}" height="{_n(chart.height)}" fill="#ffffff"/>'


def _axes(chart, grid: list[float]) -> list[str]:
    left, _top, right, _bottom = chart.plot
    parts = [
        f'<line x1="{_n(left)}" x2="{_n(right)}" y1="{_n(y)}" y2="{_n(y)}" stroke="#c8c8c8"/>'
        for y in grid
    ]
    parts += [
        f'<text x="{_n(t.x)}" y="{_n(t.y)}" text-anchor="end" fill="#454545">{escape(t.text)}</text>'
        for t in chart.y_ticks
    ]
    parts += [_x_tick(t) for t in chart.x_ticks]
    return parts


def _x_tick(tick: Tick) -> str:
    sub = f'<tspan x="{_n(tick.x)}" dy="14">{escape(tick.sub)}</tspan>' if tick.sub else ""
    return (
        f'<text x="{_n(tick.x)}" y="{_n(tick.y)}" text-anchor="middle" fill="#454545">'
        f"{escape(tick.text)}{sub}</text>"
    )


def _empty(chart) -> str:
    if not chart.empty:
        return ""
    left, top, _right, _bottom = chart.plot
    return (
        f'<text x="{_n(left + 8)}" y="{_n(top + 24)}" fill="#1a1a1a" font-size="14">'
        f"{escape(chart.empty_label)}</text>"
    )


def _pattern(pattern: Pattern) -> str:
    if not pattern.d:
        mark = ""
    elif pattern.mode == "fill":
        mark = f'<path d="{pattern.d}" fill="#ffffff"/>'
    else:
        mark = f'<path d="{pattern.d}" stroke="#ffffff" stroke-width="1" fill="none"/>'
    return (
        f'<pattern id="{pattern.id}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{pattern.colour}"/>{mark}</pattern>'
    )


def _done(parts: list[str], standalone: bool) -> SafeString:
    return mark_safe((XML if standalone else "") + "".join(parts) + "</svg>")  # noqa: S308


def line_svg(chart: LineChart, *, standalone: bool = False) -> SafeString:
    parts = [_open(chart, "img"), _background(chart), *_axes(chart, chart.grid)]
    for s in chart.series:
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append("<g>")
        if chart.legend:
            parts.append(
                f'<path d="{s.legend_line}" stroke="{s.colour}" stroke-width="2.5" fill="none"{dash}/>'
                f'<path d="{s.legend_marker}" fill="{s.colour}"/>'
                f'<text x="{_n(s.legend.x)}" y="{_n(s.legend.y)}" fill="#1a1a1a" font-size="14">'
                f"{escape(s.legend.text)}</text>"
            )
        parts += [
            f'<path d="{d}" fill="none" stroke="{s.colour}" stroke-width="2.5" '
            f'stroke-linejoin="round"{dash}/>'
            for d in s.paths
        ]
        parts += [
            f'<path d="{m.d}" fill="{s.colour}"><title>{escape(m.title)}</title></path>'
            for m in s.markers
        ]
        if s.end:
            parts.append(
                f'<text x="{_n(s.end.x)}" y="{_n(s.end.y)}" fill="{s.colour}" font-size="14" '
                f'font-weight="bold">{escape(s.end.text)}</text>'
            )
        parts.append("</g>")
    parts.append(_empty(chart))
    return _done(parts, standalone)


def bar_svg(chart: BarChart, *, standalone: bool = False) -> SafeString:
    left, _top, right, bottom = chart.plot
    parts = [
        _open(chart, "img"),
        f"<defs>{_pattern(chart.pattern)}</defs>",
        _background(chart),
        *_axes(chart, chart.grid),
    ]
    for bar in chart.bars:
        shape = ""
        if bar.height:
            shape = (
                f'<rect x="{_n(bar.x)}" y="{_n(bar.y)}" width="{_n(bar.width)}" '
                f'height="{_n(bar.height)}" fill="url(#{chart.pattern.id})"/>'
            )
        label = ""
        if bar.label:
            label = (
                f'<text x="{_n(bar.label.x)}" y="{_n(bar.label.y)}" text-anchor="middle" '
                f'fill="#1a1a1a">{escape(bar.label.text)}</text>'
            )
        parts.append(f"<g>{shape}{label}<title>{escape(bar.title)}</title></g>")
    parts.append(
        f'<line x1="{_n(left)}" x2="{_n(right)}" y1="{_n(bottom)}" y2="{_n(bottom)}" '
        'stroke="#454545"/>'
    )
    parts.append(_empty(chart))
    return _done(parts, standalone)


def stacked_svg(chart: StackedChart, *, standalone: bool = False) -> SafeString:
    """The stacked bars; each row is a link (an SVG ``<a>``), so the chart is a group, not an
    image (an image's content is hidden from assistive technology, links included)."""
    width, bar_h = _n(chart.inner_width), _n(chart.bar_height)
    parts = [
        _open(chart, "group"),
        "<defs>" + "".join(_pattern(p) for p in chart.patterns) + "</defs>",
        _background(chart),
    ]
    parts += [
        f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="14" height="14" fill="{item.fill}"/>'
        f'<text x="{_n(item.text_x)}" y="{_n(item.text_y)}" fill="#1a1a1a" font-size="14">'
        f"{escape(item.text)}</text>"
        for item in chart.legend
    ]
    for row in chart.rows:
        bar_y = _n(row.bar_y)
        if row.empty:
            bar = (
                f'<rect x="1" y="{bar_y}" width="{width}" height="{bar_h}" fill="#ffffff" '
                'stroke="#5c5c5c" stroke-dasharray="4 3"/>'
            )
        else:
            bar = "".join(
                f'<rect x="{_n(s.x)}" y="{bar_y}" width="{_n(s.width)}" height="{bar_h}" '
                f'fill="{s.fill}" stroke="#ffffff" stroke-width="1.5"><title>{escape(s.title)}'
                "</title></rect>"
                for s in row.segments
            )
        parts.append(
            f'<a href="{escape(row.href)}" class="chart-row">'
            f'<rect class="chart-row-box" x="0.5" y="{_n(row.y)}" width="{width}" '
            f'height="{_n(chart.row_height)}" fill="#ffffff"/>'
            f'<text class="chart-row-name" x="2" y="{_n(row.label_y)}" fill="#1a1a1a" '
            f'font-size="14" font-weight="bold">{escape(row.name)}</text>'
            f'<text x="{width}" y="{_n(row.label_y)}" text-anchor="end" fill="#1a1a1a" '
            f'font-size="14">{escape(row.figure)}</text>{bar}</a>'
        )
    return _done(parts, standalone)


def chart_svg(chart, *, standalone: bool = False) -> SafeString:
    """Any of the three charts."""
    if isinstance(chart, StackedChart):
        return stacked_svg(chart, standalone=standalone)
    if isinstance(chart, BarChart):
        return bar_svg(chart, standalone=standalone)
    return line_svg(chart, standalone=standalone)
