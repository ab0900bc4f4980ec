"""Login lockout (django-axes) and the client address behind the reverse proxy: every login
form is covered, a guessing attacker cannot lock a colleague out, a forged X-Forwarded-For is
ignored, twelve guesses at once reach the password check only five times, and HR can unlock."""

from __future__ import annotations

import threading
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from people.models import AuditEvent, User
from tests.certificates.conftest import certificate_for

PROXY = "10.9.9.9"  # the reverse proxy every request arrives from


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.PARAGRAF_BEHIND_PROXY = True
    settings.PARAGRAF_PROXY_HOPS = 1


def login(client, username, password, *, forwarded=None, remote=PROXY, path="/log-ind/"):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(path, {"username": username, "password": password}, **headers)


def test_the_wagtail_admin_login_is_locked_out_too(client, hr):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "hr", "forkert", path="/admin/login/").status_code == 200
    assert login(client, "hr", "forkert", path="/admin/login/").status_code == 429  # the fifth
    response = login(client, "hr", "pw", path="/admin/login/")
    assert response.status_code == 429
    assert "For mange forsøg på at logge ind" in response.content.decode()


def test_behind_the_proxy_an_attacker_cannot_lock_a_colleague_out(behind_proxy, client, learner):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        login(client, "medarbejder", "forkert", forwarded="10.20.0.66")  # the attacker
    assert login(client, "medarbejder", "forkert", forwarded="10.20.0.66").status_code == 429
    colleague = login(Client(), "medarbejder", "pw", forwarded="10.20.0.7")
    assert colleague.status_code == 302


def test_without_the_proxy_setting_a_forged_header_is_ignored(client, learner):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "medarbejder", "forkert", forwarded=f"10.30.0.{n}", remote="10.20.0.66")
    # A fresh forged address does not give the attacker a fresh count.
    response = login(client, "medarbejder", "pw", forwarded="10.30.0.99", remote="10.20.0.66")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "10.20.0.66"


def test_an_address_the_client_prepends_is_ignored_over_one_trusted_hop(
    behind_proxy, client, learner
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client writes its own X-Forwarded-For; the proxy appends the real address.
        login(client, "medarbejder", "forkert", forwarded=f"1.2.3.{n}, 10.20.0.66")
    response = login(client, "medarbejder", "pw", forwarded="1.2.3.250, 10.20.0.66")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "10.20.0.66"


def test_the_certificate_verification_limit_counts_each_client_behind_the_proxy(
    behind_proxy, client, learner, tree
):
    from tests.factories import course

    certificate = certificate_for(learner, course(title="Kursus", modules=1, lessons=1))
    url = f"/certifikater/{certificate.code}/"
    for _ in range(30):
        assert (
            client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.40.0.1").status_code == 200
        )
    assert client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.40.0.1").status_code == 429
    other = client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.40.0.2")
    assert other.status_code == 200  # the rest of the city behind the same proxy is not blocked


def test_hr_sees_the_lockout_and_unlocks_it_with_an_audit_line(client, hr, learner, groups):
    from people.services import roles_ensure

    roles_ensure()
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, "medarbejder", "forkert", remote="10.20.0.66")
    client.force_login(hr)
    page = client.get("/admin/laaste-logins/").content.decode()
    assert "medarbejder" in page and "10.20.0.66" in page
    attempt = AccessAttempt.objects.get()
    response = client.post(f"/admin/laaste-logins/{attempt.pk}/laas-op/", follow=True)
    assert "medarbejder kan logge ind igen" in response.content.decode()
    assert login(Client(), "medarbejder", "pw", remote="10.20.0.66").status_code == 302
    assert AuditEvent.objects.filter(actor=hr, what__startswith="låste login op").exists()


def test_a_learner_cannot_see_or_unlock_lockouts(client, learner, outsider):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "udenfor", "forkert", remote="10.20.0.66")
    client.force_login(learner)
    assert client.get("/admin/laaste-logins/").status_code in (302, 403)
    attempt = AccessAttempt.objects.get()
    client.post(f"/admin/laaste-logins/{attempt.pk}/laas-op/")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_guesses_at_once_reach_the_password_check_exactly_five_times(learner, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("parallel requests need PostgreSQL (SQLite writes one at a time)")
    checked = []
    original = User.check_password

    def counting(self, raw):
        checked.append(raw)
        time.sleep(0.05)  # a password hash takes time; widen the race window
        return original(self, raw)

    monkeypatch.setattr(User, "check_password", counting)
    barrier = threading.Barrier(12)
    statuses: list[int] = []

    def guess():
        try:
            barrier.wait(timeout=10)
            statuses.append(
                login(Client(), "medarbejder", "forkert", remote="10.20.0.66").status_code
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(checked) == settings.AXES_FAILURE_LIMIT, statuses
    # Four wrong passwords are answered with the form, the fifth and every later try with the
    # lockout page.
    assert statuses.count(200) == settings.AXES_FAILURE_LIMIT - 1
    assert statuses.count(429) == 12 - settings.AXES_FAILURE_LIMIT + 1
