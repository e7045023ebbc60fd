"""What the Coverage page shows for one framework and date, computed once (pages only ask and show).

:func:`coverage_view` takes the roster tables and the user's choices and returns a :class:`CoverageView`
of tables, figures and captions; the Coverage page renders it and the business-case pack reshapes the
same view (:mod:`planner.pack.parts`), so the page and the pack agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from planner import coverage
from planner.captions import coverage as captions
from planner.charts import coverage as charts_coverage
from planner.coverage.capability import expiring, team_capability, unassigned
from planner.coverage.credit import CREDIT_RULE
from planner.coverage.drilldown import cell_detail
from planner.coverage.spof import KIND_LABELS, leaving_dates, single_points_of_failure
from planner.reference import frameworks
from planner.reference.frameworks import Framework
from planner.reference.service_types import cross_cutting_applies
from planner.vocab import format_date

#: The London mapping's label, which the framework file asks every London view to carry.
LONDON_LABEL = "Our mapping of BTS statements to London functions (interpretation, not source)"

#: The count columns of :meth:`CoverageView.counts`, in order.
COUNT_COLUMNS = (
    "people",
    "wte",
    "required",
    "verified",
    "self_assessed",
    "expired",
    "in_progress",
    "missing",
    "coverage",
    "coverage_wte",
)


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
    team: pd.DataFrame
    by_band: pd.DataFrame
    by_function: pd.DataFrame
    by_domain: pd.DataFrame
    captions: dict[str, str] = field(default_factory=dict)
    interpretation: str | None = None
    by_level: pd.DataFrame | None = None
    level_noun: str | None = None

    def counts(self) -> pd.DataFrame:
        """Coverage counts of the whole team, then by band, by function and by domain, in one table.

        Returns:
            One row per group and category: ``group`` (``Team``, ``Band``, ``Function``, ``Domain``),
            ``category`` (the readable label; ``Whole team`` for the team row), then
            :data:`COUNT_COLUMNS`. Categories with no one and nothing required are left out.
        """
        return pd.concat(
            [
                _count_rows("Team", self.team, None),
                _count_rows("Band", self.by_band, "band"),
                _count_rows("Function", self.by_function, "function"),
                _count_rows("Domain", self.by_domain, "domain_id"),
            ],
            ignore_index=True,
        )

    def band_heatmap(self) -> go.Figure:
        """Coverage by band × domain."""
        return charts_coverage.coverage_heatmap(self.band_domain, "band", "domain_id")

    def function_heatmap(self) -> go.Figure:
        """Coverage by function × domain."""
        return charts_coverage.coverage_heatmap(self.function_domain, "function", "domain_id")

    def cell(self, row_key: str, row_value: str, col_value: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """People and statements behind one heatmap cell (``row_key`` is ``band`` or ``function``)."""
        labels = dict(zip(self.framework.levels["level_id"], self.framework.levels["label"], strict=True))
        return cell_detail(self.statuses, row_key, row_value, "domain_id", col_value, labels)

    def cell_options(self, row_key: str) -> tuple[dict[str, str], dict[str, str]]:
        """Rows and columns with something required, as value → label, for the fallback selectboxes."""
        table = self.band_domain if row_key == "band" else self.function_domain
        used = table[table["required"] > 0]
        rows = dict(zip(used[row_key], used[f"{row_key}_label"], strict=True))
        cols = dict(zip(used["domain_id"], used["domain_id_label"], strict=True))
        return rows, cols


def _count_rows(group: str, table: pd.DataFrame, key: str | None) -> pd.DataFrame:
    """One group's rows of :meth:`CoverageView.counts`."""
    kept = table[(table["required"] > 0) | (table["people"] > 0)]
    out = pd.DataFrame(
        {"group": group, "category": kept[f"{key}_label"].astype(str).to_numpy() if key else "Whole team"},
        index=kept.index,
    )
    for col in COUNT_COLUMNS:
        out[col] = kept[col].to_numpy()
    return out.reset_index(drop=True)


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
    spof = single_points_of_failure(st, as_of=as_of, within_days=within_days, leaving=leaving_dates(staff))
    exp = expiring(st, as_of, within_days)
    none = unassigned(staff, fw)
    band = coverage.by_band(st)
    # A homecare team is seen by career level, a PCN team by role: its own levels, not AfC bands.
    from planner.views.coverage_report import by_level, level_noun, level_table

    noun = level_noun(fw)
    levels = level_table(st, fw) if noun else None
    raw_levels = by_level(st, fw) if noun else None
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
        team=coverage.aggregate(st, []),
        by_band=band,
        by_function=coverage.by_function(st),
        by_domain=coverage.by_domain(st),
        interpretation=interpretation,
        by_level=levels,
        level_noun=noun,
        captions={
            "overall": captions.overall_caption(totals),
            "as_of": captions.as_of_caption(as_of),
            "band_heatmap": captions.heatmap_caption(band_domain, "band", "domain_id"),
            "function_heatmap": captions.heatmap_caption(function_domain, "function", "domain_id"),
            "by_band": captions.spread_caption(band, "band", "band"),
            **({"by_level": captions.spread_caption(raw_levels, "level_id", noun)} if noun else {}),
            "capability": captions.capability_caption(cap),
            "spof": captions.spof_caption(spof),
            "expiring": captions.expiring_caption(exp, within_days),
            "unassigned": captions.unassigned_caption(
                none, fw.title, cross_cutting=cross_cutting_applies(fw.id)
            ),
        },
    )


