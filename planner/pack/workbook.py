"""The business-case workbook (``business_case.xlsx``) and the optional ``people.xlsx`` of the pack.

Written only through the export primitives (:func:`planner.export.new_workbook`,
:func:`planner.export.write_sheet`, :func:`planner.export.add_native_chart`), so every sheet has a bold,
frozen header with filters, number formats by column, and every text cell is formula-safe.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from planner import export
from planner.export.formats import content_width
from planner.export.tables import SheetTable
from planner.pack.parts import NUMBER_FORMATS, Part
from planner.pack.sources import readable, readable_table

__all__ = ["SHEETS", "business_case_xlsx", "people_xlsx", "summary_table"]

#: The sheets of ``business_case.xlsx``, in order.
SHEETS: tuple[str, ...] = (
    "Summary", "Coverage", "Gaps", "Skill mix", "Least-cost mix", "Trajectory", "Waiting", "Costs", "Sensitivity", "Parameters",
)  # fmt: skip

_CHART_ROWS = 22  # a 400-pixel chart covers about 20 default rows; two rows of space between charts
# write_sheet wraps text in columns wider than 60 characters; 10-point Arial fits about 68 characters
# of text in such a column, and a few more lines than needed is better than overlapping ones
_WRAP_AT = 60
_LINE_POINTS = 12.75  # one line of 10-point Arial


def _fit_rows(ws: Worksheet, table: SheetTable, df: pd.DataFrame, top: Format) -> None:
    """Give rows with wrapped text the height of their lines, with unformatted cells at the top.

    Excel grows such rows when it opens the file, but LibreOffice does not, and its lines would
    overlap the next row. Only row heights and the row's default alignment (``top``, used by cells
    written without a format) are set here; the cells are as write_sheet wrote them.
    """
    wrapped = [
        c
        for c in df.columns
        if not pd.api.types.is_numeric_dtype(df[c].dtype) and content_width(df[c]) + 2 > _WRAP_AT
    ]
    if not wrapped:
        return
    for i, values in enumerate(df[wrapped].itertuples(index=False, name=None)):
        # a little narrower than the column, as proportional text rarely fills it exactly
        lines = max(len(textwrap.wrap(str(v), _WRAP_AT)) if isinstance(v, str) else 1 for v in values)
        if lines > 1:
            ws.set_row(table.header_row + 1 + i, _LINE_POINTS * lines + 2, top)


def _table_name(sheet: str) -> str:
    """The Excel table's name for a sheet: ``Skill mix`` → ``SkillMix`` (letters only, as Excel requires)."""
    return "".join(w[:1].upper() + w[1:] for w in sheet.replace("-", " ").split())


def summary_table(header: Sequence[tuple[str, str, str]], parts: Sequence[Part]) -> pd.DataFrame:
    """The Summary sheet: the pack's identity rows, then every part's key figures with their captions."""
    rows = [*header, *(row for part in parts for row in part.key_figures)]
    return pd.DataFrame(rows, columns=["Measure", "Value", "Caption or note"])


def _below(table: SheetTable, notes: int, index: int) -> str:
    """The cell for the ``index``-th chart under a table and its notes block."""
    first = table.header_row + table.n_rows + (notes + 3 if notes else 2)
    return xl_rowcol_to_cell(first + index * _CHART_ROWS, 0)


def business_case_xlsx(
    summary: pd.DataFrame,
    parts: Sequence[Part],
    *,
    titles: dict[str, str],
    summary_notes: Sequence[str],
) -> bytes:
    """One workbook: Summary, Coverage, Gaps, Skill mix, Parameters, Trajectory, with native charts.

    Args:
        summary: from :func:`summary_table`.
        parts: the coverage, skill-mix and expansion parts (their ``tables`` and ``notes``).
        titles: sheet name → title line above its table.
        summary_notes: lines under the Summary (sources, "aggregates only").

    Returns:
        XLSX bytes. Native Excel charts: the gap by band (Gaps), the trajectory and the cost per year
        (Trajectory); they refer to the cells, so they need no browser and follow any edit.
    """
    tables: dict[str, pd.DataFrame] = {}
    notes: dict[str, list[str]] = {}
    for part in parts:
        tables.update({k: readable_table(v) for k, v in part.tables.items()})
        notes.update({k: [readable(line) for line in v] for k, v in part.notes.items()})
    summary = readable_table(summary)
    summary_notes = [readable(line) for line in summary_notes]
    buffer = io.BytesIO()
    wb = export.new_workbook(buffer)
    ws, table = export.write_sheet(
        wb,
        "Summary",
        summary,
        title=titles.get("Summary"),
        notes=list(summary_notes),
        table_name=_table_name("Summary"),
    )
    top = wb.add_format({"valign": "top", "font_name": "Arial", "font_size": 10})
    _fit_rows(ws, table, summary, top)
    for name in SHEETS[1:]:
        if name not in tables:
            continue
        ws, table = export.write_sheet(
            wb,
            name,
            tables[name],
            title=titles.get(name),
            notes=notes.get(name),
            number_formats=NUMBER_FORMATS,
            table_name=_table_name(name),
        )
        _fit_rows(ws, table, tables[name], top)
        n_notes = len(notes.get(name) or [])
        if name == "Gaps":
            bands = int((tables[name]["By"] == "Band").sum())
            # the band rows come first, so the chart's range is the first ``bands`` rows of the table
            export.add_native_chart(
                wb,
                ws,
                None,
                "column",
                "Category",
                ["Required WTE", "In post WTE", "Gap WTE"],
                "Required, in post and gap by band (WTE)",
                "WTE",
                _below(table, n_notes, 0),
                table=replace(table, n_rows=bands),
                x_title="Agenda for Change band",
            )
        if name == "Trajectory":
            df = tables[name]
            export.add_native_chart(
                wb,
                ws,
                df,
                "line",
                "Year",
                ["Required WTE", "In post WTE", "Gap WTE"],
                "Required, in post and gap by year (WTE)",
                "WTE",
                _below(table, n_notes, 0),
                x_title="Financial year",
            )
            export.add_native_chart(
                wb,
                ws,
                df,
                "column",
                "Year",
                ["Required cost (£ a year)", "In post cost (£ a year)"],
                "Employer cost per year (£)",
                "£ a year",
                _below(table, n_notes, 1),
                x_title="Financial year",
            )
    wb.close()
    return buffer.getvalue()


def people_xlsx(tables: dict[str, pd.DataFrame], *, title: str) -> bytes:
    """``people.xlsx``: per-person coverage and gaps, with staff ids and names (only when asked for).

    Args:
        tables: :func:`planner.pack.parts.people_tables`.
        title: the title line, e.g. the roster's name and date.

    Returns:
        XLSX bytes.
    """
    caution = (
        "Personal data: this file names people. Share it only under your organisation's information "
        "governance; the rest of the pack holds aggregates only."
    )
    return export.table_xlsx(
        tables,
        title={"People": f"People and their coverage: {title}", "Gaps": f"Competency gaps: {title}"},
        notes={
            "People": [caution],
            "Gaps": [caution, "One row per required competency not yet verified (a development need)."],
        },
    )
