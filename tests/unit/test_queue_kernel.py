"""The compiled queue gives exactly the NumPy queue's results, block by block and for whole simulations.

:func:`planner.expansion.queue_kernel.queue_block_compiled` runs the queue run by run in one compiled
pass; :func:`planner.expansion.queue_kernel.queue_block` is the NumPy reference over whole arrays.
Random referrals, capacities, lists and post-exacerbation shares must give bit-identical arrays, and a
whole :func:`planner.expansion.waiting.simulate_runs` the same figures either way.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.expansion import queue_kernel as qk
from planner.expansion import waiting
from planner.expansion.queue_rules import StartingList

pytestmark = pytest.mark.unit

W90, W28 = waiting.window_weights(90), waiting.window_weights(28)


def _history(cohorts: np.ndarray) -> tuple[np.ndarray, int]:
    past = max(W90.size, W28.size) + 1 + max(cohorts.size, 1)
    history = np.zeros(past)
    history[past - cohorts.size :] = cohorts[::-1]
    return np.cumsum(history), past


def test_a_growing_list_is_queued_in_order() -> None:
    """Hand-checked: 10 a week arrive, 6 a week start; nobody waited past 90 days in 8 weeks."""
    total = np.full((1, 8), 10.0)
    history, past = _history(np.zeros(0))
    args = (total, np.full(8, 6.0), history, past, 0.0, W90, W28, np.array([0, 4]), np.array([3, 7]), 90, 1)
    part, (list_now, s_stable, s_post, in_stable, _) = qk.queue_block_compiled(*args)
    np.testing.assert_array_equal(s_stable, np.full((1, 8), 6.0))
    np.testing.assert_array_equal(list_now[0], np.arange(4.0, 33.0, 4.0))
    np.testing.assert_array_equal(in_stable, s_stable)  # every start inside 90 days
    np.testing.assert_array_equal(part["starts_stable"], [[24.0, 24.0]])
    np.testing.assert_array_equal(part["list_end"], [[16.0, 32.0]])
    np.testing.assert_array_equal(part["over"], [[0.0, 0.0]])
    assert not s_post.any()


@pytest.mark.parametrize("post_share", [0.0, 0.25])
def test_simulation_is_the_same_with_either_queue(monkeypatch, post_share) -> None:
    """A whole simulation (8 blocks, two threads) is bit-identical with the compiled or NumPy queue."""
    weeks = 126
    arrivals = np.linspace(30.0, 45.0, weeks)
    capacity = np.full(weeks, 38.0)
    start = StartingList(np.full(20, 30.0), "test list")
    year = np.repeat(np.arange(3), 52)[:weeks]
    kwargs = dict(week_year=year, runs=2_000, seed=5, post_share=post_share)
    compiled = waiting.simulate_runs(arrivals, capacity, start, **kwargs)
    monkeypatch.setattr(waiting, "QUEUE_BLOCK", qk.queue_block)
    reference = waiting.simulate_runs(arrivals, capacity, start, **kwargs)
    for field in compiled.__dataclass_fields__:
        np.testing.assert_array_equal(getattr(compiled, field), getattr(reference, field), err_msg=field)
    assert 0.0 < float(np.median(compiled.share_stable())) < 1.0  # a list with real waits


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    runs=st.integers(1, 30),
    cuts=st.lists(st.integers(1, 120), max_size=3, unique=True),
    weeks=st.integers(1, 126),
    mean=st.floats(0.0, 60.0),
    cap_ratio=st.floats(0.0, 1.6),
    list_weeks=st.integers(0, 60),
    post_share=st.sampled_from([0.0, 0.2, 1.0]),
    keep=st.integers(0, 30),
)
def test_compiled_block_equals_numpy_block(
    seed, runs, cuts, weeks, mean, cap_ratio, list_weeks, post_share, keep
) -> None:
    """Year sums (reduceat's order), year-end counts and the chart's weeks are bit-identical."""
    rng = np.random.default_rng(seed)
    total = waiting.draw_arrivals(
        None, np.full(weeks, mean), runs, rng.standard_normal((runs, weeks), np.float32)
    )
    cap = rng.uniform(0.0, mean * cap_ratio + 1e-3, weeks)
    history, past = _history(rng.uniform(0.0, mean * 2 + 1.0, list_weeks))
    bounds = np.array(sorted({0, *(c for c in cuts if c < weeks)}))
    ends = np.append(bounds[1:], weeks) - 1
    keep = min(keep, runs)
    args = (total, cap, history, past, post_share, W90, W28, bounds, ends, 90, keep)
    expected, expected_weeks = qk.queue_block(*args)
    got, got_weeks = qk.queue_block_compiled(*args)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key].shape == value.shape == ((runs, bounds.size)), key
        np.testing.assert_array_equal(got[key], value, err_msg=key)
    assert (got_weeks is None) == (expected_weeks is None) == (keep == 0)
    for e, g in zip(expected_weeks or (), got_weeks or (), strict=True):
        assert g.shape == (keep, weeks)
        np.testing.assert_array_equal(g, e)
