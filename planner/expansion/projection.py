"""One entry point for the expansion model: scenario + team → workforce, waiting list, cost, uncertainty.

:func:`project` builds the scenario's typed inputs once (``Scenario.inputs()``) and passes them to the
funnel (:mod:`planner.expansion.demand`), the requirement (:mod:`planner.expansion.capacity`), the gap
against the team read by the ingest, the waiting list (:mod:`planner.expansion.waiting`), the
trajectory (:mod:`planner.expansion.trajectory`) and the Monte Carlo
(:mod:`planner.expansion.uncertainty`). :func:`to_json` gives the command line's JSON; :func:`compare`
the side-by-side scenario table.

Without a roster the team in post today is assumed to equal today's requirement, so the trajectory
shows the growth a team staffed for today needs; the JSON then has ``in_post_wte`` and ``gap_wte``
null.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from planner.expansion import capacity, costing, establishment, sensitivity, uncertainty, waiting
from planner.expansion import trajectory as tj
from planner.expansion.demand import Funnel, funnel
from planner.expansion.inputs import ModelInputs
from planner.expansion.scenario import Scenario, load_scenario
from planner.vocab import BANDS, FUNCTIONS, band_label

#: Runs of the waiting-list queue when the Monte Carlo is skipped (``runs=0``): the queue is random too.
QUEUE_RUNS_WITHOUT_MONTE_CARLO = 1_000

#: Functions in the gap tables: a person who both delivers and manages is split between them.
GAP_FUNCTIONS: tuple[str, ...] = ("supporting", "delivering", "leading")


@dataclass(frozen=True)
class InPost:
    """Today's team as the model sees it.

    Attributes:
        by_band: WTE over every AfC band.
        by_function: WTE by London function as read (``unknown`` when the roster gives none).
        total: total WTE.
        typical_wte: median WTE per person (posts of one person summed).
        people: number of people.
    """

    by_band: pd.Series
    by_function: pd.Series
    total: float
    typical_wte: float
    people: int


def in_post_from_staff(staff: pd.DataFrame) -> InPost:
    """Summarise ``RosterRead.staff`` (columns band, wte, function; staff_id optional)."""
    # The ingest's staff contract guarantees bands from BANDS and functions from FUNCTIONS (or none).
    band = staff["band"].astype(str)
    wte = pd.to_numeric(staff["wte"], errors="coerce").fillna(0.0)
    by_band = wte.groupby(band).sum().reindex(list(BANDS), fill_value=0.0).rename("in_post_wte")
    func = staff["function"].where(staff["function"].isin(FUNCTIONS), "unknown")
    # Staff with no recorded function count by their own band: bands 1–4 supporting, 5+ delivering.
    own = band.isin(capacity.SUPPORTING_BANDS).map({True: "supporting", False: "delivering"})
    func = func.where(func != "unknown", own)
    by_function = wte.groupby(func).sum().rename("in_post_wte")
    person = staff["staff_id"] if "staff_id" in staff else pd.Series(range(len(staff)), index=staff.index)
    per_person = wte.groupby(person).sum()
    typical = float(per_person.median()) if len(per_person) else 1.0
    return InPost(by_band, by_function, float(wte.sum()), typical, int(per_person.size))


def fold_functions(by_function: pd.Series, by_band: pd.Series, leading_required: float) -> pd.Series:
    """In-post WTE over :data:`GAP_FUNCTIONS`.

    "Delivering and managing" WTE counts first towards the leadership requirement and the rest towards
    delivering. Staff with no function were already placed by band in :func:`in_post_from_staff`.
    """
    get = by_function.get
    leading = float(get("leading", 0.0))
    managing = float(get("delivering_managing", 0.0))
    to_lead = min(managing, max(0.0, leading_required - leading))
    return pd.Series(
        {
            "supporting": float(get("supporting", 0.0)),
            "delivering": float(get("delivering", 0.0)) + managing - to_lead,
            "leading": leading + to_lead,
        }
    )


@dataclass(frozen=True)
class Projection:
    """Everything the Expansion page, the CLI and the charts show for one scenario."""

    scenario: Scenario
    inputs: ModelInputs
    as_of: date
    funnel: Funnel
    requirement: capacity.Requirement
    in_post: InPost | None
    gap_by_band: pd.DataFrame
    gap_by_function: pd.DataFrame
    waiting: waiting.WaitingResult
    trajectory: tj.Trajectory
    uncertainty: uncertainty.Uncertainty | None
    roster_name: str | None = None
    warnings: list[str] = field(default_factory=list)
    establishment: establishment.Establishment | None = None
    costs: costing.Costs | None = None
    backlog_clearance: BacklogClearance | None = None
    wte_to_hold_target: dict[str, float] = field(default_factory=dict)
    sensitivity: list[sensitivity.Swing] = field(default_factory=list)


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
    steady = waiting.steady_state(
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
        weekly = waiting.steady_state(
            float(starts) / 52,
            wait_days=inputs.wait_target_days,
            target_share=inputs.target_share_within_90_days,
        ).capacity
        out[str(year)] = capacity.requirement(weekly * 52, weekly * 52 * (1 - inputs.dropout), inputs).total
    return out


def _gap_tables(
    inputs: ModelInputs, req: capacity.Requirement, team: InPost | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    price = pd.Series(tj.cost_vector(inputs.pay_point, inputs.pension_basis), index=list(BANDS))
    typical = team.typical_wte if team else inputs.typical_wte
    have = team.by_band if team else req.by_band
    band = pd.DataFrame(
        {
            "band": list(BANDS),
            "label": [band_label(b) for b in BANDS],
            "required_wte": req.by_band.to_numpy(),
            "in_post_wte": have.to_numpy(),
        }
    )
    band = band.assign(
        gap_wte=band["required_wte"] - band["in_post_wte"],
        required_cost=band["required_wte"] * price.to_numpy(),
        in_post_cost=band["in_post_wte"] * price.to_numpy(),
    )
    band = band.assign(
        gap_people=band["gap_wte"] / typical, gap_cost=band["required_cost"] - band["in_post_cost"]
    )
    required_f = req.by_function.copy()
    required_f["delivering"] += required_f.pop("delivering_managing")
    have_f = (
        fold_functions(team.by_function, team.by_band, float(required_f["leading"])) if team else required_f
    )
    func = pd.DataFrame(
        {
            "function": list(GAP_FUNCTIONS),
            "required_wte": [float(required_f[f]) for f in GAP_FUNCTIONS],
            "in_post_wte": [float(have_f[f]) for f in GAP_FUNCTIONS],
        }
    )
    func = func.assign(gap_wte=func["required_wte"] - func["in_post_wte"])
    return band, func.assign(gap_people=func["gap_wte"] / typical)


def project(
    scenario: Scenario | str | Path | None,
    roster_staff: pd.DataFrame | None = None,
    *,
    as_of: date,
    runs: int = 10_000,
    seed: int = 0,
    roster_name: str | None = None,
    with_sensitivity: bool | None = None,
) -> Projection:
    """Run the whole expansion model for one scenario.

    Args:
        scenario: a :class:`Scenario`, a scenario name or file, or None for the status quo.
        roster_staff: ``RosterRead.staff`` (band, wte, function, staff_id); None assumes a team equal
            to today's requirement.
        as_of: the model date (week 0 of the waiting list, month 0 of the trajectory).
        runs: Monte Carlo runs; 0 skips the Monte Carlo.
        seed: Monte Carlo seed.
        roster_name: the roster's display name, for the JSON.
        with_sensitivity: run the one-at-a-time sensitivity (tornado) as well; by default when the
            Monte Carlo runs (``runs > 0``).
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    inputs = sc.inputs()  # built and checked once; every step below reads these
    now = funnel(inputs)
    req = capacity.requirement(now.starts, now.completions, inputs)
    team = in_post_from_staff(roster_staff) if roster_staff is not None and len(roster_staff) else None
    warnings: list[str] = list(sc.warnings)
    if team is not None and team.by_band.get("1", 0.0) > 0:
        warnings.append(f"Band 1 has no 2025/26 pay point; its {team.by_band['1']:.1f} WTE is not costed.")
    if not req.supervision_ok:
        warnings.append(
            "Supervision limit exceeded: " + req.supervision_message(inputs.max_supporting_per_registered)
        )
    in_post_vec = (team.by_band if team else req.by_band).to_numpy()
    traj = tj.project_trajectory(inputs, in_post_vec, as_of)
    weekly_demand = now.starts / 52
    start = waiting.starting_list(inputs.waiting_list_now, inputs.waiting_list_by_weeks, weekly_demand)
    wait = waiting.simulate(
        traj.weekly_arrivals,
        traj.weekly_capacity,
        as_of=as_of,
        start=start,
        post_share=inputs.post_exacerbation_share,
        runs=runs if runs > 0 else QUEUE_RUNS_WITHOUT_MONTE_CARLO,
        seed=seed,
        wait_days=inputs.wait_target_days,
        post_exacerbation_weeks=inputs.post_exacerbation_weeks,
        target_share=inputs.target_share_within_90_days,
    )
    clearance = backlog_clearance(start.total, weekly_demand, inputs)
    hold = wte_to_hold(traj.summary.set_index("year")["starts"], inputs)
    band, func = _gap_tables(inputs, req, team)
    mc = uncertainty.run(inputs, in_post_vec, as_of, runs=runs, seed=seed) if runs > 0 else None
    est = establishment.establishment_now(
        req.by_band,
        tj.central_turnover(inputs),
        inputs.recruitment_fill_rate,
        inputs.recruitment_lead_time_months,
    )
    typical = team.typical_wte if team else inputs.ni_wte_per_person
    people = _people(roster_staff) if team is not None and roster_staff is not None else None
    cost = costing.project_costs(inputs, traj.years, traj.in_post_mean, traj.funded, as_of, people, typical)  # type: ignore[arg-type]
    price_warning = costing.price_base_warning(as_of, inputs)
    if price_warning:
        warnings.append(price_warning)
    run_tornado = runs > 0 if with_sensitivity is None else with_sensitivity
    swings = sensitivity.tornado(inputs, as_of) if run_tornado else []
    return Projection(
        sc,
        inputs,
        as_of,
        now,
        req,
        team,
        band,
        func,
        wait,
        traj,
        mc,
        roster_name,
        warnings,
        est,
        cost,
        clearance,
        hold,
        swings,
    )


