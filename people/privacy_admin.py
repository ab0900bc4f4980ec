"""Admin pieces of the privacy feature: HR's person-data export and the audit log viewer.

Imported by this app's ``wagtail_hooks`` module, which Wagtail loads at start.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from people.admin_menu import RoleMenuItem
from people.admin_views import audit_event_viewset
from people.roles import may

from . import privacy_views


@hooks.register("register_admin_urls")
def person_data_urls():
    return [
        path("persondata/", privacy_views.hr_person_search, name="paragraf_person_search"),
        path(
            "persondata/<int:user_id>/<str:fmt>/",
            privacy_views.hr_person_export,
            name="paragraf_person_export",
        ),
    ]


@hooks.register("register_admin_menu_item")
def person_data_menu_item():
    return RoleMenuItem(
        _("Persondata"),
        reverse("paragraf_person_search"),
        icon_name="lock",
        order=960,
        check=may("people.export_personal_data"),
    )


@hooks.register("register_admin_viewset")
def audit_viewset():
    return audit_event_viewset
