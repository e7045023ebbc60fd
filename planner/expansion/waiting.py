"""The waiting list, week by week: referrals who will start, against weekly start capacity.

Method: a deterministic first-come-first-served (FIFO) fluid queue in weekly steps.

- Each week a cohort of referrals (those who will take up PR: referrals × uptake) joins the list;
  people are treated as a continuous quantity (a "fluid"), not as individuals, and nothing is random.
- Each week the service starts up to its start capacity, oldest referrals first. A referral can start
  in the week it arrives (a wait of 0 weeks).
- Today's waiting list is spread evenly over the last ``waiting_list_spread_weeks`` weeks of referrals.
- Nobody leaves the list without starting (decliners are already removed by the uptake rate), and
  nobody is prioritised: post-exacerbation referrals wait like everyone else, so their share starting
  within 4 weeks is the overall share within 4 weeks.
- The share within 90 days in a week is the share of that week's starters whose cohort was referred
  at most 12 whole weeks (84 days) earlier; 13 weeks would be 91 days. A week with no starters scores
  1 when nobody is waiting and 0 otherwise.

With cumulative arrivals A(t) (today's list counted as earlier cohorts) and cumulative capacity C(t),
cumulative starts are D(t) = C(t) + min(0, min over s ≤ t of (A(s) − C(s))), the FIFO recursion
D(t) = min(D(t − 1) + c(t), A(t)) written in closed form so it vectorises over Monte Carlo runs.
Starters in week t referred within w weeks are D(t) − max(D(t − 1), A(t − w − 1)), floored at 0.

The capacity needed to reach and then hold the target share by a date is the smallest constant
weekly capacity, no lower than the weekly demand from that date on, for which every week from that
date to the end of the horizon meets the target; it is found by bisection (the share rises with
capacity).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

import numpy as np
import pandas as pd

from planner.expansion.demand import financial_year

METHOD_NAME = "Deterministic first-come-first-served (FIFO) fluid queue in weekly steps"
METHOD_TEXT = (
    "Waiting times come from a deterministic first-come-first-served fluid queue in weekly steps. "
    "Each week the referrals who will take up PR join the list and the service starts as many as its "
    "capacity allows, oldest first. Today's list is assumed to have been referred evenly over the "
    "last few weeks (a parameter). Nothing is random, nobody is prioritised (post-exacerbation "
    "referrals wait like everyone else), and nobody leaves the list without starting. The share "
    "within 90 days is the share of each week's starters referred at most 12 whole weeks earlier."
)


def window_weeks(days: int) -> int:
    """Whole weeks of waiting that stay within ``days`` (90 days → 12 weeks, 28 days → 4 weeks)."""
    return int(days) // 7


@dataclass
class QueueArrays:
    """Week-by-week queue results; arrays have the shape of the inputs (runs × weeks or weeks).

    ``cum_arrivals`` and ``cum_starts`` are cumulative from week 0; ``backlog`` is computed from them
    on first use (the Monte Carlo never needs it week by week).
    """

    starts: np.ndarray
    within: dict[int, np.ndarray]
    cum_arrivals: np.ndarray
    cum_starts: np.ndarray

    @cached_property
    def backlog(self) -> np.ndarray:
        """People waiting at the end of each week."""
        return self.cum_arrivals - self.cum_starts

    def share(self, weeks: int) -> np.ndarray:
        """Share of each week's starters who waited at most ``weeks`` whole weeks."""
        starts, inside = self.starts, self.within[weeks]
        safe = np.where(starts > 1e-9, starts, 1.0)
        empty = np.where(self.backlog > 1e-9, 0.0, 1.0)
        return np.where(starts > 1e-9, np.clip(inside / safe, 0.0, 1.0), empty)


