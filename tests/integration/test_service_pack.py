"""The pack for a clinical homecare and a PCN team: it builds, with the type's headline and sections (issue 16)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from planner.cli import main
from planner.pack.service_pack import build_service_pack
from planner.paths import SAMPLES_DIR
from planner.skillmix.arrs import ArrsInputs
from planner.views.service import sample_for
from planner.views.session import read_team

pytestmark = pytest.mark.integration
AS_OF = date(2026, 1, 15)


def _doc_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        d = docx.Document(io.BytesIO(z.read("business_case.docx")))
    paragraphs = [p.text for p in d.paragraphs]
    body = paragraphs[: paragraphs.index("Sources")]  # the type's sources, listed last
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(body + cells)


def _sheets(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return openpyxl.load_workbook(io.BytesIO(z.read("business_case.xlsx"))).sheetnames


def test_homecare_pack_speaks_of_career_levels() -> None:
    pack = build_service_pack(read_team(*sample_for("homecare")), "homecare", as_of=AS_OF)
    text = _doc_text(pack.data)
    assert text.startswith("Clinical homecare workforce case")
    assert "Clinical homecare: the 23 common competences by career level." in text
    assert "Career levels" in text and "Supportive Level Practice" in text
    assert "inferred from their band" in text and "actual pay" in text
    assert "NRAP" not in text and "90 days" not in text and "ARRS" not in text
    assert _sheets(pack.data)[:2] == ["Career levels", "Level descriptors"]
    assert "SYN3" not in text  # nobody identified


def test_pcn_pack_speaks_of_the_envelope_and_roles() -> None:
    pack = build_service_pack(read_team(*sample_for("pcn")), "pcn", as_of=AS_OF, arrs=ArrsInputs(50_000))
    text = _doc_text(pack.data)
    assert text.startswith("Primary care network additional roles case")
    assert "The ARRS envelope: what our roles use and what it could still fund." in text
    assert "£1,331,550" in text  # 26.631 × 50,000
    assert "maximum not found: enter yours" in text and "Who can do what" in text
    assert "NRAP" not in text and "pulmonary" not in text.casefold()
    assert _sheets(pack.data)[:4] == ["ARRS roles", "What it could fund", "Who can do what", "Supervision"]
    assert "SYN4" not in text


def test_a_pcn_pack_needs_the_weighted_population(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="weighted population"):
        build_service_pack(read_team(*sample_for("pcn")), "pcn", as_of=AS_OF)
    out = tmp_path / "p.zip"
    pcn = str(SAMPLES_DIR / "sample_pcn.xlsx")
    assert main(["pack", pcn, "--as-of", "2026-01-15", "--out", str(out)]) == 2
    assert "--weighted-population" in capsys.readouterr().err
    assert (
        main(["pack", pcn, "--as-of", "2026-01-15", "--weighted-population", "50000", "--out", str(out)]) == 0
    )
    assert "business_case.docx" in zipfile.ZipFile(out).namelist()
