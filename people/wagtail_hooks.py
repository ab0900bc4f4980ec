"""The HR-import screen in the Wagtail admin (URLs under /admin/hr-import/, a menu item for HR)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import admin_views
from .admin_menu import RoleMenuItem
from .roles import may


@hooks.register("register_admin_urls")
def people_admin_urls():
    return [
        path("hr-import/", admin_views.hr_import, name="people_hr_import"),
        path(
            "hr-import/<str:token>/", admin_views.hr_import_status, name="people_hr_import_status"
        ),
        path(
            "hr-import/<str:token>/status.json",
            admin_views.hr_import_progress,
            name="people_hr_import_progress",
        ),
        path(
            "hr-import/<str:token>/bekraeft/",
            admin_views.hr_import_confirm_view,
            name="people_hr_import_confirm",
        ),
        path(
            "hr-import/<str:token>/annuller/",
            admin_views.hr_import_cancel_view,
            name="people_hr_import_cancel",
        ),
    ]


@hooks.register("register_admin_menu_item")
def hr_import_menu_item():
    return RoleMenuItem(
        _("Indlæs HR-data"),
        reverse("people_hr_import"),
        icon_name="upload",
        order=260,
        check=may("people.add_hrimport"),
    )


from . import privacy_admin  # noqa: E402, F401  (the privacy screens register their own hooks)
