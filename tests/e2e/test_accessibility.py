"""axe-core on every page of the running dashboard: no serious or critical violation (issue 12).

axe-core's script ships inside the ``axe-playwright-python`` package and is injected into the page,
so nothing is fetched at test time. Every page is opened through the sidebar, as a user would, and
checked once its script run has finished and its charts are drawn. The full report of any page is
saved to ``test-artifacts/e2e/axe-<page>.json`` for a person to read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

PAGES = [
    "Team",
    "History",
    "Coverage",
    "Skill mix",
    "People",
    "Expansion",
    "Frameworks",
    "Business case",
    "Guide",
]
BLOCKING = {"serious", "critical"}


def idle(page, timeout: int = 90_000) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout
    )


def blocking(violations: list[dict]) -> list[str]:
    """``"rule (impact): help — first target"`` for each serious or critical violation."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target'] if v['nodes'] else ''}"
        for v in violations
        if v.get("impact") in BLOCKING
    ]


def test_no_page_has_a_serious_or_critical_axe_violation(page, server_url: str, artifacts: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.goto(server_url)
    page.get_by_role("heading", name="Team").first.wait_for()
    idle(page)
    found: dict[str, list[str]] = {}
    for title in PAGES:
        page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()
        page.wait_for_timeout(1_000)
        idle(page)
        # Elements of the last run stay faded (stale) until the new run replaces them: settle first,
        # so axe measures the contrast a reader sees.
        page.wait_for_timeout(3_000)
        idle(page)
        # Plotly's toolbar links have no accessible names (plotly.js #6645): the pages hide the toolbar.
        assert page.locator(".modebar-btn").count() == 0, title
        results = axe.run(page)
        violations = results.response["violations"]
        slug = title.lower().replace(" ", "-")
        (artifacts / f"axe-{slug}.json").write_text(json.dumps(violations, indent=1))
        if blocking(violations):
            found[title] = blocking(violations)
    assert not found, json.dumps(found, indent=1)
