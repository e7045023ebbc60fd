"""Plotly figures for the Coverage screen and pack: coverage heatmaps and status bars.

Every figure carries an explicit ``plotly_white`` template (so exports never pick up Streamlit's
placeholder colours), NHS identity colours, the Okabe–Ito colour-blind-safe palette for categories,
a title and axis labels with units. Heatmap cells carry their keys and counts in ``customdata`` so a
selected cell can be traced back to the people and statements behind it
(:func:`planner.coverage.drilldown.selected_cell`). A Plotly heatmap emits no selection in Streamlit,
so each heatmap has a second trace: one invisible square marker at the centre of every cell, with the
same ``customdata``, that a click selects (drawn as an outline round the selected cell). The skill-mix figures are in
:mod:`planner.charts.skillmix`.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from planner.style import NHS_RED, SEQUENTIAL, house_layout

#: Axis title per grouping key, with its unit or source where it has one.
AXIS_TITLES: dict[str, str] = {
    "band": "Agenda for Change band",
    "function": "Function (London PR)",
    "domain_id": "Framework domain",
    "area_id": "Area",
}


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
        A figure with the heatmap trace, then the invisible click targets (one point per cell, row
        by row); ``customdata`` per cell is ``[row key, column key, verified, required,
        self_assessed, people]`` in both.
    """
    used_rows = table.groupby(row_key, sort=False)["required"].sum()
    used_cols = table.groupby(col_key, sort=False)["required"].sum()
    rows = [r for r in used_rows.index if used_rows[r] > 0]
    cols = [c for c in used_cols.index if used_cols[c] > 0]
    t = table[table[row_key].isin(rows) & table[col_key].isin(cols)]
    row_labels = table.drop_duplicates(row_key).set_index(row_key)[f"{row_key}_label"]
    col_labels = table.drop_duplicates(col_key).set_index(col_key)[f"{col_key}_label"]

    measures = ["required", "coverage", "verified", "self_assessed", "people"]
    # One pivot for every measure (each column summed on its own, empty cells 0 after the reindex).
    wide = (
        None
        if t.empty
        else t.pivot_table(index=row_key, columns=col_key, values=measures, aggfunc="sum", observed=True)
    )

    def grid(column: str) -> np.ndarray:
        if wide is None:
            return np.zeros((len(rows), len(cols)))
        one = wide[column] if column in wide.columns.get_level_values(0) else pd.DataFrame()
        return one.reindex(index=rows, columns=cols).fillna(0).to_numpy()

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
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": "Verified"}, "tickformat": ".0%"},
            hoverinfo="skip",
            customdata=custom,
            name="Coverage",
        )
    )
    fig.add_trace(_click_targets(rows, cols, row_labels, col_labels, custom, z))
    # Every click lands on the nearest cell centre, i.e. on the cell clicked.
    fig.update_layout(hovermode="closest", hoverdistance=-1, clickmode="event+select", dragmode=False)
    short = {"band": "band", "function": "function", "domain_id": "domain", "area_id": "area"}
    default = f"Coverage by {short.get(row_key, row_key)} and {short.get(col_key, col_key)} (% verified)"
    house_layout(fig, title or default, height=heatmap_height(len(rows)))
    fig.update_layout(margin={"t": HEATMAP_TOP})
    fig.update_traces(textfont={"size": HEATMAP_TEXT})
    # Long domain names wrap onto short lines under their column instead of slanting into each other.
    x_labels = [col_labels[c] for c in cols]
    fig.update_xaxes(
        title_text=AXIS_TITLES.get(col_key, col_key),
        side="bottom",
        tickangle=0,
        tickfont={"size": 12},
        tickmode="array",
        tickvals=x_labels,
        ticktext=["<br>".join(textwrap.wrap(str(label), 16)) for label in x_labels],
    )
    # Rows tall enough that the rotated axis title fits beside the plot, not up into the chart title.
    fig.update_yaxes(
        title_text=AXIS_TITLES.get(row_key, row_key), autorange="reversed", tickfont={"size": 12}
    )
    return fig


def _click_targets(
    rows: list, cols: list, row_labels: pd.Series, col_labels: pd.Series, custom: np.ndarray, z: np.ndarray
) -> go.Scatter:
    """One invisible square marker per cell, carrying the cell's ``customdata``; a click selects it."""
    xs, ys, data, hover = [], [], [], []
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            xs.append(col_labels[c])
            ys.append(row_labels[r])
            cell = custom[i, j].tolist()
            data.append(cell)
            if cell[3] > 0:
                hover.append(
                    f"{row_labels[r]} × {col_labels[c]}<br>Verified: {cell[2]} of {cell[3]} required "
                    f"({100 * z[i, j]:.0f}%)<br>Self-assessed: {cell[4]}<br>People: {cell[5]}"
                    "<br>Click to see who"
                )
            else:
                hover.append(f"{row_labels[r]} × {col_labels[c]}<br>Nothing here is asked of anyone")
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        customdata=data,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        marker={"symbol": "square-open", "size": 24, "color": NHS_RED, "opacity": 0, "line": {"width": 3}},
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 0}},
        showlegend=False,
        name="Select a cell",
    )


#: On screen, each heatmap row is at least this tall (CSS px; issue 12 asked for ≥ 28).
HEATMAP_ROW_PX = 44
#: Space above the plot for the left-aligned title, and below it for slanted column labels and the colour bar.
HEATMAP_TOP = 70
HEATMAP_BOTTOM = 170
#: Cell label size (px): readable at 1440 px wide (issue 12 found 9 px labels).
HEATMAP_TEXT = 13


def heatmap_height(n_rows: int) -> int:
    """A coverage heatmap's height in CSS px: title, one :data:`HEATMAP_ROW_PX` band per row, labels below.

    Args:
        n_rows: how many rows the heatmap shows (at least one is allowed for).

    Returns:
        ``HEATMAP_TOP + HEATMAP_BOTTOM + HEATMAP_ROW_PX × rows``.
    """
    return HEATMAP_TOP + HEATMAP_BOTTOM + HEATMAP_ROW_PX * max(n_rows, 1)
