"""Acting in the app, in a real browser: click a coverage heatmap cell and see who is behind it;
correct a rejected roster row on the Team page and see the person counted (issue 11).

Debian's Chromium under Playwright against the dashboard as ``make run`` serves it (fixtures in
``tests/e2e/conftest.py``). Screenshots go to ``test-artifacts/e2e``.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from planner import samples
from planner.views.coverage import coverage_view
from planner.views.session import sample_roster

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stPlotlyChart']"


def idle(page, timeout: int = 60_000) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout
    )


def go(page, title: str) -> None:
    """Follow a link in the sidebar navigation (keeps the browser session, unlike page.goto)."""
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()
    page.wait_for_timeout(300)
    idle(page)


def grid_text(page, index: int) -> str:
    """The text of the ``index``-th table on the page (Streamlit's grid keeps an accessible copy)."""
    grid = page.locator("[data-testid='stDataFrame']").nth(index)
    grid.scroll_into_view_if_needed()
    return grid.inner_text()


def test_clicking_a_heatmap_cell_shows_the_people_behind_it(page, server_url, artifacts) -> None:
    page.goto(server_url)
    idle(page)
    go(page, "Coverage")
    chart = page.locator(CHART).first
    chart.locator(".nsewdrag").first.wait_for(timeout=90_000)  # the first draw is slow on a loaded machine
    chart.scroll_into_view_if_needed()
    # The band heatmap as the page computes it today: its first row and column are the cell clicked.
    view = coverage_view(sample_roster().staff, sample_roster().competencies, "bts", date.today())
    fig = view.band_heatmap()
    rows, cols = len(fig.data[0].y), len(fig.data[0].x)
    band, domain = fig.data[1].customdata[0][:2]
    expected = sorted(view.statuses.loc[view.statuses["band"].astype(str) == band, "staff_id"].unique())
    box = chart.locator(".nsewdrag").first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / (2 * cols), box["y"] + box["height"] / (2 * rows))
    idle(page)
    expect(page.get_by_text("From the cell selected in the chart").first).to_be_visible(timeout=30_000)
    page.screenshot(path=str(artifacts / "coverage-cell-clicked.png"), full_page=True)
    people = page.locator("[data-testid='stDataFrame']").filter(has_text="Staff ID").first
    people.scroll_into_view_if_needed()
    text = people.text_content() or ""
    for staff_id in expected:
        assert staff_id in text
    assert band == "3" and domain


def metric(page, label: str):
    """The value of the metric with this label (a locator, so that ``expect`` can wait for it)."""
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return box.locator("[data-testid='stMetricValue']")


def test_correcting_a_rejected_row_on_the_team_page_counts_the_person(
    page, server_url, tmp_path, artifacts
) -> None:
    team = samples.generate_team(21, service="Seaview PR")
    staff = team.staff.copy()
    staff.loc[3, "Band"] = "Bnad 5"  # SYN10004, full row 5 of the Staff sheet
    roster = tmp_path / "typo_team.xlsx"
    roster.write_bytes(samples.to_xlsx(samples.Sample(staff, team.records)))
    page.goto(server_url)
    idle(page)
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(roster))
    page.get_by_role("heading", name="Correct rows here").wait_for()
    idle(page)
    before = int(metric(page, "People").inner_text().strip())
    expect(page.get_by_text("Did you mean Band: 'Band 5'?").first).to_be_visible()
    # Type the correction into the Band cell of the editable table, as a user would.
    editor = page.locator("[data-testid='stDataFrame']").filter(has_text="Did you mean").first
    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first cell of the first row
    columns = list(correction_columns(staff, team))
    for _ in range(columns.index("Band")):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # open the cell's editor
    page.wait_for_timeout(300)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Band 5", delay=30)
    page.keyboard.press("Enter")  # commit the edit
    page.wait_for_timeout(500)
    idle(page)
    expect(page.get_by_text("1 cell(s) corrected").first).to_be_visible(timeout=30_000)
    expect(metric(page, "People")).to_have_text(str(before + 1), timeout=30_000)
    expect(metric(page, "Reported")).to_have_text("0")
    page.screenshot(path=str(artifacts / "team-row-corrected.png"), full_page=True)
    go(page, "Coverage")
    go(page, "Team")
    expect(metric(page, "People")).to_have_text(str(before + 1), timeout=30_000)  # kept in the session


def correction_columns(staff, team) -> list[str]:
    """The editable table's columns for this roster, as the page builds them."""
    from planner.views.corrections import correction_table, raw_sheets
    from planner.views.session import read_team

    data = samples.to_xlsx(samples.Sample(staff, team.records))
    read = read_team(data, "typo_team.xlsx")
    return list(correction_table(read, raw_sheets(data, "typo_team.xlsx")).table.columns)
