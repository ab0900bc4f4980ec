"""The production configuration: deploy checks, gunicorn + whitenoise, /healthz, JSON logs."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys

import pytest

from paragraf.health import healthz
from paragraf.jsonlog import JsonFormatter
from tests.services.procs import gunicorn, http_get, manage, production_env


def test_deploy_check_is_clean_with_production_settings_and_a_real_secret():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_catches_an_insecure_override():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SESSION_COOKIE_SECURE="0"),
    )
    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_a_base_url_for_the_qr_codes():
    env = production_env()
    del env["PARAGRAF_BASE_URL"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "PARAGRAF_BASE_URL is required" in result.stderr


def test_deploy_check_fails_when_the_base_url_is_not_https():
    result = manage(
        "check", "--deploy", env=production_env(PARAGRAF_BASE_URL="http://127.0.0.1:8000")
    )
    assert result.returncode != 0
    assert "paragraf.E001" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def production_install(tmp_path_factory):
    """A database migrated and static files collected with production settings (DEBUG off, so
    no demo app): the environment and the database file."""
    tmp = tmp_path_factory.mktemp("prod")
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp / 'prod.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        # The hashed, compressed manifest takes ~30 s to build; the service leg covers it.
        PARAGRAF_MANIFEST_STATIC="0",
    )
    for args in (("migrate", "--noinput", "-v0"), ("collectstatic", "--noinput", "-v0")):
        result = manage(*args, env=env)
        assert result.returncode == 0, result.stderr
    return env, tmp / "prod.sqlite3"


@pytest.fixture(scope="module")
def served(production_install):
    """The production install served by gunicorn."""
    env, _ = production_install
    with gunicorn(env) as port:
        yield port


def _granted(database, sql: str) -> set[tuple[str, str]]:
    with sqlite3.connect(database) as connection:
        return set(connection.execute(sql).fetchall())


def test_a_production_install_has_the_six_roles_with_their_permissions_after_migrate(
    production_install,
):
    from people.roles import ROLE_GRANTS

    _, database = production_install
    model = _granted(
        database,
        "SELECT g.name, ct.app_label || '.' || p.codename FROM auth_group g "
        "JOIN auth_group_permissions gp ON gp.group_id = g.id "
        "JOIN auth_permission p ON p.id = gp.permission_id "
        "JOIN django_content_type ct ON ct.id = p.content_type_id",
    )
    pages = _granted(
        database,
        "SELECT g.name, p.codename FROM wagtailcore_grouppagepermission gpp "
        "JOIN auth_group g ON g.id = gpp.group_id JOIN auth_permission p ON p.id = gpp.permission_id "
        "JOIN wagtailcore_page page ON page.id = gpp.page_id WHERE page.depth = 1",
    )
    collections = _granted(
        database,
        "SELECT g.name, ct.app_label || '.' || p.codename FROM wagtailcore_groupcollectionpermission "
        "gcp JOIN auth_group g ON g.id = gcp.group_id "
        "JOIN auth_permission p ON p.id = gcp.permission_id "
        "JOIN django_content_type ct ON ct.id = p.content_type_id",
    )
    groups = {name for (name,) in _granted(database, "SELECT name FROM auth_group")}
    assert {grant.name for grant in ROLE_GRANTS} <= groups
    assert len(ROLE_GRANTS) == 6
    for grant in ROLE_GRANTS:
        assert {(grant.name, p) for p in grant.permissions} <= model, grant.name
        assert {(grant.name, p) for p in grant.page_permissions} <= pages, grant.name
        assert {(grant.name, p) for p in grant.collection_permissions} <= collections, grant.name
    assert ("HR", "wagtailadmin.access_admin") in model
    assert not {row for row in model if row[0] in ("Medarbejder", "Leder")}


def test_production_settings_do_not_install_the_demo(production_install):
    env, _ = production_install
    result = manage("seed_demo", env=env)
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr


HTTPS = {"X-Forwarded-Proto": "https"}


def test_gunicorn_serves_the_login_page_behind_a_tls_proxy(served):
    status, headers, body = http_get(served, "/log-ind/", HTTPS)
    assert status == 200
    assert "Log ind" in body.decode()
    assert "max-age=31536000" in headers["strict-transport-security"]
    assert "secure" in headers["set-cookie"].lower()  # the CSRF cookie only travels over TLS


def test_gunicorn_redirects_plain_http_to_https(served):
    status, headers, _ = http_get(served, "/log-ind/")
    assert status == 301
    assert headers["location"] == "https://127.0.0.1/log-ind/"


def test_whitenoise_serves_static_files_without_debug(served):
    status, headers, body = http_get(served, "/static/css/paragraf.css", HTTPS)
    assert status == 200
    assert headers["content-type"].startswith("text/css")
    assert len(body) > 100
    status, _, _ = http_get(served, "/static/dkfds/css/dkfds.min.css", HTTPS)
    assert status == 200


def test_healthz_answers_plain_http_for_the_load_balancer(served):
    status, headers, body = http_get(served, "/healthz")
    assert status == 200
    assert json.loads(body) == {"database": "ok"}
    assert "no-cache" in headers["cache-control"]


def test_healthz_reports_the_database_without_a_broker(client, db, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_healthz_is_unavailable_when_the_broker_cannot_be_reached(rf, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    records = _Records()
    logging.getLogger("paragraf.health").addHandler(records)
    try:
        response = healthz(rf.get("/healthz"))
    finally:
        logging.getLogger("paragraf.health").removeHandler(records)
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "broker": "error"}
    assert any("broker check failed" in m for m in records.messages)


def test_healthz_is_unavailable_when_the_database_fails(rf, db, monkeypatch):
    def broken():
        raise RuntimeError("connection refused")

    monkeypatch.setattr("paragraf.health.database_check", broken)
    response = healthz(rf.get("/healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405


def test_json_log_lines_carry_level_logger_message_extras_and_traceback():
    record = logging.LogRecord(
        "compliance.tasks", logging.ERROR, __file__, 1, "fejl %s", ("x",), None
    )
    record.assignment_id = 42
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR"
    assert line["logger"] == "compliance.tasks"
    assert line["message"] == "fejl x"
    assert line["assignment_id"] == 42
    assert "ValueError: boom" in line["exc"]


def test_log_format_json_makes_every_log_line_a_json_object():
    code = (
        "import logging; logging.getLogger('paragraf.x').warning('hej %s', 'Åse', extra={'n': 1})"
    )
    result = manage("shell", "-c", code, env=production_env(LOG_FORMAT="json"))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert {"logger": "paragraf.x", "message": "hej Åse", "n": 1}.items() <= lines[-1].items()


def test_media_is_stored_on_disk_by_default(tmp_path):
    code = "from django.core.files.storage import storages; s = storages['default']; print(type(s).__name__, s.location)"
    result = manage("shell", "-c", code, env=production_env(MEDIA_ROOT=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["FileSystemStorage", str(tmp_path)]


def test_media_storage_backend_and_options_come_from_the_environment(tmp_path):
    # The same switch that selects object storage (e.g. storages.backends.s3.S3Storage with
    # {"bucket_name": ...}); shown here with a backend that is installed everywhere.
    code = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.location, s.base_url)"
    )
    options = json.dumps({"location": str(tmp_path / "bucket"), "base_url": "/filer/"})
    result = manage(
        "shell",
        "-c",
        code,
        env=production_env(
            MEDIA_STORAGE_BACKEND="django.core.files.storage.FileSystemStorage",
            MEDIA_STORAGE_OPTIONS=options,
        ),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "FileSystemStorage",
        str(tmp_path / "bucket"),
        "/filer/",
    ]


def test_malformed_storage_options_stop_the_start_with_a_clear_message():
    result = manage("check", env=production_env(MEDIA_STORAGE_OPTIONS="bucket=paragraf"))
    assert result.returncode != 0
    assert "MEDIA_STORAGE_OPTIONS must be a JSON object" in result.stderr
