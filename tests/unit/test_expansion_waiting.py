"""The FIFO fluid queue: against a cohort-by-cohort reference, and its properties."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.expansion import waiting

pytestmark = pytest.mark.unit


def reference(arrivals: list[float], capacity: list[float], backlog: float, spread: int, window: int):
    """Serve cohorts one by one, oldest first (the method written out longhand)."""
    cohorts = [[-spread + i, backlog / spread] for i in range(spread)]
    out = []
    for t, (a, c) in enumerate(zip(arrivals, capacity, strict=True)):
        cohorts.append([t, a])
        left, started, inside = c, 0.0, 0.0
        for cohort in cohorts:
            take = min(left, cohort[1])
            cohort[1] -= take
            left -= take
            started += take
            inside += take if t - cohort[0] <= window else 0.0
        cohorts = [x for x in cohorts if x[1] > 1e-12]
        out.append((started, sum(x[1] for x in cohorts), inside))
    return np.array(out)


def test_small_example_by_hand() -> None:
    """30 waiting, referred 10 a week over the last 3 weeks; 10 join and 15 start each week.

    Week 0: starts 15 (10 from week −3, 5 from week −2); waiting 30 + 10 − 15 = 25.
    Week 1: starts 15 (5 from −2, 10 from −1); waiting 20. Week 2: waiting 15. Week 3: 10. Week 4: 5.
    Within 1 week (window 1, referred this week or last): weeks 0–1 start only older cohorts → 0;
    week 2 starts 10 from week 0 and 5 from week 1 → 5; week 3 starts 5 from week 1 and 10 from week 2
    → 10; week 4 starts 10 from week 3 and 5 from week 4 → 15; week 5 likewise 15.
    """
    q = waiting.fifo(np.full(6, 10.0), np.full(6, 15.0), backlog_now=30, spread_weeks=3, windows=(1,))
    np.testing.assert_allclose(q.backlog, [25, 20, 15, 10, 5, 0])
    np.testing.assert_allclose(q.starts, [15, 15, 15, 15, 15, 15])
    np.testing.assert_allclose(q.within[1], [0, 0, 5, 10, 15, 15])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=30), min_size=1, max_size=40),
    st.floats(min_value=0, max_value=300),
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=0, max_value=14),
    st.randoms(use_true_random=False),
)
def test_closed_form_matches_the_cohort_reference(arrivals, backlog, spread, window, rnd) -> None:
    capacity = [rnd.uniform(0, 35) for _ in arrivals]
    q = waiting.fifo(
        np.array(arrivals), np.array(capacity), backlog_now=backlog, spread_weeks=spread, windows=(window,)
    )
    ref = reference(arrivals, capacity, backlog, spread, window)
    np.testing.assert_allclose(q.starts, ref[:, 0], atol=1e-7)
    np.testing.assert_allclose(q.backlog, ref[:, 1], atol=1e-7)
    np.testing.assert_allclose(q.within[window], ref[:, 2], atol=1e-7)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=50), min_size=1, max_size=60),
    st.lists(st.floats(min_value=0, max_value=20), min_size=60, max_size=60),
    st.floats(min_value=0, max_value=500),
)
def test_when_capacity_exceeds_demand_the_backlog_never_grows(arrivals, spare, backlog) -> None:
    a = np.array(arrivals)
    c = a + np.array(spare[: a.size])
    q = waiting.fifo(a, c, backlog_now=backlog, spread_weeks=8)
    path = np.concatenate([[backlog], q.backlog])
    assert np.all(np.diff(path) <= 1e-9)
    assert np.all(q.share(12) >= 0) and np.all(q.share(12) <= 1)


def test_weeks_to_target_needs_the_share_to_hold() -> None:
    assert waiting.weeks_to_target(np.array([0.5, 0.9, 0.8, 0.9, 0.95]), 0.85) == 3
    assert waiting.weeks_to_target(np.array([0.9, 0.9]), 0.85) == 0
    assert waiting.weeks_to_target(np.array([0.9, 0.5]), 0.85) is None
    assert waiting.window_weeks(90) == 12 and waiting.window_weeks(28) == 4


def test_capacity_found_by_bisection_is_the_smallest_that_works() -> None:
    arrivals = np.full(104, 20.0)
    c = waiting.capacity_to_reach(arrivals, backlog_now=600, spread_weeks=30, target_week=26)
    assert c is not None and c >= 20.0

    def share_from(cap: float) -> float:
        q = waiting.fifo(arrivals, np.full(104, cap), backlog_now=600, spread_weeks=30, windows=(12,))
        return float(q.share(12)[26:].min())

    assert share_from(c) >= 0.85 - 1e-6
    assert share_from(c * 0.98) < 0.85


def test_capacity_cannot_fix_waits_already_too_long_at_the_target_week() -> None:
    assert (
        waiting.capacity_to_reach(np.full(10, 5.0), backlog_now=100, spread_weeks=30, target_week=0) is None
    )


def test_simulate_reports_weeks_years_and_method() -> None:
    r = waiting.simulate(
        np.full(60, 10.0), np.full(60, 12.0), as_of=date(2026, 1, 5), backlog_now=120, spread_weeks=16
    )
    assert list(r.weeks.columns) == [
        "week",
        "week_start",
        "year",
        "arrivals",
        "capacity",
        "starts",
        "backlog",
        "share_within_90_days",
        "share_within_4_weeks",
    ]
    assert r.weeks["year"].iloc[0] == "2025/26" and r.weeks["year"].iloc[-1] == "2026/27"
    assert r.needed_by == date(2026, 7, 6)
    assert r.weeks_to_target is not None and r.weeks["backlog"].iloc[-1] == pytest.approx(0)
    assert "first-come-first-served" in r.method and "fluid" in waiting.METHOD_NAME


def test_share_by_year_pools_each_years_starters_and_scores_an_empty_year_1() -> None:
    q = waiting.fifo(np.full(10, 5.0), np.full(10, 6.0), backlog_now=10, spread_weeks=2, windows=(1,))
    period = np.array([0, 0, 0, 2, 2, 2, 2, 3, 3, 3])
    got = waiting.share_by_period(q, 1, period, 5)
    for p in (0, 2, 3):
        mask = period == p
        assert got[p] == pytest.approx(q.within[1][mask].sum() / q.starts[mask].sum())
    assert got[1] == 1.0 and got[4] == 1.0
    assert got[0] == pytest.approx(1 / 3)  # week 0: 6 start, 5 from the week −2 cohort, 1 from week −1
