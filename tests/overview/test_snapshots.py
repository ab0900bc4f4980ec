"""The nightly snapshot of the compliance counts: one row per unit × requirement × day, the same
figures as the materialised counts, written once a day; old days thinned to one a month."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance.models import Assignment, Status, StatusCount
from compliance.services import counts_rebuild
from overview.models import ComplianceSnapshot, SnapshotDay
from overview.services import snapshot_take, snapshots_thin, thinning_cutoff
from overview.tasks import compliance_snapshot_task
from tests.overview.conftest import snapshot

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 30)


def as_counts(row: ComplianceSnapshot) -> dict[str, int]:
    return {
        s: getattr(row, s)
        for s in ("not_started", "in_progress", "completed", "overdue", "exempt")
        if getattr(row, s)
    }


def test_a_snapshot_holds_the_materialised_counts_of_every_unit_and_requirement(cycles, units):
    written = snapshot_take(day=DAY)
    expected: dict[tuple[int, int], dict[str, int]] = {}
    for c in StatusCount.objects.filter(count__gt=0):
        expected.setdefault((c.unit_id, c.requirement_id), {})[c.status] = c.count
    rows = {(r.unit_id, r.requirement_id): as_counts(r) for r in ComplianceSnapshot.objects.all()}
    assert written == len(rows) == len(expected)
    assert rows == expected
    assert SnapshotDay.objects.get(day=DAY).rows == written
    tmf = ComplianceSnapshot.objects.get(unit=units["tmf"], day=DAY)
    assert (tmf.completed, tmf.not_started, tmf.overdue) == (1, 2, 1)


def test_running_it_again_the_same_day_writes_nothing_even_when_the_counts_changed(
    cycles, learner, units
):
    snapshot_take(day=DAY)
    before = list(ComplianceSnapshot.objects.order_by("pk").values())
    Assignment.objects.filter(person=learner).update(status=Status.OVERDUE)
    counts_rebuild()
    assert snapshot_take(day=DAY) == 0
    assert list(ComplianceSnapshot.objects.order_by("pk").values()) == before
    assert snapshot_take(day=DAY + dt.timedelta(days=1)) == len(before)
    later = ComplianceSnapshot.objects.get(unit=units["tmf"], day=DAY + dt.timedelta(days=1))
    assert (later.completed, later.overdue) == (0, 2)


def test_units_without_current_cycles_and_superseded_cycles_are_not_stored(cycles, learner, units):
    Assignment.objects.filter(person=learner).update(status=Status.SUPERSEDED)
    counts_rebuild()
    snapshot_take(day=DAY)
    assert not ComplianceSnapshot.objects.filter(unit=units["team"]).exists()
    centre = ComplianceSnapshot.objects.get(unit=units["centre"])
    assert as_counts(centre) == {"not_started": 1}


def test_old_days_are_thinned_to_the_last_day_of_each_month(cycles, units):
    today = dt.date(2026, 12, 4)
    cutoff = thinning_cutoff(today=today)
    assert cutoff == dt.date(2023, 12, 1)
    req = cycles
    days = [dt.date(2023, 10, d) for d in (1, 15, 31)] + [dt.date(2023, 11, d) for d in (2, 29)]
    days += [dt.date(2023, 12, 1), dt.date(2023, 12, 2), dt.date(2026, 12, 3)]
    for day in days:
        snapshot(units["tmf"], req, day, completed=1)
        snapshot(units["area"], req, day, completed=1)
    assert snapshots_thin(today=today) == 2 * 3
    kept = sorted(set(ComplianceSnapshot.objects.values_list("day", flat=True)))
    assert kept == [
        dt.date(2023, 10, 31),
        dt.date(2023, 11, 29),
        dt.date(2023, 12, 1),
        dt.date(2023, 12, 2),
        dt.date(2026, 12, 3),
    ]
    assert sorted(SnapshotDay.objects.values_list("day", flat=True)) == kept
    assert snapshots_thin(today=today) == 0


def test_the_nightly_task_stores_yesterday_once_and_thins(cycles, units):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    old = snapshot(units["tmf"], cycles, dt.date(2020, 1, 10), completed=1)
    snapshot(units["tmf"], cycles, dt.date(2020, 1, 20), completed=1)
    written = compliance_snapshot_task.delay().get()
    assert written > 0
    assert ComplianceSnapshot.objects.filter(day=yesterday).count() == written
    assert not ComplianceSnapshot.objects.filter(pk=old.pk).exists()
    assert compliance_snapshot_task.delay().get() == 0
    entry = settings.CELERY_BEAT_SCHEDULE["overview-compliance-snapshot"]
    assert entry["task"] == "overview.tasks.compliance_snapshot_task"
    assert compliance_snapshot_task.acks_late


def test_the_command_takes_a_date_and_refuses_a_bad_or_future_one(cycles):
    out = StringIO()
    call_command("snapshot_compliance", "--date", "2026-11-30", stdout=out)
    assert "2026-11-30" in out.getvalue()
    assert ComplianceSnapshot.objects.filter(day=DAY).exists()
    with pytest.raises(CommandError, match="Ugyldig dato"):
        call_command("snapshot_compliance", "--date", "30-11-2026", stdout=StringIO())
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="fremtiden"):
        call_command("snapshot_compliance", "--date", future, stdout=StringIO())
    call_command("snapshot_compliance", stdout=StringIO())
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert ComplianceSnapshot.objects.filter(day=yesterday).exists()
