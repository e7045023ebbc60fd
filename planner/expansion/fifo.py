"""The arithmetic of a first-come-first-served queue over cumulative counts, for many runs at once.

With cumulative arrivals A(t) and capacity C(t) per run (rows) and week (columns), cumulative starts are
D(t) = C(t) + min(0, minₛ≤ₜ (A(s) − C(s))) (:func:`fifo`); starters within a window of k weeks and the
people still waiting past a number of days follow from D and A (:func:`within`, :func:`over`). The
method, and what it assumes, is described in :mod:`planner.expansion.waiting`, which calls these.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fifo", "over", "within"]


def fifo(cum_arrivals: np.ndarray, cum_capacity: np.ndarray) -> np.ndarray:
    """Cumulative starts of a FIFO queue from cumulative arrivals and capacity (closed form)."""
    d = cum_arrivals - cum_capacity
    np.minimum.accumulate(d, axis=-1, out=d)
    if np.any(d[:, 0] > 0):  # with a zero first column (the callers' padding) the running minimum is ≤ 0
        np.minimum(d, 0.0, out=d)
    return np.add(d, cum_capacity, out=d)


def within(
    cum_starts: np.ndarray,
    cum_arrivals: np.ndarray,
    past: int,
    weights: np.ndarray,
    starts: np.ndarray | None = None,
) -> np.ndarray:
    """Starters each week weighted by the chance their wait is inside the window, (runs, weeks).

    Column ``past`` is week 0; the arrays need at least ``len(weights)`` columns before it (zeros before
    the first cohort), so every window is a slice. A run whose list never holds anyone older than the
    window's first uncertain week has every start inside it; only the other runs are summed week by week.
    ``starts`` (each week's starts, D(t) − D(t − 1)) may be passed in when the caller has them.
    """
    now = cum_starts[:, past:]
    before = cum_starts[:, past - 1 : -1]
    n_weeks = now.shape[-1]
    steps = weights[:-1] - weights[1:]
    ks = np.flatnonzero(steps > 1e-12)
    if starts is None:
        starts = now - before
    first = cum_arrivals[:, past - ks[0] - 1 : past - ks[0] - 1 + n_weeks]
    # D(t − 1) ≥ A(t − k − 1) for every week: all earlier cohorts had started, so each term is the starts
    rest = np.flatnonzero((before < first).any(axis=1))
    total = float(steps[ks].sum())
    if rest.size == 0:  # every start inside the window (the caller only reads the result)
        return starts if total == 1.0 else starts * total
    out = starts * total
    whole = rest.size == now.shape[0]
    now_r = now if whole else now[rest]
    starts_r = starts if whole else starts[rest]
    arrivals_r = cum_arrivals if whole else cum_arrivals[rest]
    acc = np.zeros_like(now_r)
    gap = np.empty_like(now_r)
    for k in ks:
        # starters from cohorts at most k weeks old: min(starts, max(0, D(t) − A(t − k − 1)))
        lo = past - k - 1
        np.subtract(now_r, arrivals_r[:, lo : lo + n_weeks], out=gap)
        np.maximum(gap, 0.0, out=gap)
        np.minimum(gap, starts_r, out=gap)
        gap *= steps[k]
        acc += gap
    if whole:
        return acc
    out[rest] = acc
    return out


def over(cum_arrivals: np.ndarray, cum_starts: np.ndarray, past: int, weeks: np.ndarray, days: float):
    """People still waiting more than ``days`` at the end of each of ``weeks``, (runs, len(weeks))."""
    # Referred before time (t + 1) − days/7 weeks, with referrals spread evenly over each week.
    x = weeks + 1 - days / 7 + past  # in the array's week index, cohorts start at their index
    j = np.floor(x).astype(int)
    frac = x - j
    prev = np.where(j - 1 >= 0, cum_arrivals[:, np.clip(j - 1, 0, None)], 0.0)
    cur = np.where(j >= 0, cum_arrivals[:, np.clip(j, 0, None)], 0.0)
    arrived = prev + frac * (cur - prev)
    return np.maximum(arrived - cum_starts[:, weeks + past], 0.0)
