"""The one-off capacity to clear a backlog, and the WTE that holds the waiting target year by year.

A backlog is cleared apart from the steady requirement, which it does not change: the extra starts
bring today's list down to the steady list that holds the target (NHSRwaitinglist's relief capacity).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planner.expansion import capacity, queue_rules
from planner.expansion.inputs import ModelInputs


@dataclass(frozen=True)
class BacklogClearance:
    """One-off capacity to bring today's list down to the steady list that holds the target.

    The extra starts are NHSRwaitinglist's relief capacity (``calc_relief_capacity``: demand +
    (queue − target queue) / time to target) less the demand, so apart from the steady requirement.

    Attributes:
        list_now: people waiting now.
        target_queue: the steady list at today's demand (demand × target mean wait).
        extra_starts: starts beyond demand to clear the excess (list now − target queue, at least 0).
        weeks: weeks to clear it over (``backlog_clearance_weeks``).
        wte_per_weekly_start: WTE one start a week takes, from the capacity model at today's demand.
        wte_weeks: extra WTE × weeks (extra starts × WTE per weekly start).
    """

    list_now: float
    target_queue: float
    extra_starts: float
    weeks: int
    wte_per_weekly_start: float
    wte_weeks: float

    @property
    def extra_wte(self) -> float:
        """Extra WTE while clearing (WTE-weeks ÷ weeks)."""
        return self.wte_weeks / self.weeks if self.weeks else 0.0


def wte_per_weekly_start(starts_per_year: float, inputs: ModelInputs) -> float:
    """WTE per start a week at a yearly number of starts (the capacity model's average, leadership included)."""
    if starts_per_year <= 0:
        return 0.0
    req = capacity.requirement(starts_per_year, starts_per_year * (1 - inputs.dropout), inputs)
    return req.total / (starts_per_year / 52)


def backlog_clearance(list_now: float, weekly_demand: float, inputs: ModelInputs) -> BacklogClearance:
    """The one-off extra starts and WTE-weeks that bring ``list_now`` down to the steady target list."""
    steady = queue_rules.steady_state(
        weekly_demand, wait_days=inputs.wait_target_days, target_share=inputs.target_share_within_90_days
    )
    extra = max(0.0, list_now - steady.target_queue)
    per = wte_per_weekly_start(weekly_demand * 52, inputs)
    return BacklogClearance(
        list_now, steady.target_queue, extra, inputs.backlog_clearance_weeks, per, extra * per
    )


def wte_to_hold(starts_by_year: pd.Series, inputs: ModelInputs) -> dict[str, float]:
    """WTE whose steady capacity holds the waiting target, year by year (each year's own demand).

    Capacity per year is NHSRwaitinglist's target capacity on the 85%-in-90-days basis
    (:func:`planner.expansion.waiting.steady_state`); WTE from :func:`capacity.requirement`.
    """
    out: dict[str, float] = {}
    for year, starts in starts_by_year.items():
        weekly = queue_rules.steady_state(
            float(starts) / 52,
            wait_days=inputs.wait_target_days,
            target_share=inputs.target_share_within_90_days,
        ).capacity
        out[str(year)] = capacity.requirement(weekly * 52, weekly * 52 * (1 - inputs.dropout), inputs).total
    return out
