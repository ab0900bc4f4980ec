"""Quiz serving and submission: queries per request, and submit latency under 20 learners;
and the item analysis of a quiz with 45,000 attempts (bench/item_analysis.py).

Figures:

- queries for ``GET`` of a quiz page with an open attempt and for the ``POST`` that submits it,
  for a 10-question quiz, with the same figure for a 30-question quiz as the baseline (the ratio
  should be 1.0: the query count must not grow with the number of questions);
- p50 and p95 of the submit ``POST`` when 20 simulated learners submit at the same moment, against
  a real server: gunicorn (gthread) on a free port on 127.0.0.1, started here on the benchmark's
  database and stopped before ``run`` returns. Each round opens a fresh attempt per learner
  in-process, then 20 threads wait at a barrier and post their answers over HTTP. The time spent
  on the concurrent part is bounded (``CONCURRENT_SECONDS``); rounds stop early when it is used up.
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.harness import BenchContext, Figure, median, p95
from bench.item_analysis import figures as item_analysis_figures
from courses.models import CoursePage, ModulePage
from people.models import User
from quizzes.models import Attempt, QuizPage
from quizzes.services import attempt_start

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 20
ROUNDS = 5
CONCURRENT_SECONDS = 90
QUERY_BUDGET_GET = 14
QUERY_BUDGET_SUBMIT = 30


def _module(slug: str) -> ModulePage:
    """A new module (``slug``) in the routable benchmark course."""
    from tests.factories import publish, site_tree

    home, index, _ = site_tree()
    # The generated data set may keep its course index outside the site; the quiz must be
    # routable, so its course then hangs directly under the home page.
    parent = index if index.url else home
    course = CoursePage.objects.filter(slug="bench-quizkursus").first()
    if course is None or course.url is None:
        course = CoursePage(title="Benchmark quizkursus", slug="bench-quizkursus", intro="<p>B</p>")
        parent.add_child(instance=course)
        publish(course)
    module = ModulePage(title=f"Modul {slug}", slug=slug)
    course.add_child(instance=module)
    publish(module)
    return module


def _quiz_place(questions, *, slug: str, title: str) -> QuizPage:
    """A live quiz of ``questions`` in a module of its own in the benchmark course."""
    from tests.factories import quiz_add

    return quiz_add(_module(f"modul-{slug}"), questions=questions, slug=slug, title=title)


def _quiz(size: int) -> QuizPage:
    from tests.factories import question_add

    slug = f"bench-quiz-{size}"
    existing = QuizPage.objects.filter(slug=slug).first()
    if existing is not None and existing.url:
        return existing
    questions = [
        question_add(
            f"Benchmarkspørgsmål {size}.{i}",
            choices=[("Rigtigt", True), ("Forkert", False), ("Også forkert", False)],
            explanation="<p>Forklaring</p>",
        )
        for i in range(1, size + 1)
    ]
    return _quiz_place(questions, slug=slug, title=f"Benchmarkquiz {size}")


def _learner(n: int) -> User:
    user, _ = User.objects.get_or_create(
        username=f"bench-quiz-{n:02d}",
        defaults={"first_name": "Bench", "last_name": f"Quiz {n}", "employee_number": f"BQ{n:05d}"},
    )
    return user


def _answers(attempt: Attempt, *, right_every: int = 2) -> dict[str, list[str]]:
    data = {}
    for i, item in enumerate(attempt.items.all()):
        choices = item.snapshot["choices"]
        correct = item.snapshot["correct"]
        pick = (
            correct[0]
            if i % right_every == 0
            else next(c["id"] for c in choices if c["id"] not in correct)
        )
        data[f"q-{item.pk}"] = [pick]
    return data


def _queries(quiz: QuizPage, learner: User) -> tuple[int, int]:
    Attempt.objects.filter(user=learner, quiz=quiz, state=Attempt.State.IN_PROGRESS).delete()
    client = Client()
    client.force_login(learner)
    attempt = attempt_start(user=learner, quiz=quiz)
    client.get(quiz.url)  # warm caches (content types, site root) as a running server has them
    with CaptureQueriesContext(connection) as get_queries:
        response = client.get(quiz.url)
        assert response.status_code == 200, (
            quiz.url,
            response.status_code,
            response.get("Location"),
        )
    with CaptureQueriesContext(connection) as post_queries:
        response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", _answers(attempt))
        assert response.status_code == 302, response.status_code
    return len(get_queries), len(post_queries)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    workers = max(2, min(4, os.cpu_count() or 2))
    command = [
        sys.executable, "-m", "gunicorn", "paragraf.wsgi",
        "-b", f"127.0.0.1:{port}", "-k", "gthread", "-w", str(workers), "--threads", "4",
        "--log-level", "warning",
    ]  # fmt: skip
    env = os.environ | {"ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(  # noqa: S603 - fixed command line
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/log-ind/")
            if conn.getresponse().status < 500:
                return process
        except OSError:
            time.sleep(0.2)
    _stop_server(process)
    raise RuntimeError("gunicorn did not answer within 30 s")


def _stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _submit(port, barrier, lock, results, path: str, body: str, cookie: str) -> None:
    """One learner's submit POST, released together with the others by ``barrier``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Host": "127.0.0.1",
    }
    barrier.wait()
    t0 = time.perf_counter()
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    with lock:
        results.append(((time.perf_counter() - t0) * 1000, status))


