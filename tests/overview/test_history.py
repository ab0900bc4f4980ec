"""The monthly history read from the snapshots, and the demo's twelve months."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from compliance.models import StatusCount
from demo.overview import seed_overview
from overview.models import ComplianceSnapshot
from overview.selectors import Counts, compliance_history, months_between
from tests.overview.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_each_month_shows_its_last_snapshot_in_the_range_and_a_gap_without_one(cycles, units):
    tmf = units["tmf"]
    snapshot(tmf, cycles, dt.date(2026, 1, 10), not_started=4)
    snapshot(tmf, cycles, dt.date(2026, 1, 31), completed=1, not_started=3)
    snapshot(tmf, cycles, dt.date(2026, 3, 15), completed=2, not_started=2)
    points = compliance_history(
        unit_ids=[tmf.pk], start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 20)
    )[tmf.pk]
    assert [p.month for p in points] == months_between(dt.date(2026, 1, 5), dt.date(2026, 3, 1))
    assert points[0].day == dt.date(2026, 1, 31) and points[0].counts.percent == 25.0
    assert points[1].counts is None
    assert points[2].counts == Counts(completed=2, not_started=2)
    # a range ending on the 20th of January takes the 10th
    january = compliance_history(
        unit_ids=[tmf.pk], start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 20)
    )[tmf.pk]
    assert january[0].day == dt.date(2026, 1, 10) and january[0].counts.percent == 0.0


def test_the_demo_writes_a_year_that_ends_at_todays_counts_and_only_once(cycles, units):
    seed_overview({})
    today = timezone.localdate()
    days = ComplianceSnapshot.objects.values_list("day", flat=True).distinct()
    assert len(days) == 365 and max(days) == today - dt.timedelta(days=1)
    yesterday = {
        (r.unit_id, r.requirement_id): (r.completed, r.not_started, r.overdue)
        for r in ComplianceSnapshot.objects.filter(day=today - dt.timedelta(days=1))
    }
    now: dict = {}
    for c in StatusCount.objects.filter(count__gt=0):
        key = (c.unit_id, c.requirement_id)
        done, new, late = now.get(key, (0, 0, 0))
        now[key] = (
            done + (c.count if c.status == "completed" else 0),
            new + (c.count if c.status == "not_started" else 0),
            late + (c.count if c.status == "overdue" else 0),
        )
    assert yesterday == now
    # a unit's row is its subtree's: TMF = the two areas + HR's own cycle in TMF itself
    day = today - dt.timedelta(days=200)

    def total(*unit_list):
        rows = ComplianceSnapshot.objects.filter(day=day, unit__in=unit_list)
        return sum(r.completed + r.not_started + r.overdue + r.in_progress + r.exempt for r in rows)

    assert total(units["tmf"]) == total(units["area"], units["other_area"]) + 1 == 4
    # compliance was not better a year ago than it is today
    year_ago = compliance_history(
        unit_ids=[units["tmf"].pk],
        start=today - dt.timedelta(days=365),
        end=today - dt.timedelta(days=330),
    )[units["tmf"].pk][0]
    assert year_ago.counts.percent <= 25.0
    count = ComplianceSnapshot.objects.count()
    seed_overview({})
    assert ComplianceSnapshot.objects.count() == count


def test_seed_demo_gives_hr_a_year_of_history(settings):
    settings.PARAGRAF_ALLOW_DEMO = True
    call_command("seed_demo", stdout=StringIO())
    days = ComplianceSnapshot.objects.values_list("day", flat=True).distinct().count()
    assert days == 365


def test_the_demo_draws_no_history_on_a_bench_size_database(cycles, units, monkeypatch, caplog):
    """make load seeds the demo on 540,000 cycles: drawing them day by day would take hours."""
    import logging

    from demo import overview as demo_overview

    monkeypatch.setattr(demo_overview, "DEMO_MAX_CYCLES", 1)
    with caplog.at_level(logging.WARNING, logger="demo.overview"):
        seed_overview({})
    assert not ComplianceSnapshot.objects.exists()
    assert "overview demo skipped" in caplog.text
