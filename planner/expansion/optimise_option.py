"""The least-cost mix as an option of the options appraisal: a scenario whose allocation is the optimiser's.

:func:`least_cost_scenario` solves the least-cost mix for a scenario's demand
(:func:`planner.expansion.optimise.optimise`, the data file's default rules) and returns the same
scenario with each activity's hours shared among bands as the optimal mix shares them (and no band 7
to band 4 shift, which the optimiser has already made where it pays). The expansion model then runs it
like any other option, so its required WTE, waiting list and costs sit beside the others. The model
counts WTE without whole posts, so the option's cost can sit a little under the optimiser's own.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from planner.expansion.optimise import OptimalMix, OptimiseError, Settings, optimise
from planner.expansion.scenario import ParameterError, Scenario

#: The option's name and title in the appraisal.
LEAST_COST_NAME = "least_cost"
LEAST_COST_TITLE = "Least-cost mix (optimiser)"
#: What the option is, in words for the page and the pack.
LEAST_COST_NOTE = (
    f"'{LEAST_COST_TITLE}' is the scenario with each activity's hours shared among bands as the "
    "cheapest mix that keeps every rule shares them (the Skill mix page shows it and what each rule costs; "
    "most limits are assumptions)."
)


def optimal_allocation(mix: OptimalMix, fallback: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Each activity's band shares in the optimal mix (``fallback``'s shares for an activity with no hours).

    Shares are rounded to six places and the largest takes the rounding, so each activity sums to 1.
    """
    out: dict[str, dict[str, float]] = {}
    for activity, row in mix.hours.iterrows():
        total = float(row.sum())
        if total <= 0:
            out[str(activity)] = dict(fallback[str(activity)])
            continue
        shares = {str(b): round(float(h) / total, 6) for b, h in row.items() if h / total >= 1e-6}
        top = max(shares, key=lambda b: shares[b])
        shares[top] = round(shares[top] + 1.0 - sum(shares.values()), 6)
        out[str(activity)] = shares
    return out


def least_cost_scenario(
    scenario: Scenario, in_post: pd.Series | None = None, settings: Settings | None = None
) -> tuple[Scenario | None, str | None]:
    """The scenario with the least-cost mix's allocation, or None and the reason in words.

    Args:
        scenario: the scenario whose demand and levers the option keeps.
        in_post: WTE in post by band (the floor when ``settings.floor``), or None.
        settings: the optimiser's settings; the data file's defaults when not given.
    """
    try:
        mix = optimise(scenario.inputs(), settings, in_post=in_post, with_rule_costs=False)
        fallback = {a: dict(s) for a, s in scenario.parameters["allocation"].value.items()}
        edited = scenario.with_overrides(
            allocation=optimal_allocation(mix, fallback), band7_to_band4_shift=0.0
        )
    except (OptimiseError, ParameterError) as exc:
        return None, f"The least-cost mix is not an option here: {exc}"
    return replace(edited, name=LEAST_COST_NAME, title=LEAST_COST_TITLE), None
