"""Browser tests: Debian's headless Chromium, driven by Playwright, against pytest-django's live server.

Two things make Playwright's sync API and the Django ORM work together in one process:

* Playwright's sync API runs its asyncio event loop on the main thread (it switches to it through a
  greenlet), so ``asyncio.get_running_loop()`` finds a loop for as long as the browser is open. Django
  then takes every ORM call a test makes (building fixtures, checking what a form saved, flushing the
  database afterwards) for a call from async code and raises SynchronousOnlyOperation. The test code is
  ordinary synchronous code that never shares a connection with that loop, so telling Django to allow it
  (DJANGO_ALLOW_ASYNC_UNSAFE) is safe. The variable is set only while the browser is open: set for the
  whole run it would leak into other tests' subprocesses, and ``manage.py check --deploy`` rightly
  refuses it (async.E001).
* The live server answers the browser from another thread, which sees only committed data: tests mark
  themselves ``@pytest.mark.django_db(transaction=True)``.

One Chromium serves every browser test (they all live in this package, so package scope means once a
run); each test gets a fresh context, so no cookies carry over.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from conftest import PASSWORD

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_SCRIPT = "/static/axe/axe.min.js"
SEVERE = {"serious", "critical"}
ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Playwright's own default is 30 seconds; a page of this app that takes more than 10 is a failure.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: run ./scripts/ensure-chromium "
                    "or set CHROMIUM to its path.")
    previous = os.environ.get(ALLOW_ASYNC_UNSAFE)
    os.environ.setdefault(ALLOW_ASYNC_UNSAFE, "true")
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ALLOW_ASYNC_UNSAFE, None)


@pytest.fixture
def page(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def signed_in(page: Page, user, password: str = PASSWORD) -> Page:
    """Sign ``user`` in through the real sign-in form and wait until the page shows it."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    return page


def axe(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; return its serious and critical violations, summarised."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_SCRIPT)
    violations = page.evaluate(
        "async () => (await window.axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [" ".join(map(str, node["target"])) + ": " + node["html"][:200] for node in violation["nodes"]],
        }
        for violation in violations
        if violation["impact"] in SEVERE
    ]
