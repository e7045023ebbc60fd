"""The stochastic two-stream queue: against an event-by-event reference, its pieces, and its properties."""

from __future__ import annotations

import time
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.expansion import queue_rules, waiting

pytestmark = pytest.mark.unit


def reference(counts: np.ndarray, capacity: list[int], past: list[int], seed: int, days: float = 90):
    """Patient by patient, written out longhand (nothing imported from the queue code).

    Each patient gets a referral day spread at random over their week; each week the service starts up
    to ``capacity`` patients, oldest week first (in random order within a week, as the model's weekly
    cohorts), each on a random day of the week. Returns (starters, starters within ``days``) by week.
    """
    rng = np.random.default_rng(seed)
    queue: list[tuple[int, float, float]] = []  # (week referred, tie-break, day referred)
    for ago, n in enumerate(past, start=1):
        for _ in range(n):
            queue.append((-ago, rng.random(), 7 * (-ago) + 7 * rng.random()))
    out = []
    for week, (n, cap) in enumerate(zip(counts, capacity, strict=True)):
        for _ in range(int(n)):
            queue.append((week, rng.random(), 7 * week + 7 * rng.random()))
        queue.sort()
        started, queue = queue[:cap], queue[cap:]
        within = 0
        for _, _, referred in started:
            day = 7 * week + 7 * rng.random()
            within += max(day, referred) - referred <= days
        out.append((len(started), within))
    return np.array(out, dtype=float)


def test_queue_matches_an_event_by_event_simulation() -> None:
    """Same referrals, same capacity: the model's expected count within 90 days matches patients' days."""
    weeks, runs = 90, 40
    rng = np.random.default_rng(7)
    counts = rng.poisson(20.0, size=(runs, weeks))
    capacity = [16] * 45 + [26] * 45  # a list that builds past 13 weeks of waiting, then falls
    past = [20, 20, 20, 20, 20, 20]
    start = queue_rules.StartingList(np.array(past, dtype=float), "")
    year = np.repeat(np.arange(3), 30)
    q = waiting.simulate_runs(
        np.full(weeks, 20.0),
        np.array(capacity, dtype=float),
        start,
        week_year=year,
        runs=runs,
        seed=0,
        post_share=0.0,
        counts=counts,
    )
    ref = np.array([reference(counts[r], capacity, past, seed=r) for r in range(runs)])
    starts_ref = np.add.reduceat(ref[..., 0], [0, 30, 60], axis=-1)
    within_ref = np.add.reduceat(ref[..., 1], [0, 30, 60], axis=-1)
    np.testing.assert_allclose(q.starts_stable, starts_ref, atol=1e-6)
    share_ref = within_ref.sum(axis=0) / starts_ref.sum(axis=0)
    share_model = q.within_stable.sum(axis=0) / q.starts_stable.sum(axis=0)
    assert share_ref[1] < 0.5  # the middle year has waits either side of 90 days, so the test bites
    np.testing.assert_allclose(share_model, share_ref, atol=0.015)


def test_window_weights_count_waits_in_days() -> None:
    w = waiting.window_weights(90)
    assert np.all(w[:12] == 1.0)
    assert w[12] == pytest.approx(1 - 1 / 98)  # 84 + D ≤ 90 unless D > 6
    assert w[13] == pytest.approx(36 / 98)  # 91 + D ≤ 90 only when D ≤ −1
    assert np.all(w[14:] == 0.0)
    assert waiting.window_weights(28)[3:5] == pytest.approx([1.0, 0.5])


def test_a_profile_is_spread_evenly_over_its_week_bands() -> None:
    s = queue_rules.starting_list(0, {"0-1": 10, "12-18": 60, "52+": 0}, weekly_demand=30)
    assert s.total == pytest.approx(70)
    assert s.cohorts[0] == 10 and s.cohorts.size == 18
    np.testing.assert_allclose(s.cohorts[12:18], 10.0)  # 12-18 weeks: six cohorts of 10
    assert "spread evenly" in s.note


def test_a_list_without_a_profile_is_the_most_recent_referrals_and_says_so() -> None:
    s = queue_rules.starting_list(120, None, weekly_demand=28.3)
    np.testing.assert_allclose(s.cohorts, [28.3, 28.3, 28.3, 28.3, 6.8])
    assert "most recent referrals" in s.note and "first come, first served" in s.note
    assert queue_rules.starting_list(0, None, 10).cohorts.size == 0


def test_steady_state_uses_nhsrwaitinglist_rules_on_the_85_percent_basis() -> None:
    s = queue_rules.steady_state(28.0, wait_days=90, target_share=0.85)
    assert s.factor == pytest.approx(1.8971, abs=1e-4)
    assert s.mean_wait_days == pytest.approx(47.44, abs=0.01)
    assert s.target_queue == pytest.approx(28.0 * 47.44 / 7, rel=1e-3)
    assert s.capacity == pytest.approx(28.0 + 0.5 * 1.8971 / (90 / 7), rel=1e-6)


