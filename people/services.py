"""Writes about people and units that are not the HR import."""

from __future__ import annotations

from django.contrib.auth.models import Group

from .models import OrgUnit
from .roles import APPROVER, HR, JURIST, LEARNER, MANAGER


def roles_ensure() -> dict[str, Group]:
    """Create the role groups if they are missing; returns them by name."""
    return {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (LEARNER, MANAGER, HR, JURIST, APPROVER)
    }


def org_unit_ensure(
    *, code: str, name: str, unit_type: str = "", parent: OrgUnit | None
) -> OrgUnit:
    """Return the unit with ``code``, creating it under ``parent`` if it does not exist."""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is not None:
        return unit
    fields = {"code": code, "name": name, "unit_type": unit_type}
    if parent is None:
        return OrgUnit.add_root(**fields)
    parent.refresh_from_db()
    return parent.add_child(**fields)