def capability_for_display(cap: pd.DataFrame) -> pd.DataFrame:
    """The team-capability table with ``who`` as text and a plain met / not met column."""
    out = cap.assign(
        met=cap["met"].map({True: "Met", False: "Not met"}),
        who=cap["who"].map(lambda ids: ", ".join(ids)),
    )
    return out[["met", "rule", "competency_id", "statement", "needed", "have", "who", "source"]]


def credit_note(statements: pd.DataFrame) -> str | None:
    """The crediting rule (our interpretation), when a drill-down row was met by another record."""
    if "credited" in statements.columns and statements["credited"].ne("").any():
        return CREDIT_RULE
    return None


def spof_for_display(spof: pd.DataFrame) -> pd.DataFrame:
    """The single-points-of-failure table in words: lists as text, kinds and severities as labels."""
    out = with_who_as_text(spof)
    if out.empty or "kind" not in out.columns:
        return out
    return out.assign(
        competency_ids=out["competency_ids"].map(lambda ids: ", ".join(map(str, ids))),
        closest=out["closest"].map(lambda ids: ", ".join(map(str, ids)) or "nobody yet"),
        kind=out["kind"].map(KIND_LABELS),
        severity=out["severity"].str.capitalize(),
    )[["kind", "severity", "competency_ids", "text", "holders", "holders_wte", "who", "closest", "reason"]]


def with_who_as_text(table: pd.DataFrame) -> pd.DataFrame:
    """A table whose ``who`` column holds lists, with the lists joined as text (for display)."""
    if "who" not in table.columns:
        return table
    return table.assign(who=table["who"].map(lambda ids: ", ".join(map(str, ids))))


def with_leaving_date(staff: pd.DataFrame, staff_id: str | None, when: date | None) -> pd.DataFrame:
    """The roster's staff with one person's leaving date entered on the page (the upload is untouched).

    The single points of failure read it as they read the roster's optional "Leaving date" column
    (:func:`planner.coverage.spof.leaving_dates`): a holder leaving by the look-ahead's end is absent.
    With no person or no date, ``staff`` comes back as it is.
    """
    if not staff_id or when is None:
        return staff
    out = staff.copy()
    if "leaving_date" not in out.columns:
        out["leaving_date"] = None
    out["leaving_date"] = out["leaving_date"].astype(object)
    out.loc[out["staff_id"].astype(str) == str(staff_id), "leaving_date"] = when
    return out


def leaving_note(staff_id: str | None, when: date | None, as_of: date, within_days: int) -> str | None:
    """The sentence under the page's leaving-date entry, or ``None`` when nothing is entered."""
    if not staff_id or when is None:
        return None
    end = as_of + timedelta(days=int(within_days))
    counted = "counted as absent" if when <= end else "not counted (after the look-ahead)"
    return (
        f"{staff_id} leaves on {format_date(when)}: {counted} in the single points of failure, which look "
        f"ahead {within_days} days to {format_date(end)}. The uploaded team is not changed."
    )
