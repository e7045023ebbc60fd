"""The projection as the command line's JSON (``planner project --json``, schema version 2).

The keys, their units and what changed from schema version 1 are listed in ``docs/expansion-model.md``
("The JSON"). Numbers are rounded for reading; the golden tests compare them to 4 decimal places.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.expansion import capacity, costing, establishment
from planner.expansion.projection import NOISE_ONLY, Projection
from planner.vocab import BANDS

#: Bumped when a key is removed or changes its meaning (2: the waiting list, uncertainty and costs of
#: the expansion-figures issue).
SCHEMA_VERSION = 2


def _by(frame: pd.DataFrame, key: str, column: str) -> dict[str, float]:
    return {str(k): round(float(v), 4) for k, v in zip(frame[key], frame[column], strict=True)}


def _wte_block(band: pd.DataFrame, func: pd.DataFrame, column: str) -> dict[str, Any]:
    kept = band[(band["required_wte"] > 0) | (band["in_post_wte"] > 0)]
    return {
        "total": round(float(band[column].sum()), 4),
        "by_band": _by(kept, "band", column),
        "by_function": _by(func, "function", column),
    }


def _gap_block(p: Projection) -> dict[str, Any]:
    """The net gap and, beside it, the sum of the bands' shortfalls (a surplus never hides a shortfall)."""
    block = _wte_block(p.gap_by_band, p.gap_by_function, "gap_wte")
    shortfall = round(float(p.gap_by_band["gap_wte"].clip(lower=0.0).sum()), 4)
    return {
        "total": block["total"],
        "shortfall_total": shortfall,
        **{k: v for k, v in block.items() if k != "total"},
    }


def _capacity_block(h: capacity.HoursPerWte) -> dict[str, Any]:
    return {
        "paid_hours_per_wte": round(h.paid, 4),
        "headroom": round(h.headroom, 6),
        "headroom_parts": {k: round(v, 6) for k, v in h.headroom_parts.items()},
        "effective_hours_per_wte": round(h.effective, 4),
        "working": h.working,
    }


def _establishment_block(e: establishment.Establishment | None) -> dict[str, Any] | None:
    if e is None:
        return None
    kept = [b for b in BANDS if e.required_by_band[b] > 0]
    return {
        "required_wte": {
            "total": round(float(e.required_by_band.sum()), 4),
            "by_band": {b: round(float(e.required_by_band[b]), 4) for b in kept},
        },
        "funded_wte": {
            "total": round(float(e.funded_by_band.sum()), 4),
            "by_band": {b: round(float(e.funded_by_band[b]), 4) for b in kept},
        },
        "vacancy_rate": round(e.vacancy.rate, 6),
        "explanation": e.explanation,
    }


def _costs_block(c: costing.Costs | None) -> dict[str, Any] | None:
    if c is None:
        return None
    money = ("in_year", "full_year", "funded")
    return {
        "price_base": c.price_base,
        "basis": c.basis,
        "cash_basis": c.cash_basis,
        "pay_award": {str(y): float(r) for y, r in c.pay_award.items()},
        "by_year": [
            {"year": r["year"], **{k: round(float(r[k]), 2) for k in money}}
            | {
                "share_of_year": round(float(r["share_of_year"]), 6),
                "pay_index": round(float(r["pay_index"]), 6),
            }
            for r in c.by_year.to_dict("records")
        ],
        "total_over_period": round(c.total_over_period, 2),
    }


