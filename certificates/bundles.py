"""Certificates in bulk: one ZIP of PDFs and a CSV index for a unit subtree, a course and a
period of issue dates, built by a task, fetched by the person who asked, deleted after a week.

The ZIP is written with ``zipfile`` to a temporary file on disk, one certificate at a time,
and only then handed to the media storage (disk or object storage) as a file: neither the
archive nor the PDFs are ever held in memory together. The index is written to a second
temporary file alongside and added last.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.files import File
from django.utils import timezone

from people.scope import unit_visible
from people.spreadsheets import row_safe

from .codes import code_generate
from .models import BUNDLE_KEEP_DAYS, Certificate, CertificateBundle
from .selectors import certificates_for_bundle
from .services import certificate_content, certificate_pdf_outdated, certificate_template_current

if TYPE_CHECKING:
    from courses.models import CoursePage
    from people.models import OrgUnit, User

    from .models import CertificateTemplate

logger = logging.getLogger(__name__)

#: Who may ask for a bundle (HR), besides seeing the unit (people.scope).
PERMISSION = "certificates.view_certificate"
#: Certificates read per query, and written between two progress updates.
BATCH = 250
INDEX_NAME = "indeks.csv"
INDEX_HEADER = [
    "navn",
    "medarbejdernr",
    "kursus",
    "gennemført",
    "udstedt",
    "kode",
    "gyldig til",
    "status",
    "fil",
]
_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


class BundleRefused(Exception):
    """The person may not ask for certificates of this unit (or at all)."""


class BundleEmpty(Exception):
    """No certificate matches: no bundle is made."""


def bundle_request(
    *, by: User, unit: OrgUnit, course: CoursePage, issued_from: dt.date, issued_to: dt.date
) -> CertificateBundle:
    """Record a queued bundle (the caller queues ``bundle_build_task`` on commit).

    Raises BundleRefused when ``by`` lacks the permission or may not see ``unit`` (nothing is
    written), BundleEmpty when nothing matches (one COUNT query, nothing written)."""
    if not (by.is_active and by.has_perm(PERMISSION) and unit_visible(user=by, unit=unit)):
        logger.warning(
            "certificate bundle refused user=%s unit=%s: no permission or unit out of scope",
            by.pk, unit.pk,
        )  # fmt: skip
        raise BundleRefused(unit.pk)
    total = certificates_for_bundle(
        unit=unit, course=course, issued_from=issued_from, issued_to=issued_to
    ).count()
    if not total:
        logger.info(
            "certificate bundle empty user=%s unit=%s course=%s from=%s to=%s",
            by.pk, unit.pk, course.pk, issued_from, issued_to,
        )  # fmt: skip
        raise BundleEmpty
    now = timezone.now()
    bundle = CertificateBundle.objects.create(
        requested_by=by,
        created_at=now,
        expires_at=now + dt.timedelta(days=BUNDLE_KEEP_DAYS),
        unit=unit,
        unit_name=unit.name,
        course=course,
        course_title=course.title,
        issued_from=issued_from,
        issued_to=issued_to,
        total=total,
    )
    logger.info(
        "certificate bundle queued id=%s user=%s unit=%s course=%s from=%s to=%s total=%s",
        bundle.pk, by.pk, unit.pk, course.pk, issued_from, issued_to, total,
    )  # fmt: skip
    return bundle


def _entry_name(certificate: Certificate) -> str:
    """``kursusbeviser/<medarbejdernr>-<navn>-<kode>.pdf`` in plain ASCII (unzips anywhere);
    the code makes it unique."""
    name = certificate.holder_name.translate(_TRANSLITERATE)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:60] or "bevis"
    number = re.sub(r"[^A-Za-z0-9]+", "", certificate.holder.employee_number or "")
    prefix = f"{number}-" if number else ""
    return f"kursusbeviser/{prefix}{slug}-{certificate.code_display}.pdf"


def _pdf_write(
    archive: zipfile.ZipFile, name: str, certificate: Certificate, template: CertificateTemplate
) -> bool:
    """Write the stored PDF if it is current (copied in chunks), else render one now without
    storing it; returns True when rendered. PDFs are compressed already: stored, not deflated."""
    from .pdf import certificate_pdf_render

    if not certificate_pdf_outdated(certificate=certificate):
        try:
            source = certificate.pdf.open("rb")
        except OSError:
            logger.info(
                "certificate pdf missing id=%s, rendering it for the bundle", certificate.pk
            )
        else:
            with source, archive.open(name, "w") as target:
                shutil.copyfileobj(source, target, 64 * 1024)
            return False
    data = certificate_pdf_render(certificate_content(certificate=certificate, template=template))
    archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return True


def _index_row(certificate: Certificate, name: str, today: dt.date) -> list[str]:
    status = certificate.status_on(today)
    return row_safe(
        [
            certificate.holder_name,
            certificate.holder.employee_number or "",
            certificate.course_title,
            timezone.localdate(certificate.completed_at).isoformat(),
            timezone.localdate(certificate.issued_at).isoformat(),
            certificate.code_display,
            certificate.valid_until.isoformat() if certificate.valid_until else "",
            str(Certificate.Status(status).label),
            name,
        ]
    )


def _progress(bundle_id: int, done: int) -> None:
    CertificateBundle.objects.filter(pk=bundle_id).update(progress=done)


def _zip_write(bundle: CertificateBundle, folder: Path) -> tuple[Path, int, int]:
    """Write the ZIP into ``folder``; returns (path, certificates, rendered)."""
    assert bundle.unit is not None and bundle.course is not None  # noqa: S101 - checked by caller
    certificates = certificates_for_bundle(
        unit=bundle.unit,
        course=bundle.course,
        issued_from=bundle.issued_from,
        issued_to=bundle.issued_to,
    ).only(
        "id", "code", "holder_name", "course_title", "completed_at", "issued_at", "valid_until",
        "revoked_at", "pdf", "pdf_rendered_at", "holder__employee_number",
    )  # fmt: skip
    template = certificate_template_current()
    today = timezone.localdate()
    zip_path, index_path = folder / "bundle.zip", folder / INDEX_NAME
    done = rendered = 0
    # utf-8-sig: the BOM that makes Excel read the file as UTF-8; ";" as Danish Excel expects.
    with (
        open(index_path, "w", encoding="utf-8-sig", newline="") as index,
        zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_STORED) as archive,
    ):
        writer = csv.writer(index, delimiter=";", lineterminator="\r\n")
        writer.writerow(INDEX_HEADER)
        for certificate in certificates.iterator(chunk_size=BATCH):
            name = _entry_name(certificate)
            rendered += _pdf_write(archive, name, certificate, template)
            writer.writerow(_index_row(certificate, name, today))
            done += 1
            if done % BATCH == 0:
                _progress(bundle.pk, done)
        index.close()
        archive.write(index_path, INDEX_NAME, compress_type=zipfile.ZIP_DEFLATED)
    return zip_path, done, rendered


def bundle_build(*, bundle_id: int) -> CertificateBundle | None:
    """Build the bundle's ZIP and store it. Idempotent: a bundle already done (or failed) is
    left alone; a retry after a crash (still ``running``) builds it again from the start and
    replaces any file of the earlier attempt. Progress is written every BATCH certificates.

    Storage and database errors propagate (the task retries); anything else fails the bundle
    with a log line. Returns the bundle, or None when it no longer exists."""
    claimed = CertificateBundle.objects.filter(
        pk=bundle_id, status__in=[CertificateBundle.Status.QUEUED, CertificateBundle.Status.RUNNING]
    ).update(status=CertificateBundle.Status.RUNNING, progress=0)
    bundle = CertificateBundle.objects.select_related("unit", "course").filter(pk=bundle_id).first()
    if bundle is None or not claimed:
        logger.info("certificate bundle id=%s gone or finished already, not built", bundle_id)
        return bundle
    if bundle.unit is None or bundle.course is None:
        logger.warning("certificate bundle id=%s failed: unit or course deleted", bundle_id)
        return bundle_fail(bundle_id=bundle_id)
    started = timezone.now()
    old_name = bundle.file.name if bundle.file else ""
    with tempfile.TemporaryDirectory(prefix="paragraf-zip-") as tmp:
        try:
            zip_path, done, rendered = _zip_write(bundle, Path(tmp))
        except OSError:
            raise  # storage or disk trouble: the task retries
        except Exception:
            logger.exception("certificate bundle id=%s failed while writing the ZIP", bundle_id)
            return bundle_fail(bundle_id=bundle_id)
        size = zip_path.stat().st_size
        with open(zip_path, "rb") as handle:
            # A random name: the file is fetched through the view, never by its name.
            bundle.file.save(f"{code_generate().lower()}.zip", File(handle), save=False)
    if old_name and old_name != bundle.file.name:
        bundle.file.storage.delete(old_name)
    bundle.status = CertificateBundle.Status.DONE
    bundle.progress = bundle.total = done
    bundle.size = size
    bundle.finished_at = timezone.now()
    bundle.save(update_fields=["file", "status", "progress", "total", "size", "finished_at"])
    logger.info(
        "certificate bundle built id=%s certificates=%s rendered=%s bytes=%s seconds=%.1f",
        bundle.pk, done, rendered, size, (bundle.finished_at - started).total_seconds(),
    )  # fmt: skip
    return bundle


def bundle_fail(*, bundle_id: int) -> CertificateBundle | None:
    """Mark the bundle failed unless it is done (its status page says so in Danish)."""
    CertificateBundle.objects.filter(pk=bundle_id).exclude(
        status=CertificateBundle.Status.DONE
    ).update(status=CertificateBundle.Status.FAILED, finished_at=timezone.now())
    return CertificateBundle.objects.filter(pk=bundle_id).first()


def bundles_purge(*, now: dt.datetime | None = None) -> int:
    """Delete bundles past ``expires_at`` and their files; returns how many. A file already
    gone is no error."""
    now = now or timezone.now()
    purged = 0
    for bundle in CertificateBundle.objects.filter(expires_at__lte=now).only("id", "file"):
        if bundle.file:
            bundle.file.storage.delete(bundle.file.name)
        bundle.delete()
        purged += 1
    if purged:
        logger.info("certificate bundles purged count=%s", purged)
    return purged
