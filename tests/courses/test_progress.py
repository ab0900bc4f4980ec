import pytest
from django.test import Client

from courses.models import CourseRun, StepCompletion
from courses.signals import course_completed
from tests.factories import CourseRunFactory, course, lessons_of


@pytest.fixture
def small_course(tree):
    return course(modules=2, lessons=2)


def complete(client, lesson):
    return client.post(f"/forloeb/trin/{lesson.pk}/gennemfoer/", {"next": "/mine-kurser/"})


def test_marking_a_lesson_done_records_it_once_with_the_revision_seen(
    client, learner, small_course
):
    lesson = lessons_of(small_course)[0]
    client.force_login(learner)
    assert complete(client, lesson).status_code == 302
    assert complete(client, lesson).status_code == 302
    completions = StepCompletion.objects.filter(run__user=learner)
    assert completions.count() == 1
    assert completions.get().revision_id == lesson.live_revision_id
    page = client.get(lesson.url).content.decode()
    assert "Du har gennemført denne lektion." in page


def test_the_course_is_complete_when_the_last_lesson_is_done(client, learner, small_course):
    received = []

    def listener(sender, run, **kwargs):
        received.append(run)

    course_completed.connect(listener)
    try:
        client.force_login(learner)
        for lesson in lessons_of(small_course):
            assert CourseRun.objects.filter(user=learner, completed_at__isnull=False).count() == 0
            complete(client, lesson)
        run = CourseRun.objects.get(user=learner)
        assert run.completed_at is not None
        assert received == [run]
        complete(client, lessons_of(small_course)[0])
        assert len(received) == 1
    finally:
        course_completed.disconnect(listener)
    dashboard = client.get("/mine-kurser/").content.decode()
    assert "Gennemført" in dashboard and small_course.title in dashboard


def test_my_courses_shows_progress(client, learner, small_course):
    client.force_login(learner)
    complete(client, lessons_of(small_course)[0])
    html = client.get("/mine-kurser/").content.decode()
    assert "1 af 4 trin gennemført" in html
    assert "Fortsæt" in html


def test_anonymous_visitor_is_sent_to_login_with_next(client, tree):
    response = client.get("/mine-kurser/")
    assert response.status_code == 302
    assert response["Location"] == "/log-ind/?next=/mine-kurser/"


def test_completing_an_unpublished_lesson_is_refused(client, learner, small_course):
    lesson = lessons_of(small_course)[0]
    lesson.unpublish()
    client.force_login(learner)
    assert complete(client, lesson).status_code == 404
    assert not StepCompletion.objects.exists()


def test_completing_a_page_that_is_not_a_lesson_is_refused(client, learner, small_course):
    client.force_login(learner)
    assert complete(client, small_course).status_code == 404
    assert complete(client, type("P", (), {"pk": 999999})()).status_code == 404
    assert not StepCompletion.objects.exists()


def test_completion_without_csrf_token_is_refused(learner, small_course):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(learner)
    response = complete(csrf_client, lessons_of(small_course)[0])
    assert response.status_code == 403
    assert not StepCompletion.objects.exists()


def test_completion_requires_login(client, small_course):
    response = complete(client, lessons_of(small_course)[0])
    assert response.status_code == 302 and "/log-ind/" in response["Location"]
    assert not StepCompletion.objects.exists()


def test_outline_and_dashboard_queries_do_not_grow_with_course_size(
    client, learner, tree, django_assert_max_num_queries
):
    big = course(title="Stort kursus", modules=5, lessons=6)
    client.force_login(learner)
    for lesson in lessons_of(big)[:10]:
        complete(client, lesson)
    with django_assert_max_num_queries(14):
        assert client.get("/mine-kurser/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(big.url).status_code == 200
    lesson_url = lessons_of(big)[5].url
    with django_assert_max_num_queries(14):
        assert client.get(lesson_url).status_code == 200


def test_a_recertification_starts_fresh_runs_for_many_people_in_a_few_queries(
    small_course, django_assert_max_num_queries, monkeypatch
):
    from django.utils import timezone

    from courses import services
    from tests.factories import UserFactory

    finished, still_open, never = UserFactory(), UserFactory(), UserFactory()
    CourseRunFactory(user=finished, course=small_course, completed_at=timezone.now())
    CourseRunFactory(user=still_open, course=small_course)
    others = [UserFactory() for _ in range(5)]
    for person in others:
        CourseRunFactory(user=person, course=small_course, completed_at=timezone.now())
    monkeypatch.setattr(services, "RUNS_BATCH", 4)  # several batches
    people = [finished.pk, still_open.pk, never.pk, *(p.pk for p in others)]
    with django_assert_max_num_queries(2 * 2 + 2):
        assert services.runs_start_new(course=small_course, user_ids=people) == 6
    assert CourseRun.objects.filter(user=finished, completed_at=None).count() == 1
    assert CourseRun.objects.filter(user=still_open).count() == 1
    assert not CourseRun.objects.filter(user=never).exists()
    # Idempotent: everyone who ran it now has an open run.
    assert services.runs_start_new(course=small_course, user_ids=people) == 0