def _people(staff: pd.DataFrame) -> pd.DataFrame:
    """One row per person and band (``band``, ``wte``): NI is charged on each person's pay."""
    band = staff["band"].astype(str)
    wte = pd.to_numeric(staff["wte"], errors="coerce").fillna(0.0)
    person = staff["staff_id"] if "staff_id" in staff else pd.Series(range(len(staff)), index=staff.index)
    frame = pd.DataFrame({"person": person.to_numpy(), "band": band.to_numpy(), "wte": wte.to_numpy()})
    return frame.groupby(["person", "band"], as_index=False)["wte"].sum()


def _by(frame: pd.DataFrame, key: str, column: str) -> dict[str, float]:
    return {str(k): round(float(v), 4) for k, v in zip(frame[key], frame[column], strict=True)}


def _wte_block(band: pd.DataFrame, func: pd.DataFrame, column: str) -> dict[str, Any]:
    kept = band[(band["required_wte"] > 0) | (band["in_post_wte"] > 0)]
    return {
        "total": round(float(band[column].sum()), 4),
        "by_band": _by(kept, "band", column),
        "by_function": _by(func, "function", column),
    }


def _gap_block(p: Projection) -> dict[str, Any]:
    """The net gap and, beside it, the sum of the bands' shortfalls (a surplus never hides a shortfall)."""
    block = _wte_block(p.gap_by_band, p.gap_by_function, "gap_wte")
    shortfall = round(float(p.gap_by_band["gap_wte"].clip(lower=0.0).sum()), 4)
    return {
        "total": block["total"],
        "shortfall_total": shortfall,
        **{k: v for k, v in block.items() if k != "total"},
    }


