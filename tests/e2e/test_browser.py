"""The dashboard in a real browser: Debian's Chromium driven by Playwright against ``streamlit run``.

One journey, as a service lead would take it: upload a roster saved by LibreOffice on the Team page,
see the coverage heatmap drawn, change a parameter on the Expansion page and see the chart change,
download the business-case pack and open it. Screenshots of each page are saved to
``test-artifacts/e2e`` for a person to look at.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from planner import samples
from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue
from planner.views.people import person_name, person_options, person_view

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stPlotlyChart'] .main-svg"


def wait_for_chart(page, timeout: int = 30_000) -> None:
    """Wait until a Plotly chart has drawn its SVG."""
    page.locator(CHART).first.wait_for(timeout=timeout)


def idle(page, timeout: int = 60_000) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout
    )


def cells(df: pd.DataFrame) -> str:
    """Every cell and header of a sheet as one string."""
    return " ".join(map(str, [*df.columns, *df.to_numpy().ravel()]))


def go(page, title: str) -> None:
    """Follow a link in the sidebar navigation (keeps the browser session, unlike page.goto)."""
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()
    page.wait_for_timeout(300)
    idle(page)


@pytest.fixture(scope="module")
def libreoffice_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic team (another seed than the built-in sample) saved as .ods by LibreOffice."""
    work = tmp_path_factory.mktemp("lo")
    source = work / "other_team.xlsx"
    source.write_bytes(samples.to_xlsx(samples.generate_team(21, service="Seaview PR")))
    profile = work / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    out = work / "other_team.ods"
    assert out.exists() and out.stat().st_size > 0
    return out


def test_a_bookmarked_page_opens_inside_the_app(page, server_url: str, artifacts: Path) -> None:
    """The first request of a fresh server names a page: it must still run through app.py's router."""
    page.goto(f"{server_url}/frameworks")
    nav = page.locator("[data-testid='stSidebarNav']")
    nav.get_by_role("link", name="Guide", exact=True).wait_for()  # app.py's navigation (one flat list)
    assert nav.get_by_role("link", name="Team", exact=True).count() == 1
    assert nav.get_by_role("link", name="downloads").count() == 0  # no legacy pages/ listing
    assert nav.get_by_role("link", name="tables").count() == 0
    page.get_by_text("Competency frameworks").first.wait_for()
    wait_for_chart(page)
    assert page.locator(f"{CHART} .hm image, {CHART} .heatmaplayer image").count() > 0
    assert page.locator(CHART).first.get_by_text("Leads on").count() > 0
    page.screenshot(path=str(artifacts / "frameworks.png"))


def test_service_lead_journey(page, server_url: str, artifacts: Path, libreoffice_roster: Path) -> None:
    expected = read_roster(libreoffice_roster.read_bytes(), libreoffice_roster.name, catalogue=CATALOGUE)

    # Team: the sample is loaded; upload the LibreOffice-saved roster instead.
    page.goto(server_url)
    idle(page)
    page.get_by_role("heading", name="Team").first.wait_for()
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(libreoffice_roster))
    page.get_by_text("other_team.ods").first.wait_for()
    idle(page)
    accepted = page.locator("[data-testid='stMetric']").filter(has_text="Accepted").first
    expect(accepted).to_contain_text(str(expected.rows["accepted"]), timeout=60_000)
    expect(page.get_by_role("heading", name="other_team.ods")).to_be_visible()
    page.screenshot(path=str(artifacts / "team.png"))

    # Coverage: the heatmap is drawn for the uploaded team.
    go(page, "Coverage")
    wait_for_chart(page)
    assert page.locator(f"{CHART} .hm image, {CHART} .heatmaplayer image").count() > 0
    page.screenshot(path=str(artifacts / "coverage.png"))

    go(page, "Skill mix")
    wait_for_chart(page)
    assert page.locator(f"{CHART} .bars path").count() > 0
    page.screenshot(path=str(artifacts / "skill_mix.png"))

    # People: the first person by staff id, against BTS as of today, without names.
    go(page, "People")
    person = next(iter(person_options(expected.staff, show_names=False)))
    view = person_view(expected.staff, expected.competencies, "bts", person, date.today())
    expect(page.get_by_role("heading", name=person)).to_be_visible(timeout=30_000)
    verified = page.locator("[data-testid='stMetric']").filter(has_text="Verified").first
    expect(verified).to_contain_text(f"{view['verified']} of {view['required']}")
    expect(page.get_by_text(view["caption"]).first).to_be_visible()
    name = person_name(expected.staff, person)
    assert name and name not in page.locator("[data-testid='stMain']").inner_text()
    page.screenshot(path=str(artifacts / "people.png"))

    # Expansion: change the population served; the first chart redraws with other values.
    go(page, "Expansion")
    wait_for_chart(page, timeout=60_000)
    before = page.locator(CHART).first.inner_html()
    box = page.get_by_role("spinbutton", name="Population served (assumption) (people)")
    box.fill("3000000")
    page.get_by_role("button", name="Update the model").click()
    page.wait_for_timeout(500)
    idle(page)
    page.wait_for_function(
        "(before) => document.querySelector(\"[data-testid='stPlotlyChart'] .main-svg\").innerHTML !== before",
        arg=before,
        timeout=60_000,
    )
    page.screenshot(path=str(artifacts / "expansion.png"))

    # Business case: download the pack and open it.
    go(page, "Business case")
    button = page.get_by_role("button", name="Build business-case pack")
    button.wait_for()
    page.screenshot(path=str(artifacts / "business_case.png"))
    button.click()  # builds with a status of its steps, then offers the ZIP
    page.get_by_text("Pack built:").first.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the pack (ZIP)").click()
    path = artifacts / "business_case_pack.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as pack:
        names = pack.namelist()
        assert "business_case.xlsx" in names and "business_case.docx" in names
        assert any(n.endswith(".png") for n in names) and any(n.endswith(".svg") for n in names)
        book = pd.read_excel(io.BytesIO(pack.read("business_case.xlsx")), sheet_name=None, engine="calamine")
    assert {"Summary", "Coverage", "Parameters", "Trajectory"} <= set(book)
    # Named after the service, never the uploaded file (planner.pack.contents.default_title).
    assert "Seaview PR" in cells(book["Summary"])
    staff_ids = set(expected.staff["staff_id"])
    all_cells = " ".join(cells(df) for df in book.values())
    assert "other_team" not in all_cells
    assert not any(sid in all_cells for sid in staff_ids), "the default pack must hold aggregates only"