def _prepared(learners: list[User], sessions: dict[int, str], quiz: QuizPage):
    """A fresh open attempt per learner, and the submit request each would send for it."""
    requests = []
    for user in learners:
        attempt = attempt_start(user=user, quiz=quiz)
        token = secrets.token_hex(16)  # an unmasked 32-character CSRF secret
        body = urlencode({"csrfmiddlewaretoken": token} | _answers(attempt), doseq=True)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={sessions[user.pk]}; "
            f"{settings.CSRF_COOKIE_NAME}={token}"
        )
        requests.append((f"/quiz/forsoeg/{attempt.pk}/aflever/", body, cookie))
    return requests


def _concurrent_submits(quiz: QuizPage, port: int) -> tuple[list[float], list[float], int]:
    """Sequential submits (one learner at a time, the baseline), then rounds of 20 at once."""
    learners = [_learner(n) for n in range(1, LEARNERS + 1)]
    sessions = {user.pk: _session_cookie(user) for user in learners}
    alone: list[tuple[float, int]] = []
    for request in _prepared(learners, sessions, quiz):
        _submit(port, threading.Barrier(1), threading.Lock(), alone, *request)
    samples: list[float] = []
    errors = sum(1 for _, status in alone if status != 302)
    started = time.monotonic()
    for _ in range(ROUNDS):
        if time.monotonic() - started > CONCURRENT_SECONDS:
            break
        requests = _prepared(learners, sessions, quiz)
        barrier = threading.Barrier(len(requests))
        results: list[tuple[float, int]] = []
        lock = threading.Lock()

        threads = [
            threading.Thread(target=_submit, args=(port, barrier, lock, results, *r))
            for r in requests
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
        samples += [ms for ms, status in results if status == 302]
        errors += sum(1 for _, status in results if status != 302)
    return [ms for ms, status in alone if status == 302], samples, errors


def _double_submits(quiz: QuizPage, port: int) -> tuple[int, int]:
    """Every learner submits the same attempt twice at the same moment (a double click on two
    connections). Returns (attempts, attempts that did not get exactly one accepted submit and
    one refusal, or whose graded result is missing)."""
    learners = [_learner(n) for n in range(1, LEARNERS + 1)]
    sessions = {user.pk: _session_cookie(user) for user in learners}
    requests = _prepared(learners, sessions, quiz)
    doubled = [r for r in requests for _ in range(2)]
    barrier = threading.Barrier(len(doubled))
    lock = threading.Lock()
    by_path: dict[str, list[tuple[float, int]]] = {r[0]: [] for r in requests}
    threads = [
        threading.Thread(target=_submit, args=(port, barrier, lock, by_path[r[0]], *r))
        for r in doubled
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    wrong = 0
    for path, results in by_path.items():
        attempt = Attempt.objects.get(pk=int(path.split("/")[3]))
        statuses = sorted(status for _, status in results)
        if statuses != [302, 409] or attempt.state != Attempt.State.GRADED:
            wrong += 1
    return len(requests), wrong


def run(ctx: BenchContext) -> list[Figure]:
    analysis = item_analysis_figures(ctx, _quiz_place)
    small, large = _quiz(10), _quiz(30)
    probe = _learner(0)
    get10, post10 = _queries(small, probe)
    get30, post30 = _queries(large, probe)
    figures = [
        Figure(
            "quiz page queries, open attempt (10 questions)",
            get10,
            "queries",
            budget=QUERY_BUDGET_GET,
            baseline=get30,
            baseline_name="same page with 30 questions",
        ),
        Figure(
            "quiz submit queries (10 questions)",
            post10,
            "queries",
            budget=QUERY_BUDGET_SUBMIT,
            baseline=post30,
            baseline_name="same submit with 30 questions",
        ),
    ]
    port = _free_port()
    server = _start_server(port)
    try:
        alone, samples, errors = _concurrent_submits(small, port)
        doubles, doubles_wrong = _double_submits(small, port)
    finally:
        _stop_server(server)
    note = f"{len(samples)} submits, {errors} failed, gunicorn gthread on {ctx.vendor}"
    baseline = median(alone) if alone else None
    for name, value in (("p50", median), ("p95", p95)):
        if samples:
            figures.append(
                Figure(
                    f"quiz submit {name}, {LEARNERS} learners at once",
                    value(samples),
                    "ms",
                    baseline=baseline,
                    baseline_name="one learner at a time",
                    note=note,
                )
            )
    if samples and baseline:
        # What the machine allows: each submit costs about one learner's time of CPU (Django
        # and PostgreSQL on the same host, loopback), so N at once on C cores cannot all be
        # answered sooner than N × alone ÷ C. The 4 × budget is below that on 2 cores.
        cores = os.cpu_count() or 1
        floor = baseline * LEARNERS / cores
        figures.append(
            Figure(
                f"CPU floor check: quiz submit p95, {LEARNERS} learners at once",
                p95(samples),
                "ms",
                baseline=floor,
                baseline_name=f"{LEARNERS} × one learner ÷ {cores} cores",
                note=note,
            )
        )
    figures.append(
        Figure(
            "quiz attempts submitted twice at once without exactly one result",
            doubles_wrong,
            "attempts",
            budget=0,
            note=f"of {doubles} attempts, each posted twice in parallel",
        )
    )
    if errors:
        figures.append(Figure("quiz submits refused or failed under load", errors, "requests"))
    return analysis + figures
