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

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    @property
    def within_budget(self) -> bool | None:
        return None if self.budget is None else self.value <= self.budget

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


def report(figures: list[Figure], path: Path) -> None:
    for figure in figures:
        print(figure.line(), flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            [
                asdict(f)
                | {
                    "ratio": f.ratio,
                    "within_budget": f.within_budget,
                    "within_scaled_budget": (
                        None if f.scaled_budget is None else f.value <= f.scaled_budget
                    ),
                }
                for f in figures
            ],
            indent=2,
            ensure_ascii=False,
        )
    )
