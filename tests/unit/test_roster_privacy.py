"""Problem reports never carry a person's name, even when the cell at fault holds one."""

from __future__ import annotations

import json

import pytest

from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue
from planner.views.team import figures, issues_to_csv

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.unit

STAFF = "Staff ID,Name,Band,WTE\nS1,Alice Hiddenname,Band 5,1.0\n"
RECORDS = (
    "Staff ID,Reference no.,Achieved? (yes / no) Self-assessment,Signed off – name and date\n"
    "S1,XC-01,Yes,Jane Privateperson 31/02/2025\n"
)


def test_a_bad_sign_off_date_is_reported_without_the_signers_name(tmp_path) -> None:
    import io

    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as xw:
        pd.read_csv(io.StringIO(STAFF)).to_excel(xw, sheet_name="Staff", index=False)
        pd.read_csv(io.StringIO(RECORDS)).to_excel(xw, sheet_name="Competencies", index=False)
    read = read_roster(buf.getvalue(), "team.xlsx", catalogue=CATALOGUE)
    bad = read.issues[read.issues["code"] == "date_invalid"]
    assert len(bad) == 1
    row = bad.iloc[0]
    assert row["value"] == "31/02/2025 (name hidden)"
    assert "Privateperson" not in row["message"]
    everything = json.dumps(figures(read)) + issues_to_csv(read).decode("utf-8-sig")
    assert "Privateperson" not in everything and "Hiddenname" not in everything
    assert "31/02/2025" in everything
