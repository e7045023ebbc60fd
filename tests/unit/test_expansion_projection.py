"""The projection entry point, its JSON, the side-by-side table and the Expansion figures and captions."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from planner.captions import expansion as captions
from planner.charts import expansion as ce
from planner.expansion import projection, report
from planner.expansion.scenario import load_scenario
from planner.reference import pay as costs
from planner.views import expansion as expansion_ui

pytestmark = pytest.mark.unit

AS_OF = date(2025, 11, 1)
STAFF = pd.DataFrame(
    {
        "staff_id": ["a", "b", "b", "c", "d", "e", "f", "g"],
        "band": ["3", "4", "4", "5", "6", "7", "8a", "6"],
        "wte": [1.0, 0.6, 0.2, 0.6, 1.0, 0.8, 1.0, 0.5],
        "function": [
            "supporting",
            "supporting",
            "supporting",
            "delivering",
            "delivering",
            "delivering",
            "delivering_managing",
            None,
        ],
    }
)
KEYS = [
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


def test_in_post_summary_from_the_roster_contract() -> None:
    team = projection.in_post_from_staff(STAFF)
    assert team.by_band["4"] == pytest.approx(0.8) and team.by_band["7"] == pytest.approx(0.8)
    assert team.total == pytest.approx(5.7) and team.people == 7
    assert team.typical_wte == pytest.approx(0.8)  # per person: 1, 0.8, 0.6, 1, 0.8, 1, 0.5
    assert team.by_function["supporting"] == pytest.approx(1.8)
    # g (band 6, no function) counts by band: delivering 0.6 + 1.0 + 0.8 + 0.5
    assert team.by_function["delivering"] == pytest.approx(2.9) and "unknown" not in team.by_function


def test_fold_functions_counts_managers_towards_leadership_first() -> None:
    by_function = pd.Series({"delivering": 3.0, "delivering_managing": 1.0, "leading": 0.2})
    by_band = pd.Series(0.0, index=["3"])
    folded = projection.fold_functions(by_function, by_band, leading_required=0.5)
    assert folded.to_dict() == pytest.approx({"supporting": 0.0, "delivering": 3.7, "leading": 0.5})


def test_gap_is_required_minus_in_post_and_costs_are_wte_times_band_cost() -> None:
    p = projection.project("long_term_plan", STAFF, as_of=AS_OF, runs=0)
    g = p.gap_by_band.set_index("band")
    pd.testing.assert_series_equal(g["gap_wte"], g["required_wte"] - g["in_post_wte"], check_names=False)
    assert g.loc["6", "in_post_wte"] == pytest.approx(1.5)
    assert g.loc["6", "gap_people"] == pytest.approx(g.loc["6", "gap_wte"] / 0.8)
    assert g.loc["6", "required_cost"] == pytest.approx(g.loc["6", "required_wte"] * costs.employer_cost("6"))
    f = p.gap_by_function.set_index("function")
    assert f["required_wte"].sum() == pytest.approx(p.requirement.total)
    assert f["in_post_wte"].sum() == pytest.approx(5.7)


def test_json_has_exactly_the_issue_keys_and_matches_the_functions() -> None:
    p = projection.project("status_quo", STAFF, as_of=AS_OF, runs=200, seed=1)
    out = json.loads(json.dumps(report.to_json(p)))
    assert list(out) == KEYS
    assert set(out["required_wte"]) == set(out["in_post_wte"]) == {"total", "by_band", "by_function"}
    assert set(out["gap_wte"]) == {"total", "shortfall_total", "by_band", "by_function"}
    assert set(out["establishment"]) == {"required_wte", "funded_wte", "vacancy_rate", "explanation"}
    assert set(out["costs"]) == {
        "price_base",
        "basis",
        "cash_basis",
        "pay_award",
        "by_year",
        "total_over_period",
    }
    assert out["costs"]["price_base"] == "2025/26 prices"
    # by_year carries the pay award, so it is cash, not 2025/26 prices (review fix 3)
    assert out["costs"]["cash_basis"] == "cash prices (2025/26 pay uplifted by the pay-award assumption)"
    assert out["costs"]["pay_award"] == {k: float(v) for k, v in p.inputs.pay_award.items()}
    assert out["costs"]["by_year"][-1]["pay_index"] > 1
    assert "2025/26 prices" not in captions.cost_caption(p)
    assert "cash prices (2025/26 pay" in captions.cost_caption(p)
    assert "cash prices (2025/26 pay" in dict(expansion_ui.headline(p))["Spend over the period"]
    assert set(out["waiting"]) == {
        "method",
        "runs",
        "seed",
        "weekly_referrals",
        "weekly_demand_joining_list",
        "weekly_capacity",
        "capacity_to_demand",
        "list_growth_per_week",
        "verdict",
        "share_within_90_days",
        "post_exacerbation_within_4_weeks",
        "waiting_over_90_days_at_year_end",
        "list_at_year_end",
        "starting_list",
        "steady_state",
        "backlog_clearance",
        "wte_to_hold_target",
    }
    w = out["waiting"]
    years = [t["year"] for t in out["trajectory"]]
    assert list(w["share_within_90_days"]["by_year"]) == years == list(w["wte_to_hold_target"])
    assert set(w["share_within_90_days"]["by_year"][years[0]]) == {"p10", "p50", "p90"}
    assert set(w["backlog_clearance"]) >= {"list_now", "extra_starts", "weeks", "wte_weeks"}
    assert w["verdict"] in ("holds", "reached_then_slips", "not_reached")
    assert isinstance(w["weekly_capacity"], float)
    u = out["uncertainty"]
    assert list(u["probability_85_within_90_days"]) == years
    assert len(u["percentiles"]["required_wte"]["p95"]) == len(years)
    assert (
        "probability_70_completion" not in u and u["completion_range"]["low"] < u["completion_range"]["high"]
    )
    assert set(u["sensitivity"][0]) >= {"parameter", "low", "high", "required_wte_low", "required_wte_high"}
    assert [set(t) for t in out["trajectory"]] == [
        {"year", "required_wte", "in_post_wte", "gap_wte", "funded_wte", "annual_cost"}
    ] * 4
    assert out["required_wte"]["total"] == pytest.approx(p.requirement.total, abs=1e-4)
    assert out["waiting"]["weekly_referrals"] == pytest.approx(p.funnel.referrals / 52, abs=1e-4)
    assert out["parameters"]["dropout"]["source"].startswith("https://thorax")
    assert out["parameters"]["patients_per_staff"]["source"] == "assumption"
    assert out["uncertainty"]["runs"] == 200


def test_without_a_roster_in_post_and_gap_are_null() -> None:
    out = report.to_json(projection.project(None, None, as_of=AS_OF, runs=0))
    assert out["in_post_wte"] is None and out["gap_wte"] is None and out["uncertainty"] is None
    assert out["scenario"]["in_post"].startswith("assumed")
    assert out["trajectory"][0]["in_post_wte"]["total"] > 0


def test_side_by_side_table_has_a_column_per_scenario() -> None:
    ps = [projection.project(n, STAFF, as_of=AS_OF, runs=100) for n in ("status_quo", "support_worker_led")]
    t = projection.compare(ps)
    assert list(t.columns) == ["Status quo", "Support-worker-led mix"]
    assert t.loc["Required WTE now", "Status quo"] == f"{ps[0].requirement.total:.1f}"
    assert (
        t.loc["Supporting WTE per registered WTE", "Support-worker-led mix"]
        > t.loc["Supporting WTE per registered WTE", "Status quo"]
    )


@pytest.fixture(scope="module")
def proj() -> projection.Projection:
    return projection.project("long_term_plan", STAFF, as_of=AS_OF, runs=300)


def test_figures_are_styled_and_labelled(proj: projection.Projection) -> None:
    for name, (fig, caption) in ce.all_figures(proj).items():
        layout = fig.layout
        assert layout.template.layout.paper_bgcolor == "white", name  # plotly_white, never Streamlit's
        assert layout.title.text and layout.xaxis.title.text and layout.yaxis.title.text, name
        for trace in fig.data:
            colour = getattr(getattr(trace, "marker", None), "color", None)
            assert not (isinstance(colour, str) and colour.startswith("#0000")), name
        assert caption.endswith(".") and len(caption) > 40, name
    fig = ce.required_vs_in_post(proj)
    assert fig.data[0].marker.color == "#005EB8" and list(fig.data[0].x)[:3] == ["Band 3", "Band 4", "Band 5"]
    wait = ce.waiting_chart(proj)
    target = next(t for t in wait.data if t.name.startswith("Target"))
    assert list(target.y) == [85.0, 85.0]


def test_captions_say_what_the_tables_say(proj: projection.Projection) -> None:
    g = proj.gap_by_band.set_index("band")
    worst = g["gap_wte"].idxmax()
    assert captions.required_caption(proj).startswith(
        f"Band {worst} is {g.loc[worst, 'gap_wte']:.1f} WTE short"
    )
    assert "2028/29" in captions.gap_trajectory_caption(proj)
    u = proj.uncertainty
    assert f"{u.completion_range[0]:.0%} to {u.completion_range[1]:.0%} completing" in captions.fan_caption(
        proj
    )
    assert proj.waiting.share_percentiles.index[-1] in captions.waiting_caption(proj)
    assert captions.fan_caption(projection.project(None, None, as_of=AS_OF, runs=0)).startswith(
        "The Monte Carlo was not run"
    )


def test_form_fields_carry_sources_and_assumption_markers() -> None:
    fields = expansion_ui.form_fields(load_scenario("status_quo"))
    assert list(fields) == [
        "Demand",
        "Programme",
        "Staffing",
        "Workforce supply",
        "Cost",
        "Waiting list and targets",
        "Uncertainty",
    ]
    by_name = {f.name: f for group in fields.values() for f in group}
    assert "allocation" not in by_name and "turnover_by_band.6" in by_name
    assert by_name["referral_rate"].kwargs["help"].startswith("Verified.")
    assert "england.nhs.uk" in by_name["referral_rate"].kwargs["help"]
    assert (
        by_name["patients_per_staff"]
        .kwargs["label"]
        .startswith("Patients per staff member in exercise (ratio 1:n) (assumption)")
    )
    sc = expansion_ui.apply_form(load_scenario("status_quo"), {"headroom": 0.3})
    assert sc.title == "Status quo (edited)" and sc["headroom"] == 0.3


def test_every_figure_passes_plotly_validation(proj: projection.Projection) -> None:
    """Figures are built with validation off for speed; rebuilding them with it on must not fail."""
    import plotly.graph_objects as go

    no_mc = projection.project(None, None, as_of=AS_OF, runs=0)
    for p in (proj, no_mc):
        for name, (fig, _) in ce.all_figures(p).items():
            rebuilt = go.Figure(fig.to_dict())  # validates every property; raises on a bad one
            assert rebuilt.layout.template.layout.paper_bgcolor == "white", name


def test_gap_closes_table_matches_the_trajectory(proj: projection.Projection) -> None:
    t = expansion_ui.gap_closes_table(proj).set_index("Band")
    assert list(t.columns)[-1] == "Gap closes (and stays closed)"
    by_band = proj.trajectory.by_band
    six = by_band[(by_band["band"] == "6") & (by_band["year"] == "2028/29")]["gap_wte"].iloc[0]
    assert t.loc["Band 6", "Gap 2028/29 (WTE)"] == round(six, 1)
    expected = proj.trajectory.gap_closes["6"] or "still open in 2028/29"
    assert t.loc["Band 6", "Gap closes (and stays closed)"] == expected
    assert "Band 1" not in t.index


def test_staff_without_a_function_count_by_their_own_band() -> None:
    """Three band 3s (0.5 WTE each) and a band 7 (1.0), none with a function: 1.5 WTE supporting and
    1.0 delivering, whatever the rest of the team looks like."""
    from planner.expansion.projection import fold_functions, in_post_from_staff

    staff = pd.DataFrame(
        {"staff_id": ["A", "B", "C", "D"], "band": ["3", "3", "3", "7"], "wte": [0.5, 0.5, 0.5, 1.0],
         "function": [None, None, None, None]}
    )  # fmt: skip
    ip = in_post_from_staff(staff)
    folded = fold_functions(ip.by_function, ip.by_band, leading_required=0.0)
    assert folded.to_dict() == pytest.approx({"supporting": 1.5, "delivering": 1.0, "leading": 0.0})


def test_target_labels_follow_the_scenario() -> None:
    from planner.expansion.projection import targets

    assert targets(load_scenario("status_quo").inputs()) == projection.Targets(
        "85% within 90 days", "90 days", "70%"
    )
    edited = load_scenario(
        "status_quo", target_share_within_90_days=0.5, wait_target_days=28, target_completion=0.9
    )
    assert targets(edited.inputs()) == projection.Targets("50% within 28 days", "28 days", "90%")


def test_wait_fan_shows_the_chance_of_the_target_by_year(proj: projection.Projection) -> None:
    u = proj.uncertainty
    fig = ce.wait_fan_chart(proj)
    chance = next(t for t in fig.data if (t.name or "").startswith("Chance of 85% within 90 days"))
    assert list(chance.x) == u.years
    np.testing.assert_allclose(list(chance.y), u.probability_by_year.to_numpy())
    median = next(t for t in fig.data if t.name == "Median")
    np.testing.assert_allclose(list(median.y), u.percentiles["share_within_90_days"]["p50"].to_numpy())
    assert fig.layout.shapes[0].y0 == 0.85  # the target line
    caption = captions.wait_fan_caption(proj)
    first, last = u.probability_by_year.iloc[0], u.probability_by_year.iloc[-1]
    assert f"{first:.0%} in {u.years[0]} and {last:.0%} in {u.years[-1]}" in caption
    assert "wait_fan" in ce.all_figures(proj) and "wait_fan" in expansion_ui.CHART_NAMES
    no_mc = projection.project(None, None, as_of=AS_OF, runs=0)
    assert captions.wait_fan_caption(no_mc).startswith("The Monte Carlo was not run")


def test_the_funded_establishment_headline_names_its_years() -> None:
    """Review fix 5: 12.6 WTE is 2026/27's; the Long Term Plan's target year needs 20.3."""
    p = projection.project("long_term_plan", as_of=date(2026, 12, 4), runs=0)
    label, value = expansion_ui.headline(p)[1]
    s = p.trajectory.summary
    assert label == "Funded establishment, 2026/27 and 2028/29"
    now, then = float(s["funded_wte"].iloc[0]), float(s["funded_wte"].iloc[-1])
    assert then > now + 5
    assert value.startswith(f"{now:.1f} WTE in 2026/27; {then:.1f} WTE in 2028/29 (")
    one = projection.project(
        load_scenario("long_term_plan", target_year="2026/27"), as_of=date(2026, 12, 4), runs=0
    )
    assert expansion_ui.headline(one)[1][0] == "Funded establishment, 2026/27"


def test_the_years_share_and_the_chance_come_from_the_same_runs() -> None:
    """Review fix 2: 100%-100% (referral noise only) beside a 91% chance (Monte Carlo) contradicted."""
    p = projection.project("status_quo", as_of=date(2026, 12, 4), runs=2_000, seed=0)
    u = p.uncertainty
    out = json.loads(json.dumps(report.to_json(p)))
    share = out["waiting"]["share_within_90_days"]
    assert share["probability_at_least_target"] == out["uncertainty"]["probability_85_within_90_days"]
    mc = u.percentiles["share_within_90_days"]
    for y, row in share["by_year"].items():
        assert row == pytest.approx({c: float(mc.loc[y, c]) for c in ("p10", "p50", "p90")}, abs=1e-4)
    assert "Monte Carlo" in share["basis"]
    noise = share["referral_noise_only"]
    assert noise["basis"] == "with today's inputs, referral noise only"
    assert set(noise) == {"basis", "by_year", "probability_at_least_target", "weekly"}
    # one set of runs: a chance of 90% or more goes with a 10th percentile at the target or above
    last = u.years[-1]
    assert 0.05 < u.probability_by_year[last] < 0.99
    assert (u.probability_by_year[last] >= 0.9) == (share["by_year"][last]["p10"] >= 0.85)
    t = expansion_ui.waiting_table(p).set_index("Year")
    assert t.loc[last, "Chance of 85% within 90 days"] == pytest.approx(u.probability_by_year[last])
    assert t.loc[last, "10th-90th percentile"] == f"{mc.loc[last, 'p10']:.0%}-{mc.loc[last, 'p90']:.0%}"
    assert t.loc[last, "Share and chance from"] == "Monte Carlo over the uncertain inputs (2,000 runs)"
    assert f"{mc.loc[last, 'p10']:.0%} to" in captions.waiting_caption(p)
    quick = projection.project("status_quo", as_of=date(2026, 12, 4), runs=0)
    q = expansion_ui.waiting_table(quick).set_index("Year")
    assert (q["Share and chance from"] == "with today's inputs, referral noise only").all()
    assert q.loc[last, "Chance of 85% within 90 days"] == pytest.approx(
        quick.waiting.probability_by_year[last]
    )
