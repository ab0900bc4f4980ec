"""Delivery of one queued notice over SMTP, and which failures are worth another try."""

from __future__ import annotations

import logging
import smtplib
import socket

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .models import Notice

logger = logging.getLogger(__name__)


class NoticeTemporaryFailure(Exception):
    """The mail server could not take the message now; the task tries again later."""


def smtp_error_is_temporary(exc: BaseException) -> bool:
    """True for what a later try may cure: a dropped or refused connection, a timeout, or an SMTP
    4xx answer. 5xx answers (bad recipient, refused message, failed login) are permanent."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    if isinstance(exc, smtplib.SMTPException):
        return False
    return isinstance(exc, ConnectionError | TimeoutError | socket.timeout | OSError)


def _message(notice: Notice, to: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject=notice.subject, body=notice.body_text, to=[to])
    if notice.body_html:
        message.attach_alternative(notice.body_html, "text/html")
    return message


def _finish(notice: Notice, **fields) -> None:
    for name, value in fields.items():
        setattr(notice, name, value)
    notice.save(update_fields=[*fields])


def notice_deliver(*, notice_id: int, last_try: bool) -> str:
    """Send a queued notice and record the outcome; returns the new status.

    The row is locked while sending (one UPDATE-locking SELECT), so a task delivered twice sends
    once; a notice already sent or failed is left alone. A temporary failure records "nyt
    forsøg" and raises ``NoticeTemporaryFailure`` for the task to retry, unless ``last_try``:
    then, as for a permanent failure, the notice is "fejlet" with the reason."""
    temporary: BaseException | None = None
    with transaction.atomic():
        notice = (
            # of=("self",): the recipient is an outer join (nullable), which PostgreSQL won't lock
            Notice.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notice_id)
        ).first()
        if notice is None:
            logger.warning(
                "notice id=%s to send no longer exists (deleted with its person)", notice_id
            )
            return "missing"
        if notice.status in (Notice.Status.SENT, Notice.Status.FAILED):
            logger.info("notice id=%s already %s; nothing sent", notice.pk, notice.status)
            return notice.status
        attempts = notice.attempts + 1
        address = notice.recipient.email if notice.recipient is not None else ""
        if not address:
            logger.warning(
                "notice failed id=%s kind=%s recipient=%s: recipient has no e-mail address",
                notice.pk,
                notice.kind,
                notice.recipient_id,
            )
            _finish(
                notice,
                status=Notice.Status.FAILED,
                failure=Notice.Failure.NO_ADDRESS,
                attempts=attempts,
                last_error="recipient has no e-mail address",
                body_text="",
                body_html="",
            )
            return notice.status
        try:
            _message(notice, address).send()
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"[:500]
            if smtp_error_is_temporary(exc) and not last_try:
                logger.warning(
                    "notice send failed, will retry id=%s kind=%s recipient=%s attempt=%d: %s",
                    notice.pk,
                    notice.kind,
                    notice.recipient_id,
                    attempts,
                    detail,
                )
                _finish(
                    notice,
                    status=Notice.Status.RETRYING,
                    failure=Notice.Failure.TEMPORARY,
                    attempts=attempts,
                    last_error=detail,
                )
                temporary = exc
            else:
                failure = (
                    Notice.Failure.GAVE_UP
                    if smtp_error_is_temporary(exc)
                    else Notice.Failure.REFUSED
                )
                logger.error(
                    "notice failed for good id=%s kind=%s recipient=%s attempt=%d reason=%s: %s",
                    notice.pk,
                    notice.kind,
                    notice.recipient_id,
                    attempts,
                    failure,
                    detail,
                )
                _finish(
                    notice,
                    status=Notice.Status.FAILED,
                    failure=failure,
                    attempts=attempts,
                    last_error=detail,
                    body_text="",
                    body_html="",
                )
        else:
            _finish(
                notice,
                status=Notice.Status.SENT,
                failure=Notice.Failure.NONE,
                attempts=attempts,
                sent_at=timezone.now(),
                last_error="",
                body_text="",
                body_html="",
            )
            logger.info(
                "notice sent id=%s kind=%s recipient=%s attempt=%d",
                notice.pk,
                notice.kind,
                notice.recipient_id,
                attempts,
            )
    if temporary is not None:
        raise NoticeTemporaryFailure(str(temporary)) from temporary
    return notice.status
