"""HR's admin screens of the people app: the read-only audit log (who viewed or exported whose
data) and the HR-file upload (preview, confirm, cancel; only the uploader sees an upload)."""

from __future__ import annotations

import uuid
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from .hr_imports import (
    ImportKind,
    hr_import_cancel,
    hr_import_confirm,
    hr_import_create,
    hr_upload_max_bytes,
    import_kind,
)
from .models import AuditEvent, HRImport
from .tasks import hr_import_load_task, hr_import_preview_task


class HRReadOnlyPolicy(BasePermissionPolicy):
    """HR may look; nobody may add, change or delete an audit row through the admin."""

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and user.has_perm("people.view_auditevent")

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from .models import User

        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="view_auditevent",
                groups__permissions__content_type__app_label="people",
            ),
            is_active=True,
        ).distinct()

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


# --- HR import: upload → preview (task) → confirm → load (task) -----------------------------


class HRUploadForm(forms.Form):
    """The upload of one kind of HR file (``ImportKind``): its label, help and formats."""

    file = forms.FileField()
    format = forms.ChoiceField(label=_("Format"))

    def __init__(self, *args, kind: ImportKind, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = kind.upload_label
        self.fields["file"].help_text = kind.help_text
        labels = dict(HRImport.Format.choices)
        self.fields["format"].choices = [(f, labels[f]) for f in kind.formats]  # type: ignore[attr-defined]
        self.fields["format"].initial = kind.formats[0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = hr_upload_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("Filen er for stor. Den må højst fylde %(mb)d MB.")
                % {"mb": limit // (1024 * 1024)}
            )
        return upload


def _hr_only(request) -> None:
    if not request.user.has_perm("people.add_hrimport"):
        raise PermissionDenied


def _own_import(request, token: str) -> HRImport:
    """The import named by ``token`` if the user uploaded it; 404 otherwise (also for a token
    that is not a UUID), so nobody learns whether another person's import exists."""
    try:
        key = uuid.UUID(str(token))
    except ValueError:
        raise Http404 from None
    return get_object_or_404(HRImport, token=key, uploaded_by=request.user)


@never_cache
def hr_import(request, kind: str = HRImport.Kind.EMPLOYEES):
    """Upload a file of ``kind``: it is stored and its preview computed by a task; off to the
    status page."""
    _hr_only(request)
    import_type = import_kind(kind)
    form = HRUploadForm(request.POST or None, request.FILES or None, kind=import_type)
    if request.method == "POST" and form.is_valid():
        record = hr_import_create(
            upload=form.cleaned_data["file"],
            fmt=form.cleaned_data["format"],
            by=request.user,
            kind=kind,
        )
        transaction.on_commit(partial(hr_import_preview_task.delay, record.pk))
        return redirect("people_hr_import_status", record.token)
    recent = HRImport.objects.filter(uploaded_by=request.user, kind=kind)[:10]
    return TemplateResponse(
        request,
        "people/admin/hr_import.html",
        {
            "form": form,
            "recent": recent,
            "kind": import_type,
            "max_mb": hr_upload_max_bytes() // (1024 * 1024),
        },
    )


@never_cache
def hr_import_status(request, token: str):
    """The preview, the progress while a task works (the page refreshes itself), or the result."""
    _hr_only(request)
    record = _own_import(request, token)
    return TemplateResponse(
        request,
        "people/admin/hr_import_status.html",
        {"record": record, "kind": import_kind(record.kind)},
    )


@never_cache
def hr_import_progress(request, token: str):
    """The status as JSON for the progress script."""
    _hr_only(request)
    record = _own_import(request, token)
    return JsonResponse(
        {
            "status": record.status,
            "label": str(record.get_status_display()),
            "progress": record.progress,
            "working": record.is_working,
        }
    )


@never_cache
@require_POST
def hr_import_confirm_view(request, token: str):
    _hr_only(request)
    record = _own_import(request, token)
    if hr_import_confirm(record=record, by=request.user):
        transaction.on_commit(partial(hr_import_load_task.delay, record.pk))
    else:
        messages.error(request, gettext("Forhåndsvisningen kan ikke længere bekræftes."))
    return redirect("people_hr_import_status", record.token)


@never_cache
@require_POST
def hr_import_cancel_view(request, token: str):
    _hr_only(request)
    record = _own_import(request, token)
    if hr_import_cancel(record=record, by=request.user):
        messages.success(request, gettext("Indlæsningen er annulleret, og filen er slettet."))
    else:
        messages.error(request, gettext("Indlæsningen kan ikke længere annulleres."))
    return redirect(import_kind(record.kind).upload_url_name)
