"""Reads for authoring: what is due for legal review, and for whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from guidelines.models import GuidelinePage
from people.models import OrgUnit, User
from quizzes.models import QuestionCategory

#: Items whose next review is within this many days are "due"; before today they are "overdue".
DUE_WITHIN_DAYS = 30

STATUS_OVERDUE = "overdue"
STATUS_DUE = "due"
STATUS_LABELS = {STATUS_OVERDUE: _("Overskredet"), STATUS_DUE: _("Snart")}


@dataclass(frozen=True)
class ReviewItem:
    """One course, guideline or question category whose review date is due or passed."""

    obj: models.Model
    kind: str
    title: str
    responsible: User | None
    owner_unit: OrgUnit | None
    next_review_date: dt.date
    status: str
    edit_url: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def responsible_name(self) -> str:
        return self.responsible.get_full_name() if self.responsible else ""

    @property
    def owner_unit_name(self) -> str:
        return self.owner_unit.name if self.owner_unit else ""

    @property
    def admin_link(self) -> str:
        return settings.PARAGRAF_BASE_URL + self.edit_url

    @property
    def is_overdue(self) -> bool:
        return self.status == STATUS_OVERDUE


def _page_edit_url(obj: models.Model) -> str:
    return reverse("wagtailadmin_pages:edit", args=[obj.pk])


def _snippet_edit_url(obj: models.Model) -> str:
    # register_snippet sets snippet_viewset on the model class at startup; no stub knows it.
    viewset = obj.snippet_viewset  # type: ignore[attr-defined]
    return reverse(viewset.get_url_name("edit"), args=[obj.pk])


def _sources() -> list[tuple[models.QuerySet, str, Callable[[models.Model], str]]]:
    return [
        (
            CoursePage.objects.select_related("responsible", "owner_unit"),
            str(_("Kursus")),
            _page_edit_url,
        ),
        (
            GuidelinePage.objects.select_related("responsible", "owner_unit"),
            str(_("Administrationsgrundlag")),
            _page_edit_url,
        ),
        (
            QuestionCategory.objects.select_related("responsible", "parent"),
            str(_("Spørgsmålskategori")),
            _snippet_edit_url,
        ),
    ]


def review_items(
    *,
    today: dt.date,
    within_days: int = DUE_WITHIN_DAYS,
    responsible: User | None = None,
    owner_unit: OrgUnit | None = None,
    status: str | None = None,
) -> list[ReviewItem]:
    """Everything due for review by ``today + within_days``, overdue first then by date.

    One query per content family (courses, guidelines, question categories), whatever the
    number of items. ``owner_unit`` matches the unit and every unit below it.
    """
    horizon = today + dt.timedelta(days=within_days)
    date_filter = models.Q(next_review_date__lte=horizon)
    if status == STATUS_OVERDUE:
        date_filter = models.Q(next_review_date__lt=today)
    elif status == STATUS_DUE:
        date_filter = models.Q(next_review_date__gte=today, next_review_date__lte=horizon)
    items: list[ReviewItem] = []
    for queryset, kind, edit_url in _sources():
        queryset = queryset.filter(date_filter)
        has_unit = any(f.name == "owner_unit" for f in queryset.model._meta.fields)
        if responsible is not None:
            queryset = queryset.filter(responsible=responsible)
        if owner_unit is not None:
            if not has_unit:
                continue
            queryset = queryset.filter(
                owner_unit__path__startswith=owner_unit.path,
                owner_unit__depth__gte=owner_unit.depth,
            )
        for obj in queryset:
            items.append(
                ReviewItem(
                    obj=obj,
                    kind=kind,
                    title=getattr(obj, "title", None) or str(obj),
                    responsible=obj.responsible,
                    owner_unit=getattr(obj, "owner_unit", None) if has_unit else None,
                    next_review_date=obj.next_review_date,
                    status=STATUS_OVERDUE if obj.next_review_date < today else STATUS_DUE,
                    edit_url=edit_url(obj),
                )
            )
    items.sort(key=lambda item: (item.next_review_date, item.kind, item.title))
    return items


def review_recipients(*, item: ReviewItem, unit_managers: dict[int, list[User]]) -> list[User]:
    """Who is told about an item: its responsible jurist, else the managers of its owning unit."""
    if item.responsible is not None:
        return [item.responsible] if item.responsible.is_active and item.responsible.email else []
    if item.owner_unit is not None:
        return unit_managers.get(item.owner_unit.pk, [])
    return []


def unit_managers_by_unit(*, items: Iterable[ReviewItem]) -> dict[int, list[User]]:
    """Active managers with an e-mail address of the units owning the given items (one query)."""
    unit_ids = {item.owner_unit.pk for item in items if item.owner_unit and not item.responsible}
    result: dict[int, list[User]] = {}
    if not unit_ids:
        return result
    for user in User.objects.filter(
        org_unit_id__in=unit_ids, is_manager=True, is_active=True
    ).exclude(email=""):
        assert user.org_unit_id is not None  # filtered on org_unit_id__in above
        result.setdefault(user.org_unit_id, []).append(user)
    return result
