"""What the Expansion page asks and shows, prepared in planner so the page only places widgets.

The parameter form (:func:`form_fields`, :func:`apply_form`) is in :mod:`planner.views.expansion_form`,
re-exported here. :func:`form_fields` turns each parameter into a widget description (kind, override name, keyword
arguments with the label, the "(assumption)" marker, the source in ``help=`` and the allowed range);
:func:`apply_form` turns the submitted values back into a validated scenario; the table functions
give the page its parameter, gap and policy tables with readable column names.

:func:`parameter_rows`, :func:`band_gaps` and :func:`function_gaps` are the one place those tables are
built: the page formats them here, and the business-case pack reshapes the same rows
(:mod:`planner.pack.expansion`), so the two agree by construction. :func:`model_staff` is the team the
model is given; :func:`compare_scenarios` runs every scenario for the side-by-side table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from planner.expansion.projection import Projection, compare, targets
from planner.expansion.scenario import (
    STATUS_LABELS,
    Scenario,
    groups,
    list_scenarios,
    load_scenario,
)
from planner.expansion.words import value_words
from planner.ingest.read import RosterRead
from planner.reference.policy import load_policy

# The form lives in its own module; the page reads it through this one (explicit re-exports).
from planner.views.expansion_form import FILE_ONLY as FILE_ONLY
from planner.views.expansion_form import KEY_PREFIX as KEY_PREFIX
from planner.views.expansion_form import Field as Field
from planner.views.expansion_form import apply_form as apply_form
from planner.views.expansion_form import apply_form_checked as apply_form_checked
from planner.views.expansion_form import form_fields as form_fields
from planner.vocab import BANDS, COLUMN_LABELS, band_label, function_label

#: :func:`planner.charts.expansion.all_figures` key → (file stem, title) of each expansion chart.
CHART_NAMES: dict[str, tuple[str, str]] = {
    "required": ("required-vs-in-post", "Required and in-post WTE by band"),
    "gap": ("gap-trajectory", "Gap trajectory by band"),
    "waiting": ("waiting-list", "Waiting list and share starting within 90 days"),
    "cost": ("cost-per-year", "Employer cost per year"),
    "fan": ("uncertainty-fan", "Uncertainty of the gap (Monte Carlo fan chart)"),
    "required_fan": ("required-fan", "Uncertainty of the required WTE (Monte Carlo fan chart)"),
    "wait_fan": ("waiting-target-fan", "Chance of the waiting-time target by year (Monte Carlo fan chart)"),
    "tornado": ("sensitivity-tornado", "What moves the requirement most (sensitivity)"),
}


def parameter_rows(scenario: Scenario) -> pd.DataFrame:
    """Every scenario parameter, one row each, with everything the page's and the pack's tables show.

    Returns:
        Object columns, values exactly as the parameter holds them (``None`` where absent): ``group``
        (its heading), ``label``, ``name``, ``value`` (a map of values joined as ``"k: v; …"``),
        ``unit``, ``status`` (in words), ``is_assumption``, ``source``, ``source_text`` (the source, or
        ``"assumption"``), ``assumption`` (why it is one), ``note`` (the working).
    """
    heads = groups()
    rows = []
    for p in scenario.parameters.values():
        value = p.value
        if isinstance(value, dict):
            value = "; ".join(f"{k}: {v}" for k, v in value.items())
        rows.append(
            {
                "group": heads.get(p.group, p.group),
                "label": p.display_label(),
                "name": p.name,
                "value": value,
                "unit": p.unit,
                "status": STATUS_LABELS[p.status],
                "is_assumption": p.is_assumption,
                "source": p.source,
                "source_text": p.source_text(),
                "assumption": p.assumption,
                "note": p.note,
            }
        )
    return pd.DataFrame(rows, dtype=object)


def parameters_table(scenario: Scenario) -> pd.DataFrame:
    """Every parameter in words: its label, value with unit, status and source (or "Assumption" and why)."""
    r = parameter_rows(scenario)
    return pd.DataFrame(
        {
            "Group": r["group"].tolist(),
            "Parameter": r["label"].tolist(),
            "Value": [value_words(p, p.value) for p in scenario.parameters.values()],
            "Status": r["status"].tolist(),
            "Source": [
                f"Assumption: {why}" if a else text
                for a, text, why in zip(r["is_assumption"], r["source_text"], r["assumption"], strict=True)
            ],
        }
    )


def band_gaps(p: Projection) -> pd.DataFrame:
    """The gap now by band, for bands with a requirement or staff in post (the page's and the pack's rows).

    Returns:
        :attr:`Projection.gap_by_band` rows with ``required_wte`` or ``in_post_wte`` above zero, all its
        columns (``label``, ``required_wte``, ``in_post_wte``, ``gap_wte``, ``gap_people``,
        ``required_cost``, ``in_post_cost``…), unrounded.
    """
    t = p.gap_by_band
    return t[(t["required_wte"] > 1e-9) | (t["in_post_wte"] > 1e-9)]


def function_gaps(p: Projection) -> pd.DataFrame:
    """The gap now by London function, with a readable ``label`` column, unrounded."""
    t = p.gap_by_function
    return t.assign(label=[function_label(f) for f in t["function"]])


def gap_table(p: Projection) -> pd.DataFrame:
    """The gap by band for display: :func:`band_gaps` with readable columns, rounded."""
    t = band_gaps(p)
    return pd.DataFrame(
        {
            "Band": t["label"],
            "Required WTE": t["required_wte"].round(2),
            "In post WTE": t["in_post_wte"].round(2),
            "Gap WTE": t["gap_wte"].round(2),
            COLUMN_LABELS["gap_people"]: t["gap_people"].round(1),
            COLUMN_LABELS["required_cost"]: t["required_cost"].round(0),
        }
    )


def gap_closes_table(p: Projection) -> pd.DataFrame:
    """For each band with a requirement or staff: its year-end gap in each year and the year it closes."""
    t = p.trajectory.by_band
    used = t.groupby("band", sort=False)[["required_wte", "in_post_wte"]].sum().abs().sum(axis=1)
    bands = [b for b in BANDS if used.get(b, 0) > 1e-9]
    wide = t[t["band"].isin(bands)].pivot_table(index="band", columns="year", values="gap_wte", sort=False)
    wide = wide.reindex(bands).round(1)
    target = p.trajectory.years[-1]
    closes = [p.trajectory.gap_closes[b] or f"still open in {target}" for b in bands]
    out = wide.rename(columns=lambda y: f"Gap {y} (WTE)").reset_index(drop=True)
    out.insert(0, "Band", [band_label(b) for b in bands])
    out["Gap closes (and stays closed)"] = closes
    return out


def function_table(p: Projection) -> pd.DataFrame:
    """The gap by London function for display: :func:`function_gaps` with readable columns, rounded."""
    t = function_gaps(p)
    return pd.DataFrame(
        {
            "Function": t["label"].tolist(),
            "Required WTE": t["required_wte"].round(2),
            "In post WTE": t["in_post_wte"].round(2),
            "Gap WTE": t["gap_wte"].round(2),
        }
    )


def allocation_table(scenario: Scenario) -> pd.DataFrame:
    """The scenario's allocation of each activity's hours by band (shares), one row per activity."""
    policy = load_policy()
    alloc = scenario["allocation"]
    rows = []
    for activity, shares in alloc.items():
        row = {"Activity": policy.activities[activity].label}
        row |= {band_label(b): shares.get(b, 0.0) for b in BANDS if any(b in s for s in alloc.values())}
        rows.append(row)
    return pd.DataFrame(rows)


def policy_table() -> pd.DataFrame:
    """The skill-mix policy: who may do each activity, in which function, and the source's words."""
    t = load_policy().to_frame()
    return pd.DataFrame(
        {
            "Activity": t["label"],
            "Bands": t["bands"],
            "Function": [function_label(f) for f in t["function"]],
            "Needs registration": t["registered"].map({True: "yes", False: "no"}),
            "Source": t["source"],
            "Evidence": t["evidence"],
        }
    )


