"""Native Excel charts (xlsxwriter) over tables written by :func:`planner.export.tables.write_sheet`.

They need no browser, render in Excel and LibreOffice, and follow the cells if a user edits them.
Series are coloured from the Okabe–Ito palette, NHS blue first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner import style
from planner.export.tables import SheetTable, tables_on

__all__ = ["add_native_chart"]

_KINDS = {"column": {"type": "column"}, "bar": {"type": "bar"}, "line": {"type": "line"}}


def add_native_chart(
    workbook: Workbook,
    worksheet: Worksheet,
    df: pd.DataFrame | None,
    kind: str,
    categories_col: str,
    value_cols: Sequence[str],
    title: str,
    y_title: str,
    anchor: str,
    *,
    table: SheetTable | None = None,
    x_title: str | None = None,
) -> Any:
    """Insert a native Excel chart of a table already written with :func:`write_sheet`.

    The chart refers to the cells, so it renders in Excel and LibreOffice without any browser, and
    follows the numbers if a user edits them.

    Args:
        workbook: the workbook.
        worksheet: the sheet the chart is placed on.
        df: the table that was written (used to find it on ``worksheet``); may be None with ``table``.
        kind: ``"column"``, ``"bar"`` (horizontal) or ``"line"``.
        categories_col: the column giving the categories (x axis; y axis for ``"bar"``).
        value_cols: one series per column, coloured from the Okabe–Ito palette, NHS blue first.
        title: the chart title.
        y_title: the value-axis title, with units (e.g. "WTE").
        anchor: the top-left cell, e.g. ``"H3"``.
        table: where the data is; default: the last table written on ``worksheet`` with these columns.
        x_title: the category-axis title.

    Returns:
        The xlsxwriter chart.

    Raises:
        ValueError: unknown kind, or the data cannot be found on the sheet.
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {sorted(_KINDS)}, not {kind!r}")
    wanted = [str(categories_col), *(str(c) for c in value_cols)]
    if table is None:
        n_rows = -1 if df is None else len(df)
        candidates = [t for t in tables_on(worksheet) if set(wanted) <= set(t.columns) and t.n_rows == n_rows]
        if not candidates:
            raise ValueError(
                f"no table with columns {wanted} and {n_rows} rows was written on this worksheet; "
                "write it with write_sheet() first, or pass table="
            )
        table = candidates[-1]
    for name in wanted:
        table.col(name)
    chart = workbook.add_chart(_KINDS[kind])
    for i, col in enumerate(value_cols):
        colour = style.CATEGORICAL[i % len(style.CATEGORICAL)]
        series: dict[str, Any] = {
            "name": [table.sheet, table.header_row, table.col(str(col))],
            "categories": table.cells(str(categories_col)),
            "values": table.cells(str(col)),
        }
        if kind == "line":
            series["line"] = {"color": colour, "width": 2.25}
            series["marker"] = {
                "type": "circle",
                "size": 6,
                "fill": {"color": colour},
                "border": {"color": colour},
            }
        else:
            series["fill"] = {"color": colour}
            series["border"] = {"none": True}
        chart.add_series(series)
    font = {"name": "Arial", "size": 10, "color": "#212B32"}
    chart.set_title(
        {"name": title, "name_font": {"name": "Arial", "size": 12, "bold": True, "color": "#212B32"}}
    )
    value_axis = {
        "name": y_title,
        "name_font": font,
        "num_font": font,
        "major_gridlines": {"visible": True, "line": {"color": style.NHS_PALE_GREY}},
        "line": {"none": True},
    }
    fmt = table.formats[table.col(str(value_cols[0]))] if value_cols else None
    if fmt:
        value_axis["num_format"] = fmt
    category_axis = {"name": x_title, "name_font": font, "num_font": font} if x_title else {"num_font": font}
    if kind == "bar":
        chart.set_x_axis(value_axis)
        chart.set_y_axis({**category_axis, "reverse": True})
    else:
        chart.set_y_axis(value_axis)
        chart.set_x_axis(category_axis)
    chart.set_legend({"position": "bottom", "font": font} if len(value_cols) > 1 else {"none": True})
    chart.set_size({"width": 720, "height": 400})
    chart.set_chartarea({"border": {"none": True}})
    worksheet.insert_chart(anchor, chart)
    return chart
