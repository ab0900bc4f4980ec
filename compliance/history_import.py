"""The historical completions import: a file read by ``history.py`` is checked against people,
courses and what is already there, then written set-based and all-or-nothing. Each row becomes a
completed course run marked as imported (``CourseRun.Source.IMPORT``) with an
``ImportedCompletion`` beside it; the open cycle it meets is completed at its date
(``assignments_complete_imported``), the evaluation opens the next cycle from it, and the
materialised counts are rebuilt. No certificate is issued: the old number is kept.

``history_import`` is the one entry point (the admin's preview and load tasks through the HR
import flow, and ``manage.py import_history``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, CourseRun
from people.audit import audit_log
from people.hr_imports import hr_upload_max_bytes
from people.importers import ImportInvalid
from people.importers.rows import MAX_ERRORS, error_line
from people.models import AuditEvent, HRImport, User

from .history import HistoryRow, history_file_read
from .history_models import ImportedCompletion
from .services import assignments_complete_imported, counts_rebuild, requirements_evaluate

logger = logging.getLogger(__name__)

#: Rows per bulk INSERT of runs and their imported details.
BATCH = 5000
#: "findes allerede" lines shown in the preview; the rest are counted.
NOTES_SHOWN = 20


@dataclass
class HistorySummary:
    imported: int = 0
    existing: int = 0
    cycles_completed: int = 0
    recertifications: int = 0
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        prefix = _("Prøvekørsel – intet er gemt. ") if self.dry_run else ""
        return [
            prefix
            + _("Gennemførelser: %(new)d nye, %(existing)d findes allerede og springes over.")
            % {"new": self.imported, "existing": self.existing},
            _(
                "Krav: %(cycles)d runder gennemført på de importerede datoer; "
                "%(next)d nye runder til genopfriskning åbnet."
            )
            % {"cycles": self.cycles_completed, "next": self.recertifications},
        ]


class _DryRun(Exception):
    """Rolls back a dry run's writes: the preview counts exactly what the load will do."""


@dataclass(slots=True)
class _Planned:
    row: HistoryRow
    person_id: int
    course_id: int


