"""Our override of Wagtail's admin base template: the sidebar is cached per person and
language, is rebuilt when what it shows changes, and the rest is Wagtail's own block."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import wagtail
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from people.roles import HR, JURIST
from tests.factories import UserFactory

OURS = Path(__file__).resolve().parents[2] / "site/templates/wagtailadmin/base.html"
WAGTAILS = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/base.html"
SIDEBAR = re.compile(
    r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S
)


def furniture(source: str) -> list[str]:
    block = source[source.index("{% block furniture %}") :]
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_the_override_is_wagtails_block_with_the_sidebar_in_a_cache_fragment():
    ours = [
        line
        for line in furniture(OURS.read_text())
        if not line.startswith(("{% admin_sidebar_key", "{% cache ", "{% endcache"))
    ]
    assert ours == furniture(WAGTAILS.read_text())


@pytest.fixture
def staff_client(client, db):
    access_admin = Permission.objects.get(codename="access_admin")
    for name in (HR, JURIST):
        Group.objects.get_or_create(name=name)[0].permissions.add(access_admin)
    return client


def sidebar(client, url="/admin/") -> str:
    """The sidebar's labels and the person's name, as one text to search."""
    response = client.get(url)
    assert response.status_code == 200
    props = json.loads(SIDEBAR.search(response.content.decode()).group(1))
    return " | ".join(texts(props))


def texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"label", "name"} and isinstance(value, str):
                yield value
            else:
                yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)


def test_one_sidebar_serves_every_admin_page_and_saves_its_queries(
    staff_client, django_assert_max_num_queries
):
    hr = UserFactory(first_name="Hanne")
    hr.groups.add(Group.objects.get(name=HR))
    staff_client.force_login(hr)
    with CaptureQueriesContext(connection) as first:
        first_sidebar = sidebar(staff_client, "/admin/overholdelse/")
    with CaptureQueriesContext(connection) as second:
        assert sidebar(staff_client, "/admin/tildelinger/") == first_sidebar
    assert "Indlæs HR-data" in first_sidebar and "Hanne" in first_sidebar
    permission_queries = [q for q in second.captured_queries if "permission" in q["sql"]]
    assert len(permission_queries) < len(
        [q for q in first.captured_queries if "permission" in q["sql"]]
    )


def test_the_sidebar_changes_with_the_persons_groups_name_and_language(staff_client):
    person = UserFactory(first_name="Jens")
    person.groups.add(Group.objects.get(name=JURIST))
    staff_client.force_login(person)
    as_jurist = sidebar(staff_client)
    assert "Indlæs HR-data" not in as_jurist

    person.groups.add(Group.objects.get(name=HR))
    as_hr = sidebar(staff_client)
    assert "Indlæs HR-data" in as_hr

    person.first_name = "Jensine"
    person.save()
    assert "Jensine" in sidebar(staff_client)

    assert "Rapporter" in as_hr
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "en"
    profile.save()
    assert "Reports" in sidebar(staff_client)

    other = UserFactory(first_name="Karen")
    other.groups.add(Group.objects.get(name=JURIST))
    staff_client.force_login(other)
    assert "Jensine" not in sidebar(staff_client)


def test_the_shortcuts_dialog_follows_the_browser_and_the_persons_choice(staff_client):
    person = UserFactory()
    person.groups.add(Group.objects.get(name=HR))
    staff_client.force_login(person)
    mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15"
    linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"

    def dialog(user_agent: str) -> str:
        html = staff_client.get("/admin/", headers={"user-agent": user_agent}).content.decode()
        return html[html.index('id="keyboard-shortcuts-dialog"') :]

    assert "⌘ + c" in dialog(mac) and "Ctrl + c" in dialog(linux)
    assert "⌘ + c" in dialog(mac)  # served from the cache, still the Mac's labels
    assert "help-info" in dialog(linux)
    profile = UserProfile.get_for_user(person)
    profile.keyboard_shortcuts = False
    profile.save()
    turned_off = dialog(linux)
    assert "help-warning" in turned_off and "help-info" not in turned_off
