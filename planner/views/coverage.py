"""What the Coverage, Skill mix and People pages show, computed in one call each (pages only ask and show).

Each function takes the roster tables and the user's choices and returns a small bundle of tables,
figures and captions, so a page is a list of ``st.*`` calls over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from planner import coverage
from planner.captions import coverage as captions
from planner.captions import skillmix as skillmix_captions
from planner.charts import coverage as charts_coverage
from planner.charts import skillmix as charts_skillmix
from planner.coverage.capability import expiring, single_points_of_failure, team_capability, unassigned
from planner.coverage.drilldown import cell_detail
from planner.coverage.pdp import development_plan
from planner.reference import frameworks
from planner.reference.frameworks import Framework
from planner.reference.levels import person_levels
from planner.skillmix import mix as skillmix

#: The London mapping's label, which the framework file asks every London view to carry.
LONDON_LABEL = "Our mapping of BTS statements to London functions (interpretation, not source)"


def framework_options() -> dict[str, str]:
    """Framework id → title, for a selectbox (BTS first, the cross-cutting list last)."""
    loaded = frameworks.load_all()
    order = sorted(loaded, key=lambda i: (i != "bts", i == "cross_cutting", i))
    return {i: loaded[i].title for i in order}


@dataclass
class CoverageView:
    """Everything the Coverage page shows for one framework and date."""

    framework: Framework
    statuses: pd.DataFrame
    overall: dict[str, Any]
    band_domain: pd.DataFrame
    function_domain: pd.DataFrame
    capability: pd.DataFrame
    spof: pd.DataFrame
    expiring: pd.DataFrame
    unassigned: pd.DataFrame
    holders: pd.DataFrame
    captions: dict[str, str] = field(default_factory=dict)
    interpretation: str | None = None

    def band_heatmap(self) -> go.Figure:
        """Coverage by band × domain."""
        return charts_coverage.coverage_heatmap(self.band_domain, "band", "domain_id")

    def function_heatmap(self) -> go.Figure:
        """Coverage by function × domain."""
        return charts_coverage.coverage_heatmap(self.function_domain, "function", "domain_id")

    def cell(self, row_key: str, row_value: str, col_value: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """People and statements behind one heatmap cell (``row_key`` is ``band`` or ``function``)."""
        return cell_detail(self.statuses, row_key, row_value, "domain_id", col_value)

    def cell_options(self, row_key: str) -> tuple[dict[str, str], dict[str, str]]:
        """Rows and columns with something required, as value → label, for the fallback selectboxes."""
        table = self.band_domain if row_key == "band" else self.function_domain
        used = table[table["required"] > 0]
        rows = dict(zip(used[row_key], used[f"{row_key}_label"], strict=True))
        cols = dict(zip(used["domain_id"], used["domain_id_label"], strict=True))
        return rows, cols


def coverage_view(
    staff: pd.DataFrame,
    competencies: pd.DataFrame,
    framework_id: str,
    as_of: date,
    *,
    within_days: int = 90,
    classes: int = 1,
) -> CoverageView:
    """Compute the Coverage page for one framework on one date."""
    fw = frameworks.get(framework_id)
    xc = coverage.cross_cutting_framework()
    st = coverage.statuses(staff, competencies, fw, as_of, cross_cutting=xc)
    totals = coverage.overall(st)
    band_domain = coverage.aggregate(st, ["band", "domain_id"])
    function_domain = coverage.aggregate(st, ["function", "domain_id"])
    cap = team_capability(st, fw, xc, staff=staff, classes=classes)
    spof = single_points_of_failure(st)
    exp = expiring(st, as_of, within_days)
    none = unassigned(staff, fw)
    interpretation = fw.interpretation
    if fw.id == "london":
        interpretation = f"{LONDON_LABEL}. {fw.interpretation}"
    return CoverageView(
        framework=fw,
        statuses=st,
        overall=totals,
        band_domain=band_domain,
        function_domain=function_domain,
        capability=cap,
        spof=spof,
        expiring=exp,
        unassigned=none,
        holders=coverage.holders(st),
        interpretation=interpretation,
        captions={
            "overall": captions.overall_caption(totals),
            "as_of": captions.as_of_caption(as_of),
            "band_heatmap": captions.heatmap_caption(band_domain, "band", "domain_id"),
            "function_heatmap": captions.heatmap_caption(function_domain, "function", "domain_id"),
            "by_band": captions.spread_caption(coverage.by_band(st), "band", "band"),
            "capability": captions.capability_caption(cap),
            "spof": captions.spof_caption(spof),
            "expiring": captions.expiring_caption(exp, within_days),
            "unassigned": captions.unassigned_caption(none, fw.title),
        },
    )


def capability_for_display(cap: pd.DataFrame) -> pd.DataFrame:
    """The team-capability table with ``who`` as text and a plain met / not met column."""
    out = cap.assign(
        met=cap["met"].map({True: "Met", False: "Not met"}),
        who=cap["who"].map(lambda ids: ", ".join(ids)),
    )
    return out[["met", "rule", "competency_id", "statement", "needed", "have", "who", "source"]]


def with_who_as_text(table: pd.DataFrame) -> pd.DataFrame:
    """A table whose ``who`` column holds lists, with the lists joined as text (for display)."""
    if "who" not in table.columns:
        return table
    return table.assign(who=table["who"].map(lambda ids: ", ".join(map(str, ids))))


@dataclass
class SkillMixView:
    """Everything the Skill mix page shows."""

    by_band: pd.DataFrame
    by_function: pd.DataFrame
    by_profession: pd.DataFrame
    by_registration: pd.DataFrame
    grid: pd.DataFrame
    share: dict[str, Any]
    ratio: float | None
    cost: pd.DataFrame
    substitutions: pd.DataFrame
    targets: skillmix.SkillMixTargets
    captions: dict[str, str] = field(default_factory=dict)

    def bars(self) -> go.Figure:
        """Stacked WTE by band and function."""
        return charts_skillmix.wte_stacked_bars(self.grid)

    def share_chart(self) -> go.Figure:
        """Registered share against the target."""
        return charts_skillmix.registered_share_chart(self.share)


def skill_mix_view(staff: pd.DataFrame, point: str = "mid", pension: str = "employer") -> SkillMixView:
    """Compute the Skill mix page."""
    t = skillmix.load_targets()
    by_band = skillmix.wte_headcount(staff, "band")
    share = skillmix.registered_share(staff, t)
    ratio = skillmix.supervision_ratio(staff, t)
    cost = skillmix.mix_cost(staff, point, pension)  # type: ignore[arg-type]
    try:
        bts = frameworks.get("bts")
    except KeyError:
        bts = None
    subs = skillmix.substitution_table(t, bts, point, pension)  # type: ignore[arg-type]
    people_count = int(staff["staff_id"].nunique()) if len(staff) else 0
    return SkillMixView(
        by_band=by_band,
        by_function=skillmix.wte_headcount(staff, "function"),
        by_profession=skillmix.wte_headcount(staff, "profession"),
        by_registration=skillmix.wte_headcount(staff, "registration"),
        grid=skillmix.wte_by_band_function(staff),
        share=share,
        ratio=ratio,
        cost=cost,
        substitutions=subs,
        targets=t,
        captions={
            "wte": skillmix_captions.wte_caption(by_band, people_count),
            "registered": skillmix_captions.registered_caption(share),
            "supervision": skillmix_captions.supervision_caption(ratio),
            "cost": skillmix_captions.cost_caption(cost, point, pension),
            **{f"sub:{r['id']}": skillmix_captions.substitution_caption(r) for r in subs.to_dict("records")},
        },
    )


def person_options(staff: pd.DataFrame, show_names: bool) -> dict[str, str]:
    """Staff id → what the People page's selectbox shows (the id, plus the name only when asked)."""
    firsts = staff.drop_duplicates("staff_id").sort_values("staff_id")
    if not show_names or "name" not in firsts.columns:
        return {str(s): str(s) for s in firsts["staff_id"]}
    return {
        str(s): (f"{s} – {n}" if isinstance(n, str) and n.strip() else str(s))
        for s, n in zip(firsts["staff_id"], firsts["name"], strict=True)
    }


