"""The expansion part of the business-case pack: gaps, trajectory, parameters and the model's charts.

From a :class:`planner.expansion.projection.Projection` through the Expansion page's own rows
(:func:`planner.views.expansion.parameter_rows`, :func:`~planner.views.expansion.band_gaps`,
:func:`~planner.views.expansion.function_gaps`) and charts (:mod:`planner.charts.expansion`); this
module only selects and renames their columns, so the pack and the page agree by construction. Every
table is an aggregate.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.captions import words
from planner.charts import expansion as ce
from planner.expansion.projection import Projection, targets
from planner.expansion.scenario import Scenario
from planner.pack.parts import GAP_PEOPLE, PackChart, Part
from planner.views.expansion import (
    CHART_NAMES,
    VERDICTS,
    band_gaps,
    costs_table,
    function_gaps,
    headline,
    parameter_rows,
    sensitivity_table,
    waiting_table,
)

__all__ = ["assumptions_table", "expansion_part", "gap_rows", "parameters_sheet"]


def _cell(value: Any) -> Any:
    """A parameter's value as the workbook shows it: yes / no, ``(empty)``, or the value itself."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "(empty)" if value is None else value


def parameters_sheet(scenario: Scenario) -> pd.DataFrame:
    """Every scenario parameter: value, unit, status, source, and whether it is an assumption (and why).

    :func:`planner.views.expansion.parameter_rows` with the pack's columns: an ``Assumption`` yes / no
    column, the source as written (``none`` for an assumption without one) and the reason or working.
    """
    r = parameter_rows(scenario)
    flags = r["is_assumption"].tolist()
    return pd.DataFrame(
        {
            "Group": r["group"].tolist(),
            "Parameter": r["label"].tolist(),
            "Name": r["name"].tolist(),
            "Value": [_cell(v) for v in r["value"]],
            "Unit": r["unit"].tolist(),
            "Status": r["status"].tolist(),
            "Assumption": ["yes" if a else "no" for a in flags],
            "Source": [src or ("none" if a else "") for a, src in zip(flags, r["source"], strict=True)],
            "Why (assumptions) or working": [
                (why if a else note) or ""
                for a, why, note in zip(flags, r["assumption"], r["note"], strict=True)
            ],
        }
    )


def assumptions_table(scenario: Scenario) -> pd.DataFrame:
    """The parameters that are assumptions: the value with its unit, and why (for the Word document)."""
    rows = []
    for p in scenario.parameters.values():
        if not p.is_assumption:
            continue
        value = p.value
        if isinstance(value, dict):
            value = "; ".join(f"{k}: {v}" for k, v in value.items())
        rows.append(
            {
                "Parameter": p.label,
                "Value": "(empty)" if value is None else f"{value} ({p.unit})",
                "Why": p.assumption or "",
            }
        )
    return pd.DataFrame(rows, columns=["Parameter", "Value", "Why"])


def gap_rows(p: Projection) -> pd.DataFrame:
    """The Gaps sheet: :func:`band_gaps` then :func:`function_gaps`, one table with a ``By`` column.

    Renamed for the pack: ``label`` → ``Category``, ``required_wte`` → ``Required WTE``, ``in_post_wte``
    → ``In post WTE``, ``gap_wte`` → ``Gap WTE``, ``gap_people`` → :data:`GAP_PEOPLE`, and for bands
    ``required_cost`` / ``in_post_cost`` → ``Required cost (£ a year)`` / ``In post cost (£ a year)``.
    """
    b = band_gaps(p)
    band = pd.DataFrame(
        {
            "By": "Band",
            "Category": b["label"].to_numpy(),
            "Required WTE": b["required_wte"].to_numpy(),
            "In post WTE": b["in_post_wte"].to_numpy(),
            "Gap WTE": b["gap_wte"].to_numpy(),
            GAP_PEOPLE: b["gap_people"].to_numpy(),
            "Required cost (£ a year)": b["required_cost"].to_numpy(),
            "In post cost (£ a year)": b["in_post_cost"].to_numpy(),
        }
    )
    f = function_gaps(p)
    func = pd.DataFrame(
        {
            "By": "Function",
            "Category": f["label"].tolist(),
            "Required WTE": f["required_wte"].to_numpy(),
            "In post WTE": f["in_post_wte"].to_numpy(),
            "Gap WTE": f["gap_wte"].to_numpy(),
            GAP_PEOPLE: f["gap_people"].to_numpy(),
        }
    )
    return pd.concat([band, func], ignore_index=True)


def _trajectory(p: Projection) -> pd.DataFrame:
    s = p.trajectory.summary
    out = pd.DataFrame(
        {
            "Year": s["year"].astype(str).to_numpy(),
            "Referrals": s["referrals"].to_numpy(dtype=float),
            "Starts": s["starts"].to_numpy(dtype=float),
            "Required WTE": s["required_wte"].to_numpy(dtype=float),
            "In post WTE": s["in_post_wte"].to_numpy(dtype=float),
            "Gap WTE": s["gap_wte"].to_numpy(dtype=float),
            "Required cost (£ a year)": s["required_cost"].to_numpy(dtype=float),
            "In post cost (£ a year)": s["in_post_cost"].to_numpy(dtype=float),
        }
    )
    share = p.waiting.share_by_year
    out["Share starting within 90 days"] = [float(share.get(y, float("nan"))) for y in out["Year"]]
    u = p.uncertainty
    if u is not None:
        gap = u.percentiles["gap_wte"]
        for col, name in (("p5", "5th percentile"), ("p50", "median"), ("p95", "95th percentile")):
            out[f"Gap WTE, {name} of runs"] = [float(gap[col].get(y, float("nan"))) for y in out["Year"]]
        chance = u.probability_by_year
        out[f"Chance of {targets(p.inputs).wait}"] = [float(chance.get(y, float("nan"))) for y in out["Year"]]
    return out


