"""HR's notice log in the Wagtail admin: one person's notices (what they received and their
manager's digests about them). ``NoticeReport`` is the table; compliance subclasses it for the
notices of one assignment, so this app never names an assignment."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from people.audit import audit_log
from people.models import User

from .selectors import hr_may_see_person, notices_about_person


@method_decorator(never_cache, name="dispatch")
class NoticeReport(ReportView):
    """A paginated table of notices about ``self.person``; subclasses set the queryset and
    the URL names. Only HR of the person's administration gets it (403 for everybody else)."""

    header_icon = "mail"
    paginate_by = 50
    list_export: list[str] = []
    columns = [
        Column("subject", label=_("Emne")),
        Column("get_kind_display", label=_("Slags")),
        Column("recipient_name", label=_("Modtager")),
        Column("queued_at", label=_("Sat i kø")),
        Column("sent_at", label=_("Sendt")),
        Column("get_status_display", label=_("Status")),
        Column("attempts", label=_("Forsøg")),
        Column("failure_text", label=_("Fejl")),
    ]
    audit_what = "Beskeder"

    def person_for(self, **kwargs) -> User:
        raise NotImplementedError

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.person = self.person_for(**kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not hr_may_see_person(viewer=request.user, person=self.person):
            raise PermissionDenied
        audit_log(actor=request.user, action="view", what=self.audit_what, subject=self.person)
        return super().dispatch(request, *args, **kwargs)

    def decorate_paginated_queryset(self, object_list):
        for notice in object_list:
            notice.recipient_name = notice.recipient.get_full_name() or notice.recipient.username
            notice.failure_text = notice.get_failure_display() if notice.failure else ""
        return object_list


class PersonNoticeReport(NoticeReport):
    index_url_name = "notices_person"
    index_results_url_name = "notices_person_results"

    def person_for(self, **kwargs) -> User:
        return get_object_or_404(User.objects.select_related("org_unit"), pk=kwargs["person_id"])

    @property
    def page_title(self):
        return _("Beskeder: %(name)s") % {
            "name": self.person.get_full_name() or self.person.username
        }

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.person.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.person.pk])

    def get_queryset(self):
        return notices_about_person(person=self.person)
