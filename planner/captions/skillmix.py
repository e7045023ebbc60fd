"""Captions for the Skill mix screen: WTE by band, registered share, supervision, cost and substitutions.

Each function takes the figure or table :mod:`planner.skillmix.mix` computes and returns the one
sentence shown under it, e.g. "Registered staff are 55% of WTE against a target of 60%: 0.8 WTE of
registered staff short of the target mix."
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.captions.words import money, pct, plural
from planner.reference.pay import PayScale, Pension, pension_words


def wte_caption(by_band: pd.DataFrame, headcount: int) -> str:
    """Caption for WTE by band (:func:`planner.skillmix.mix.wte_headcount`)."""
    total = float(by_band["wte"].sum())
    if total <= 0:
        return "The team has no WTE recorded."
    top = by_band.sort_values("wte", ascending=False, kind="stable").iloc[0]
    return (
        f"The team has {total:.1f} WTE across {plural(headcount, 'person', 'people')}; "
        f"{top['label']} holds the most ({float(top['wte']):.1f} WTE, {pct(top['wte_share'])})."
    )


def registered_caption(share: dict[str, Any]) -> str:
    """Caption for the registered share against the target (:func:`planner.skillmix.mix.registered_share`)."""
    if share["total_wte"] <= 0:
        return "The team has no WTE recorded, so it has no skill mix to compare."
    if not share.get("recorded", True) and not share.get("inferred"):
        return (
            "Registration is not recorded on this roster, so the registered share and the gap to the "
            f"target of {pct(share['target_share'])} are not recorded. Add a registration body column."
        )
    gap = float(share["registered_gap_wte"])
    if abs(gap) < 0.05:
        where = "in line with the target mix"
    elif gap > 0:
        where = f"{gap:.1f} WTE of registered staff short of the target mix"
    else:
        where = f"{-gap:.1f} WTE of registered staff above the target mix"
    inferred = (
        " (inferred from profession: the roster records no registration)" if share.get("inferred") else ""
    )
    return (
        f"Registered staff are {pct(share['share'])} of WTE{inferred} against a target of "
        f"{pct(share['target_share'])}: {where}."
    )


def supervision_caption(ratio: float | None, recorded: bool = True, inferred: bool = False) -> str:
    """Caption for the supervision load (non-registered WTE per registered WTE)."""
    if inferred and ratio is not None:
        return f"Each registered WTE supervises {ratio:.2f} non-registered WTE (registration inferred from profession)."
    if not recorded and not inferred:
        return "Supervision load not recorded: the roster records no registration."
    if ratio is None:
        return "The team has no registered staff to supervise its non-registered staff."
    return f"Each registered WTE supervises {ratio:.2f} non-registered WTE."


def cost_caption(cost: pd.DataFrame, point: str, pension: Pension, *, pay: PayScale | None = None) -> str:
    """Caption for :func:`planner.skillmix.mix.mix_cost` (the pension rate from ``pay``, or the committed file)."""
    rate = pension_words(pension, pay)
    total = float(cost["annual_cost"].sum())
    unpriced = float(cost.loc[~cost["priced"], "wte"].sum())
    tail = f"; {unpriced:.1f} WTE in bands without a pay point is not priced" if unpriced > 0 else ""
    return f"The team costs {money(total)} a year at {point} pay points with employer NI and {rate}{tail}."


def substitution_caption(row: pd.Series | dict[str, Any]) -> str:
    """Caption for one substitution row (:func:`planner.skillmix.mix.substitution_table`)."""
    change = float(row["cost_change"])
    dirn = f"costs {money(abs(change))} more" if change > 0 else f"saves {money(abs(change))}"
    wte = float(row["wte_change"])
    wte_text = (
        f"adds {wte:g} WTE" if wte > 0 else (f"removes {-wte:g} WTE" if wte < 0 else "keeps WTE the same")
    )
    supervised = ""
    if "supervision_hours" in row and float(row["supervision_hours"]) != 0:
        hours, total = float(row["supervision_hours"]), float(row["cost_change_with_supervision"])
        verb = "adds" if hours > 0 else "saves"
        overall = f"costs {money(total)} more" if total > 0 else f"saves {money(-total)}"
        supervised = (
            f"; it {verb} {abs(hours):,.0f} hours a year of supervision ({money(abs(float(row['supervision_cost'])))}), "
            f"so with supervision it {overall} a year"
        )
    return (
        f"{row['label']} {wte_text} and {dirn} a year{supervised}; {int(row['statements_lost'])} statements "
        f"required at the band given up go, {int(row['leads_on_lost'])} of them 'leads on'."
    )