def _capacity_block(h: capacity.HoursPerWte) -> dict[str, Any]:
    return {
        "paid_hours_per_wte": round(h.paid, 4),
        "headroom": round(h.headroom, 6),
        "headroom_parts": {k: round(v, 6) for k, v in h.headroom_parts.items()},
        "effective_hours_per_wte": round(h.effective, 4),
        "working": h.working,
    }


def _establishment_block(e: establishment.Establishment | None) -> dict[str, Any] | None:
    if e is None:
        return None
    kept = [b for b in BANDS if e.required_by_band[b] > 0]
    return {
        "required_wte": {
            "total": round(float(e.required_by_band.sum()), 4),
            "by_band": {b: round(float(e.required_by_band[b]), 4) for b in kept},
        },
        "funded_wte": {
            "total": round(float(e.funded_by_band.sum()), 4),
            "by_band": {b: round(float(e.funded_by_band[b]), 4) for b in kept},
        },
        "vacancy_rate": round(e.vacancy.rate, 6),
        "explanation": e.explanation,
    }


def _costs_block(c: costing.Costs | None) -> dict[str, Any] | None:
    if c is None:
        return None
    money = ("in_year", "full_year", "funded")
    return {
        "price_base": c.price_base,
        "basis": c.basis,
        "by_year": [
            {"year": r["year"], **{k: round(float(r[k]), 2) for k in money}}
            | {
                "share_of_year": round(float(r["share_of_year"]), 6),
                "pay_index": round(float(r["pay_index"]), 6),
            }
            for r in c.by_year.to_dict("records")
        ],
        "total_over_period": round(c.total_over_period, 2),
    }