def history_import(
    *,
    data: bytes,
    fmt: str = "csv",
    file_name: str,
    dry_run: bool = False,
    actor: User | None = None,
    hr_import: HRImport | None = None,
    today: dt.date | None = None,
) -> HistorySummary:
    """Import a file of historical completions. Raises ImportInvalid (nothing written) with one
    Danish line per bad row; a row already imported (same person, course and date) is skipped
    and named in the notes, so loading a file twice writes nothing the second time."""
    today = today or timezone.localdate()
    limit = hr_upload_max_bytes()
    if len(data) > limit:
        logger.warning("history import refused: %d bytes over the limit %d", len(data), limit)
        raise ImportInvalid(
            [_("Filen er for stor. Den må højst fylde %(mb)d MB.") % {"mb": limit // 2**20}]
        )
    parsed = history_file_read(data=data, fmt=fmt, today=today)
    summary = HistorySummary(dry_run=dry_run, notes=list(parsed.notes))
    with transaction.atomic():
        # Rows the reader found sound are still checked against the database, so one refusal
        # names every bad line the file has (up to MAX_ERRORS).
        planned, existing_lines, found = _plan(parsed.rows)
        numbered = sorted([*parsed.numbered_errors(), *found], key=lambda e: e[0])
        errors = [text for _line, text in numbered]
        if errors:
            logger.warning(
                "history import %r refused: %d errors, first: %s",
                file_name, len(errors), errors[0],
            )  # fmt: skip
            raise ImportInvalid(errors[:MAX_ERRORS])
        summary.imported, summary.existing = len(planned), len(existing_lines)
        summary.notes += _existing_notes(existing_lines)
        try:
            with transaction.atomic():
                _write(planned, summary, file_name=file_name, actor=actor, hr_import=hr_import,
                       today=today)  # fmt: skip
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        if not dry_run:
            audit_log(
                actor=actor,
                action=AuditEvent.Action.IMPORT,
                what=f"Historik fra {file_name}: " + " ".join(summary.lines()),
            )
    logger.info("history import %r %s: %s", file_name, "dry run" if dry_run else "done", summary)
    return summary


def _courses() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    by_slug: dict[str, list[int]] = defaultdict(list)
    by_title: dict[str, list[int]] = defaultdict(list)
    for pk, slug, title in CoursePage.objects.values_list("id", "slug", "title"):
        by_slug[slug.lower()].append(pk)
        by_title[title.strip().casefold()].append(pk)
    return by_slug, by_title


def _plan(rows: list[HistoryRow]) -> tuple[list[_Planned], list[int], list[tuple[int, str]]]:
    """(rows to write, lines of rows already imported, (line, error)s). Four queries: people, courses,
    imported completions and Paragraf's own completions of the file's courses."""
    people = dict(User.objects.exclude(employee_number=None).values_list("employee_number", "id"))
    by_slug, by_title = _courses()
    errors: list[tuple[int, str]] = []
    resolved: dict[str, int | str] = {}  # course text → id, or the error for it
    label = str(_("Række %(row)d"))
    matched: list[_Planned] = []
    for row in rows:
        where = label % {"row": row.line}
        person_id = people.get(row.number)
        if person_id is None:
            errors.append(
                (
                    row.line,
                    error_line(
                        where,
                        "medarbejdernr",
                        _("ukendt medarbejder “%(number)s”") % {"number": row.number},
                    ),
                )
            )
        course = resolved.get(row.course)
        if course is None:
            course = resolved[row.course] = _course_id(row.course, by_slug, by_title)
        if isinstance(course, str):
            errors.append((row.line, error_line(where, "kursus", course)))
        elif person_id is not None:
            matched.append(_Planned(row, person_id, course))
        if len(errors) >= MAX_ERRORS:
            return [], [], errors
    course_ids = {p.course_id for p in matched}
    imported = set(
        ImportedCompletion.objects.filter(course_id__in=course_ids).values_list(
            "person_id", "course_id", "completed_on"
        )
    )
    native = {
        (user_id, course_id, timezone.localtime(done).date())
        for user_id, course_id, done in CourseRun.objects.filter(
            course_id__in=course_ids, completed_at__isnull=False
        )
        .exclude(source=CourseRun.Source.IMPORT)
        .values_list("user_id", "course_id", "completed_at")
        .iterator(chunk_size=5000)
    }
    first_line: dict[tuple[int, int, dt.date], int] = {}
    planned: list[_Planned] = []
    existing: list[int] = []
    for item in matched:
        key = (item.person_id, item.course_id, item.row.completed_on)
        where = label % {"row": item.row.line}
        if key in first_line:
            errors.append(
                (
                    item.row.line,
                    _("%(where)s: samme medarbejder, kursus og dato som række %(first)d")
                    % {"where": where, "first": first_line[key]},
                )
            )
            continue
        first_line[key] = item.row.line
        if key in native:
            errors.append(
                (
                    item.row.line,
                    _("%(where)s: findes allerede som gennemførelse i Paragraf (samme "
                      "medarbejder, kursus og dato)") % {"where": where},
                )
            )  # fmt: skip
        elif key in imported:
            existing.append(item.row.line)
        else:
            planned.append(item)
    return planned, existing, errors


def _course_id(text: str, by_slug, by_title) -> int | str:
    """The course a cell names by slug, else by title; the Danish problem otherwise."""
    ids = by_slug.get(text.lower()) or by_title.get(text.strip().casefold()) or []
    if len(ids) == 1:
        return ids[0]
    if ids:
        return _("“%(value)s” passer på flere kurser – brug kursets slug") % {"value": text}
    return _("ukendt kursus “%(value)s”") % {"value": text}


def _existing_notes(lines: list[int]) -> list[str]:
    notes = [
        _("Række %(row)d: findes allerede – springes over.") % {"row": line}
        for line in lines[:NOTES_SHOWN]
    ]
    if len(lines) > NOTES_SHOWN:
        notes.append(
            _("… og %(count)d rækker mere, der findes allerede.")
            % {"count": len(lines) - NOTES_SHOWN}
        )
    return notes


def _write(
    planned: list[_Planned],
    summary: HistorySummary,
    *,
    file_name: str,
    actor: User | None,
    hr_import: HRImport | None,
    today: dt.date,
) -> None:
    """Runs and imported details in batches, then the cycles: every applicable requirement gets
    its current cycle first (the evaluation), the imported dates complete them, and a second
    evaluation opens the recertifications due from those dates."""
    requirements_evaluate(today=today)
    now = timezone.now()
    moments: dict[dt.date, dt.datetime] = {}
    latest: dict[tuple[int, int], dt.datetime] = {}
    for start in range(0, len(planned), BATCH):
        chunk = planned[start : start + BATCH]
        runs, details = [], []
        for item in chunk:
            day = item.row.completed_on
            moment = moments.get(day)
            if moment is None:
                moment = moments[day] = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
            runs.append(
                {
                    "user_id": item.person_id,
                    "course_id": item.course_id,
                    "started_at": moment,
                    "completed_at": moment,
                    "source": CourseRun.Source.IMPORT.value,
                }
            )
            details.append(
                {
                    "person_id": item.person_id,
                    "course_id": item.course_id,
                    "completed_on": day,
                    "score": item.row.score,
                    "old_certificate_number": item.row.certificate,
                    "valid_until": item.row.valid_until,
                    "file_name": file_name[:255],
                    "line": item.row.line,
                    "hr_import_id": hr_import.pk if hr_import else None,
                    "imported_by_id": actor.pk if actor else None,
                    "imported_at": now,
                }
            )
            key = (item.person_id, item.course_id)
            if key not in latest or latest[key] < moment:
                latest[key] = moment
        _store(runs, details)
    summary.cycles_completed = assignments_complete_imported(latest=latest, today=today)
    summary.recertifications = requirements_evaluate(today=today).recertifications
    counts_rebuild()


def _store(runs: list[dict], details: list[dict]) -> None:
    """Write the runs and their details (field values by attname). On PostgreSQL by COPY, with
    the runs' ids taken from their sequence first: building 400,000 model instances for
    ``bulk_create`` took most of the import's time. ``bulk_create`` elsewhere."""
    if connection.vendor != "postgresql":
        created = CourseRun.objects.bulk_create([CourseRun(**values) for values in runs])
        for run, detail in zip(created, details, strict=True):
            detail["run_id"] = run.pk
        ImportedCompletion.objects.bulk_create([ImportedCompletion(**d) for d in details])
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [CourseRun._meta.db_table, len(runs)],
        )
        for run, detail, (pk,) in zip(runs, details, cursor.fetchall(), strict=True):
            run["id"] = pk
            detail["run_id"] = pk
    _copy(CourseRun, runs)
    _copy(ImportedCompletion, details)


def _copy(model, rows: list[dict]) -> None:
    """COPY rows (field values by attname) into the model's table; a field a row does not name
    gets the field's default, and the id its sequence's next value."""
    named = set(rows[0]) if rows else set()
    fields = [f for f in model._meta.concrete_fields if f.attname in named or not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in named}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[n] if n in row else defaults[n] for n in names])


def history_import_run(*, data: bytes, record: HRImport, dry_run: bool) -> HistorySummary:
    """The HR import flow's runner for ``HRImport.Kind.HISTORY`` (registered in apps.ready)."""
    return history_import(
        data=data,
        fmt=record.format,
        file_name=record.original_name or record.file_name,
        dry_run=dry_run,
        actor=record.uploaded_by,
        hr_import=record,
    )
