"""The demo: after `send_reminders`, medarbejder's Beskeder page and HR's log of them show it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from notices.models import Notice
from people.models import User


@pytest.mark.django_db
def test_send_reminders_in_the_demo_fills_medarbejders_beskeder_and_hrs_log(
    settings, client, django_capture_on_commit_callbacks
):
    settings.PARAGRAF_ALLOW_DEMO = True
    call_command("seed_demo", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())
    medarbejder = User.objects.get(username="medarbejder")
    mine = Notice.objects.filter(recipient=medarbejder)
    assert mine.filter(status=Notice.Status.SENT).exists()
    before = Notice.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())
    assert Notice.objects.count() == before  # running it twice sends nothing new

    client.force_login(medarbejder)
    page = client.get(reverse("my-notices")).content.decode()
    assert "Husk: Obligatorisk onboarding for nye medarbejdere" in page
    client.force_login(User.objects.get(username="hr"))
    log = client.get(reverse("notices_person", args=[medarbejder.pk]))
    assert log.status_code == 200
    assert "Husk: Obligatorisk onboarding for nye medarbejdere" in log.content.decode()