VERDICTS: dict[str, str] = {
    "holds": "Holds",
    "reached_then_slips": "Reached, then slips",
    "not_reached": "Not reached",
}


def headline(p: Projection) -> list[tuple[str, str]]:
    """The headline figures for the top of the page (and the pack's key figures): label and value."""
    est, costs = p.establishment, p.costs
    last = p.trajectory.years[-1]
    u = p.uncertainty
    gap = p.gap_by_band["gap_wte"] if p.in_post is not None else None
    chance = "" if u is None else f"; chance {u.probability_wait_target:.0%} in {last}"
    return [
        ("Required in post now", f"{p.requirement.total:.1f} WTE"),
        _funded(p) if est is not None else ("Funded establishment", ""),
        (
            "Gap now",
            "no team loaded"
            if gap is None
            else f"{gap.sum():+.1f} WTE net; {gap.clip(lower=0).sum():.1f} short in bands",
        ),
        (f"{targets(p.inputs).wait.capitalize()}", f"{VERDICTS[p.waiting.verdict]}{chance}"),
        (
            "Spend over the period",
            "" if costs is None else f"£{costs.total_over_period:,.0f} in {costs.cash_basis}",
        ),
    ]


def _funded(p: Projection) -> tuple[str, str]:
    """The funded establishment, named by year: this year's and the target year's when they differ."""
    s = p.trajectory.summary
    first, last = str(s["year"].iloc[0]), str(s["year"].iloc[-1])
    now, then = float(s["funded_wte"].iloc[0]), float(s["funded_wte"].iloc[-1])
    req = float(s["required_wte"].iloc[-1])
    vacancy = f"({1 - req / then:.1%} vacancy)" if then > 0 else ""
    if first == last:
        return f"Funded establishment, {last}", f"{then:.1f} WTE {vacancy}".strip()
    return (
        f"Funded establishment, {first} and {last}",
        f"{now:.1f} WTE in {first}; {then:.1f} WTE in {last} {vacancy}".strip(),
    )


