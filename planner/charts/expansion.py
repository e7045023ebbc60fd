"""Plotly figures for the Expansion screen and pack, and :func:`all_figures` pairing each with its caption.

Each figure takes a :class:`planner.expansion.projection.Projection` and carries an explicit
``plotly_white`` template (so exports never pick up Streamlit's placeholder colours), NHS blue for the
requirement, the Okabe–Ito colour-blind-safe palette for bands, a title and axis labels with units. The
sentence under each chart comes from :mod:`planner.captions.expansion`.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from planner.captions import expansion as captions
from planner.expansion.projection import Projection, targets
from planner.style import CATEGORICAL, FONT, NHS_BLUE, NHS_DARK_BLUE, NHS_DARK_GREY, NHS_RED, TEMPLATE
from planner.vocab import BANDS, band_label

IN_POST_COLOUR = CATEGORICAL[1]  # Okabe–Ito orange beside NHS blue
#: Stable colour per band across every chart: Okabe–Ito for bands 3–8a (NHS blue for band 6), then
#: dark NHS colours for the lead bands (Okabe–Ito yellow is too faint on white for a line).
BAND_COLOURS: dict[str, str] = {
    "1": "#768692",
    "2": NHS_DARK_GREY,
    "3": CATEGORICAL[1],
    "4": CATEGORICAL[2],
    "5": CATEGORICAL[3],
    "6": NHS_BLUE,
    "7": CATEGORICAL[4],
    "8a": CATEGORICAL[5],
    "8b": NHS_DARK_BLUE,
    "8c": "#AE2573",
    "8d": "#330072",
    "9": "#00A499",
}


def _figure(traces: list[dict[str, Any]], title: str, x_title: str, y_title: str, **layout: Any) -> go.Figure:
    """One figure in one step, with the house layout.

    Plotly validates every property as it is set, which costs about 20 ms a figure (mostly the
    template); the page redraws five figures per change, so they are built unvalidated with
    ``_validate=False`` and a unit test rebuilds each one with validation on.
    """
    base = {
        "template": pio.templates[TEMPLATE],
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": FONT,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
    }
    return go.Figure(data=traces, layout={**base, **layout}, _validate=False)


def _zero_line() -> dict[str, Any]:
    return {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": 0,
        "y1": 0,
        "line": {"color": NHS_DARK_GREY, "width": 1},
    }


def required_vs_in_post(p: Projection) -> go.Figure:
    """Grouped bars: required and in-post WTE by band, now."""
    t = captions.used_bands(p.gap_by_band)
    labels = t["label"].tolist()
    in_post_name = "In post" if p.in_post is not None else "In post (assumed: no team loaded)"
    traces = [
        {
            "type": "bar",
            "name": "Required",
            "x": labels,
            "y": t["required_wte"].tolist(),
            "marker": {"color": NHS_BLUE},
        },
        {
            "type": "bar",
            "name": in_post_name,
            "x": labels,
            "y": t["in_post_wte"].tolist(),
            "marker": {"color": IN_POST_COLOUR},
        },
    ]
    title = f"Required and in-post WTE by band, {p.trajectory.years[0]} ({p.scenario.title})"
    return _figure(traces, title, "Agenda for Change band", "WTE", barmode="group")


def gap_trajectory(p: Projection) -> go.Figure:
    """Lines: year-end gap (required − in post) by band, year by year, with the total dashed."""
    t = p.trajectory.by_band
    traces = []
    for band in BANDS:
        rows = t[t["band"] == band]
        if (rows["required_wte"].abs().sum() + rows["in_post_wte"].abs().sum()) < 1e-9:
            continue
        traces.append(
            {
                "type": "scatter",
                "name": band_label(band),
                "x": rows["year"].tolist(),
                "y": rows["gap_wte"].tolist(),
                "mode": "lines+markers",
                "line": {"color": BAND_COLOURS[band]},
            }
        )
    s = p.trajectory.summary
    traces.append(
        {
            "type": "scatter",
            "name": "All bands",
            "x": s["year"].tolist(),
            "y": s["gap_wte"].tolist(),
            "mode": "lines",
            "line": {"color": "black", "dash": "dash"},
        }
    )
    title = f"Gap by band at each year end: required minus in post ({p.scenario.title})"
    return _figure(traces, title, "Financial year", "Gap (WTE; above 0 = short)", shapes=[_zero_line()])


def waiting_chart(p: Projection) -> go.Figure:
    """Waiting list (bars, people) and share starting within 90 days (line, %) with the target line."""
    w = p.waiting.weeks
    target = p.inputs.target_share_within_90_days
    weeks = [d.isoformat() for d in w["week_start"]]
    traces = [
        {
            "type": "bar",
            "name": "People waiting",
            "x": weeks,
            "y": w["backlog"].tolist(),
            "marker": {"color": IN_POST_COLOUR},
            "opacity": 0.6,
        },
        {
            "type": "scatter",
            "name": "Starting within 90 days",
            "x": weeks,
            "y": (100 * w["share_within_90_days"]).tolist(),
            "mode": "lines",
            "yaxis": "y2",
            "line": {"color": NHS_BLUE, "width": 3},
        },
        {
            "type": "scatter",
            "name": f"Target {target:.0%}",
            "x": [weeks[0], weeks[-1]],
            "y": [100 * target] * 2,
            "mode": "lines",
            "yaxis": "y2",
            "line": {"color": NHS_RED, "dash": "dash"},
        },
    ]
    return _figure(
        traces,
        f"Waiting list and share starting within 90 days ({p.scenario.title})",
        "Week",
        "People waiting",
        yaxis={"title": {"text": "People waiting"}, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "Starting within 90 days (%)"},
            "range": [0, 105],
            # Round ticks: an overlaying axis otherwise follows the bar axis's grid (17.1, 34.2…).
            "tickmode": "array",
            "tickvals": [0, 20, 40, 60, 80, 100],
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
        },
    )


def cost_chart(p: Projection) -> go.Figure:
    """Bars per year: what the projected team costs in the year (part years in part), and the funded budget."""
    c = p.costs
    if c is None:  # pragma: no cover - every projection has costs
        return _figure([], "Costs not computed", "Financial year", "Cost (£)")
    years = c.by_year["year"].tolist()
    traces = [
        {
            "type": "bar",
            "name": "Spent in the year (projected team)",
            "x": years,
            "y": c.by_year["in_year"].round(0).tolist(),
            "marker": {"color": IN_POST_COLOUR},
        },
        {
            "type": "bar",
            "name": "Funded establishment, full year (the budget)",
            "x": years,
            "y": c.by_year["funded"].round(0).tolist(),
            "marker": {"color": NHS_BLUE},
        },
    ]
    title = f"Employer cost by year, {c.price_base} uplifted by the pay award ({p.scenario.title})"
    return _figure(traces, title, "Financial year", "Cost (£)", barmode="group")


def tornado_chart(p: Projection) -> go.Figure:
    """Required WTE with each input at the low and the high of its plausible range, widest swing on top."""
    swings = p.sensitivity[:10]
    base = p.requirement.total
    if not swings:
        note = {
            "text": "Sensitivity not run",
            "showarrow": False,
            "x": 0.5,
            "y": 0.5,
            "xref": "paper",
            "yref": "paper",
        }
        return _figure([], "Sensitivity not computed", "Required WTE", "Input", annotations=[note])
    labels = [s.label for s in reversed(swings)]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "At the low end of the range",
            "y": labels,
            "x": [s.required_wte_low - base for s in reversed(swings)],
            "base": base,
            "marker": {"color": CATEGORICAL[1]},
            "hovertemplate": "%{y}: %{x:+.1f} WTE at the low end<extra></extra>",
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": "At the high end of the range",
            "y": labels,
            "x": [s.required_wte_high - base for s in reversed(swings)],
            "base": base,
            "marker": {"color": NHS_BLUE},
            "hovertemplate": "%{y}: %{x:+.1f} WTE at the high end<extra></extra>",
        },
    ]
    title = f"Required WTE in {p.inputs.target_year} as each input moves across its plausible range ({p.scenario.title})"
    fig = _figure(
        traces, title, "Required WTE", "Input", barmode="overlay", height=max(360, 60 + 34 * len(swings))
    )
    fig.add_vline(x=base, line_color=NHS_DARK_GREY, line_dash="dot")
    return fig


def fan_chart(p: Projection, measure: str = "gap_wte") -> go.Figure:
    """Fan chart of a Monte Carlo measure: 5–95% and 25–75% bands and the median, by year."""
    labels = {
        "required_wte": ("Required WTE", "Required WTE"),
        "gap_wte": ("Gap (WTE; above 0 = short)", "Gap"),
        "in_post_wte": ("In post (WTE)", "In post"),
        "share_within_90_days": ("Share within 90 days", "Share within 90 days"),
        "in_post_cost": ("Cost (£ a year)", "Projected team cost"),
    }
    axis, name = labels[measure]
    u = p.uncertainty
    if u is None:
        note = {
            "text": "Monte Carlo not run",
            "showarrow": False,
            "x": 0.5,
            "y": 0.5,
            "xref": "paper",
            "yref": "paper",
        }
        return _figure([], f"{name}: uncertainty not computed", "Financial year", axis, annotations=[note])
    f = u.percentiles[measure]
    years = list(f.index)
    traces: list[dict[str, Any]] = []
    for lo, hi, alpha, label in (
        ("p5", "p95", 0.18, "5–95% of runs"),
        ("p25", "p75", 0.35, "25–75% of runs"),
    ):
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": f[hi].tolist(),
                "mode": "lines",
                "line": {"width": 0},
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": f[lo].tolist(),
                "mode": "lines",
                "line": {"width": 0},
                "fill": "tonexty",
                "fillcolor": f"rgba(0, 94, 184, {alpha})",
                "name": label,
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": years,
            "y": f["p50"].tolist(),
            "mode": "lines+markers",
            "line": {"color": NHS_BLUE},
            "name": "Median",
        }
    )
    title = f"{name} to {years[-1]}: {u.runs:,} Monte Carlo runs ({p.scenario.title})"
    return _figure(traces, title, "Financial year", axis)


def wait_fan_chart(p: Projection) -> go.Figure:
    """The chance of the waiting-time target by year, over the fan of the share starting within 90 days.

    The fan is the share of each year's stable starters within the standard across runs (5–95% and
    25–75%); the dashed line is the target share; the black line is the share of runs that reach it.
    """
    fig = fan_chart(p, "share_within_90_days")
    u = p.uncertainty
    if u is None:
        return fig
    t = targets(p.inputs)
    share = p.inputs.target_share_within_90_days
    years = list(u.probability_by_year.index)
    fig.add_trace(
        go.Scatter(
            x=years,
            y=[float(v) for v in u.probability_by_year],
            mode="lines+markers",
            line={"color": NHS_DARK_GREY, "width": 3},
            marker={"symbol": "diamond", "size": 9},
            name=f"Chance of {t.wait} (share of runs)",
        )
    )
    fig.add_hline(y=share, line_color=NHS_RED, line_dash="dash", annotation_text=f"Target {share:.0%}")
    fig.update_layout(
        title={"text": f"Chance of {t.wait}, by year: {u.runs:,} Monte Carlo runs ({p.scenario.title})"},
        yaxis={"range": [0, 1.05], "tickformat": ".0%", "title": {"text": "Share of starters / chance"}},
    )
    return fig


def all_figures(p: Projection) -> dict[str, tuple[go.Figure, str]]:
    """Every Expansion-page figure with its caption, keyed by a stable name."""
    return {
        "required": (required_vs_in_post(p), captions.required_caption(p)),
        "gap": (gap_trajectory(p), captions.gap_trajectory_caption(p)),
        "waiting": (waiting_chart(p), captions.waiting_caption(p)),
        "cost": (cost_chart(p), captions.cost_caption(p)),
        "fan": (fan_chart(p), captions.fan_caption(p)),
        "required_fan": (fan_chart(p, "required_wte"), captions.required_fan_caption(p)),
        "wait_fan": (wait_fan_chart(p), captions.wait_fan_caption(p)),
        "tornado": (tornado_chart(p), captions.tornado_caption(p)),
    }
