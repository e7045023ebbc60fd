"""The waiting list, week by week: a stochastic first-come-first-served queue in two streams.

Method (``METHOD_NAME``; ``METHOD_TEXT`` is the sentence the page shows):

- **Referrals.** Each week's referrals who will start (referrals × uptake) are drawn around the week's
  mean, as Poisson counts: one normal draw z per run and week, turned into a count by the
  Cornish–Fisher approximation round(λ + √λ·z + (z² − 1)/6), floored at 0 (mean and variance within
  about 1% of Poisson for λ ≥ 1; exact Poisson draws take several times longer). Real referrals are
  usually more variable than Poisson (seasons, campaigns); no over-dispersion figure was found, so
  the spread shown is the least there can be.
- **Two streams.** ``post_exacerbation_share`` of each week's referrals were referred after a hospital
  admission for an exacerbation. They are seen first (NICE QS10 statement 5: start within 4 weeks of
  discharge, taken here as 4 weeks of referral). Stable referrals take the places left, oldest first;
  the NRAP target (85% start within 90 days) is measured on them.
- **Starts.** The team starts up to its weekly capacity (from the workforce in post, the trajectory);
  capacity is not random here (the uncertainty Monte Carlo varies it between runs).
- **Waits in days.** A week's referrals arrive evenly over its 7 days and a week's starts happen evenly
  over its 7 days, so a referral from k weeks before waits 7k + D days with D triangular on (−7, 7).
  The share of a week's starters within 90 days weights each cohort by P(7k + D ≤ 90) (1 up to
  k = 11, 0.99 at 12, 0.37 at 13, 0 from 14), rather than counting 12 whole weeks.
- **Today's list.** Entered by weeks waited in the bands of the Community Health Services
  waiting-list return (0–1, 1–2, 2–4, 4–12, 12–18, 18–52, 52+ weeks, the last taken as 52–104);
  each band is spread evenly over its weeks, so the 12–18 week band, which straddles 90 days, is
  partly within it. With a size but no profile the list is taken to be the most recent referrals, no
  older than first come, first served makes it (a note says so). Today's list is all stable referrals.
- **Runs.** Every run starts from the same list; the Monte Carlo runs are vectorised over weekly
  cohorts: with cumulative arrivals A(t) and capacity C(t), cumulative starts are
  D(t) = C(t) + min(0, minₛ≤ₜ (A(s) − C(s))), the FIFO recursion D(t) = min(D(t − 1) + c(t), A(t)) in
  closed form (post-exacerbation first, stable referrals on C − D_post). Starters in week t from
  cohorts at most k weeks old are max(0, D(t) − max(D(t − 1), A(t − k − 1))). Runs go in blocks of
  250 (arrays that stay in cache) on up to two threads; each block draws from its own
  ``numpy.random.Generator`` spawned from the seed (``SeedSequence.spawn``), so the answer depends on the
  seed alone, and two inputs compared with one seed see the same referral noise (common random numbers).
  Each block's queue runs compiled, one pass per run (:mod:`planner.expansion.queue_kernel`, the same
  arithmetic in the same order as its NumPy reference, so the same figures).

The verdict and the steady state (NHSRwaitinglist's rules) are in :mod:`planner.expansion.queue_rules`.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd

from planner.expansion.demand import financial_year
from planner.expansion.queue_kernel import queue_block_compiled
from planner.expansion.queue_rules import (
    StartingList,
    SteadyState,
    Verdict,
    steady_state,
    verdict,
)

METHOD_NAME = "Stochastic first-come-first-served queue in weekly steps, post-exacerbation referrals first"
METHOD_TEXT = (
    "Waiting times come from many simulated runs of a first-come-first-served queue in weekly steps. "
    "Each week's referrals vary at random around the expected number (Poisson), post-exacerbation "
    "referrals are seen first, and the team starts as many as its capacity allows, oldest first. Waits "
    "are counted in days. The share within 90 days is for stable referrals; the bands show the middle "
    "80% of runs. Referrals in real services vary more than this, so the spread shown is the least "
    "there can be."
)

VERDICT_WORDS: dict[str, str] = {
    "holds": "reached and held",
    "reached_then_slips": "reached, then slips",
    "not_reached": "not reached",
}
_CHUNK = 250  # runs per block: keeps the (runs, weeks) arrays in cache
_WEEKLY_RUNS = 1_000  # runs behind the weekly medians of the chart
_WORKERS = min(2, os.cpu_count() or 1)  # threads for the blocks of runs
_THREADED_BLOCKS = 8  # fewer blocks (under 2,000 runs) run on one thread
QUEUE_BLOCK = queue_block_compiled  # the compiled queue; queue_kernel.queue_block is the NumPy reference


def window_weights(days: float) -> np.ndarray:
    """P(a referral k weeks before a start waited at most ``days``), for k = 0, 1, … until it is 0.

    Arrivals and starts are spread evenly over their weeks, so the wait is 7k + D days with D
    triangular on (−7, 7).
    """
    k = np.arange(int(days // 7) + 3)
    x = days - 7.0 * k
    inside = np.where(x <= 0, (7 + x) ** 2 / 98, 1 - (7 - x) ** 2 / 98)
    return np.where(x <= -7, 0.0, np.where(x >= 7, 1.0, inside))


def draw_arrivals(
    rng: np.random.Generator | None, mean: np.ndarray, runs: int, z: np.ndarray | None = None
) -> np.ndarray:
    """Poisson-like counts around ``mean`` (weeks,) or (runs, weeks), from ``z`` (normals) if given."""
    mean = np.asarray(mean, dtype=np.float32)
    if z is None:
        z = rng.standard_normal((runs, mean.shape[-1]), dtype=np.float32)  # type: ignore[union-attr]
    # round(λ + √λ·z + (z² − 1)/6) as round((λ − 1/6) + z·(√λ + z/6)), in place and in single precision
    # (whole counts are exact in it): these arrays are the queue's largest, and each pass over them
    # costs as much as a step of the queue.
    counts = np.multiply(z, np.float32(1.0 / 6.0))
    counts += np.sqrt(mean)
    counts *= z
    counts += mean - np.float32(1.0 / 6.0)
    np.rint(counts, out=counts)
    return np.maximum(counts, 0.0, out=counts)


@lru_cache(maxsize=2)
def block_normals(seed: int, runs: int, n_weeks: int) -> tuple[np.ndarray, ...]:
    """Each block's standard normals (float32, read-only) from its generator spawned from ``seed``.

    A service's two queues (referral noise only, and the Monte Carlo's) share seed, runs and weeks, so the
    second reuses the first's normals (drawing was about a third of a queue's time) for its own counts.
    """
    children = np.random.SeedSequence(seed).spawn(max(-(-runs // _CHUNK), 1))
    sizes = [min(_CHUNK, runs - i * _CHUNK) for i in range(len(children))]
    out = tuple(
        np.random.default_rng(c).standard_normal((n, n_weeks), dtype=np.float32)
        for c, n in zip(children, sizes, strict=True)
    )
    for z in out:
        z.flags.writeable = False
    return out


@dataclass(frozen=True)
class QueueRuns:
    """Per-run results by year (arrays (runs, years)) and by week (medians of the first 1,000 runs)."""

    starts_stable: np.ndarray
    within_stable: np.ndarray
    starts_post: np.ndarray
    within_post: np.ndarray
    over_window_at_year_end: np.ndarray
    list_at_year_end: np.ndarray
    weekly_list_p50: np.ndarray
    weekly_starts_p50: np.ndarray
    weekly_share_p50: np.ndarray
    weekly_share_post_p50: np.ndarray

    def share_stable(self) -> np.ndarray:
        """Share of each year's stable starters within the window, (runs, years); 1 with no starters."""
        return _ratio(self.within_stable, self.starts_stable)

    def share_post(self) -> np.ndarray:
        """Share of each year's post-exacerbation starters within their window, (runs, years)."""
        return _ratio(self.within_post, self.starts_post)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.where(den > 1e-9, np.clip(num / np.where(den > 1e-9, den, 1.0), 0.0, 1.0), 1.0)