def to_json(p: Projection) -> dict[str, Any]:
    """The command line's JSON: the issue's keys, JSON-ready values.

    Beside the original keys: ``capacity`` (paid and effective hours per WTE, headroom and its parts),
    ``establishment`` (required and funded WTE, vacancy rate), ``gap_wte.shortfall_total`` (the sum of
    the bands' shortfalls beside the net total), ``costs`` (price base of the pay tables, ``cash_basis``:
    the by-year figures and totals are cash, uplifted by ``pay_award``; in-year, full-year and funded cost
    by year, total over the period) and ``warnings``. ``annual_cost`` stays as before: the required WTE
    at a full year's cost per WTE at the pay data's prices.
    """
    has_team = p.in_post is not None
    summary, by_band = p.trajectory.summary, p.trajectory.by_band
    trajectory = []
    for year, row in zip(summary["year"], summary.itertuples(index=False), strict=True):
        yb = by_band[by_band["year"] == year]
        kept = yb[(yb["required_wte"] > 0) | (yb["in_post_wte"] > 0)]
        trajectory.append(
            {
                "year": year,
                "required_wte": {
                    "total": round(row.required_wte, 4),
                    "by_band": _by(kept, "band", "required_wte"),
                },
                "in_post_wte": {
                    "total": round(row.in_post_wte, 4),
                    "by_band": _by(kept, "band", "in_post_wte"),
                },
                "gap_wte": {
                    "total": round(row.gap_wte, 4),
                    "shortfall_total": round(row.shortfall_wte, 4),
                    "by_band": _by(kept, "band", "gap_wte"),
                },
                "funded_wte": {"total": round(row.funded_wte, 4), "by_band": _by(kept, "band", "funded_wte")},
                "annual_cost": {
                    "total": round(row.required_cost, 2),
                    "by_band": _by(kept, "band", "required_cost"),
                    "in_post_total": round(row.in_post_cost, 2),
                },
            }
        )
    kept = p.gap_by_band[(p.gap_by_band["required_wte"] > 0) | (p.gap_by_band["in_post_wte"] > 0)]
    return {
        "schema_version": SCHEMA_VERSION,
        "scenario": {
            "name": p.scenario.name,
            "title": p.scenario.title,
            "description": p.scenario.description,
            "as_of": p.as_of.isoformat(),
            "roster": p.roster_name,
            "in_post": "roster" if has_team else "assumed equal to today's requirement (no roster given)",
        },
        "parameters": {name: prm.to_json() for name, prm in p.scenario.parameters.items()},
        "required_wte": _wte_block(p.gap_by_band, p.gap_by_function, "required_wte"),
        "in_post_wte": _wte_block(p.gap_by_band, p.gap_by_function, "in_post_wte") if has_team else None,
        "gap_wte": _gap_block(p) if has_team else None,
        "annual_cost": {
            "total": round(float(p.gap_by_band["required_cost"].sum()), 2),
            "by_band": _by(kept, "band", "required_cost"),
            "in_post_total": round(float(p.gap_by_band["in_post_cost"].sum()), 2) if has_team else None,
            "point": p.inputs.pay_point,
            "pension": p.inputs.pension_basis,
        },
        "waiting": _waiting_json(p),
        "trajectory": trajectory,
        "uncertainty": _uncertainty_json(p),
        "capacity": _capacity_block(p.requirement.hours_per_wte),
        "establishment": _establishment_block(p.establishment),
        "costs": _costs_block(p.costs),
        "warnings": list(p.warnings),
    }


def _pcts(frame: pd.DataFrame, digits: int = 4) -> dict[str, dict[str, float]]:
    return {str(y): {c: round(float(v), digits) for c, v in row.items()} for y, row in frame.iterrows()}


def _waiting_json(p: Projection) -> dict[str, Any]:
    w, b = p.waiting, p.backlog_clearance
    return {
        "method": w.method,
        "runs": w.runs,
        "seed": w.seed,
        "weekly_referrals": round(p.funnel.referrals / 52, 4),
        # the queue's arrivals (referrals who take up PR), in the same unit as the capacity: starts
        "weekly_demand_joining_list": round(p.funnel.starts / 52, 4),
        "weekly_capacity": round(float(w.weeks["capacity"].iloc[0]), 4),
        "capacity_to_demand": round(w.capacity_to_demand, 4),
        "list_growth_per_week": round(w.list_growth_per_week, 4) + 0.0,  # no -0.0
        "verdict": w.verdict,
        # one source: the year's share and the chance come from the same runs (the Monte Carlo's where
        # it ran, as uncertainty.probability_85_within_90_days); the waiting run's are kept, labelled
        "share_within_90_days": {
            "basis": p.wait_basis,
            "by_year": _pcts(p.wait_share),
            "probability_at_least_target": {str(k): round(float(x), 4) for k, x in p.wait_chance.items()},
            "referral_noise_only": {
                "basis": NOISE_ONLY,
                "by_year": _pcts(w.share_percentiles),
                "probability_at_least_target": {
                    str(k): round(float(x), 4) for k, x in w.probability_by_year.items()
                },
                "weekly": [round(float(x), 4) for x in w.weeks["share_within_90_days"]],
            },
        },
        "post_exacerbation_within_4_weeks": {
            "share_of_referrals": p.inputs.post_exacerbation_share,
            "by_year": _pcts(w.post_exacerbation),
        },
        "waiting_over_90_days_at_year_end": _pcts(w.over_90_days, 1),
        "list_at_year_end": _pcts(w.list_at_year_end, 1),
        "starting_list": {"total": round(w.starting_list.total, 2), "note": w.starting_list.note},
        "steady_state": {
            "mean_wait_days": round(w.steady.mean_wait_days, 2),
            "target_queue": round(w.steady.target_queue, 2),
            "capacity_to_hold_target": round(w.steady.capacity, 4),
        },
        "backlog_clearance": None
        if b is None
        else {
            "list_now": round(b.list_now, 2),
            "target_queue": round(b.target_queue, 2),
            "extra_starts": round(b.extra_starts, 2),
            "weeks": b.weeks,
            "wte_weeks": round(b.wte_weeks, 2),
            "extra_wte_while_clearing": round(b.extra_wte, 4),
        },
        "wte_to_hold_target": {y: round(x, 4) for y, x in p.wte_to_hold_target.items()},
    }


def _uncertainty_json(p: Projection) -> dict[str, Any] | None:
    if p.uncertainty is None and not p.sensitivity:
        return None
    out = p.uncertainty.to_json() if p.uncertainty else {}
    out["sensitivity"] = [s.to_json() for s in p.sensitivity]
    return out
