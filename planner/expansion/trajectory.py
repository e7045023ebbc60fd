"""Year by year to the target year: demand, required WTE, in-post supply, gap and cost.

Demand: the funnel for each financial year, with the referral rate moving in a straight line from
today's rate to the target year's (:mod:`planner.expansion.demand`); the requirement by band follows from the
capacity model (:mod:`planner.expansion.capacity`).

Supply is simulated month by month from today's team (the roster), band by band:

- Leavers: each band loses ``turnover_by_band`` a year, applied monthly as 1 − (1 − rate)^(1/12).
- Recruitment runs every month against the funded establishment
  (:mod:`planner.expansion.establishment`): the service advertises every funded post that is neither
  filled nor already offered, against the establishment of the year the recruits will start in;
  ``recruitment_fill_rate`` of the advertised WTE accept and start ``recruitment_lead_time_months``
  later; the rest are advertised again the next month. At the model date the leavers of the last lead
  time are already being replaced. A team at the requirement, funded at its establishment, stays at
  the requirement. There are no redundancies: surplus staff stay until they leave.
- Training pipeline: each April (and at the start), ``trainees_per_year`` WTE of band 3 start the
  Level 4 PR exercise qualification; after ``training_months`` they move to band 4 (capped at the
  band 3 WTE still in post), and recruitment back-fills band 3.
- Year-end in-post is on 31 March; the summary's cost columns are the annual employer cost per WTE at
  the pay data's prices of the required and the average in-post WTE (:mod:`planner.expansion.costing`
  gives in-year, full-year and funded costs with pay awards and NI per person).

The same vectorised functions serve the Monte Carlo (:mod:`planner.expansion.uncertainty`), one row per
run. Every function reads the scenario through one typed :class:`~planner.expansion.inputs.ModelInputs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd

from planner.expansion import capacity, establishment
from planner.expansion.demand import financial_year, funnel_by_year, year_end, years_between
from planner.expansion.inputs import ModelInputs
from planner.reference import pay as costs
from planner.reference.policy import load_policy
from planner.vocab import BAND_RANK, BANDS

_REG = np.array([b in capacity.REGISTERED_BANDS for b in BANDS])
_SUPPLY_BLOCK = 10000  # runs per block of the monthly loop


@dataclass(frozen=True)
class Timeline:
    """Months and weeks from the model date to the end of the target year, mapped to financial years."""

    as_of: date
    years: list[str]
    month_year: np.ndarray
    month_new_year: np.ndarray
    week_year: np.ndarray
    week_month: np.ndarray

    @property
    def n_weeks(self) -> int:
        """Weeks in the horizon."""
        return int(self.week_year.size)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def timeline(as_of: date, target_year: str) -> Timeline:
    """The months and weeks from ``as_of`` to 31 March of ``target_year``."""
    years = years_between(as_of, target_year)
    end = year_end(years[-1])
    n_months = (end.year * 12 + end.month) - (as_of.year * 12 + as_of.month) + 1
    month_dates = [_add_months(as_of, m) for m in range(n_months)]
    month_year = np.array([years.index(financial_year(d)) for d in month_dates])
    new_year = np.array([m == 0 or d.month == 4 for m, d in enumerate(month_dates)])
    n_weeks = max(1, -(-((end - as_of).days + 1) // 7))
    week_dates = [as_of + timedelta(weeks=w) for w in range(n_weeks)]
    week_year = np.array([min(years.index(financial_year(d)), len(years) - 1) for d in week_dates])
    week_month = np.array(
        [min((d.year * 12 + d.month) - (as_of.year * 12 + as_of.month), n_months - 1) for d in week_dates]
    )
    return Timeline(as_of, years, month_year, new_year, week_year, week_month)


@dataclass(frozen=True)
class YearlyParts:
    """The requirement per year split so that drop-out can vary run by run (it is linear in completions).

    ``band_full``/``band_none`` are WTE by band excluding leadership with every starter completing /
    nobody completing; ``reg_full``/``reg_none`` the same for activities that need registration.
    """

    funnel: pd.DataFrame
    band_full: np.ndarray
    band_none: np.ndarray
    reg_full: np.ndarray
    reg_none: np.ndarray
    lead_shares: np.ndarray


def yearly_parts(inputs: ModelInputs, years: list[str]) -> YearlyParts:
    """Build :class:`YearlyParts` for each year of the horizon."""
    policy = load_policy()
    demand = funnel_by_year(inputs, years)
    reg = capacity.registered_mask(policy)[:-1]
    full, none, rfull, rnone = [], [], [], []
    for starts in demand["starts"]:
        w_full = capacity.pre_leadership_wte(starts, starts, inputs, policy)
        w_none = capacity.pre_leadership_wte(starts, 0.0, inputs, policy)
        full.append(w_full.sum(axis=0))
        none.append(w_none.sum(axis=0))
        rfull.append(w_full[reg].sum())
        rnone.append(w_none[reg].sum())
    shares = capacity.allocation_matrix(inputs, policy)[-1]
    return YearlyParts(demand, np.array(full), np.array(none), np.array(rfull), np.array(rnone), shares)


def required_arrays(
    parts: YearlyParts, inputs: ModelInputs, dropout: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Required WTE for each run's drop-out.

    Returns:
        ``(required, registered_only, leadership)`` shaped (runs, years, bands), (runs, years) and
        (runs, years).
    """
    keep = (1.0 - np.asarray(dropout, dtype=float))[:, None, None]
    pre = parts.band_none[None] + keep * (parts.band_full - parts.band_none)[None]
    lead = capacity.leadership_wte(pre.sum(axis=-1), inputs)
    required = pre + lead[..., None] * parts.lead_shares
    reg = parts.reg_none[None] + keep[..., 0] * (parts.reg_full - parts.reg_none)[None] + lead
    return required, reg, lead


