"""The dashboard in the admin (HR), its menu item, the admin home panel, and the team panel that
compliance's ``/mit-team/`` asks for through its hook."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from people.admin_menu import RoleMenuItem

from . import views
from .panels import TeamOverviewPanel, home_panel_for


@hooks.register("register_admin_urls")
def overview_admin_urls():
    return [path("overblik/", views.dashboard, name="overview_dashboard")]


@hooks.register("register_reports_menu_item")
def overview_menu_item():
    return RoleMenuItem(
        _("Overblik over overholdelse"),
        reverse("overview_dashboard"),
        name="overview-dashboard",
        icon_name="view",
        order=90,
        check=views.may_see_dashboard,
    )


@hooks.register("construct_homepage_panels")
def overview_home_panel(request, panels):
    if not views.may_see_dashboard(request.user):
        return
    panel = home_panel_for(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("paragraf_team_panels")
def overview_team_panel(request, unit):
    return TeamOverviewPanel(unit)