def test_steady_state_cross_check_with_the_simulated_queue() -> None:
    """Started at NHSRwaitinglist's target queue with its target capacity, the simulated list holds 85%."""
    lam = 28.0
    s = queue_rules.steady_state(lam, wait_days=90, target_share=0.85)
    start = queue_rules.starting_list(s.target_queue, None, lam)
    r = waiting.simulate(
        np.full(156, lam),
        np.full(156, s.capacity),
        as_of=date(2026, 4, 1),
        start=start,
        post_share=0.0,
        runs=2_000,
    )
    assert np.all(r.share_percentiles["p50"] >= 0.85)
    assert r.verdict == "holds"
    assert 0.5 * s.target_queue < r.list_at_year_end["p50"].iloc[-1] < 1.5 * s.target_queue


@pytest.mark.parametrize(
    ("met", "cap", "demand", "expected"),
    [
        ([True, True], 30, 28, "holds"),
        ([False, True], 28, 28, "holds"),
        ([True, True], 27, 28, "reached_then_slips"),
        ([True, True], 27.9972, 28, "holds"),  # 0.9999 of demand: a closed gap's rounding
        ([True, True], 27.85, 28, "reached_then_slips"),  # 0.54% short: beyond the tolerance
        ([True, False], 30, 28, "reached_then_slips"),
        ([False, False], 30, 28, "not_reached"),
    ],
)
def test_verdict_table(met: list[bool], cap: float, demand: float, expected: str) -> None:
    assert queue_rules.verdict(np.array(met), cap, demand) == expected


@given(
    met=st.lists(st.booleans(), min_size=1, max_size=12),
    demand=st.floats(0.1, 500),
    short=st.floats(queue_rules.CAPACITY_TOLERANCE * 1.01, 0.9),
)
def test_capacity_below_demand_at_the_horizon_never_holds(
    met: list[bool], demand: float, short: float
) -> None:
    """Documented sense: more than the 0.5% tolerance below demand never holds."""
    assert queue_rules.verdict(np.array(met), demand * (1 - short), demand) != "holds"


def test_a_growing_list_is_not_reported_as_holding_end_to_end() -> None:
    """The review's case: capacity at 92% of demand keeps the share high for a while, then slips."""
    r = waiting.simulate(
        np.full(160, 28.3),
        np.full(160, 26.0),
        as_of=date(2025, 11, 26),
        start=queue_rules.starting_list(120, None, 28.3),
        post_share=0.2,
        runs=500,
    )
    assert r.verdict == "reached_then_slips" and r.list_growth_per_week == pytest.approx(2.3)
    assert r.capacity_to_demand < 1
    assert r.over_90_days["p50"].iloc[-1] > 0


