"""The waiting-list queue for a block of runs: compiled (one pass per run) and the NumPy reference.

Both take each week's referrals who will start (``total``, runs × weeks), the weekly capacity and today's
list as cumulative cohorts (``history``: ``past`` columns, zeros before the oldest), and return the same
arrays: cumulative arrivals and starts of the two streams (with the ``past`` columns before week 0),
each week's starts, and each week's starts weighted by the chance their wait is inside the window
(:func:`planner.expansion.fifo.within`). The method is described in :mod:`planner.expansion.waiting`.

:func:`queue_arrays` is the NumPy path over whole arrays (about forty passes over runs × weeks).
:func:`queue_block` goes on to what the simulation keeps of a block: each
year's starts and starts within the window (summed as NumPy's ``add.reduceat`` sums: the first week, plus
the rest by eight-way pairwise summation), the people waiting past the standard and on the list at each
year end, and each week's list, starts and starts within the window for the runs behind the chart.
:func:`queue_block_compiled` does the same arithmetic, in the same order, run by run in one pass with
numba (compiled once and cached on disk, no fast-math), keeping a run's rows in scratch memory, so the
figures are the same to the last bit (``tests/unit/test_queue_kernel.py`` checks it on random inputs).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from planner.expansion.fifo import fifo, over, within

__all__ = [
    "queue_arrays",
    "queue_block",
    "queue_block_compiled",
    "window_steps",
]


def window_steps(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """The steps of a window's weights, the weeks where they step down, and their sum (as ``within``)."""
    steps = weights[:-1] - weights[1:]
    ks = np.flatnonzero(steps > 1e-12)
    return steps, ks, float(steps[ks].sum())


def queue_arrays(total, cap, history, past, post_share, w_stable, w_post):
    """The NumPy reference: whole-array passes (cumulative sums, running minimum, window slices)."""
    n, n_weeks = total.shape
    ca_post = np.zeros((n, past + n_weeks))
    ca_stable = np.empty((n, past + n_weeks))
    ca_stable[:, :past] = history
    np.multiply(total, 1 - post_share, out=ca_stable[:, past:])
    np.cumsum(ca_stable[:, past - 1 :], axis=-1, out=ca_stable[:, past - 1 :])
    if post_share > 0:
        np.multiply(total, post_share, out=ca_post[:, past:])
        np.cumsum(ca_post, axis=-1, out=ca_post)
    cc = np.zeros((n, past + n_weeks))
    np.cumsum(cap, axis=-1, out=cc[:, past:])
    cd_post = fifo(ca_post, cc) if post_share > 0 else ca_post
    cd_stable = fifo(ca_stable, cc - cd_post if post_share > 0 else cc)
    s_stable = np.diff(cd_stable[:, past - 1 :], axis=-1)
    s_post = np.diff(cd_post[:, past - 1 :], axis=-1)
    in_stable = within(cd_stable, ca_stable, past, w_stable, s_stable)
    in_post = within(cd_post, ca_post, past, w_post, s_post) if post_share > 0 else np.zeros_like(in_stable)
    return ca_stable, ca_post, cd_stable, cd_post, s_stable, s_post, in_stable, in_post


@njit(cache=True, nogil=True)
def _within_row(cd, ca, past, steps, ks, total, s, out):  # pragma: no cover - compiled
    n_weeks = s.shape[0]
    rest = False
    k0 = ks[0]
    for t in range(n_weeks):
        if cd[past - 1 + t] < ca[past - k0 - 1 + t]:
            rest = True
            break
    if not rest:
        for t in range(n_weeks):
            out[t] = s[t] if total == 1.0 else s[t] * total
        return
    for t in range(n_weeks):
        acc = 0.0
        for k in ks:
            gap = cd[past + t] - ca[past - k - 1 + t]
            gap = max(gap, 0.0)
            gap = min(gap, s[t])
            acc += gap * steps[k]
        out[t] = acc


