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

import pandas as pd

from planner.expansion import capacity, costing, establishment, queue_rules, sensitivity, uncertainty, waiting
from planner.expansion import trajectory as tj
from planner.expansion.backlog import BacklogClearance, backlog_clearance, wte_to_hold
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

    @property
    def wait_share(self) -> pd.DataFrame:
        """Stable starters within 90 days by year (p10, p50, p90), from the same runs as :attr:`wait_chance`."""
        if self.uncertainty is not None:
            return self.uncertainty.percentiles["share_within_90_days"][["p10", "p50", "p90"]]
        return self.waiting.share_percentiles

    @property
    def wait_chance(self) -> pd.Series:
        """The chance of the waiting-time target by year: the full Monte Carlo's where it ran."""
        u = self.uncertainty
        return u.probability_by_year if u is not None else self.waiting.probability_by_year

    @property
    def wait_basis(self) -> str:
        """Which runs :attr:`wait_share` and :attr:`wait_chance` come from, in words."""
        if self.uncertainty is not None:
            return f"Monte Carlo over the uncertain inputs ({self.uncertainty.runs:,} runs)"
        return NOISE_ONLY


#: The waiting run's basis in words: today's inputs, only the referrals vary.
NOISE_ONLY = "with today's inputs, referral noise only"


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
    runs: int = uncertainty.DEFAULT_RUNS,
    seed: int = uncertainty.DEFAULT_SEED,
    roster_name: str | None = None,
    with_sensitivity: bool | None = None,
    hold_establishment: bool = False,
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
        hold_establishment: keep the funded establishment at the first year's while demand grows (the
            business case's "do nothing").
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
    traj = tj.project_trajectory(inputs, in_post_vec, as_of, hold_establishment=hold_establishment)
    weekly_demand = now.starts / 52
    start = queue_rules.starting_list(inputs.waiting_list_now, inputs.waiting_list_by_weeks, weekly_demand)
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
    mc = (
        uncertainty.run(
            inputs, in_post_vec, as_of, runs=runs, seed=seed, hold_establishment=hold_establishment
        )
        if runs > 0
        else None
    )
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
            f"{round(p.waiting.list_growth_per_week, 1) + 0.0:+.1f}",  # no -0.0
            f"{list(p.wte_to_hold_target.values())[-1]:.1f}" if p.wte_to_hold_target else "",
            "not run" if u is None else f"{u.probability_wait_target:.0%}",
            "not run" if u is None else f"{u.completion_range[0]:.0%} to {u.completion_range[1]:.0%}",
            f"{p.requirement.supervision_ratio:.2f}",
            f"{t.wait}; {t.completion} complete",
        ]
    return pd.DataFrame(cols, index=pd.Index(measures, name="measure"))
