"""Security headers, session cookies, login lockout, open redirects and hostile input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import course, lessons_of


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_front_end_pages_send_a_strict_content_security_policy(client, db):
    response = client.get("/log-ind/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_the_wagtail_admin_is_left_without_the_front_end_policy(client, db):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" not in response


def test_pages_cannot_be_framed_and_send_referrer_and_nosniff_headers(client, db):
    response = client.get("/log-ind/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_session_cookie_is_http_only_and_same_site(client, learner):
    response = client.post("/log-ind/", {"username": "medarbejder", "password": "pw"})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_production_settings_turn_on_hsts_and_secure_cookies():
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "SESSION_"))
    }
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "PARAGRAF_BASE_URL": "https://paragraf.kk.dk",
            "DJANGO_SETTINGS_MODULE": "paragraf.settings",
        }
    )
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    hsts, session_secure, csrf_secure, httponly, frames = json.loads(out)
    assert hsts >= 31_536_000
    assert session_secure and csrf_secure and httponly
    assert frames == "DENY"


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        ("redis://127.0.0.1:6379/1", "django.contrib.sessions.backends.cached_db"),
        ("", "django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_are_cached_only_in_a_cache_shared_by_every_worker(cache_url, engine):
    """And so are course outlines (courses.outline): a worker must see another's change."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="paragraf.settings", CACHE_URL=cache_url)
    env.pop("PARAGRAF_OUTLINE_CACHE", None)
    code = (
        "from django.conf import settings as s; print(s.SESSION_ENGINE, s.PARAGRAF_OUTLINE_CACHE)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [engine, str(bool(cache_url))]


def _fail(client, username="medarbejder", ip="10.0.0.1"):
    return client.post("/log-ind/", {"username": username, "password": "forkert"}, REMOTE_ADDR=ip)


def test_a_wrong_password_gives_a_danish_message_tied_to_the_fields(client, learner):
    html = _fail(client).content.decode()
    assert "Brugernavn eller adgangskode er forkert" in html
    assert 'aria-describedby="login-error"' in html


def test_login_is_locked_out_after_five_failures_even_with_the_right_password(client, learner):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client)
    response = client.post(
        "/log-ind/", {"username": "medarbejder", "password": "pw"}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "For mange forsøg på at logge ind" in html and "Vent 15 minutter" in html
    assert "_auth_user_id" not in client.session


def test_the_lockout_counts_per_username_and_address(client, learner, outsider):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client)
    other_user = client.post(
        "/log-ind/", {"username": "udenfor", "password": "pw"}, REMOTE_ADDR="10.0.0.1"
    )
    assert other_user.status_code == 302
    client.logout()
    other_address = client.post(
        "/log-ind/", {"username": "medarbejder", "password": "pw"}, REMOTE_ADDR="10.0.0.2"
    )
    assert other_address.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, learner):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail(client)
    assert (
        client.post(
            "/log-ind/", {"username": "medarbejder", "password": "pw"}, REMOTE_ADDR="10.0.0.1"
        ).status_code
        == 302
    )
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail(client)
    assert (
        client.post(
            "/log-ind/", {"username": "medarbejder", "password": "pw"}, REMOTE_ADDR="10.0.0.1"
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
    ],
)
def test_login_never_redirects_off_site(client, learner, target):
    response = client.post(
        "/log-ind/", {"username": "medarbejder", "password": "pw", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mine-kurser/"


def test_login_follows_a_local_next(client, learner):
    response = client.post(
        "/log-ind/", {"username": "medarbejder", "password": "pw", "next": "/min-data/"}
    )
    assert response["Location"] == "/min-data/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_marking_a_lesson_done_never_redirects_off_site(client, learner, tree, target):
    lesson = lessons_of(course(modules=1, lessons=1))[0]
    client.force_login(learner)
    response = client.post(f"/forloeb/trin/{lesson.pk}/gennemfoer/", {"next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_an_oversized_script_bearing_username_is_answered_escaped(client, db):
    payload = "<script>alert(1)</script>" + "x" * 20_000
    response = client.post("/log-ind/", {"username": payload, "password": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_the_login_page_offers_sso_only_when_configured(client, db, settings):
    assert "fælles login" not in client.get("/log-ind/").content.decode()


def test_changing_language_never_redirects_off_site(client, db):
    response = client.post("/sprog/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


SCRIPT = "<script>alert('x')</script>"


def test_script_in_a_name_is_escaped_wherever_the_person_is_shown(client, learner, manager, hr):
    from people.services import roles_ensure
    from tests.factories import site_tree

    _, courses_index, guidelines_index = site_tree()
    roles_ensure()
    type(learner).objects.filter(pk=learner.pk).update(
        first_name=SCRIPT, job_title=(SCRIPT * 50)[:255]
    )
    pages = [
        (manager, "/mit-team/"),
        (hr, f"/admin/persondata/?q={learner.employee_number}"),
        (learner, "/min-data/"),
        (learner, "/mine-kurser/"),
    ]
    for person, path in pages:
        client.force_login(person)
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert SCRIPT not in html, path
        assert "&lt;script&gt;" in html, path


def test_an_oversized_search_is_refused_with_a_message_tied_to_the_field(client, hr, tree):
    from people.services import roles_ensure

    _, courses_index, guidelines_index = tree
    roles_ensure()
    client.force_login(hr)
    html = client.get("/admin/persondata/", {"q": "x" * 5000}).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_q-error"' in html and 'id="id_q-error"' in html
