"""Download buttons for any chart (PNG, SVG, HTML) or table (XLSX, CSV). Not a page: pages import it.

``from pages._downloads import chart_downloads, table_downloads``. The leading underscore keeps it out of
Streamlit's page discovery. Every file is made only when its button is pressed (a callable ``data`` is
deferred by ``st.download_button``), so a page rerun never starts the browser or writes a workbook.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from planner import export

__all__ = ["chart_downloads", "table_downloads"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chart_downloads(
    fig_factory: Callable[[], go.Figure],
    name: str,
    caption: str,
    key: str,
    *,
    width: int = 1000,
    height: int = 600,
) -> None:
    """PNG (2×), SVG and interactive HTML buttons for a chart, each made only when pressed.

    Args:
        fig_factory: builds the figure (with an explicit template) when a download is asked for; it
            runs on a background thread, so it must not call Streamlit.
        name: the chart's name, used for the file names ("Gaps by band" → ``gaps-by-band.png``).
        caption: the chart's one-sentence caption: the SVG's and HTML page's text alternative.
        key: a unique prefix for the three buttons' keys (``<key>_png``, ``<key>_svg``, ``<key>_html``).
        width: image width in CSS pixels (the PNG is twice as many pixels wide).
        height: image height in CSS pixels.
    """
    stem = export.safe_filename(name, default="chart")
    no_browser = export.browser_path() is None
    why = "Image export needs Chromium on the server (apt-get install chromium)." if no_browser else None
    row = st.container(horizontal=True, gap="small", key=f"{key}_downloads")
    row.download_button(
        "PNG image",
        data=lambda: export.figure_png(fig_factory(), width=width, height=height, scale=2),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        icon=":material/image:",
        disabled=no_browser,
        help=why or "A picture for Word or PowerPoint, at twice screen resolution.",
    )
    row.download_button(
        "SVG image",
        data=lambda: export.figure_svg(fig_factory(), width=width, height=height, alt=caption),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        key=f"{key}_svg",
        on_click="ignore",
        icon=":material/draw:",
        disabled=no_browser,
        help=why or "A sharp vector picture that scales to any size.",
    )
    row.download_button(
        "Interactive HTML",
        data=lambda: export.figure_html(fig_factory(), title=name, alt=caption),
        file_name=f"{stem}.html",
        mime="text/html",
        key=f"{key}_html",
        on_click="ignore",
        icon=":material/language:",
        help="The interactive chart as one web page; it opens offline in any browser.",
    )


def table_downloads(df: pd.DataFrame, name: str, key: str, include_names: bool = False) -> None:
    """Excel and CSV buttons for a table, each made only when pressed.

    Args:
        df: the table as shown.
        name: the table's name, used for the file names and the workbook's title line.
        key: a unique prefix for the two buttons' keys (``<key>_xlsx``, ``<key>_csv``).
        include_names: keep columns of people's names (``name``, ``signed_off_by``…); by default
            they are left out.
    """
    table = df.copy() if include_names else export.without_names(df)
    stem = export.safe_filename(name, default="table")
    row = st.container(horizontal=True, gap="small", key=f"{key}_downloads")
    row.download_button(
        "Excel (.xlsx)",
        data=lambda: export.table_xlsx({name or "Data": table}, title=name),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        key=f"{key}_xlsx",
        on_click="ignore",
        icon=":material/table_view:",
        help="A formatted workbook: number formats, frozen header, filters.",
    )
    row.download_button(
        "CSV",
        data=lambda: export.table_csv(table),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/description:",
        help="Plain text for other tools (UTF-8; opens correctly in Excel).",
    )
