"""Captions for the Expansion screen and pack: the sentence under each projection chart.

Each function takes a :class:`planner.expansion.projection.Projection` and returns the one sentence shown
under its chart in :mod:`planner.charts.expansion`, e.g. "Band 6 is 3.2 WTE short of the requirement in
2028/29 (about 3.6 people at the team's typical 0.9 WTE); the team as a whole is 5.1 WTE short of the
requirement."
"""

from __future__ import annotations

import pandas as pd

from planner.captions.words import money_short, wte_size
from planner.expansion.projection import Projection, targets
from planner.reference.pay import pension_words
from planner.vocab import band_label


def used_bands(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a by-band table with any required or in-post WTE (bands no one needs or holds drop out).

    The required-versus-in-post chart and its caption both read the bands this keeps, so they agree.
    """
    return frame[(frame["required_wte"] > 1e-9) | (frame["in_post_wte"] > 1e-9)]


def required_caption(p: Projection) -> str:
    """One sentence under the required-versus-in-post chart."""
    t = used_bands(p.gap_by_band)
    year = p.trajectory.years[0]
    if p.in_post is None:
        top = t.loc[t["required_wte"].idxmax()]
        return (
            f"No team loaded: the requirement in {year} is {p.requirement.total:.1f} WTE, the most in "
            f"{top['label']} ({top['required_wte']:.1f} WTE)."
        )
    worst = t.loc[t["gap_wte"].idxmax()]
    total = float(t["gap_wte"].sum())
    overall = (
        f"the team as a whole is {wte_size(total)} {'short of' if total > 0 else 'above'} the requirement"
    )
    if worst["gap_wte"] <= 0.05:
        return f"No band is short of the requirement in {year}; {overall}."
    people = float(worst["gap_people"])
    return (
        f"{worst['label']} is {wte_size(worst['gap_wte'])} short of the requirement in {year} (about "
        f"{people:.1f} people at the team's typical {p.in_post.typical_wte:.1f} WTE); {overall}."
    )


def gap_trajectory_caption(p: Projection) -> str:
    """One sentence under the gap trajectory."""
    target = p.trajectory.years[-1]
    last = p.trajectory.by_band[p.trajectory.by_band["year"] == target]
    worst = last.loc[last["gap_wte"].idxmax()]
    still_open = [b for b, y in p.trajectory.gap_closes.items() if y is None]
    if not still_open:
        closes = [y for b, y in p.trajectory.gap_closes.items() if y is not None]
        return f"Every band's gap closes by {max(closes)} and stays closed to {target}."
    lead = f"{band_label(str(worst['band']))} is {wte_size(worst['gap_wte'])} short of the requirement in {target}"
    others = [b for b in still_open if b != str(worst["band"])]
    if not others:
        return f"{lead}."
    if len(others) == 1:
        return f"{lead}; the gap in band {others[0]} is also still open."
    return f"{lead}; the gaps in bands {', '.join(others[:-1])} and {others[-1]} are also still open."


def _runs_words(p: Projection) -> str:
    u = p.uncertainty
    if u is None:
        return "with today's inputs, referral noise only"
    return f"{u.runs:,} Monte Carlo runs over the uncertain inputs"


def waiting_caption(p: Projection) -> str:
    """One sentence under the waiting-list chart: the verdict, the trend and the steady requirement."""
    w, v = p.waiting, p.inputs
    target = v.target_share_within_90_days
    cap = float(w.weeks["capacity"].iloc[0])
    joining = float(w.weeks["arrivals"].iloc[0])
    last_year = p.wait_share.index[-1]
    band = p.wait_share.iloc[-1]  # the same runs as the chance of the target (p.wait_basis)
    verdict = {
        "holds": f"the {target:.0%} target is reached and held",
        "reached_then_slips": f"the {target:.0%} target is reached but slips",
        "not_reached": f"the {target:.0%} target is not reached",
    }[w.verdict]
    growth = w.list_growth_per_week
    trend = (
        f"at the end the list grows by {growth:.1f} a week"
        if growth > 1e-9
        else "at the end capacity keeps up with demand"
    )
    hold = p.wte_to_hold_target.get(str(last_year))
    need = f"; holding it in {last_year} takes {hold:.1f} WTE" if hold is not None else ""
    return (
        f"Starting {cap:.1f} a week now against {joining:.1f} joining the list, {band['p50']:.0%} of stable "
        f"starters in {last_year} start within 90 days (8 runs in 10: {band['p10']:.0%} to "
        f"{band['p90']:.0%}; {_runs_words(p)}); {verdict} and {trend}{need}."
    )


def cost_caption(p: Projection) -> str:
    """One sentence under the cost chart: the spend over the period and the budget to set."""
    c = p.costs
    if c is None:  # pragma: no cover - every projection has costs
        return "Costs were not computed."
    first, last = c.by_year.iloc[0], c.by_year.iloc[-1]
    pension = pension_words(p.inputs.pension_basis, employer="local")
    part = (
        f" ({first['share_of_year']:.0%} of {first['year']} is in the horizon)"
        if first["share_of_year"] < 1
        else ""
    )
    return (
        f"The projected team costs {money_short(c.total_over_period)} over {first['year']} to {last['year']}{part}; "
        f"funding the establishment costs {money_short(float(last['funded']))} in {last['year']}. "
        f"Both are in {c.cash_basis}, at {p.inputs.pay_point}-point pay with {pension}."
    )


def fan_caption(p: Projection) -> str:
    """One sentence under the fan chart."""
    u = p.uncertainty
    if u is None:
        return "The Monte Carlo was not run, so there are no uncertainty bands."
    f = u.percentiles["gap_wte"].iloc[-1]
    year = u.years[-1]
    return (
        f"In 9 runs out of 10 the {year} gap lies between {f['p5']:.1f} and {f['p95']:.1f} WTE; the chance of "
        f"{targets(p.inputs).wait} in {year} is {u.probability_wait_target:.0%}; the drop-out range implies "
        f"{u.completion_range[0]:.0%} to {u.completion_range[1]:.0%} completing, against a target of "
        f"{targets(p.inputs).completion}."
    )


def required_fan_caption(p: Projection) -> str:
    """One sentence under the fan of required WTE."""
    u = p.uncertainty
    if u is None:
        return "The Monte Carlo was not run, so there are no uncertainty bands."
    f = u.percentiles["required_wte"].iloc[-1]
    return (
        f"Sampling demand, admin time, headroom and drop-out within their uncertainty ranges, the {u.years[-1]} "
        f"requirement lies between {f['p5']:.1f} and {f['p95']:.1f} WTE in 9 runs out of 10 (median {f['p50']:.1f})."
    )


def wait_fan_caption(p: Projection) -> str:
    """One sentence under the fan of the waiting-time target: the chance by year, first and last."""
    u = p.uncertainty
    if u is None:
        return "The Monte Carlo was not run, so there is no chance of the waiting-time target to show."
    wait = targets(p.inputs).wait
    first, last = u.years[0], u.years[-1]
    f = u.percentiles["share_within_90_days"].iloc[-1]
    chance = u.probability_by_year
    trend = (
        f"{float(chance.iloc[0]):.0%} in {first} and {float(chance.iloc[-1]):.0%} in {last}"
        if len(u.years) > 1
        else f"{float(chance.iloc[-1]):.0%} in {last}"
    )
    low, high = f"{f['p5']:.0%}", f"{f['p95']:.0%}"
    spread = f"is {low}" if low == high else f"lies between {low} and {high}"
    return (
        f"The chance of {wait} is {trend} ({u.runs:,} runs); in 9 runs out of 10 the share of {last}'s "
        f"starters within {targets(p.inputs).days} {spread}."
    )


def _lower_first(label: str) -> str:
    """A label in mid-sentence: the first letter lower case unless the first word is an acronym (COPD, PR)."""
    first = label.split(" ", 1)[0]
    return label if first[:2].isupper() else label[:1].lower() + label[1:]


def tornado_caption(p: Projection) -> str:
    """One sentence under the tornado: the inputs that move the requirement most."""
    if not p.sensitivity:
        return "The sensitivity was not run."
    top = p.sensitivity[:2]
    parts = " and ".join(
        f"{_lower_first(s.label)} ({min(s.required_wte_low, s.required_wte_high):.1f} to "
        f"{max(s.required_wte_low, s.required_wte_high):.1f} WTE)"
        for s in top
    )
    return (
        f"Across the spread seen between services, {parts} move the {p.inputs.target_year} requirement most; "
        "measure these locally first."
    )