def fifo(
    arrivals: np.ndarray,
    capacity: np.ndarray,
    *,
    backlog_now: float,
    spread_weeks: int,
    windows: tuple[int, ...] = (12, 4),
) -> QueueArrays:
    """Run the FIFO fluid queue.

    Args:
        arrivals: people joining the list each week, shape (weeks,) or (..., weeks).
        capacity: starts possible each week, shape (..., weeks); broadcast against ``arrivals``.
        backlog_now: people waiting at week 0.
        spread_weeks: today's list was referred evenly over this many past weeks.
        windows: waiting windows in whole weeks to count starters within.
    """
    arrivals = np.asarray(arrivals, dtype=float)
    capacity = np.asarray(capacity, dtype=float)
    shape = np.broadcast_shapes(arrivals.shape, capacity.shape)
    lead, weeks = shape[:-1], shape[-1]
    k = max(int(spread_weeks), 1)
    # Cumulative arrivals over the k past weeks and the horizon; shared by every run when arrivals are.
    a = np.cumsum(
        np.concatenate([np.full((*arrivals.shape[:-1], k), float(backlog_now) / k), arrivals], axis=-1),
        axis=-1,
    )
    # Memory traffic dominates for many runs, so the big arrays are written in place.
    c = np.zeros((*lead, k + weeks))
    np.cumsum(np.broadcast_to(capacity, shape), axis=-1, out=c[..., k:])
    d = np.subtract(a, c)
    np.minimum.accumulate(d, axis=-1, out=d)
    np.minimum(d, 0.0, out=d)
    d += c
    del c
    now, before = d[..., k:], d[..., k - 1 : -1]
    within = {}
    for w in windows:
        # Cumulative arrivals up to week t − w − 1 (zero before the first past cohort).
        shifted = np.concatenate([np.zeros((*a.shape[:-1], w + 1)), a], axis=-1)[..., k : k + weeks]
        inside = np.maximum(before, shifted)
        np.subtract(now, inside, out=inside)
        within[w] = np.maximum(inside, 0.0, out=inside)
    return QueueArrays(starts=now - before, within=within, cum_arrivals=a[..., k:], cum_starts=now)


def weeks_to_target(share: np.ndarray, target: float) -> int | None:
    """The first week from which the share stays at or above ``target`` to the end, else None."""
    share = np.asarray(share)
    below = np.flatnonzero(share < target - 1e-9)
    if below.size == 0:
        return 0
    first = int(below[-1]) + 1
    return first if first < share.size else None


def share_by_period(q: QueueArrays, weeks: int, period_of_week: np.ndarray, n_periods: int) -> np.ndarray:
    """Share within ``weeks`` over all starters in each period, shape (..., periods).

    ``period_of_week`` must be sorted (weeks run in order, as financial years do); a period with no
    starters scores 1.
    """
    n_weeks = q.starts.shape[-1]
    bounds = np.searchsorted(period_of_week, np.arange(n_periods))
    present = np.diff(np.append(bounds, n_weeks)) > 0  # reduceat would misreport an empty period
    idx = np.minimum(bounds, n_weeks - 1)
    starts = np.where(present, np.add.reduceat(q.starts, idx, axis=-1), 0.0)
    inside = np.where(present, np.add.reduceat(q.within[weeks], idx, axis=-1), 0.0)
    return np.where(starts > 1e-9, inside / np.where(starts > 1e-9, starts, 1.0), 1.0)


def capacity_to_reach(
    arrivals: np.ndarray,
    *,
    backlog_now: float,
    spread_weeks: int,
    target_week: int,
    wait_days: int = 90,
    target_share: float = 0.85,
    iterations: int = 50,
) -> float | None:
    """Smallest constant weekly start capacity that reaches ``target_share`` by ``target_week`` and holds it.

    "Holds" means every week from ``target_week`` to the end of the horizon meets the target and the
    capacity is at least the weekly demand from then on (so the list cannot grow after the horizon).

    Returns:
        Starts per week, or None when no capacity can do it (people already waiting longer than the
        window would still be starting at the target week).
    """
    arrivals = np.asarray(arrivals, dtype=float)
    w = window_weeks(wait_days)
    target_week = min(max(int(target_week), 0), arrivals.size - 1)

    def meets(c: float) -> bool:
        q = fifo(
            arrivals,
            np.full(arrivals.size, c),
            backlog_now=backlog_now,
            spread_weeks=spread_weeks,
            windows=(w,),
        )
        return bool(np.all(q.share(w)[target_week:] >= target_share - 1e-9))

    # Holding the target for good needs at least the demand from the target week on; below that the
    # list grows without limit and the share falls once the horizon ends.
    floor = float(arrivals[target_week:].max(initial=0.0))
    hi = float(arrivals.max(initial=0.0) + backlog_now) + 1e-6
    if not meets(hi):
        return None
    lo = floor
    if meets(lo):
        return lo
    for _ in range(iterations):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if meets(mid) else (mid, hi)
    return hi


