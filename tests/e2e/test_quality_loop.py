"""Issue 21 in the browser: a jurist reads "Jura i praksis", follows a finding up with targeted
training for the unit's caseworkers, the caseworker sees it on Mine kurser, and HR downloads the
committee's status report as PDF and Word. axe-core (WCAG 2.1 A/AA, whole page) and the CSP on
each page, screenshots at 390 px and desktop in artifacts/e2e/."""

from __future__ import annotations

import zipfile

import pytest

from findings.models import Finding
from people.services import roles_ensure
from tests.findings.conftest import add_finding


@pytest.fixture
def byliv_findings(groups, jurist, hr, learner, units, provisions, cited_course):
    roles_ensure()
    made = [
        add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
        for _ in range(2)
    ]
    made.append(
        add_finding(
            by=jurist,
            units=[units["team"]],
            targets=[provisions["fvl22"]],
            severity=Finding.Severity.BEMAERKNING,
        )
    )
    return made


def test_a_jurist_follows_a_finding_up_and_the_caseworker_sees_the_course(
    browse, jurist, learner, units, provisions, byliv_findings
):
    tab = browse("jurist-fund")
    tab.login("jurist")
    tab.goto("/admin/jura-i-praksis/")
    first = tab.page.locator("table tbody tr").first
    assert "FVL § 19" in (first.text_content() or "")
    tab.check("jura i praksis")

    tab.goto(f"/admin/henvisninger/bestemmelse/{provisions['fvl19'].pk}/")
    assert tab.page.get_by_role("heading", name="Jura i praksis").is_visible()
    tab.check("bestemmelse med fund")

    tab.goto(f"/admin/fund-opfoelgning/?fund={byliv_findings[0].pk}")
    tab.check("fra fund til uddannelse")
    tab.page.get_by_label("Enhed (med underenheder)").select_option(label="Center for Byliv")
    tab.page.get_by_label("Stillingsbetegnelser (valgfrit)").fill("sagsbehandler")
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Opret og tildel").click()
    assert "er tildelt 1 medarbejdere" in tab.page.content()
    # Wagtail fades its message in: axe reads the colours once it has settled
    tab.page.wait_for_timeout(1000)
    tab.check("fund med opfoelgning")

    learner_tab = browse("medarbejder-opfoelgning")
    learner_tab.login("medarbejder")
    learner_tab.goto("/mine-kurser/")
    assert learner_tab.page.get_by_text("Opfølgning: FVL § 19, stk. 1").first.is_visible()
    learner_tab.check("mine kurser med opfoelgning")


def test_hr_downloads_the_status_report_as_pdf_and_word(browse, hr, units, byliv_findings):
    tab = browse("hr-statusrapport")
    tab.login("hr")
    tab.goto("/admin/statusrapport/")
    assert tab.page.get_by_role("heading", name="4. Fund fra praksis og opfølgning").is_visible()
    pictures = tab.page.locator(".status-report img")
    assert pictures.count() >= 1
    assert all(pictures.nth(i).get_attribute("alt") for i in range(pictures.count()))
    tab.check("statusrapport")
    with tab.page.expect_download() as pdf:
        tab.page.get_by_role("link", name="Hent som PDF").click()
    with open(pdf.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    with tab.page.expect_download() as word:
        tab.page.get_by_role("link", name="Hent som Word").click()
    assert word.value.suggested_filename.endswith(".docx")
    assert zipfile.is_zipfile(word.value.path())
