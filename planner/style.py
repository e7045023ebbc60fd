"""The house style shared by the charts and the exports: NHS colours, palettes, template and layout.

NHS identity colours, colour-blind-safe palettes, the Plotly template and the shared layout.

Figures are built with an explicit Plotly template so that exports never pick up Streamlit's
placeholder colours. It sits beside ``vocab`` at the bottom of the house because both the charts and
the export layer (Excel and Word colours) use it.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from planner.vocab import FUNCTIONS

#: NHS identity colours (NHS England brand guidelines).
NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_LIGHT_BLUE = "#41B6E6"
NHS_PALE_GREY = "#E8EDEE"
NHS_DARK_GREY = "#425563"
NHS_RED = "#DA291C"

#: Okabe–Ito colour-blind-safe categorical palette (Okabe & Ito, 2008), NHS blue first.
CATEGORICAL: tuple[str, ...] = (
    NHS_BLUE,
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)

#: Sequential scale for coverage (0 = none, 1 = full): pale grey to NHS dark blue.
SEQUENTIAL: list[list[float | str]] = [[0.0, "#F7F9FA"], [0.5, NHS_LIGHT_BLUE], [1.0, NHS_DARK_BLUE]]

TEMPLATE = "plotly_white"
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 13, "color": "#212B32"}

#: Stable colour per function (and "not recorded"), so every chart colours a function the same way.
FUNCTION_COLOURS: dict[str, str] = {
    **{f: CATEGORICAL[i] for i, f in enumerate(FUNCTIONS)},
    "not_recorded": NHS_DARK_GREY,
}


def house_layout(fig: go.Figure, title: str, **kwargs: Any) -> go.Figure:
    """Apply the house layout to a figure: template, left-aligned title, font and tight margins.

    Args:
        fig: the figure, changed in place.
        title: the chart title.
        **kwargs: further layout properties for this figure (``height``, ``barmode``, ``legend``...).

    Returns:
        The same figure, so a call can end a builder.
    """
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title, "x": 0, "xanchor": "left"},
        font=FONT,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        **kwargs,
    )
    return fig
