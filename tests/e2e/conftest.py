"""Browser journeys with Playwright driving Debian's Chromium against pytest-django's live server.

Marked ``e2e``: ``make test`` leaves them out (``-m "not e2e"``), ``make test-e2e`` runs them.
They skip with a reason when Chromium or Playwright is missing. Screenshots (390 px and desktop)
go to artifacts/e2e/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("PARAGRAF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "artifacts" / "e2e"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return "Playwright er ikke installeret (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"Chromium mangler ({CHROMIUM}); installer med: apt-get install -y chromium"
    if not AXE.exists():
        return "axe-core mangler (node_modules/axe-core); kør: npm ci"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            if reason and os.environ.get("PARAGRAF_E2E_REQUIRED"):
                raise pytest.UsageError(f"Browser-testene kan ikke køre: {reason}")
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session", autouse=True)
def _allow_sync_orm_next_to_playwright():
    """Playwright's sync API runs an event loop in this thread; the tests' own ORM calls (and the
    live server's) are synchronous, which Django refuses inside a loop unless told otherwise.
    Only these browser tests set it."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(_allow_sync_orm_next_to_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Browsing:
    """One person's browser tab against the live server, with the checks every page gets."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.csp_errors: list[str] = []
        self.shots = 0
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 400, (
            f"{path}: {response and response.status}"
        )
        return response

    def login(self, username: str, password: str = "pw") -> None:
        self.goto("/log-ind/")
        self.page.get_by_label("Brugernavn").fill(username)
        self.page.get_by_label("Adgangskode").fill(password)
        self.page.get_by_role("button", name="Log ind").click()
        self.page.wait_for_load_state()

    def axe(self) -> list[dict]:
        """Run axe-core (WCAG 2.1 A and AA rules) on the current page; returns serious and
        critical violations. Injected through the DevTools protocol, so the page's own CSP stays
        on."""
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
        result = self.page.evaluate(
            """async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
            }"""
        )
        return [v for v in result if v["impact"] in ("serious", "critical")]

    def check(self, label: str) -> None:
        """The checks every page gets: no serious or critical axe violation, no CSP violation,
        and screenshots at phone and desktop widths."""
        violations = self.axe()
        assert not violations, f"{label} ({self.page.url}): {violations}"
        assert not self.csp_errors, f"{label}: CSP blocked {self.csp_errors}"
        self.screenshot(label)

    def screenshot(self, label: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        slug = re.sub(r"[^a-z0-9]+", "-", f"{self.name}-{self.shots:02d}-{label}".lower()).strip(
            "-"
        )
        size = self.page.viewport_size
        for width_name, viewport in (("390", PHONE), ("desktop", DESKTOP)):
            self.page.set_viewport_size(viewport)
            self.page.screenshot(path=str(ARTIFACTS / f"{slug}-{width_name}.png"), full_page=True)
        if size:
            self.page.set_viewport_size(size)


@pytest.fixture
def browse(browser, live_server):
    """``browse("medarbejder")`` opens a fresh browser context (own cookies) for one person."""
    contexts = []

    def open_tab(name: str, *, viewport=DESKTOP, accept_downloads: bool = True) -> Browsing:
        context = browser.new_context(
            viewport=viewport, accept_downloads=accept_downloads, locale="da-DK"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return Browsing(page, live_server.url, name)

    yield open_tab
    for context in contexts:
        context.close()