def simulate_runs(
    mean_arrivals: np.ndarray,
    capacity: np.ndarray,
    start: StartingList,
    *,
    week_year: np.ndarray,
    runs: int,
    seed: int,
    post_share: float,
    wait_days: float = 90,
    post_days: float = 28,
    counts: np.ndarray | None = None,
) -> QueueRuns:
    """Run the two-stream queue ``runs`` times.

    Args:
        mean_arrivals: expected people joining the list each week, (weeks,) or (runs, weeks).
        capacity: starts possible each week, (weeks,) or (runs, weeks).
        start: today's list (stable referrals).
        week_year: index of each week's financial year (sorted).
        runs: number of runs.
        seed: the seed every block's generator is spawned from.
        post_share: share of referrals after an exacerbation, seen first.
        wait_days: the stable standard (90 days).
        post_days: the post-exacerbation window (28 days).
        counts: people joining each week, (runs, weeks), in place of drawing them (tests, and common
            random numbers built outside).
    """
    mean_arrivals = np.asarray(mean_arrivals, dtype=float)
    capacity = np.asarray(capacity, dtype=float)
    n_weeks = mean_arrivals.shape[-1]
    n_years = int(week_year.max()) + 1
    bounds = np.searchsorted(week_year, np.arange(n_years))
    ends = np.append(bounds[1:], n_weeks) - 1
    w90, w28 = window_weights(wait_days), window_weights(post_days)
    # Zero columns before the list's oldest cohort, so every window of _within and _over is a slice.
    pad = max(w90.size, w28.size) + 1
    past = pad + max(start.cohorts.size, 1)
    history = np.zeros(past)
    history[past - start.cohorts.size :] = start.cohorts[::-1]  # oldest first
    np.cumsum(history, out=history)
    n_blocks = max(-(-runs // _CHUNK), 1)
    # Each block's normals come from its own generator spawned from the seed: the answer depends on the
    # seed alone, not on how many threads run the blocks (NumPy and the compiled queue release the GIL).
    normals = block_normals(int(seed), int(runs), int(n_weeks)) if counts is None else ()

    def block(index: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray] | None]:
        lo = index * _CHUNK
        n = min(_CHUNK, runs - lo)
        pick = slice(lo, lo + n)
        lam = mean_arrivals[pick] if mean_arrivals.ndim == 2 else mean_arrivals
        cap = np.broadcast_to(capacity[pick] if capacity.ndim == 2 else capacity, (n, n_weeks))
        z = None if counts is None else np.asarray(counts[pick], dtype=float)
        total = draw_arrivals(None, lam, n, normals[index]) if z is None else z
        keep = max(0, min(n, _WEEKLY_RUNS - lo))  # the weekly medians (for the chart): the first 1,000 runs
        part, weekly = QUEUE_BLOCK(
            total, cap, history, past, post_share, w90, w28, bounds, ends, wait_days, keep
        )
        if weekly is None:
            return part, None
        list_now, s_stable, s_post, in_stable, in_post = weekly
        return part, {
            "list": list_now,
            "starts": s_stable + s_post,
            "share": _ratio(in_stable, s_stable),
            "share_post": _ratio(in_post, s_post),
        }

    if n_blocks < _THREADED_BLOCKS or _WORKERS == 1:  # a thread pool costs more than it saves here
        done = [block(i) for i in range(n_blocks)]
    else:
        with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
            done = list(pool.map(block, range(n_blocks)))
    parts = [d[0] for d in done]
    weekly = {
        k: [d[1][k] for d in done if d[1] is not None] for k in ("list", "starts", "share", "share_post")
    }
    joined = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    # Medians over runs of each week, on a week-major copy (a median along contiguous memory is faster).
    medians = {k: np.median(np.concatenate(v).T.copy(), axis=-1) for k, v in weekly.items()}
    return QueueRuns(
        joined["starts_stable"],
        joined["within_stable"],
        joined["starts_post"],
        joined["within_post"],
        joined["over"],
        joined["list_end"],
        medians["list"],
        medians["starts"],
        medians["share"],
        medians["share_post"],
    )


def _bands(array: np.ndarray, labels: list[str], pcts: tuple[int, ...] = (10, 50, 90)) -> pd.DataFrame:
    values = np.percentile(array, pcts, axis=0).T
    return pd.DataFrame(values, index=pd.Index(labels, name="year"), columns=[f"p{p}" for p in pcts])


@dataclass(frozen=True)
class WaitingResult:
    """The waiting list over the horizon.

    Attributes:
        weeks: one row per week: week, week_start, year, arrivals (mean), capacity, starts, backlog
            (median people waiting), share_within_90_days and share_within_4_weeks (medians).
        share_percentiles: stable starters within 90 days by year, columns p10, p50, p90.
        probability_by_year: share of runs with at least the target share, by year.
        post_exacerbation: post-exacerbation starters within 4 weeks by year (p10, p50, p90).
        over_90_days: people waiting more than 90 days at each year end (p10, p50, p90).
        list_at_year_end: people waiting at each year end (p10, p50, p90).
        verdict: ``holds``, ``reached_then_slips`` or ``not_reached``.
        capacity_to_demand: weekly capacity ÷ weekly demand in the last week of the horizon.
        list_growth_per_week: demand − capacity in the last week (above 0: the list grows by that).
        steady: the NHSRwaitinglist cross-check at the horizon's demand.
        starting_list: today's list as weekly cohorts, with its note.
        runs: runs of the queue; seed: its seed.
        method: the queueing method, in words (for the page).
    """

    weeks: pd.DataFrame
    share_percentiles: pd.DataFrame
    probability_by_year: pd.Series
    post_exacerbation: pd.DataFrame
    over_90_days: pd.DataFrame
    list_at_year_end: pd.DataFrame
    verdict: Verdict
    capacity_to_demand: float
    list_growth_per_week: float
    steady: SteadyState
    starting_list: StartingList
    runs: int
    seed: int
    method: str = METHOD_TEXT

    @property
    def share_by_year(self) -> pd.Series:
        """Median share of stable starters within 90 days, by year."""
        return self.share_percentiles["p50"].rename("share")


def simulate(
    arrivals: np.ndarray,
    capacity: np.ndarray,
    *,
    as_of: date,
    start: StartingList,
    post_share: float,
    runs: int = 10_000,
    seed: int = 0,
    wait_days: int = 90,
    post_exacerbation_weeks: int = 4,
    target_share: float = 0.85,
) -> WaitingResult:
    """Simulate the list from ``as_of`` and judge the target over the horizon.

    Args:
        arrivals: expected people joining the list each week (referrals × uptake), one value per week.
        capacity: starts possible each week.
        as_of: the date of week 0.
        start: today's list (:func:`starting_list`).
        post_share: share of referrals after an exacerbation (seen first).
        runs: number of runs.
        seed: seed of the runs' generator.
        wait_days: the standard (90 days).
        post_exacerbation_weeks: the NICE QS10 window (4 weeks).
        target_share: the share to reach (85%).
    """
    arrivals = np.asarray(arrivals, dtype=float)
    capacity = np.broadcast_to(np.asarray(capacity, dtype=float), arrivals.shape)
    starts_on = [as_of + timedelta(weeks=i) for i in range(arrivals.size)]
    years = [financial_year(d) for d in starts_on]
    labels = list(dict.fromkeys(years))
    period = np.array([labels.index(y) for y in years])
    q = simulate_runs(
        arrivals,
        capacity,
        start,
        week_year=period,
        runs=runs,
        seed=seed,
        post_share=post_share,
        wait_days=wait_days,
        post_days=7 * post_exacerbation_weeks,
    )
    share = q.share_stable()
    pct = _bands(share, labels)
    weeks = pd.DataFrame(
        {
            "week": np.arange(arrivals.size),
            "week_start": starts_on,
            "year": years,
            "arrivals": arrivals,
            "capacity": capacity.astype(float),
            "starts": q.weekly_starts_p50,
            "backlog": q.weekly_list_p50,
            "share_within_90_days": q.weekly_share_p50,
            "share_within_4_weeks": q.weekly_share_post_p50,
        }
    )
    demand_end, capacity_end = float(arrivals[-1]), float(capacity[-1])
    met = pct["p50"].to_numpy() >= target_share - 1e-9
    return WaitingResult(
        weeks=weeks,
        share_percentiles=pct,
        probability_by_year=pd.Series(
            (share >= target_share - 1e-9).mean(axis=0), index=pd.Index(labels, name="year")
        ),
        post_exacerbation=_bands(q.share_post(), labels),
        over_90_days=_bands(q.over_window_at_year_end, labels),
        list_at_year_end=_bands(q.list_at_year_end, labels),
        verdict=verdict(met, capacity_end, demand_end),
        capacity_to_demand=capacity_end / demand_end if demand_end > 0 else float("inf"),
        list_growth_per_week=demand_end - capacity_end,
        steady=steady_state(demand_end, wait_days=wait_days, target_share=target_share),
        starting_list=start,
        runs=int(runs),
        seed=int(seed),
    )
