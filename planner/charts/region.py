"""The Region screen's and regional pack's ranking chart: where investment does most, one bar per service.

Horizontal bars of each service's shortfall WTE, the first-ranked at the top, in NHS blue on the house
template (:mod:`planner.style`). A service whose figure is hidden by small-number suppression keeps its
place in the ranking with no bar and a ``*`` where the bar would be, so nothing hidden is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from planner.style import NHS_BLUE, NHS_DARK_GREY, house_layout

HIDDEN = "*"


def ranking_chart(
    services: Sequence[str],
    shortfall: Sequence[float | str],
    title: str = "Where investment does most: shortfall WTE by service",
) -> go.Figure:
    """Ranked horizontal bars of shortfall WTE.

    Args:
        services: the services in rank order (first = where investment does most), then the hidden
            ones, which are not ranked (their bar reads "not ranked: small numbers").
        shortfall: each service's shortfall WTE, or ``"*"`` where it is hidden.
        title: the chart title.
    """
    names = list(services)
    shown = [None if v == HIDDEN else float(v) for v in shortfall]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=[0.0 if v is None else v for v in shown],
        orientation="h",
        marker_color=[NHS_DARK_GREY if v is None else NHS_BLUE for v in shown],
        text=[f"{HIDDEN} not ranked: small numbers" if v is None else f"{v:.1f}" for v in shown],
        textposition="outside",
        name="Shortfall WTE",
        hovertemplate="%{y}: %{text} WTE short<extra></extra>",
        showlegend=False,
    )
    house_layout(fig, title, height=max(260, 60 + 36 * len(names)))
    fig.update_yaxes(title_text="Service (first ranked at the top)", autorange="reversed", type="category")
    fig.update_xaxes(title_text="Shortfall (WTE, sum of band shortfalls)", rangemode="tozero")
    return fig


def trajectory_chart(
    years: Sequence[str],
    required: Sequence[float],
    funded: Sequence[float],
    in_post: Sequence[float | str] | None,
    title: str = "The region: required, funded and in-post WTE by year",
) -> go.Figure:
    """Lines of the region's required, funded establishment and in-post WTE by financial year.

    Args:
        years: financial years ("2026/27").
        required: the region's required WTE by year (modelled, always shown).
        funded: the region's funded establishment by year (modelled, always shown).
        in_post: the projected in-post WTE, or None (or ``"*"`` values) where suppression hides it: then
            no in-post line is drawn.
        title: the chart title.
    """
    fig = go.Figure()
    fig.add_scatter(
        x=list(years), y=list(required), name="Required", mode="lines+markers", line={"color": NHS_BLUE}
    )
    fig.add_scatter(
        x=list(years), y=list(funded), name="Funded establishment", mode="lines+markers",
        line={"color": NHS_BLUE, "dash": "dash"},
    )  # fmt: skip
    if in_post is not None and HIDDEN not in list(in_post):
        fig.add_scatter(
            x=list(years), y=[float(v) for v in in_post], name="In post", mode="lines+markers",
            line={"color": NHS_DARK_GREY},
        )  # fmt: skip
    house_layout(fig, title, height=420, legend={"orientation": "h", "y": -0.2})
    fig.update_xaxes(title_text="Financial year", type="category")
    fig.update_yaxes(title_text="Whole-time equivalent (WTE)", rangemode="tozero")
    return fig
