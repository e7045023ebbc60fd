"""Plotly figures for the History screen: coverage, WTE and headcount by band, registered share and risks over time.

One point per snapshot, dates on the x axis, in the house style (:mod:`planner.style`). The sentence
under each comes from :mod:`planner.captions.history`. The inputs are the trend tables of
:mod:`planner.history.trend` (``as_of`` dates, oldest first).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planner.style import CATEGORICAL, NHS_BLUE, NHS_DARK_GREY, NHS_LIGHT_BLUE, NHS_RED, house_layout
from planner.vocab import BAND_RANK, band_label

_DATE = "%{x|%d %b %Y}"


def _dates(fig: go.Figure) -> go.Figure:
    fig.update_xaxes(title_text="Snapshot date", type="date", tickformat="%d %b %Y")
    return fig


def coverage_trend(trend: pd.DataFrame, title: str = "Coverage over time") -> go.Figure:
    """Verified coverage and coverage counting self-assessed items, one point per snapshot."""
    fig = go.Figure()
    for col, name, colour, dash in (
        ("coverage", "Verified", NHS_BLUE, "solid"),
        ("coverage_self_assessed", "Verified or self-assessed", NHS_LIGHT_BLUE, "dash"),
    ):
        fig.add_scatter(
            x=trend["as_of"],
            y=trend[col],
            name=name,
            mode="lines+markers",
            line={"color": colour, "dash": dash},
            hovertemplate=f"{_DATE}<br>{name}: %{{y:.0%}}<extra></extra>",
        )
    house_layout(fig, title, height=360, legend={"orientation": "h", "y": -0.25})
    fig.update_yaxes(title_text="Share of required competencies", tickformat=".0%", range=[0, 1.05])
    return _dates(fig)


def band_trend(by_band: pd.DataFrame, measure: str = "wte", title: str | None = None) -> go.Figure:
    """One line per Agenda for Change band: WTE (``measure="wte"``) or headcount (``"headcount"``)."""
    label = "Whole-time equivalent (WTE)" if measure == "wte" else "People"
    fig = go.Figure()
    bands = sorted(by_band["band"].astype(str).unique(), key=lambda b: (BAND_RANK.get(b, len(BAND_RANK)), b))
    for i, band in enumerate(bands):
        part = by_band[by_band["band"].astype(str) == band]
        name = band_label(str(band))
        fig.add_scatter(
            x=part["as_of"],
            y=part[measure],
            name=name,
            mode="lines+markers",
            line={"color": CATEGORICAL[i % len(CATEGORICAL)]},
            hovertemplate=f"{_DATE}<br>{name}: %{{y:.2f}}<extra></extra>"
            if measure == "wte"
            else f"{_DATE}<br>{name}: %{{y}}<extra></extra>",
        )
    house_layout(
        fig,
        title or ("WTE by band over time" if measure == "wte" else "Headcount by band over time"),
        height=380,
        legend={"title": {"text": "Band"}},
    )
    fig.update_yaxes(title_text=label, rangemode="tozero")
    return _dates(fig)


def registered_trend(trend: pd.DataFrame, title: str = "Registered share of WTE over time") -> go.Figure:
    """The registered share of WTE per snapshot (snapshots without registration recorded left out)."""
    known = trend[trend["registered_share"].notna()]
    fig = go.Figure()
    fig.add_scatter(
        x=known["as_of"],
        y=known["registered_share"].astype(float),
        name="Registered share",
        mode="lines+markers",
        line={"color": NHS_BLUE},
        hovertemplate=f"{_DATE}<br>Registered: %{{y:.0%}}<extra></extra>",
    )
    house_layout(fig, title, height=320, showlegend=False)
    fig.update_yaxes(title_text="Share of WTE", tickformat=".0%", range=[0, 1.05])
    return _dates(fig)


def risks_trend(
    trend: pd.DataFrame, title: str = "Single points of failure, lapsed and expiring items over time"
) -> go.Figure:
    """Counts per snapshot: single points of failure, lapsed items, items expiring within 90 days."""
    fig = go.Figure()
    for col, name, colour in (
        ("single_points_of_failure", "Single points of failure", NHS_DARK_GREY),
        ("expired", "Lapsed items", NHS_RED),
        ("expiring", "Expiring within 90 days", NHS_LIGHT_BLUE),
    ):
        fig.add_scatter(
            x=trend["as_of"],
            y=trend[col],
            name=name,
            mode="lines+markers",
            line={"color": colour},
            hovertemplate=f"{_DATE}<br>{name}: %{{y}}<extra></extra>",
        )
    house_layout(fig, title, height=360, legend={"orientation": "h", "y": -0.25})
    fig.update_yaxes(title_text="Count", rangemode="tozero")
    return _dates(fig)
