"""The options appraisal and the ask of the business case: do nothing beside each compared scenario.

Each option is one model run (:func:`planner.expansion.projection.project`) with the same team, date,
runs and seed. :func:`options_table` sets them side by side with the figures a board compares;
:func:`the_ask` states the model's finding: of the options whose chance of meeting the waiting-time
target in the target year is at least a threshold, the one with the lowest whole-period cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd

from planner.captions import words
from planner.expansion.optimise_option import least_cost_scenario
from planner.expansion.projection import Projection, project, targets
from planner.expansion.scenario import Scenario, list_scenarios, load_scenario
from planner.expansion.waiting import VERDICT_WORDS

__all__ = [
    "DEFAULT_THRESHOLD",
    "DO_NOTHING",
    "LEVERS",
    "OPTION_COLUMNS",
    "against_demand",
    "main_risks",
    "option_runs",
    "options_table",
    "the_ask",
]

#: The chance of meeting the waiting-time target in the target year an option needs to be recommended
#: (a setting; 80% by default, our interpretation of "likely" for a board).
DEFAULT_THRESHOLD = 0.8
#: What the status quo is called in the appraisal.
DO_NOTHING = "Do nothing (status quo)"
OPTION_COLUMNS: tuple[str, ...] = (
    "Option",
    "Target year",
    "Required WTE, target year",
    "Funded WTE, target year",
    "Cost in the target year (£)",
    "Whole-period cost (£)",
    "Waiting-time target",
    "Chance of meeting it, target year",
    "Main risks",
)
_STATUS_QUO = "status_quo"  # the stock scenario whose levers are today's: do nothing
_SMALL = 0.05  # WTE: below this a gap or shortfall is rounding, not a risk


def main_risks(p: Projection, threshold: float = DEFAULT_THRESHOLD) -> str:
    """The option's main risks in words, from its own figures (an empty list says so)."""
    last = p.trajectory.summary.iloc[-1]
    year = str(last["year"])
    risks = []
    u = p.uncertainty
    if u is not None and u.probability_wait_target < threshold:
        risks.append(
            f"only a {words.pct(u.probability_wait_target)} chance of meeting {targets(p.inputs).wait} in {year}"
        )
    if p.waiting.verdict != "holds":
        risks.append(f"the waiting-time target is {VERDICT_WORDS[p.waiting.verdict]}")
    if p.waiting.list_growth_per_week > 0.5:
        risks.append(f"the waiting list grows by {p.waiting.list_growth_per_week:,.1f} a week")
    if float(last["gap_wte"]) > _SMALL:
        risks.append(f"{float(last['gap_wte']):.1f} WTE still to recruit at the end of {year}")
    if float(last["shortfall_wte"]) > _SMALL:
        risks.append(
            f"the bands short of their requirement by {float(last['shortfall_wte']):.1f} WTE in all at the "
            f"end of {year} (a surplus in one band does not cover another)"
        )
    risks += _figure_risks(p)
    if not risks:
        return "No risk shows in the model's figures; its assumptions still apply."
    text = "; ".join(risks)
    return text[0].upper() + text[1:] + "."


def _figure_risks(p: Projection) -> list[str]:
    """Risks read from the option's spread, band gaps and sensitivity (issue 12, review finding 2)."""
    out: list[str] = []
    last = p.trajectory.summary.iloc[-1]
    year, funded = str(last["year"]), float(last["funded_wte"])
    u = p.uncertainty
    if u is not None and "required_wte" in u.percentiles:
        high = float(u.percentiles["required_wte"]["p95"].iloc[-1])
        if high > funded + _SMALL:
            out.append(
                f"the requirement may reach {high:.1f} WTE in {year} (the top of its 90% range), "
                f"above the {funded:.1f} WTE funded"
            )
    shortfall = float(p.gap_by_band["gap_wte"].clip(lower=0.0).sum())
    if shortfall > _SMALL:
        out.append(f"today the bands are {shortfall:.1f} WTE short of their requirement in all")
    if p.sensitivity:
        top = max(p.sensitivity, key=lambda s: s.swing)
        label = top.label if top.label[1:2].isupper() else top.label[0].lower() + top.label[1:]
        out.append(
            f"the key assumption is {label}: over its plausible range the "
            f"requirement moves by {top.swing:.1f} WTE"
        )
    return out


