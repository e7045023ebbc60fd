"""Today against a what-if, side by side: coverage, single points of failure and team capability.

:func:`whatif_view` applies the what-if changes (:mod:`planner.coverage.whatif`) to copies of the
roster's tables and computes the same figures for both teams; the Coverage page's what-if section
shows the tables and :func:`whatif_json` gives the CLI's ``whatif`` key. Single points of failure
come from :func:`planner.coverage.single_points_of_failure`, whatever rule it follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from planner import coverage
from planner.coverage.capability import team_capability
from planner.coverage.whatif import Change, apply_changes, make_change
from planner.reference.frameworks import Framework
from planner.vocab import BANDS, FUNCTIONS, band_label, function_label

#: The "leave as it is" choice of the page's move boxes, and "nobody" for the person moved.
KEEP = ""


def band_choices() -> dict[str, str]:
    """Band → label for the page's boxes, with :data:`KEEP` first (no change)."""
    return {KEEP: "Keep", **{b: band_label(b) for b in BANDS}}


def function_choices() -> dict[str, str]:
    """Function → label for the page's boxes, with :data:`KEEP` first (no change)."""
    return {KEEP: "Keep", **{f: function_label(f) for f in FUNCTIONS}}


def people_choices(staff: pd.DataFrame) -> dict[str, str]:
    """Staff id → "SYN10004 (Band 3, Supporting PR)", for the page's boxes; never a name."""
    out: dict[str, str] = {}
    for r in staff.drop_duplicates("staff_id").sort_values("staff_id").itertuples(index=False):
        fn = function_label(r.function) if isinstance(r.function, str) and r.function else "no function"
        out[str(r.staff_id)] = f"{r.staff_id} ({band_label(r.band)}, {fn})"
    return out


def changes_from_choices(
    leavers: list[str],
    move_who: str | None = None,
    move_band: str = KEEP,
    move_function: str = KEEP,
    add_posts: int = 0,
    add_band: str = "5",
    add_function: str = "delivering",
    add_wte: float = 1.0,
) -> list[Change]:
    """The Coverage page's what-if boxes as changes: leavers, one move, and ``add_posts`` new posts.

    A move with neither band nor function chosen is no change, and is left out.

    Raises:
        WhatIfError: a choice that cannot be a change (a WTE out of range, an unknown band).
    """
    out = [make_change("remove", sid) for sid in leavers]
    if move_who and (move_band or move_function):
        out.append(make_change("move", move_who, band=move_band or None, function=move_function or None))
    for _ in range(int(add_posts)):
        out.append(make_change("add", band=add_band, function=add_function, wte=add_wte))
    return out


@dataclass
class Side:
    """The figures of one team (today, or the what-if)."""

    overall: dict[str, Any]
    by_band: pd.DataFrame
    by_function: pd.DataFrame
    spof: pd.DataFrame
    capability: pd.DataFrame


@dataclass
class WhatIfView:
    """Today and the what-if, and the tables that compare them (column names are for people)."""

    changes: list[str]
    today: Side
    whatif: Side
    overall: pd.DataFrame
    by_band: pd.DataFrame
    by_function: pd.DataFrame
    spof_new: list[str]
    spof_gone: list[str]
    capability: pd.DataFrame
    caption: str

    def new_spof_table(self) -> pd.DataFrame:
        """The what-if's single points of failure that are not ones today."""
        spof = self.whatif.spof
        if spof.empty:
            return spof
        return spof[spof["competency_id"].astype(str).isin(self.spof_new)].reset_index(drop=True)


def _side(
    staff: pd.DataFrame,
    competencies: pd.DataFrame,
    fw: Framework,
    as_of: date,
    xc: Framework | None,
    classes: int,
) -> Side:
    st = coverage.statuses(staff, competencies, fw, as_of, cross_cutting=xc)
    return Side(
        overall=coverage.overall(st),
        by_band=coverage.by_band(st),
        by_function=coverage.by_function(st),
        spof=coverage.single_points_of_failure(st),
        capability=team_capability(st, fw, xc, staff=staff, classes=classes),
    )


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _compare(today: pd.DataFrame, whatif: pd.DataFrame, key: str, title: str) -> pd.DataFrame:
    cols = [key, f"{key}_label", "people", "wte", "required", "coverage"]
    both = today[cols].merge(whatif[cols], on=[key, f"{key}_label"], suffixes=("_t", "_w"), how="outer")
    both = both[(both["required_t"].fillna(0) > 0) | (both["required_w"].fillna(0) > 0)]
    both = both.fillna({c: 0 for c in both.columns if c.endswith(("_t", "_w"))})
    change = (100 * (both["coverage_w"] - both["coverage_t"])).round(0).astype(int)
    return pd.DataFrame(
        {
            title: both[f"{key}_label"].astype(str).to_numpy(),
            "People today": both["people_t"].astype(int).to_numpy(),
            "People what-if": both["people_w"].astype(int).to_numpy(),
            "WTE today": both["wte_t"].round(2).to_numpy(),
            "WTE what-if": both["wte_w"].round(2).to_numpy(),
            "Verified today": [_pct(v) for v in both["coverage_t"]],
            "Verified what-if": [_pct(v) for v in both["coverage_w"]],
            "Change (points)": change.to_numpy(),
        }
    )


