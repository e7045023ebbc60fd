"""One-sentence captions for every coverage and skill-mix aggregate (the domain writes the words).

Each function takes the table a chart or page shows and returns one plain-English sentence, e.g.
"Band 6 holds 62% of its required competencies verified; exercise prescription is the weakest area."
Captions never name people; they count them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from planner.reference.pay import PayScale, Pension, pension_words
from planner.vocab import band_label


def pct(x: float) -> str:
    """``0.623`` → ``"62%"``."""
    return f"{100 * float(x):.0f}%"


def money(x: float) -> str:
    """``612345.6`` → ``"£612,346"``."""
    return f"£{float(x):,.0f}"


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _required(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["required"] > 0]


def overall_caption(totals: dict[str, Any]) -> str:
    """Caption for the team's totals (:func:`planner.coverage.overall`)."""
    req = int(totals["required"])
    if req == 0:
        return "No competencies in this framework are required of anyone in the team."
    sa = int(totals["self_assessed"])
    tail = f"; {_n(sa, 'more is', 'more are')} self-assessed and awaiting sign-off" if sa else ""
    return f"The team holds {pct(totals['coverage'])} of its {req:,} required competencies verified{tail}."


def band_caption(by_band_area: pd.DataFrame, band: str, area_key: str = "area_id") -> str:
    """Caption for one band: its coverage and its weakest area (or domain).

    Args:
        by_band_area: :func:`planner.coverage.aggregate` by ``["band", area_key]``.
        band: e.g. ``"6"``.
        area_key: ``"area_id"`` or ``"domain_id"``.
    """
    mine = _required(by_band_area[by_band_area["band"] == band])
    if mine.empty:
        return f"No one in {band_label(band)} is assessed in this framework."
    cov = mine["verified"].sum() / mine["required"].sum()
    named = mine[mine[area_key] != "(none)"]
    if named.empty or len(named) < 2:
        return f"{band_label(band)} holds {pct(cov)} of its required competencies verified."
    weakest = named.sort_values(["coverage", "required"], ascending=[True, False]).iloc[0]
    kind = "area" if area_key == "area_id" else "domain"
    return (
        f"{band_label(band)} holds {pct(cov)} of its required competencies verified; "
        f"{_lower_first(str(weakest[area_key + '_label']))} is the weakest {kind}."
    )


def spread_caption(table: pd.DataFrame, key: str, noun: str) -> str:
    """Caption for coverage by one key (band, function, domain): the strongest and weakest groups.

    Args:
        table: :func:`planner.coverage.aggregate` by ``[key]``.
        key: the key column, e.g. ``"band"``.
        noun: what the groups are called in the sentence, e.g. ``"band"``.
    """
    rows = _required(table).sort_values(["coverage", key], kind="stable")
    if rows.empty:
        return f"No competencies are required in any {noun}."
    lab = f"{key}_label"
    if len(rows) == 1:
        r = rows.iloc[0]
        return f"{r[lab]} holds {pct(r['coverage'])} of its required competencies verified."
    lo, hi = rows.iloc[0], rows.iloc[-1]
    if lo["coverage"] == hi["coverage"]:
        return f"Every {noun} holds {pct(lo['coverage'])} of its required competencies verified."
    return (
        f"Coverage is lowest in {lo[lab]} ({pct(lo['coverage'])} verified) "
        f"and highest in {hi[lab]} ({pct(hi['coverage'])})."
    )


def heatmap_caption(table: pd.DataFrame, row_key: str, col_key: str) -> str:
    """Caption for a heatmap: the weakest cell with something required in it."""
    rows = _required(table)
    if rows.empty:
        return "Nothing is required in any cell."
    weakest = rows.sort_values(["coverage", "required"], ascending=[True, False]).iloc[0]
    gaps = int((rows["coverage"] < 0.5).sum())
    return (
        f"The weakest cell is {weakest[row_key + '_label']} × {weakest[col_key + '_label']} "
        f"({pct(weakest['coverage'])} of {int(weakest['required'])} verified); "
        f"{_n(gaps, 'cell is', 'cells are')} under half covered."
    )


def capability_caption(cap: pd.DataFrame) -> str:
    """Caption for :func:`planner.capability.team_capability`."""
    if cap.empty:
        return "No team capability rules apply to this framework."
    met = int(cap["met"].sum())
    missed = cap[~cap["met"]]
    if missed.empty:
        return f"The team meets all {len(cap)} team capability requirements."
    first = missed.iloc[0]
    what = first["statement"] if first["rule_id"] == "leads_on" else first["rule"]
    return (
        f"The team meets {met} of {len(cap)} team capability requirements; "
        f"not met includes: {_lower_first(str(what))} ({int(first['have'])} of {int(first['needed'])})."
    )


