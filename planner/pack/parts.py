"""What the business-case pack says: the pages' views reshaped into key figures, tables, notes and charts.

Nothing here computes a figure. Each part reshapes the view its page renders, so the pack and the
pages agree by construction:

* :func:`coverage_part`: a :class:`planner.views.coverage.CoverageView` (its counts by band, function
  and domain, two heatmaps and captions);
* :func:`skill_mix_part`: a :class:`planner.views.skill_mix.SkillMixView` (WTE and headcount by band,
  function, registration and service; registered share against the target; supervision; cost);
* :func:`planner.pack.expansion.expansion_part`: a :class:`planner.expansion.projection.Projection`
  through the Expansion page's tables (:mod:`planner.views.expansion`).

Every table here is an aggregate: no column holds a staff id or a name. Only :func:`people_tables`
(called when the user asks to include names) lists people. Tables use readable column names with
their unit ("Required WTE", "Annual cost (£)", "Coverage (verified share)"), which the export layer
turns into number formats (:func:`planner.export.formats.column_format`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from planner import coverage
from planner.captions import words
from planner.coverage.records import STATUS_LABELS as RECORD_STATUS_LABELS
from planner.views.coverage import CoverageView
from planner.views.skill_mix import SkillMixView
from planner.vocab import COLUMN_LABELS

__all__ = [
    "COVERAGE_NAMES",
    "COVERAGE_WTE",
    "GAP_PEOPLE",
    "MIX_NAMES",
    "SHORTFALL",
    "PackChart",
    "Part",
    "coverage_part",
    "people_tables",
    "skill_mix_part",
]

#: Columns whose name alone would give the wrong number format (they mention WTE but are not WTE).
COVERAGE_WTE = "Coverage weighted by WTE"
GAP_PEOPLE = COLUMN_LABELS["gap_people"]
#: Number formats where a column's name would mislead :func:`planner.export.formats.column_format` ("Share
#: of WTE" is a share, not WTE; "Pay index" is an index, not money).
#: The sum of the bands' positive gaps, shown beside every net gap (a surplus never hides a shortfall).
SHORTFALL = "Band shortfalls WTE"
NUMBER_FORMATS = {
    COVERAGE_WTE: "0.0%",
    GAP_PEOPLE: "0.0",
    "Share of WTE": "0.0%",
    "Cost per WTE (£)": "£#,##0",
    "Pay index": "0.000",
    "WTE to hold the target": "0.0",  # rounded to 0.1 WTE by the model
    "Value": "General",  # the Parameters sheet: people, shares and minutes in one column, as entered
    "Starters within 90 days (median)": "0.0%",
    "Referrals": "#,##0",
    "Starts": "#,##0",
}


@dataclass(frozen=True)
class PackChart:
    """One chart of the pack: its file stem, title, caption (its text alternative) and size in CSS pixels."""

    key: str
    title: str
    caption: str
    figure: go.Figure
    width: int = 1000
    height: int = 600


@dataclass
class Part:
    """One part of the business case: key figures, tables, notes and charts.

    Attributes:
        key_figures: ``(measure, value as text, caption or note)`` rows for the Summary.
        findings: the part's one-sentence captions, for the prose of the Word document.
        tables: name → aggregate table.
        notes: name → lines shown under that table (sources, captions, caveats).
        charts: the part's charts, in the order the pack shows them.
    """

    key_figures: list[tuple[str, str, str]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    charts: list[PackChart] = field(default_factory=list)


def _height(fig: go.Figure, default: int = 600) -> int:
    """The figure's own layout height when it sets one (heatmaps grow with their rows)."""
    return int(fig.layout.height) if fig.layout.height else default


# --- coverage ------------------------------------------------------------------------------------

#: :meth:`CoverageView.counts` column → the pack's Coverage sheet column (the documented renaming).
COVERAGE_NAMES = {
    "group": "Group",
    "category": "Category",
    "people": "People",
    "wte": "WTE",
    "required": "Required",
    "verified": "Verified",
    "self_assessed": "Self-assessed",
    "expired": "Expired",
    "in_progress": "In progress",
    "missing": "Missing",
    "coverage": "Coverage (verified share)",
    "coverage_wte": COVERAGE_WTE,
}


def coverage_part(view: CoverageView) -> Part:
    """Coverage of the framework's competencies: overall, by band, function and domain.

    Args:
        view: the Coverage page's view for the team, framework and date (:func:`coverage_view`).

    Returns:
        Key figures, the ``Coverage`` table (:meth:`CoverageView.counts` renamed by
        :data:`COVERAGE_NAMES`), and the heatmaps band × domain and function × domain.
    """
    fw = view.framework
    c = view.captions
    notes = [
        f"Framework: {fw.title}" + (f" ({fw.source.get('version')})" if fw.source.get("version") else ""),
        f"{c['overall']} {c['as_of']}",
        "Coverage is the share of required competencies achieved and signed off (verified); "
        "self-assessed ones are counted beside it, never as verified.",
        c["by_band"],
        c["unassigned"],
    ]
    if fw.id == "london":
        notes.insert(1, " ".join(str(view.interpretation).split()))
    heat_band = view.band_heatmap()
    heat_function = view.function_heatmap()
    key = [
        ("Framework", fw.title, "Competencies assessed against this framework and the cross-cutting list."),
        ("Competency coverage (verified)", words.pct(view.overall["coverage"]), c["overall"]),
        ("Weakest area (band × domain)", "", c["band_heatmap"]),
        ("Team capability", "", c["capability"]),
        ("Single points of failure", "", c["spof"]),
    ]
    return Part(
        key_figures=key,
        findings=[row[2] for row in key[1:]],
        tables={"Coverage": view.counts().rename(columns=COVERAGE_NAMES)},
        notes={"Coverage": notes},
        charts=[
            PackChart(
                "coverage-band-domain",
                "Coverage by band and domain",
                c["band_heatmap"],
                heat_band,
                height=_height(heat_band),
            ),
            PackChart(
                "coverage-function-domain",
                "Coverage by function and domain",
                c["function_heatmap"],
                heat_function,
                height=_height(heat_function),
            ),
        ],
    )