def _spof_ids(spof: pd.DataFrame) -> list[str]:
    return sorted(map(str, spof["competency_id"])) if len(spof) else []


def whatif_view(
    staff: pd.DataFrame,
    competencies: pd.DataFrame,
    fw: Framework,
    as_of: date,
    changes: list[Change],
    *,
    cross_cutting: Framework | None = None,
    classes: int = 1,
) -> WhatIfView:
    """Compare today's team with the team after ``changes``, on one framework and date.

    Raises:
        WhatIfError: a change names someone not in the team.
    """
    xc = cross_cutting if cross_cutting is not None else coverage.cross_cutting_framework()
    s2, c2 = apply_changes(staff, competencies, changes)
    today = _side(staff, competencies, fw, as_of, xc, classes)
    after = _side(s2, c2, fw, as_of, xc, classes)
    t, w = today.overall, after.overall
    rows = [
        ("People", t["people"], w["people"]),
        ("WTE", round(t["wte"], 2), round(w["wte"], 2)),
        ("Required competencies", t["required"], w["required"]),
        ("Verified", t["verified"], w["verified"]),
        ("Verified share", _pct(t["coverage"]), _pct(w["coverage"])),
        ("Single points of failure", len(today.spof), len(after.spof)),
        ("Team capability rules met", int(today.capability["met"].sum()), int(after.capability["met"].sum())),
    ]
    overall = pd.DataFrame(
        {
            "Measure": [r[0] for r in rows],
            "Today": [str(r[1]) for r in rows],
            "What-if": [str(r[2]) for r in rows],
        }
    )
    cap_t = today.capability[["rule", "competency_id", "met", "have"]]
    cap_w = after.capability[["rule", "competency_id", "met", "have"]]
    cap = cap_t.merge(cap_w, on=["rule", "competency_id"], how="outer", suffixes=("_t", "_w"))
    words = {True: "Met", False: "Not met"}
    capability = pd.DataFrame(
        {
            "Rule": cap["rule"].astype(str),
            "Competency": cap["competency_id"].fillna("").astype(str),
            "Today": cap["met_t"].map(words).fillna("Not asked"),
            "What-if": cap["met_w"].map(words).fillna("Not asked"),
            "Holders today": cap["have_t"].fillna(0).astype(int),
            "Holders what-if": cap["have_w"].fillna(0).astype(int),
        }
    )
    ids_t, ids_w = _spof_ids(today.spof), _spof_ids(after.spof)
    new, gone = sorted(set(ids_w) - set(ids_t)), sorted(set(ids_t) - set(ids_w))
    changed_rules = int((capability["Today"] != capability["What-if"]).sum())
    caption = (
        f"What-if ({'; '.join(ch.describe() for ch in changes)}): verified coverage "
        f"{_pct(t['coverage'])} today, {_pct(w['coverage'])} after; single points of failure "
        f"{len(ids_t)} today, {len(ids_w)} after ({len(new)} new, {len(gone)} gone); "
        f"{changed_rules} team capability rule(s) change. Nothing is written back to the uploaded team."
    )
    return WhatIfView(
        changes=[ch.describe() for ch in changes],
        today=today,
        whatif=after,
        overall=overall,
        by_band=_compare(today.by_band, after.by_band, "band", "Band"),
        by_function=_compare(today.by_function, after.by_function, "function", "Function"),
        spof_new=new,
        spof_gone=gone,
        capability=capability,
        caption=caption,
    )


def _side_json(side: Side) -> dict[str, Any]:
    o = side.overall
    return {
        "people": int(o["people"]),
        "wte": round(float(o["wte"]), 4),
        "required": int(o["required"]),
        "verified": int(o["verified"]),
        "coverage": round(float(o["coverage"]), 4),
        "by_band": {
            str(r.band): round(float(r.coverage), 4) for r in side.by_band.itertuples() if r.required > 0
        },
        "by_function": {
            str(r.function): round(float(r.coverage), 4)
            for r in side.by_function.itertuples()
            if r.required > 0
        },
        "single_points_of_failure": {"count": len(side.spof), "competency_ids": _spof_ids(side.spof)},
        "capability_met": int(side.capability["met"].sum()),
        "capability_rules": len(side.capability),
    }


def whatif_json(view: WhatIfView) -> dict[str, Any]:
    """The CLI's ``whatif`` key: the changes, today and the what-if, and what changes."""
    return {
        "changes": view.changes,
        "today": _side_json(view.today),
        "what_if": _side_json(view.whatif),
        "single_points_of_failure_new": view.spof_new,
        "single_points_of_failure_gone": view.spof_gone,
    }
