"""Show a view's table for people: headers in words, £ and % formats, glossary help on the headers.

``from pages._tables import show_table``. Not a page (the leading underscore keeps it out of page
discovery). The words and order come from :func:`planner.views.tables.for_people`; this module only
turns :func:`planner.views.tables.column_specs` into Streamlit's ``column_config``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._downloads import table_downloads
from planner.views.tables import ColumnSpec, column_specs, for_people

__all__ = ["NO_TOOLBAR", "column_config", "show_table"]

#: Plotly's toolbar links have no accessible names (plotly.js #6645), so charts are shown without it;
#: every chart has its PNG, SVG and HTML download buttons instead.
NO_TOOLBAR = {"displayModeBar": False, "displaylogo": False}

#: Streamlit number formats (sprintf-js; "percent" multiplies by 100) per column kind.
_FORMATS = {"money": "£%,.0f", "share": "percent", "wte": "%.2f", "count": "%,d", "number": None}


def _config(label: str, spec: ColumnSpec) -> object:
    if spec.kind == "date":
        return st.column_config.DateColumn(label, format="D MMM YYYY", help=spec.help)
    if spec.kind in _FORMATS:
        return st.column_config.NumberColumn(label, format=_FORMATS[spec.kind], help=spec.help)
    return st.column_config.TextColumn(label, help=spec.help)


def column_config(df: pd.DataFrame) -> dict[str, object]:
    """Streamlit's ``column_config`` for a frame from :func:`for_people`."""
    return {label: _config(label, spec) for label, spec in column_specs(df).items()}


def show_table(
    df: pd.DataFrame,
    kind: str,
    key: str,
    *,
    download: tuple[str, str] | None = None,
    include_names: bool = False,
) -> pd.DataFrame:
    """Show ``df`` in words with formats, and (if ``download`` names it) its Excel and CSV buttons.

    Args:
        df: the view's table.
        kind: the table kind for :func:`planner.views.tables.for_people`.
        key: the dataframe's widget key.
        download: ``(name, key prefix)`` of the table's download buttons, or ``None`` for none.
        include_names: keep columns of people's names in the downloads.

    Returns:
        The frame as shown.
    """
    shown = for_people(df, kind)
    st.dataframe(shown, hide_index=True, key=key, column_config=column_config(shown))
    if download is not None:
        table_downloads(shown, *download, include_names=include_names)
    return shown
