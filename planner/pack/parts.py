"""What the business-case pack says, computed once: aggregate tables, key figures, charts and captions.

Three parts, each from the same functions the dashboard uses, so the pack and the pages agree:

* :func:`coverage_part`: :func:`planner.coverage.statuses` and its aggregates by band, function and
  domain, the two heatmaps, and the captions of :mod:`planner.captions`;
* :func:`skill_mix_part`: :mod:`planner.skillmix` (WTE and headcount by band, function, registration and
  service; registered share against the target; supervision ratio; annual cost);
* :func:`planner.pack_expansion.expansion_part`: :func:`planner.projection.project` (gaps by band and
  function, trajectory, waiting list, cost, Monte Carlo) and :mod:`planner.charts_expansion`.

Every table here is an aggregate: no column holds a staff id or a name. Only :func:`people_tables`
(called when the user asks to include names) lists people. Tables use readable column names with
their unit ("Required WTE", "Annual cost (£)", "Coverage (verified share)"), which the export layer
turns into number formats (:func:`planner.export_formats.column_format`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from planner import coverage
from planner.captions import coverage as captions
from planner.captions import skillmix as skillmix_captions
from planner.captions import words
from planner.charts import coverage as charts_coverage
from planner.charts import skillmix as charts_skillmix
from planner.coverage.capability import single_points_of_failure, team_capability, unassigned
from planner.coverage.records import STATUS_LABELS as RECORD_STATUS_LABELS
from planner.reference import frameworks
from planner.skillmix import mix as skillmix
from planner.views.coverage import LONDON_LABEL

__all__ = [
    "COVERAGE_WTE",
    "GAP_PEOPLE",
    "PackChart",
    "Part",
    "coverage_part",
    "people_tables",
    "skill_mix_part",
]

#: Columns whose name alone would give the wrong number format (they mention WTE but are not WTE).
COVERAGE_WTE = "Coverage weighted by WTE"
GAP_PEOPLE = "Gap (people at typical WTE)"
NUMBER_FORMATS = {COVERAGE_WTE: "0.0%", GAP_PEOPLE: "0.0"}


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

_COUNT_NAMES = {
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


def _coverage_rows(group: str, table: pd.DataFrame, key: str | None) -> pd.DataFrame:
    """One group's rows of the long coverage table (groups with no one and nothing required left out)."""
    kept = table[(table["required"] > 0) | (table["people"] > 0)]
    out = pd.DataFrame(
        {
            "Group": group,
            "Category": kept[f"{key}_label"].astype(str).to_numpy() if key else "Whole team",
        },
        index=kept.index,
    )
    for col, name in _COUNT_NAMES.items():
        out[name] = kept[col].to_numpy()
    return out.reset_index(drop=True)


