"""Wagtail admin screens for jurists: the review queue, guideline changes (mark material or
editorial) and where each guideline section or provision is taught and tested."""

from __future__ import annotations

import logging
from typing import cast

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from people.models import User
from people.spreadsheets import SafeSpreadsheetExportMixin

from .models import GuidelineChange, GuidelinePage, ReviewItem, StatuteProvision
from .selectors import guideline_cited_by, provision_cited_by
from .services import ChangeAlreadyDecided, guideline_change_decide

logger = logging.getLogger(__name__)


def may_review(user) -> bool:
    return user.has_perm("guidelines.change_reviewitem")


def may_see_changes(user) -> bool:
    return user.has_perm("guidelines.view_guidelinechange")


def _require(check, request: HttpRequest) -> None:
    if not check(request.user):
        logger.warning(
            "refused guideline admin view user=%s path=%s", request.user.pk, request.path
        )
        raise PermissionDenied


# --- Review queue ---------------------------------------------------------------------------


class ReviewItemFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=ReviewItem.Status.choices
    )
    reason = django_filters.ChoiceFilter(
        label=gettext_lazy("Årsag"), choices=ReviewItem.Reason.choices
    )
    change__kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Vurdering"), choices=GuidelineChange.Kind.choices
    )
    change__page = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Administrationsgrundlag"),
        queryset=lambda request: GuidelinePage.objects.order_by("title"),
    )
    source_content_type = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Indholdstype"),
        queryset=lambda request: ContentType.objects.filter(
            pk__in=ReviewItem.objects.values("source_content_type")
        ),
    )

    class Meta:
        model = ReviewItem
        fields = ["status", "reason", "change__kind", "change__page", "source_content_type"]


