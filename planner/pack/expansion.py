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
from planner.expansion.parameter import Parameter
from planner.expansion.projection import Projection, targets
from planner.expansion.scenario import Scenario
from planner.expansion.words import value_words
from planner.pack.parts import SHORTFALL, PackChart, Part
from planner.pack.sources import cite, readable
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
from planner.vocab import COLUMN_LABELS

__all__ = ["assumptions_table", "expansion_part", "gap_rows", "parameters_sheet"]


#: A choice's value in words (the data file holds the short code the model reads).
_CHOICE_WORDS = {
    ("pay_point", "entry"): "the entry pay point of each band",
    ("pay_point", "mid"): "the middle pay point of each band",
    ("pay_point", "top"): "the top pay point of each band",
    ("pension_basis", "employer"): "the employer rate paid locally (14.38%)",
    ("pension_basis", "full"): "the full rate, with the centrally funded part (23.78%)",
}


def _words(p: Parameter, v: Any) -> str:
    """:func:`planner.expansion.words.value_words`, with a choice's code written out."""
    return _CHOICE_WORDS.get((p.name, str(v)), value_words(p, v))


def _cell(p: Parameter) -> Any:
    """A parameter's value as the workbook shows it: a number stays a number, anything else in words."""
    v = p.value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    return _words(p, v)


def _source(p: Parameter) -> str:
    """The readable citation, or "assumption" and why (with the citation it was read beside, if any)."""
    cited = cite(p.source)
    if not p.is_assumption:
        working = readable(p.note)
        if working and cited:
            return f"{working} Source: {cited}"
        return working or cited or "derived in the model"
    why = f"Assumption: {readable(p.assumption)}" if p.assumption else "Assumption."
    return f"{why} Read beside: {cited}" if cited else why


def parameters_sheet(scenario: Scenario) -> pd.DataFrame:
    """Every scenario parameter in words: value, unit, status, whether it is an assumption, its source.

    The rows of :func:`planner.views.expansion.parameter_rows`; the source is a readable citation from
    ``data/sources.yaml`` (:func:`planner.pack.sources.cite`), or the word "Assumption" and why.
    """
    r = parameter_rows(scenario)
    params = [scenario.parameters[n] for n in r["name"]]
    return pd.DataFrame(
        {
            "Group": r["group"].tolist(),
            "Parameter": r["label"].tolist(),
            "Value": [_cell(p) for p in params],
            "Value in words": [_words(p, p.value) for p in params],
            "Unit": [p.unit if not isinstance(p.value, dict) else "" for p in params],
            "Status": r["status"].tolist(),
            "Assumption": ["yes" if p.is_assumption else "no" for p in params],
            "Source, or why it is an assumption": [_source(p) for p in params],
        }
    )


def assumptions_table(scenario: Scenario) -> pd.DataFrame:
    """The assumptions and sources for the Word document: every parameter in words with its citation."""
    return pd.DataFrame(
        [
            {
                "Parameter": p.label,
                "Value": _words(p, p.value),
                "Source, or why it is an assumption": _source(p),
            }
            for p in scenario.parameters.values()
        ],
        columns=["Parameter", "Value", "Source, or why it is an assumption"],
    )


def gap_rows(p: Projection) -> pd.DataFrame:
    """The Gaps sheet: :func:`band_gaps` then :func:`function_gaps`, one table with a ``By`` column.

    Columns are named by :data:`planner.vocab.COLUMN_LABELS`, as on the Expansion page, with the band or
    function in ``Category``; costs are for bands only.
    """
    names = {k: v for k, v in COLUMN_LABELS.items() if k != "label"}
    b = band_gaps(p)
    band = b[list(names)].rename(columns=names).reset_index(drop=True)
    band.insert(0, "Category", b["label"].to_numpy())
    band.insert(0, "By", "Band")
    f = function_gaps(p)
    cols = ["required_wte", "in_post_wte", "gap_wte", "gap_people"]
    func = f[cols].rename(columns=names).reset_index(drop=True)
    func.insert(0, "Category", f["label"].tolist())
    func.insert(0, "By", "Function")
    return pd.concat([band, func], ignore_index=True)


_SHORT_NOTE = "Band shortfalls add up only the bands short of their requirement: a surplus in one band does not fill another."


def _sensitivity(p: Projection) -> pd.DataFrame:
    """The tornado table with each input's low and high in its own unit ("1% of the population")."""
    out = sensitivity_table(p)
    params = p.scenario.parameters
    for column, end in (("Low", "low"), ("High", "high")):
        out[column] = [
            _words(params[s.parameter], getattr(s, end)) if s.parameter in params else f"{getattr(s, end):g}"
            for s in p.sensitivity
        ]
    return out


def _net_and_short(net: float, short: float) -> str:
    """A net gap with the bands' shortfalls beside it: "+7.0 WTE net; 8.8 WTE of band shortfalls"."""
    return f"{net:+.1f} WTE net; {short:.1f} WTE of band shortfalls"


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
            SHORTFALL: s["shortfall_wte"].to_numpy(dtype=float),
            "Required cost (£ a year)": s["required_cost"].to_numpy(dtype=float),
            "In post cost (£ a year)": s["in_post_cost"].to_numpy(dtype=float),
        }
    )
    share = p.wait_share["p50"]  # the same runs as the chance below
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
    short_now = float(p.gap_by_band["gap_wte"].clip(lower=0.0).sum())
    figures = ce.all_figures(p)
    charts = [
        PackChart(CHART_NAMES[k][0], CHART_NAMES[k][1], caption, fig)
        for k, (fig, caption) in figures.items()
        if not (k in ("fan", "required_fan", "wait_fan") and u is None)
        and not (k == "tornado" and not p.sensitivity)
    ]
    wait_share = float(p.wait_share["p50"].iloc[-1])
    key = [
        ("Scenario", p.scenario.title, readable(p.scenario.description)),
        ("Required WTE now", f"{p.requirement.total:.1f}", figures["required"][1]),
        ("In post WTE now", "–" if p.in_post is None else f"{p.in_post.total:.1f}", ""),
        (
            "Gap now (required − in post)",
            "no team loaded" if p.in_post is None else _net_and_short(gap_now, short_now),
            f"Positive means short of the requirement; in people at the team's typical {typical:.1f} WTE: "
            f"{gap_now / typical:+.1f}. {_SHORT_NOTE}",
        ),
        (
            f"Gap at the end of {target}",
            _net_and_short(float(last["gap_wte"]), float(last["shortfall_wte"])),
            figures["gap"][1],
        ),
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
            **({"Sensitivity": _sensitivity(p)} if p.sensitivity else {}),
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
                "Values are the model's sourced defaults with this scenario's changes; the scenario file "
                "in the pack holds the changes.",
            ],
        },
        charts=charts,
    )
