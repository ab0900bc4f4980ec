"""The production stack on real services: gunicorn + whitenoise with hashed, compressed static
files on PostgreSQL, and /healthz checking PostgreSQL and Redis."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings

from tests.services.conftest import skip_without_services
from tests.services.procs import gunicorn, http_get, manage, production_env

pytestmark = skip_without_services

HTTPS = {"X-Forwarded-Proto": "https"}


def test_healthz_reports_database_and_broker_when_both_answer(client, live_db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


@pytest.fixture(scope="module")
def production_server(service_db, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stack")
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{service_db}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
    )
    result = manage("collectstatic", "--noinput", "-v0", env=env, timeout=300)
    assert result.returncode == 0, result.stderr  # the manifest build resolves every CSS url()
    with gunicorn(env, workers=2) as port:
        yield port


def test_gunicorn_serves_hashed_compressed_static_files_from_the_manifest(production_server):
    status, _, body = http_get(production_server, "/log-ind/", HTTPS)
    assert status == 200
    css = re.search(r'href="(/static/dkfds/css/dkfds\.min\.[0-9a-f]{12}\.css)"', body.decode())
    assert css, "the page links the hashed stylesheet"
    status, headers, _ = http_get(
        production_server, css.group(1), {**HTTPS, "Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    assert "immutable" in headers["cache-control"]


def test_healthz_through_gunicorn_checks_postgresql_and_redis(production_server):
    status, _, body = http_get(production_server, "/healthz")
    assert status == 200
    assert json.loads(body) == {"database": "ok", "broker": "ok"}
