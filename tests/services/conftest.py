"""The service leg: a real PostgreSQL database shared with real Celery processes over Redis.

Run by ``make test-services`` with ``PARAGRAF_SERVICES=1``, ``DATABASE_URL`` naming a database
whose name starts with ``paragraf_services`` (this file drops and re-creates it) and
``CELERY_BROKER_URL`` on a Redis database of its own. pytest-django's per-process test database
would be invisible to a worker process, so these tests write committed rows to the named database
and the worker reads them there.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import psycopg.conninfo
import pytest
from django.conf import settings
from django.db import connections

from tests.services.procs import PYTHON, ROOT, free_port
from tests.services.smtp import SMTPSink

SERVICES = os.environ.get("PARAGRAF_SERVICES") == "1"
skip_without_services = pytest.mark.skipif(
    not SERVICES, reason="needs PostgreSQL and Redis: run `make test-services`"
)


def _conninfo(dbname: str) -> str:
    db = settings.DATABASES["default"]
    return psycopg.conninfo.make_conninfo(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or "5432",
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        dbname=dbname,
    )


def _admin_dsn() -> str:
    return _conninfo("postgres")


def worker_dsn() -> str:
    """A libpq DSN for the named database, for connections outside Django (e.g. holding locks)."""
    return _conninfo(settings.DATABASES["default"]["NAME"])


@pytest.fixture(scope="session")
def service_db(django_db_blocker) -> Iterator[str]:
    """Drop, create and migrate the named database; drop it again at the end."""
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    name = db["NAME"]
    assert db["ENGINE"] == "django.db.backends.postgresql", "the service leg needs PostgreSQL"
    assert str(name).startswith("paragraf_services"), f"refusing to drop database {name!r}"
    assert settings.CELERY_BROKER_URL, "the service leg needs CELERY_BROKER_URL"
    with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    with django_db_blocker.unblock():
        call_command("migrate", verbosity=0, interactive=False)
    yield name
    with django_db_blocker.unblock():
        connections.close_all()
    with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def live_db(service_db, django_db_blocker) -> Iterator[None]:
    """Committed access to the shared database: what a test writes, the worker sees."""
    with django_db_blocker.unblock():
        yield


class CeleryProcess:
    """A ``celery -A paragraf <command>`` subprocess whose log the test reads."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path):
        self.log = log
        self._file = log.open("w")
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "paragraf", *command],
            cwd=ROOT,
            env=env,
            stdout=self._file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(
        self, pattern: str, *, timeout: float = 30, count: int = 1, after: int = 0
    ) -> list[re.Match]:
        """Wait until ``pattern`` (a regex) occurs ``count`` times in the log after ``after``."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            matches = list(regex.finditer(self.text(), after))
            if len(matches) >= count:
                return matches
            if self.proc.poll() is not None:
                raise AssertionError(f"celery exited ({self.proc.returncode}):\n{self.text()}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{pattern!r} not seen {count}x in {timeout} s:\n{self.text()}"
                )
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # warm shutdown: finish or requeue what runs
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._file.close()


SMTP_PORT = free_port()


def celery_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="1",
        MEDIA_ROOT=str(tmp / "media"),
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="INFO",
        # Mail goes over real SMTP to the test's sink, which a test can take down.
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
    )
    return env


@pytest.fixture(scope="session")
def smtp() -> Iterator[SMTPSink]:
    sink = SMTPSink(SMTP_PORT)
    sink.up()
    yield sink
    sink.down()


@pytest.fixture(scope="session")
def celery_app():
    from paragraf.celery import app

    return app


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    """A real Learning Record Store for the session (tests may take it down and up again)."""
    from tests.services.ralph import Ralph

    lrs = Ralph(tmp_path_factory.mktemp("ralph"))
    lrs.up()
    yield lrs
    lrs.down()


def _worker(queue: str, concurrency: int, env: dict[str, str], log: Path) -> CeleryProcess:
    """A prefork worker consuming one queue, as in production (docs/drift.md)."""
    return CeleryProcess(
        [
            "worker",
            "--pool=prefork",
            "-Q",
            queue,
            "-c",
            str(concurrency),
            "-n",
            f"paragraf-it-{queue}-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "INFO",
        ],
        env,
        log,
    )


@pytest.fixture(scope="session")
def workers(
    service_db, celery_app, smtp, ralph, tmp_path_factory
) -> Iterator[dict[str, CeleryProcess]]:
    """Two prefork workers, one on the `default` queue (two children) and one on `heavy` (one
    child), sharing the database, the test's Redis DB and a media folder; their xAPI statements go
    to the session's Ralph."""
    from tests.services.ralph import PASSWORD, USERNAME

    tmp = tmp_path_factory.mktemp("celery")
    celery_app.control.purge()
    env = celery_env(tmp)
    env.update(XAPI_ENDPOINT=ralph.endpoint, XAPI_USERNAME=USERNAME, XAPI_PASSWORD=PASSWORD)
    procs = {
        "default": _worker("default", 2, env, tmp / "worker.log"),
        "heavy": _worker("heavy", 1, env, tmp / "heavy.log"),
    }
    try:
        for proc in procs.values():
            proc.media_root = tmp / "media"  # type: ignore[attr-defined]
            proc.wait_for(r"ready\.", timeout=60)
        yield procs
    finally:
        for proc in procs.values():
            proc.stop()


@pytest.fixture(scope="session")
def worker(workers) -> CeleryProcess:
    """The `default`-queue worker (certificates, reminders, notices, xAPI); the `heavy` one runs
    alongside (see ``workers``)."""
    return workers["default"]


@pytest.fixture
def task_done(workers) -> Callable[..., list[re.Match]]:
    """Wait for a task id's outcome lines in the log of the worker whose queue it went to
    (``succeeded``, ``retry`` …)."""

    def wait(task_id: str, outcome: str = "succeeded", *, count: int = 1, timeout: float = 30):
        deadline = time.monotonic() + timeout
        received = re.compile(rf"\[{re.escape(task_id)}\] received")
        while not (found := [p for p in workers.values() if received.search(p.text())]):
            if time.monotonic() > deadline:
                raise AssertionError(f"task {task_id} not received by any worker in {timeout} s")
            time.sleep(0.05)
        left = max(deadline - time.monotonic(), 0.1)
        return found[0].wait_for(rf"\[{re.escape(task_id)}\] {outcome}", count=count, timeout=left)

    return wait
