"""Plotly figures for the Skill mix screen and pack: WTE by band and function, registered share.

Both figures use the house style (:mod:`planner.style`): an explicit ``plotly_white`` template,
NHS identity colours, one stable colour per function, a title and axis labels with units. The sentence
under each comes from :mod:`planner.captions.skillmix`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from planner.style import CATEGORICAL, FUNCTION_COLOURS, NHS_BLUE, NHS_DARK_GREY, house_layout


def wte_stacked_bars(grid: pd.DataFrame, title: str = "WTE by band and function") -> go.Figure:
    """Stacked bars of WTE by band, one colour per function.

    Args:
        grid: :func:`planner.skillmix.mix.wte_by_band_function` (band × function, long form).
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
    house_layout(
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
        share: :func:`planner.skillmix.mix.registered_share`.
        title: the chart title.
    """
    recorded = share["share"] is not None  # not recorded: an empty team bar, labelled so
    team = float(share["share"]) if recorded else 0.0
    target = float(share["target_share"])
    fig = go.Figure()
    fig.add_bar(
        y=["Team", "Target"],
        x=[team, target],
        name="Registered",
        orientation="h",
        marker_color=NHS_BLUE,
        text=[f"{100 * team:.0f}%" if recorded else "Registration not recorded", f"{100 * target:.0f}%"],
        textposition="inside" if recorded else "outside",
        hovertemplate="%{y}: %{x:.0%} registered<extra></extra>",
    )
    fig.add_bar(
        y=["Team", "Target"],
        x=[1 - team if recorded else 0.0, 1 - target],
        name="Not registered (support)",
        orientation="h",
        marker_color=CATEGORICAL[1],
        text=[f"{100 * (1 - team):.0f}%", f"{100 * (1 - target):.0f}%"],
        textposition="inside",
        hovertemplate="%{y}: %{x:.0%} not registered<extra></extra>",
    )
    house_layout(
        fig,
        title,
        barmode="stack",
        height=260,
        legend={"orientation": "h", "y": -0.35, "traceorder": "normal"},
    )
    fig.update_xaxes(title_text="Share of WTE (%)", tickformat=".0%", range=[0, 1.001], dtick=0.2)
    fig.update_yaxes(title_text="", autorange="reversed")
    return fig
