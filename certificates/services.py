"""Writes about certificates: issue on completion, render the PDF, re-issue, revoke."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Site

from people.audit import audit_log
from people.models import AuditEvent

from .codes import code_generate
from .models import Certificate, CertificateTemplate
from .signals import certificate_issued
from .validity import valid_until_for

if TYPE_CHECKING:
    from courses.models import CourseRun
    from people.models import User

    from .pdf import CertificateContent

logger = logging.getLogger(__name__)

_CODE_ATTEMPTS = 5


class CertificateNotIssuable(Exception):
    """The run is not completed (or vanished), so no certificate may be issued."""


def certificate_template_current() -> CertificateTemplate:
    """The default site's template (created with its defaults on first use)."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return CertificateTemplate()
    return CertificateTemplate.for_site(site)


def certificate_issue_for_run(*, run: CourseRun) -> tuple[Certificate, bool]:
    """The certificate for a completed run, created if missing; returns (certificate, created).

    Idempotent: a retried or duplicated call returns the existing certificate. The one-to-one
    on ``course_run`` settles a race between two workers; a code collision (2^-55) is retried.
    """
    if run.completed_at is None or run.source == run.Source.IMPORT:
        # An imported completion keeps the old system's certificate number; none is invented.
        raise CertificateNotIssuable(run.pk)
    existing = Certificate.objects.filter(course_run=run).first()
    if existing is not None:
        return existing, False
    holder = run.user
    course = run.course
    for _attempt in range(_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=code_generate(),
                    holder=holder,
                    holder_name=holder.get_full_name() or holder.username,
                    course=course,
                    course_title=course.title,
                    course_run=run,
                    completed_at=run.completed_at,
                )
                certificate_issued.send(sender=Certificate, certificate=certificate)
        except IntegrityError:
            existing = Certificate.objects.filter(course_run=run).first()
            if existing is not None:
                return existing, False
            continue  # the code collided; draw another
        logger.info(
            "certificate issued id=%s holder=%s course=%s run=%s",
            certificate.pk, holder.pk, course.pk, run.pk,
        )  # fmt: skip
        return certificate, True
    raise RuntimeError(f"no free certificate code after {_CODE_ATTEMPTS} attempts")


def certificate_cycle_attach(*, certificate: Certificate, run: CourseRun) -> bool:
    """Attach the compliance cycle that ``run`` completed to its certificate. Idempotent.

    The cycle is the person's completed assignment of a requirement for the run's course with
    the run's completion time (compliance completes it in the run's own transaction, so it is
    there when the certificate task runs after commit). Its requirement's recurrence sets
    ``valid_until``, and any PDF is marked outdated. Returns True when a cycle was attached;
    False (at most one query, no write) when the certificate has one or the run completed none.
    """
    from compliance.models import Assignment, Status

    if certificate.assignment_id is not None:
        return False
    assignment = (
        Assignment.objects.select_related("requirement")
        .filter(
            person_id=run.user_id,
            requirement__course_id=run.course_id,
            status=Status.COMPLETED,
            completed_at=run.completed_at,
            certificate__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    if assignment is None:
        return False
    attached = Certificate.objects.filter(pk=certificate.pk, assignment__isnull=True).update(
        assignment=assignment,
        valid_until=valid_until_for(assignment=assignment),
        # Any PDF was rendered before the validity was known: mark it outdated.
        pdf_rendered_at=None,
    )
    certificate.refresh_from_db()
    if attached:
        logger.info(
            "certificate id=%s for cycle assignment=%s valid_until=%s",
            certificate.pk, assignment.pk, certificate.valid_until,
        )  # fmt: skip
    return bool(attached)


def certificate_content(
    *, certificate: Certificate, template: CertificateTemplate
) -> CertificateContent:
    # reportlab and segno (with .pdf) cost a few MB per web process; only rendering loads them.
    from .pdf import CertificateContent

    return CertificateContent(
        heading=template.heading,
        intro=template.intro,
        holder_name=certificate.holder_name,
        body=template.body,
        course_title=certificate.course_title,
        completed_on=timezone.localdate(certificate.completed_at),
        valid_until=certificate.valid_until,
        code_display=certificate.code_display,
        verification_url=certificate.get_verification_url(),
        footer=template.footer,
        signatory_name=template.signatory_name,
        signatory_title=template.signatory_title,
        logo=template.logo,
        signature=template.signature,
    )


def certificate_render(
    *, certificate: Certificate, template: CertificateTemplate | None = None
) -> Certificate:
    """Render the PDF with the current template and store it, replacing any previous file."""
    from .pdf import certificate_pdf_render

    template = template or certificate_template_current()
    data = certificate_pdf_render(certificate_content(certificate=certificate, template=template))
    old_name = certificate.pdf.name if certificate.pdf else ""
    # A random file name: media is never served by name to the public, but in DEBUG it is.
    certificate.pdf.save(f"{code_generate().lower()}.pdf", ContentFile(data), save=False)
    certificate.pdf_rendered_at = timezone.now()
    certificate.save(update_fields=["pdf", "pdf_rendered_at"])
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    logger.info("certificate pdf rendered id=%s bytes=%s", certificate.pk, len(data))
    return certificate


def certificate_pdf_outdated(*, certificate: Certificate) -> bool:
    """No PDF yet, or its facts changed since it was rendered (``pdf_rendered_at`` cleared)."""
    return not certificate.pdf or certificate.pdf_rendered_at is None


def certificate_issue_and_render(*, run: CourseRun) -> Certificate:
    """Issue (if needed), attach the compliance cycle the run completed (if any) and render
    (if not current) the run's certificate: one PDF per completion. Idempotent."""
    certificate, _created = certificate_issue_for_run(run=run)
    certificate_cycle_attach(certificate=certificate, run=run)
    if certificate_pdf_outdated(certificate=certificate):
        certificate_render(certificate=certificate)
    return certificate


def certificate_reissue(*, certificate: Certificate, by: User) -> Certificate:
    """A new PDF from the current template; the code (and so the verification URL) stays."""
    certificate_render(certificate=certificate)
    audit_log(
        actor=by,
        action=AuditEvent.Action.CHANGE,
        what=f"kursusbevis {certificate.code_display} genudstedt",
        subject=certificate.holder,
    )
    return certificate


def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> bool:
    """Revoke with a reason; returns False (and changes nothing) if it was already revoked."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is required to revoke a certificate")
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=by, revoked_reason=reason
        )
        if not updated:
            logger.info("certificate already revoked id=%s by=%s", certificate.pk, by.pk)
            return False
        audit_log(
            actor=by,
            action=AuditEvent.Action.CHANGE,
            what=f"kursusbevis {certificate.code_display} tilbagekaldt",
            subject=certificate.holder,
        )
    certificate.refresh_from_db()
    logger.info("certificate revoked id=%s by=%s", certificate.pk, by.pk)
    return True