class ReviewQueueView(SafeSpreadsheetExportMixin, ReportView):
    """Lessons and questions to review after a guideline change; CSV/XLSX from Wagtail."""

    file_stem = "gennemsyn"

    page_title = gettext_lazy("Gennemsyn efter ændrede administrationsgrundlag")
    header_icon = "tasks"
    index_url_name = "guidelines_admin:review_queue"
    index_results_url_name = "guidelines_admin:review_queue_results"
    filterset_class = ReviewItemFilterSet
    columns = [
        TitleColumn(
            "source_title",
            label=gettext_lazy("Indhold"),
            get_url=lambda item: item.edit_url,
        ),
        Column("source_kind", label=gettext_lazy("Type")),
        Column("section_key", label=gettext_lazy("Afsnit")),
        Column("reason_label", label=gettext_lazy("Årsag")),
        TitleColumn(
            "guideline_title",
            label=gettext_lazy("Ændring"),
            get_url=lambda item: item.change_url,
        ),
        Column("kind_label", label=gettext_lazy("Vurdering")),
        Column("status_label", label=gettext_lazy("Status")),
        DateColumn("opened_at", label=gettext_lazy("Oprettet")),
    ]
    list_export = [
        "source_title",
        "source_kind",
        "section_key",
        "reason_label",
        "guideline_title",
        "kind_label",
        "status_label",
        "opened_at",
        "closed_at",
    ]
    export_headings = {
        "source_title": gettext_lazy("Indhold"),
        "source_kind": gettext_lazy("Type"),
        "section_key": gettext_lazy("Afsnit"),
        "reason_label": gettext_lazy("Årsag"),
        "guideline_title": gettext_lazy("Administrationsgrundlag"),
        "kind_label": gettext_lazy("Vurdering"),
        "status_label": gettext_lazy("Status"),
        "opened_at": gettext_lazy("Oprettet"),
        "closed_at": gettext_lazy("Lukket"),
    }

    def dispatch(self, request, *args, **kwargs):
        _require(may_review, request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return ReviewItem.objects.select_related(
            "change", "change__page", "statute_change"
        ).order_by("status", "-opened_at", "-id")

    def decorate_paginated_queryset(self, object_list):
        finder = AdminURLFinder(self.request.user)
        items = list(object_list)
        for item in items:
            content_type = ContentType.objects.get_for_id(item.source_content_type_id)
            model = content_type.model_class()
            item.source_kind = str(content_type.name)
            item.edit_url = finder.get_edit_url(model(pk=item.source_object_id)) if model else None
            item.reason_label = item.get_reason_display()
            item.status_label = item.get_status_display()
            if item.statute_change_id:  # a newer act of a cited statute
                change = item.statute_change
                item.kind_label = change.get_kind_display()
                item.guideline_title = f"{change.title_short or change.title} ({change.date or ''})"
                item.change_url = change.url
                continue
            item.kind_label = item.change.get_kind_display()
            item.guideline_title = item.change.page.title
            item.change_url = f"{_change_url(item.change_id)}"
        return items


def _change_url(change_id: int) -> str:
    from django.urls import reverse

    return reverse("guidelines_admin:change", args=[change_id])


# --- Guideline changes ----------------------------------------------------------------------


def change_index(request: HttpRequest) -> HttpResponse:
    _require(may_see_changes, request)
    changes = GuidelineChange.objects.select_related("page", "decided_by").order_by(
        "-published_at", "-id"
    )[:200]
    return render(
        request,
        "guidelines/admin/change_index.html",
        {
            "changes": changes,
            "page_title": _("Ændringer af administrationsgrundlag"),
            "header_icon": "history",
        },
    )


def change_detail(request: HttpRequest, change_id: int) -> HttpResponse:
    _require(may_see_changes, request)
    change = get_object_or_404(
        GuidelineChange.objects.select_related("page", "decided_by", "published_by"),
        pk=change_id,
    )
    finder = AdminURLFinder(request.user)
    items = []
    for item in change.review_items.order_by("section_key", "source_title"):
        model = ContentType.objects.get_for_id(item.source_content_type_id).model_class()
        edit_url = finder.get_edit_url(model(pk=item.source_object_id)) if model else None
        items.append((item, edit_url))
    order = {"removed": 0, "changed": 1, "added": 2, "moved": 3}
    sections = sorted(change.diff.values(), key=lambda d: (order.get(d["status"], 9), d["key"]))
    return render(
        request,
        "guidelines/admin/change_detail.html",
        {
            "change": change,
            "sections": sections,
            "items": items,
            "may_decide": may_review(request.user),
            "actions": _change_actions(change),
            "page_title": _("Ændring af %(title)s") % {"title": change.page.title},
            "header_icon": "history",
        },
    )


def _change_actions(change: GuidelineChange) -> list[tuple[str, str]]:
    """Buttons other apps put on a change's page (label, URL) through the Wagtail hook
    ``guideline_change_actions``; compliance adds "Opret genopfriskning" for a material change."""
    actions = (hook(change) for hook in hooks.get_hooks("guideline_change_actions"))
    return [action for action in actions if action]


@require_POST
def change_decide(request: HttpRequest, change_id: int) -> HttpResponse:
    _require(may_review, request)
    change = get_object_or_404(GuidelineChange, pk=change_id)
    kind = request.POST.get("kind", "")
    if kind not in (GuidelineChange.Kind.MATERIAL, GuidelineChange.Kind.EDITORIAL):
        logger.warning("invalid change decision change=%s kind=%r", change.pk, kind)
        messages.error(request, _("Vælg enten væsentlig eller redaktionel ændring."))
        return redirect("guidelines_admin:change", change.pk)
    try:
        change = guideline_change_decide(change=change, kind=kind, user=cast(User, request.user))
    except ChangeAlreadyDecided:
        logger.warning("change already decided change=%s kind=%r", change.pk, kind)
        messages.error(
            request,
            _("Ændringen er allerede vurderet som %(kind)s.") % {"kind": change.get_kind_display()},
        )
        return redirect("guidelines_admin:change", change.pk)
    messages.success(
        request, _("Ændringen er markeret som %(kind)s.") % {"kind": change.get_kind_display()}
    )
    return redirect("guidelines_admin:change", change.pk)


# --- Where a guideline or provision is taught and tested -------------------------------------


def citation_panels(
    request: HttpRequest, targets: list[tuple[str, int]]
) -> dict[tuple[str, int], str]:
    """(kind, pk) → HTML from the apps that know more about a provision or section than where it
    is cited (findings' "Jura i praksis" figures). Guidelines does not import them (layers): each
    registers ``paragraf_citation_panels``, a function (request, targets) → {target: html},
    called once for all the targets of a page."""
    panels: dict[tuple[str, int], str] = {}
    for hook in hooks.get_hooks("paragraf_citation_panels"):
        for target, html in (hook(request, targets) or {}).items():
            panels[target] = panels.get(target, "") + html
    return panels


def guideline_citations(request: HttpRequest, page_id: int) -> HttpResponse:
    _require(may_see_changes, request)
    page = get_object_or_404(GuidelinePage, pk=page_id)
    sections = list(page.sections.all())
    cited_by = guideline_cited_by(page=page, request=request)
    panels = citation_panels(request, [("section", section.pk) for section in sections])
    rows = [
        (section, cited_by.get(section.pk), panels.get(("section", section.pk), ""))
        for section in sections
    ]
    return render(
        request,
        "guidelines/admin/guideline_citations.html",
        {
            "page": page,
            "rows": rows,
            "page_title": _("Hvor %(title)s undervises og testes") % {"title": page.title},
            "header_icon": "openquote",
        },
    )


def provision_citations(request: HttpRequest, provision_id: int) -> HttpResponse:
    _require(may_see_changes, request)
    provision = get_object_or_404(StatuteProvision, pk=provision_id)
    return render(
        request,
        "guidelines/admin/provision_citations.html",
        {
            "provision": provision,
            "may_confirm": request.user.has_perm("guidelines.change_statuteprovision"),
            "cited_by": provision_cited_by(provision=provision, request=request),
            "panel": citation_panels(request, [("provision", provision.pk)]).get(
                ("provision", provision.pk), ""
            ),
            "page_title": _("Hvor %(ref)s undervises og testes") % {"ref": provision.reference},
            "header_icon": "openquote",
        },
    )
