"""make bench gives time budgets a twin scaled by how slow the host's bare Wagtail page was."""

from __future__ import annotations

from bench.harness import BenchContext, Figure
from bench.run import _scale_budgets


def _figures() -> list[Figure]:
    return [
        Figure("rollup", 39.9, "ms", budget=20),
        Figure("evaluation", 21.4, "s", budget=10),
        Figure("lesson", 34.7, "ms", budget=38.3, baseline=29.4, baseline_name="bare Wagtail page"),
        Figure("queries", 11, "queries", budget=14),
        Figure("rss", 115, "MB", budget=100),
    ]


def test_time_budgets_are_scaled_by_the_hosts_bare_page_against_design_md():
    figures = _figures()
    _scale_budgets(figures, BenchContext("full", "postgresql", 45_000, {"bare_page_ms": 27.5}))
    rollup, evaluation, lesson, queries, rss = figures
    assert rollup.scaled_budget == 50 and "host-scaled budget 50 ms (OK)" in rollup.line()
    assert evaluation.scaled_budget == 25
    assert "budget 20 ms (OVER)" in rollup.line()  # the budget as written is still judged
    # Already relative to the same run's bare page, or not a time: left as written.
    assert lesson.scaled_budget is queries.scaled_budget is rss.scaled_budget is None


def test_a_host_as_fast_as_design_mds_keeps_the_budgets_and_no_bare_page_means_no_scaling():
    fast = _figures()
    _scale_budgets(fast, BenchContext("full", "postgresql", 45_000, {"bare_page_ms": 9.0}))
    assert fast[0].scaled_budget == 20
    unknown = _figures()
    _scale_budgets(unknown, BenchContext("small", "sqlite", 4_500, {}))
    assert all(f.scaled_budget is None for f in unknown)
    assert "host-scaled" not in unknown[0].line()
