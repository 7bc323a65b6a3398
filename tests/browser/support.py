"""Helpers for browser tests: sign in through the real form, run axe-core. The fixtures (one Chromium
for the whole run, a fresh page per test) are in the root conftest.py, so every app's browser tests share
them; see its docstring for how Playwright and the Django ORM live together."""

from playwright.sync_api import Page, expect

from conftest import PASSWORD

AXE_SCRIPT = "/static/axe/axe.min.js"
SEVERE = {"serious", "critical"}

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
