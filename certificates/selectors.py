"""Reads about certificates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .codes import code_normalise
from .models import Certificate

if TYPE_CHECKING:
    from people.models import User


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


def certificates_by_course(*, user: User) -> dict[int, Certificate]:
    """The person's newest certificate per course id (one query), for the dashboard."""
    result: dict[int, Certificate] = {}
    for certificate in certificates_of_holder(user=user):
        if certificate.course_id is not None:
            result.setdefault(certificate.course_id, certificate)
    return result
