"""The admin screens jurists use most are in Danish, also where Wagtail's catalogue is thin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import guideline

pytestmark = pytest.mark.django_db


def test_the_approver_sees_danish_workflow_buttons(client, jurist, approver, workflow):
    page = guideline("AG-DA", sections=1).get_latest_revision_as_object()
    page.title = "Til godkendelse"
    page.save_revision(user=jurist)
    workflow.start(page, jurist)
    client.force_login(approver)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Anmod om ændringer" in html
    assert "Godkend med kommentar" in html
    assert "Request changes" not in html


def test_the_review_report_has_danish_export_buttons(client, jurist):
    client.force_login(jurist)
    html = client.get(reverse("authoring_review_report")).content.decode()
    assert "Hent CSV" in html
    assert "Hent Excel (XLSX)" in html
    assert "Download CSV" not in html
