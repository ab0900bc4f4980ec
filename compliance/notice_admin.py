"""HR's notice log of one assignment (its reminders and the manager digests that listed it),
a view over the notices app's table: notices knows no assignment, compliance names it."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notices.admin_views import NoticeReport
from notices.selectors import notices_about_object
from people.models import User

from .models import Assignment


class AssignmentNoticeReport(NoticeReport):
    index_url_name = "compliance_assignment_notices"
    index_results_url_name = "compliance_assignment_notices_results"
    audit_what = "Beskeder om en tildeling"

    def person_for(self, **kwargs) -> User:
        self.assignment = get_object_or_404(
            Assignment.objects.select_related("person__org_unit", "requirement"),
            pk=kwargs["assignment_id"],
        )
        return self.assignment.person

    @property
    def page_title(self):
        return _("Beskeder: %(requirement)s, runde %(cycle)s for %(name)s") % {
            "requirement": self.assignment.requirement.name,
            "cycle": self.assignment.cycle,
            "name": self.person.get_full_name() or self.person.username,
        }

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.assignment.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.assignment.pk])

    def get_queryset(self):
        return notices_about_object(obj=self.assignment)
