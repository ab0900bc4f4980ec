"""Compliance history: the materialised compliance counts of every unit × requirement, kept once
a day so that charts can show how compliance moved (compliance.models.StatusCount holds only
the present)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ComplianceSnapshot(models.Model):
    """The counts of the current cycles of one requirement in one unit *and its subtree* at the
    close of one day, one column per status (superseded cycles are not counted, as in the
    reports). A unit × requirement with no cycles that day has no row: absent means zero.

    Written by ``overview.services.snapshot_take`` in one statement per day (with the day's
    ``SnapshotDay``); rows older than three years are thinned to the last day of each month
    (``snapshots_thin``).
    """

    day = models.DateField(_("dag"))
    # Django cascades a deleted unit or requirement itself. The database's own per-row checks
    # would double the nightly INSERT (0.45 s of 0.5 s at full size, bench/overview.py), as they
    # did for compliance's assignments.
    unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("enhed"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique (unit, day, requirement) index serves it
        db_constraint=False,
    )
    requirement = models.ForeignKey(
        "compliance.Requirement",
        verbose_name=_("krav"),
        on_delete=models.CASCADE,
        related_name="+",
        # No index of its own: ~19,000 rows a day at full size, and a requirement is deleted
        # rarely; the charts read by unit and day.
        db_index=False,
        db_constraint=False,
    )
    not_started = models.PositiveIntegerField(_("ikke startet"), default=0)
    in_progress = models.PositiveIntegerField(_("i gang"), default=0)
    completed = models.PositiveIntegerField(_("gennemført"), default=0)
    overdue = models.PositiveIntegerField(_("overskredet"), default=0)
    exempt = models.PositiveIntegerField(_("fritaget"), default=0)

    class Meta:
        verbose_name = _("øjebliksbillede af overholdelse")
        verbose_name_plural = _("øjebliksbilleder af overholdelse")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "day", "requirement"], name="overview_snapshot_once"
            ),
        ]
        # The nightly thinning finds old days without reading the whole table.
        indexes = [models.Index(fields=["day"], name="overview_snapshot_day")]

    def __str__(self) -> str:
        return f"{self.day} · {self.unit_id} · {self.requirement_id}"


class SnapshotDay(models.Model):
    """One row per day whose snapshot is stored. The charts find each month's last day here
    (about 1,100 rows after three years) rather than among ~19,000 snapshot rows a day, and a
    second run for a day stops at this row's key."""

    day = models.DateField(_("dag"), unique=True)
    taken_at = models.DateTimeField(_("taget"), default=timezone.now)
    rows = models.PositiveIntegerField(_("rækker"), default=0)

    class Meta:
        verbose_name = _("dag med øjebliksbillede")
        verbose_name_plural = _("dage med øjebliksbillede")

    def __str__(self) -> str:
        return f"{self.day} ({self.rows})"