@dataclass(frozen=True)
class SupplyArrays:
    """Simulated in-post WTE: year-end and year-average by band, monthly totals, and the funded WTE.

    ``funded`` is the funded establishment by year and band, shaped like the requirement.
    """

    year_end: np.ndarray
    year_mean: np.ndarray
    month_total: np.ndarray
    month_registered: np.ndarray
    funded: np.ndarray | None = None


def simulate_supply(
    in_post: np.ndarray,
    required: np.ndarray,
    turnover: np.ndarray,
    fill: np.ndarray,
    tl: Timeline,
    *,
    lead_months: int,
    trainees_per_year: float,
    training_months: int,
    hold_establishment: bool = False,
) -> SupplyArrays:
    """Month-by-month supply for every run at once, recruiting every month against the funded establishment.

    Each month: staff leave (the monthly share of ``turnover``); recruits offered ``lead_months`` ago
    start; trainees who qualify move from band 3 to band 4; then the service advertises every funded
    post that is neither filled nor already offered, against the establishment of the year the recruits
    will start in, and ``fill`` of the advertised WTE accept. The establishment
    (:mod:`planner.expansion.establishment`) is set from the expected (mean over runs) turnover and fill,
    so that a team at the requirement stays there; each run's actual rates may differ. At the model date
    recruitment is already under way for the leavers of the last lead time (up to the requirement), as it
    is in a service that has been replacing its leavers, so the team does not fall before the first
    recruits could start.

    Args:
        in_post: today's WTE by band, shape (bands,) or (runs, bands).
        required: required WTE, (runs, years, bands).
        turnover: annual leaving rate by band, (bands,) or (runs, bands).
        fill: share of advertised WTE filled, scalar or (runs,).
        tl: the horizon.
        lead_months: months from advert to start.
        trainees_per_year: band 3 WTE starting the Level 4 qualification each year.
        training_months: months to qualify.
        hold_establishment: keep the establishment at the first year's (no growth: the business case's
            "do nothing"); the requirement still grows with demand.
    """
    runs, n_years, n_bands = required.shape
    staff0 = np.broadcast_to(np.asarray(in_post, dtype=float), (runs, n_bands))
    turnover = np.broadcast_to(np.asarray(turnover, dtype=float), (runs, n_bands))
    monthly_stay = 1.0 - establishment.monthly_leaving(turnover)
    fill_runs = np.broadcast_to(np.asarray(fill, dtype=float), (runs,))
    lead_months = max(lead_months, 1)
    funded = establishment.funded(
        required, turnover.mean(axis=0), float(fill_runs.mean()), lead_months
    )  # (runs, years, bands)
    if hold_establishment:
        funded = np.minimum(funded, funded[:, :1, :])
    n_months = tl.month_year.size
    year_sum = np.zeros((n_years, runs, n_bands))
    year_end = np.zeros((n_years, runs, n_bands))
    month_totals = np.zeros((n_months, runs, 2))
    by_year = np.ascontiguousarray(funded.transpose(1, 0, 2))
    # The first lead time's starts replace the leavers of a team at its level; with a fill rate of 0
    # nobody accepts, then or now.
    first = np.minimum(staff0, required[:, 0]) * (1.0 - monthly_stay) * (fill_runs > 0)[:, None]
    # Runs are independent: blocks of runs keep each month's arrays in cache.
    for lo in range(0, runs, _SUPPLY_BLOCK):
        pick = slice(lo, lo + _SUPPLY_BLOCK)
        _supply_block(
            staff0[pick].copy(), monthly_stay[pick], fill_runs[pick, None], first[pick], by_year[:, pick],
            tl, lead_months, trainees_per_year, training_months,
            (year_sum[:, pick], year_end[:, pick], month_totals[:, pick]),
        )  # fmt: skip
    year_mean = year_sum / np.maximum(np.bincount(tl.month_year, minlength=n_years), 1)[:, None, None]
    year_end, year_mean = year_end.transpose(1, 0, 2), year_mean.transpose(1, 0, 2)
    month_total, month_reg = month_totals[..., 0].T, month_totals[..., 1].T
    return SupplyArrays(year_end, year_mean, month_total, month_reg, funded)


