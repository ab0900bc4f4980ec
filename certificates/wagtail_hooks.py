from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import (
    NAMESPACE,
    CertificateIndexView,
    CertificateInspectView,
    HRPermissionPolicy,
    reissue_view,
    revoke_view,
)
from .bundle_views import certificate_bundle_viewset
from .models import Certificate
from .selectors import certificate_holders


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Alle kursusbeviser")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "holder_name",
        "course_title",
        "completed_at",
        "valid_until",
        "status_label",
        "code_display",
        "issued_at",
        "pdf_rendered_at",
        "revoked_at",
        "revoked_by",
        "revoked_reason",
    ]
    list_display = [
        "holder_name",
        "course_title",
        "completed_at",
        "valid_until",
        Column("status_label", label=_("Status")),
    ]
    search_fields = ["holder_name", "course_title", "code"]
    search_backend_name = None
    ordering = ["-completed_at", "-id"]
    copy_view_enabled = False
    exclude_form_fields = ["pdf"]

    @cached_property
    def permission_policy(self):
        return HRPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", revoke_view, name="revoke"),
            path("reissue/<int:pk>/", reissue_view, name="reissue"),
        ]


certificate_viewset = CertificateViewSet(NAMESPACE)


class CertificatesMenu(ViewSetGroup):
    """Kursusbeviser in the sidebar: the list, and the ZIP of many (bundle_views)."""

    menu_label = _("Kursusbeviser")
    menu_icon = "doc-full-inverse"
    menu_order = 320
    items = (certificate_viewset, certificate_bundle_viewset)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificatesMenu()


@hooks.register("quizzes_regrade_flipped_to_fail")
def regrade_certificate_holders(*, course, user_ids):
    """Quizzes list people whom a regrade or override turned from passed to failed; this says
    which of them hold a certificate for the course, so HR can decide (nothing is revoked)."""
    return certificate_holders(course=course, user_ids=user_ids)