@njit(cache=True, nogil=True)
def _run_row(
    inflow_s, inflow_p, cap, history, past, has_post, ca_s, ca_p, cd_s, cd_p, s_s, s_p
):  # pragma: no cover
    """One run's cumulative arrivals and starts of both streams, and each week's starts."""
    n_weeks = inflow_s.shape[0]
    m_s = 0.0
    for j in range(past):
        ca_s[j] = history[j]
        ca_p[j] = 0.0
        cd_p[j] = 0.0
        m_s = min(m_s, history[j] - 0.0)
        cd_s[j] = m_s + 0.0
    # cumulative capacity (zeros before week 0), the post stream first, then the stable stream on what
    # it leaves: D(t) = C(t) + running min of (A(s) − C(s)), as in planner.expansion.fifo.fifo
    m_p = 0.0
    cc = 0.0
    for t in range(n_weeks):
        j = past + t
        cc = cc + cap[t]
        ca_s[j] = ca_s[j - 1] + inflow_s[t]
        if has_post:
            ca_p[j] = ca_p[j - 1] + inflow_p[t]
            m_p = min(m_p, ca_p[j] - cc)
            cd_p[j] = m_p + cc
            left = cc - cd_p[j]
        else:
            ca_p[j] = 0.0
            cd_p[j] = 0.0
            left = cc
        m_s = min(m_s, ca_s[j] - left)
        cd_s[j] = m_s + left
        s_s[t] = cd_s[j] - cd_s[j - 1]
        s_p[t] = cd_p[j] - cd_p[j - 1]


def _over_points(ends: np.ndarray, past: int, days: float) -> tuple[np.ndarray, np.ndarray]:
    """The column before and the fraction of the way to the next, as :func:`planner.expansion.fifo.over`."""
    x = ends + 1 - days / 7 + past
    j = np.floor(x).astype(int)
    return j, x - j


def queue_block(total, cap, history, past, post_share, w_stable, w_post, bounds, ends, wait_days, keep):
    """The NumPy reference of a block's results: year sums, year-end counts, the first ``keep`` runs' weeks.

    Returns:
        (dict of ``starts_stable``, ``within_stable``, ``starts_post``, ``within_post``, ``over``,
        ``list_end``; each week's list, stable starts, post starts, stable and post starts within their
        windows for the first ``keep`` runs, or None when ``keep`` is 0).
    """
    n, n_weeks = total.shape
    ca_s, ca_p, cd_s, cd_p, s_s, s_p, in_s, in_p = queue_arrays(
        total, np.broadcast_to(cap, (n, n_weeks)), history, past, post_share, w_stable, w_post
    )
    end_cols = ends + past
    part = {
        "starts_stable": np.add.reduceat(s_s, bounds, axis=-1),
        "within_stable": np.add.reduceat(in_s, bounds, axis=-1),
        "starts_post": np.add.reduceat(s_p, bounds, axis=-1),
        "within_post": np.add.reduceat(in_p, bounds, axis=-1),
        "over": over(ca_s, cd_s, past, ends, wait_days) + over(ca_p, cd_p, past, ends, wait_days),
        "list_end": (ca_s[:, end_cols] + ca_p[:, end_cols]) - (cd_s[:, end_cols] + cd_p[:, end_cols]),
    }
    if keep == 0:
        return part, None
    weekly = (ca_s + ca_p - cd_s - cd_p)[:keep, past:], s_s[:keep], s_p[:keep], in_s[:keep], in_p[:keep]
    return part, weekly


def queue_block_compiled(
    total, cap, history, past, post_share, w_stable, w_post, bounds, ends, wait_days, keep
):
    """The same results as :func:`queue_block`, from the compiled kernel (rows in scratch memory)."""
    n, n_weeks = total.shape
    inflow_stable = np.multiply(total, 1 - post_share, out=np.empty((n, n_weeks)))
    inflow_post = np.multiply(total, post_share, out=np.empty((n, n_weeks)))
    cap = np.ascontiguousarray(np.broadcast_to(cap, (n, n_weeks)), dtype=float)
    j, frac = _over_points(ends, past, wait_days)
    if j.min() < 1:  # the callers pad more weeks than the standard; the NumPy path handles any other case
        return queue_block(
            total, cap, history, past, post_share, w_stable, w_post, bounds, ends, wait_days, keep
        )
    years = bounds.size
    sums = np.empty((4, n, years))
    over_out = np.empty((n, ends.size))
    list_end = np.empty((n, ends.size))
    weekly = np.empty((5, keep, n_weeks))
    _block_kernel(
        inflow_stable,
        inflow_post,
        cap,
        np.ascontiguousarray(history, dtype=float),
        past,
        post_share > 0,
        *window_steps(w_stable),
        *window_steps(w_post),
        np.ascontiguousarray(bounds, dtype=np.int64),
        np.ascontiguousarray(ends, dtype=np.int64),
        j.astype(np.int64),
        frac.astype(float),
        keep,
        sums,
        over_out,
        list_end,
        weekly,
    )
    part = {
        "starts_stable": sums[0],
        "within_stable": sums[1],
        "starts_post": sums[2],
        "within_post": sums[3],
        "over": over_out,
        "list_end": list_end,
    }
    return part, (tuple(weekly) if keep else None)


