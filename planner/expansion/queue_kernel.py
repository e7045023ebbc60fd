"""The waiting-list queue's arrays for a block of runs: compiled (one pass per run) and the NumPy reference.

Both take each week's referrals who will start (``total``, runs × weeks), the weekly capacity and today's
list as cumulative cohorts (``history``: ``past`` columns, zeros before the oldest), and return the same
arrays: cumulative arrivals and starts of the two streams (with the ``past`` columns before week 0),
each week's starts, and each week's starts weighted by the chance their wait is inside the window
(:func:`planner.expansion.fifo.within`). The method is described in :mod:`planner.expansion.waiting`.

:func:`queue_arrays` is the NumPy path over whole arrays (about forty passes over runs × weeks);
:func:`queue_arrays_compiled` does the same arithmetic, in the same order, run by run in one pass with
numba (compiled once and cached on disk, no fast-math), so the figures are the same to the last bit
(``tests/unit/test_queue_kernel.py`` checks it on random inputs).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from planner.expansion.fifo import fifo, within

__all__ = ["queue_arrays", "queue_arrays_compiled", "window_steps"]


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


def queue_arrays_compiled(total, cap, history, past, post_share, w_stable, w_post):
    """The same arrays as :func:`queue_arrays`, from the compiled one-pass-per-run kernel."""
    n, n_weeks = total.shape
    # The streams' weekly inflows as NumPy rounds them (a float32 count times a Python float).
    inflow_stable = np.multiply(total, 1 - post_share, out=np.empty((n, n_weeks)))
    inflow_post = np.multiply(total, post_share, out=np.empty((n, n_weeks)))
    cap = np.ascontiguousarray(np.broadcast_to(cap, (n, n_weeks)), dtype=float)
    steps_s, ks_s, total_s = window_steps(w_stable)
    steps_p, ks_p, total_p = window_steps(w_post)
    out = tuple(np.empty((n, past + n_weeks)) for _ in range(4)) + tuple(
        np.empty((n, n_weeks)) for _ in range(4)
    )
    _kernel(
        inflow_stable,
        inflow_post,
        cap,
        np.ascontiguousarray(history, dtype=float),
        past,
        post_share > 0,
        steps_s,
        ks_s,
        total_s,
        steps_p,
        ks_p,
        total_p,
        *out,
    )
    return out


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
def _kernel(
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
    ca_s,
    ca_p,
    cd_s,
    cd_p,
    s_s,
    s_p,
    in_s,
    in_p,
):  # pragma: no cover - compiled
    n, n_weeks = inflow_stable.shape
    for r in range(n):
        for j in range(past):
            ca_s[r, j] = history[j]
            ca_p[r, j] = 0.0
            cd_p[r, j] = 0.0
        # cumulative capacity (zeros before week 0), the post stream first, then the stable stream on
        # what it leaves: D(t) = C(t) + running min of (A(s) − C(s)), as in planner.expansion.fifo.fifo
        m_p = 0.0
        m_s = 0.0
        cc = 0.0
        for j in range(past):
            m_s = min(m_s, history[j] - 0.0)
            cd_s[r, j] = m_s + 0.0
        for t in range(n_weeks):
            j = past + t
            cc = cc + cap[r, t]
            ca_s[r, j] = ca_s[r, j - 1] + inflow_stable[r, t]
            if has_post:
                ca_p[r, j] = ca_p[r, j - 1] + inflow_post[r, t]
                m_p = min(m_p, ca_p[r, j] - cc)
                cd_p[r, j] = m_p + cc
                left = cc - cd_p[r, j]
            else:
                ca_p[r, j] = 0.0
                cd_p[r, j] = 0.0
                left = cc
            m_s = min(m_s, ca_s[r, j] - left)
            cd_s[r, j] = m_s + left
            s_s[r, t] = cd_s[r, j] - cd_s[r, j - 1]
            s_p[r, t] = cd_p[r, j] - cd_p[r, j - 1]
        _within_row(cd_s[r], ca_s[r], past, steps_s, ks_s, total_s, s_s[r], in_s[r])
        if has_post:
            _within_row(cd_p[r], ca_p[r], past, steps_p, ks_p, total_p, s_p[r], in_p[r])
        else:
            for t in range(n_weeks):
                in_p[r, t] = 0.0
