"""Authoring fixtures: a second jurist who approves, the seeded workflow and page permissions."""

from __future__ import annotations

import pytest

from demo.authoring import workflow_ensure
from people.roles import APPROVER, JURIST, LEARNER
from people.services import roles_ensure
from tests.factories import UserFactory


@pytest.fixture
def approver(units, groups):
    user = UserFactory(username="jurist2", org_unit=units["tmf"], is_staff=True, job_title="Jurist")
    user.groups.add(groups[LEARNER], groups[JURIST], groups[APPROVER])
    return user


@pytest.fixture(autouse=True)
def admin_permissions(tree, groups):
    """The demo's role permissions: jurists and approvers use the admin, HR only its reports."""
    _home, courses_index, guidelines_index = tree
    roles_ensure()


@pytest.fixture
def workflow(tree, admin_permissions):
    _home, courses_index, guidelines_index = tree
    return workflow_ensure(courses_index=courses_index, guidelines_index=guidelines_index)
