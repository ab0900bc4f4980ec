import pytest

from certificates.models import Certificate
from certificates.services import CertificateNotIssuable, certificate_issue_for_run
from certificates.tasks import certificate_issue_task
from courses.models import CourseRun
from courses.services import step_complete
from tests.certificates.conftest import complete_course
from tests.factories import course, lessons_of


def test_finishing_a_course_issues_one_certificate_with_a_pdf_after_commit(
    learner, onboarding, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = complete_course(learner, onboarding)
    assert len(callbacks) == 1
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.course_run == run
    assert certificate.course_title == "Onboarding for nye medarbejdere"
    assert certificate.holder_name == learner.get_full_name()
    assert certificate.completed_at == run.completed_at
    assert certificate.valid_until is None
    assert certificate.status == "valid"
    assert certificate.pdf.read(4) == b"%PDF"


def test_nothing_is_issued_before_the_transaction_commits(learner, onboarding):
    complete_course(learner, onboarding)
    assert not Certificate.objects.exists()


def test_a_retried_or_duplicated_task_never_creates_a_second_certificate(learner, onboarding):
    run = complete_course(learner, onboarding)
    first = certificate_issue_task.delay(run.pk).get()
    pdf_name = Certificate.objects.get(pk=first).pdf.name
    second = certificate_issue_task.delay(run.pk).get()
    assert first == second
    assert Certificate.objects.filter(holder=learner).count() == 1
    # The duplicate did not render again either.
    assert Certificate.objects.get(pk=first).pdf.name == pdf_name


def test_a_run_that_is_not_completed_gets_no_certificate(learner, tree):
    two_lessons = course(title="To lektioner", modules=1, lessons=2)
    step_complete(user=learner, page=lessons_of(two_lessons)[0])
    run = CourseRun.objects.get(user=learner)
    assert certificate_issue_task.delay(run.pk).get() is None
    assert certificate_issue_task.delay(987654).get() is None
    with pytest.raises(CertificateNotIssuable):
        certificate_issue_for_run(run=run)
    assert not Certificate.objects.exists()


def test_each_completed_run_gets_its_own_certificate_and_code(
    learner, onboarding, django_capture_on_commit_callbacks
):
    from courses.services import runs_start_new

    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, onboarding)
    with django_capture_on_commit_callbacks(execute=True):
        runs_start_new(course=onboarding, user_ids=[learner.pk])
        for lesson in lessons_of(onboarding):
            step_complete(user=learner, page=lesson)
    certificates = list(Certificate.objects.filter(holder=learner))
    assert len(certificates) == 2
    assert certificates[0].code != certificates[1].code
    assert certificates[0].course_run_id != certificates[1].course_run_id