def person_name(staff: pd.DataFrame, person: str) -> str | None:
    """The person's name from the roster, or ``None`` (only called when the user shows names)."""
    if "name" not in staff.columns:
        return None
    names = staff.loc[staff["staff_id"].astype(str) == str(person), "name"].dropna()
    return str(names.iloc[0]) if len(names) else None


def person_view(
    staff: pd.DataFrame,
    competencies: pd.DataFrame,
    framework_id: str,
    person: str,
    as_of: date,
    *,
    label: str | None = None,
) -> dict[str, Any]:
    """One person's levels, development-plan rows and caption for the People page.

    Args:
        staff: the roster's staff table.
        competencies: the roster's competency records.
        framework_id: the framework to assess against.
        person: the staff id.
        as_of: the date statuses are judged on.
        label: how the caption names the person (the staff id unless the user shows names).
    """
    fw = frameworks.get(framework_id)
    st = coverage.statuses(staff, competencies, fw, as_of, cross_cutting=coverage.cross_cutting_framework())
    plan = development_plan(st, person)
    mine = staff[staff["staff_id"].astype(str) == str(person)]
    levels = person_levels(mine, fw)[
        ["band", "function", "level_label", "assigned_by", "assumption", "reason"]
    ]
    counts = coverage.aggregate(st[st["staff_id"].astype(str) == str(person)], [])
    return {
        "framework": fw,
        "levels": levels,
        "plan": plan,
        "required": int(counts["required"].iloc[0]),
        "verified": int(counts["verified"].iloc[0]),
        "caption": captions.pdp_caption(plan, label or str(person)),
    }


def plan_with_name(plan: pd.DataFrame, name: str | None) -> pd.DataFrame:
    """The plan with a ``name`` column after ``staff_id`` when a name is given (names shown)."""
    if not name:
        return plan
    return plan.assign(name=name)[["staff_id", "name", *[c for c in plan.columns if c != "staff_id"]]]
