"""Permissions come from a person's own grants and their groups', read in one query."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from people.models import User
from tests.factories import UserFactory


def _perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@pytest.fixture
def granted():
    person = UserFactory(username="rettigheder")
    person.user_permissions.add(_perm("add_orgunit"))
    group = Group.objects.create(name="Læsere")
    group.permissions.add(_perm("view_orgunit"))
    person.groups.add(group)
    return User.objects.get(pk=person.pk)  # no permission cache yet


@pytest.mark.django_db
def test_own_and_group_permissions_are_read_in_one_query(granted, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert granted.has_perm("people.add_orgunit")  # own grant
        assert granted.has_perm("people.view_orgunit")  # through the group
        assert not granted.has_perm("people.delete_orgunit")
    assert granted.get_all_permissions() == {"people.add_orgunit", "people.view_orgunit"}


@pytest.mark.django_db
def test_someone_deactivated_has_no_permissions(granted):
    granted.is_active = False
    assert not granted.has_perm("people.add_orgunit")
    assert granted.get_all_permissions() == set()


@pytest.mark.django_db
def test_leaving_the_group_takes_its_permissions_away(granted):
    granted.groups.clear()
    fresh = User.objects.get(pk=granted.pk)
    assert fresh.get_all_permissions() == {"people.add_orgunit"}
    assert fresh.get_group_permissions() == set()
