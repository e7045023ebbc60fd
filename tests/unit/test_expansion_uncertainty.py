"""Monte Carlo: seeded, within the sampled ranges, and collapsing to the central path without spread."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from planner.expansion import trajectory as tj
from planner.expansion import uncertainty
from planner.expansion.scenario import load_scenario

pytestmark = pytest.mark.unit

V = load_scenario("long_term_plan").inputs()
TEAM = np.array([0, 0, 2.4, 2.9, 1.1, 4.0, 4.1, 1.0, 1.0, 0, 0, 0])
AS_OF = date(2025, 11, 1)


def test_same_seed_same_answer_other_seed_other_answer() -> None:
    a = uncertainty.run(V, TEAM, AS_OF, runs=500, seed=3)
    b = uncertainty.run(V, TEAM, AS_OF, runs=500, seed=3)
    c = uncertainty.run(V, TEAM, AS_OF, runs=500, seed=4)
    assert a.to_json() == b.to_json()
    assert a.percentiles["gap_wte"]["p50"].tolist() != c.percentiles["gap_wte"]["p50"].tolist()


def test_draws_stay_in_their_ranges_and_keep_the_central_means() -> None:
    d = uncertainty.draw(V, 20_000, seed=1)
    assert d.dropout.min() >= 0.10 and d.dropout.max() <= 0.42
    assert d.dropout.mean() == pytest.approx(0.23, abs=0.003)
    assert d.fill.min() >= 0.5 and d.fill.max() <= 0.9 and d.fill.mean() == pytest.approx(0.7, abs=0.003)
    central = tj.central_turnover(V)
    assert np.all(d.turnover <= central * 1.4 + 1e-12) and np.all(d.turnover >= central * 0.6 - 1e-12)


def test_completion_probability_matches_the_triangular_distribution() -> None:
    """Drop-out ~ triangular(0.10, 0.17, 0.42): P(d ≤ 0.30) = 1 − (0.42 − 0.30)² / (0.32 × 0.25) = 0.82."""
    u = uncertainty.run(V, TEAM, AS_OF, runs=20_000, seed=0)
    assert u.probability_completion_target == pytest.approx(0.82, abs=0.01)
    assert 0.0 <= u.probability_wait_target <= 1.0


def test_no_spread_collapses_onto_the_central_path() -> None:
    still = replace(
        V, turnover_uncertainty=0.0, fill_rate_uncertainty=0.0, dropout_low=0.23, dropout_high=0.23
    )
    u = uncertainty.run(still, TEAM, AS_OF, runs=50, seed=0)
    central = tj.project_trajectory(still, TEAM, AS_OF).summary
    for measure in ("required_wte", "in_post_wte", "gap_wte"):
        f = u.percentiles[measure]
        np.testing.assert_allclose(f["p5"], f["p95"])
        np.testing.assert_allclose(f["p50"], central[measure])


def test_percentile_bands_are_ordered_and_json_ready() -> None:
    u = uncertainty.run(V, TEAM, AS_OF, runs=1_000, seed=0)
    for frame in u.percentiles.values():
        values = frame[["p5", "p25", "p50", "p75", "p95"]].to_numpy()
        assert np.all(np.diff(values, axis=1) >= -1e-9)
    out = u.to_json()
    assert out["years"] == ["2025/26", "2026/27", "2027/28", "2028/29"]
    assert len(out["percentiles"]["share_within_90_days"]["p50"]) == 4