def to_json(p: Projection) -> dict[str, Any]:
    """The command line's JSON: the issue's keys, JSON-ready values.

    Beside the original keys: ``capacity`` (paid and effective hours per WTE, headroom and its parts),
    ``establishment`` (required and funded WTE, vacancy rate), ``gap_wte.shortfall_total`` (the sum of
    the bands' shortfalls beside the net total), ``costs`` (price base, in-year, full-year and funded cost
    by year, total over the period) and ``warnings``. ``annual_cost`` stays as before: the required WTE
    at a full year's cost per WTE at the pay data's prices.
    """
    has_team = p.in_post is not None
    summary, by_band = p.trajectory.summary, p.trajectory.by_band
    trajectory = []
    for year, row in zip(summary["year"], summary.itertuples(index=False), strict=True):
        yb = by_band[by_band["year"] == year]
        kept = yb[(yb["required_wte"] > 0) | (yb["in_post_wte"] > 0)]
        trajectory.append(
            {
                "year": year,
                "required_wte": {
                    "total": round(row.required_wte, 4),
                    "by_band": _by(kept, "band", "required_wte"),
                },
                "in_post_wte": {
                    "total": round(row.in_post_wte, 4),
                    "by_band": _by(kept, "band", "in_post_wte"),
                },
                "gap_wte": {
                    "total": round(row.gap_wte, 4),
                    "shortfall_total": round(row.shortfall_wte, 4),
                    "by_band": _by(kept, "band", "gap_wte"),
                },
                "funded_wte": {"total": round(row.funded_wte, 4), "by_band": _by(kept, "band", "funded_wte")},
                "annual_cost": {
                    "total": round(row.required_cost, 2),
                    "by_band": _by(kept, "band", "required_cost"),
                    "in_post_total": round(row.in_post_cost, 2),
                },
            }
        )
    kept = p.gap_by_band[(p.gap_by_band["required_wte"] > 0) | (p.gap_by_band["in_post_wte"] > 0)]
    return {
        "scenario": {
            "name": p.scenario.name,
            "title": p.scenario.title,
            "description": p.scenario.description,
            "as_of": p.as_of.isoformat(),
            "roster": p.roster_name,
            "in_post": "roster" if has_team else "assumed equal to today's requirement (no roster given)",
        },
        "parameters": {name: prm.to_json() for name, prm in p.scenario.parameters.items()},
        "required_wte": _wte_block(p.gap_by_band, p.gap_by_function, "required_wte"),
        "in_post_wte": _wte_block(p.gap_by_band, p.gap_by_function, "in_post_wte") if has_team else None,
        "gap_wte": _gap_block(p) if has_team else None,
        "annual_cost": {
            "total": round(float(p.gap_by_band["required_cost"].sum()), 2),
            "by_band": _by(kept, "band", "required_cost"),
            "in_post_total": round(float(p.gap_by_band["in_post_cost"].sum()), 2) if has_team else None,
            "point": p.inputs.pay_point,
            "pension": p.inputs.pension_basis,
        },
        "waiting": _waiting_json(p),
        "trajectory": trajectory,
        "uncertainty": _uncertainty_json(p),
        "capacity": _capacity_block(p.requirement.hours_per_wte),
        "establishment": _establishment_block(p.establishment),
        "costs": _costs_block(p.costs),
        "warnings": list(p.warnings),
    }


def _pcts(frame: pd.DataFrame, digits: int = 4) -> dict[str, dict[str, float]]:
    return {str(y): {c: round(float(v), digits) for c, v in row.items()} for y, row in frame.iterrows()}


