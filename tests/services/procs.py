"""Helpers for tests that run Paragraf as real processes: production env, free ports, gunicorn."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# Variables the test session sets for itself that must not leak into a production-like child.
_SESSION_ONLY = {
    "DJANGO_DEBUG",
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
}


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production deployment: DEBUG off and a real, random secret."""
    env = {k: v for k, v in os.environ.items() if k not in _SESSION_ONLY}
    env.update(
        DJANGO_SETTINGS_MODULE="paragraf.settings",
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="paragraf.kk.dk,127.0.0.1,localhost",
        PARAGRAF_BASE_URL="https://paragraf.kk.dk",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(
    port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


@contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int = 2, threads: int = 1, args: tuple[str, ...] = ()
) -> Iterator[int]:
    """Run ``gunicorn paragraf.wsgi`` (with extra command-line ``args``) on a free loopback
    port until the block ends."""
    port = free_port()
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "paragraf.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{proc.stdout.read()}")
            try:
                status, _, _ = http_get(port, "/healthz", timeout=2)
                if status in (200, 503):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 30 s")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