def costs_table(p: Projection) -> pd.DataFrame:
    """Cost by year: spent in the year, the same team for a full year, and the funded establishment."""
    c = p.costs
    if c is None:  # pragma: no cover - every projection has costs
        return pd.DataFrame()
    t = c.by_year
    return pd.DataFrame(
        {
            "Year": t["year"],
            "Share of the year in the horizon": t["share_of_year"],
            "Pay index": t["pay_index"],
            "Spent in the year (£)": t["in_year"].round(0),
            "Full year (£)": t["full_year"].round(0),
            "Funded establishment, full year (£)": t["funded"].round(0),
        }
    )


def waiting_table(p: Projection) -> pd.DataFrame:
    """Year by year: starters within 90 days, the chance of the target, WTE to hold it.

    The share and the chance come from the same runs (:attr:`Projection.wait_share`): the full Monte
    Carlo's where it ran, else the waiting run's with today's inputs (referral noise only), so the
    percentiles and the chance never disagree; the last column says which.
    """
    share, chance = p.wait_share, p.wait_chance
    years = [str(y) for y in p.trajectory.years]
    rows = []
    for y in years:
        row: dict[str, object] = {"Year": y}
        if y in share.index:
            row["Starters within 90 days (median)"] = float(share.loc[y, "p50"])
            row["10th-90th percentile"] = f"{share.loc[y, 'p10']:.0%}-{share.loc[y, 'p90']:.0%}"
        if y in chance.index:
            row[f"Chance of {targets(p.inputs).wait}"] = float(chance.loc[y])
        row["WTE to hold the target"] = round(p.wte_to_hold_target.get(y, float("nan")), 1)
        row["Share and chance from"] = p.wait_basis
        rows.append(row)
    return pd.DataFrame(rows)


def sensitivity_table(p: Projection) -> pd.DataFrame:
    """The tornado as a table: each input's plausible range and the required WTE and cost at each end."""
    return pd.DataFrame(
        [
            {
                "Input": s.label,
                "Low": s.low,
                "High": s.high,
                "Required WTE at low": round(s.required_wte_low, 1),
                "Required WTE at high": round(s.required_wte_high, 1),
                "Swing (WTE)": round(s.swing, 1),
                "Cost at low (£)": round(s.cost_low, 0),
                "Cost at high (£)": round(s.cost_high, 0),
            }
            for s in p.sensitivity
        ]
    )


def model_staff(roster: RosterRead | None) -> pd.DataFrame | None:
    """The roster columns the model needs (``staff_id``, ``band``, ``wte``, ``function``; no names).

    The one place the model's team is cut from the roster, for the Expansion page and the pack.

    Returns:
        The columns with a fresh index, or None when no roster is loaded or it has no staff.
    """
    if roster is None or getattr(roster, "staff", None) is None or roster.staff.empty:
        return None
    cols = [c for c in ("staff_id", "band", "wte", "function") if c in roster.staff.columns]
    return roster.staff[cols].reset_index(drop=True)


def projection_key(scenario: Scenario) -> str:
    """A cache key for a model run: the scenario's name, title and a hash of its parameters."""
    return f"{scenario.name}|{scenario.title}|{scenario.key()}"


def compare_scenarios(
    current: Scenario,
    run: Callable[[Scenario], Projection],
    names: Iterable[str] | None = None,
    least_cost: Scenario | None = None,
) -> pd.DataFrame:
    """Every saved scenario side by side, with the current one added when it is not a saved one.

    Args:
        current: the scenario on screen (edited or uploaded ones are added as a column of their own).
        run: runs the model for one scenario (the page passes its cached run, with its team and date).
        names: the saved scenarios to compare; default: :func:`list_scenarios`.
        least_cost: the current scenario with the least-cost mix
            (:func:`planner.expansion.optimise_option.least_cost_scenario`), added last when given.

    Returns:
        :func:`planner.expansion.projection.compare` of the runs: one row per measure, one column per
        scenario title.
    """
    saved = list(list_scenarios() if names is None else names)
    scenarios = [load_scenario(n) for n in saved]
    if current.name not in saved:
        scenarios.append(current)
    if least_cost is not None:
        scenarios.append(least_cost)
    return compare([run(s) for s in scenarios])
