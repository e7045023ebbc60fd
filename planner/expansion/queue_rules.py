"""The waiting list's rules apart from the queue itself: today's list, the verdict and the steady state.

- :func:`starting_list`: today's list as weekly cohorts, from a profile by weeks waited (the week
  bands of community waiting-list returns) or from its size alone;
- :func:`verdict`: ``holds``, ``reached_then_slips`` or ``not_reached`` for the horizon;
- :func:`steady_state`: NHSRwaitinglist's target queue and target capacity (nhs-r-community/
  NHSRwaitinglist, ``calc_target_mean_wait``, ``calc_target_queue_size``, ``calc_target_capacity``),
  with the factor −ln(1 − target share), 1.90 for 85%, rather than the package's literal 4.

Verdict for the horizon (:func:`verdict`): a year is *met* when the median (p50) share of its stable
starters within 90 days is at least the target share. ``holds``: the final year is met and capacity
meets demand at the end of the horizon. ``reached_then_slips``: the final year is met but capacity is
below demand at the end, or an earlier year is met and the final year is not. ``not_reached``:
anything else. Capacity *meets* demand when it is within :data:`CAPACITY_TOLERANCE` (0.5%) of it: the
staffing model calls a gap closed within ``gap_tolerance_wte`` (0.1 WTE), so a team staffed to the
requirement can trail demand by a rounding share (0.9999 of it); that is not a list that slips. A list
whose capacity is more than 0.5% below demand at the horizon is never reported as holding.

Steady state (:func:`steady_state`), after NHSRwaitinglist (nhs-r-community/NHSRwaitinglist, Fong et
al. 2022): ``calc_target_mean_wait`` = target_wait / factor, ``calc_target_queue_size`` = demand ×
target mean wait, and ``calc_target_capacity`` = demand + ((cv_demand² + cv_capacity²) / 2) ×
(factor / target_wait). If waits are roughly exponential, "85% within 90 days" fixes the factor at
−ln(1 − 0.85) = 1.90 (mean wait 90 / 1.90 = 47.4 days), not the package's default 4 (a 1.8% miss
rate). Poisson referrals have cv 1; the model's capacity is steady, cv 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from planner.expansion.parameter import WAIT_BANDS

Verdict = Literal["holds", "reached_then_slips", "not_reached"]

#: Capacity within this share below demand counts as meeting it (rounding of a closed staffing gap).
CAPACITY_TOLERANCE = 0.005


@dataclass(frozen=True)
class StartingList:
    """Today's list as past weekly cohorts: ``cohorts[j]`` people were referred j + 1 weeks ago."""

    cohorts: np.ndarray
    note: str

    @property
    def total(self) -> float:
        """People waiting now."""
        return float(self.cohorts.sum())


def starting_list(total: float, by_weeks: Mapping[str, float] | None, weekly_demand: float) -> StartingList:
    """Today's list from a profile by weeks waited, or from its size alone.

    Args:
        total: people waiting now (used when there is no profile).
        by_weeks: people by week band of the waiting-list return (:data:`WAIT_BANDS`), or None.
        weekly_demand: people joining the list a week now (referrals × uptake).
    """
    if by_weeks is not None and sum(by_weeks.values()) > 0:
        cohorts = np.zeros(max(hi for _, hi in WAIT_BANDS.values()))
        for band, (lo, hi) in WAIT_BANDS.items():
            cohorts[lo:hi] += float(by_weeks.get(band, 0.0)) / (hi - lo)
        last = int(np.flatnonzero(cohorts)[-1]) + 1
        return StartingList(
            cohorts[:last],
            "Today's list is the profile by weeks waited entered; each week band is spread evenly over "
            "its weeks (so the 12-18 week band is partly within 90 days), and over 52 weeks is taken "
            "as 52-104 weeks.",
        )
    if total <= 0:
        return StartingList(np.zeros(0), "Nobody is waiting today.")
    per_week = max(weekly_demand, 1e-9)
    full, rest = divmod(total, per_week)
    full = int(min(full, 520))
    cohorts = np.append(np.full(full, per_week), [rest] if rest > 1e-9 else [])
    weeks = cohorts.size
    return StartingList(
        cohorts,
        f"No profile of weeks waited was given, so the {total:,.0f} people waiting are taken to be the "
        f"most recent referrals ({weeks} week{'s' if weeks != 1 else ''} of referrals at "
        f"{weekly_demand:.1f} a week), as first come, first served leaves them. If some have waited "
        "longer, fewer will start within 90 days than shown: enter the list by weeks waited.",
    )


def verdict(met: np.ndarray, capacity_end: float, demand_end: float) -> Verdict:
    """The horizon's verdict from which years met the target (p50 share ≥ target), in year order."""
    met = np.asarray(met, dtype=bool)
    if met.size and met[-1]:
        meets = capacity_end >= demand_end * (1 - CAPACITY_TOLERANCE) - 1e-9
        return "holds" if meets else "reached_then_slips"
    return "reached_then_slips" if met.any() else "not_reached"


@dataclass(frozen=True)
class SteadyState:
    """NHSRwaitinglist's steady-state rules on the 85%-within-90-days basis.

    Attributes:
        factor: −ln(1 − target share) (1.90 for 85%).
        mean_wait_days: target mean wait, wait days ÷ factor (47.4 days).
        target_queue: people waiting when demand × mean wait holds (Little's law).
        capacity: starts a week to hold the target: demand + ((cv_d² + cv_c²)/2) × factor ÷ target wait.
    """

    factor: float
    mean_wait_days: float
    target_queue: float
    capacity: float


def steady_state(
    weekly_demand: float, *, wait_days: float, target_share: float, cv_demand: float = 1.0
) -> SteadyState:
    """Target queue and capacity for a weekly demand (NHSRwaitinglist formulas; factor −ln(1 − share))."""
    factor = -math.log(max(1.0 - target_share, 1e-9))
    mean_wait = wait_days / factor
    queue = weekly_demand * mean_wait / 7
    capacity = weekly_demand + (cv_demand**2 / 2) * factor / (wait_days / 7)
    return SteadyState(factor, mean_wait, queue, capacity)