# --- skill mix -----------------------------------------------------------------------------------

#: :meth:`SkillMixView.mix` column → the pack's Skill mix sheet column (the documented renaming).
MIX_NAMES = {
    "group": "Group",
    "category": "Category",
    "wte": "WTE",
    "headcount": "Headcount",
    "wte_share": "Share of WTE",
    "cost_per_wte": "Cost per WTE (£)",
    "annual_cost": "Annual cost (£)",
}


def skill_mix_part(view: SkillMixView) -> Part:
    """The team's skill mix: WTE and headcount by band, function, registration and service, and its cost.

    Args:
        view: the Skill mix page's view at the scenario's pay point and pension basis
            (:func:`skill_mix_view`).

    Returns:
        Key figures, the ``Skill mix`` table (:meth:`SkillMixView.mix` renamed by :data:`MIX_NAMES`),
        notes and the charts WTE by band and function and registered share against the target.
    """
    c = view.captions
    ratio = view.ratio
    bars = view.bars()
    share_fig = view.share_chart()
    return Part(
        key_figures=[
            ("Staff", f"{view.people:,} people, {float(view.share['total_wte']):.1f} WTE", c["wte"]),
            (
                "Registered share of WTE",
                view.share_metric("share"),
                c["registered"],
            ),
            ("Supervision ratio", "–" if ratio is None else f"{ratio:.2f}", c["supervision"]),
            ("Annual cost of the team", words.money(float(view.cost["annual_cost"].sum())), c["cost"]),
        ],
        findings=[c["wte"], c["registered"], c["supervision"], c["cost"]],
        tables={"Skill mix": view.mix().rename(columns=MIX_NAMES)},
        notes={
            "Skill mix": [
                c["wte"],
                c["registered"],
                f"Supervision ratio (non-registered WTE per registered WTE): "
                f"{_ratio_words(ratio, view.share)}. {c['supervision']}",
                c["target"],
                view.targets.note,
                c["cost"] + " Pay: Agenda for Change 2025/26 (data/pay/afc_2025_26.yaml).",
            ]
        },
        charts=[
            PackChart("wte-band-function", "WTE by band and function", c["wte"], bars, height=_height(bars)),
            PackChart(
                "registered-share",
                "Registered share of WTE against the target",
                c["registered"],
                share_fig,
                height=max(_height(share_fig), 320),
            ),
        ],
    )


# --- people (only when the user asks for names) ---------------------------------------------------


def people_tables(view: CoverageView, staff: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per-person coverage and each person's competency gaps, with staff ids and names.

    Only for ``include_names=True``: the default pack holds aggregates only.

    Args:
        view: the Coverage view the pack's Coverage sheet comes from (its statuses are reused).
        staff: ``RosterRead.staff`` (for names, services and bands).

    Returns:
        ``{"People": one row per person, "Gaps": one row per competency a person lacks or holds only
        self-assessed}``.
    """
    st = view.statuses
    per = coverage.aggregate(st, ["staff_id"])
    per = per[per["required"] > 0]
    first = staff.drop_duplicates("staff_id").assign(staff_id=lambda d: d["staff_id"].astype(str))
    info = first.set_index("staff_id")
    ids = per["staff_id"].astype(str)
    people = pd.DataFrame(
        {
            "Staff ID": ids.to_numpy(),
            "Name": info["name"].reindex(ids).to_numpy() if "name" in info else None,
            "Service": info["service"].reindex(ids).to_numpy() if "service" in info else None,
            "Band": info["band"].reindex(ids).to_numpy(),
            "WTE": per["wte"].to_numpy(dtype=float),
            "Required": per["required"].to_numpy(),
            "Verified": per["verified"].to_numpy(),
            "Self-assessed": per["self_assessed"].to_numpy(),
            "Expired": per["expired"].to_numpy(),
            "In progress": per["in_progress"].to_numpy(),
            "Missing": per["missing"].to_numpy(),
            "Coverage (verified share)": per["coverage"].to_numpy(dtype=float),
        }
    )
    lacking = st[st["status"].astype(str) != "verified"]
    names = info["name"] if "name" in info else pd.Series(dtype=object)
    gaps = pd.DataFrame(
        {
            "Staff ID": lacking["staff_id"].astype(str).to_numpy(),
            "Name": names.reindex(lacking["staff_id"].astype(str)).to_numpy(),
            "Competency": lacking["competency_id"].astype(str).to_numpy(),
            "Statement": lacking["text"].astype(str).to_numpy(),
            "Domain": lacking["domain"].astype(str).to_numpy(),
            "Status": [RECORD_STATUS_LABELS.get(s, s) for s in lacking["status"].astype(str)],
        }
    )
    return {"People": people, "Gaps": gaps}


def _ratio_words(ratio: float | None, share: dict) -> str:
    """The supervision ratio in words; "not recorded" when the roster records no registration."""
    if ratio is not None:
        return f"{ratio:.2f}"
    return "not recorded" if share.get("registered_wte") is None else "none (no registered staff)"
