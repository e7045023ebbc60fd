"""The business-case Word document (``business_case.docx``) of the pack: a board paper.

Built with :func:`planner.export.docx_report`, marked OFFICIAL in the header and footer with page
numbers and a contents list: what is asked (the model's finding) and the options appraisal first, then
the key figures, each chart with its caption (also the picture's alternative text), the gaps, the
trajectory, the assumptions with readable citations, and what anyone needs to rebuild the pack. Every
text passes through :func:`planner.pack.sources.readable`, so no data file's name reaches the reader.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from planner import export
from planner.export.formats import MONEY_FORMAT, SHARE_FORMAT, WTE_FORMAT
from planner.pack.parts import GAP_PEOPLE, NUMBER_FORMATS, SHORTFALL, PackChart
from planner.pack.sources import readable, readable_table

__all__ = ["MARKING", "business_case_docx"]

#: The Government Security Classification of a business case built from aggregate workforce figures.
MARKING = "OFFICIAL"

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
_OPTION_FORMATS = {
    "Required WTE, target year": WTE_FORMAT,
    "Funded WTE, target year": WTE_FORMAT,
    "Cost in the target year (£)": MONEY_FORMAT,
    "Whole-period cost (£)": MONEY_FORMAT,
    "Chance of meeting it, target year": SHARE_FORMAT,
}


def _figures(
    charts: Sequence[PackChart], pngs: Mapping[str, bytes], keys: Sequence[str]
) -> list[export.Figure]:
    by_key = {c.key: c for c in charts}
    return [export.Figure(pngs[k], readable(by_key[k].caption)) for k in keys if k in by_key and k in pngs]


def _paragraphs(lines: Sequence[str]) -> list[str]:
    return [readable(line) for line in lines]


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
    ask: Sequence[str],
    options: pd.DataFrame,
    findings: Sequence[str],
    charts: Sequence[PackChart],
    pngs: Mapping[str, bytes],
    tables: Mapping[str, pd.DataFrame],
    notes: Mapping[str, Sequence[str]],
    assumptions: pd.DataFrame,
    allocation: pd.DataFrame,
    rebuild: Sequence[tuple[str, str]],
) -> bytes:
    """The Word document.

    Args:
        title: the document title.
        subtitle: service (roster) name, date, scenario and framework.
        summary: the Summary table (``Measure``, ``Value``, ``Caption or note``).
        intro: paragraphs under the key figures (what the pack is; aggregates only).
        ask: what is asked, as the model's finding (:func:`planner.pack.options.the_ask`).
        options: the options appraisal (:func:`planner.pack.options.options_table`).
        findings: the one-sentence captions of the key figures, shown as prose after them.
        charts: every chart of the pack.
        pngs: chart key → PNG bytes (the same images as ``charts/*.png``); charts without one are
            left out and ``intro`` should say why.
        tables: the pack's tables by sheet name (``Gaps`` and ``Trajectory`` are used).
        notes: the notes by sheet name (sources and captions shown under each section).
        assumptions: :func:`planner.pack.expansion.assumptions_table`.
        allocation: the share of each activity's hours by band
            (:func:`planner.views.expansion.allocation_table`), shown as a table of percentages.
        rebuild: ``(what, value)`` pairs: the scenario file, runs, seed, code and data versions.

    Returns:
        DOCX bytes.
    """
    figures = summary[summary["Value"].astype(str).str.len() > 0]
    key_figures = [
        (readable(str(m)), readable(str(v)))
        for m, v in zip(figures["Measure"], figures["Value"], strict=True)
    ]
    trajectory = tables["Trajectory"][
        ["Year", "Required WTE", "In post WTE", "Gap WTE", SHORTFALL, "Required cost (£ a year)"]
    ]
    optional = [
        export.Table(readable_table(tables[name]), caption, NUMBER_FORMATS)
        for name, caption in (("Waiting", "The waiting target year by year"), ("Costs", "Cost by year"))
        if name in tables
    ]
    sections = [
        export.Section(
            "What is asked",
            paragraphs=_paragraphs(ask),
            tables=[
                export.Table(
                    readable_table(options), "Options appraisal: do nothing and each option", _OPTION_FORMATS
                )
            ],
        ),
        export.Section("Key figures", paragraphs=_paragraphs(intro), key_figures=key_figures),
        export.Section("What the figures say", paragraphs=_paragraphs(dict.fromkeys(findings)), level=2),
        export.Section(
            "Competency coverage",
            paragraphs=_paragraphs(notes.get("Coverage", [])[:3]),
            figures=_figures(charts, pngs, _PART_CHARTS["coverage"]),
        ),
        export.Section(
            "Skill mix",
            paragraphs=_paragraphs(notes.get("Skill mix", [])[2:4]),
            figures=_figures(charts, pngs, _PART_CHARTS["skill_mix"]),
        ),
        export.Section(
            "Least-cost skill mix",
            paragraphs=_paragraphs(notes.get("Least-cost mix", [])),
            tables=[
                export.Table(
                    readable_table(tables["Least-cost mix"]),
                    "WTE by band: the least-cost mix, the policy mix and the team in post",
                    NUMBER_FORMATS,
                )
            ]
            if "Least-cost mix" in tables
            else [],
        ),
        export.Section(
            "Workforce required and the gap now",
            paragraphs=_paragraphs(notes.get("Gaps", [])[1:3]),
            figures=_figures(charts, pngs, _PART_CHARTS["gaps"]),
            tables=_gap_tables(tables["Gaps"]),
        ),
        export.Section(
            "Trajectory, waiting list and cost",
            paragraphs=_paragraphs(notes.get("Trajectory", [])[3:4]),
            figures=_figures(charts, pngs, _PART_CHARTS["trajectory"]),
            tables=[
                export.Table(trajectory, "Year by year: required, in post, gap and cost", NUMBER_FORMATS),
                *optional,
            ],
        ),
        export.Section(
            "What moves the requirement most",
            paragraphs=_paragraphs(notes.get("Sensitivity", [])[:1]) if "Sensitivity" in tables else [],
            figures=_figures(charts, pngs, _PART_CHARTS["sensitivity"]),
            tables=[export.Table(readable_table(tables["Sensitivity"]), "Sensitivity of the requirement")]
            if "Sensitivity" in tables
            else [],
        ),
        export.Section(
            "Assumptions and sources",
            paragraphs=[
                "Every figure in the model has a source or is an assumption. The table gives each "
                "parameter's value in words with a readable citation (publisher, title, year and link), or "
                "the word Assumption and why the value was chosen; the workbook's Parameters sheet lists "
                "the same.",
                *_paragraphs(notes.get("Parameters", [])[1:]),
            ],
            tables=[
                export.Table(
                    allocation,
                    "Share of each activity's hours by band (an assumption: replace with local job plans)",
                    {c: SHARE_FORMAT for c in allocation.columns if c != "Activity"},
                )
            ],
            assumptions=readable_table(assumptions),
        ),
        export.Section(
            "How to rebuild this pack",
            paragraphs=[
                "The same scenario file, team, date, number of runs, seed, code version and data files "
                "give the same figures."
            ],
            key_figures=list(rebuild),
        ),
    ]
    return export.docx_report(title, sections, subtitle=subtitle, marking=MARKING, contents=True)