def expansion_part(p: Projection) -> Part:
    """The expansion model's part of the pack: gaps, trajectory, parameters and the charts.

    Args:
        p: the model run for the scenario and team (:func:`planner.expansion.projection.project`);
            its scenario gives the Parameters sheet.

    Returns:
        Key figures, the Gaps, Trajectory and Parameters tables with their notes, and the charts.
    """
    target = p.trajectory.years[-1]
    last = p.trajectory.summary.iloc[-1]
    u = p.uncertainty
    typical = p.in_post.typical_wte if p.in_post else p.inputs.typical_wte
    gap_now = float(p.gap_by_band["gap_wte"].sum())
    figures = ce.all_figures(p)
    charts = [
        PackChart(CHART_NAMES[k][0], CHART_NAMES[k][1], caption, fig)
        for k, (fig, caption) in figures.items()
        if not (k in ("fan", "required_fan", "wait_fan") and u is None)
        and not (k == "tornado" and not p.sensitivity)
    ]
    wait_share = float(p.waiting.share_by_year.iloc[-1])
    key = [
        ("Scenario", p.scenario.title, " ".join(p.scenario.description.split())),
        ("Required WTE now", f"{p.requirement.total:.1f}", figures["required"][1]),
        ("In post WTE now", "–" if p.in_post is None else f"{p.in_post.total:.1f}", ""),
        (
            "Gap now (required − in post)",
            "no team loaded" if p.in_post is None else f"{gap_now:+.1f} WTE",
            f"Positive means short of the requirement; in people at the team's typical {typical:.1f} WTE: "
            f"{gap_now / typical:+.1f}.",
        ),
        (f"Gap at the end of {target}", f"{float(last['gap_wte']):+.1f} WTE", figures["gap"][1]),
        *[(label, value, "") for label, value in headline(p)[1:2]],
        (
            "Spend over the period",
            "" if p.costs is None else words.money(p.costs.total_over_period),
            figures["cost"][1],
        ),
        (f"Starters within 90 days, {target}", words.pct(wait_share), figures["waiting"][1]),
        (
            f"{targets(p.inputs).wait.capitalize()}: verdict to {target}",
            VERDICTS[p.waiting.verdict],
            f"Capacity is {p.waiting.capacity_to_demand:.2f} of demand at the horizon; the list changes by "
            f"{p.waiting.list_growth_per_week:+.1f} a week.",
        ),
        (
            f"Chance of {targets(p.inputs).wait}, {target}",
            "not run" if u is None else words.pct(u.probability_wait_target),
            "not run" if u is None else f"{u.runs:,} Monte Carlo runs, seed {u.seed}. {figures['fan'][1]}",
        ),
        (
            f"Completion against the {targets(p.inputs).completion} target",
            "not run" if u is None else f"{u.completion_range[0]:.0%} to {u.completion_range[1]:.0%}",
            "The range the drop-out inputs imply; no workforce lever in the model changes it.",
        ),
    ]
    notes_gaps = [
        figures["required"][1],
        "Gap = required − in post: positive means short of the requirement, negative means above it.",
        f"People at the team's typical (median) WTE per person: {typical:.2f}.",
        "For functions, a 'delivering and managing' post counts first towards the leadership requirement.",
        *p.warnings,
    ]
    notes_trajectory = [
        figures["gap"][1],
        figures["cost"][1],
        figures["waiting"][1],
        "Year-end in post on 31 March; a year's cost is the employer cost of the average in-post WTE.",
    ]
    if u is not None:
        notes_trajectory += [figures["fan"][1], figures["wait_fan"][1]]
    findings = [figures[k][1] for k in ("required", "gap", "waiting", "cost")]
    if u is not None:
        findings.append(figures["fan"][1])
    return Part(
        key_figures=key,
        findings=findings,
        tables={
            "Gaps": gap_rows(p),
            "Trajectory": _trajectory(p),
            "Waiting": waiting_table(p),
            "Costs": costs_table(p),
            **({"Sensitivity": sensitivity_table(p)} if p.sensitivity else {}),
            "Parameters": parameters_sheet(p.scenario),
        },
        notes={
            "Gaps": notes_gaps,
            "Trajectory": notes_trajectory,
            "Waiting": [figures["waiting"][1], p.waiting.starting_list.note],
            "Costs": [figures["cost"][1], *([p.costs.basis] if p.costs else [])],
            "Sensitivity": [figures["tornado"][1]],
            "Parameters": [
                "Assumption = yes marks every figure without a readable primary source; "
                "its reason is in the last column.",
                "Defaults: data/parameters/expansion.yaml; scenario overrides: data/scenarios/.",
            ],
        },
        charts=charts,
    )
