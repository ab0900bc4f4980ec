"""The journeys people take through Paragraf in a real browser, with axe-core on every learner,
manager and verification page, keyboard-only lesson and quiz completion, and screenshots."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from certificates.models import Certificate
from compliance.models import Requirement
from compliance.services import requirements_evaluate
from guidelines.models import GuidelineSection
from quizzes.models import Attempt
from tests.compliance.conftest import requirement
from tests.factories import (
    StatuteProvisionFactory,
    citation,
    course,
    guideline,
    lesson_add,
    question_add,
    quiz_add,
)

RIGHT = "Hjemmel i lov"


@pytest.fixture
def onboarding(tree, learner, manager):
    """A mandatory course: one lesson citing AG-UDE-2 and a one-question quiz."""
    ag = guideline("AG-UDE", sections=3, title="Udeservering")
    section = GuidelineSection.objects.get(key="AG-UDE-2")
    provision = StatuteProvisionFactory(key="FVL-19-1")
    page = course(title="Onboarding for nye medarbejdere", modules=1, lessons=0)
    module = page.get_children().first().specific
    lesson = lesson_add(
        module,
        title="Partshøring",
        slug="partshoering",
        body=[
            {"type": "text", "value": "<p>Før en afgørelse skal parten høres.</p>"},
            citation(section),
            citation(provision=provision),
        ],
    )
    quiz = quiz_add(
        module,
        questions=[question_add("Hvad kræver legalitetsprincippet?")],
        title="Quiz om partshøring",
        slug="quiz",
        pass_mark=100,
    )
    requirement(page, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate()
    return {"course": page, "lesson": lesson, "quiz": quiz, "guideline": ag, "section": section}


def _tab_to(tab, locator, *, limit: int = 80) -> None:
    """Press Tab until ``locator`` has focus, and check that the focus is visible."""
    handle = locator.element_handle()
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("(el) => document.activeElement === el", handle):
            outline = tab.page.evaluate(
                "(el) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth,"
                " s.boxShadow]; }",
                handle,
            )
            style, width, shadow = outline
            assert (style != "none" and width != "0px") or shadow != "none", (
                f"focus is not visible on {locator}: {outline}"
            )
            return
    raise AssertionError(f"could not reach {locator} with the keyboard")


def test_a_new_employee_completes_the_mandatory_course_and_proves_it(
    browse, learner, onboarding, live_server
):
    tab = browse("medarbejder")
    tab.login("medarbejder")
    assert tab.page.url.endswith("/mine-kurser/")
    tab.check("mine kurser")

    required = tab.page.get_by_role("region", name="Obligatoriske kurser")
    required.get_by_role("link", name="Onboarding for nye medarbejdere").click()
    tab.check("kursus")

    tab.page.get_by_role("link", name="Partshøring").first.click()
    assert tab.page.get_by_role("heading", level=1).inner_text() == "Partshøring"
    tab.check("lektion")

    # Follow the citation to the guideline section: the anchor is in the URL and on screen.
    section = onboarding["section"]
    tab.page.get_by_role("link", name=f"Udeservering, AG-UDE-2 {section.heading}").first.click()
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith(f"#{section.anchor}")
    target = tab.page.locator(f"[id='{section.anchor}']")
    assert target.is_visible()
    assert target.evaluate(
        "(el) => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )
    tab.check("administrationsgrundlag")
    tab.page.go_back()
    tab.page.wait_for_load_state()

    # Keyboard only: mark the lesson as done.
    _tab_to(tab, tab.page.get_by_role("button", name="Markér som gennemført"))
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert "Lektionen er markeret som gennemført" in tab.page.content()

    # Keyboard only: the quiz is the next step.
    assert tab.page.get_by_role("heading", level=1).inner_text() == "Quiz om partshøring"
    tab.check("quiz")
    _tab_to(tab, tab.page.get_by_role("button", name="Start quizzen"))
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.check("quiz i gang")
    _tab_to(tab, tab.page.get_by_role("radio").first)
    for _ in range(5):
        if tab.page.get_by_role("radio", name=RIGHT).is_checked():
            break
        tab.page.keyboard.press("ArrowDown")
    assert tab.page.get_by_role("radio", name=RIGHT).is_checked()
    _tab_to(tab, tab.page.get_by_role("button", name="Aflever"))
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert tab.page.get_by_text("Bestået").first.is_visible()
    tab.check("quiz bestået")

    # The certificate: download the PDF from "Mine kurser", then open its public verification.
    tab.goto("/mine-kurser/")
    tab.check("mine kurser efter kurset")
    with tab.page.expect_download() as download_info:
        tab.page.get_by_role("link", name="Download kursusbevis (PDF)").first.click()
    pdf_path = download_info.value.path()
    with open(pdf_path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    certificate = Certificate.objects.get(holder=learner)
    public = browse("verifikation")
    public.goto(f"/certifikater/{certificate.code}/")
    html = public.page.content()
    assert learner.get_full_name() in html and "Onboarding for nye medarbejdere" in html
    public.check("verifikation")


def test_a_manager_sees_the_team_on_mit_team(browse, learner, manager, onboarding):
    tab = browse("leder")
    tab.login("leder")
    tab.goto("/mit-team/")
    assert learner.get_full_name() in tab.page.content()
    tab.check("mit team")


def test_a_caseworker_reads_and_acknowledges_the_guideline(browse, learner, onboarding, units):
    """Issue 19: "Læst og forstået" on Mine kurser → the guideline page → the button, by
    keyboard; the page says it is done and passes axe before and after."""
    ack = Requirement.objects.create(
        name="Læst og forstået: Udeservering",
        kind=Requirement.Kind.ACKNOWLEDGE,
        guideline=onboarding["guideline"],
        trigger=Requirement.Trigger.ASSIGNED,
        due_days=30,
        applies_from=dt.date(2020, 1, 1),
    )
    ack.units.set([units["centre"]])
    requirements_evaluate()
    tab = browse("laest-og-forstaaet")
    tab.login("medarbejder")
    tab.goto("/mine-kurser/")
    tab.page.get_by_role("link", name="Læst og forstået: Udeservering").click()
    tab.page.wait_for_url("**/administrationsgrundlag/ag-ude/*")
    tab.check("laest-og-forstaaet foer")
    button = tab.page.get_by_role("button", name=re.compile("Jeg har læst og forstået"))
    _tab_to(tab, button, limit=200)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.page.get_by_text("Du har bekræftet, at du har læst og forstået Udeservering").wait_for()
    tab.check("laest-og-forstaaet efter")
    tab.goto("/mine-kurser/")
    assert "bekræftet" in tab.page.content()


@pytest.mark.parametrize("path", ["/privatliv/", "/tilgaengelighed/", "/log-ind/"])
def test_public_pages_pass_axe(browse, db, path):
    tab = browse("offentlig")
    tab.goto(path)
    tab.check(path.strip("/"))


def test_a_learner_searches_from_the_header_and_the_page_passes_axe(browse, learner, onboarding):
    tab = browse("soeg")
    tab.login("medarbejder")
    tab.page.get_by_label("Søg i regler og kurser").fill("partshøring")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/soeg/?q=*")
    assert "resultat" in tab.page.content()
    tab.check("soeg")


def test_a_learner_downloads_their_own_data(browse, learner, onboarding):
    tab = browse("mine-data")
    tab.login("medarbejder")
    tab.page.get_by_role("link", name="Mine data").click()
    tab.check("mine data")
    with tab.page.expect_download() as download_info:
        tab.page.get_by_role("link", name="Hent som JSON").click()
    with open(download_info.value.path(), encoding="utf-8") as handle:
        assert learner.email in handle.read()


def test_a_wrong_password_is_announced_and_tied_to_the_fields(browse, learner):
    tab = browse("log-ind-fejl")
    tab.login("medarbejder", password="forkert")
    alert = tab.page.get_by_role("alert")
    assert "forkert" in alert.inner_text()
    assert tab.page.get_by_label("Brugernavn").get_attribute("aria-describedby") == "login-error"
    tab.check("log ind fejl")


@pytest.fixture
def admin_roles(tree, groups):
    from people.services import roles_ensure

    _, courses_index, guidelines_index = tree
    roles_ensure()


HR_CSV = (
    "medarbejdernr;fornavn;efternavn;email;enhedskode;enhedsnavn;overordnet_enhedskode;"
    "stilling;leder;startdato\n"
    "770001;Ny;Kollega;ny.kollega@tmf.kk.dk;BA-BYLIV-UDE;Team Udeservering;BA-BYLIV;"
    "Sagsbehandler;nej;2026-01-05\n"
)


def test_hr_imports_a_file_and_exports_the_compliance_report(
    browse, hr, learner, onboarding, admin_roles, tmp_path
):
    from people.models import User

    tab = browse("hr")
    tab.login("hr")
    tab.goto("/admin/hr-import/")
    upload = tmp_path / "medarbejdere.csv"
    upload.write_text(HR_CSV, encoding="utf-8")
    tab.page.set_input_files("input[type=file]", str(upload))
    tab.page.get_by_role("button", name="Vis hvad der vil ske").click()
    tab.page.wait_for_load_state()
    assert tab.page.get_by_role("heading", name="Forhåndsvisning").is_visible()
    tab.screenshot("hr-import forhaandsvisning")
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Bekræft og indlæs").click()
    assert tab.page.get_by_role("heading", name="Indlæst").is_visible()
    assert User.objects.filter(employee_number="770001", email="ny.kollega@tmf.kk.dk").exists()

    tab.goto("/admin/overholdelse/")
    tab.screenshot("overholdelse")
    tab.page.locator("header [data-w-dropdown-target='toggle']").first.click()
    export = tab.page.locator("a[href*='export=csv']").first
    with tab.page.expect_download() as download_info:
        export.click()
    with open(download_info.value.path(), encoding="utf-8-sig") as handle:
        report = handle.read()
    assert "Team Udeservering" in report or "Center for Byliv" in report


def test_a_jurist_edits_a_lesson_and_cites_another_guideline_section(
    browse, jurist, onboarding, admin_roles
):
    from courses.models import LessonPage

    lesson = onboarding["lesson"]
    tab = browse("jurist")
    tab.login("jurist")
    tab.goto(f"/admin/pages/{lesson.pk}/edit/")
    tab.screenshot("rediger lektion")
    chooser = tab.page.locator(".chooser", has_text="AG-UDE-2").first
    chooser.scroll_into_view_if_needed()
    chooser.locator("[data-w-dropdown-target='toggle']").click()
    tab.page.locator("[data-tippy-root] [data-chooser-action-choose]").first.click()
    search = tab.page.locator(".modal input[name=q]")
    search.fill("AG-UDE-3")
    tab.page.locator(".modal a[data-chooser-modal-choice]", has_text="Afsnit 3").first.wait_for()
    tab.page.locator(".modal a[data-chooser-modal-choice]", has_text="Afsnit 3").first.click()
    tab.page.locator(".modal").first.wait_for(state="hidden")
    with tab.page.expect_navigation():
        tab.page.locator("button.action-save").first.click()
    tab.screenshot("lektion gemt")
    tab.goto("/mine-kurser/")  # leave the editor (it releases its editing session) in the test
    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    cited = [b.value["section"] for b in draft.body if b.block_type == "citation"]
    assert any(s is not None and s.key == "AG-UDE-3" for s in cited)


@pytest.mark.parametrize(
    "path",
    ["/", "/kurser/", "/administrationsgrundlag/", "/administrationsgrundlag/ag-ude/"],
)
def test_course_and_guideline_pages_pass_axe_for_anyone(browse, onboarding, path):
    tab = browse("indgang")
    tab.goto(path)
    tab.check(path.strip("/").replace("/", "-") or "forside")


@pytest.fixture
def timed_quiz(tree, learner):
    """A 10-minute quiz of four questions; half of them right passes (pass mark 50 %)."""
    page = course(title="Aktindsigt i praksis", modules=1, lessons=0)
    module = page.get_children().first().specific
    questions = [
        question_add(
            f"Spørgsmål om aktindsigt {i}",
            choices=[(f"Rigtigt {i}", True), (f"Forkert {i}", False)],
        )
        for i in range(1, 5)
    ]
    return quiz_add(
        module,
        questions=questions,
        title="Tidsbegrænset quiz",
        slug="tidsquiz",
        time_limit_minutes=10,
        pass_mark=50,
    )


def test_a_learner_resumes_a_timed_quiz_in_a_new_browser_and_the_timer_submits_it(
    browse, learner, timed_quiz
):
    tab = browse("medarbejder-tid")
    tab.login("medarbejder")
    tab.goto(timed_quiz.url)
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Start quizzen").click()
    clock = tab.page.get_by_role("timer")
    assert re.fullmatch(r"10:00|09:5\d", clock.inner_text()), clock.inner_text()
    tab.check("tidsbegrænset quiz")

    # Half the quiz, saved as the learner goes.
    tab.page.get_by_label("Rigtigt 1", exact=True).check()
    tab.page.get_by_label("Rigtigt 2", exact=True).check()
    tab.page.locator("[data-autosave-status]", has_text="Gemt kl.").wait_for()
    attempt = Attempt.objects.get(user=learner, quiz=timed_quiz)
    assert attempt.items.filter(answer__isnull=False).count() == 2
    tab.page.context.close()

    # Another browser (or device): the same attempt, the answers filled in.
    again = browse("medarbejder-ny-browser")
    again.login("medarbejder")
    again.goto(timed_quiz.url)
    assert again.page.get_by_label("Rigtigt 1", exact=True).is_checked()
    assert again.page.get_by_label("Rigtigt 2", exact=True).is_checked()
    assert not again.page.get_by_label("Rigtigt 3", exact=True).is_checked()
    assert "Dine gemte svar er hentet" in again.page.content()

    # One minute left: announced to screen readers once, not every second.
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() + dt.timedelta(seconds=63)
    )
    again.page.reload()
    announce = again.page.locator("[data-quiz-timer-announce]")
    assert announce.get_attribute("aria-live") == "polite"
    assert announce.inner_text() == ""
    announce.filter(has_text="Der er 1 minut tilbage").wait_for(state="attached", timeout=10_000)
    assert re.fullmatch(r"0[01]:\d\d", again.page.get_by_role("timer").inner_text())

    # The time runs out: the page's timer submits the attempt with the answers.
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() + dt.timedelta(seconds=4)
    )
    again.page.reload()
    again.page.get_by_role("heading", name="Resultat af forsøg 1").wait_for(timeout=20_000)
    assert again.page.get_by_text(
        "Tiden udløb – besvarelsen blev afleveret automatisk med dine gemte svar"
    ).is_visible()
    assert again.page.get_by_text("Bestået").first.is_visible()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out
    assert attempt.percent == 50 and attempt.passed
    again.check("tidsbegrænset quiz afleveret af timeren")
