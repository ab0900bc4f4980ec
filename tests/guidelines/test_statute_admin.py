"""What jurists see and do when a cited act has a newer version; what others cannot do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from guidelines.eli_fixtures import FIXTURES, FixtureServer, answers_from_folder
from guidelines.models import ReviewItem, StatuteProvision
from guidelines.statute_watch import statutes_check

pytestmark = pytest.mark.usefixtures("admin_access")


@pytest.fixture
def flagged(cited, settings):
    """The fixture server's newer FVL has been found: lesson A is in Gennemsyn."""
    settings.PARAGRAF_RETSINFORMATION_FEED_PATH = "/eli/feed"
    settings.PARAGRAF_RETSINFORMATION_BACKOFF = 0.01
    StatuteProvision.objects.filter(pk=cited["provision"].pk).update(
        eli="/eli/lta/2014/433", eli_date=dt.date(2014, 4, 22)
    )
    section = cited["guideline"].sections.get(key="AG-UDE-1")
    section.body = (
        "<p>Inden afslag partshører vi efter <strong>forvaltningsloven § 19</strong>.</p>"
    )
    section.save()
    with FixtureServer(answers_from_folder(FIXTURES / "newer-fvl", feed_path="/eli/feed")) as s:
        statutes_check(now=timezone.now(), base_url=s.url)
    cited["provision"].refresh_from_db()
    return cited


def test_jurist_sees_the_lovaendring_in_gennemsyn_and_the_mark_on_the_provision(
    client, jurist, flagged
):
    client.force_login(jurist)
    html = client.get(reverse("guidelines_admin:review_queue")).content.decode()
    assert "Gangbanen" in html and "lovændring" in html and "LBK nr 9001 af 02/01/2026" in html
    listing = client.get(reverse("wagtailsnippets_guidelines_statuteprovision:list"))
    assert "ny version siden 2. januar 2026" in listing.content.decode()
    page = client.get(
        reverse("guidelines_admin:provision_citations", args=[flagged["provision"].pk])
    )
    assert "Bekræft ny version" in page.content.decode()


def test_the_confirmation_page_names_the_new_act_and_the_sections_citing_the_provision(
    client, jurist, flagged
):
    client.force_login(jurist)
    url = reverse("guidelines_admin:provision_confirm", args=[flagged["provision"].pk])
    html = client.get(url).content.decode()
    assert "LBK nr 9001 af 02/01/2026" in html
    assert "AG-UDE-1" in html and "AG-UDE-3" not in html
    assert 'value="/eli/lta/2026/9001"' in html


def test_confirming_updates_the_eli_and_date_and_is_logged(client, jurist, flagged):
    client.force_login(jurist)
    provision = flagged["provision"]
    url = reverse("guidelines_admin:provision_confirm", args=[provision.pk])
    response = client.post(url, {"eli": "/eli/lta/2026/9001", "eli_date": "2026-01-02"})
    assert response.status_code == 302
    provision.refresh_from_db()
    assert (provision.eli, provision.eli_date) == ("/eli/lta/2026/9001", dt.date(2026, 1, 2))
    assert provision.changed_since is None and provision.pending_change is None
    entry = ModelLogEntry.objects.get(action="guidelines.statute_confirm")
    assert entry.user == jurist and entry.data["before"]["eli"] == "/eli/lta/2014/433"
    # The lesson still has to be revised: confirming the provision does not close its review.
    assert ReviewItem.objects.get().status == ReviewItem.Status.OPEN


def test_a_bad_eli_is_refused_with_a_danish_message_and_nothing_changes(client, jurist, flagged):
    client.force_login(jurist)
    provision = flagged["provision"]
    url = reverse("guidelines_admin:provision_confirm", args=[provision.pk])
    response = client.post(url, {"eli": "LBK 9001/2026", "eli_date": "2026-01-02"})
    assert response.status_code == 200
    assert "/eli/lta/&lt;år&gt;/&lt;nummer&gt;" in response.content.decode()
    provision.refresh_from_db()
    assert provision.eli == "/eli/lta/2014/433" and provision.changed_since is not None


def test_marking_as_not_affected_keeps_the_eli_closes_the_review_and_is_logged(
    client, jurist, flagged
):
    client.force_login(jurist)
    provision = flagged["provision"]
    client.post(reverse("guidelines_admin:provision_dismiss", args=[provision.pk]))
    provision.refresh_from_db()
    assert provision.eli == "/eli/lta/2014/433" and provision.changed_since is None
    item = ReviewItem.objects.get()
    assert (item.status, item.resolution) == (
        ReviewItem.Status.CLOSED,
        ReviewItem.Resolution.STATUTE_NOT_AFFECTED,
    )
    assert ModelLogEntry.objects.filter(action="guidelines.statute_dismiss", user=jurist).exists()


def test_a_second_answer_changes_nothing(client, jurist, flagged):
    client.force_login(jurist)
    provision = flagged["provision"]
    client.post(reverse("guidelines_admin:provision_dismiss", args=[provision.pk]))
    response = client.post(
        reverse("guidelines_admin:provision_confirm", args=[provision.pk]),
        {"eli": "/eli/lta/2026/9001", "eli_date": "2026-01-02"},
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.eli == "/eli/lta/2014/433"
    assert ModelLogEntry.objects.filter(action__startswith="guidelines.statute_").count() == 1


@pytest.mark.parametrize("name", ["provision_confirm", "provision_dismiss"])
@pytest.mark.parametrize("who", ["hr", "learner", "outsider"])
def test_only_jurists_may_confirm_or_dismiss(client, request, flagged, name, who):
    client.force_login(request.getfixturevalue(who))
    provision = flagged["provision"]
    url = reverse(f"guidelines_admin:{name}", args=[provision.pk])
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"eli": "/eli/lta/2026/9001", "eli_date": "2026-01-02"})
    assert response.status_code in (302, 403)
    # Refused: 403, Wagtail's redirect to the dashboard, or the login page (not the listing).
    assert response.status_code == 403 or not response["Location"].startswith(
        reverse("wagtailsnippets_guidelines_statuteprovision:list")
    )
    provision.refresh_from_db()
    assert provision.eli == "/eli/lta/2014/433" and provision.changed_since is not None
    assert not ModelLogEntry.objects.filter(action__startswith="guidelines.statute_").exists()
