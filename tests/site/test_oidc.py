"""Single sign-on against a real OpenID provider (django-oauth-toolkit) running in the live server:
authorization code flow with PKCE, RS256-signed ID tokens checked against the provider's JWKS."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.apps import apps
from django.db import connection
from django.test import Client

from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLIENT_ID = "paragraf-test"
CLIENT_SECRET = "hemmelig-klient-noegle"  # noqa: S105 - a throwaway secret for the test provider
CALLBACK = "http://testserver/oidc/callback/"


def _rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
def provider(live_server, settings):
    """Install django-oauth-toolkit for this test, create its tables, register Paragraf as a
    client and point Paragraf's OIDC settings at the live server."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "oauth2_provider"]
    from oauth2_provider.models import get_application_model

    from tests.site import oidc_provider  # imports the provider's models: only once installed

    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in apps.get_app_config("oauth2_provider").get_models():
            if model._meta.db_table not in existing:
                editor.create_model(model)
    settings.OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": _rsa_pem(),
        "PKCE_REQUIRED": True,
        "SCOPES": {"openid": "OpenID Connect", "email": "E-mail", "profile": "Profil"},
        "OAUTH2_VALIDATOR_CLASS": "tests.site.oidc_provider.DirectoryValidator",
    }
    settings.ROOT_URLCONF = "tests.site.oidc_provider"
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{live_server.url}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{live_server.url}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{live_server.url}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{live_server.url}/o/.well-known/jwks.json"
    settings.AUTHENTICATION_BACKENDS = [
        "people.backends.PermissionsInOneQueryBackend",
        "paragraf.auth.ParagrafOIDCBackend",
    ]
    Application = get_application_model()
    Application.objects.all().delete()
    operator = UserFactory(username="idp-operator", email="", employee_number=None)
    Application.objects.create(
        name="Paragraf",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=CALLBACK,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
        user=operator,
    )
    oidc_provider.DIRECTORY.clear()
    yield oidc_provider.DIRECTORY
    oidc_provider.DIRECTORY.clear()
    # Drop the provider's tables again: on PostgreSQL the test database flush (TRUNCATE) refuses
    # while tables outside INSTALLED_APPS still reference people_user.
    created = [
        model
        for model in apps.get_app_config("oauth2_provider").get_models()
        if model._meta.db_table not in existing
    ]
    with connection.schema_editor() as editor:
        for model in reversed(created):
            editor.delete_model(model)


def _idp_account(directory, username: str, **claims) -> User:
    """An account at the identity provider and the claims it releases (no Paragraf e-mail or
    employee number of its own, so only the claims can match an employee)."""
    account = UserFactory(username=username, email="", employee_number=None)
    directory[username] = claims
    return account


def _sign_in(rp: Client, account: User, start_path: str = "/oidc/authenticate/"):
    """Run the authorization code flow: Paragraf → provider (signed in as ``account``) →
    Paragraf's callback. Returns the callback's response."""
    start = rp.get(start_path)
    assert start.status_code == 302
    authorize = urlsplit(start["Location"])
    assert "code_challenge=" in authorize.query and "nonce=" in authorize.query
    op = Client()
    op.force_login(account)
    grant = op.get(f"{authorize.path}?{authorize.query}")
    assert grant.status_code == 302, grant.content[:500]
    callback = urlsplit(grant["Location"])
    assert callback.path == "/oidc/callback/" and "code=" in callback.query
    return rp.get(f"{callback.path}?{callback.query}")


def test_an_employee_signs_in_by_employee_number(provider, learner):
    account = _idp_account(
        provider, "kk-ab12", employee_number=learner.employee_number, email="x@kk.dk"
    )
    rp = Client()
    response = _sign_in(rp, account)
    assert response.status_code == 302
    assert response["Location"] == "/mine-kurser/"
    assert rp.session["_auth_user_id"] == str(learner.pk)
    assert "Mine kurser" in rp.get("/mine-kurser/").content.decode()


def test_an_employee_signs_in_by_email_when_no_number_is_released(provider, learner):
    account = _idp_account(provider, "kk-cd34", email=learner.email.upper())
    rp = Client()
    _sign_in(rp, account)
    assert rp.session["_auth_user_id"] == str(learner.pk)


def test_an_unknown_person_gets_a_clear_page_and_no_account(provider, learner):
    account = _idp_account(provider, "kk-ef56", email="ukendt@kk.dk", employee_number="999999")
    users_before = User.objects.count()
    rp = Client()
    response = _sign_in(rp, account)
    assert response.status_code == 302
    assert response["Location"] == "/log-ind/sso-fejl/"
    page = rp.get(response["Location"])
    assert page.status_code == 403
    assert "Vi kunne ikke finde dig som medarbejder i Paragraf" in page.content.decode()
    assert "_auth_user_id" not in rp.session
    assert User.objects.count() == users_before


def test_a_refused_sso_login_is_counted_like_a_failed_password(provider, learner):
    from axes.models import AccessAttempt

    account = _idp_account(provider, "kk-ij90", email="ukendt2@kk.dk", employee_number="999998")
    _sign_in(Client(), account)
    attempt = AccessAttempt.objects.get(username__startswith="sso:")
    assert attempt.failures_since_start == 1


def test_a_person_who_has_left_cannot_sign_in(provider, learner):
    User.objects.filter(pk=learner.pk).update(is_active=False)
    account = _idp_account(provider, "kk-gh78", employee_number=learner.employee_number)
    rp = Client()
    response = _sign_in(rp, account)
    assert response["Location"] == "/log-ind/sso-fejl/"
    assert "_auth_user_id" not in rp.session


def test_a_forged_state_is_refused(provider, learner):
    account = _idp_account(provider, "kk-ij90", employee_number=learner.employee_number)
    rp = Client()
    start = urlsplit(rp.get("/oidc/authenticate/")["Location"])
    op = Client()
    op.force_login(account)
    grant = urlsplit(op.get(f"{start.path}?{start.query}")["Location"])
    code = dict(part.split("=", 1) for part in grant.query.split("&"))["code"]
    response = rp.get("/oidc/callback/", {"code": code, "state": "forfalsket"})
    assert response.status_code == 400
    assert "_auth_user_id" not in rp.session


def test_a_callback_without_a_started_login_is_refused(provider, learner):
    rp = Client()
    response = rp.get("/oidc/callback/", {"code": "abc", "state": "xyz"})
    assert response.status_code == 302
    assert response["Location"] == "/log-ind/sso-fejl/"
    assert "_auth_user_id" not in rp.session


def test_the_login_page_offers_sso_and_password_login_still_works(provider, learner):
    rp = Client()
    page = rp.get("/log-ind/?next=/min-data/").content.decode()
    assert "Log ind med fælles login" in page
    assert 'href="/oidc/authenticate/?next=/min-data/"' in page
    response = rp.post("/log-ind/", {"username": "medarbejder", "password": "pw"})
    assert response.status_code == 302
    assert rp.session["_auth_user_id"] == str(learner.pk)


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [("/min-data/", "/min-data/"), ("https://evil.example/", "/mine-kurser/")],
)
def test_sso_follows_a_local_next_and_never_an_off_site_one(provider, learner, next_url, landing):
    account = _idp_account(provider, "kk-kl12", employee_number=learner.employee_number)
    response = _sign_in(Client(), account, f"/oidc/authenticate/?next={next_url}")
    assert response["Location"] == landing
