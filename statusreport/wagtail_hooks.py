"""The status report's admin page and its item in the Reports menu (HR)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from people.admin_menu import RoleMenuItem

from . import views


@hooks.register("register_admin_urls")
def status_report_admin_urls():
    return [path("statusrapport/", views.status_report, name="status_report")]


@hooks.register("register_reports_menu_item")
def status_report_menu_item():
    return RoleMenuItem(
        _("Statusrapport til udvalget"),
        reverse("status_report"),
        name="status-report",
        icon_name="doc-full",
        order=95,
        check=views.may_see_status_report,
    )
