"""Golden snapshots of what the product hands out: ``planner project --json`` and the pack's contents.

They guard refactoring: a move of code must leave every snapshot unchanged, and a change of behaviour
regenerates them in its own named commit. Floats are rounded to 4 decimal places, so the snapshots do
not depend on the last bits of floating-point arithmetic. After an intended change, regenerate with
``PLANNER_REGEN_GOLDEN=1 .venv/bin/pytest tests/integration/test_golden_outputs.py`` and review
``git diff tests/integration/golden``.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from planner.cli import main

pytestmark = pytest.mark.integration

GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("PLANNER_REGEN_GOLDEN") == "1"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "sample_team.xlsx"
AS_OF = "2026-11-01"


def rounded(value: Any) -> Any:
    """The value with every float rounded to 4 places, in a JSON-friendly shape."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {str(k): rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def check(name: str, data: Any) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(rounded(data), indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if REGEN:
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"No golden file {path.name}; run with PLANNER_REGEN_GOLDEN=1 and review it.")
    want = path.read_text(encoding="utf-8")
    if text != want:
        diff = "".join(
            difflib.unified_diff(
                want.splitlines(keepends=True), text.splitlines(keepends=True), "golden", "now", n=2
            )
        )
        pytest.fail(f"{path.name} differs from the golden snapshot:\n{diff[:6000]}")


@pytest.mark.parametrize("scenario", ["status_quo", "long_term_plan"])
def test_project_json_matches_its_golden(scenario: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "project",
            "--scenario",
            scenario,
            "--roster",
            str(SAMPLE),
            "--as-of",
            AS_OF,
            "--runs",
            "400",
            "--seed",
            "5",
            "--json",
        ]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    check(f"project_{scenario}", json.loads(out))


def _workbook_cells(data: bytes) -> dict[str, list[list[Any]]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def _document(data: bytes) -> dict[str, Any]:
    d = docx.Document(io.BytesIO(data))
    headings = [
        f"{p.style.name}: {p.text}"
        for p in d.paragraphs
        if p.style.name.lower().startswith(("heading", "title"))
    ]
    # the data files' hashes change with any edit to data/; the golden keeps only that they are stated
    tables = [
        [[re.sub(r"^version [0-9a-f]{12}$", "version <sha256>", c.text) for c in row.cells] for row in t.rows]
        for t in d.tables
    ]
    return {"headings": headings, "tables": tables}


def test_pack_contents_match_their_golden(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pack.zip"
    code = main(
        [
            "pack",
            str(SAMPLE),
            "--scenario",
            "long_term_plan",
            "--as-of",
            AS_OF,
            "--runs",
            "300",
            "--seed",
            "2",
            "--name",
            "Sample team (synthetic)",
            "--out",
            str(out),
        ]
    )
    capsys.readouterr()
    assert code == 0
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        workbook = _workbook_cells(z.read("business_case.xlsx"))
        document = _document(z.read("business_case.docx"))
    check(
        "pack_contents",
        {"members": names, "sheets": list(workbook), "workbook": workbook, "document": document},
    )
