"""Plotly figures and one-sentence captions for the Expansion page.

Each figure takes a :class:`planner.projection.Projection` and carries an explicit ``plotly_white``
template (so exports never pick up Streamlit's placeholder colours), NHS blue for the requirement,
the Okabe–Ito colour-blind-safe palette for bands, a title and axis labels with units. Each caption
function returns the sentence shown under its chart, e.g. "Band 6 is 3.2 WTE short of the
requirement in 2028/29".
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from planner.charts.style import CATEGORICAL, FONT, NHS_BLUE, NHS_DARK_BLUE, NHS_DARK_GREY, NHS_RED, TEMPLATE
from planner.expansion.projection import Projection, targets
from planner.reference.pay import pension_words
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


def _wte(x: float) -> str:
    return f"{abs(x):.1f} WTE"


def _money(x: float) -> str:
    return f"£{x / 1e6:.2f}m" if abs(x) >= 1e6 else f"£{x:,.0f}"


def _used(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["required_wte"] > 1e-9) | (frame["in_post_wte"] > 1e-9)]


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
    t = _used(p.gap_by_band)
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
    target = float(p.values["target_share_within_90_days"])
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
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
        },
    )


def cost_chart(p: Projection) -> go.Figure:
    """Grouped bars per year: cost of the required workforce and of the projected team (£ a year)."""
    s = p.trajectory.summary
    years = s["year"].tolist()
    traces = [
        {
            "type": "bar",
            "name": "Required workforce",
            "x": years,
            "y": s["required_cost"].tolist(),
            "marker": {"color": NHS_BLUE},
        },
        {
            "type": "bar",
            "name": "Projected team",
            "x": years,
            "y": s["in_post_cost"].tolist(),
            "marker": {"color": IN_POST_COLOUR},
        },
    ]
    title = f"Employer cost per year, AfC 2025/26 pay with NI and pension ({p.scenario.title})"
    return _figure(traces, title, "Financial year", "Cost (£ a year)", barmode="group")


def fan_chart(p: Projection, measure: str = "gap_wte") -> go.Figure:
    """Fan chart of a Monte Carlo measure: 5–95% and 25–75% bands and the median, by year."""
    labels = {
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


# ------------------------------------------------------------------------------------------- captions
def caption_required(p: Projection) -> str:
    """One sentence under the required-versus-in-post chart."""
    t = _used(p.gap_by_band)
    year = p.trajectory.years[0]
    if p.in_post is None:
        top = t.loc[t["required_wte"].idxmax()]
        return (
            f"No team loaded: the requirement in {year} is {p.requirement.total:.1f} WTE, the most in "
            f"{top['label']} ({top['required_wte']:.1f} WTE)."
        )
    worst = t.loc[t["gap_wte"].idxmax()]
    total = float(t["gap_wte"].sum())
    overall = f"the team as a whole is {_wte(total)} {'short of' if total > 0 else 'above'} the requirement"
    if worst["gap_wte"] <= 0.05:
        return f"No band is short of the requirement in {year}; {overall}."
    people = float(worst["gap_people"])
    return (
        f"{worst['label']} is {_wte(worst['gap_wte'])} short of the requirement in {year} (about "
        f"{people:.1f} people at the team's typical {p.in_post.typical_wte:.1f} WTE); {overall}."
    )


def caption_gap_trajectory(p: Projection) -> str:
    """One sentence under the gap trajectory."""
    target = p.trajectory.years[-1]
    last = p.trajectory.by_band[p.trajectory.by_band["year"] == target]
    worst = last.loc[last["gap_wte"].idxmax()]
    still_open = [b for b, y in p.trajectory.gap_closes.items() if y is None]
    if not still_open:
        closes = [y for b, y in p.trajectory.gap_closes.items() if y is not None]
        return f"Every band's gap closes by {max(closes)} and stays closed to {target}."
    lead = (
        f"{band_label(str(worst['band']))} is {_wte(worst['gap_wte'])} short of the requirement in {target}"
    )
    others = [b for b in still_open if b != str(worst["band"])]
    if not others:
        return f"{lead}."
    if len(others) == 1:
        return f"{lead}; the gap in band {others[0]} is also still open."
    return f"{lead}; the gaps in bands {', '.join(others[:-1])} and {others[-1]} are also still open."


def caption_waiting(p: Projection) -> str:
    """One sentence under the waiting-list chart."""
    w, v = p.waiting, p.values
    target = float(v["target_share_within_90_days"])
    cap = float(w.weeks["capacity"].iloc[0])
    joining = float(w.weeks["arrivals"].iloc[0])
    last_year, share = w.share_by_year.index[-1], float(w.share_by_year.iloc[-1])
    when = (
        "never reaches the target within the horizon"
        if w.weeks_to_target is None
        else f"holds {target:.0%} from week {w.weeks_to_target}"
    )
    by = f"{w.needed_by.day} {w.needed_by:%B %Y}"
    need = (
        f"no constant capacity reaches {target:.0%} by {by}"
        if w.needed_capacity is None
        else f"reaching {target:.0%} by {by} and holding it needs a steady {w.needed_capacity:.1f} starts a "
        f"week ({p.needed_wte:.1f} WTE)"
    )
    return (
        f"Starting {cap:.1f} a week now against {joining:.1f} joining the list, {share:.0%} of starters in "
        f"{last_year} start within 90 days and the service {when}; {need}."
    )


def caption_cost(p: Projection) -> str:
    """One sentence under the cost chart."""
    s = p.trajectory.summary.iloc[-1]
    v = p.values
    pension = pension_words(v["pension_basis"], employer="local")
    diff = float(s["required_cost"] - s["in_post_cost"])
    more = f"{_money(abs(diff))} {'more' if diff > 0 else 'less'} than the projected team"
    return (
        f"In {s['year']} the required workforce costs {_money(float(s['required_cost']))} a year at "
        f"{v['pay_point']}-point pay with {pension}, {more}."
    )


def caption_fan(p: Projection) -> str:
    """One sentence under the fan chart."""
    u = p.uncertainty
    if u is None:
        return "The Monte Carlo was not run, so there are no uncertainty bands."
    f = u.percentiles["gap_wte"].iloc[-1]
    year = u.years[-1]
    return (
        f"In 9 runs out of 10 the {year} gap lies between {f['p5']:.1f} and {f['p95']:.1f} WTE; the chance of "
        f"{targets(p.scenario.values()).wait} in {year} is {u.probability_wait_target:.0%}; the chance of "
        f"{targets(p.scenario.values()).completion} completion, "
        f"which depends only on the assumed drop-out range, is {u.probability_completion_target:.0%}."
    )


def all_figures(p: Projection) -> dict[str, tuple[go.Figure, str]]:
    """Every Expansion-page figure with its caption, keyed by a stable name."""
    return {
        "required": (required_vs_in_post(p), caption_required(p)),
        "gap": (gap_trajectory(p), caption_gap_trajectory(p)),
        "waiting": (waiting_chart(p), caption_waiting(p)),
        "cost": (cost_chart(p), caption_cost(p)),
        "fan": (fan_chart(p), caption_fan(p)),
    }
