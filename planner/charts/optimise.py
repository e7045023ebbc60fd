"""The least-cost skill mix beside the policy mix and the team in post: grouped bars of WTE by band.

House style (:mod:`planner.style`); the sentence under the chart comes from
:mod:`planner.captions.optimise`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planner.style import CATEGORICAL, house_layout


def mix_comparison_bars(
    by_band: pd.DataFrame, title: str = "Least-cost mix, policy mix and team in post"
) -> go.Figure:
    """Grouped bars: one group per band, one bar per mix.

    Args:
        by_band: ``Band`` (label) then one WTE column per mix (the ``by_band`` table of :class:`planner.views.optimise.LeastCostView`).
        title: the chart title.
    """
    fig = go.Figure()
    for i, mix in enumerate(c for c in by_band.columns if c != "Band"):
        fig.add_bar(
            x=by_band["Band"],
            y=by_band[mix],
            name=str(mix),
            marker_color=CATEGORICAL[i % len(CATEGORICAL)],
            hovertemplate="%{x}<br>%{fullData.name}: %{y:.2f} WTE<extra></extra>",
        )
    house_layout(fig, title, barmode="group", legend={"title": {"text": "Mix"}}, height=420)
    fig.update_xaxes(title_text="Agenda for Change band", type="category")
    fig.update_yaxes(title_text="Whole-time equivalent (WTE)", rangemode="tozero")
    return fig