def _waiting_json(p: Projection) -> dict[str, Any]:
    w, b = p.waiting, p.backlog_clearance
    return {
        "method": w.method,
        "runs": w.runs,
        "seed": w.seed,
        "weekly_referrals": round(p.funnel.referrals / 52, 4),
        # the queue's arrivals (referrals who take up PR), in the same unit as the capacity: starts
        "weekly_demand_joining_list": round(p.funnel.starts / 52, 4),
        "weekly_capacity": round(float(w.weeks["capacity"].iloc[0]), 4),
        "capacity_to_demand": round(w.capacity_to_demand, 4),
        "list_growth_per_week": round(w.list_growth_per_week, 4),
        "verdict": w.verdict,
        "share_within_90_days": {
            "by_year": _pcts(w.share_percentiles),
            "probability_at_least_target": {
                str(k): round(float(x), 4) for k, x in w.probability_by_year.items()
            },
            "weekly": [round(float(x), 4) for x in w.weeks["share_within_90_days"]],
        },
        "post_exacerbation_within_4_weeks": {
            "share_of_referrals": p.inputs.post_exacerbation_share,
            "by_year": _pcts(w.post_exacerbation),
        },
        "waiting_over_90_days_at_year_end": _pcts(w.over_90_days, 1),
        "list_at_year_end": _pcts(w.list_at_year_end, 1),
        "starting_list": {"total": round(w.starting_list.total, 2), "note": w.starting_list.note},
        "steady_state": {
            "mean_wait_days": round(w.steady.mean_wait_days, 2),
            "target_queue": round(w.steady.target_queue, 2),
            "capacity_to_hold_target": round(w.steady.capacity, 4),
        },
        "backlog_clearance": None
        if b is None
        else {
            "list_now": round(b.list_now, 2),
            "target_queue": round(b.target_queue, 2),
            "extra_starts": round(b.extra_starts, 2),
            "weeks": b.weeks,
            "wte_weeks": round(b.wte_weeks, 2),
            "extra_wte_while_clearing": round(b.extra_wte, 4),
        },
        "wte_to_hold_target": {y: round(x, 4) for y, x in p.wte_to_hold_target.items()},
    }


def _uncertainty_json(p: Projection) -> dict[str, Any] | None:
    if p.uncertainty is None and not p.sensitivity:
        return None
    out = p.uncertainty.to_json() if p.uncertainty else {}
    out["sensitivity"] = [s.to_json() for s in p.sensitivity]
    return out


@dataclass(frozen=True)
class Targets:
    """The scenario's targets in words, for labels: ``wait`` "85% within 90 days", ``completion`` "70%"."""

    wait: str
    days: str
    completion: str


def targets(inputs: ModelInputs) -> Targets:
    """The waiting-time and completion targets as the scenario sets them (they are editable)."""
    days = f"{inputs.wait_target_days} days"
    share = f"{inputs.target_share_within_90_days:.0%}"
    return Targets(wait=f"{share} within {days}", days=days, completion=f"{inputs.target_completion:.0%}")


def compare(projections: list[Projection]) -> pd.DataFrame:
    """Scenarios side by side for display: one row per measure, one column per scenario title, as text."""
    cols: dict[str, list[str]] = {}
    measures = [
        "Referrals a year, target year",
        "Starts a year, target year",
        "Required WTE now",
        "Required WTE, target year",
        "In post WTE, end of target year",
        "Gap WTE, end of target year",
        "Required cost now (£ a year)",
        "Required cost, target year (£ a year)",
        "Starters within the waiting-time standard, target year",
        "Waiting-time target over the horizon",
        "Waiting list growth a week at the end of the horizon",
        "WTE to hold the waiting-time target, target year",
        "Chance of meeting the waiting-time target, target year",
        "Completion the drop-out range implies",
        "Supporting WTE per registered WTE",
    ]
    measures.append("Targets (waiting time; completion)")
    for p in projections:
        last = p.trajectory.summary.iloc[-1]
        u = p.uncertainty
        t = targets(p.inputs)
        cols[p.scenario.title] = [
            f"{float(last['referrals']):,.0f}",
            f"{float(last['starts']):,.0f}",
            f"{p.requirement.total:.1f}",
            f"{float(last['required_wte']):.1f}",
            f"{float(last['in_post_wte']):.1f}",
            f"{float(last['gap_wte']):+.1f}",
            f"£{float(p.gap_by_band['required_cost'].sum()):,.0f}",
            f"£{float(last['required_cost']):,.0f}",
            f"{float(p.waiting.share_by_year.iloc[-1]):.0%}",
            waiting.VERDICT_WORDS[p.waiting.verdict],
            f"{p.waiting.list_growth_per_week:+.1f}",
            f"{list(p.wte_to_hold_target.values())[-1]:.1f}" if p.wte_to_hold_target else "",
            "not run" if u is None else f"{u.probability_wait_target:.0%}",
            "not run" if u is None else f"{u.completion_range[0]:.0%} to {u.completion_range[1]:.0%}",
            f"{p.requirement.supervision_ratio:.2f}",
            f"{t.wait}; {t.completion} complete",
        ]
    return pd.DataFrame(cols, index=pd.Index(measures, name="measure"))
