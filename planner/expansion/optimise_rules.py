"""What each rule of the least-cost mix costs, and which rules conflict when no mix is possible.

For every rule that is on, :func:`rule_results` solves the programme again without it (the saving if
it alone were removed) and prices one unit of tightening its limit from the dual values of the LP
relaxation (:func:`planner.expansion.optimise_model.marginal_cost`; an approximation). Rules that
express the same limit (:data:`TIES`: the minimum staff per class and the exercise ratio both ask for
two staff per class) save nothing when removed alone; the group is then solved again with all of
them off, and the shared saving is reported on each, with the group binding. SciPy gives no
infeasibility core, so :func:`explain_infeasible` drops the rules one at a time, then two at a time,
and names those whose removal makes a mix possible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import combinations

from planner.expansion.optimise_model import SWITCHABLE, Problem, Solution, marginal_cost, solve
from planner.reference.optimiser_rules import OptimiserRules

#: Below this (£ a year) a saving is rounding, not a rule that binds.
SAVING_TOLERANCE = 1.0

#: Rules that set the same limit: removing one alone saves nothing while another still holds it.
TIES: tuple[tuple[str, ...], ...] = (("minimum_staff_per_class", "exercise_ratio"),)

#: How one unit of tightening is made, and the unit in words, for each rule that has a limit.
UNITS: dict[str, str] = {
    "minimum_staff_per_class": "for each extra staff member in every class",
    "exercise_ratio": "for each extra staff member in every class",
    "supervision_hours": "for each extra hour of supervision a year per supporting WTE",
    "supporting_per_registered": "for each 0.1 lower supporting WTE per registered WTE",
    "registered_share": "for each percentage point higher target",
    "leadership_minimum": "for each 0.1 WTE more minimum leadership",
    "leadership_share": "for each percentage point more leadership share",
}


def _tightened(p: Problem, rule: str) -> Problem | None:
    """The problem with ``rule``'s limit tightened by one unit of :data:`UNITS`, or None (no limit)."""
    moves = {
        "minimum_staff_per_class": lambda: replace(p, min_staff=p.min_staff + 1),
        "exercise_ratio": lambda: replace(p, ratio_staff=p.ratio_staff + 1),
        "supervision_hours": lambda: replace(p, supervision_hours=p.supervision_hours + 1),
        "supporting_per_registered": lambda: replace(
            p, max_supporting_per_registered=max(0.0, p.max_supporting_per_registered - 0.1)
        ),
        "registered_share": lambda: replace(
            p, target_registered_share=min(1.0, p.target_registered_share + 0.01)
        ),
        "leadership_minimum": lambda: replace(p, leadership_min_wte=p.leadership_min_wte + 0.1),
        "leadership_share": lambda: replace(p, leadership_share=p.leadership_share + 0.01),
    }
    return moves[rule]() if rule in moves else None


@dataclass(frozen=True)
class RuleResult:
    """One rule of the least-cost mix and what it costs.

    Attributes:
        name: the rule's name (``registered_share``).
        label: the rule in words.
        kind: "assumption", "our interpretation", "a policy" or "a source's rule".
        reason: why the rule and its limit are what they are.
        active: whether the rule is on.
        limit: the limit in words ("60%"), or None for a rule without one.
        binding: whether removing the rule alone, or with the rules it ties with, makes the mix cheaper.
        saving_if_removed: how much cheaper removing it alone makes the mix (£ a year; 0 when off).
        cost_per_unit: £ a year per unit of tightening (``unit``), from the LP relaxation's duals: an
            approximation; None for a rule without a limit or one that is off.
        unit: the unit in words, or None.
        shared_with: the other rules of its tie (names) when only removing them together saves, else ().
        shared_saving: what removing the whole tie saves (£ a year; 0 when there is no such tie).
    """

    name: str
    label: str
    kind: str
    reason: str
    active: bool
    limit: str | None
    binding: bool
    saving_if_removed: float
    cost_per_unit: float | None
    unit: str | None
    shared_with: tuple[str, ...] = ()
    shared_saving: float = 0.0


def _active(p: Problem, rule: str) -> bool:
    if rule == "registered_share":
        return rule in p.active and p.target_registered_share > 0
    return rule in p.active


def rule_results(
    p: Problem, sol: Solution, spec: OptimiserRules, limits: Mapping[str, str], with_costs: bool = True
) -> tuple[RuleResult, ...]:
    """One :class:`RuleResult` per rule of the data file, in its order (see the module docstring)."""
    out = []
    for name, rule in spec.rules.items():
        on = _active(p, name)
        saving, per_unit = 0.0, None
        if on and with_costs:
            without = solve(p.without(name))
            if without.hours is not None:
                saving = max(0.0, sol.cost - without.cost)
            tight = _tightened(p, name)
            if tight is not None:
                per_unit = marginal_cost(p, tight, 1.0)
                per_unit = None if per_unit is None else max(0.0, per_unit)
        out.append(
            RuleResult(
                name,
                rule.label,
                rule.kind_words,
                rule.reason,
                on,
                limits.get(name),
                saving > SAVING_TOLERANCE,
                round(saving, 2),
                None if per_unit is None else round(per_unit, 2),
                UNITS.get(name) if per_unit is not None else None,
            )
        )
    return _ties(p, sol, tuple(out)) if with_costs else tuple(out)


def _ties(p: Problem, sol: Solution, results: tuple[RuleResult, ...]) -> tuple[RuleResult, ...]:
    """Each tie whose rules are all on and none saves alone, solved with all of them off (see the module)."""
    by_name = {r.name: r for r in results}
    for group in TIES:
        members = [by_name[n] for n in group if n in by_name]
        if len(members) < 2 or not all(r.active and not r.binding for r in members):
            continue
        q = p
        for name in group:
            q = q.without(name)
        without = solve(q)
        if without.hours is None:
            continue
        saving = max(0.0, sol.cost - without.cost)
        if saving <= SAVING_TOLERANCE:
            continue
        for r in members:
            others = tuple(n for n in group if n != r.name)
            by_name[r.name] = replace(r, binding=True, shared_with=others, shared_saving=round(saving, 2))
    return tuple(by_name[r.name] for r in results)


def explain_infeasible(
    p: Problem, spec: OptimiserRules, limits: Mapping[str, str]
) -> tuple[str, tuple[str, ...]]:
    """The message and the labels of the conflicting rules, found by dropping rules one or two at a time."""

    def named(rule: str) -> str:
        label = spec.rules[rule].label
        return f"{label} ({limits[rule]})" if rule in limits else label

    on = [r for r in SWITCHABLE if _active(p, r)]
    singles = [r for r in on if solve(p.without(r)).status != "infeasible"]
    if singles:
        names = tuple(named(r) for r in singles)
        return (
            "No mix meets every rule: these rules conflict, and switching off any one of them makes a mix "
            "possible: " + "; ".join(names) + ".",
            names,
        )
    for a, b in combinations(on, 2):
        if solve(p.without(a).without(b)).status != "infeasible":
            names = (named(a), named(b))
            return (
                "No mix meets every rule: switching off one rule is not enough, but switching off both of "
                "these makes a mix possible: " + "; ".join(names) + ".",
                names,
            )
    names = tuple(named(r) for r in on)
    return (
        "No mix meets the rules even with any two of them switched off; check the scenario's figures "
        "and the skill-mix policy. The rules on: " + "; ".join(names) + ".",
        names,
    )
