from __future__ import annotations

import pytest

from compliance.models import Requirement
from tests.factories import RequirementFactory, course


def requirement(course_page, **fields) -> Requirement:
    """A requirement to take ``course_page`` (``units=[...]`` to narrow it)."""
    return RequirementFactory(course=course_page, **fields)


@pytest.fixture
def onboarding(tree):
    return course("Onboarding", modules=1, lessons=1)


@pytest.fixture
def onboarding_requirement(onboarding):
    return requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)


@pytest.fixture
def hr_admin(hr, groups):
    """HR with access to the Wagtail admin and the requirement permissions, as seed_demo gives."""
    from people.services import roles_ensure

    roles_ensure()
    return hr
