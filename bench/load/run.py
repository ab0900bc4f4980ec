"""``make load``: learners against gunicorn on loopback, with locust, bounded in users and time.

    .venv/bin/python bench/load/run.py [--users 200] [--spawn-rate 10] [--time 2m] [--workers 4]
                                       [--data full|none]

An onboarding day (issue #23): 200 learners log in, open Mine kurser, read lessons, mark them done
and take quizzes, for at most two minutes, on loopback only. Builds a fresh database (PostgreSQL
``paragraf_load`` on the server of a postgres:// ``DATABASE_URL``, or ``LOAD_DATABASE_URL``; else
a SQLite file in the temp folder), migrates it, on PostgreSQL generates the full bench data set
(bench/datagen.py: 45,000 people, 540,000 assignments) so the learners' pages run against a
database of one administration's size, loads the demo (``seed_demo``: courses, lessons, quizzes)
and one learner account per simulated user (one password hash for all: hashing 200 is not what
is measured), measures the password hasher's cost per login, starts
gunicorn with production settings (DEBUG off; TLS redirects and secure cookies off because
loopback has no TLS), runs ``locustfile.py`` headless and prints p50/p95 per request type and
requests per second. The locust CSV files land in ``bench/results/load_*.csv``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.services.procs import gunicorn  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PASSWORD = secrets.token_urlsafe(12)


def _database() -> tuple[str, str]:
    url = os.environ.get("LOAD_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    parsed = urlparse(url)
    name = parsed.path.lstrip("/") if os.environ.get("LOAD_DATABASE_URL") else "paragraf_load"
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        import psycopg
        from psycopg.conninfo import make_conninfo

        admin = make_conninfo(
            host=parsed.hostname or "127.0.0.1",
            port=str(parsed.port or 5432),
            user=parsed.username or "postgres",
            password=parsed.password or None,
            dbname="postgres",
        )
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return urlunparse(parsed._replace(path=f"/{name}")), "postgresql"
    path = Path(tempfile.gettempdir()) / "paragraf-load.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}", "sqlite"


def _environment(db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="paragraf.settings",
        DATABASE_URL=db_url,
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PARAGRAF_BASE_URL="https://paragraf.example.dk",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        PARAGRAF_BEHIND_PROXY="0",
        PARAGRAF_MANIFEST_STATIC="0",
        PARAGRAF_ALLOW_DEMO="1",
        # The shared cache production runs with (docs/drift.md): sessions, throttling, outlines.
        CACHE_URL=os.environ.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/12"),
        CELERY_BROKER_URL="",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        MEDIA_ROOT=str(Path(tempfile.gettempdir()) / "paragraf-load-media"),
        STATIC_ROOT=str(Path(tempfile.gettempdir()) / "paragraf-load-static"),
    )
    Path(env["STATIC_ROOT"]).mkdir(exist_ok=True)
    return env


def _hasher_cost() -> str:
    """What one password login costs in CPU with the configured hasher (median of 5 checks)."""
    import statistics

    from django.contrib.auth.hashers import check_password, get_hasher, make_password

    hasher = get_hasher()
    encoded = make_password(PASSWORD)
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        check_password(PASSWORD, encoded)
        samples.append((time.perf_counter() - start) * 1000)
    rounds = getattr(hasher, "iterations", None) or getattr(hasher, "rounds", "?")
    return (
        f"{hasher.algorithm} ({rounds} iterations): {statistics.median(samples):.0f} ms per login"
    )


def _generate_full() -> None:
    """The full bench data set (45,000 people, 540,000 assignments), as ``make bench`` makes it."""
    from bench.datagen import generate
    from bench.harness import BenchContext

    start = time.perf_counter()
    data = generate(BenchContext(size="full", vendor="postgresql", employees=45_000))
    print(
        f"generated: {data['people']:,} people, {data['assignments']:,} assignments "
        f"in {time.perf_counter() - start:.1f} s",
        flush=True,
    )


def _urls(pages) -> list[str]:
    """The URLs of the pages a learner can reach: the generated bench data's own course tree
    is not under the site's home page, so its pages have none."""
    return [url for url in (page.url for page in pages) if url]


