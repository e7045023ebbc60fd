"""The business-case Word document (``business_case.docx``) of the pack, ready to paste from.

Built with :func:`planner.export.docx_report`: a title, the service and date, the key figures, each
chart with its caption (also the picture's alternative text), the gaps table, the trajectory, and the
assumptions table (every parameter that is an assumption, with why).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from planner import export
from planner.pack.parts import GAP_PEOPLE, NUMBER_FORMATS, PackChart

__all__ = ["business_case_docx"]

_PART_CHARTS = {
    "coverage": ("coverage-band-domain", "coverage-function-domain"),
    "skill_mix": ("wte-band-function", "registered-share"),
    "gaps": ("required-vs-in-post",),
    "trajectory": (
        "gap-trajectory",
        "waiting-list",
        "cost-per-year",
        "uncertainty-fan",
        "required-fan",
        "waiting-target-fan",
    ),
    "sensitivity": ("sensitivity-tornado",),
}


def _figures(
    charts: Sequence[PackChart], pngs: Mapping[str, bytes], keys: Sequence[str]
) -> list[export.Figure]:
    by_key = {c.key: c for c in charts}
    return [export.Figure(pngs[k], by_key[k].caption) for k in keys if k in by_key and k in pngs]


def _gap_tables(gaps: pd.DataFrame) -> list[export.Table]:
    cols = ["Category", "Required WTE", "In post WTE", "Gap WTE", GAP_PEOPLE]
    band = gaps.loc[gaps["By"] == "Band", cols].rename(columns={"Category": "Band"})
    func = gaps.loc[gaps["By"] == "Function", cols].rename(columns={"Category": "Function"})
    return [
        export.Table(
            band, "Required, in-post and gap WTE by band (gap = required − in post)", NUMBER_FORMATS
        ),
        export.Table(func, "Required, in-post and gap WTE by function", NUMBER_FORMATS),
    ]


def business_case_docx(
    *,
    title: str,
    subtitle: str,
    summary: pd.DataFrame,
    intro: Sequence[str],
    findings: Sequence[str],
    charts: Sequence[PackChart],
    pngs: Mapping[str, bytes],
    tables: Mapping[str, pd.DataFrame],
    notes: Mapping[str, Sequence[str]],
    assumptions: pd.DataFrame,
) -> bytes:
    """The Word document.

    Args:
        title: the document title.
        subtitle: service (roster) name, date, scenario and framework.
        summary: the Summary table (``Measure``, ``Value``, ``Caption or note``).
        intro: paragraphs under the Summary heading (what the pack is; aggregates only).
        findings: the one-sentence captions of the key figures, shown as prose after them.
        charts: every chart of the pack.
        pngs: chart key → PNG bytes (the same images as ``charts/*.png``); charts without one are
            left out and ``intro`` should say why.
        tables: the pack's tables by sheet name (``Gaps`` and ``Trajectory`` are used).
        notes: the notes by sheet name (sources and captions shown under each section).
        assumptions: :func:`planner.pack.expansion.assumptions_table`.

    Returns:
        DOCX bytes.
    """
    figures = summary[summary["Value"].astype(str).str.len() > 0]
    key_figures = [(str(m), str(v)) for m, v in zip(figures["Measure"], figures["Value"], strict=True)]
    trajectory = tables["Trajectory"][
        ["Year", "Required WTE", "In post WTE", "Gap WTE", "Required cost (£ a year)"]
    ]
    sections = [
        export.Section("Summary", paragraphs=list(intro), key_figures=key_figures),
        export.Section("What the figures say", paragraphs=list(dict.fromkeys(findings)), level=2),
        export.Section(
            "Competency coverage",
            paragraphs=list(notes.get("Coverage", [])[:3]),
            figures=_figures(charts, pngs, _PART_CHARTS["coverage"]),
        ),
        export.Section(
            "Skill mix",
            paragraphs=list(notes.get("Skill mix", [])[2:4]),
            figures=_figures(charts, pngs, _PART_CHARTS["skill_mix"]),
        ),
        export.Section(
            "Workforce required and the gap now",
            paragraphs=list(notes.get("Gaps", [])[1:3]),
            figures=_figures(charts, pngs, _PART_CHARTS["gaps"]),
            tables=_gap_tables(tables["Gaps"]),
        ),
        export.Section(
            "Trajectory, waiting list and cost",
            paragraphs=list(notes.get("Trajectory", [])[3:4]),
            figures=_figures(charts, pngs, _PART_CHARTS["trajectory"]),
            tables=[
                export.Table(trajectory, "Year by year: required, in post, gap and cost"),
                *(
                    [export.Table(tables["Waiting"], "The waiting target year by year")]
                    if "Waiting" in tables
                    else []
                ),
                *([export.Table(tables["Costs"], "Cost by year")] if "Costs" in tables else []),
            ],
        ),
        export.Section(
            "What moves the requirement most",
            paragraphs=list(notes.get("Sensitivity", [])[:1]) if "Sensitivity" in tables else [],
            figures=_figures(charts, pngs, _PART_CHARTS["sensitivity"]),
            tables=[export.Table(tables["Sensitivity"], "Sensitivity of the requirement")]
            if "Sensitivity" in tables
            else [],
        ),
        export.Section(
            "Assumptions and sources",
            paragraphs=[
                "Every figure in the model has a source or is an assumption. The table lists the "
                "assumptions used here and why each value was chosen; business_case.xlsx (sheet "
                "Parameters) lists every parameter with its source.",
                *notes.get("Parameters", [])[1:],
            ],
            assumptions=assumptions,
        ),
    ]
    return export.docx_report(title, sections, subtitle=subtitle)
