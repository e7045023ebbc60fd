"""Switching the service type in a real browser: the levels and the words change (issue 16).

Debian's Chromium under Playwright against the dashboard as ``make run`` serves it (fixtures in
``tests/e2e/conftest.py``; ``PLANNER_REQUIRE_BROWSER=1`` turns a skip into a failure).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def idle(page, timeout: int = 60_000) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout
    )


def choose_type(page, label: str) -> None:
    """Pick a service type in the Team page's select box."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Service type").first
    box.click()
    page.get_by_role("option", name=label, exact=True).click()
    page.wait_for_timeout(300)
    idle(page)


def test_switching_the_service_type_changes_levels_and_words(page, server_url, artifacts) -> None:
    page.goto(server_url)
    idle(page)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("Pulmonary rehabilitation", exact=False).first).to_be_visible(timeout=30_000)
    assert "career level" not in main.inner_text()

    choose_type(page, "Clinical homecare")
    expect(main.get_by_text("Clinical homecare, as chosen", exact=False)).to_be_visible(timeout=30_000)
    expect(main.get_by_text("career level was inferred from their band", exact=False)).to_be_visible()
    expect(main.get_by_text("Supportive Level Practice", exact=False).first).to_be_attached()
    assert "BTS" not in main.locator("[data-testid='stAlert']").first.inner_text()
    page.screenshot(path=str(artifacts / "service-type-homecare.png"), full_page=True)

    choose_type(page, "Primary care (PCN)")
    expect(main.get_by_text("Primary care (PCN), as chosen", exact=False)).to_be_visible(timeout=30_000)
    expect(main.get_by_text("ARRS role", exact=False).first).to_be_visible()
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="ARRS envelope", exact=True).click()
    page.wait_for_timeout(300)
    idle(page)
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Remaining").first).to_be_visible(
        timeout=60_000
    )
    expect(main.get_by_text("maximum not found: enter yours").first).to_be_attached()
    page.screenshot(path=str(artifacts / "service-type-pcn-arrs.png"), full_page=True)
