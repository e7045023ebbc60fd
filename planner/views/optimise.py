"""The least-cost skill mix, computed once for the Skill mix page, the CLI and the pack.

:func:`least_cost_view` runs :func:`planner.expansion.optimise.optimise` for a scenario (its demand,
rates and limits) and a team (optional), and returns the tables and sentences a screen shows; a
conflict between the rules comes back as ``error`` (a sentence naming the rules), never as an
exception. :func:`least_cost_json` is the CLI's ``--json`` shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from planner.captions import optimise as words
from planner.captions.words import money
from planner.charts.optimise import mix_comparison_bars
from planner.expansion.optimise import OptimalMix, OptimiseError, Settings, optimise, settings_from
from planner.expansion.projection import in_post_from_staff
from planner.expansion.scenario import Scenario
from planner.reference.optimiser_rules import load_optimiser_rules
from planner.views.expansion_form import Field, apply_form_checked, form_fields
from planner.views.region import roster_services
from planner.vocab import BANDS, band_label

MIX_NAMES: dict[str, str] = {
    "optimal": "Least-cost mix",
    "policy": "Policy mix (today's allocation)",
    "in_post": "Team in post",
}


@dataclass(frozen=True)
class LeastCostView:
    """What the least-cost section shows.

    Attributes:
        mix: the optimiser's result, or None when ``error`` says why there is none.
        error: a sentence for people when no mix could be found.
        by_band: one row per band with WTE in any mix: ``Band`` then one column per mix (WTE).
        costs: one row per mix: ``Mix``, ``WTE``, ``Annual cost (£)``.
        rules: one row per rule: ``Rule``, ``Kind``, ``Limit``, ``On``, ``Binding``, ``Saving if
            removed (£ a year)``, ``Saving if removed with the rules it ties with (£ a year)`` (blank
            when the rule has no tie that binds), ``Cost per unit (£ a year, approximate)``, ``Unit``, ``Reason``; money in
            words where a figure may not exist (blank then).
        headline: the saving sentence.
        sentences: the binding rules' costs in words, costliest first.
        notes: the labels every figure carries (our interpretation, assumptions, approximation).
        posts: how posts are counted, in words.
        demand: which scenario and what demand (starts a year) the mix is for.
        conflicts: when the rules conflict, the conflicting rules' labels (with their limits).
    """

    mix: OptimalMix | None
    error: str | None
    by_band: pd.DataFrame = field(default_factory=pd.DataFrame)
    costs: pd.DataFrame = field(default_factory=pd.DataFrame)
    rules: pd.DataFrame = field(default_factory=pd.DataFrame)
    headline: str = ""
    sentences: list[str] = field(default_factory=list)
    notes: tuple[str, ...] = words.NOTES
    posts: str = ""
    demand: str = ""
    conflicts: tuple[str, ...] = ()


def service_team(
    staff: pd.DataFrame | None, service: str | None = None, choose: str = "with --service NAME"
) -> pd.DataFrame | None:
    """The team the least-cost mix is compared with: one service's staff, never several services pooled.

    Args:
        staff: the roster's staff (with its ``service`` column when it has one), or None.
        service: the service to compare, as the roster spells it (case and spaces aside), or None.
        choose: how the reader chooses one service, in words ("with --service NAME" on the command line).

    Raises:
        OptimiseError: the roster has several services and none was chosen, or no service of that name.
    """
    if staff is None:
        if service:
            raise OptimiseError(f"--service {service} needs a roster: give the roster file.")
        return None
    names = roster_services(staff)
    if service:
        wanted = {n.casefold(): n for n in names}.get(service.strip().casefold())
        if wanted is None:
            listed = "; ".join(names) if names else "none (the roster has no Service column)"
            raise OptimiseError(f"This roster has no service named {service!r}. Its services: {listed}.")
        return staff[staff["service"].astype(str).str.strip() == wanted].reset_index(drop=True)
    if len(names) > 1:
        raise OptimiseError(
            f"This roster has {len(names)} services; the least-cost mix is for one service's demand, so "
            f"choose one {choose} ({'; '.join(names)})."
        )
    return staff


def team_words(staff: pd.DataFrame | None) -> str:
    """What the comparison's team is, in words for the page."""
    if staff is None:
        return "No team is loaded: the least-cost mix is compared with the policy mix only."
    names = roster_services(staff)
    if len(names) == 1:
        return f"The team in post is the whole roster: {names[0]}."
    return "The team in post is the whole roster."


def team_wte(staff: pd.DataFrame | None) -> pd.Series | None:
    """WTE in post by band from the model's staff columns, or None when there is no team."""
    if staff is None or staff.empty:
        return None
    return in_post_from_staff(staff).by_band


