"""Services of the HR-import screen: an uploaded file goes from preview (a dry run in a task) to
confirm (the load in a task), or is cancelled or purged. Every step is keyed on the row's status,
so a task delivered twice does its work once.

The file is streamed to default storage under a random name in ``hr-import/`` (never the token
shown in URLs); the task reads it from there, so the upload is never held in memory by the web
process and only once by the worker.

The same flow carries every kind of HR file (``HRImport.Kind``): each kind registers its
importer with ``import_kind_register`` (people's own employees import here; compliance registers
the historical completions in its ``ready()``), so people never imports a higher app.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise
else:
    StrOrPromise = str

from .importers import ImportInvalid, employees_import
from .models import HRImport, User

logger = logging.getLogger(__name__)

#: How long an upload that was not loaded (preview, refusal, cancel …) is kept.
RETENTION = dt.timedelta(hours=24)
FOLDER = "hr-import"


def hr_upload_max_bytes() -> int:
    return int(getattr(settings, "PARAGRAF_HR_UPLOAD_MAX_MB", 20)) * 1024 * 1024


@dataclass(frozen=True)
class ImportKind:
    """How one kind of HR file is imported and shown.

    ``run(data=…, record=…, dry_run=…)`` raises ImportInvalid (nothing written) or returns a
    summary with ``lines()`` and ``notes``; it runs inside the caller's transaction.
    """

    kind: str
    run: Callable[..., object]
    title: StrOrPromise
    upload_label: StrOrPromise
    upload_url_name: str
    formats: tuple[str, ...]
    intro: StrOrPromise = ""
    help_text: StrOrPromise = ""


_KINDS: dict[str, ImportKind] = {}


def import_kind_register(kind: ImportKind) -> None:
    _KINDS[kind.kind] = kind


def import_kind(kind: str) -> ImportKind:
    """The registered kind; KeyError for one no app registered."""
    return _KINDS[kind]


def hr_import_create(
    *, upload: File, fmt: str, by: User, kind: str = HRImport.Kind.EMPLOYEES
) -> HRImport:
    """Store ``upload`` chunk by chunk and record it; the caller queues its preview
    (``hr_import_preview_task``, after commit). One INSERT."""
    name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.{fmt}", upload)
    original = PurePath(str(upload.name or "")).name[:255]
    record = HRImport.objects.create(
        uploaded_by=by, file_name=name, format=fmt, kind=kind, original_name=original
    )
    logger.info(
        "HR import %s (%s) uploaded by user %s (%s bytes)", record.pk, kind, by.pk, upload.size
    )
    return record


def _read(record: HRImport) -> bytes:
    with default_storage.open(record.file_name, "rb") as handle:
        return handle.read()


def _delete_file(record: HRImport) -> None:
    if record.file_name and default_storage.exists(record.file_name):
        default_storage.delete(record.file_name)
    record.file_name = ""


def _finish(record: HRImport, status: str, **fields) -> None:
    record.status = status
    record.progress = 100
    record.finished_at = timezone.now()
    for key, value in fields.items():
        setattr(record, key, value)
    record.save()


def _progress(pk: int, value: int) -> None:
    # outside the task's transaction, so the polling page sees it
    HRImport.objects.filter(
        pk=pk, status__in=[HRImport.Status.PENDING, HRImport.Status.CONFIRMED]
    ).update(progress=value)


def _run(record: HRImport, *, dry_run: bool) -> None:
    """Run the import on the stored file and record the outcome on ``record`` (saved)."""
    try:
        with transaction.atomic():
            summary = import_kind(record.kind).run(
                data=_read(record), record=record, dry_run=dry_run
            )
    except ImportInvalid as exc:
        logger.warning("HR import %s refused: %d errors", record.pk, len(exc.errors))
        _delete_file(record)
        _finish(record, HRImport.Status.REFUSED, errors=[str(e) for e in exc.errors])
        return
    except Exception:
        logger.exception("HR import %s failed (dry run: %s)", record.pk, dry_run)
        _delete_file(record)
        _finish(
            record,
            HRImport.Status.FAILED,
            errors=[
                _("Der opstod en uventet fejl. Intet er gemt. Prøv igen eller kontakt support.")
            ],
        )
        return
    lines = [str(line) for line in summary.lines()]  # type: ignore[attr-defined]
    notes = [str(note) for note in getattr(summary, "notes", [])]
    if dry_run:
        _finish(record, HRImport.Status.PREVIEW, lines=lines, notes=notes, errors=[])
    else:
        _delete_file(record)
        _finish(record, HRImport.Status.DONE, lines=lines, notes=notes, errors=[])
    logger.info("HR import %s: %s", record.pk, record.status)


def hr_import_preview(*, import_id: int) -> HRImport | None:
    """The dry run of a pending upload; a no-op for any other status (a repeated task)."""
    _progress(import_id, 10)
    with transaction.atomic():
        record = HRImport.objects.select_for_update().filter(pk=import_id).first()
        if record is None or record.status != HRImport.Status.PENDING:
            return record
        _run(record, dry_run=True)
        return record


def hr_import_confirm(*, record: HRImport, by: User) -> bool:
    """Mark a ready preview as confirmed; False if it was not ready (or not ``by``'s). One
    conditional UPDATE, so two clicks confirm (and the caller queues) one load."""
    changed = HRImport.objects.filter(
        pk=record.pk, uploaded_by=by, status=HRImport.Status.PREVIEW
    ).update(status=HRImport.Status.CONFIRMED, progress=0)
    return bool(changed)


def hr_import_load(*, import_id: int) -> HRImport | None:
    """The load of a confirmed upload; a no-op for any other status. The row lock serialises a
    task delivered twice: the second finds it loaded."""
    _progress(import_id, 10)
    with transaction.atomic():
        record = HRImport.objects.select_for_update().filter(pk=import_id).first()
        if record is None or record.status != HRImport.Status.CONFIRMED:
            return record
        _run(record, dry_run=False)
        return record


def hr_import_cancel(*, record: HRImport, by: User) -> bool:
    """Cancel an upload that is not loading or loaded: deletes its file and preview."""
    with transaction.atomic():
        locked = (
            HRImport.objects.select_for_update()
            .filter(
                pk=record.pk,
                uploaded_by=by,
                status__in=[
                    HRImport.Status.PENDING,
                    HRImport.Status.PREVIEW,
                    HRImport.Status.REFUSED,
                    HRImport.Status.FAILED,
                ],
            )
            .first()
        )
        if locked is None:
            return False
        _delete_file(locked)
        _finish(locked, HRImport.Status.CANCELLED, lines=[], notes=[], errors=[])
    logger.info("HR import %s cancelled by user %s", record.pk, by.pk)
    return True


def hr_imports_purge(*, now: dt.datetime | None = None) -> int:
    """Delete uploads older than ``RETENTION`` with their files and previews. A confirmed one
    whose load may still be queued gets a second day; one stuck longer is deleted too, so no
    upload keeps personal data for more than two days. Returns how many rows were deleted."""
    cutoff = (now or timezone.now()) - RETENTION
    stale: Iterable[HRImport] = HRImport.objects.filter(created_at__lt=cutoff).exclude(
        status=HRImport.Status.CONFIRMED, created_at__gte=cutoff - RETENTION
    )
    count = 0
    for record in stale:
        _delete_file(record)
        record.delete()
        count += 1
    if count:
        logger.info("HR import purge: %d uploads deleted", count)
    return count


def _employees_run(*, data: bytes, record: HRImport, dry_run: bool):
    return employees_import(data=data, fmt=record.format, dry_run=dry_run, actor=record.uploaded_by)


import_kind_register(
    ImportKind(
        kind=HRImport.Kind.EMPLOYEES,
        run=_employees_run,
        title=_lazy("Indlæs HR-data"),
        upload_label=_lazy("HR-fil (CSV eller KMD OPUS XML)"),
        upload_url_name="people_hr_import",
        formats=(HRImport.Format.CSV, HRImport.Format.OPUS),
        intro=_lazy("Upload en CSV-fil eller en KMD OPUS XML-fil."),
        help_text=_lazy(
            "En kolonne eller et OPUS-element, der ikke findes i filen (eller er tomt i OPUS), "
            "bevarer de eksisterende værdier. En CSV-kolonne, der findes, men er tom, rydder "
            "feltet."
        ),
    )
)
