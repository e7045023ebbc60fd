"""``planner arrs`` and ``planner sample --kind`` end to end (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.paths import SAMPLES_DIR

pytestmark = pytest.mark.integration
PCN = str(SAMPLES_DIR / "sample_pcn.xlsx")


def test_arrs_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["arrs", PCN, "--weighted-population", "50000", "--list-size", "40000", "--json",
                 "--as-of", "2026-01-15"])  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["envelope"] == pytest.approx(1_331_550)
    assert out["claimed"] + out["remaining"] == pytest.approx(out["envelope"])
    roles = {r["role"]: r for r in out["roles"]}
    assert set(roles["Care coordinator"]) >= {"role", "wte", "cost", "max_reimbursable", "claimable"}
    assert (
        roles["Care coordinator"]["max_reimbursable"] is None
        and roles["Care coordinator"]["claimable"] is None
    )
    assert roles["Clinical pharmacist"]["claimable"] <= roles["Clinical pharmacist"]["cost"]
    assert out["could_fund"]["Clinical pharmacist"] == int(out["remaining"] // 66972)
    assert out["warnings"][0].startswith("No claim is counted for")  # 2025/26 date: no late-year warning
    assert "Name" not in json.dumps(out) and "SYN4" not in json.dumps(out)  # no one named or identified


def test_arrs_entered_maximum_and_late_year(capsys: pytest.CaptureFixture[str]) -> None:
    main(["arrs", PCN, "--weighted-population", "50000", "--json", "--as-of", "2026-01-15"])
    before = json.loads(capsys.readouterr().out)
    main(["arrs", PCN, "--weighted-population", "50000", "--json", "--max", "Care coordinator=30000",
          "--as-of", "2026-06-01"])  # fmt: skip
    after = json.loads(capsys.readouterr().out)
    cc = {r["role"]: r for r in after["roles"]}["Care coordinator"]
    assert cc["max_reimbursable"] == 30000 and cc["claimable"] == pytest.approx(min(cc["cost"], 60000))
    assert after["claimed"] == pytest.approx(before["claimed"] + cc["claimable"])
    assert any("the date is in 2026/27" in w for w in after["warnings"])


def test_arrs_refuses_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["arrs", PCN, "--weighted-population", "0"]) == 2
    assert "above 0" in capsys.readouterr().err
    assert main(["arrs", PCN, "--weighted-population", "100", "--max", "Wizard=5"]) == 2
    assert "ROLE=AMOUNT" in capsys.readouterr().err


def test_arrs_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["arrs", PCN, "--weighted-population", "50000", "--as-of", "2026-01-15"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The roles claim £")
    assert "maximum not found: enter yours" in out and "The remainder could fund:" in out
    assert "nan" not in out and "None" not in out


@pytest.mark.parametrize(("kind", "posts"), [("homecare", 19), ("pcn", 18)])
def test_sample_kind(kind: str, posts: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{kind}.xlsx"
    assert main(["sample", "--kind", kind, "--out", str(out)]) == 0
    assert f"{posts} posts" in capsys.readouterr().out
    assert out.read_bytes()[:2] == b"PK"
    assert main(["sample", "--kind", kind, "--template", str(tmp_path)]) == 0
    assert (tmp_path / f"data_dictionary_{kind}.csv").exists()
    assert main(["sample", "--kind", kind, "--region", "--out", str(out)]) == 2
