"""AppTest of the download component: buttons appear with their keys, files are made only when asked,
and the bytes are right (XLSX without names and formula-safe; PNG at 2x and not black)."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from planner import export

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
DEMO = str(Path(__file__).resolve().parent / "downloads_demo.py")
KEYS = ["demo_chart_png", "demo_chart_svg", "demo_chart_html", "demo_table_xlsx", "demo_table_csv"]
REQUIRE_BROWSER = os.environ.get("PLANNER_REQUIRE_BROWSER") == "1"


def run_demo(**state: object) -> AppTest:
    at = AppTest.from_file(DEMO, default_timeout=60)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_buttons_are_there_and_nothing_is_made_before_a_click(
    deferred: dict[str, Callable[[], bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    for name in ("figure_png", "figure_svg", "figure_html", "table_xlsx", "table_csv"):
        real = getattr(export, name)
        monkeypatch.setattr(export, name, lambda *a, _n=name, _r=real, **k: made.append(_n) or _r(*a, **k))
    at = run_demo()
    assert [b.key for b in at.download_button] == KEYS
    assert [b.label for b in at.download_button] == [
        "PNG image",
        "SVG image",
        "Interactive HTML",
        "Excel (.xlsx)",
        "CSV",
    ]
    assert sorted(deferred) == sorted(
        ["wte-by-band.png", "wte-by-band.svg", "wte-by-band.html", "team-by-band.xlsx", "team-by-band.csv"]
    )
    assert made == []  # lazily: no export ran while the page rendered
    deferred["team-by-band.csv"]()
    assert made == ["table_csv"]


def test_xlsx_leaves_names_out_and_keeps_formula_text_as_text(
    deferred: dict[str, Callable[[], bytes]],
) -> None:
    run_demo()
    xlsx = deferred["team-by-band.xlsx"]()
    ws = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert ws.cell(row=1, column=1).value == "Team by band"
    header = [ws.cell(row=3, column=c).value for c in range(1, 6)]
    assert header == ["staff_id", "band", "WTE", "note", None]
    assert ws.cell(row=6, column=3).value == pytest.approx(-0.2)
    note = ws.cell(row=4, column=4)
    assert note.data_type == "s" and note.value.startswith(("=", "'="))
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    assert b"Synthetic Person" not in deferred["team-by-band.csv"]()
    assert "'=HYPERLINK" in deferred["team-by-band.csv"]().decode("utf-8-sig")


def test_names_are_kept_when_asked(deferred: dict[str, Callable[[], bytes]]) -> None:
    run_demo(with_names=True)
    ws = openpyxl.load_workbook(io.BytesIO(deferred["team-by-band.xlsx"]())).worksheets[0]
    assert [ws.cell(row=3, column=c).value for c in (1, 2)] == ["staff_id", "name"]
    assert ws.cell(row=4, column=2).value == "Synthetic Person A"


def test_html_download_is_the_self_contained_chart(deferred: dict[str, Callable[[], bytes]]) -> None:
    run_demo()
    page = deferred["wte-by-band.html"]().decode("utf-8")
    assert "<title>WTE by band</title>" in page and "Band 5 has the most WTE." in page
    assert "#000001" not in page


@pytest.mark.skipif(
    export.browser_path() is None and not REQUIRE_BROWSER,
    reason="Chromium not installed (apt-get install chromium)",
)
def test_png_and_svg_downloads_are_made_on_click_and_never_black(
    deferred: dict[str, Callable[[], bytes]],
) -> None:
    at = run_demo()
    assert not at.download_button(key="demo_chart_png").disabled
    png = deferred["wte-by-band.png"]()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (2000, 1200)
    colours = {c for _, c in Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1_000_000)}
    assert (0, 94, 184) in colours  # NHS blue bars, not Streamlit's black placeholder
    svg = deferred["wte-by-band.svg"]()
    assert svg.startswith(b"<svg") and b"<title>Band 5 has the most WTE.</title>" in svg


def test_image_buttons_are_disabled_with_a_reason_without_chromium(
    deferred: dict[str, Callable[[], bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = run_demo()
    png, svg, html = (at.download_button(key=k) for k in KEYS[:3])
    assert png.disabled and svg.disabled and not html.disabled
    assert "Chromium" in png.help
    assert "wte-by-band.png" not in deferred  # a disabled button leaves no callable behind
