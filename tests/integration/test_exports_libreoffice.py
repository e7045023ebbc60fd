"""The XLSX and DOCX exports open cleanly in LibreOffice: converted headless to PDF, the content is there,
and formula-like text is shown literally, never evaluated."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from _pdf import squash
from PIL import Image, ImageDraw

from planner import export

pytestmark = pytest.mark.integration

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

if not (SOFFICE and PDFTOTEXT) and os.environ.get("PLANNER_REQUIRE_BROWSER") != "1":
    pytest.skip(
        "LibreOffice/pdftotext not installed (apt-get install libreoffice-calc-nogui "
        "libreoffice-writer-nogui poppler-utils)",
        allow_module_level=True,
    )

GAPS = pd.DataFrame(
    {
        "Band": ["Band 5", "Band 6", "Band 7"],
        "WTE in post": [3.2, 4.0, 1.5],
        "WTE needed": [4.0, 5.25, 1.5],
        "Gap cost (£)": [28_500.0, 52_125.0, 0.0],
        "Coverage share": [0.8, 0.762, 1.0],
        "Comment": ["=SUM(A1:A9)", "-3 vacancies", "@risk"],
    }
)


def convert(paths: list[Path], out: Path, profile: Path) -> dict[str, str]:
    """Convert with one soffice run; return ``{stem: pdftotext output}``."""
    assert SOFFICE and PDFTOTEXT, "PLANNER_REQUIRE_BROWSER=1 but LibreOffice or pdftotext is missing"
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    texts = {}
    for path in paths:
        pdf = out / f"{path.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, (
            f"no PDF for {path.name}: {proc.stdout} {proc.stderr}"
        )
        texts[path.stem] = subprocess.run(
            [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    return texts


def chart_png() -> bytes:
    """A stand-in chart image (no browser needed for this test)."""
    image = Image.new("RGB", (800, 400), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 300, 380), fill=(0, 94, 184))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("lo")
    buffer = io.BytesIO()
    wb = export.new_workbook(buffer)
    ws, _ = export.write_sheet(
        wb, "Gaps", GAPS, title="Gaps by band", notes=["Source: sample team (synthetic)", "=1+1 stays text"]
    )
    export.add_native_chart(
        wb, ws, GAPS, "column", "Band", ["WTE in post", "WTE needed"], "WTE by band", "WTE", "A10"
    )
    wb.close()
    xlsx = tmp / "gaps.xlsx"
    xlsx.write_bytes(buffer.getvalue())

    report = export.docx_report(
        "Pulmonary rehabilitation business case",
        [
            export.Section(
                "Summary",
                paragraphs=["Band 6 is 1.25 WTE short of the target mix."],
                key_figures={"Total gap": "2.05 WTE", "Annual cost of the gap": "£80,625"},
                figures=[export.Figure(chart_png(), "WTE in post and needed, by band")],
                tables=[export.Table(GAPS, "Gaps by band")],
                assumptions=pd.DataFrame(
                    {
                        "Parameter": ["On-costs"],
                        "Value": ["27.5%"],
                        "Source": ["Assumption: employer pension and NI"],
                    }
                ),
            )
        ],
        subtitle="Sample team",
    )
    docx = tmp / "case.docx"
    docx.write_bytes(report)
    return convert([xlsx, docx], tmp / "pdf", tmp / "profile")


def test_xlsx_converts_with_title_values_formats_and_notes(pdf_text: dict[str, str]) -> None:
    text = squash(pdf_text["gaps"])
    assert "Gaps by band" in text
    assert "Band 6" in text and "5.25" in text  # WTE, two decimals
    assert "£52,125" in text  # money format
    assert "76.2%" in text  # share format
    assert "Source: sample team (synthetic)" in text


def test_xlsx_formula_like_text_is_shown_literally(pdf_text: dict[str, str]) -> None:
    text = squash(pdf_text["gaps"])
    assert "=SUM(A1:A9)" in text
    assert "-3 vacancies" in text and "@risk" in text
    assert "=1+1 stays text" in text
    assert "#NAME?" not in text and "Err:" not in text


def test_docx_converts_with_headings_key_figures_captions_and_tables(pdf_text: dict[str, str]) -> None:
    text = squash(pdf_text["case"])
    assert "Pulmonary rehabilitation business case" in text
    assert "Summary" in text
    assert "Annual cost of the gap" in text and "£80,625" in text
    assert "Figure 1: WTE in post and needed, by band" in text
    assert "Table 1: Gaps by band" in text and "£52,125" in text and "76.2%" in text
    assert "=SUM(A1:A9)" in text
    assert "Table 2: Assumptions and sources" in text and "Assumption: employer pension and NI" in text