@settings(max_examples=15, deadline=None)
@given(
    lam=st.floats(5, 40),
    extra=st.floats(0.05, 0.5),
    load=st.floats(0.85, 1.1),
    post=st.sampled_from([0.0, 0.2]),
)
def test_more_demand_with_the_same_team_never_improves_the_share(
    lam: float, extra: float, load: float, post: float
) -> None:
    """Common random numbers: the extra referrals are added to the same draws (a superposition).

    The list starts empty. With an old list and spare capacity, more new referrals can raise the share
    of *starters* within 90 days by diluting the old ones; that is a property of the measure.
    """
    weeks, runs = 156, 300
    rng = np.random.default_rng(1)
    base = rng.poisson(lam, (runs, weeks))
    more = base + np.random.default_rng(2).poisson(lam * extra, (runs, weeks))
    cap = np.full(weeks, lam * load)
    year = np.repeat(np.arange(3), 52)
    empty = queue_rules.StartingList(np.zeros(0), "")

    def run(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        q = waiting.simulate_runs(
            np.full(weeks, lam), cap, empty, week_year=year, runs=runs, seed=0, post_share=post, counts=counts
        )
        share = q.share_stable()
        return np.median(share, axis=0), (share >= 0.85).mean(axis=0)

    (p50_base, prob_base), (p50_more, prob_more) = run(base), run(more)
    assert np.all(p50_more <= p50_base + 0.005)
    assert np.all(prob_more <= prob_base + 0.02)


def test_post_exacerbation_referrals_are_seen_first() -> None:
    r = waiting.simulate(
        np.full(104, 20.0),
        np.full(104, 18.0),
        as_of=date(2026, 4, 1),
        start=queue_rules.starting_list(200, None, 20),
        post_share=0.25,
        runs=300,
    )
    assert np.all(r.post_exacerbation["p50"] == 1.0)
    assert r.share_percentiles["p50"].iloc[-1] < 0.5


def test_same_seed_same_answer() -> None:
    args = dict(
        as_of=date(2026, 4, 1), start=queue_rules.starting_list(100, None, 20), post_share=0.2, runs=300
    )
    a = waiting.simulate(np.full(80, 20.0), np.full(80, 20.5), seed=3, **args)
    b = waiting.simulate(np.full(80, 20.0), np.full(80, 20.5), seed=3, **args)
    assert a.share_percentiles.equals(b.share_percentiles) and a.over_90_days.equals(b.over_90_days)


def test_drawn_referrals_have_poisson_mean_and_variance() -> None:
    x = waiting.draw_arrivals(np.random.default_rng(0), np.full(200, 6.0), 2_000)
    assert x.mean() == pytest.approx(6.0, rel=0.01) and x.var() == pytest.approx(6.0, rel=0.04)
    assert np.all(x == np.rint(x)) and x.min() >= 0


def test_ten_thousand_runs_over_ten_years_in_about_a_second() -> None:
    """The brief's budget is ~1 s on a free core; the tests share two busy cores, so allow 4 s."""
    start = queue_rules.starting_list(120, None, 28.3)
    t = time.perf_counter()
    waiting.simulate_runs(
        np.full(520, 28.3),
        np.full(520, 29.0),
        start,
        week_year=np.repeat(np.arange(10), 52),
        runs=10_000,
        seed=0,
        post_share=0.2,
    )
    assert time.perf_counter() - t < 4.0


def test_within_shortcut_for_short_lists_equals_the_week_by_week_sum() -> None:
    """Runs whose list never holds anyone past the window take every start; the rest are summed in full."""
    from planner.expansion import fifo

    rng = np.random.default_rng(11)
    weeks, pad = 120, 20
    counts = rng.poisson(20.0, size=(6, weeks)).astype(float)
    capacity = np.array([30.0, 30.0, 30.0, 17.0, 15.0, 12.0])[:, None] * np.ones(weeks)
    ca = np.zeros((6, pad + weeks))
    ca[:, pad:] = counts.cumsum(axis=1)
    cc = np.zeros((6, pad + weeks))
    cc[:, pad:] = capacity.cumsum(axis=1)
    cd = fifo.fifo(ca, cc)
    w = waiting.window_weights(90)
    got = fifo.within(cd, ca, pad, w)
    now, before = cd[:, pad:], cd[:, pad - 1 : -1]
    full = np.zeros_like(now)
    for k in range(w.size - 1):
        floor = ca[:, pad - k - 1 : pad - k - 1 + weeks]
        full += (w[k] - w[k + 1]) * np.maximum(now - np.maximum(before, floor), 0.0)
    np.testing.assert_allclose(got, full, atol=1e-9)
    starts = now - before
    np.testing.assert_allclose(got[:3], starts[:3])  # short lists: every start inside the window
    assert np.all(got[3:].sum(axis=1) < starts[3:].sum(axis=1) - 1)  # long lists: some are not


def test_the_answer_does_not_depend_on_the_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of runs draw from generators spawned from the seed, so one thread or two give one answer."""
    start = queue_rules.starting_list(300, None, 28.0)
    args = dict(week_year=np.repeat(np.arange(3), 52), runs=1_100, seed=5, post_share=0.2)
    monkeypatch.setattr(waiting, "_WORKERS", 1)
    one = waiting.simulate_runs(np.full(156, 28.0), np.full(156, 27.5), start, **args)
    monkeypatch.setattr(waiting, "_WORKERS", 2)
    monkeypatch.setattr(waiting, "_THREADED_BLOCKS", 2)  # five blocks of runs, on two threads
    two = waiting.simulate_runs(np.full(156, 28.0), np.full(156, 27.5), start, **args)
    for name in ("starts_stable", "within_stable", "within_post", "list_at_year_end", "weekly_list_p50"):
        np.testing.assert_array_equal(getattr(one, name), getattr(two, name))
    other = waiting.simulate_runs(np.full(156, 28.0), np.full(156, 27.5), start, **{**args, "seed": 6})
    assert not np.array_equal(one.list_at_year_end, other.list_at_year_end)


def test_long_term_plan_staffed_to_demand_holds_and_growth_is_never_minus_zero() -> None:
    """Review fix 1: the LTP trails demand by 0.003 WTE (capacity 0.9999 of demand): that holds."""
    import dataclasses

    from planner.expansion import projection, report

    p = projection.project("long_term_plan", as_of=date(2025, 11, 26), runs=0)
    assert 1 - queue_rules.CAPACITY_TOLERANCE < p.waiting.capacity_to_demand
    assert p.waiting.verdict == "holds"
    tiny = dataclasses.replace(p, waiting=dataclasses.replace(p.waiting, list_growth_per_week=-1e-6))
    assert str(report.to_json(tiny)["waiting"]["list_growth_per_week"]) == "0.0"
    assert "-0.0" not in projection.compare([tiny]).to_string()