@njit(cache=True, nogil=True)
def _reduceat_sum(row, lo, hi):  # pragma: no cover - compiled
    """row[lo:hi] summed as NumPy's add.reduceat sums a segment: the first, plus the rest pairwise."""
    first = row[lo]
    n = hi - lo - 1
    if n < 8:
        res = 0.0
        for i in range(n):
            res += row[lo + 1 + i]
        return first + res
    r0 = row[lo + 1]
    r1 = row[lo + 2]
    r2 = row[lo + 3]
    r3 = row[lo + 4]
    r4 = row[lo + 5]
    r5 = row[lo + 6]
    r6 = row[lo + 7]
    r7 = row[lo + 8]
    i = 8
    top = n - n % 8
    while i < top:
        b = lo + 1 + i
        r0 += row[b]
        r1 += row[b + 1]
        r2 += row[b + 2]
        r3 += row[b + 3]
        r4 += row[b + 4]
        r5 += row[b + 5]
        r6 += row[b + 6]
        r7 += row[b + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += row[lo + 1 + i]
        i += 1
    return first + res


@njit(cache=True, nogil=True)
def _over_one(ca, cd, past, end, j, frac):  # pragma: no cover - compiled
    prev = ca[j - 1]
    cur = ca[j]
    left = (prev + frac * (cur - prev)) - cd[end + past]
    return left if left >= 0.0 else 0.0


@njit(cache=True, nogil=True)
def _block_kernel(
    inflow_stable,
    inflow_post,
    cap,
    history,
    past,
    has_post,
    steps_s,
    ks_s,
    total_s,
    steps_p,
    ks_p,
    total_p,
    bounds,
    ends,
    over_j,
    over_frac,
    keep,
    sums,
    over_out,
    list_end,
    weekly,
):  # pragma: no cover - compiled
    n, n_weeks = inflow_stable.shape
    width = past + n_weeks
    ca_s = np.empty(width)
    ca_p = np.empty(width)
    cd_s = np.empty(width)
    cd_p = np.empty(width)
    s_s = np.empty(n_weeks)
    s_p = np.empty(n_weeks)
    in_s = np.empty(n_weeks)
    in_p = np.zeros(n_weeks)
    years = bounds.size
    for r in range(n):
        _run_row(
            inflow_stable[r],
            inflow_post[r],
            cap[r],
            history,
            past,
            has_post,
            ca_s,
            ca_p,
            cd_s,
            cd_p,
            s_s,
            s_p,
        )
        _within_row(cd_s, ca_s, past, steps_s, ks_s, total_s, s_s, in_s)
        if has_post:
            _within_row(cd_p, ca_p, past, steps_p, ks_p, total_p, s_p, in_p)
        for y in range(years):
            lo = bounds[y]
            hi = bounds[y + 1] if y + 1 < years else n_weeks
            sums[0, r, y] = _reduceat_sum(s_s, lo, hi)
            sums[1, r, y] = _reduceat_sum(in_s, lo, hi)
            sums[2, r, y] = _reduceat_sum(s_p, lo, hi)
            sums[3, r, y] = _reduceat_sum(in_p, lo, hi)
        for e in range(ends.size):
            c = ends[e] + past
            over_out[r, e] = _over_one(ca_s, cd_s, past, ends[e], over_j[e], over_frac[e]) + _over_one(
                ca_p, cd_p, past, ends[e], over_j[e], over_frac[e]
            )
            list_end[r, e] = (ca_s[c] + ca_p[c]) - (cd_s[c] + cd_p[c])
        if r < keep:
            for t in range(n_weeks):
                c = past + t
                weekly[0, r, t] = ((ca_s[c] + ca_p[c]) - cd_s[c]) - cd_p[c]
                weekly[1, r, t] = s_s[t]
                weekly[2, r, t] = s_p[t]
                weekly[3, r, t] = in_s[t]
                weekly[4, r, t] = in_p[t]