def _tables(mix: OptimalMix) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    mixes = {MIX_NAMES["optimal"]: mix.by_band, MIX_NAMES["policy"]: mix.policy.by_band}
    if mix.in_post is not None:
        mixes[MIX_NAMES["in_post"]] = mix.in_post.by_band
    frame = pd.DataFrame(mixes).reindex(list(BANDS)).fillna(0.0)
    frame = frame[(frame > 1e-9).any(axis=1)].round(2)
    frame.insert(0, "Band", [band_label(b) for b in frame.index])
    costs = pd.DataFrame(
        [
            {
                "Mix": MIX_NAMES["optimal"],
                "WTE": float(mix.by_band.sum()),
                "Annual cost (£)": mix.annual_cost,
            },
            {"Mix": MIX_NAMES["policy"], "WTE": mix.policy.total, "Annual cost (£)": mix.policy.annual_cost},
        ]
        + (
            [
                {
                    "Mix": MIX_NAMES["in_post"],
                    "WTE": mix.in_post.total,
                    "Annual cost (£)": mix.in_post.annual_cost,
                }
            ]
            if mix.in_post is not None
            else []
        )
    )
    rules = pd.DataFrame(
        [
            {
                "Rule": r.label,
                "Kind": r.kind,
                "Limit": r.limit or "",
                "On": "Yes" if r.active else "No",
                "Binding": "Yes" if r.binding else "No",
                "Saving if removed (£ a year)": r.saving_if_removed,
                "Saving if removed with the rules it ties with (£ a year)": money(r.shared_saving)
                if r.shared_with
                else "",
                "Cost per unit (£ a year, approximate)": money(r.cost_per_unit)
                if r.cost_per_unit is not None
                else "",
                "Unit": r.unit or "",
                "Reason": r.reason,
            }
            for r in mix.rules
        ]
    )
    return frame.reset_index(drop=True), costs, rules


def least_cost_view(
    scenario: Scenario,
    staff: pd.DataFrame | None = None,
    settings: Settings | None = None,
    *,
    with_rule_costs: bool = True,
) -> LeastCostView:
    """The least-cost section for ``scenario`` and the team in ``staff`` (model columns, or None)."""
    try:
        mix = optimise(
            scenario.inputs(),
            settings or settings_from(),
            in_post=team_wte(staff),
            with_rule_costs=with_rule_costs,
        )
    except OptimiseError as exc:
        return LeastCostView(None, str(exc), conflicts=exc.rules)
    by_band, costs, rules = _tables(mix)
    headline = words.saving_caption(mix)
    if mix.stopped:
        headline += " " + mix.stopped
    return LeastCostView(
        mix,
        None,
        by_band,
        costs,
        rules,
        headline,
        words.binding_sentences(mix),
        posts=words.posts_caption(mix),
        demand=words.demand_caption(scenario.title, mix),
    )


def _by_band(series: pd.Series, digits: int = 3) -> dict[str, float]:
    return {str(b): round(float(v), digits) for b, v in series.items() if abs(float(v)) > 1e-9}


def least_cost_json(view: LeastCostView, scenario: Scenario) -> dict[str, Any]:
    """The CLI's JSON: ``scenario``, ``optimal``, ``policy``, ``in_post``, ``settings``, ``parameters``.

    When no mix is found: ``error`` (the sentence), ``rules`` (the conflicting rules' labels, a list),
    ``scenario`` and ``parameters``.
    """
    parameters = {name: prm.to_json() for name, prm in scenario.parameters.items()}
    if view.mix is None:
        return {
            "error": view.error,
            "rules": list(view.conflicts),
            "scenario": {"name": scenario.name, "title": scenario.title},
            "parameters": parameters,
        }
    mix = view.mix
    hours = {activity: _by_band(row, 1) for activity, row in mix.hours.iterrows() if float(row.sum()) > 1e-9}
    rules = [
        {
            "name": r.name,
            "label": r.label,
            "kind": r.kind,
            "limit": r.limit,
            "active": r.active,
            "binding": r.binding,
            "saving_if_removed": r.saving_if_removed,
            "cost_per_unit": r.cost_per_unit,
            "unit": r.unit,
            "shared_with": list(r.shared_with),
            "shared_saving": r.shared_saving,
            "cost_per_unit_basis": "approximation: dual values of the relaxation (any WTE)",
        }
        for r in mix.rules
    ]
    spec = load_optimiser_rules()
    s = mix.settings
    return {
        "scenario": {
            "name": scenario.name,
            "title": scenario.title,
            "starts_a_year": round(mix.starts, 1),
            "completions_a_year": round(mix.completions, 1),
            "demand": view.demand,
        },
        "optimal": {
            "by_band": _by_band(mix.by_band),
            "posts_by_band": {b: int(v) for b, v in mix.posts_by_band.items() if v > 0},
            "post_wte": mix.post_wte,
            "by_function": _by_band(mix.by_function),
            "total_wte": round(float(mix.by_band.sum()), 3),
            "annual_cost": round(mix.annual_cost, 2),
            "hours": hours,
            "rules": rules,
            "stopped": mix.stopped,
        },
        "policy": {"by_band": _by_band(mix.policy.by_band), "annual_cost": round(mix.policy.annual_cost, 2)},
        "in_post": (
            {"by_band": _by_band(mix.in_post.by_band), "annual_cost": round(mix.in_post.annual_cost, 2)}
            if mix.in_post is not None
            else None
        ),
        "saving_on_policy": round(mix.saving_on_policy, 2),
        "price_base": mix.price_base,
        "basis": mix.basis,
        "settings": {
            "target_registered_share": _labelled(
                s.target_registered_share, spec.settings["target_registered_share"]
            ),
            "leadership_band": _labelled(s.leadership_band, spec.settings["leadership_band"]),
            "post_step": _labelled(s.post_step, spec.settings["post_step"]),
            "time_limit_seconds": s.time_limit_seconds,
            "rules_off": sorted(s.rules_off),
            "floor": s.floor,
        },
        "parameters": parameters,
    }


