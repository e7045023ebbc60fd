"""``planner project`` end to end on the sample team: the JSON's keys and its agreement with the functions."""

from __future__ import annotations

import json
from datetime import date

import pytest

from planner.cli import main
from planner.expansion import projection, report
from planner.expansion.scenario import load_scenario
from planner.ingest import read as roster
from planner.paths import SAMPLES_DIR
from planner.reference import pay as costs
from planner.reference.catalogue import load_catalogue

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.integration

SAMPLE = SAMPLES_DIR / "sample_team.xlsx"
ARGS = ["project", "--roster", str(SAMPLE), "--as-of", "2025-11-01", "--runs", "500", "--seed", "7"]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_keys_and_consistency_with_the_functions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, *ARGS, "--scenario", "long_term_plan", "--set", "headroom=0.25", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == [
        "schema_version",
        "scenario",
        "parameters",
        "required_wte",
        "in_post_wte",
        "gap_wte",
        "annual_cost",
        "waiting",
        "trajectory",
        "uncertainty",
        "capacity",
        "establishment",
        "costs",
        "warnings",
    ]
    assert data["schema_version"] == 2
    assert data["costs"]["total_over_period"] == pytest.approx(
        sum(y["in_year"] for y in data["costs"]["by_year"]), abs=0.05
    )
    assert data["gap_wte"]["shortfall_total"] >= max(data["gap_wte"]["total"], 0.0) - 1e-4
    assert set(data["waiting"]) >= {
        "weekly_referrals",
        "weekly_capacity",
        "capacity_to_demand",
        "list_growth_per_week",
        "verdict",
        "share_within_90_days",
        "backlog_clearance",
        "wte_to_hold_target",
        "post_exacerbation_within_4_weeks",
        "waiting_over_90_days_at_year_end",
    }
    assert not set(data["waiting"]) & {"weeks_to_target"}
    assert isinstance(data["waiting"]["weekly_capacity"], float)
    for entry in data["trajectory"]:
        assert set(entry) == {"year", "required_wte", "in_post_wte", "gap_wte", "funded_wte", "annual_cost"}
    assert [t["year"] for t in data["trajectory"]] == ["2025/26", "2026/27", "2027/28", "2028/29"]

    # The same numbers from the functions directly.
    staff = roster.read_roster(SAMPLE.read_bytes(), SAMPLE.name, catalogue=CATALOGUE).staff
    scenario = load_scenario("long_term_plan", headroom=0.25)
    p = projection.project(
        scenario, staff, as_of=date(2025, 11, 1), runs=500, seed=7, roster_name=SAMPLE.name
    )
    assert data == json.loads(json.dumps(report.to_json(p)))
    assert data["parameters"]["headroom"]["value"] == 0.25
    assert data["required_wte"]["total"] == pytest.approx(p.requirement.total, abs=1e-4)
    assert data["in_post_wte"]["total"] == pytest.approx(float(staff["wte"].sum()), abs=1e-4)
    for band, gap in data["gap_wte"]["by_band"].items():
        assert gap == pytest.approx(
            data["required_wte"]["by_band"][band] - data["in_post_wte"]["by_band"][band], abs=1e-3
        )
        cost = data["annual_cost"]["by_band"][band]
        assert cost == pytest.approx(
            data["required_wte"]["by_band"][band] * costs.employer_cost(band), rel=1e-3, abs=1
        )
    assert all(0 <= x <= 1 for x in data["uncertainty"]["probability_85_within_90_days"].values())
    assert (
        data["uncertainty"]["sensitivity"][0]["required_wte_high"]
        != data["uncertainty"]["sensitivity"][0]["required_wte_low"]
    )
    for prm in data["parameters"].values():
        assert prm["source"] == "assumption" or prm["source"].startswith(("http", "seeds/"))


def test_text_output_names_no_staff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, *ARGS)
    assert code == 0
    assert "Required in post now" in out and "Monte Carlo (500 runs, seed 7)" in out
    names = roster.read_roster(SAMPLE.read_bytes(), SAMPLE.name, catalogue=CATALOGUE).staff["name"].dropna()
    assert not any(name in out for name in names)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--set", "hedroom=0.3"], "Did you mean 'headroom'?"),
        (["--set", "uptake=1.5"], "Parameter 'uptake': 1.5 is outside the allowed range 0 to 1"),
        (["--scenario", "grand_plan"], "known scenarios are status_quo"),
        (["--as-of", "1 Nov"], "expected a date YYYY-MM-DD"),
        (["--set", "target_year=2024/25"], "outside 2025/26 to 2040/41"),
    ],
)
def test_bad_usage_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code, _, err = run_cli(capsys, *ARGS, *extra)
    assert code == 2
    assert message in err
