"""Issue 20 in the browser: HR opens the compliance overview, picks an area, clicks the worst
centre's bar and lands on its assignment list; the manager sees the team chart on /mit-team/.
axe-core (WCAG 2.1 A/AA, whole page, Wagtail's chrome included) and the CSP on each page,
screenshots at 390 px and desktop in artifacts/e2e/."""

from __future__ import annotations

import pytest
from django.utils import timezone

from compliance.models import Assignment, Requirement, Status
from compliance.services import counts_rebuild, requirements_evaluate
from demo.overview import seed_overview
from people.services import roles_ensure
from tests.compliance.conftest import requirement
from tests.e2e.conftest import ARTIFACTS, PHONE
from tests.factories import UserFactory, course, unit


@pytest.fixture
def history(tree, units, groups, learner, manager, hr, outsider):
    """A requirement for everyone, a second centre in the area where nobody has started, the
    learner's cycle completed, and a year of history derived from today's counts."""
    roles_ensure()
    lagging = unit("BA-BYG", "Center for Bygninger", units["area"])
    for _ in range(3):
        UserFactory(org_unit=lagging)
    page = course("Onboarding", modules=1, lessons=1)
    requirement(page, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate(today=timezone.localdate())
    Assignment.objects.filter(person=learner).update(
        status=Status.COMPLETED, completed_at=timezone.now()
    )
    counts_rebuild()
    seed_overview({})
    return lagging


def tall_screenshot(tab, width: int, name: str) -> None:
    """The whole dashboard in one picture: the admin scrolls inside its own frame, so a page
    screenshot shows only the first screen; a tall window shows it all."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = tab.page.viewport_size
    tab.page.set_viewport_size({"width": width, "height": 3000})
    tab.page.screenshot(path=str(ARTIFACTS / name))
    if size:
        tab.page.set_viewport_size(size)


def test_hr_opens_the_overview_and_clicks_the_worst_centres_bar(browse, hr, units, history):
    tab = browse("hr-overblik")
    tab.login("hr")
    tab.goto("/admin/overblik/")
    assert tab.page.get_by_role("heading", name="Overholdelse over tid").is_visible()
    assert tab.page.locator("svg[role=img] title").first.text_content()
    tab.check("overblik")

    tab.page.get_by_label("Enhed (med underenheder)").select_option(label="Byens Anvendelse")
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Vis", exact=True).click()
    worst = tab.page.locator("svg a.chart-row").first
    assert "Center for Bygninger" in (worst.text_content() or "")
    tab.page.get_by_text("Vis tallene som tabel").first.click()
    assert tab.page.locator("table.chart-table").first.is_visible()
    tab.page.get_by_role("heading", name="Status pr. underenhed i dag").scroll_into_view_if_needed()
    tab.check("overblik byens anvendelse")
    tall_screenshot(tab, 1280, "hr-overblik-diagrammer-desktop.png")
    with tab.page.expect_navigation():
        worst.click()
    assert f"/admin/tildelinger/?unit={history.pk}" in tab.page.url
    assert "gyldig valgmulighed" not in tab.page.content()
    tab.screenshot("tildelinger center for bygninger")


def test_the_overview_reads_on_a_phone(browse, hr, units, history):
    """Opened at 390 px (Wagtail's admin lays itself out for the width it starts at)."""
    tab = browse("hr-overblik-telefon", viewport=PHONE)
    tab.login("hr")
    tab.goto(f"/admin/overblik/?unit={units['area'].pk}")
    tab.page.get_by_role("heading", name="Overholdelse over tid").scroll_into_view_if_needed()
    width = tab.page.locator("svg.chart-svg").first.bounding_box()["width"]
    assert 300 <= width <= 390, width
    # Before check(): its desktop screenshot leaves Wagtail's sidebar laid out for the desktop.
    tall_screenshot(tab, PHONE["width"], "hr-overblik-diagrammer-390.png")
    tab.check("overblik paa telefon")


def test_hr_sees_the_compliance_panel_on_the_admin_home(browse, hr, history):
    tab = browse("hr-forside")
    tab.login("hr")
    tab.goto("/admin/")
    assert tab.page.get_by_role("heading", name="Overholdelse de seneste 12 måneder").is_visible()
    tab.check("admin forside med overblik")


def test_the_manager_sees_the_team_chart_on_mit_team(browse, manager, history):
    tab = browse("leder-overblik")
    tab.login("leder")
    tab.goto("/mit-team/")
    chart = tab.page.locator("#team-overview-heading")
    assert chart.is_visible()
    assert tab.page.locator("svg[role=img] #team-title").count() == 1
    tab.page.get_by_text("Vis tallene som tabel").click()
    tab.check("mit team udvikling")


def test_hr_pages_through_the_assignment_list_by_keys(browse, hr, history, monkeypatch):
    """Keyset pages in the browser: next and previous keep the filter, the rows change, and
    the pager is axe-clean."""
    from compliance.reports import AssignmentReport

    monkeypatch.setattr(AssignmentReport, "paginate_by", 2)
    tab = browse("hr-tildelinger-sider")
    tab.login("hr")
    tab.goto("/admin/tildelinger/?status=not_started")
    rows = tab.page.locator("table.listing tbody tr")
    first = rows.all_text_contents()
    assert len(first) == 2
    assert tab.page.get_by_text("tildelinger i alt").is_visible()
    tab.check("tildelinger side 1")
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="Næste").click()
    assert "efter=" in tab.page.url and "status=not_started" in tab.page.url
    second = rows.all_text_contents()
    assert second and not set(second) & set(first)
    tab.check("tildelinger side 2")
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="Forrige").click()
    assert rows.all_text_contents() == first
