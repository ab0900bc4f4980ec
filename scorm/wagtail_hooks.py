"""SCORM-pakker in the admin: a ModelViewSet guarded by model permissions (jurists add and
change packages; nobody deletes one a step may use)."""

from __future__ import annotations

from django.db.models import Max
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from courses.models import CoursePage

from . import export_views
from .forms import ScormPackageForm
from .models import ScormPackage


class ScormPackageViewSet(ModelViewSet):
    model = ScormPackage
    icon = "doc-full-inverse"
    menu_label = _("SCORM-pakker")
    menu_order = 240
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("latest_version", label=_("Nyeste version")),
        "created_at",
    ]
    search_fields = ["title"]
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return ScormPackageForm

    def get_queryset(self, request):
        # The newest version number in the same query as the list (no query per row).
        return ScormPackage.objects.annotate(latest_version=Max("versions__number"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ScormPackageViewSet("scorm_packages")


@hooks.register("register_admin_urls")
def register_export_urls():
    return [path("scorm-eksport/<int:page_id>/", export_views.course_export, name="scorm_export")]


@hooks.register("register_page_header_buttons")
def course_export_button(page, user, view_name, next_url=None):
    """ "Eksportér som SCORM" on a course, for those who may edit it."""
    if page.specific_class is CoursePage and export_views.may_export(user, page):
        yield Button(
            _("Eksportér som SCORM 1.2"),
            reverse("scorm_export", args=[page.pk]),
            icon_name="download",
            priority=90,
        )