def coverage_part(staff: pd.DataFrame, competencies: pd.DataFrame, framework_id: str, as_of: date) -> Part:
    """Coverage of the framework's competencies on ``as_of``: overall, by band, function and domain.

    Args:
        staff: ``RosterRead.staff``.
        competencies: ``RosterRead.competencies``.
        framework_id: the framework to assess against (``bts``, ``london``, ``homecare``…).
        as_of: the date statuses and expiry are judged on.

    Returns:
        Key figures, the ``Coverage`` table, and the heatmaps band × domain and function × domain.
    """
    fw = frameworks.get(framework_id)
    xc = coverage.cross_cutting_framework()
    st = coverage.statuses(staff, competencies, fw, as_of, cross_cutting=xc)
    totals = coverage.overall(st)
    band = coverage.by_band(st)
    band_domain = coverage.aggregate(st, ["band", "domain_id"])
    function_domain = coverage.aggregate(st, ["function", "domain_id"])
    table = pd.concat(
        [
            _coverage_rows("Team", coverage.aggregate(st, []), None),
            _coverage_rows("Band", band, "band"),
            _coverage_rows("Function", coverage.by_function(st), "function"),
            _coverage_rows("Domain", coverage.by_domain(st), "domain_id"),
        ],
        ignore_index=True,
    )
    cap = team_capability(st, fw, xc, staff=staff)
    band_caption = captions.heatmap_caption(band_domain, "band", "domain_id")
    function_caption = captions.heatmap_caption(function_domain, "function", "domain_id")
    notes = [
        f"Framework: {fw.title}" + (f" ({fw.source.get('version')})" if fw.source.get("version") else ""),
        f"{captions.overall_caption(totals)} {captions.as_of_caption(as_of)}",
        "Coverage is the share of required competencies achieved and signed off (verified); "
        "self-assessed ones are counted beside it, never as verified.",
        captions.spread_caption(band, "band", "band"),
        captions.unassigned_caption(unassigned(staff, fw), fw.title),
    ]
    if fw.id == "london":
        notes.insert(1, f"{LONDON_LABEL}. {' '.join(str(fw.interpretation or '').split())}")
    heat_band = charts_coverage.coverage_heatmap(band_domain, "band", "domain_id")
    heat_function = charts_coverage.coverage_heatmap(function_domain, "function", "domain_id")
    key = [
        ("Framework", fw.title, "Competencies assessed against this framework and the cross-cutting list."),
        (
            "Competency coverage (verified)",
            words.pct(totals["coverage"]),
            captions.overall_caption(totals),
        ),
        ("Weakest area (band × domain)", "", band_caption),
        ("Team capability", "", captions.capability_caption(cap)),
        ("Single points of failure", "", captions.spof_caption(single_points_of_failure(st))),
    ]
    return Part(
        key_figures=key,
        findings=[row[2] for row in key[1:]],
        tables={"Coverage": table},
        notes={"Coverage": notes},
        charts=[
            PackChart(
                "coverage-band-domain",
                "Coverage by band and domain",
                band_caption,
                heat_band,
                height=_height(heat_band),
            ),
            PackChart(
                "coverage-function-domain",
                "Coverage by function and domain",
                function_caption,
                heat_function,
                height=_height(heat_function),
            ),
        ],
    )


# --- skill mix -----------------------------------------------------------------------------------


def _by_service(staff: pd.DataFrame) -> pd.DataFrame:
    """WTE and headcount by service, in the order services first appear."""
    if "service" not in staff.columns or staff.empty:
        return pd.DataFrame(columns=["label", "wte", "headcount", "wte_share"])
    service = staff["service"].fillna("(no service)").astype(str)
    wte = pd.to_numeric(staff["wte"], errors="coerce").fillna(0.0)
    order = list(dict.fromkeys(service))
    by = pd.DataFrame({"service": service, "wte": wte, "staff_id": staff["staff_id"].astype(str)})
    grouped = by.groupby("service", sort=False)
    out = pd.DataFrame(
        {
            "label": order,
            "wte": grouped["wte"].sum().reindex(order).to_numpy(),
            "headcount": grouped["staff_id"].nunique().reindex(order).to_numpy(),
        }
    )
    total = out["wte"].sum()
    return out.assign(wte_share=out["wte"] / total if total > 0 else 0.0)


def _mix_rows(group: str, table: pd.DataFrame, cost: pd.DataFrame | None = None) -> pd.DataFrame:
    kept = table[(table["wte"] > 0) | (table["headcount"] > 0)]
    out = pd.DataFrame(
        {
            "Group": group,
            "Category": kept["label"].astype(str).to_numpy(),
            "WTE": kept["wte"].to_numpy(dtype=float),
            "Headcount": pd.array(kept["headcount"].to_numpy(dtype=int), dtype="Int64"),
            "Share of WTE": kept["wte_share"].to_numpy(dtype=float),
        }
    )
    if cost is not None:
        priced = cost.set_index("band").loc[kept["band"]]
        out["Cost per WTE (£)"] = priced["cost_per_wte"].to_numpy(dtype=float)
        out["Annual cost (£)"] = priced["annual_cost"].to_numpy(dtype=float)
    return out


