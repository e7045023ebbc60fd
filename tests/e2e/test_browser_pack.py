"""The commissioner's journey in a real browser: edit a parameter on Expansion, leave the page and come
back to find the edit kept, build the pack on Business case, and find the edited value in the pack's
workbook and the board paper's marking, ask and options in its Word document."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import openpyxl
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stPlotlyChart'] .main-svg"
EDITED = 0.47  # the referral rate in the target year; the status quo keeps today's 36.9%
LABEL = re.compile(r"^Referral rate in the target year")


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


def test_an_edit_on_expansion_reaches_the_pack(page, server_url: str, artifacts) -> None:
    page.goto(server_url)
    idle(page)
    go(page, "Expansion")
    page.locator(CHART).first.wait_for(timeout=60_000)
    box = page.get_by_role("spinbutton", name=LABEL)
    box.fill(str(EDITED))
    page.get_by_role("button", name="Update the model").click()
    page.wait_for_timeout(500)
    idle(page)
    expect(page.get_by_text("Status quo (edited)").first).to_be_visible(timeout=60_000)

    # Leave the page and come back: the edit is still there.
    go(page, "Business case")
    go(page, "Expansion")
    page.locator(CHART).first.wait_for(timeout=60_000)
    expect(page.get_by_role("spinbutton", name=LABEL)).to_have_value(re.compile(r"^0\.470*$"))

    go(page, "Business case")
    expect(page.get_by_text("Scenario in the pack: Status quo (edited)")).to_be_visible()
    expect(page.get_by_text("Your edits on the Expansion page, which go into the pack (1)")).to_be_visible()
    button = page.get_by_role("button", name="Build business-case pack")
    page.screenshot(path=str(artifacts / "business_case_edits.png"))
    button.click()  # builds with a status of its steps, then offers the ZIP
    page.get_by_text("Pack built:").first.wait_for(timeout=180_000)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the pack (ZIP)").click()
    path = artifacts / "business_case_pack_edited.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as pack:
        book = openpyxl.load_workbook(io.BytesIO(pack.read("business_case.xlsx")))
        document = docx.Document(io.BytesIO(pack.read("business_case.docx")))
        scenario = pack.read("scenario.yaml").decode()
    params = {r[1]: r[2] for r in book["Parameters"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert params["Referral rate in the target year (assumption)"] == pytest.approx(EDITED)
    assert f"referral_rate_target: {EDITED}" in scenario
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"
    text = [p.text for p in document.paragraphs]
    assert any(t.startswith(("The ask:", "None of the")) for t in text)
    options = [r.cells[0].text for r in document.tables[0].rows[1:]]
    assert options[0] == "Do nothing (status quo)" and options[-2:] == [
        "Status quo (edited)",
        "Least-cost mix (optimiser)",
    ]