@dataclass(frozen=True)
class WaitingResult:
    """The waiting list week by week, and what it takes to meet the target.

    Attributes:
        weeks: one row per week: week, week_start, year, arrivals, capacity, starts, backlog,
            share_within_90_days, share_within_4_weeks.
        weeks_to_target: first week from which the 90-day share stays at or above the target.
        share_by_year: 90-day share over all starters in each financial year.
        needed_capacity: constant starts per week needed to reach and hold the target by ``needed_by``.
        needed_by: the date the target should be reached.
        method: the queueing method, in words (for the page).
    """

    weeks: pd.DataFrame
    weeks_to_target: int | None
    share_by_year: pd.Series
    needed_capacity: float | None
    needed_by: date
    method: str = METHOD_TEXT


def simulate(
    arrivals: np.ndarray,
    capacity: np.ndarray,
    *,
    as_of: date,
    backlog_now: float,
    spread_weeks: int,
    wait_days: int = 90,
    post_exacerbation_weeks: int = 4,
    target_share: float = 0.85,
    target_date: date | None = None,
) -> WaitingResult:
    """Simulate the list from ``as_of`` and find the capacity needed to meet the target by ``target_date``.

    Args:
        arrivals: people joining the list each week (referrals × uptake), one value per week.
        capacity: starts possible each week.
        as_of: the date of week 0.
        backlog_now: people waiting at week 0.
        spread_weeks: today's list was referred evenly over this many past weeks.
        wait_days: the standard (90 days).
        post_exacerbation_weeks: the NICE QS10 window (4 weeks).
        target_share: the share to reach (85%).
        target_date: when to reach it; 26 weeks after ``as_of`` when not given.
    """
    arrivals = np.asarray(arrivals, dtype=float)
    w90, w4 = window_weeks(wait_days), int(post_exacerbation_weeks)
    q = fifo(arrivals, capacity, backlog_now=backlog_now, spread_weeks=spread_weeks, windows=(w90, w4))
    starts_on = [as_of + timedelta(weeks=i) for i in range(arrivals.size)]
    years = [financial_year(d) for d in starts_on]
    share90 = q.share(w90)
    weeks = pd.DataFrame(
        {
            "week": np.arange(arrivals.size),
            "week_start": starts_on,
            "year": years,
            "arrivals": arrivals,
            "capacity": np.broadcast_to(capacity, arrivals.shape).astype(float),
            "starts": q.starts,
            "backlog": q.backlog,
            "share_within_90_days": share90,
            "share_within_4_weeks": q.share(w4),
        }
    )
    labels = list(dict.fromkeys(years))
    period = np.array([labels.index(y) for y in years])
    by_year = pd.Series(share_by_period(q, w90, period, len(labels)), index=pd.Index(labels, name="year"))
    needed_by = target_date or as_of + timedelta(weeks=26)
    target_week = max(0, -(-(needed_by - as_of).days // 7))
    needed = capacity_to_reach(
        arrivals,
        backlog_now=backlog_now,
        spread_weeks=spread_weeks,
        target_week=target_week,
        wait_days=wait_days,
        target_share=target_share,
    )
    return WaitingResult(
        weeks, weeks_to_target(share90, target_share), by_year.rename("share"), needed, needed_by
    )
