"""Monte Carlo over turnover, recruitment fill and drop-out: fan charts and the chance of meeting targets.

Each run draws, independently:

- drop-out from a triangular distribution on [``dropout_low``, ``dropout_high``] (the audit's verified
  10–42% range) whose mode makes its mean the central drop-out (23% → mode 17%);
- each band's turnover from a triangular distribution central × (1 ± ``turnover_uncertainty``);
- the recruitment fill rate from a triangular distribution central ± ``fill_rate_uncertainty``,
  kept within 0–1.

Every run then goes through the same vectorised model as the central path (:mod:`planner.expansion.trajectory`
and the FIFO queue of :mod:`planner.expansion.waiting`), all runs at once as NumPy arrays, seeded with
``np.random.default_rng(seed)`` so the same seed gives the same answer. The chance of meeting the
waiting target is the share of runs whose target-year share of starters within 90 days is at least
85%; the chance of meeting the completion target is the share whose completion (1 − drop-out) is at
least 70%.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from planner.expansion import trajectory as tj
from planner.expansion import waiting
from planner.expansion.inputs import ModelInputs

PERCENTILES: tuple[int, ...] = (5, 25, 50, 75, 95)


def _triangular(rng: np.random.Generator, low: Any, mode: Any, high: Any, size: Any) -> np.ndarray:
    """Triangular draws that tolerate a zero-width range (then every draw is the mode)."""
    low, mode, high = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (low, mode, high)))
    width = high - low
    safe_high = np.where(width > 0, high, low + 1.0)
    draws = rng.triangular(low, np.clip(mode, low, safe_high), safe_high, size=size)
    return np.where(width > 0, draws, mode)


@dataclass(frozen=True)
class Draws:
    """The sampled inputs, one row per run."""

    dropout: np.ndarray
    turnover: np.ndarray
    fill: np.ndarray


def draw(inputs: ModelInputs, runs: int, seed: int) -> Draws:
    """Sample drop-out (runs,), turnover (runs, bands) and fill rate (runs,)."""
    rng = np.random.default_rng(seed)
    low, high, mean = inputs.dropout_low, inputs.dropout_high, inputs.dropout
    low, high = min(low, mean), max(high, mean)
    mode = min(max(3 * mean - low - high, low), high)
    dropout = _triangular(rng, low, mode, high, runs)
    central = tj.central_turnover(inputs)
    spread = inputs.turnover_uncertainty
    factor = _triangular(rng, 1 - spread, 1.0, 1 + spread, (runs, central.size))
    turnover = np.clip(central * factor, 0.0, 0.99)
    f, s = inputs.recruitment_fill_rate, inputs.fill_rate_uncertainty
    fill = _triangular(rng, max(0.0, f - s), f, min(1.0, f + s), runs)
    return Draws(dropout, turnover, fill)


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo results.

    Attributes:
        runs: number of runs.
        seed: the random seed.
        years: financial years of the horizon.
        percentiles: measure → DataFrame (rows: years; columns ``p5``…``p95``) for ``required_wte``,
            ``in_post_wte``, ``gap_wte``, ``in_post_cost`` and ``share_within_90_days``.
        probability_wait_target: share of runs meeting 85% within 90 days in the target year.
        probability_completion_target: share of runs meeting 70% completion.
    """

    runs: int
    seed: int
    years: list[str]
    percentiles: dict[str, pd.DataFrame]
    probability_wait_target: float
    probability_completion_target: float

    def to_json(self) -> dict[str, Any]:
        """Probabilities and percentile bands, JSON-ready (lists follow ``years``)."""
        return {
            "runs": self.runs,
            "seed": self.seed,
            "years": list(self.years),
            "probability_85_within_90_days": self.probability_wait_target,
            "probability_70_completion": self.probability_completion_target,
            "percentiles": {
                name: {col: [float(x) for x in frame[col]] for col in frame.columns}
                for name, frame in self.percentiles.items()
            },
        }


def _bands(array: np.ndarray, years: list[str]) -> pd.DataFrame:
    pct = np.percentile(array, PERCENTILES, axis=0)
    return pd.DataFrame(pct.T, index=pd.Index(years, name="year"), columns=[f"p{p}" for p in PERCENTILES])


def run(
    inputs: ModelInputs,
    in_post: np.ndarray,
    as_of: date,
    *,
    runs: int = 10_000,
    seed: int = 0,
) -> Uncertainty:
    """Run the Monte Carlo.

    Args:
        inputs: the model's inputs (``Scenario.inputs()``).
        in_post: today's WTE by band over every AfC band (:data:`planner.vocab.BANDS`).
        as_of: the model date.
        runs: number of runs (10,000 by default).
        seed: random seed.
    """
    tl = tj.timeline(as_of, inputs.target_year)
    parts = tj.yearly_parts(inputs, tl.years)
    d = draw(inputs, runs, seed)
    required, reg_only, lead = tj.required_arrays(parts, inputs, d.dropout)
    supply = tj.simulate_supply(
        in_post,
        required,
        d.turnover,
        d.fill,
        tl,
        lead_months=inputs.recruitment_lead_time_months,
        trainees_per_year=inputs.trainees_per_year,
        training_months=inputs.training_months,
    )
    starts_week = parts.funnel["starts"].to_numpy() / 52.0
    cap = tj.weekly_capacity(supply, required, reg_only, lead, starts_week, tl)
    arrivals = starts_week[tl.week_year]
    w = waiting.window_weeks(inputs.wait_target_days)
    q = waiting.fifo(
        arrivals[None, :],
        cap,
        backlog_now=inputs.waiting_list_now,
        spread_weeks=inputs.waiting_list_spread_weeks,
        windows=(w,),
    )
    share = waiting.share_by_period(q, w, tl.week_year, len(tl.years))
    price = tj.cost_vector(inputs.pay_point, inputs.pension_basis)
    req_total = required.sum(axis=-1)
    in_post_total = supply.year_end.sum(axis=-1)
    percentiles = {
        "required_wte": _bands(req_total, tl.years),
        "in_post_wte": _bands(in_post_total, tl.years),
        "gap_wte": _bands(req_total - in_post_total, tl.years),
        "in_post_cost": _bands(supply.year_mean @ price, tl.years),
        "share_within_90_days": _bands(share, tl.years),
    }
    target_share = inputs.target_share_within_90_days
    return Uncertainty(
        runs=int(runs),
        seed=int(seed),
        years=list(tl.years),
        percentiles=percentiles,
        probability_wait_target=float(np.mean(share[:, -1] >= target_share - 1e-9)),
        probability_completion_target=float(np.mean(1 - d.dropout >= inputs.target_completion - 1e-9)),
    )
