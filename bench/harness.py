"""What every benchmark module returns, and how figures are printed and saved.

A benchmark module in ``bench/`` exposes ``run(ctx: BenchContext) -> list[Figure]``; ``bench/run.py``
lists the modules. Figures are measurements, reported with their budget and the ratio to a
baseline measured in the same run; nothing here fails a build.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: Issue #23's budgets as ratios to a baseline measured in the same run, at every size: the
#: absolute figures are printed, the verdict is the ratio, so a slow or busy host can neither
#: hide nor fake a regression. Figure name (or its start) → the most the figure may be, as a
#: multiple of its baseline (the figure's ``baseline_name`` says which).
RATIO_BUDGETS: dict[str, float] = {
    # ≤ Wagtail's bare admin dashboard: the materialised counts make the size irrelevant.
    "compliance rollup page (areas + centres)": 1.0,
    # ≤ 1.5 × the bare dashboard, with no COUNT(*) over millions of rows per request.
    "assignment list, first 50 + count (area, overdue)": 1.5,
    # The views' own work close to the SQL under them.
    "compliance rollup, view's own work (results fragment)": 2.0,
    "assignment list, view's own work (results fragment)": 2.0,
    "HR import, unchanged re-import": 2.0,
    # ≤ 1.2 × a raw COPY of the same rows.
    "full assignment CSV export (streamed)": 1.2,
    # ≤ 1.3 × the hand-written INSERT … SELECT.
    "rule evaluation, full (assign every cycle)": 1.3,
    # ≤ 1.2 × the bare Wagtail page with the same body.
    "lesson page, logged-in learner (": 1.2,
    # 20 learners submitting at once: p95 ≤ 4 × one learner alone.
    "quiz submit p95, 20 learners at once": 4.0,
}


def ratio_budget(name: str) -> float | None:
    """The ratio budget of the figure called ``name`` (RATIO_BUDGETS), if it has one."""
    for start, budget in RATIO_BUDGETS.items():
        if name.startswith(start):
            return budget
    return None


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    budget: float | None = None
    baseline: float | None = None
    baseline_name: str = ""
    note: str = ""
    #: The budget times the host's slowness against DESIGN.md's machine (bench/run.py), if known.
    scaled_budget: float | None = None
    #: The most the figure may be as a multiple of its baseline (RATIO_BUDGETS); the verdict.
    ratio_budget: float | None = None

    def __post_init__(self) -> None:
        if self.ratio_budget is None:
            self.ratio_budget = ratio_budget(self.name)

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    @property
    def within_budget(self) -> bool | None:
        return None if self.budget is None else self.value <= self.budget

    @property
    def within_ratio_budget(self) -> bool | None:
        """The verdict: None without a ratio budget or a baseline measured in this run."""
        if self.ratio_budget is None or self.ratio is None:
            return None
        return self.ratio <= self.ratio_budget

    def line(self) -> str:
        parts = [f"{self.name:<58} {self.value:>10.2f} {self.unit:<6}"]
        if self.budget is not None:
            parts.append(
                f"budget {self.budget:g} {self.unit} ({'OK' if self.within_budget else 'OVER'})"
            )
        if self.scaled_budget is not None:
            verdict = "OK" if self.value <= self.scaled_budget else "OVER"
            parts.append(f"host-scaled budget {self.scaled_budget:.4g} {self.unit} ({verdict})")
        if self.ratio is not None:
            parts.append(
                f"ratio {self.ratio:.2f} to {self.baseline_name or 'baseline'} ({self.baseline:.2f})"
            )
        if self.ratio_budget is not None:
            verdict = {True: "OK", False: "OVER", None: "no baseline"}[self.within_ratio_budget]
            parts.append(f"ratio budget ≤ {self.ratio_budget:g} × → {verdict}")
        if self.note:
            parts.append(self.note)
        return "  ".join(parts)


@dataclass
class BenchContext:
    size: str  # "full" (DESIGN.md's 45,000 people) or "small"
    vendor: str  # "postgresql" or "sqlite"
    employees: int
    extra: dict[str, object] = field(default_factory=dict)


def timed(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> list[float]:
    """Run ``fn`` ``warmup`` + ``repeat`` times; return the timed runs in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def timed_together(fns: dict[str, Callable[[], object]], *, repeat: int = 7) -> dict[str, float]:
    """Median milliseconds of each function, run in turns (a, b, c, a, b, c, …) so that a page
    and its baselines see the same machine: on a shared host the speed drifts by tens of per
    cent within minutes, which would skew a ratio of figures measured one after the other."""
    for fn in fns.values():
        fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - start) * 1000)
    return {name: median(values) for name, values in samples.items()}


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def verdicts(figures: list[Figure]) -> str:
    """One line: how many ratio budgets were met, and which were not."""
    judged = [f for f in figures if f.ratio_budget is not None]
    over = [f.name for f in judged if f.within_ratio_budget is False]
    unmeasured = [f.name for f in judged if f.within_ratio_budget is None]
    line = f"ratio budgets: {len(judged) - len(over) - len(unmeasured)} of {len(judged)} met"
    if over:
        line += "; OVER: " + "; ".join(over)
    if unmeasured:
        line += "; without a baseline: " + "; ".join(unmeasured)
    return line


def report(figures: list[Figure], path: Path, *, also: Path | None = None) -> None:
    """Print every figure and the ratio verdicts; save them as JSON to ``path`` (and ``also``)."""
    for figure in figures:
        print(figure.line(), flush=True)
    if any(f.ratio_budget is not None for f in figures):
        print(verdicts(figures), flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(
        [
            asdict(f)
            | {
                "ratio": f.ratio,
                "within_budget": f.within_budget,
                "within_scaled_budget": (
                    None if f.scaled_budget is None else f.value <= f.scaled_budget
                ),
                "within_ratio_budget": f.within_ratio_budget,
            }
            for f in figures
        ],
        indent=2,
        ensure_ascii=False,
    )
    for target in (path, also):
        if target is not None:
            target.write_text(text)
