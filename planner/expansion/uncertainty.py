"""Monte Carlo over what we do not know about THIS service: fan charts and the chance of the 90-day target.

Each input sampled here has two ranges in ``data/parameters/expansion.yaml``: its *plausible* range
(the spread between areas and providers, used by :mod:`planner.expansion.sensitivity`) and its
*uncertainty* (how unsure we are of this service's own value: ``<name>_uncertainty``, a ± share of the
value). Each run draws, independently, from a triangular distribution with its mode at the value and
its ends at value × (1 ± uncertainty), kept within the parameter's allowed range:

- demand: prevalence, eligible share (or an entered eligible population), eligible-population growth
  (± points a year), today's referral rate, the planned change in referral rate (now → target year),
  uptake;
- workload and hours: administration hours per patient, and the parts of headroom
  (:mod:`planner.expansion.headroom`): sickness absence, study and training, and other non-clinical
  time, each independently ± ``headroom_uncertainty`` of its own value. Annual leave and bank holidays
  are Agenda for Change terms, not an uncertainty, so they are not sampled. Headroom in each run is the
  sum of its parts;
- supply: each band's turnover (``turnover_uncertainty``), the recruitment fill rate (±
  ``fill_rate_uncertainty``, absolute);
- drop-out (``dropout_uncertainty``).

Levers the service sets (class size, sessions, programme length, staffing ratios) are not sampled.

Required WTE for each run comes from the capacity model's public functions: it is linear in class
groups, starts and completions for fixed hours per WTE, so :func:`planner.expansion.capacity.pre_leadership_wte`
is evaluated at a few points and combined run by run; class groups are ⌈places ÷ class size⌉ as in
:func:`planner.expansion.capacity.class_plan`; direct hours scale with 1 ÷ effective hours per WTE and
supervision (hours per supporting WTE) with its square; effective hours come from
:func:`planner.expansion.capacity.hours_per_wte`. Supply runs through
:func:`planner.expansion.trajectory.simulate_supply`, and the waiting list through the stochastic queue of
:mod:`planner.expansion.waiting` with each run's demand and capacity. Every run is seeded from
``np.random.default_rng(seed)``, so the same seed gives the same answer.

The 70% completion target is given as the range of completion the drop-out uncertainty implies
(``completion_range``), and beside it the range between providers; it is not a probability.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from planner.expansion import capacity, queue_rules, waiting
from planner.expansion import trajectory as tj
from planner.expansion.headroom import headroom as headroom_of
from planner.expansion.inputs import ModelInputs
from planner.reference.policy import load_policy

#: Monte Carlo runs and seed by default, for the Expansion page, ``planner project`` and the pack alike, so
#: that all three print the same figures for the same inputs (10,000 runs take about a second).
DEFAULT_RUNS = 10_000
DEFAULT_SEED = 0
PERCENTILES: tuple[int, ...] = (5, 10, 25, 50, 75, 90, 95)
#: The parts of headroom the Monte Carlo samples (annual leave is contractual and stays fixed).
HEADROOM_PARTS: tuple[str, ...] = ("sickness", "study_training", "other_nonclinical")
_HEADROOM_CAP = 0.6  # the capacity model's effective hours stay well above zero
DISTRIBUTION = "triangular, mode at the value, ends at value × (1 ± uncertainty), within the allowed range"

#: Input → its uncertainty parameter (± share of the value, except eligible growth: ± points a year).
SAMPLED: dict[str, str] = {
    "prevalence": "prevalence_uncertainty",
    "eligible_share": "eligible_share_uncertainty",
    "eligible_population": "eligible_population_uncertainty",
    "eligible_growth": "eligible_growth_uncertainty",
    "referral_rate": "referral_rate_uncertainty",
    "referral_rate_target": "referral_growth_uncertainty",
    "uptake": "uptake_uncertainty",
    "admin_hours_per_patient": "admin_hours_uncertainty",
    "sickness_absence": "headroom_uncertainty",
    "study_training": "headroom_uncertainty",
    "other_nonclinical": "headroom_uncertainty",
    "dropout": "dropout_uncertainty",
    "turnover_by_band": "turnover_uncertainty",
    "recruitment_fill_rate": "fill_rate_uncertainty",
}


def _triangular(rng: np.random.Generator, low: Any, mode: Any, high: Any, size: Any) -> np.ndarray:
    """Triangular draws that tolerate a zero-width range (then every draw is the mode)."""
    low, mode, high = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (low, mode, high)))
    width = high - low
    safe_high = np.where(width > 0, high, low + 1.0)
    draws = rng.triangular(low, np.clip(mode, low, safe_high), safe_high, size=size)
    return np.where(width > 0, draws, mode)


def _around(rng: np.random.Generator, inputs: ModelInputs, name: str, spread: float, runs: int) -> np.ndarray:
    """Draws of input ``name`` around its value, ± ``spread`` of it, within its allowed range."""
    value = float(getattr(inputs, name))
    low, high = value * (1 - spread), value * (1 + spread)
    allowed = ModelInputs.describe(name).allowed
    if allowed is not None:
        low, high = max(low, float(allowed[0])), min(high, float(allowed[1]))
    return _triangular(rng, low, value, high, runs)


@dataclass(frozen=True)
class Draws:
    """The sampled inputs, one row per run (``eligible`` is the eligible population in year 0).

    ``headroom`` is the sum of ``headroom_parts`` (part → share of paid hours, :data:`HEADROOM_PARTS`).
    """

    eligible: np.ndarray
    growth: np.ndarray
    rate_now: np.ndarray
    rate_change: np.ndarray
    uptake: np.ndarray
    admin_hours: np.ndarray
    headroom: np.ndarray
    dropout: np.ndarray
    turnover: np.ndarray
    fill: np.ndarray
    headroom_parts: dict[str, np.ndarray]


def draw(inputs: ModelInputs, runs: int, seed: int) -> Draws:
    """Sample every uncertain input for ``runs`` runs (one generator, a fixed order of draws)."""
    rng = np.random.default_rng(seed)
    v = inputs
    if v.eligible_population is None:
        eligible = (
            v.population
            * _around(rng, v, "prevalence", v.prevalence_uncertainty, runs)
            * _around(rng, v, "eligible_share", v.eligible_share_uncertainty, runs)
        )
    else:
        eligible = _around(rng, v, "eligible_population", v.eligible_population_uncertainty, runs)
    g = v.eligible_growth_uncertainty
    growth = _triangular(rng, v.eligible_growth - g, v.eligible_growth, v.eligible_growth + g, runs)
    rate_now = _around(rng, v, "referral_rate", v.referral_rate_uncertainty, runs)
    s = v.referral_growth_uncertainty
    rate_change = (v.referral_rate_target - v.referral_rate) * _triangular(rng, 1 - s, 1.0, 1 + s, runs)
    uptake = _around(rng, v, "uptake", v.uptake_uncertainty, runs)
    admin = _around(rng, v, "admin_hours_per_patient", v.admin_hours_uncertainty, runs)
    parts = _headroom_parts(rng, v, runs)
    headroom = np.minimum(sum(parts.values()), _HEADROOM_CAP)
    dropout = _around(rng, v, "dropout", v.dropout_uncertainty, runs)
    central = tj.central_turnover(v)
    t = v.turnover_uncertainty
    turnover = np.clip(central * _triangular(rng, 1 - t, 1.0, 1 + t, (runs, central.size)), 0.0, 0.99)
    f, fs = v.recruitment_fill_rate, v.fill_rate_uncertainty
    fill = _triangular(rng, max(0.0, f - fs), f, min(1.0, f + fs), runs)
    return Draws(
        eligible, growth, rate_now, rate_change, uptake, admin, headroom, dropout, turnover, fill, parts
    )


def _headroom_parts(rng: np.random.Generator, v: ModelInputs, runs: int) -> dict[str, np.ndarray]:
    """Each sampled part of headroom ± ``headroom_uncertainty`` of its own value; leave as it is."""
    central = headroom_of(v).parts
    spread = v.headroom_uncertainty
    out = {name: np.full(runs, value) for name, value in central.items()}
    for name in HEADROOM_PARTS:
        value = central[name]
        out[name] = _triangular(rng, value * (1 - spread), value, value * (1 + spread), runs)
    return out


def starts_by_year(d: Draws, n_years: int) -> np.ndarray:
    """Starts a year for each run and year, (runs, years): the funnel of :mod:`planner.expansion.demand`."""
    step = np.arange(n_years) / max(n_years - 1, 1)
    rate = d.rate_now[:, None] + d.rate_change[:, None] * step[None, :]
    rate = np.clip(rate, 0.0, 1.0)
    if n_years == 1:
        rate = d.rate_now[:, None]
    eligible = d.eligible[:, None] * (1 + d.growth[:, None]) ** np.arange(n_years)[None, :]
    return eligible * rate * d.uptake[:, None]


@dataclass(frozen=True)
class _Basis:
    """pre_leadership_wte by band (and registered-only total) per class group, start and completion."""

    places_per_start: float
    direct: np.ndarray  # (4, bands): per group, per start (no admin), per admin hour × start, per completion
    supervision: np.ndarray
    direct_reg: np.ndarray  # (4,)
    supervision_reg: np.ndarray
    effective: float
    effective_slope: float


def _basis(inputs: ModelInputs) -> _Basis:
    policy = load_policy()
    reg = capacity.registered_mask(policy)[:-1]
    no_admin = replace(inputs, admin_hours_per_patient=0.0)
    with_admin = replace(inputs, admin_hours_per_patient=1.0)
    places = capacity.class_plan(1.0, inputs)["places"]
    eps = 1e-6
    half = 0.5 * inputs.class_size / places if places > 0 else 1.0  # still one class group

    def pre(v: ModelInputs, starts: float, completions: float) -> np.ndarray:
        return capacity.pre_leadership_wte(starts, completions, v, policy)

    per_start = (pre(no_admin, half, 0.0) - pre(no_admin, eps, 0.0)) / (half - eps)
    per_group = pre(no_admin, eps, 0.0) - eps * per_start
    per_admin = pre(with_admin, half, 0.0) - pre(no_admin, half, 0.0)
    per_admin /= half
    per_completion = pre(no_admin, half, 1.0) - pre(no_admin, half, 0.0)
    parts = np.stack([per_group, per_start, per_admin, per_completion])  # (4, activities − 1, bands)
    # Effective hours per WTE are linear in headroom: two points of the public function give the line.
    h0 = headroom_of(inputs).total
    h1 = h0 + 0.1 if h0 + 0.1 <= 0.6 else h0 - 0.1  # a total above the sourced parts: always valid
    e0 = capacity.hours_per_wte(inputs).effective
    e1 = capacity.hours_per_wte(replace(inputs, headroom=h1)).effective
    return _Basis(
        places,
        parts[:, :-1].sum(axis=1),
        parts[:, -1],
        parts[:, :-1][:, reg[:-1]].sum(axis=(1, 2)),
        parts[:, -1].sum(axis=-1) * reg[-1],
        e0,
        (e1 - e0) / (h1 - h0),
    )


def required_arrays(
    inputs: ModelInputs, d: Draws, starts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Required WTE for each run and year, as :func:`planner.expansion.trajectory.required_arrays` gives.

    Returns:
        ``(required, registered_only, leadership)`` shaped (runs, years, bands), (runs, years) and
        (runs, years).
    """
    b = _basis(inputs)
    places = starts * b.places_per_start
    groups = np.where(places > 0, np.ceil(places / inputs.class_size - 1e-9), 0.0)
    completions = starts * (1 - d.dropout[:, None])
    weights = np.stack([groups, starts, starts * d.admin_hours[:, None], completions], axis=-1)
    effective = b.effective + b.effective_slope * (d.headroom - headroom_of(inputs).total)
    r = (b.effective / effective)[:, None]
    pre = (weights @ b.direct) * r[..., None] + (weights @ b.supervision) * (r * r)[..., None]
    reg_pre = (weights @ b.direct_reg) * r + (weights @ b.supervision_reg) * r * r
    lead = capacity.leadership_wte(pre.sum(axis=-1), inputs)
    shares = capacity.allocation_matrix(inputs)[-1]
    return pre + lead[..., None] * shares, reg_pre + lead, lead


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo results.

    Attributes:
        runs: number of runs.
        seed: the random seed.
        years: financial years of the horizon.
        percentiles: measure → DataFrame (rows: years; columns ``p5``…``p95``) for ``required_wte``,
            ``in_post_wte``, ``gap_wte``, ``in_post_cost``, ``required_cost`` and ``share_within_90_days``.
        probability_by_year: share of runs whose stable starters met the 90-day target, by year.
        completion_range: (low, high) share completing over the drop-out uncertainty.
        completion_between_providers: (low, high) share completing over drop-out's plausible range.
    """

    runs: int
    seed: int
    years: list[str]
    percentiles: dict[str, pd.DataFrame]
    probability_by_year: pd.Series
    completion_range: tuple[float, float]
    completion_between_providers: tuple[float, float]

    @property
    def probability_wait_target(self) -> float:
        """The chance of meeting the 90-day target in the target (last) year."""
        return float(self.probability_by_year.iloc[-1])

    def to_json(self) -> dict[str, Any]:
        """Probabilities by year, the completion range and percentile bands (lists follow ``years``)."""
        return {
            "runs": self.runs,
            "seed": self.seed,
            "years": list(self.years),
            "sampled": {name: spread for name, spread in SAMPLED.items()},
            "distribution": DISTRIBUTION,
            "probability_85_within_90_days": {
                str(k): round(float(v), 4) for k, v in self.probability_by_year.items()
            },
            "completion_range": {
                "low": round(self.completion_range[0], 4),
                "high": round(self.completion_range[1], 4),
                "between_providers": {
                    "low": round(self.completion_between_providers[0], 4),
                    "high": round(self.completion_between_providers[1], 4),
                },
            },
            "percentiles": {
                name: {col: [round(float(x), 4) for x in frame[col]] for col in frame.columns}
                for name, frame in self.percentiles.items()
            },
        }


def _bands(array: np.ndarray, years: list[str]) -> pd.DataFrame:
    pct = np.percentile(array, PERCENTILES, axis=0)
    return pd.DataFrame(pct.T, index=pd.Index(years, name="year"), columns=[f"p{p}" for p in PERCENTILES])


def completion_ranges(inputs: ModelInputs) -> tuple[tuple[float, float], tuple[float, float]]:
    """Completion (1 − drop-out) over the drop-out uncertainty, and over its plausible range."""
    d, u = inputs.dropout, inputs.dropout_uncertainty
    own = (1 - min(d * (1 + u), 0.95), 1 - d * (1 - u))
    plausible = ModelInputs.describe("dropout").plausible or (d, d)
    return own, (1 - float(plausible[1]), 1 - float(plausible[0]))


def run(
    inputs: ModelInputs,
    in_post: np.ndarray,
    as_of: date,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    hold_establishment: bool = False,
) -> Uncertainty:
    """Run the Monte Carlo.

    Args:
        inputs: the model's inputs (``Scenario.inputs()``).
        in_post: today's WTE by band over every AfC band (:data:`planner.vocab.BANDS`).
        as_of: the model date.
        runs: number of runs (:data:`DEFAULT_RUNS` by default).
        seed: random seed.
        hold_establishment: keep the establishment at the first year's (no growth).
    """
    tl = tj.timeline(as_of, inputs.target_year)
    d = draw(inputs, runs, seed)
    starts = starts_by_year(d, len(tl.years))
    required, reg_only, lead = required_arrays(inputs, d, starts)
    supply = tj.simulate_supply(
        in_post,
        required,
        d.turnover,
        d.fill,
        tl,
        lead_months=inputs.recruitment_lead_time_months,
        trainees_per_year=inputs.trainees_per_year,
        training_months=inputs.training_months,
        hold_establishment=hold_establishment,
    )
    starts_week = starts / 52.0
    # The share of each run's demand the team can start, month by month, times that run's demand.
    cap = tj.weekly_capacity(supply, required, reg_only, lead, starts_week, tl)
    arrivals = starts_week[:, tl.week_year]
    central_demand = float(np.median(arrivals[:, 0]))
    start = queue_rules.starting_list(inputs.waiting_list_now, inputs.waiting_list_by_weeks, central_demand)
    q = waiting.simulate_runs(
        arrivals,
        cap,
        start,
        week_year=tl.week_year,
        runs=runs,
        seed=seed,
        post_share=inputs.post_exacerbation_share,
        wait_days=inputs.wait_target_days,
        post_days=7 * inputs.post_exacerbation_weeks,
    )
    share = q.share_stable()
    price = tj.cost_vector(inputs.pay_point, inputs.pension_basis)
    req_total = required.sum(axis=-1)
    in_post_total = supply.year_end.sum(axis=-1)
    percentiles = {
        "required_wte": _bands(req_total, tl.years),
        "in_post_wte": _bands(in_post_total, tl.years),
        "gap_wte": _bands(req_total - in_post_total, tl.years),
        "required_cost": _bands(required @ price, tl.years),
        "in_post_cost": _bands(supply.year_mean @ price, tl.years),
        "share_within_90_days": _bands(share, tl.years),
    }
    target = inputs.target_share_within_90_days
    own, between = completion_ranges(inputs)
    return Uncertainty(
        runs=int(runs),
        seed=int(seed),
        years=list(tl.years),
        percentiles=percentiles,
        probability_by_year=pd.Series(
            (share >= target - 1e-9).mean(axis=0), index=pd.Index(tl.years, name="year")
        ),
        completion_range=own,
        completion_between_providers=between,
    )