def _supply_block(
    staff: np.ndarray,
    stay: np.ndarray,
    fill_col: np.ndarray,
    first: np.ndarray,
    by_year: np.ndarray,
    tl: Timeline,
    lead_months: int,
    trainees_per_year: float,
    training_months: int,
    out: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    """The monthly loop of :func:`simulate_supply` for one block of runs, written into ``out``."""
    year_sum, year_end, month_totals = out
    n_months = tl.month_year.size
    # due[m]: WTE starting in month m (a ring of lead_months slots); offered: WTE accepted, not yet started.
    due = np.zeros((lead_months, *staff.shape))
    due[:] = first
    offered = first * lead_months
    cohorts: list[tuple[int, np.ndarray]] = []
    b3, b4 = BAND_RANK["3"], BAND_RANK["4"]
    totals = np.column_stack([np.ones(staff.shape[1]), _REG[: staff.shape[1]]]).astype(float)
    for m in range(n_months):
        slot = due[m % lead_months]
        staff *= stay
        staff += slot
        if tl.month_new_year[m] and trainees_per_year > 0:
            cohorts.append((m + training_months, np.minimum(trainees_per_year, staff[:, b3])))
        for when, size in cohorts:
            if when == m:
                moved = np.minimum(size, staff[:, b3])
                staff[:, b3] -= moved
                staff[:, b4] += moved
        y = tl.month_year[m]
        year_sum[y] += staff
        if m + 1 == n_months or tl.month_year[m + 1] != y:
            year_end[y] = staff
        np.matmul(staff, totals, out=month_totals[m])
        offered -= slot  # the slot's recruits have started
        arrive_year = tl.month_year[min(m + lead_months, n_months - 1)]
        # this slot now holds the starts of month m + lead_months: fill × the posts not filled or offered
        np.subtract(by_year[arrive_year], staff, out=slot)
        slot -= offered
        np.maximum(slot, 0.0, out=slot)
        slot *= fill_col
        offered += slot


def weekly_capacity(
    supply: SupplyArrays,
    required: np.ndarray,
    registered_only: np.ndarray,
    leadership: np.ndarray,
    starts_per_week: np.ndarray,
    tl: Timeline,
) -> np.ndarray:
    """Weekly start capacity of the in-post team, shape (runs, weeks).

    In-post WTE first covers the leadership requirement; the rest delivers starts in proportion to the
    requirement, limited by whichever is scarcer: all clinical WTE, or registered (band 5+) WTE for the
    activities that need registration. A team at exactly the requirement starts exactly the demand.
    ``starts_per_week`` is the demand by year, (years,) or one row per run (runs, years).
    """
    y = tl.month_year
    lead_m = leadership[:, y]
    need_all = np.maximum(required.sum(axis=-1)[:, y] - lead_m, 1e-9)
    need_reg = np.maximum(registered_only[:, y] - lead_m, 1e-9)
    have_all = np.maximum(supply.month_total - lead_m, 0.0)
    have_reg = np.maximum(supply.month_registered - lead_m, 0.0)
    monthly = np.minimum(have_all / need_all, have_reg / need_reg) * np.asarray(starts_per_week)[..., y]
    # Weeks run in month order, so repeating each month's value for its weeks equals indexing by month.
    weeks_per_month = np.bincount(tl.week_month, minlength=y.size)
    return np.repeat(monthly, weeks_per_month, axis=-1)


@lru_cache(maxsize=16)
def cost_vector(point: str, pension: str) -> np.ndarray:
    """Employer cost per WTE for every AfC band (0 for band 1, no pay point); read-only, kept per basis."""
    table = costs.cost_table(point, pension)["employer_cost"]  # type: ignore[arg-type]
    out = table.reindex(list(BANDS)).fillna(0.0).to_numpy(dtype=float, copy=True)
    return out.setflags(write=False) or out  # kept (lru_cache): a caller must not change it


def gap_closes(years: list[str], gap_end: np.ndarray, tolerance: float) -> dict[str, str | None]:
    """For each band, the first year from which the year-end gap stays within tolerance to the target year.

    None means the gap is still open at the end of the target year.
    """
    out: dict[str, str | None] = {}
    for j, band in enumerate(BANDS):
        open_years = np.flatnonzero(gap_end[:, j] > tolerance + 1e-9)
        first = int(open_years[-1]) + 1 if open_years.size else 0
        out[band] = years[first] if first < len(years) else None
    return out


@dataclass(frozen=True)
class Trajectory:
    """The central (deterministic) path to the target year.

    Attributes:
        years: financial years, current first.
        summary: one row per year: funnel, required/in-post/gap WTE, required and in-post cost (per WTE
            at the pay data's prices), funded WTE and the shortfall (the sum of the bands' positive gaps).
        by_band: one row per year and band with the same measures and the funded WTE.
        gap_closes: band → first year from which the year-end gap stays within tolerance (None:
            still open at the end of the target year).
        weekly_capacity: start capacity per week over the horizon.
        weekly_arrivals: people joining the waiting list per week.
        timeline: the horizon.
    """

    years: list[str]
    summary: pd.DataFrame
    by_band: pd.DataFrame
    gap_closes: dict[str, str | None]
    weekly_capacity: np.ndarray
    weekly_arrivals: np.ndarray
    timeline: Timeline
    in_post_mean: np.ndarray | None = None
    funded: np.ndarray | None = None


def central_turnover(inputs: ModelInputs) -> np.ndarray:
    """Turnover by band as an array over every AfC band (0 where none is given)."""
    return np.array([inputs.turnover_by_band.get(b, 0.0) for b in BANDS])


def project_trajectory(
    inputs: ModelInputs, in_post: np.ndarray, as_of: date, *, hold_establishment: bool = False
) -> Trajectory:
    """The central path from today's in-post WTE by band (over :data:`BANDS`); see :func:`simulate_supply`."""
    tl = timeline(as_of, inputs.target_year)
    parts = yearly_parts(inputs, tl.years)
    required, reg_only, lead = required_arrays(parts, inputs, np.array([inputs.dropout]))
    supply = simulate_supply(
        in_post,
        required,
        central_turnover(inputs),
        inputs.recruitment_fill_rate,
        tl,
        lead_months=inputs.recruitment_lead_time_months,
        trainees_per_year=inputs.trainees_per_year,
        training_months=inputs.training_months,
        hold_establishment=hold_establishment,
    )
    starts_week = parts.funnel["starts"].to_numpy() / 52.0
    cap = weekly_capacity(supply, required, reg_only, lead, starts_week, tl)[0]
    arrivals = starts_week[tl.week_year]
    price = cost_vector(inputs.pay_point, inputs.pension_basis)
    req, end, mean = required[0], supply.year_end[0], supply.year_mean[0]
    funded = supply.funded[0] if supply.funded is not None else req
    gap = req - end
    rows = []
    for y, year in enumerate(tl.years):
        for j, band in enumerate(BANDS):
            rows.append(
                {
                    "year": year,
                    "band": band,
                    "required_wte": req[y, j],
                    "funded_wte": funded[y, j],
                    "in_post_wte": end[y, j],
                    "in_post_mean_wte": mean[y, j],
                    "gap_wte": gap[y, j],
                    "required_cost": req[y, j] * price[j],
                    "in_post_cost": mean[y, j] * price[j],
                }
            )
    by_band = pd.DataFrame(rows)
    summary = parts.funnel.assign(
        required_wte=req.sum(axis=1),
        in_post_wte=end.sum(axis=1),
        gap_wte=gap.sum(axis=1),
        required_cost=req @ price,
        in_post_cost=mean @ price,
        funded_wte=funded.sum(axis=1),
        shortfall_wte=np.maximum(gap, 0.0).sum(axis=1),
    )
    closes = gap_closes(tl.years, gap, inputs.gap_tolerance_wte)
    return Trajectory(tl.years, summary, by_band, closes, cap, arrivals, tl, mean, funded)