def _labelled(value: Any, setting: Any) -> Mapping[str, Any]:
    return {"value": value, "kind": setting.kind, "reason": setting.reason}


#: The section's own widget keys start with this (the Expansion form uses ``param_``).
FORM_PREFIX = "lcm_"


def limit_fields(scenario: Scenario) -> list[Field]:
    """The form's boxes for the scenario parameters that are limits of the rules (same checks as the Expansion form)."""
    names = {r.parameter for r in load_optimiser_rules().rules.values() if r.parameter}
    fields = [f for group in form_fields(scenario).values() for f in group if f.name in names]
    return [replace(f, key=FORM_PREFIX + f.name) for f in fields]


def rule_switches() -> list[tuple[str, str, str]]:
    """One switch per rule: (rule name, label with its kind, widget key)."""
    return [
        (r.name, f"{r.label} ({r.kind_words})", f"{FORM_PREFIX}on_{r.name}")
        for r in load_optimiser_rules().rules.values()
    ]


def apply_limits(scenario: Scenario, values: Mapping[str, Any]) -> tuple[Scenario, dict[str, str]]:
    """The scenario with the form's limits applied; field name → message for each value refused."""
    return apply_form_checked(scenario, dict(values))


def mix_chart(view: LeastCostView) -> go.Figure:
    """The comparison chart of the section (an empty figure when there is no mix)."""
    return mix_comparison_bars(view.by_band) if view.mix is not None else go.Figure()


def form_settings(
    target_percent: float, post_step: str, floor: bool, switched_on: Mapping[str, bool]
) -> Settings:
    """The optimiser's settings from the section's form (the target in percent; a rule per switch).

    Raises:
        OptimiseError: a setting out of range (the message says which).
    """
    return settings_from(
        {
            "target_registered_share": float(target_percent) / 100,
            "post_step": post_step,
            "floor": floor,
            "rules_off": {name for name, on in switched_on.items() if not on},
        }
    )


def default_target_percent() -> int:
    """The form's registered share target (%), from ``data/skillmix_optimiser.yaml``."""
    return round(settings_from().target_registered_share * 100)


def least_cost_option(
    scenario: Scenario, staff: pd.DataFrame | None, session_value: Any, cached: Any
) -> tuple[str, tuple[Scenario | None, str | None]]:
    """The Expansion page's least-cost option, with the Skill mix page's settings when it has run.

    Args:
        scenario: the working scenario.
        staff: the team (model columns), or None.
        session_value: the Skill mix page's cached ``(key, LeastCostView)``, or None.
        cached: this function's last ``(key, result)``, or None; returned as it is when nothing changed.

    Returns:
        ``(key, (scenario or None, reason or None))`` (:func:`least_cost_scenario`'s result).
    """
    from planner.expansion.optimise_option import least_cost_scenario

    view = session_value[1] if isinstance(session_value, tuple) and len(session_value) == 2 else None
    settings = (
        view.mix.settings if isinstance(view, LeastCostView) and view.mix is not None else settings_from()
    )
    key = view_key(scenario, staff, settings)
    if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == key:
        return cached
    return key, least_cost_scenario(scenario, team_wte(staff), settings)


#: How posts may be counted, in words for the form.
POST_STEPS: dict[str, str] = {
    "whole": "Whole posts at the typical WTE per person",
    "tenth": "Steps of 0.1 WTE",
}


def view_key(scenario: Scenario, staff: pd.DataFrame | None, settings: Settings) -> str:
    """A key that changes when anything the section's answer depends on changes."""
    team = None if staff is None else tuple(map(tuple, staff[["band", "wte"]].astype(str).to_numpy()))
    return repr((sorted(scenario.values().items(), key=str), team, settings))
