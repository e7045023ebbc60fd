"""Plotly figures for the coverage and skill-mix pages: heatmaps, stacked WTE bars, registered share.

Every figure carries an explicit ``plotly_white`` template (so exports never pick up Streamlit's
placeholder colours), NHS identity colours, the Okabe–Ito colour-blind-safe palette for categories,
a title and axis labels with units. Heatmap cells carry their keys and counts in ``customdata`` so a
selected cell can be traced back to the people and statements behind it
(:func:`planner.drilldown.selected_cell`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from planner.charts.style import (
    CATEGORICAL,
    FONT,
    NHS_BLUE,
    NHS_DARK_GREY,
    SEQUENTIAL,
    TEMPLATE,
)
from planner.vocab import FUNCTIONS

#: Stable colour per function (and "not recorded"), so every chart colours a function the same way.
FUNCTION_COLOURS: dict[str, str] = {
    **{f: CATEGORICAL[i] for i, f in enumerate(FUNCTIONS)},
    "not_recorded": NHS_DARK_GREY,
}
AXIS_TITLES: dict[str, str] = {
    "band": "Agenda for Change band",
    "function": "Function (London PR)",
    "domain_id": "Framework domain",
    "area_id": "Area",
}


def _layout(fig: go.Figure, title: str, **kwargs: Any) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title, "x": 0, "xanchor": "left"},
        font=FONT,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        **kwargs,
    )
    return fig


def coverage_heatmap(table: pd.DataFrame, row_key: str, col_key: str, title: str | None = None) -> go.Figure:
    """Heatmap of coverage (share of required competencies verified), rows × columns.

    Rows and columns with nothing required anywhere are left out; a cell with nothing required is
    blank (not 0%) so "no one is asked for this" is not confused with "no one holds it".

    Args:
        table: :func:`planner.coverage.aggregate` by ``[row_key, col_key]``.
        row_key: e.g. ``"band"`` or ``"function"``.
        col_key: e.g. ``"domain_id"``.
        title: the chart title; a default names the two keys.

    Returns:
        A figure with one heatmap trace; ``customdata`` per cell is ``[row key, column key,
        verified, required, self_assessed, people]``.
    """
    used_rows = table.groupby(row_key, sort=False)["required"].sum()
    used_cols = table.groupby(col_key, sort=False)["required"].sum()
    rows = [r for r in used_rows.index if used_rows[r] > 0]
    cols = [c for c in used_cols.index if used_cols[c] > 0]
    t = table[table[row_key].isin(rows) & table[col_key].isin(cols)]
    row_labels = table.drop_duplicates(row_key).set_index(row_key)[f"{row_key}_label"]
    col_labels = table.drop_duplicates(col_key).set_index(col_key)[f"{col_key}_label"]

    def grid(column: str) -> np.ndarray:
        if t.empty:
            return np.zeros((len(rows), len(cols)))
        wide = t.pivot_table(index=row_key, columns=col_key, values=column, aggfunc="sum", observed=True)
        return wide.reindex(index=rows, columns=cols).fillna(0).to_numpy()

    required = grid("required")
    z = np.where(required > 0, grid("coverage"), np.nan)
    text = [
        [f"{100 * v:.0f}%" if r > 0 else "" for v, r in zip(zr, rr, strict=True)]
        for zr, rr in zip(z, required, strict=True)
    ]
    keys_r = np.repeat(np.array(rows, dtype=object)[:, None], len(cols), axis=1)
    keys_c = np.repeat(np.array(cols, dtype=object)[None, :], len(rows), axis=0)
    counts = [grid(c).astype(int) for c in ("verified", "required", "self_assessed", "people")]
    layers = [keys_r, keys_c, *counts]
    custom = np.stack([np.asarray(a, dtype=object).reshape(len(rows), len(cols)) for a in layers], axis=-1)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[col_labels[c] for c in cols],
            y=[row_labels[r] for r in rows],
            text=text,
            texttemplate="%{text}",
            customdata=custom,
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": "Verified"}, "tickformat": ".0%"},
            hovertemplate=(
                "%{y} × %{x}<br>Verified: %{customdata[2]} of %{customdata[3]} required (%{z:.0%})"
                "<br>Self-assessed: %{customdata[4]}<br>People: %{customdata[5]}<extra></extra>"
            ),
        )
    )
    short = {"band": "band", "function": "function", "domain_id": "domain", "area_id": "area"}
    default = f"Coverage by {short.get(row_key, row_key)} and {short.get(col_key, col_key)} (% verified)"
    _layout(fig, title or default, height=max(320, 60 + 42 * len(rows)))
    fig.update_xaxes(title_text=AXIS_TITLES.get(col_key, col_key), side="bottom", tickangle=-20)
    fig.update_yaxes(title_text=AXIS_TITLES.get(row_key, row_key), autorange="reversed")
    return fig


def wte_stacked_bars(grid: pd.DataFrame, title: str = "WTE by band and function") -> go.Figure:
    """Stacked bars of WTE by band, one colour per function.

    Args:
        grid: :func:`planner.skillmix.wte_by_band_function` (band × function, long form).
        title: the chart title.

    Bands from the most junior to the most senior band with any WTE are shown, so a gap (a band
    with no one in it) stays visible as an empty slot.
    """
    by_band = grid.groupby("band", sort=False)["wte"].sum()
    present = [i for i, b in enumerate(by_band.index) if by_band[b] > 0]
    bands = list(by_band.index[present[0] : present[-1] + 1]) if present else []
    fig = go.Figure()
    for function, part in grid[grid["band"].isin(bands)].groupby("function", sort=False):
        if part["wte"].sum() <= 0:
            continue
        fig.add_bar(
            x=part["band_label"],
            y=part["wte"],
            name=str(part["function_label"].iloc[0]),
            marker_color=FUNCTION_COLOURS.get(str(function), NHS_DARK_GREY),
            hovertemplate="%{x}<br>%{fullData.name}: %{y:.2f} WTE<extra></extra>",
        )
    _layout(
        fig,
        title,
        barmode="stack",
        legend={"title": {"text": "Function"}, "traceorder": "normal"},
        height=420,
    )
    fig.update_xaxes(title_text="Agenda for Change band", type="category")
    fig.update_yaxes(title_text="Whole-time equivalent (WTE)", rangemode="tozero")
    return fig


def registered_share_chart(
    share: dict[str, Any], title: str = "Registered share of WTE against the target"
) -> go.Figure:
    """Two 100% bars, the team and the target, split into registered and non-registered shares.

    Args:
        share: :func:`planner.skillmix.registered_share`.
        title: the chart title.
    """
    team = float(share["share"])
    target = float(share["target_share"])
    fig = go.Figure()
    fig.add_bar(
        y=["Team", "Target"],
        x=[team, target],
        name="Registered",
        orientation="h",
        marker_color=NHS_BLUE,
        text=[f"{100 * team:.0f}%", f"{100 * target:.0f}%"],
        textposition="inside",
        hovertemplate="%{y}: %{x:.0%} registered<extra></extra>",
    )
    fig.add_bar(
        y=["Team", "Target"],
        x=[1 - team, 1 - target],
        name="Not registered (support)",
        orientation="h",
        marker_color=CATEGORICAL[1],
        text=[f"{100 * (1 - team):.0f}%", f"{100 * (1 - target):.0f}%"],
        textposition="inside",
        hovertemplate="%{y}: %{x:.0%} not registered<extra></extra>",
    )
    _layout(
        fig,
        title,
        barmode="stack",
        height=260,
        legend={"orientation": "h", "y": -0.35, "traceorder": "normal"},
    )
    fig.update_xaxes(title_text="Share of WTE (%)", tickformat=".0%", range=[0, 1.001], dtick=0.2)
    fig.update_yaxes(title_text="", autorange="reversed")
    return fig
