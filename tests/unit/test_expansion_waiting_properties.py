"""Properties of the waiting-list answer through the whole projection (common random numbers: one seed)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.expansion import projection
from planner.expansion.scenario import load_scenario

pytestmark = pytest.mark.unit

#: A list today that leaves the chance of the waiting-time target strictly between 5% and 95%.
BACKLOG = {"waiting_list_now": 250}


@settings(max_examples=4, deadline=None)
@given(start=st.sampled_from([date(2025, 6, 2), date(2025, 11, 26), date(2026, 1, 14)]))
def test_a_year_later_with_the_target_a_year_later_gives_the_same_probability(start: date) -> None:
    """F2: the answer must not depend on the run date when the horizon moves with it.

    With 250 people waiting today the chance of the target is between 5% and 95% in the target year
    (about 0.6), so a shift of the answer with the run date shows; the status quo's chance is 100%.
    """
    later = date(start.year + 1, start.month, start.day)
    a = projection.project(load_scenario(None, target_year="2028/29", **BACKLOG), as_of=start, runs=2_000)
    b = projection.project(load_scenario(None, target_year="2029/30", **BACKLOG), as_of=later, runs=2_000)
    for run in (a.waiting, a.uncertainty):
        assert 0.05 < float(run.probability_by_year.iloc[-1]) < 0.95  # the test can fail
    assert a.waiting.verdict == b.waiting.verdict
    np.testing.assert_allclose(
        a.waiting.probability_by_year.to_numpy(), b.waiting.probability_by_year.to_numpy(), atol=0.05
    )
    np.testing.assert_allclose(
        a.uncertainty.probability_by_year.to_numpy(), b.uncertainty.probability_by_year.to_numpy(), atol=0.05
    )


@settings(max_examples=6, deadline=None)
@given(
    waiting=st.floats(0, 3_000),
    old=st.floats(0, 500),
)
def test_a_backlog_never_changes_the_steady_requirement(waiting: float, old: float) -> None:
    """F9: a backlog is cleared with one-off capacity; the requirement and the WTE to hold stay put."""
    as_of = date(2025, 11, 26)
    base = projection.project(None, as_of=as_of, runs=0)
    profile = {
        "0-1": waiting / 4,
        "4-12": waiting / 4,
        "12-18": waiting / 4,
        "18-52": waiting / 4,
        "52+": old,
    }
    for overrides in ({"waiting_list_now": waiting}, {"waiting_list_by_weeks": profile}):
        p = projection.project(load_scenario(None, **overrides), as_of=as_of, runs=0)
        assert p.requirement.total == base.requirement.total
        assert p.wte_to_hold_target == base.wte_to_hold_target
        assert p.trajectory.summary["required_wte"].equals(base.trajectory.summary["required_wte"])
        b = p.backlog_clearance
        assert b.extra_starts == pytest.approx(max(0.0, b.list_now - b.target_queue))
        assert b.wte_weeks == pytest.approx(b.extra_starts * b.wte_per_weekly_start)


def test_wte_to_hold_follows_each_years_demand_not_the_maximum() -> None:
    """F9: the Long Term Plan grows demand; each year's WTE to hold is that year's, rising with it."""
    p = projection.project("long_term_plan", as_of=date(2025, 11, 26), runs=0)
    hold = list(p.wte_to_hold_target.values())
    assert hold == sorted(hold) and hold[0] < hold[-1]
    req = p.trajectory.summary["required_wte"].to_numpy()
    np.testing.assert_allclose(hold, req, rtol=0.03)  # the queue margin is small against class steps
