"""A service's two queues share their normal draws: the figures are those of drawing them afresh.

The referral-noise-only queue and the Monte Carlo's queue of one service have the same seed, runs and
weeks, so :func:`planner.expansion.waiting.block_normals` keeps the first one's normals for the second.
These tests pin that the kept normals are exactly what each block's own spawned generator draws, that
a queue run with the normals kept gives exactly the answer of one run with them drawn afresh, and that
the kept arrays cannot be changed by a caller.
"""

from __future__ import annotations

import numpy as np
import pytest

from planner.expansion import queue_rules, waiting
from planner.expansion import trajectory as tj

pytestmark = pytest.mark.unit


def test_kept_normals_are_each_blocks_own_generator_draws() -> None:
    """Block i's normals are SeedSequence(seed).spawn(n)[i]'s, 250 runs a block, the last one short."""
    got = waiting.block_normals(7, 600, 30)
    children = np.random.SeedSequence(7).spawn(3)
    assert [z.shape for z in got] == [(250, 30), (250, 30), (100, 30)]
    for z, child in zip(got, children, strict=True):
        expected = np.random.default_rng(child).standard_normal(z.shape, dtype=np.float32)
        np.testing.assert_array_equal(z, expected)
        assert z.dtype == np.float32


def test_counts_from_kept_normals_equal_counts_drawn_by_the_generator() -> None:
    """draw_arrivals with a generator, or with that generator's normals, gives the same counts."""
    mean = np.linspace(0.5, 60.0, 40)
    (z,) = waiting.block_normals(11, 200, 40)
    child = np.random.SeedSequence(11).spawn(1)[0]
    drawn = waiting.draw_arrivals(np.random.default_rng(child), mean, 200)
    np.testing.assert_array_equal(waiting.draw_arrivals(None, mean, 200, z), drawn)
    assert drawn.sum() > 0.9 * mean.sum() * 200  # real counts around the means, not zeros


def test_a_queue_with_kept_normals_equals_one_with_fresh_normals() -> None:
    """Warm cache (the second queue of a service) and cold cache give identical runs, figure by figure."""
    start = queue_rules.starting_list(400, None, 30.0)
    week_year = np.repeat(np.arange(3), 52)
    rng = np.random.default_rng(0)
    means = 30.0 + rng.random((900, 1)) * 4 + np.linspace(0, 3, 156)
    cap = np.full(156, 31.0)
    args = dict(week_year=week_year, runs=900, seed=21, post_share=0.25)
    waiting.block_normals.cache_clear()
    cold = waiting.simulate_runs(means, cap, start, **args)
    central = waiting.simulate_runs(np.full(156, 31.5), cap, start, **args)  # the other queue, same seed
    assert waiting.block_normals.cache_info().hits >= 1
    warm = waiting.simulate_runs(means, cap, start, **args)
    for name in ("starts_stable", "within_stable", "starts_post", "within_post", "list_at_year_end"):
        np.testing.assert_array_equal(getattr(cold, name), getattr(warm, name))
    np.testing.assert_array_equal(cold.weekly_list_p50, warm.weekly_list_p50)
    assert not np.array_equal(cold.list_at_year_end, central.list_at_year_end)  # its own means


def test_kept_arrays_are_read_only() -> None:
    """Nobody can change the kept normals or the kept pay vector under the next service."""
    z = waiting.block_normals(3, 10, 5)[0]
    with pytest.raises(ValueError):
        z[0, 0] = 1.0
    price = tj.cost_vector("mid", "employer")
    with pytest.raises(ValueError):
        price[0] = 1.0
    assert price[0] == 0.0 and price[-1] > price[4] > 20_000  # band 1 has no pay point; £ a WTE-year
