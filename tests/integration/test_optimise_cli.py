"""``planner skillmix --optimise``: the JSON's keys and numbers, settings, the floor, and bad input."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.expansion.demand import funnel
from planner.expansion.optimise import optimise, settings_from
from planner.expansion.scenario import load_scenario
from planner.paths import SAMPLES_DIR

pytestmark = pytest.mark.integration
SAMPLE = SAMPLES_DIR / "sample_team.xlsx"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["skillmix", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_without_a_roster_matches_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--optimise", "--scenario", "long_term_plan", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data)[:4] == ["scenario", "optimal", "policy", "in_post"]
    assert data["in_post"] is None
    inputs = load_scenario("long_term_plan").inputs()
    mix = optimise(inputs)
    assert data["optimal"]["annual_cost"] == pytest.approx(mix.annual_cost, abs=0.01)
    assert data["policy"]["annual_cost"] == pytest.approx(mix.policy.annual_cost, abs=0.01)
    assert sum(data["optimal"]["by_band"].values()) == pytest.approx(mix.by_band.sum(), abs=1e-3)
    assert data["optimal"]["posts_by_band"] == {b: int(v) for b, v in mix.posts_by_band.items() if v > 0}
    rules = {r["name"]: r for r in data["optimal"]["rules"]}
    assert rules["registered_share"]["limit"] == "60%"
    assert rules["registered_share"]["kind"] == "assumption"
    assert set(rules["registered_share"]) >= {"name", "binding", "cost_per_unit", "saving_if_removed"}
    assert data["optimal"]["hours"]["class_lead"]
    assert data["parameters"]["patients_per_staff"]["value"] == 8
    assert data["settings"]["target_registered_share"]["value"] == 0.6


def test_target_zero_switches_the_registered_share_off(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--optimise", "--set", "target_registered_share=0", "--json")
    assert code == 0
    data = json.loads(out)
    rules = {r["name"]: r for r in data["optimal"]["rules"]}
    assert rules["registered_share"]["active"] is False
    on = optimise(load_scenario("status_quo").inputs(), with_rule_costs=False)
    assert data["optimal"]["annual_cost"] <= on.annual_cost


def test_scenario_parameters_and_rules_off(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--optimise", "--set", "min_staff_per_class=3", "--off", "exercise_ratio", "--json"
    )
    assert code == 0
    data = json.loads(out)
    inputs = load_scenario("status_quo", min_staff_per_class=3).inputs()
    expected = optimise(inputs, settings_from({"rules_off": {"exercise_ratio"}}), with_rule_costs=False)
    assert data["optimal"]["annual_cost"] == pytest.approx(expected.annual_cost, abs=0.01)


def test_roster_as_the_floor_gives_posts_to_add(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(SAMPLE), "--optimise", "--floor", "--json")
    assert code == 0
    data = json.loads(out)
    have, mix = data["in_post"]["by_band"], data["optimal"]["by_band"]
    assert have
    assert all(mix.get(b, 0) >= w - 1e-6 for b, w in have.items())
    assert data["settings"]["floor"] is True
    code, text, _ = run(capsys, str(SAMPLE), "--optimise", "--floor")
    assert code == 0
    assert "the posts shown are the posts to add" in text
    assert "than the team in post" in text


def test_text_output_names_binding_rules_with_their_cost(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--optimise")
    assert code == 0
    assert out.startswith("The cheapest mix that keeps every rule that is on costs £")
    assert "Switched off" not in out
    starts = funnel(load_scenario("status_quo").inputs()).starts
    assert f"For the scenario 'Status quo': {starts:,.0f} people starting PR a year" in out
    assert "The 60% registered target costs £" in out
    assert "our interpretation" in out
    assert "_" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--optimise", "--set", "target_registered_share=2"], "between 0 and 1"),
        (["--optimise", "--set", "hedroom=0.2"], "unknown parameter 'hedroom'"),
        (["--optimise", "--off", "ratio"], "Unknown rules: ratio"),
        (["--optimise", "--floor"], "give the roster FILE"),
        (
            ["--optimise", "--set", "target_registered_share=abc"],
            "Registered share of WTE, at least (target_registered_share) must be a number, for example 0.6; "
            "found 'abc'.",
        ),
        ([], "Give the roster FILE, or --optimise"),
    ],
)
def test_bad_input_gets_a_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert "could not convert" not in err


def test_rules_switched_off_are_named_in_the_headline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--optimise", "--off", "exercise_ratio", "--set", "target_registered_share=0")
    assert code == 0
    headline = out.splitlines()[0]
    assert headline.endswith(
        "Switched off: Patients per staff member in exercise; Registered share of WTE, at least."
    )


def test_json_names_the_scenario_and_its_demand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--optimise", "--scenario", "long_term_plan", "--json")
    assert code == 0
    scenario = json.loads(out)["scenario"]
    now = funnel(load_scenario("long_term_plan").inputs())
    assert scenario["name"] == "long_term_plan" and scenario["title"] == "Long Term Plan expansion"
    assert scenario["starts_a_year"] == pytest.approx(now.starts, abs=0.05)
    assert scenario["completions_a_year"] == pytest.approx(now.completions, abs=0.05)


def test_conflicting_rules_come_back_as_a_list_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, str(SAMPLE), "--optimise", "--floor", "--set", "target_registered_share=1", "--json"
    )
    assert code == 2
    data = json.loads(out)
    assert data["error"].startswith("No mix meets every rule")
    assert data["rules"] == [
        "Registered share of WTE, at least (100%)",
        "No redundancies (the team in post is a floor)",
    ]


REGION = SAMPLES_DIR / "sample_region.xlsx"


def test_a_region_roster_is_refused_until_one_service_is_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(REGION), "--optimise", "--json")
    assert code == 2 and out == ""
    assert err.startswith("This roster has 6 services; the least-cost mix is for one service's demand, so ")
    assert "choose one with --service NAME (North Shore PR; Riverside PR;" in err
    code, out, err = run(capsys, str(REGION), "--optimise", "--service", "Nowhere")
    assert code == 2 and "no service named 'Nowhere'" in err and "Traceback" not in err


def test_service_picks_one_services_team(capsys: pytest.CaptureFixture[str]) -> None:
    from planner.cli.project import _read_roster

    staff = _read_roster(REGION)[0]
    riverside = staff[staff["service"] == "Riverside PR"]
    code, out, _ = run(capsys, str(REGION), "--optimise", "--service", "riverside pr", "--json")
    assert code == 0
    team = json.loads(out)["in_post"]["by_band"]
    assert sum(team.values()) == pytest.approx(float(riverside["wte"].sum()), abs=1e-3)
    assert sum(team.values()) < float(staff["wte"].sum()) / 3