def skill_mix_part(staff: pd.DataFrame, point: str = "mid", pension: str = "employer") -> Part:
    """The team's skill mix: WTE and headcount by band, function, registration and service, and its cost.

    Args:
        staff: ``RosterRead.staff``.
        point: AfC pay point (``entry``, ``mid``, ``top``), as the scenario's ``pay_point``.
        pension: ``employer`` (14.38%) or ``full`` (23.78%), as the scenario's ``pension_basis``.

    Returns:
        Key figures, the ``Skill mix`` table (with the registered share against the target), notes
        and the charts WTE by band and function and registered share against the target.
    """
    t = skillmix.load_targets()
    band = skillmix.wte_headcount(staff, "band")
    cost = skillmix.mix_cost(staff, point, pension)  # type: ignore[arg-type]
    share = skillmix.registered_share(staff, t)
    ratio = skillmix.supervision_ratio(staff, t)
    people = int(staff["staff_id"].nunique()) if len(staff) else 0
    target_rows = pd.DataFrame(
        {
            "Group": "Registered against target",
            "Category": ["Registered staff in the team", "Target mix"],
            "WTE": [float(share["registered_wte"]), float(share["target_registered_wte"])],
            "Headcount": pd.array([None, None], dtype="Int64"),
            "Share of WTE": [float(share["share"]), float(share["target_share"])],
        }
    )
    table = pd.concat(
        [
            _mix_rows("Band", band, cost),
            _mix_rows("Function", skillmix.wte_headcount(staff, "function")),
            _mix_rows("Registration", skillmix.wte_headcount(staff, "registration")),
            _mix_rows("Service", _by_service(staff)),
            target_rows,
        ],
        ignore_index=True,
    )
    src = t.source
    target_text = (
        f"Target mix {t.registered:g} registered : {t.support:g} support "
        f"({100 * t.registered_share:.0f}% registered). Source: {src.get('title')} "
        f"({src.get('publisher')}, {src.get('date')}) {src.get('url') or ''}".rstrip()
    )
    wte_caption = skillmix_captions.wte_caption(band, people)
    reg_caption = skillmix_captions.registered_caption(share)
    cost_caption = skillmix_captions.cost_caption(cost, point, pension)
    sup_caption = skillmix_captions.supervision_caption(ratio)
    bars = charts_skillmix.wte_stacked_bars(skillmix.wte_by_band_function(staff))
    share_fig = charts_skillmix.registered_share_chart(share)
    return Part(
        key_figures=[
            ("Staff", f"{people:,} people, {float(share['total_wte']):.1f} WTE", wte_caption),
            ("Registered share of WTE", words.pct(share["share"]), reg_caption),
            ("Supervision ratio", "–" if ratio is None else f"{ratio:.2f}", sup_caption),
            ("Annual cost of the team", words.money(float(cost["annual_cost"].sum())), cost_caption),
        ],
        findings=[wte_caption, reg_caption, sup_caption, cost_caption],
        tables={"Skill mix": table},
        notes={
            "Skill mix": [
                wte_caption,
                reg_caption,
                f"Supervision ratio (non-registered WTE per registered WTE): "
                f"{'none (no registered staff)' if ratio is None else f'{ratio:.2f}'}. {sup_caption}",
                target_text,
                t.note,
                cost_caption + " Pay: Agenda for Change 2025/26 (data/pay/afc_2025_26.yaml).",
            ]
        },
        charts=[
            PackChart(
                "wte-band-function", "WTE by band and function", wte_caption, bars, height=_height(bars)
            ),
            PackChart(
                "registered-share",
                "Registered share of WTE against the target",
                reg_caption,
                share_fig,
                height=max(_height(share_fig), 320),
            ),
        ],
    )


# --- people (only when the user asks for names) ---------------------------------------------------


def people_tables(
    staff: pd.DataFrame, competencies: pd.DataFrame, framework_id: str, as_of: date
) -> dict[str, pd.DataFrame]:
    """Per-person coverage and each person's competency gaps, with staff ids and names.

    Only for ``include_names=True``: the default pack holds aggregates only.

    Returns:
        ``{"People": one row per person, "Gaps": one row per competency a person lacks or holds only
        self-assessed}``.
    """
    fw = frameworks.get(framework_id)
    st = coverage.statuses(staff, competencies, fw, as_of, cross_cutting=coverage.cross_cutting_framework())
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
