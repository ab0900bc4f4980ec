"""Authoring fixtures: a second jurist who approves, the seeded workflow and page permissions."""

from __future__ import annotations

import pytest

from authoring.services import four_eyes_workflow_ensure
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
    """The roles as every install has them: jurists and approvers author, HR uses its reports."""
    roles_ensure()


@pytest.fixture
def workflow(tree, admin_permissions):
    return four_eyes_workflow_ensure()
