"""The four role groups and what each may do in the Wagtail admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LEARNER = "Medarbejder"
MANAGER = "Leder"
HR = "HR"
JURIST = "Jurist"
APPROVER = "Juridisk godkender"

ROLE_LABELS = {
    LEARNER: _("Medarbejder"),
    MANAGER: _("Leder"),
    HR: _("HR"),
    JURIST: _("Jurist"),
    APPROVER: _("Juridisk godkender"),
}


def user_has_role(user, role: str) -> bool:
    """True when the user is a superuser or in the named group (cached per request object)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return role in group_names(user)


def group_names(user) -> frozenset[str]:
    """The names of the user's groups (one query, then cached on the user object)."""
    cache = getattr(user, "_paragraf_roles", None)
    if cache is None:
        cache = frozenset(user.groups.values_list("name", flat=True))
        user._paragraf_roles = cache
    return cache


def is_hr(user) -> bool:
    return user_has_role(user, HR)


def is_jurist(user) -> bool:
    return user_has_role(user, JURIST) or user_has_role(user, APPROVER)
