"""The team's history in a real browser: save, close the browser, come back, reopen, see the trend; and sign-in per team.

Two stories from issue 14, each on its own dashboard server and a real Postgres database (a throwaway
server, ``tests/postgres.py``; SQLite where Postgres cannot start, unless ``PLANNER_REQUIRE_POSTGRES=1``):

* a service lead saves the team twice, closes the browser, opens the dashboard again, reopens the team
  without uploading and sees its trend on the History page;
* with sign-in (a real OpenID Connect provider), Alice and Bob each save a team; neither sees, lists
  or opens the other's, whether from the lists or by a link naming it (``?team=``);
* the administrator gives Cara, a commissioner, a region with ``planner history region``, and one
  team that region; signed in, Cara sees only that team, and what changed in it as counts only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.vocab import format_date
from tests.e2e._signin import shared_database, sign_in, signin_app
from tests.e2e.conftest import TEST_ID_KEY, need_chromium, serve
from tests.e2e.test_browser import go, idle

pytestmark = pytest.mark.e2e


def new_page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    return ctx, pg


TODAY = format_date(date.today())


def options_of(page, label: str) -> list[str]:
    """The options a Streamlit selectbox offers (opened, read, closed)."""
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [o.strip() for o in options]


def set_date(page, label: str, value: str) -> None:
    """Type a date (DD/MM/YYYY) into a Streamlit date input, one segment at a time, and confirm it."""
    day, month, year = value.split("/")
    for part, text in (("day", day), ("month", month), ("year", year)):
        page.get_by_role("spinbutton", name=f"{part}, {label}").click()
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    idle(page)
    page.wait_for_timeout(300)
    idle(page)


def save_snapshot(page, team: str, as_of: str | None = None) -> None:
    """Fill the Team page's "Save as snapshot" and press it; wait for the confirmation."""
    page.get_by_label("Team name").fill(team)
    page.get_by_label("Team name").press("Enter")
    idle(page)
    if as_of:
        set_date(page, "As of", as_of)
    page.get_by_role("button", name="Save as snapshot").click()
    idle(page)
    page.get_by_text(f"the snapshot of {team} for").wait_for()


@pytest.fixture(scope="module")
def lead_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A single-user dashboard (no sign-in) on its own database."""
    need_chromium()
    folder = tmp_path_factory.mktemp("lead")
    with (
        shared_database(folder) as db_url,
        serve(
            log_name="server-history.log", env={"PLANNER_DB_URL": db_url, "PLANNER_ID_KEY": TEST_ID_KEY}
        ) as url,
    ):
        yield url


def test_lead_saves_closes_the_browser_comes_back_and_sees_the_trend(
    browser, lead_app: str, artifacts: Path
) -> None:
    ctx, page = new_page(browser)
    try:
        page.goto(lead_app)
        page.get_by_role("heading", name="Team").first.wait_for()
        page.get_by_text("refreshing or closing the page loses it").wait_for()
        save_snapshot(page, "Seaview PR", "01/03/2026")
        save_snapshot(page, "Seaview PR", "01/06/2026")
        # the same team and date again: asked, never overwritten silently
        page.get_by_role("button", name="Save as snapshot").click()
        idle(page)
        page.get_by_text("already has a snapshot for").wait_for()
        page.get_by_role("button", name="Keep the stored snapshot").click()
        idle(page)
    finally:
        ctx.close()  # the lead closes the browser: the session and its roster are gone

    ctx, page = new_page(browser)
    try:
        page.goto(lead_app)
        page.get_by_role("heading", name="Team").first.wait_for()
        page.get_by_role("button", name="Reopen its latest snapshot").click()
        idle(page)
        page.get_by_text("reopened without an upload").wait_for()
        page.screenshot(path=str(artifacts / "history-reopened.png"))
        go(page, "History")
        page.get_by_text("Verified coverage went from").wait_for()
        page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
        body = page.locator("[data-testid='stMain']").inner_text()
        assert "1 Mar 2026" in body and "1 Jun 2026" in body
        assert "From 1 Mar 2026 to 1 Jun 2026" in body
        page.screenshot(path=str(artifacts / "history-trend.png"), full_page=True)
        # the History page with its charts and tables drawn passes axe like every other page
        from axe_playwright_python.sync_playwright import Axe

        from tests.e2e.test_accessibility import blocking

        page.wait_for_timeout(2_000)
        assert not blocking(Axe().run(page).response["violations"])
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared deployment: sign-in against a real OpenID Connect provider, one database for everyone."""
    folder = tmp_path_factory.mktemp("shared")
    with shared_database(folder) as db_url, signin_app(folder, db_url, log_name="server-shared.log") as url:
        SHARED_DB[url] = db_url
        yield url


SHARED_DB: dict[str, str] = {}  # the shared app's address → its database URL (for the administrator's CLI)


def test_a_signed_in_person_cannot_list_or_open_anothers_team(
    browser, shared_app: str, artifacts: Path
) -> None:
    for who, team in (("alice@example.org", "Alice PR"), ("bob@example.org", "Bob PR")):
        ctx, page = new_page(browser)
        try:
            sign_in(page, shared_app, who)
            page.get_by_role("heading", name="Team").first.wait_for()
            save_snapshot(page, team)
        finally:
            ctx.close()

    ctx, page = new_page(browser)
    try:
        sign_in(page, shared_app, "bob@example.org")
        # the Team page offers only Bob's team to reopen
        page.get_by_role("button", name="Reopen its latest snapshot").wait_for()
        assert options_of(page, "Saved team") == [f"Bob PR (latest snapshot {TODAY})"]
        assert "Alice PR" not in page.locator("[data-testid='stMain']").inner_text()
        # the History page lists only Bob's team
        go(page, "History")
        page.get_by_text("Verified coverage").first.wait_for()
        assert options_of(page, "Team") == ["Bob PR"]
        # a link naming Alice's team is refused, and nothing of hers is shown
        page.goto(f"{shared_app}/history?team=Alice%20PR")
        page.get_by_text("not one of your teams").wait_for()
        idle(page)
        body = page.locator("[data-testid='stMain']").inner_text()
        assert "Alice PR" not in body.replace("?team=Alice PR", "")
        page.screenshot(path=str(artifacts / "history-refused.png"), full_page=True)
    finally:
        ctx.close()


def test_a_commissioner_sees_only_the_teams_of_their_region(
    browser, shared_app: str, artifacts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.cli import main

    ctx, page = new_page(browser)
    try:
        sign_in(page, shared_app, "dan@example.org")
        page.get_by_role("heading", name="Team").first.wait_for()
        save_snapshot(page, "Dan North PR")
    finally:
        ctx.close()
    monkeypatch.setenv("PLANNER_ID_KEY", TEST_ID_KEY)
    db = ["--db", SHARED_DB[shared_app]]
    assert main(["history", "region", "--team", "Dan North PR", "--region", "North", *db]) == 0
    assert main(["history", "region", "--user", "cara@example.org", "--region", "North", *db]) == 0

    ctx, page = new_page(browser)
    try:
        sign_in(page, shared_app, "cara@example.org")
        go(page, "History")
        page.get_by_text("Verified coverage").first.wait_for()
        assert options_of(page, "Team") == ["Dan North PR"]
        body = page.locator("[data-testid='stMain']").inner_text()
        assert "Alice PR" not in body and "Bob PR" not in body
        assert "Download the team's data" not in body
        page.screenshot(path=str(artifacts / "history-commissioner.png"), full_page=True)
    finally:
        ctx.close()
