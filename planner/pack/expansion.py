"""The expansion part of the business-case pack: gaps, trajectory, parameters and the five model charts.

From :func:`planner.projection.project` and :mod:`planner.charts_expansion`, the same functions as the
Expansion page and ``planner project``, so the pack and the page agree. Every table is an aggregate.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from planner.captions import words
from planner.charts import expansion as ce
from planner.expansion.projection import Projection, project, targets
from planner.expansion.scenario import STATUS_LABELS, Scenario, groups
from planner.pack.parts import GAP_PEOPLE, PackChart, Part
from planner.vocab import function_label

__all__ = ["CHART_NAMES", "assumptions_table", "expansion_part", "parameters_table"]

#: :func:`planner.charts_expansion.all_figures` key → (file stem, title) of each expansion chart.
CHART_NAMES: dict[str, tuple[str, str]] = {
    "required": ("required-vs-in-post", "Required and in-post WTE by band"),
    "gap": ("gap-trajectory", "Gap trajectory by band"),
    "waiting": ("waiting-list", "Waiting list and share starting within 90 days"),
    "cost": ("cost-per-year", "Employer cost per year"),
    "fan": ("uncertainty-fan", "Uncertainty of the gap (Monte Carlo fan chart)"),
}


def parameters_table(scenario: Scenario) -> pd.DataFrame:
    """Every scenario parameter: value, unit, status, source, and whether it is an assumption (and why)."""
    names = groups()
    rows = []
    for p in scenario.parameters.values():
        value = p.value
        if isinstance(value, dict):
            value = "; ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif value is None:
            value = "(empty)"
        rows.append(
            {
                "Group": names.get(p.group, p.group),
                "Parameter": p.display_label(),
                "Name": p.name,
                "Value": value,
                "Unit": p.unit,
                "Status": STATUS_LABELS[p.status],
                "Assumption": "yes" if p.is_assumption else "no",
                "Source": p.source or ("none" if p.is_assumption else ""),
                "Why (assumptions) or working": (p.assumption if p.is_assumption else p.note) or "",
            }
        )
    return pd.DataFrame(rows)


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


def _gap_rows(p: Projection) -> pd.DataFrame:
    b = p.gap_by_band
    b = b[(b["required_wte"] > 1e-9) | (b["in_post_wte"] > 1e-9)]
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
    f = p.gap_by_function
    func = pd.DataFrame(
        {
            "By": "Function",
            "Category": [function_label(x) for x in f["function"]],
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
    return out


def expansion_part(
    scenario: Scenario,
    model_staff: pd.DataFrame | None,
    *,
    as_of: date,
    runs: int,
    seed: int,
    roster_name: str | None,
) -> tuple[Projection, Part]:
    """The expansion model for the scenario and team: gaps, trajectory, parameters and five charts.

    Args:
        scenario: the scenario (parameters with their sources).
        model_staff: ``staff_id``, ``band``, ``wte``, ``function`` of the team (no names), or None.
        as_of: the model date.
        runs: Monte Carlo runs (0 skips the Monte Carlo and its fan chart).
        seed: Monte Carlo seed.
        roster_name: the roster's display name.

    Returns:
        The projection and its part of the pack.
    """
    p = project(scenario, model_staff, as_of=as_of, runs=runs, seed=seed, roster_name=roster_name)
    target = p.trajectory.years[-1]
    last = p.trajectory.summary.iloc[-1]
    u = p.uncertainty
    typical = p.in_post.typical_wte if p.in_post else p.inputs.typical_wte
    gap_now = float(p.gap_by_band["gap_wte"].sum())
    figures = ce.all_figures(p)
    charts = [
        PackChart(CHART_NAMES[k][0], CHART_NAMES[k][1], caption, fig)
        for k, (fig, caption) in figures.items()
        if not (k == "fan" and u is None)
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
        (f"Required cost {target}", words.money(float(last["required_cost"])), figures["cost"][1]),
        (f"Starters within 90 days, {target}", words.pct(wait_share), figures["waiting"][1]),
        (
            f"Chance of {targets(p.inputs).wait}, {target}",
            "not run" if u is None else words.pct(u.probability_wait_target),
            "not run" if u is None else f"{u.runs:,} Monte Carlo runs, seed {u.seed}. {figures['fan'][1]}",
        ),
        (
            f"Chance of {targets(p.inputs).completion} completion (from the drop-out range alone)",
            "not run" if u is None else words.pct(u.probability_completion_target),
            "",
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
        notes_trajectory.append(figures["fan"][1])
    findings = [figures[k][1] for k in ("required", "gap", "waiting", "cost")]
    if u is not None:
        findings.append(figures["fan"][1])
    return p, Part(
        key_figures=key,
        findings=findings,
        tables={"Gaps": _gap_rows(p), "Trajectory": _trajectory(p), "Parameters": parameters_table(scenario)},
        notes={
            "Gaps": notes_gaps,
            "Trajectory": notes_trajectory,
            "Parameters": [
                "Assumption = yes marks every figure without a readable primary source; "
                "its reason is in the last column.",
                "Defaults: data/parameters/expansion.yaml; scenario overrides: data/scenarios/.",
            ],
        },
        charts=charts,
    )
