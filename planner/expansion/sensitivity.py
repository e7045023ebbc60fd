"""One-at-a-time sensitivity (a tornado): each input at the ends of its plausible range, the rest at their values.

The *plausible* range of a parameter (``data/parameters/expansion.yaml``) is the spread seen between
areas and providers, not the uncertainty about one service (that is the Monte Carlo's,
:mod:`planner.expansion.uncertainty`). Setting one input at a time to each end of it and reading the
required WTE and its annual cost in the target year shows which local figures are worth finding
first. Inputs are ranked by swing (|required WTE at high − at low|); inputs that do not move the
requirement (targets, supply, the Monte Carlo's spreads) or have a zero-width range are left out,
and so is the population served, which sets the size of the service rather than being uncertain.
An override the scenario does not set (``eligible_population`` left empty, so the eligible population
is population × prevalence × eligible share) is left out too: the inputs it would replace have bars
of their own, and sweeping it would override them over a range (1.6 to 142 WTE) that says nothing
about this service. Headroom's total is kept unset: it is then the sum of its parts, and is in use.
Each changed set of inputs is built with :func:`dataclasses.replace`, which checks it again, and run
through the public functions of :mod:`planner.expansion.demand` and :mod:`planner.expansion.capacity`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from planner.expansion import capacity
from planner.expansion import trajectory as tj
from planner.expansion.demand import funnel, referral_rates, years_between
from planner.expansion.headroom import sourced_parts
from planner.expansion.inputs import InputsError, ModelInputs, field_names

#: Groups whose inputs can change the required WTE.
GROUPS: tuple[str, ...] = ("demand", "programme", "staffing")
#: The population served sets the size of the service being planned; it is not a figure to find out.
LEFT_OUT: tuple[str, ...] = ("population",)
#: Unset, headroom is still a total in use (the sum of its parts, where its sweep starts); kept.
KEPT_WHEN_UNSET: tuple[str, ...] = ("headroom",)


@dataclass(frozen=True)
class Swing:
    """One bar of the tornado: an input at the low and high of its plausible range."""

    parameter: str
    label: str
    low: float
    high: float
    required_wte_low: float
    required_wte_high: float
    cost_low: float
    cost_high: float

    @property
    def swing(self) -> float:
        """|required WTE at high − at low|."""
        return abs(self.required_wte_high - self.required_wte_low)

    def to_json(self) -> dict[str, Any]:
        """The JSON record of ``uncertainty.sensitivity``."""
        return {
            "parameter": self.parameter,
            "label": self.label,
            "low": self.low,
            "high": self.high,
            "required_wte_low": round(self.required_wte_low, 4),
            "required_wte_high": round(self.required_wte_high, 4),
            "annual_cost_low": round(self.cost_low, 2),
            "annual_cost_high": round(self.cost_high, 2),
        }


def required_in_year(
    inputs: ModelInputs, years: list[str], price: np.ndarray | None = None
) -> tuple[float, float]:
    """Required WTE and its annual employer cost in the last of ``years`` (as ``capacity.requirement``).

    Args:
        inputs: the model's inputs.
        years: the horizon's financial years.
        price: employer cost per WTE by band; looked up from the inputs when not given.
    """
    n = len(years)
    last = funnel(inputs, referral_rate=float(referral_rates(inputs, n)[-1]), year_index=n - 1)
    pre = capacity.pre_leadership_wte(last.starts, last.completions, inputs)
    lead = float(capacity.leadership_wte(float(pre.sum()), inputs))
    by_band = pre.sum(axis=0) + lead * capacity.allocation_matrix(inputs)[-1]
    price = tj.cost_vector(inputs.pay_point, inputs.pension_basis) if price is None else price
    return float(by_band.sum()), float(np.dot(by_band, price))


def tornado(inputs: ModelInputs, as_of: date) -> list[Swing]:
    """Swings in the target year's required WTE, largest first.

    Args:
        inputs: the model's inputs.
        as_of: the model date (the horizon runs to ``inputs.target_year``).
    """
    years = years_between(as_of, inputs.target_year)
    price = tj.cost_vector(inputs.pay_point, inputs.pension_basis)  # pay is not swept
    out: list[Swing] = []
    for name in field_names():
        p = ModelInputs.describe(name)
        if name in LEFT_OUT or p.group not in GROUPS or p.type not in ("float", "int") or p.plausible is None:
            continue
        low, high = (float(x) for x in p.plausible)
        if name == "headroom":
            # a total below the sourced parts is refused (planner.expansion.headroom), so the sweep
            # starts at the parts: the low end is the larger of the plausible low and their sum
            low = max(low, sum(sourced_parts(inputs).values()))
        if low >= high or (getattr(inputs, name) is None and name not in KEPT_WHEN_UNSET):
            continue  # an unset override is not an input in use
        try:
            ends = [replace(inputs, **{name: x}) for x in (low, high)]
        except InputsError:
            # a part of headroom swept above an explicitly set total: that combination is refused,
            # so the part has no bar of its own (the headroom bar shows the total's swing)
            continue
        (wte_low, cost_low), (wte_high, cost_high) = (required_in_year(v, years, price) for v in ends)
        if abs(wte_high - wte_low) < 1e-9:
            continue
        out.append(Swing(name, p.label, low, high, wte_low, wte_high, cost_low, cost_high))
    return sorted(out, key=lambda s: -s.swing)
