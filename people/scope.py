"""Which org units a member of staff (HR) may see: their own administration.

HR works for a whole forvaltning, not for the team their own position sits in: a person's scope
is the subtree of the top unit above their own unit (one path prefix, so one indexed query). A
superuser sees every unit; staff without a unit see none. This says *where* someone may look;
*whether* they may look at all is a permission the caller checks (``people.roles.may``).
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import OrgUnit, User


def _top_path(user: User) -> str | None:
    unit = user.org_unit if user.org_unit_id is not None else None
    return None if unit is None else unit.path[: OrgUnit.steplen]


def units_visible(*, user: User) -> QuerySet[OrgUnit]:
    """The units ``user`` may see, in tree order (a queryset; no query until evaluated)."""
    units = OrgUnit.objects.order_by("path")
    if user.is_superuser:
        return units
    top = _top_path(user)
    return units.none() if top is None else units.filter(path__startswith=top)


def unit_visible(*, user: User, unit: OrgUnit) -> bool:
    """Whether ``unit`` (and so its whole subtree) lies within what ``user`` may see (no query
    beyond reading the user's own unit)."""
    if user.is_superuser:
        return True
    top = _top_path(user)
    return top is not None and unit.path.startswith(top)
