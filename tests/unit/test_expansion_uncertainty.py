"""Monte Carlo: seeded, within the sampled ranges, and collapsing to the central path without spread."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from planner.expansion import capacity, uncertainty
from planner.expansion import trajectory as tj
from planner.expansion.demand import funnel_by_year
from planner.expansion.headroom import headroom as headroom_of
from planner.expansion.scenario import load_scenario

pytestmark = pytest.mark.unit

V = load_scenario("long_term_plan").inputs()
TEAM = np.array([0, 0, 2.4, 2.9, 1.1, 4.0, 4.1, 1.0, 1.0, 0, 0, 0])
AS_OF = date(2025, 11, 1)
ZERO_SPREADS = [n for n in V.as_dict() if n.endswith("_uncertainty")]


def test_same_seed_same_answer_other_seed_other_answer() -> None:
    a = uncertainty.run(V, TEAM, AS_OF, runs=500, seed=3)
    b = uncertainty.run(V, TEAM, AS_OF, runs=500, seed=3)
    c = uncertainty.run(V, TEAM, AS_OF, runs=500, seed=4)
    assert a.to_json() == b.to_json()
    assert a.percentiles["gap_wte"]["p50"].tolist() != c.percentiles["gap_wte"]["p50"].tolist()


def test_draws_stay_in_their_uncertainty_ranges_and_keep_the_central_modes() -> None:
    d = uncertainty.draw(V, 20_000, seed=1)
    assert d.dropout.min() >= 0.23 * 0.75 - 1e-12 and d.dropout.max() <= 0.23 * 1.25 + 1e-12
    assert d.dropout.mean() == pytest.approx(0.23, abs=0.002)  # symmetric triangular: mean = value
    assert d.fill.min() >= 0.5 and d.fill.max() <= 0.9 and d.fill.mean() == pytest.approx(0.7, abs=0.003)
    central = tj.central_turnover(V)
    assert np.all(d.turnover <= central * 1.4 + 1e-12) and np.all(d.turnover >= central * 0.6 - 1e-12)
    total = headroom_of(V).total
    assert d.headroom.min() >= total * 0.8 - 1e-12 and d.uptake.max() <= V.uptake * 1.15 + 1e-12
    # demand moves: eligible population = population × prevalence × eligible share, each ± its spread
    assert d.eligible.std() / d.eligible.mean() > 0.05


def test_headroom_is_sampled_part_by_part_not_as_a_total() -> None:
    """Sickness, training and other time each move ± their own share; leave is contractual and fixed."""
    v = replace(V, other_nonclinical=0.02)
    central = headroom_of(v).parts
    d = uncertainty.draw(v, 20_000, seed=2)
    assert np.all(d.headroom_parts["annual_leave"] == central["annual_leave"])
    for name in ("sickness", "study_training", "other_nonclinical"):
        x = d.headroom_parts[name]
        assert x.min() >= central[name] * 0.8 - 1e-12 and x.max() <= central[name] * 1.2 + 1e-12
        assert x.std() > 0.05 * central[name] and x.mean() == pytest.approx(central[name], rel=0.01)
    np.testing.assert_allclose(d.headroom, sum(d.headroom_parts.values()))
    # independent parts: sickness and training do not move together, so the total varies less than
    # the old "total ± 20%" (whose spread was 20% of the whole total, annual leave included)
    assert abs(np.corrcoef(d.headroom_parts["sickness"], d.headroom_parts["study_training"])[0, 1]) < 0.03
    old_sd = headroom_of(v).total * 0.2 / np.sqrt(6)  # sd of a symmetric triangular of half-width 20%
    assert d.headroom.std() < 0.5 * old_sd
    assert {"sickness_absence", "study_training", "other_nonclinical"} <= set(uncertainty.SAMPLED)
    assert "headroom" not in uncertainty.SAMPLED


def test_completion_is_a_range_not_a_probability() -> None:
    u = uncertainty.run(V, TEAM, AS_OF, runs=200, seed=0)
    assert u.completion_range == pytest.approx((1 - 0.23 * 1.25, 1 - 0.23 * 0.75))
    assert u.completion_between_providers == pytest.approx((0.58, 0.90))
    assert "probability_70_completion" not in u.to_json()


def test_vectorised_requirement_matches_the_capacity_model() -> None:
    """Each run's required WTE equals capacity.requirement with that run's inputs (dataclasses.replace)."""
    d = uncertainty.draw(V, 6, seed=5)
    starts = uncertainty.starts_by_year(d, 2)
    required, reg_only, _ = uncertainty.required_arrays(V, d, starts)
    for r in range(6):
        v = replace(
            V,
            dropout=float(d.dropout[r]),
            admin_hours_per_patient=float(d.admin_hours[r]),
            # the sampled total, through the one part it may move without refusal: sickness absence
            sickness_absence=float(d.headroom[r]) - (headroom_of(V).total - V.sickness_absence),
        )
        for y in range(2):
            s = float(starts[r, y])
            req = capacity.requirement(s, s * (1 - v.dropout), v)
            np.testing.assert_allclose(required[r, y], req.by_band.to_numpy(), rtol=1e-9, atol=1e-9)
            assert reg_only[r, y] == pytest.approx(req.registered_only_wte, rel=1e-9)


def test_demand_by_year_matches_the_funnel_at_the_central_values() -> None:
    still = replace(V, **{name: 0.0 for name in ZERO_SPREADS})
    d = uncertainty.draw(still, 3, seed=0)
    starts = uncertainty.starts_by_year(d, 4)
    funnel = funnel_by_year(still, ["2025/26", "2026/27", "2027/28", "2028/29"])
    np.testing.assert_allclose(starts[0], funnel["starts"].to_numpy())


def test_the_fan_now_carries_demand_uncertainty() -> None:
    """F6: the fan of required WTE was ±1% (drop-out only); demand, admin and headroom widen it."""
    u = uncertainty.run(V, TEAM, AS_OF, runs=2_000, seed=0)
    f = u.percentiles["required_wte"].iloc[0]
    assert (f["p95"] - f["p5"]) / f["p50"] > 0.2
    assert list(u.probability_by_year.index) == u.years


def test_no_spread_collapses_onto_the_central_path() -> None:
    still = replace(V, **{name: 0.0 for name in ZERO_SPREADS})
    u = uncertainty.run(still, TEAM, AS_OF, runs=50, seed=0)
    central = tj.project_trajectory(still, TEAM, AS_OF).summary
    for measure in ("required_wte", "in_post_wte", "gap_wte"):
        f = u.percentiles[measure]
        np.testing.assert_allclose(f["p5"], f["p95"])
        np.testing.assert_allclose(f["p50"], central[measure])


def test_percentile_bands_are_ordered_and_json_ready() -> None:
    u = uncertainty.run(V, TEAM, AS_OF, runs=1_000, seed=0)
    for frame in u.percentiles.values():
        values = frame[["p5", "p10", "p25", "p50", "p75", "p90", "p95"]].to_numpy()
        assert np.all(np.diff(values, axis=1) >= -1e-9)
    out = u.to_json()
    assert out["years"] == ["2025/26", "2026/27", "2027/28", "2028/29"]
    assert len(out["percentiles"]["share_within_90_days"]["p50"]) == 4
