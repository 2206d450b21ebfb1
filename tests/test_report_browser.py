"""The HTML report opened in a real browser (Debian Chromium under Playwright): it renders
without console errors and without a single network request."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Request, Route, sync_playwright

from headway.report.render import write_report
from test_report_render import sample_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-breakpad",
    "--disable-crash-reporter",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.mark.browser
def test_html_report_in_chromium(tmp_path: Path) -> None:
    assert CHROMIUM.exists(), "install Debian's chromium (scripts/test does)"
    page_file = write_report(sample_report(), tmp_path, "html")
    requests: list[str] = []
    blocked: list[str] = []
    errors: list[str] = []

    def route(route: Route, request: Request) -> None:
        requests.append(request.url)
        if request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri(), wait_until="load")
            column = page.evaluate("document.body.firstElementChild.getBoundingClientRect().width")
            chart = page.evaluate("document.querySelector('svg').getBoundingClientRect().width")
            title = page.title()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 800})
            overflow = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()

    assert errors == []
    assert blocked == []
    assert requests == [page_file.as_uri()]
    assert title == "Acme platform: weekly report 2026-W48"
    assert column == 760
    assert chart > 500
    # On a phone the tables may be tight, but the page must not be several screens wide.
    assert overflow < 900
