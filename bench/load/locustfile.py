"""Learners on Paragraf: log in, read lessons, mark them done, take quizzes, look at their courses.

Run through ``make load`` (bench/load/run.py prepares the database, the accounts and the target
list in ``PARAGRAF_LOAD_TARGETS``, starts gunicorn and calls locust headless). Each simulated
learner logs in once with their own account, then picks tasks by weight. Quiz answers are read
from the served form (first option of every question), as a browser would post them.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from html.parser import HTMLParser

from locust import HttpUser, between, task

with open(os.environ["PARAGRAF_LOAD_TARGETS"], encoding="utf-8") as handle:
    TARGETS = json.load(handle)

_accounts = itertools.cycle(TARGETS["users"])
_accounts_lock = threading.Lock()

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class FormParser(HTMLParser):
    """Every <form>: its action and the fields a browser would send (first choice of each)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag in {"input", "textarea"} and a.get("name"):
            fields = self._form["fields"]
            kind = a.get("type", "text") if tag == "input" else "textarea"
            if kind in {"radio", "checkbox"}:
                fields.setdefault(a["name"], a.get("value", "on"))
            elif kind == "textarea":
                fields[a["name"]] = "Parten skal høres, før der træffes afgørelse (fvl. § 19)."
            elif kind != "submit":
                fields[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def forms_of(html: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


class Learner(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        with _accounts_lock:
            self.username = next(_accounts)
        page = self.client.get("/log-ind/", name="/log-ind/")
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/log-ind/",
            {
                "username": self.username,
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": token,
                "next": "/mine-kurser/",
            },
            name="/log-ind/ (POST)",
        )
        if "/log-ind/" in response.url:
            raise RuntimeError(f"login failed for {self.username}")

    def _post_form(self, html: str, action_part: str, name: str):
        form = next((f for f in forms_of(html) if action_part in f["action"]), None)
        if form is None:
            return None
        with self.client.post(
            form["action"], form["fields"], name=name, catch_response=True
        ) as response:
            # A quiz's own refusals (attempt limit reached: 403, already submitted: 409) are
            # answers the learner sees, not server failures.
            if response.status_code in (403, 409) and "alert-error" in response.text:
                response.success()
        return response

    @task(6)
    def read_lesson(self) -> None:
        response = self.client.get(random.choice(TARGETS["lessons"]), name="lesson page")
        if random.random() < 0.3:  # finish it now and then
            self._post_form(response.text, "/gennemfoer/", "lesson done (POST)")

    @task(2)
    def take_quiz(self) -> None:
        if not TARGETS["quizzes"]:
            return
        page = self.client.get(random.choice(TARGETS["quizzes"]), name="quiz page")
        html = page.text
        if "/start/" in html and "/aflever/" not in html:
            started = self._post_form(html, "/start/", "quiz start (POST)")
            if started is None:
                return
            html = started.text
        # One-question-at-a-time quizzes answer until the result shows; others submit at once.
        for _ in range(30):
            answered = self._post_form(html, "/aflever/", "quiz answer/submit (POST)")
            if answered is None:
                break
            html = answered.text

    @task(1)
    def my_courses(self) -> None:
        self.client.get("/mine-kurser/", name="/mine-kurser/")

    @task(1)
    def course_page(self) -> None:
        self.client.get(random.choice(TARGETS["courses"]), name="course page")
