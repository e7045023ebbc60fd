"""The compiled queue gives exactly the NumPy queue's arrays, block by block and for whole simulations.

:func:`planner.expansion.queue_kernel.queue_arrays_compiled` runs the queue run by run in one compiled
pass; :func:`planner.expansion.queue_kernel.queue_arrays` is the NumPy reference over whole arrays.
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
NAMES = ("ca_stable", "ca_post", "cd_stable", "cd_post", "s_stable", "s_post", "in_stable", "in_post")


def _history(cohorts: np.ndarray) -> tuple[np.ndarray, int]:
    past = max(W90.size, W28.size) + 1 + max(cohorts.size, 1)
    history = np.zeros(past)
    history[past - cohorts.size :] = cohorts[::-1]
    return np.cumsum(history), past


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    runs=st.integers(1, 40),
    weeks=st.integers(1, 90),
    mean=st.floats(0.0, 60.0),
    cap_ratio=st.floats(0.0, 1.6),
    list_weeks=st.integers(0, 60),
    post_share=st.sampled_from([0.0, 0.05, 0.2, 0.35, 1.0]),
    single=st.booleans(),
    by_run=st.booleans(),
)
def test_compiled_queue_equals_numpy_queue(
    seed, runs, weeks, mean, cap_ratio, list_weeks, post_share, single, by_run
) -> None:
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((runs, weeks), dtype=np.float32)
    total = waiting.draw_arrivals(None, np.full(weeks, mean), runs, z)
    if not single:
        total = total.astype(float)
    shape = (runs, weeks) if by_run else (weeks,)
    cap = rng.uniform(0.0, mean * cap_ratio + 1e-3, shape)
    history, past = _history(rng.uniform(0.0, mean * 2 + 1.0, list_weeks))
    expected = qk.queue_arrays(
        total, np.broadcast_to(cap, (runs, weeks)), history, past, post_share, W90, W28
    )
    got = qk.queue_arrays_compiled(total, cap, history, past, post_share, W90, W28)
    for name, e, g in zip(NAMES, expected, got, strict=True):
        assert g.shape == e.shape, name
        np.testing.assert_array_equal(g, e, err_msg=name)
    assert got[0][:, -1].max() >= history[-1]  # real cumulative arrivals, not an empty array


def test_a_growing_list_is_queued_in_order() -> None:
    """Hand-checked: 10 a week arrive, 6 a week start; nobody waited past 90 days in 8 weeks."""
    total = np.full((1, 8), 10.0)
    history, past = _history(np.zeros(0))
    got = qk.queue_arrays_compiled(total, np.full(8, 6.0), history, past, 0.0, W90, W28)
    arrays = dict(zip(NAMES, got, strict=True))
    np.testing.assert_array_equal(arrays["s_stable"], np.full((1, 8), 6.0))
    np.testing.assert_array_equal(arrays["ca_stable"][0, past:], np.arange(10.0, 81.0, 10.0))
    np.testing.assert_array_equal(arrays["cd_stable"][0, past:], np.arange(6.0, 49.0, 6.0))
    np.testing.assert_array_equal(arrays["in_stable"], arrays["s_stable"])  # every start inside 90 days


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
    monkeypatch.setattr(waiting, "QUEUE_ARRAYS", qk.queue_arrays)
    reference = waiting.simulate_runs(arrivals, capacity, start, **kwargs)
    for field in compiled.__dataclass_fields__:
        np.testing.assert_array_equal(getattr(compiled, field), getattr(reference, field), err_msg=field)
    assert 0.0 < float(np.median(compiled.share_stable())) < 1.0  # a list with real waits
