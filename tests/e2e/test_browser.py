"""The dashboard in a real browser: Debian's Chromium driven by Playwright against ``streamlit run``.

Screenshots of each page are saved to ``test-artifacts/e2e`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def wait_for_chart(page, timeout: int = 30_000) -> None:
    """Wait until a Plotly chart has drawn its SVG."""
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for(timeout=timeout)


def test_frameworks_page_draws_the_heatmap(page, server_url: str, artifacts: Path) -> None:
    page.goto(f"{server_url}/frameworks")
    page.get_by_text("Competency frameworks").first.wait_for()
    wait_for_chart(page)
    cells = page.locator("[data-testid='stPlotlyChart'] .hm, [data-testid='stPlotlyChart'] image")
    assert cells.count() > 0, "the heatmap layer was not drawn"
    assert page.get_by_text("Leads on").count() > 0 or page.locator("text=Demonstrates").count() > 0
    page.screenshot(path=str(artifacts / "frameworks.png"))
