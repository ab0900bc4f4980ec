from __future__ import annotations

import datetime as dt

import pytest

from compliance.models import Requirement
from tests.factories import course


def requirement(course_page, **fields) -> Requirement:
    fields.setdefault("name", f"Krav: {course_page.title}")
    fields.setdefault("applies_from", dt.date(2020, 1, 1))
    units = fields.pop("units", [])
    req = Requirement.objects.create(course=course_page, **fields)
    req.units.set(units)
    return req


@pytest.fixture
def onboarding(tree):
    return course("Onboarding", modules=1, lessons=1)


@pytest.fixture
def onboarding_requirement(onboarding):
    return requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)


@pytest.fixture
def hr_admin(hr, groups):
    """HR with access to the Wagtail admin and the requirement permissions, as seed_demo gives."""
    from compliance.demo import hr_permissions_ensure

    hr_permissions_ensure()
    return hr
