"""Sign-in for real: the dashboard configured with an ``[auth]`` section asks everyone to sign in first.

A local OpenID Connect provider (``oidc-provider-mock``) stands in for the NHS's; Chromium presses
Sign in, authorises a person on the provider's page, and comes back signed in.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e._signin import sign_in, signin_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard with sign-in configured and its own SQLite database."""
    folder: Path = tmp_path_factory.mktemp("signin")
    with signin_app(folder, f"sqlite:///{folder / 'planner.db'}") as url:
        yield url


def test_every_page_asks_for_sign_in_then_shows_who(browser, app_url: str, artifacts: Path) -> None:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    try:
        # a bookmarked page is gated too, not only the home page
        page.goto(f"{app_url}/coverage")
        page.get_by_role("button", name="Sign in").wait_for()
        assert page.locator("[data-testid='stSidebarNav']").count() == 0
        assert page.get_by_text("Competency coverage").count() == 0

        sign_in(page, app_url, "alice@example.org")
        page.get_by_role("heading", name="Team").first.wait_for()
        assert page.locator("[data-testid='stSidebarNav']").count() == 1
        assert page.get_by_text("Single-user mode").count() == 0
        page.screenshot(path=str(artifacts / "signin-signed-in.png"))

        page.get_by_role("button", name="Sign out").click()
        # the provider's own end-of-session page, then back to the dashboard, signed out
        page.get_by_role("button", name="End session").click()
        page.get_by_role("button", name="Sign in").wait_for()
        assert page.get_by_text("Signed in as alice@example.org").count() == 0
    finally:
        ctx.close()
