"""A bought e-learning package (SCORM 1.2) as a course step in Chromium: the learner starts it,
leaves half-way (the browser context is closed), comes back in a new one, resumes where they
were, passes, and the course is done on Mine kurser. axe on the step page; no CSP violation
from Paragraf's pages or the package."""

from __future__ import annotations

import pytest

from compliance.models import Requirement
from compliance.services import requirements_evaluate
from courses.models import StepCompletion
from scorm.models import ScormAttempt
from tests.compliance.conftest import requirement
from tests.factories import course, scorm_add, scorm_package

TITLE = "Informationssikkerhed og GDPR (indkøbt e-læring)"


@pytest.fixture
def bought(tree, learner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = course(title=TITLE, modules=1, lessons=0)
    step = scorm_add(
        page.get_children().first().specific,
        package=scorm_package(),
        title="Phishing og sikre mails",
        slug="phishing",
    )
    requirement(page, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate()
    return page, step


def test_a_learner_leaves_a_scorm_step_half_way_resumes_it_and_passes(browse, learner, bought):
    _, step = bought
    tab = browse("medarbejder-scorm")
    tab.login("medarbejder")
    tab.goto(step.url)
    package = tab.page.frame_locator("iframe[data-scorm-frame]")
    package.get_by_role("heading", name="Phishing og sikre mails").wait_for()
    tab.check("scorm-trin")
    package.get_by_role("button", name="Næste").click()
    package.get_by_role("heading", name="Sådan genkender du phishing").wait_for()
    attempt = ScormAttempt.objects.get(user=learner)
    assert attempt.location == "2" and attempt.suspend_data == "side=2"
    assert attempt.lesson_status == "incomplete"
    tab.page.context.close()

    # Another browser: the package starts where the learner left it.
    again = browse("medarbejder-scorm-igen")
    again.login("medarbejder")
    again.goto(step.url)
    package = again.page.frame_locator("iframe[data-scorm-frame]")
    package.get_by_text("Du fortsætter, hvor du slap.").wait_for()
    assert package.get_by_role("heading", name="Sådan genkender du phishing").is_visible()
    again.check("scorm-trin genoptaget")
    package.get_by_role("button", name="Næste").click()
    package.get_by_label("Klikker ikke, melder mailen").check()
    package.get_by_role("button", name="Svar").click()
    package.get_by_text("Rigtigt!").wait_for()
    again.page.locator("[data-scorm-status]", has_text="Du har gennemført dette trin").wait_for()
    again.check("scorm-trin bestået")
    attempt.refresh_from_db()
    assert attempt.lesson_status == "passed" and attempt.score_raw == 100
    assert attempt.completed_at is not None
    assert StepCompletion.objects.filter(run__user=learner, page=step).exists()

    again.goto("/mine-kurser/")
    done = again.page.get_by_role("region", name="Gennemført")
    assert done.get_by_role("link", name=TITLE).first.is_visible()
    again.check("mine kurser efter scorm")


def test_a_scorm_2004_package_passes_by_its_scaled_score_in_the_browser(
    browse, learner, tree, settings, tmp_path
):
    from demo.scorm_packages import breach_2004

    settings.MEDIA_ROOT = tmp_path / "media"
    page = course(title="GDPR", modules=1, lessons=0)
    step = scorm_add(
        page.get_children().first().specific,
        package=scorm_package(build=breach_2004, title="Brud på persondatasikkerheden"),
        title="Brud på persondatasikkerheden",
        slug="brud",
    )
    tab = browse("medarbejder-scorm2004")
    tab.login("medarbejder")
    tab.goto(step.url)
    package = tab.page.frame_locator("iframe[data-scorm-frame]")
    package.get_by_role("heading", name="Brud på persondatasikkerheden").wait_for()
    package.get_by_role("button", name="Næste").click()
    package.get_by_role("button", name="Næste").click()
    package.get_by_label("Inden for 30 dage").check()
    package.get_by_role("button", name="Svar").click()
    package.get_by_text("Ikke rigtigt.").wait_for()
    attempt = ScormAttempt.objects.get(user=learner)
    assert attempt.success_status == "failed" and attempt.completed_at is None
    assert attempt.location == "3"
    package.get_by_label("Uden unødig forsinkelse").check()
    package.get_by_role("button", name="Svar").click()
    tab.page.locator("[data-scorm-status]", has_text="Du har gennemført dette trin").wait_for()
    tab.check("scorm 2004 bestået")
    attempt.refresh_from_db()
    assert attempt.success_status == "passed" and attempt.score_scaled == 1
    assert attempt.completion_status == "completed" and attempt.completed_at is not None


def test_a_course_exported_as_scorm_runs_in_our_own_player_and_its_quiz_is_scored(
    browse, learner, tree, settings, tmp_path
):
    """Issue 22, part 3: a Paragraf course exported, imported again as a package and taken in
    the player: the lesson, then the quiz — a wrong answer fails, the right ones pass."""
    import io

    from scorm.export import course_export_scorm
    from scorm.services import package_upload
    from tests.factories import lesson_add, question_add, quiz_add

    settings.MEDIA_ROOT = tmp_path / "media"
    source = course(title="Partshøring", modules=1, lessons=0)
    module = source.get_children().first().specific
    lesson_add(
        module,
        title="Hvornår skal parten høres?",
        slug="hoering",
        body=[{"type": "text", "value": "<p>Før en afgørelse skal parten høres.</p>"}],
    )
    quiz_add(
        module,
        questions=[
            question_add(
                "Hvornår skal der partshøres?",
                choices=[("Før afgørelsen", True), ("Efter afgørelsen", False)],
            ),
            question_add(
                "Hvilke er rigtige?",
                kind="multiple",
                choices=[("Skriftligt", True), ("Med en frist", True), ("Aldrig", False)],
            ),
        ],
        title="Quiz om partshøring",
        slug="quiz",
        pass_mark=100,
    )
    data = course_export_scorm(course=source).data
    version = package_upload(upload=io.BytesIO(data), file_name="partshoering.zip", by=None)
    target = course(title="Partshøring (fra en anden kommune)", modules=1, lessons=0)
    step = scorm_add(target.get_children().first().specific, package=version.package)

    tab = browse("medarbejder-scorm-eksport")
    tab.login("medarbejder")
    tab.goto(step.url)
    package = tab.page.frame_locator("iframe[data-scorm-frame]")
    package.get_by_role("heading", name="Hvornår skal parten høres?").wait_for()
    tab.check("eksporteret kursus i afspilleren")
    package.get_by_role("button", name="Næste").click()
    package.get_by_role("heading", name="Quiz om partshøring").wait_for()
    package.get_by_label("Efter afgørelsen").check()
    package.get_by_label("Skriftligt").check()
    package.get_by_role("button", name="Aflever").click()
    package.get_by_text("Du har ikke bestået").wait_for()
    attempt = ScormAttempt.objects.get(user=learner)
    assert attempt.lesson_status == "failed" and attempt.completed_at is None
    package.get_by_label("Før afgørelsen").check()
    package.get_by_label("Med en frist").check()
    package.get_by_role("button", name="Aflever").click()
    tab.page.locator("[data-scorm-status]", has_text="Du har gennemført dette trin").wait_for()
    attempt.refresh_from_db()
    assert attempt.lesson_status == "passed" and attempt.score_raw == 100
    assert StepCompletion.objects.filter(run__user=learner, page=step).exists()
