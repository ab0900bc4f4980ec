"""Query budgets of the learner pages: a fixed number of queries, whatever the amount of content.

Each page is fetched once with a small catalogue and once after the catalogue has grown (more
courses, modules, lessons, completed steps, and lessons citing more guideline sections and
statute provisions); the count must not grow (no N+1) and must stay within the page's budget
(DESIGN.md: lesson page ≤ 14).
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import ModulePage
from courses.services import step_complete
from guidelines.models import GuidelinePage
from tests.factories import (
    StatuteProvisionFactory,
    citation,
    course,
    guideline,
    lesson_add,
    lessons_of,
    publish,
)

# Issue 18 added one query each to the course page (the course's variants: which modules this
# run takes) and two to "my courses" (the variants, and the renewal window's "gyldig til …");
# none of them grows with the catalogue.
BUDGETS = {
    "home": 10,
    "course index": 10,
    "course page": 13,
    "lesson page": 14,
    "my courses": 12,
}


def cited_body(citations: int) -> list[dict]:
    """A lesson body citing guideline sections and statute provisions, as real lessons do."""
    page = GuidelinePage.objects.filter(code="AG-QB").first() or guideline("AG-QB", sections=6)
    sections = list(page.sections.order_by("sort_order"))
    body: list[dict] = [{"type": "text", "value": "<p>Om partshøring</p>"}]
    for i in range(citations):
        provision = StatuteProvisionFactory(key=f"FVL-QB-{i}", number=str(19 + i))
        body += [citation(section=sections[i % len(sections)]), citation(provision=provision)]
    return body


def grow(learner, *, courses: int, modules: int, lessons: int, done: int, citations: int):
    body = cited_body(citations)
    made = [
        course(title=f"Kursus {i}", modules=modules, lessons=lessons, body=body)
        for i in range(courses)
    ]
    for page in made:
        for lesson in lessons_of(page)[:done]:
            step_complete(user=learner, page=lesson)
    return made


def count(client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, site root) like a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def measure(client, learner) -> tuple[dict[str, int], dict[str, int]]:
    """Query counts of every learner page with a small catalogue, then with a bigger one."""
    first = grow(learner, courses=1, modules=2, lessons=2, done=1, citations=1)[0]
    lesson = lessons_of(first)[1]
    client.force_login(learner)
    urls = {
        "home": "/",
        "course index": "/kurser/",
        "course page": first.url,
        "lesson page": lesson.url,
        "my courses": "/mine-kurser/",
    }
    small = {page: count(client, url) for page, url in urls.items()}

    grow(learner, courses=3, modules=3, lessons=3, done=4, citations=5)
    # The lesson's own course grows too, and the lesson now cites five sections and provisions.
    body = cited_body(5)
    for m in range(3, 6):
        module = ModulePage(title=f"Modul {m}", slug=f"modul-{m}")
        first.add_child(instance=module)
        publish(module)
        for n in range(1, 4):
            lesson_add(module, title=f"Lektion {m}.{n}", slug=f"lektion-{m}-{n}", body=body)
    lesson.body = body
    publish(lesson)
    large = {page: count(client, url) for page, url in urls.items()}
    return small, large


def check(pages: list[str], small: dict[str, int], large: dict[str, int]) -> None:
    over = {p: (large[p], BUDGETS[p]) for p in pages if large[p] > BUDGETS[p]}
    grew = {p: (small[p], large[p]) for p in pages if large[p] != small[p]}
    assert not over, f"over budget (queries, budget): {over}"
    assert not grew, f"query count grows with the catalogue (small, large): {grew}"


def test_learner_pages_stay_within_their_query_budgets_as_the_catalogue_grows(
    client, learner, tree
):
    small, large = measure(client, learner)
    check(list(BUDGETS), small, large)
