"""Reads about certificates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from .codes import code_normalise
from .models import Certificate, CertificateBundle

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import QuerySet

    from courses.models import CoursePage
    from people.models import OrgUnit, User


def certificate_by_code(*, raw_code: str) -> Certificate | None:
    """The certificate for a typed or scanned code; None for malformed, wrong-check or unknown
    codes. A malformed code or a wrong check character costs no query."""
    code = code_normalise(raw_code)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def certificates_of_holder(*, user: User) -> list[Certificate]:
    """The person's certificates, newest first (one query)."""
    if not user.is_authenticated:
        return []
    return list(Certificate.objects.filter(holder=user).order_by("-completed_at", "-id"))


def certificate_holders(*, course: CoursePage | None, user_ids: Iterable[int]) -> set[int]:
    """Of ``user_ids``, those holding a certificate for ``course`` that is not revoked (one
    query). Quizzes ask this through a hook when a regrade turns a pass into a fail."""
    if course is None:
        return set()
    return set(
        Certificate.objects.filter(
            course=course, holder_id__in=list(user_ids), revoked_at__isnull=True
        ).values_list("holder_id", flat=True)
    )


@dataclass
class UnprovenCertificate:
    certificate: Certificate
    #: Danish reasons: the quiz steps without a passed attempt, or the missing course run.
    reasons: list[str]


def certificates_without_proof() -> Iterator[UnprovenCertificate]:
    """Valid (not revoked) certificates whose course run does not prove the course: a quiz step
    recorded without a passed, graded attempt, or no course run at all. One query for the
    certificates, then a few per certificate (this is an audit, run by hand)."""
    from courses.selectors import run_unearned_steps

    certificates = (
        Certificate.objects.filter(revoked_at__isnull=True)
        .select_related("holder", "course_run__user")
        .order_by("issued_at", "pk")
    )
    for certificate in certificates.iterator(chunk_size=500):
        run = certificate.course_run
        if run is None:
            yield UnprovenCertificate(certificate, [_("intet gennemført kursusforløb")])
            continue
        unearned = run_unearned_steps(run=run)
        if unearned:
            yield UnprovenCertificate(
                certificate,
                [_("“%(quiz)s” uden bestået forsøg") % {"quiz": page.title} for page in unearned],
            )


def certificates_for_bundle(
    *, unit: OrgUnit, course: CoursePage, issued_from: dt.date, issued_to: dt.date
) -> QuerySet[Certificate]:
    """Certificates of ``course`` held by people now in ``unit``'s subtree and issued from
    ``issued_from`` to ``issued_to`` (local dates, both included), revoked ones too, in the
    order of the bundle's index (course, holder name, issue time). A queryset, no query yet;
    the holder comes along (one join)."""
    start = timezone.make_aware(dt.datetime.combine(issued_from, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(issued_to + dt.timedelta(days=1), dt.time.min))
    return (
        Certificate.objects.filter(
            course=course,
            holder__org_unit__path__startswith=unit.path,
            issued_at__gte=start,
            issued_at__lt=end,
        )
        .select_related("holder")
        .order_by("holder_name", "issued_at", "pk")
    )


def bundles_of(*, user: User) -> list[CertificateBundle]:
    """The person's own bundles not yet deleted, newest first (one query, at most 20)."""
    return list(
        CertificateBundle.objects.filter(requested_by=user, expires_at__gt=timezone.now()).order_by(
            "-created_at", "-id"
        )[:20]
    )
