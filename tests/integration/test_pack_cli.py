"""``planner pack`` end to end: the ZIP written, the members and sizes printed, refusals with exit code 2."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner import export
from planner.cli import main
from planner.pack.contents import CHART_LIST
from planner.paths import SAMPLES_DIR
from planner.views.session import sample_roster

pytestmark = pytest.mark.integration

SAMPLE = SAMPLES_DIR / "sample_team.xlsx"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["pack", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave the images out where a test is not about them (the pack is then built in about a second)."""
    monkeypatch.setattr(export, "browser_path", lambda: None)


def test_writes_the_zip_and_prints_members_sizes_and_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "packs" / "team.zip"
    code, out, err = run_cli(
        capsys, str(SAMPLE), "--as-of", "2026-11-01", "--runs", "200", "--out", str(out_file)
    )
    assert code == 0, err
    with zipfile.ZipFile(out_file) as z:
        infos = {i.filename: i.file_size for i in z.infolist()}
    listed = dict(re.findall(r"^  (\S+)\s+([\d,]+ (?:KB|B))$", out, flags=re.MULTILINE))
    assert list(listed) == list(infos)
    for name, size in infos.items():
        shown = f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} B"
        assert listed[name] == shown, name
    assert "business_case.xlsx" in infos and "business_case.docx" in infos
    if export.browser_path() is not None:
        assert {f"charts/{k}.png" for k, _ in CHART_LIST} <= set(infos)
    assert re.search(
        r"^Built in \d+\.\d s \(pack \d+\.\d s\); \d+ files; aggregates only\.$", out, re.MULTILINE
    )
    staff = sample_roster().staff
    for text in (out, err):
        assert not [n for n in staff["name"].dropna() if n in text]
        assert not [i for i in staff["staff_id"] if i in text]
    with zipfile.ZipFile(out_file) as z:
        summary = openpyxl.load_workbook(io.BytesIO(z.read("business_case.xlsx")))["Summary"]
    # without --name the pack is named after the roster's service, never its file name
    assert summary["A1"].value == "Business case: North Shore PR"
    assert "sample_team" not in " ".join(str(c.value) for row in summary.iter_rows() for c in row)


@pytest.mark.usefixtures("no_browser")
def test_scenario_set_framework_and_names(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "p.zip"
    code, out, err = run_cli(
        capsys,
        str(SAMPLE),
        "--scenario",
        "long_term_plan",
        "--set",
        "population=1200000",
        "--framework",
        "london",
        "--as-of",
        "2026-11-01",
        "--runs",
        "0",
        "--include-names",
        "--name",
        "North Shore PR",
        "--out",
        str(out_file),
    )
    assert code == 0, err
    assert "Warning: Chromium was not found" in err
    assert "people.xlsx" in out and "staff ids and names" in out
    with zipfile.ZipFile(out_file) as z:
        wb = openpyxl.load_workbook(io.BytesIO(z.read("business_case.xlsx")))
        readme = z.read("README.txt").decode()
        assert "people.xlsx" in z.namelist()
    assert wb["Summary"]["A1"].value == "Business case: North Shore PR"
    params = {r[1]: r[2] for r in wb["Parameters"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert params["Population served (assumption)"] == 1_200_000
    assert params["Referral rate in the target year (assumption)"] == pytest.approx(0.6)
    assert "London" in wb["Coverage"]["A1"].value
    assert "Monte Carlo: not run" in readme


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "nope"], "Scenario 'nope' not found"),
        (["--framework", "nope"], "--framework 'nope': unknown"),
        (["--as-of", "01/11/2026"], "expected a date YYYY-MM-DD"),
        (["--set", "hedroom=0.2"], "Did you mean 'headroom'?"),
        (["--runs", "-1"], "--runs must be 0 or more"),
        (["--threshold", "0"], "--threshold 0: expected a percentage above 0 and at most 100"),
        (["--threshold", "180"], "--threshold 180: expected a percentage above 0 and at most 100"),
    ],
)
def test_bad_options_exit_2_with_the_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    out_file = tmp_path / "p.zip"
    code, out, err = run_cli(capsys, str(SAMPLE), *args, "--out", str(out_file))
    assert code == 2
    assert message in err
    assert out == ""
    assert not out_file.exists()


def test_refused_roster_exits_2_with_the_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("hello,world\n1,2\n", encoding="utf-8")
    out_file = tmp_path / "p.zip"
    code, out, err = run_cli(capsys, str(bad), "--out", str(out_file))
    assert code == 2 and out == ""
    assert err.startswith("Roster notes.csv refused: ")
    assert "Staff ID" in err  # the refusal says which columns it looks for
    assert not out_file.exists()
    code, _, err = run_cli(capsys, str(tmp_path / "missing.xlsx"), "--out", str(out_file))
    assert code == 2 and "Roster file not found" in err


def test_a_roster_without_accepted_staff_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("Staff ID,Band,WTE\nA1,Band 99,2.5\n", encoding="utf-8")
    code, out, err = run_cli(capsys, str(empty), "--out", str(tmp_path / "p.zip"))
    assert code == 2 and out == ""
    assert "no staff rows were accepted" in err