def options_table(
    options: Sequence[Projection], *, do_nothing: str = "status_quo", threshold: float = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """One row per option: required and funded WTE, costs, the waiting verdict and its chance, the risks.

    Args:
        options: the model runs, do nothing first; each row takes its scenario's title.
        do_nothing: the scenario name shown as :data:`DO_NOTHING`.
        threshold: the chance below which the risks name the waiting-time target.

    Returns:
        :data:`OPTION_COLUMNS`; the chance is a fraction (``nan`` when the Monte Carlo was not run).
    """
    rows = []
    for p in options:
        last = p.trajectory.summary.iloc[-1]
        costs = p.costs.by_year if p.costs is not None else None
        rows.append(
            {
                "Option": DO_NOTHING if p.scenario.name == do_nothing else p.scenario.title,
                "Target year": str(last["year"]),
                "Required WTE, target year": float(last["required_wte"]),
                "Funded WTE, target year": float(last["funded_wte"]),
                "Cost in the target year (£)": float(costs["in_year"].iloc[-1]) if costs is not None else 0.0,
                "Whole-period cost (£)": float(p.costs.total_over_period) if p.costs is not None else 0.0,
                "Waiting-time target": VERDICT_WORDS[p.waiting.verdict],
                "Chance of meeting it, target year": (
                    float(p.uncertainty.probability_wait_target)
                    if p.uncertainty is not None
                    else float("nan")
                ),
                "Main risks": main_risks(p, threshold),
            }
        )
    return pd.DataFrame(rows, columns=list(OPTION_COLUMNS))


def the_ask(
    table: pd.DataFrame, *, threshold: float = DEFAULT_THRESHOLD, wait: str, price_base: str
) -> list[str]:
    """What is asked, stated as the model's finding, from :func:`options_table`.

    Args:
        table: the options appraisal.
        threshold: the chance of meeting the waiting-time target an option needs.
        wait: the target in words ("85% starting within 90 days").
        price_base: the costs' price base in words ("2025/26 prices").

    Returns:
        Paragraphs: the finding, then how it was reached.
    """
    chance = table["Chance of meeting it, target year"]
    n = len(table)
    how = (
        f"How this was reached: of the {n} options, those with a chance of at least {words.pct(threshold)} "
        f"(the threshold, a setting) of meeting {wait} in their target year were kept, and of those the one with "
        "the lowest whole-period cost is named. This is the model's finding, not a decision; the "
        "threshold is our interpretation of a likely outcome."
    )
    if chance.isna().all():
        return [
            "The model cannot name an option: the Monte Carlo was not run, so no option has a chance of "
            f"meeting {wait}.",
            how,
        ]
    kept = table[chance >= threshold]
    if kept.empty:
        best = table.loc[chance.idxmax()]
        return [
            f"None of the {n} options reaches a chance of {words.pct(threshold)} of meeting {wait} in its target "
            f"year. The highest is {words.pct(float(best['Chance of meeting it, target year']))}, for "
            f"{best['Option']}. The model does not support asking for any of these options as they "
            "stand: more capacity, or a later target year, is needed.",
            how,
        ]
    pick = kept.loc[kept["Whole-period cost (£)"].idxmin()]
    what = (
        "no new investment: doing nothing (the status quo) is"
        if pick["Option"] == DO_NOTHING
        else f"fund {pick['Option']}. It is"
    )
    return [
        f"The ask: {what} the lowest-cost option with a chance of at least {words.pct(threshold)} of "
        f"meeting {wait} in {pick['Target year']} "
        f"({words.pct(float(pick['Chance of meeting it, target year']))}): "
        f"{words.money(float(pick['Whole-period cost (£)']))} over the period at {price_base}, with "
        f"{float(pick['Required WTE, target year']):.1f} WTE required and "
        f"{float(pick['Funded WTE, target year']):.1f} WTE funded in {pick['Target year']}."
        + _beside_do_nothing(table, pick),
        how,
    ]


def _beside_do_nothing(table: pd.DataFrame, pick: pd.Series) -> str:
    """The cost beside doing nothing ("That is £X more over the period…"), when the pick is another option."""
    base = table[table["Option"] == DO_NOTHING]
    if base.empty or pick["Option"] == DO_NOTHING:
        return ""
    diff = float(pick["Whole-period cost (£)"]) - float(base["Whole-period cost (£)"].iloc[0])
    more = "more" if diff >= 0 else "less"
    return f" That is {words.money(abs(diff))} {more} over the period than doing nothing."


#: Our interpretation of what an option may change: the service's response to demand (its programme,
#: staffing ratios, skill mix and training pipeline). Every other parameter describes the place and its
#: demand (population, prevalence, referral-rate path and target year, uptake, the waiting list now and
#: its targets, terms of employment, turnover and recruitment, pay, uncertainty) and is taken from the
#: pack's own scenario for every option, so that all options face the same demand.
LEVERS: frozenset[str] = frozenset(
    {
        "programme_weeks",
        "sessions_per_week",
        "service_weeks_per_year",
        "class_size",
        "exercise_minutes",
        "education_minutes",
        "prep_travel_minutes",
        "initial_assessment_minutes",
        "discharge_assessment_minutes",
        "objective_measures_share",
        "admin_hours_per_patient",
        "patients_per_staff",
        "min_staff_per_class",
        "supervision_hours_per_supporting_wte",
        "max_supporting_per_registered",
        "leadership_share",
        "leadership_min_wte",
        "band7_to_band4_shift",
        "allocation",
        "trainees_per_year",
        "training_months",
    }
)


def against_demand(stock: Scenario, pack: Scenario) -> Scenario:
    """The stock scenario's levers (:data:`LEVERS`) with the pack scenario's demand and place (the rest)."""
    params = {n: (stock.parameters[n] if n in LEVERS else p) for n, p in pack.parameters.items()}
    overrides = {n: v for n, v in stock.overrides.items() if n.partition(".")[0] in LEVERS}
    overrides |= {n: v for n, v in pack.overrides.items() if n.partition(".")[0] not in LEVERS}
    return Scenario(stock.name, stock.title, stock.description, params, overrides, pack.warnings)


def _edited(pack: Scenario, names: Sequence[str]) -> bool:
    """Whether the pack's scenario differs from the stock scenario of its name (or is none of them)."""
    return pack.name not in names or load_scenario(pack.name).values() != pack.values()


def option_runs(
    main: Projection,
    staff: pd.DataFrame | None,
    *,
    as_of: date,
    runs: int,
    seed: int,
    names: Sequence[str] | None = None,
    least_cost: bool = False,
) -> list[Projection]:
    """Do nothing, each stock scenario, and the pack's own scenario when it is none of them: one run each.

    Every option faces the pack scenario's demand and place (:func:`against_demand`); it differs only in
    its levers (:data:`LEVERS`). Do nothing is the status quo's levers with the establishment held at
    today's (no growth) against that demand. An edited pack scenario is titled "<title> (edited)".

    Args:
        main: the pack's own run (reused, not run again, when a stock scenario has the same values).
        staff: the team the pack was built for (:func:`planner.views.expansion.model_staff`).
        as_of: the model date, as the pack's own run (so the options differ only in their scenario).
        runs: Monte Carlo runs, as the pack's own run.
        seed: Monte Carlo seed, as the pack's own run.
        names: the stock scenarios; default: :func:`planner.expansion.scenario.list_scenarios`, status
            quo first.
        least_cost: add the least-cost mix of the pack's scenario as the last option
            (:func:`planner.expansion.optimise_option.least_cost_scenario`), when one can be found.

    Returns:
        The runs, do nothing first and the pack's scenario last when it is not a stock one. The others
        skip the sensitivity, which the appraisal does not show.
    """
    out: list[Projection] = []
    stock_names = list(names if names is not None else list_scenarios())
    edited = _edited(main.scenario, stock_names)
    if edited and not main.scenario.title.endswith("(edited)"):  # shown once, whoever edited it
        main = replace(main, scenario=replace(main.scenario, title=f"{main.scenario.title} (edited)"))
    matched = False
    for name in stock_names:
        scenario = against_demand(load_scenario(name), main.scenario)
        # the Expansion page names its edits "<stock>_edited": they stand in that stock scenario's row,
        # except an edited status quo, which keeps a row of its own beside do nothing
        own = main.scenario.name if name == _STATUS_QUO else main.scenario.name.removesuffix("_edited")
        same = scenario.values() == main.scenario.values() and name == own
        if same and not matched:
            matched = True
            if name != _STATUS_QUO:
                out.append(main)
                continue
        hold = name == _STATUS_QUO  # do nothing: today's establishment, no growth
        out.append(
            project(
                scenario,
                staff,
                as_of=as_of,
                runs=runs,
                seed=seed,
                with_sensitivity=False,
                hold_establishment=hold,
            )
        )
    if not matched:
        out.append(main)
    if least_cost:
        cheapest, _ = least_cost_scenario(main.scenario)
        if cheapest is not None:
            out.append(project(cheapest, staff, as_of=as_of, runs=runs, seed=seed, with_sensitivity=False))
    return out