def spof_caption(spof: pd.DataFrame) -> str:
    """Caption for :func:`planner.capability.single_points_of_failure`."""
    if spof.empty:
        return "No verified competency rests on a single person or on less than 1.0 WTE."
    one = int((spof["holders"] == 1).sum())
    return (
        f"{_n(len(spof), 'competency rests', 'competencies rest')} on one person or on less than 1.0 WTE "
        f"together ({one} on one person)."
    )


def expiring_caption(exp: pd.DataFrame, within_days: int) -> str:
    """Caption for :func:`planner.capability.expiring`."""
    if exp.empty:
        return f"No current competency expires in the next {within_days} days."
    first = exp.iloc[0]
    ts = pd.Timestamp(first["expires_on"])
    when = f"{ts.day} {ts.strftime('%B %Y')}"
    people = exp["staff_id"].nunique()
    return (
        f"{_n(len(exp), 'competency record expires', 'competency records expire')} in the next "
        f"{within_days} days across {_n(people, 'person', 'people')}, the first on {when}."
    )


def unassigned_caption(unassigned: pd.DataFrame, framework_title: str) -> str:
    """Caption for people with no level in the framework."""
    if unassigned.empty:
        return f"Everyone in the team has a level in {framework_title}."
    bands = ", ".join(sorted({str(b) for b in unassigned["band"].dropna()})) or "none recorded"
    return (
        f"{_n(unassigned['staff_id'].nunique(), 'person has', 'people have')} no level in "
        f"{framework_title} (bands: {bands}); only cross-cutting requirements apply to them."
    )


def pdp_caption(plan: pd.DataFrame, who: str) -> str:
    """Caption for one person's development plan (``who`` is the staff id, or a name if shown)."""
    if plan.empty:
        return f"{who} has no gaps: every required competency is verified."
    counts = plan["status"].value_counts()
    parts = [f"{int(v)} {k.lower()}" for k, v in counts.items()]
    return f"{who} has {_n(len(plan), 'development-plan row')}: {', '.join(parts)}."


def wte_caption(by_band: pd.DataFrame, headcount: int) -> str:
    """Caption for WTE by band (:func:`planner.skillmix.wte_headcount`)."""
    total = float(by_band["wte"].sum())
    if total <= 0:
        return "The team has no WTE recorded."
    top = by_band.sort_values("wte", ascending=False, kind="stable").iloc[0]
    return (
        f"The team has {total:.1f} WTE across {_n(headcount, 'person', 'people')}; "
        f"{top['label']} holds the most ({float(top['wte']):.1f} WTE, {pct(top['wte_share'])})."
    )


def registered_caption(share: dict[str, Any]) -> str:
    """Caption for the registered share against the target (:func:`planner.skillmix.registered_share`)."""
    if share["total_wte"] <= 0:
        return "The team has no WTE recorded, so it has no skill mix to compare."
    gap = float(share["registered_gap_wte"])
    if abs(gap) < 0.05:
        where = "in line with the target mix"
    elif gap > 0:
        where = f"{gap:.1f} WTE of registered staff short of the target mix"
    else:
        where = f"{-gap:.1f} WTE of registered staff above the target mix"
    return (
        f"Registered staff are {pct(share['share'])} of WTE against a target of "
        f"{pct(share['target_share'])}: {where}."
    )


def supervision_caption(ratio: float | None) -> str:
    """Caption for the supervision load (non-registered WTE per registered WTE)."""
    if ratio is None:
        return "The team has no registered staff to supervise its non-registered staff."
    return f"Each registered WTE supervises {ratio:.2f} non-registered WTE."


def cost_caption(cost: pd.DataFrame, point: str, pension: Pension, *, pay: PayScale | None = None) -> str:
    """Caption for :func:`planner.skillmix.mix_cost` (the pension rate from ``pay``, or the committed file)."""
    rate = pension_words(pension, pay)
    total = float(cost["annual_cost"].sum())
    unpriced = float(cost.loc[~cost["priced"], "wte"].sum())
    tail = f"; {unpriced:.1f} WTE in bands without a pay point is not priced" if unpriced > 0 else ""
    return f"The team costs {money(total)} a year at {point} pay points with employer NI and {rate}{tail}."


def substitution_caption(row: pd.Series | dict[str, Any]) -> str:
    """Caption for one substitution row (:func:`planner.skillmix.substitution_table`)."""
    change = float(row["cost_change"])
    dirn = f"costs {money(abs(change))} more" if change > 0 else f"saves {money(abs(change))}"
    wte = float(row["wte_change"])
    wte_text = (
        f"adds {wte:g} WTE" if wte > 0 else (f"removes {-wte:g} WTE" if wte < 0 else "keeps WTE the same")
    )
    return (
        f"{row['label']} {wte_text} and {dirn} a year; {int(row['statements_lost'])} statements "
        f"required at the band given up go, {int(row['leads_on_lost'])} of them 'leads on'."
    )


def as_of_caption(as_of: date) -> str:
    """``"Statuses as of 1 June 2026."`` (expiry is judged on this date)."""
    return f"Statuses as of {as_of.day} {as_of.strftime('%B %Y')}."
