"""HR's read-only view of the audit log in the Wagtail admin: who viewed or exported whose data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import AuditEvent
from .roles import is_hr


class HRReadOnlyPolicy(BasePermissionPolicy):
    """HR may look; nobody may add, change or delete an audit row through the admin."""

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and is_hr(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from .models import User

        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True, groups__name="HR").distinct()

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return AuditEvent.objects.all()
        return AuditEvent.objects.none()


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Adgangslog")
    menu_name = "audit_log"
    add_to_admin_menu = True
    menu_order = 950
    url_prefix = "adgangslog"
    name = "audit_log"
    list_display = ["at", "actor", "action", "subject", "subject_unit", "what"]
    list_filter = ["action", "at"]
    search_fields = ["what", "actor__username", "subject__username"]
    inspect_view_enabled = True
    # No one can add or change rows (the policy refuses); the form is only declared for Wagtail.
    form_fields = ["action", "what"]
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-at"]
    permission_policy = HRReadOnlyPolicy(AuditEvent)

    def get_queryset(self, request):
        return AuditEvent.objects.select_related("actor", "subject", "subject_unit")


audit_event_viewset = AuditEventViewSet()
