"""Chart geometry and the Danish figures the charts print."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from overview.charts import (
    WIDTH,
    StackInput,
    bar_chart,
    count_text,
    day_text,
    line_chart,
    month_text,
    nice_ceiling,
    percent_text,
    stacked_chart,
)
from overview.selectors import months_between

MONTHS = months_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


def test_figures_and_dates_are_written_the_danish_way():
    assert percent_text(87.5) == "87,5 %"
    assert percent_text(None) == "–"
    assert count_text(12345) == "12.345"
    assert month_text(dt.date(2026, 11, 1)) == "nov. 2026"
    assert day_text(dt.date(2026, 12, 3)) == "3. dec. 2026"


def test_a_line_runs_from_0_at_the_bottom_to_100_at_the_top_and_breaks_at_a_missing_month():
    values = [0.0, 50.0, None, 100.0, 100.0] + [None] * 7
    chart = line_chart(chart_id="t", title="T", desc="D", months=MONTHS, series=[("Enhed", values)])
    left, top, right, bottom = chart.plot
    series = chart.series[0]
    # Two pieces: jan–feb and apr–may; a marker (with its own title) on every figure.
    assert len(series.paths) == 2
    assert len(series.markers) == 4
    first = series.paths[0].removeprefix("M").split("L")
    assert float(first[0].split(",")[1]) == bottom
    assert float(series.paths[1].split("L")[0].removeprefix("M").split(",")[1]) == top
    assert series.markers[1].title == "Enhed, feb. 2026: 50,0 %"
    assert series.end is not None and series.end.text == "100,0 %"
    assert [t.text for t in chart.y_ticks] == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    assert 0 < left < right <= WIDTH


def test_month_labels_are_thinned_but_every_month_keeps_its_point():
    chart = line_chart(chart_id="t", title="T", desc="", months=MONTHS, series=[("A", [10.0] * 12)])
    assert [t.text for t in chart.x_ticks] == ["jan", "mar", "maj", "jul", "sep", "nov"]
    assert chart.x_ticks[0].sub == "2026"
    assert len(chart.series[0].markers) == 12


def test_end_labels_of_close_lines_do_not_overlap():
    chart = line_chart(
        chart_id="t",
        title="T",
        desc="",
        months=MONTHS[:3],
        series=[("A", [20.0, 21.0, 22.2]), ("B", [20.0, 20.5, 21.0]), ("C", [19.0, 20.0, 20.0])],
        legend=True,
    )
    ys = sorted(s.end.y for s in chart.series if s.end)
    assert all(b - a >= 13 for a, b in zip(ys, ys[1:], strict=False))
    # Each series has its own dash pattern and marker shape, not only its own colour.
    assert len({s.dash for s in chart.series}) == 3
    shapes = [s.legend_marker for s in chart.series]
    assert "a" in shapes[0] and "h" in shapes[1] and "L" in shapes[2]  # circle, square, triangle


def test_bars_scale_to_a_round_maximum_and_carry_their_figure():
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 12, 250)] == [1, 1, 5, 10, 20, 500]
    chart = bar_chart(
        chart_id="b",
        title="T",
        desc="",
        months=MONTHS[:3],
        values=[3, None, 12],
        unit_label="overskredne",
    )
    left, top, right, bottom = chart.plot
    tallest = chart.bars[2]
    assert tallest.label is not None and tallest.label.text == "12"
    assert tallest.height < bottom - top  # 12 of 20
    assert chart.bars[1].height == 0 and chart.bars[1].label.text == "–"
    assert chart.bars[0].title == "jan. 2026: 3 overskredne"
    assert [t.text for t in chart.y_ticks] == ["0", "10", "20"]


def test_a_stacked_bar_splits_the_whole_width_by_status_and_an_empty_unit_is_outlined():
    statuses = [("completed", "Gennemført"), ("overdue", "Overskredet")]
    chart = stacked_chart(
        chart_id="s",
        title="T",
        desc="",
        statuses=statuses,
        rows=[
            StackInput(
                name="A", href="/a", counts={"completed": 1, "overdue": 3}, figure="25,0 % af 4"
            ),
            StackInput(name="B", href="/b", counts={}, figure="ingen tildelinger"),
        ],
    )
    first, second = chart.rows
    assert sum(s.width for s in first.segments) == pytest.approx(chart.inner_width, abs=0.2)
    assert first.segments[1].width == pytest.approx(3 * first.segments[0].width, abs=0.2)
    assert first.segments[1].title == "Overskredet: 3 (75,0 %)"
    assert first.segments[1].fill == "url(#s-overdue)"
    assert second.empty and not second.segments
    assert [item.text for item in chart.legend] == ["Gennemført", "Overskredet"]