def _prepare(users: int, targets_file: Path, *, full_data: bool) -> None:
    """Migrate, generate the full data set if asked, seed the demo and write the learners'
    accounts and URLs for the locustfile."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction

    from courses.models import CoursePage, LessonPage
    from people.models import User
    from people.roles import LEARNER

    call_command("migrate", verbosity=0, interactive=False)
    from django.core.cache import cache

    cache.clear()  # a fresh database: nothing an earlier run cached (outlines, sessions) holds
    if full_data:
        _generate_full()
    call_command("seed_demo", verbosity=0)
    print(f"password hasher: {_hasher_cost()}", flush=True)
    password = make_password(PASSWORD)
    demo_learner = User.objects.get(username="medarbejder")
    group = Group.objects.get(name=LEARNER)
    names = [f"last{i:03d}" for i in range(1, users + 1)]
    with transaction.atomic():
        for i, name in enumerate(names, start=1):
            user = User.objects.create(
                username=name,
                password=password,
                first_name="Last",
                last_name=f"Test {i}",
                email=f"{name}@tmf.kk.dk",
                employee_number=f"L{i:06d}",
                org_unit=demo_learner.org_unit,
                job_title="Sagsbehandler",
            )
            user.groups.add(group)
    try:
        from quizzes.models import QuizPage

        quizzes = _urls(QuizPage.objects.live())
    except ImportError:
        quizzes = []
    targets = {
        "password": PASSWORD,
        "users": names,
        "lessons": _urls(LessonPage.objects.live()),
        "courses": _urls(CoursePage.objects.live()),
        "quizzes": quizzes,
    }
    targets_file.write_text(json.dumps(targets, indent=2))
    print(
        f"prepared: {len(names)} learners, {len(targets['lessons'])} lessons, "
        f"{len(targets['courses'])} courses, {len(quizzes)} quizzes",
        flush=True,
    )


def _summary(stats_csv: Path, seconds: float) -> int:
    """Print p50/p95 and requests per second per request type and in all; return the failures."""
    rows = list(csv.DictReader(stats_csv.open()))
    print(f"\n{'request':<32} {'count':>7} {'fail':>5} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}")
    for row in rows:
        print(
            f"{row['Name'][:32]:<32} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{row['50%']:>8} {row['95%']:>8} {float(row['Requests/s']):>7.1f}"
        )
    total = next((row for row in rows if row["Name"] == "Aggregated"), None)
    if total is None:
        return 1
    cores = os.cpu_count() or 1
    rate = float(total["Requests/s"])
    print(
        f"(measured over {seconds:.0f} s) all requests: {total['Request Count']}, "
        f"{total['Failure Count']} failed, p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"{rate:.1f} req/s = {rate / cores:.1f} req/s per core ({cores} cores, locust and "
        "gunicorn sharing them)"
    )
    return int(total["Failure Count"])


#: Page types the locustfile requests by GET, and the target list each draws its URLs from.
PROFILED = {
    "lesson page": "lessons",
    "quiz page": "quizzes",
    "course page": "courses",
    "/mine-kurser/": None,
}


def _profile_slowest(stats_csv: Path, targets_file: Path, requests: int = 40) -> None:
    """Where the time goes on the slowest page (by p95) of the run: the same page requested
    in-process by one of the learners, under cProfile, with its SQL timed; prints the time per
    request, the share spent in SQL and Paragraf's own functions by cumulative time."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from people.models import User

    rows = {row["Name"]: row for row in csv.DictReader(stats_csv.open())}
    measured = [name for name in PROFILED if name in rows and rows[name]["95%"] not in ("", "N/A")]
    if not measured:
        return
    slowest = max(measured, key=lambda name: float(rows[name]["95%"]))
    targets = json.loads(targets_file.read_text())
    urls = targets[PROFILED[slowest]] if PROFILED[slowest] else [slowest]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=targets["users"][0]))
    for url in urls:  # warm: templates compiled, caches filled, as in a running worker
        client.get(url)
    profile = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        profile.enable()
        for i in range(requests):
            response = client.get(urls[i % len(urls)])
            assert response.status_code == 200, (urls[i % len(urls)], response.status_code)
        profile.disable()
        seconds = time.perf_counter() - start
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    print(
        f"\nwhere the time goes: {slowest!r} (slowest p95 of the run), {requests} requests "
        f"in-process under cProfile: {seconds / requests * 1000:.1f} ms each, "
        f"{len(queries.captured_queries) / requests:.1f} queries taking {sql / requests * 1000:.1f} ms "
        f"({sql / seconds:.0%} of the time); Paragraf's own functions by cumulative time:"
    )
    own = [
        (cumulative, calls, f"{Path(file).relative_to(ROOT)}:{line}({name})")
        for (file, line, name), (_c, calls, _t, cumulative, _callers) in pstats.Stats(
            profile
        ).stats.items()  # type: ignore[attr-defined]
        if file.startswith(str(ROOT)) and "site-packages" not in file
    ]
    for cumulative, calls, where in sorted(own, reverse=True)[:15]:
        print(
            f"  {cumulative / requests * 1000:7.2f} ms per request  {calls / requests:5.1f} calls  {where}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", default="2m", help="at most 2 minutes (an onboarding day's peak)")
    parser.add_argument(
        "--data",
        choices=["full", "none"],
        help="generate the full bench data set first (default on PostgreSQL: full)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    args = parser.parse_args(argv)

    db_url, vendor = _database()
    env = _environment(db_url)
    os.environ.update(env)
    RESULTS.mkdir(parents=True, exist_ok=True)
    targets_file = RESULTS / "load_targets.json"
    full_data = (args.data or ("full" if vendor == "postgresql" else "none")) == "full"
    _prepare(args.users, targets_file, full_data=full_data)
    print(
        f"load: {vendor}, gunicorn {args.workers} workers × {args.threads} threads, "
        f"{args.users} users (+{args.spawn_rate}/s) for {args.time}, on {os.cpu_count()} CPUs "
        f"({platform.machine()}), locust on the same machine",
        flush=True,
    )
    env["PARAGRAF_LOAD_TARGETS"] = str(targets_file)
    with gunicorn(env, workers=args.workers, threads=args.threads) as port:
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                args.time,
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(RESULTS / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
        )
        seconds = time.monotonic() - started
    failures = _summary(RESULTS / "load_stats.csv", seconds)
    _profile_slowest(RESULTS / "load_stats.csv", targets_file)
    return result.returncode or (1 if failures else 0)


if __name__ == "__main__":
    sys.exit(main())
