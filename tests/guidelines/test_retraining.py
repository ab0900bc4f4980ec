import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import Assignment, Status
from compliance.retraining import RetrainingRefused, retraining_create, retraining_plan
from courses.models import CoursePage, LessonPage, StepCompletion
from courses.services import step_complete
from guidelines.models import GuidelineChange
from guidelines.services import guideline_change_decide
from tests.factories import citation, publish
from tests.guidelines.helpers import edit_sections

pytestmark = pytest.mark.usefixtures("admin_access")


@pytest.fixture
def material(cited, learner, outsider, jurist):
    """The learner read lesson A (cites § 3), the outsider only lesson B (cites § 1);
    then § 3 changed materially and lesson A was revised."""
    step_complete(user=learner, page=cited["lesson_a"])
    step_complete(user=outsider, page=cited["lesson_b"])
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Gangbanen er 3 fliser.</p>"})
    change = guideline_change_decide(
        change=GuidelineChange.objects.get(), kind=GuidelineChange.Kind.MATERIAL, user=jurist
    )
    lesson = LessonPage.objects.get(pk=cited["lesson_a"].pk)
    lesson.body = [
        {"type": "text", "value": "<p>Nu 3 fliser.</p>"},
        citation(section=cited["guideline"].sections.get(key="AG-UDE-3")),
    ]
    publish(lesson)
    return {**cited, "change": change}


def test_the_plan_reaches_exactly_those_who_completed_the_old_version(material, learner):
    plan = retraining_plan(change=material["change"])
    assert plan.people == [learner]
    assert [lesson.title for lesson in plan.lessons] == ["Gangbanen"]


def test_hr_creates_a_retraining_as_a_cycle_of_its_own(client, hr, learner, material):
    original = list(StepCompletion.objects.filter(run__user=learner).values_list("pk", "revision"))
    client.force_login(hr)
    url = reverse("retraining_admin:create", args=[material["change"].pk])
    page = client.get(url).content.decode()
    assert learner.get_full_name() in page and "Gangbanen" in page
    due = timezone.localdate() + dt.timedelta(days=14)
    response = client.post(url, {"title": "Genopfriskning: gangbanen", "due_at": due.isoformat()})
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.person, assignment.due_at, assignment.cycle) == (learner, due, 1)
    course = assignment.requirement.course
    assert course.family == CoursePage.Family.RETRAINING
    assert not assignment.requirement.is_active  # rule evaluation never widens its audience
    assert [p.title for p in LessonPage.objects.descendant_of(course)] == ["Gangbanen"]
    # The original completion is never reset.
    assert (
        list(
            StepCompletion.objects.filter(
                run__user=learner, run__course=material["course"]
            ).values_list("pk", "revision")
        )
        == original
    )


def test_completing_the_retraining_completes_its_assignment(hr, learner, material):
    requirement, _ = retraining_create(
        change=material["change"],
        title="Genopfriskning",
        due_at=timezone.localdate() + dt.timedelta(days=7),
        by=hr,
    )
    for lesson in LessonPage.objects.live().descendant_of(requirement.course):
        step_complete(user=learner, page=lesson)
    assert Assignment.objects.get().status == Status.COMPLETED


def test_an_editorial_or_pending_change_gives_no_retraining(hr, cited, jurist):
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Rettet</p>"})
    with pytest.raises(RetrainingRefused):
        retraining_create(
            change=GuidelineChange.objects.get(),
            title="x",
            due_at=timezone.localdate() + dt.timedelta(days=7),
            by=hr,
        )
    assert not Assignment.objects.exists()


def test_a_past_due_date_is_refused_with_a_message(client, hr, material):
    client.force_login(hr)
    url = reverse("retraining_admin:create", args=[material["change"].pk])
    response = client.post(url, {"title": "x", "due_at": "2020-01-01"})
    assert "Fristen skal ligge efter i dag." in response.content.decode()
    assert not Assignment.objects.exists()


def test_learners_cannot_create_a_retraining(client, learner, material):
    client.force_login(learner)
    url = reverse("retraining_admin:create", args=[material["change"].pk])
    assert client.get(url).status_code in (302, 403)
