"""A session ends after 8 idle hours, and 14 days after signing in however active; the admin
too."""

from __future__ import annotations

import time

import pytest

from paragraf.security import LAST_SEEN_AT, SIGNED_IN_AT

HOUR = 3600


def _set(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


@pytest.mark.parametrize("url", ["/mine-kurser/", "/admin/"])
def test_eight_idle_hours_sign_the_person_out(client, hr, url):
    client.force_login(hr)
    assert client.get("/mine-kurser/").status_code == 200
    _set(client, **{LAST_SEEN_AT: int(time.time()) - 8 * HOUR - 1})
    response = client.get(url)
    assert response.status_code == 302 and "log" in response["Location"].lower()
    assert "_auth_user_id" not in client.session


def test_activity_within_eight_hours_keeps_the_session(client, learner):
    client.force_login(learner)
    client.get("/mine-kurser/")
    _set(client, **{LAST_SEEN_AT: int(time.time()) - 7 * HOUR})
    assert client.get("/mine-kurser/").status_code == 200
    assert client.session[LAST_SEEN_AT] >= int(time.time()) - 5  # the request counted


def test_fourteen_days_after_signing_in_the_session_ends_however_active(client, learner):
    client.force_login(learner)
    client.get("/mine-kurser/")
    now = int(time.time())
    _set(client, **{SIGNED_IN_AT: now - 14 * 24 * HOUR - 1, LAST_SEEN_AT: now - 60})
    assert client.get("/mine-kurser/").status_code == 302
    assert "_auth_user_id" not in client.session
