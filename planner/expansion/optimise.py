"""The least-cost skill mix that still delivers safe PR: what it costs, and what each rule costs.

:func:`optimise` takes the expansion model's inputs (a scenario's ``ModelInputs``), the year's starts
and completions (the scenario's demand by default), the team in post (optional) and
:class:`Settings`, builds the programme of :mod:`planner.expansion.optimise_model`, and solves it
with SciPy's ``milp``. For every rule that is on it then reports:

- ``binding``: whether removing it alone makes the mix cheaper;
- ``saving_if_removed``: how much cheaper, found by solving again without it;
- ``cost_per_unit``: the change in cost per unit of tightening its limit, from the dual values of the
  LP relaxation (``linprog(method="highs")``): an approximation, since the posts are whole.

The mix is compared with the fixed-policy mix (the scenario's ``allocation`` shares, the expansion
model's requirement, :func:`planner.expansion.capacity.requirement`) and with the team in post, all
priced at the scenario's pay point and pension basis in the pay data's price base
(:func:`planner.expansion.costing.band_rates`). An infeasible set of rules raises
:class:`OptimiseError` naming the rules whose removal alone would make a mix possible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from planner.expansion import capacity, costing
from planner.expansion.demand import funnel
from planner.expansion.inputs import ModelInputs
from planner.expansion.optimise_model import SWITCHABLE, Problem, solve
from planner.expansion.optimise_rules import RuleResult, explain_infeasible, rule_results
from planner.reference import pay as afc
from planner.reference.optimiser_rules import OptimiserRules, load_optimiser_rules
from planner.reference.policy import ACTIVITIES, Policy, load_policy
from planner.vocab import BANDS, FUNCTIONS

__all__ = [
    "MixFigures",
    "OptimalMix",
    "OptimiseError",
    "Settings",
    "optimise",
    "problem_for",
    "settings_from",
]


class OptimiseError(ValueError):
    """No mix can be found: the rules conflict, or the solver stopped before finding one.

    Attributes:
        rules: the rules named as conflicting (labels), empty when the cause is not a rule.
    """

    def __init__(self, message: str, rules: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.rules = rules


@dataclass(frozen=True)
class Settings:
    """The optimiser's own settings (defaults in ``data/skillmix_optimiser.yaml``).

    Attributes:
        target_registered_share: registered share of WTE, at least (0 switches the rule off).
        leadership_band: the lowest band that may lead the service.
        post_step: ``"whole"`` posts at the typical WTE, ``"tenth"`` (0.1 WTE steps), or ``"any"``
            (continuous WTE: the LP relaxation, used by tests and the comparison with the policy mix).
        time_limit_seconds: the longest the solver may run.
        rules_off: rules switched off by the user.
        floor: keep the team in post (no redundancies); needs a team.
    """

    target_registered_share: float = 0.6
    leadership_band: str = "7"
    post_step: str = "whole"
    time_limit_seconds: float = 10.0
    rules_off: frozenset[str] = frozenset()
    floor: bool = False

    def __post_init__(self) -> None:
        problems = []
        if not 0.0 <= self.target_registered_share <= 1.0:
            problems.append(
                f"The registered share target must be between 0 and 1, not {self.target_registered_share}."
            )
        if self.post_step not in ("whole", "tenth", "any"):
            problems.append(f"Posts are counted as whole, tenth or any, not {self.post_step!r}.")
        if self.leadership_band not in BANDS:
            problems.append(f"The lead band {self.leadership_band!r} is not an Agenda for Change band.")
        if not 0 < self.time_limit_seconds <= 600:
            problems.append("The time limit must be more than 0 and at most 600 seconds.")
        unknown = sorted(set(self.rules_off) - set(SWITCHABLE))
        if unknown:
            problems.append(f"Unknown rules: {', '.join(unknown)}; the rules are {', '.join(SWITCHABLE)}.")
        if problems:
            raise OptimiseError(" ".join(problems))


def settings_from(values: dict[str, Any] | None = None, rules: OptimiserRules | None = None) -> Settings:
    """Settings from the data file's defaults with ``values`` laid over them (names as in the file)."""
    rules = rules or load_optimiser_rules()
    merged = rules.defaults() | dict(values or {})
    numbers = {}
    problems = []
    for name in ("target_registered_share", "time_limit_seconds"):
        try:
            numbers[name] = float(merged[name])
        except (TypeError, ValueError):
            label = rules.settings[name].label if name in rules.settings else name
            problems.append(
                f"{label} ({name}) must be a number, for example {rules.defaults()[name]}; found {str(merged[name])!r}."
            )
    if problems:
        raise OptimiseError(" ".join(problems))
    return Settings(
        target_registered_share=numbers["target_registered_share"],
        leadership_band=str(merged["leadership_band"]),
        post_step=str(merged["post_step"]),
        time_limit_seconds=numbers["time_limit_seconds"],
        rules_off=frozenset(merged.get("rules_off", ())),
        floor=bool(merged.get("floor", False)),
    )


@dataclass(frozen=True)
class MixFigures:
    """A mix to compare with: WTE by band and its annual cost."""

    by_band: pd.Series
    annual_cost: float

    @property
    def total(self) -> float:
        """Total WTE."""
        return float(self.by_band.sum())


@dataclass(frozen=True)
class OptimalMix:
    """The least-cost mix and what each rule costs.

    Attributes:
        by_band: WTE by band (every AfC band, zeros included), the team in post included when it is the floor.
        posts_by_band: posts by band (posts to add when the team in post is the floor), each of ``post_wte``.
        by_function: WTE by London function.
        hours: hours a year, activity × band.
        annual_cost: annual employer cost (£) in ``price_base``.
        rules: one result per rule, in the data file's order.
        policy: the fixed-policy mix for the same demand.
        in_post: the team in post, or None.
        price_base: e.g. "2025/26 prices".
        basis: the pricing in words.
        post_wte: WTE per post (0 for "any WTE").
        stopped: a sentence when the solver stopped at its time limit, else None.
        settings: the settings used.
        staff_per_class: the staff per class the rules that are on require.
        starts: the starters a year the mix is for.
        completions: the completers a year the mix is for.
    """

    by_band: pd.Series
    posts_by_band: pd.Series
    by_function: pd.Series
    hours: pd.DataFrame
    annual_cost: float
    rules: tuple[RuleResult, ...]
    policy: MixFigures
    in_post: MixFigures | None
    price_base: str
    basis: str
    post_wte: float
    stopped: str | None
    settings: Settings
    staff_per_class: int
    starts: float = 0.0
    completions: float = 0.0

    @property
    def saving_on_policy(self) -> float:
        """The policy mix's cost less the optimal mix's (£ a year)."""
        return self.policy.annual_cost - self.annual_cost

    @property
    def registered_share(self) -> float:
        """Share of the mix's WTE in bands 5 and above."""
        total = float(self.by_band.sum())
        return float(self.by_band[list(capacity.REGISTERED_BANDS)].sum()) / total if total > 0 else 0.0


def ni_wte(inputs: ModelInputs, settings: Settings) -> float:
    """WTE per person for employer NI: whole posts are people at the typical WTE, else the scenario's figure."""
    return inputs.typical_wte if settings.post_step == "whole" else inputs.ni_wte_per_person


def _post_wte(inputs: ModelInputs, settings: Settings) -> float:
    return {"whole": inputs.typical_wte, "tenth": 0.1, "any": 0.0}[settings.post_step]


def problem_for(
    inputs: ModelInputs,
    settings: Settings,
    starts: float,
    completions: float,
    in_post: pd.Series | None = None,
    policy: Policy | None = None,
    rates: np.ndarray | None = None,
) -> Problem:
    """The programme for a scenario's inputs and a year's demand (over the bands with a pay rate)."""
    policy = policy or load_policy()
    if rates is None:
        _, rates = costing.band_rates(inputs.pay_point, inputs.pension_basis, None, ni_wte(inputs, settings))
    keep = rates > 0
    bands = tuple(b for b, k in zip(BANDS, keep, strict=True) if k)
    plan = capacity.class_plan(starts, inputs)
    direct = capacity.activity_hours(starts, completions, inputs)
    sessions = plan["sessions_per_year"]
    slot = (inputs.exercise_minutes + inputs.prep_travel_minutes) / 60
    base = np.array([float(direct.get(a, 0.0)) for a in ACTIVITIES])
    per_staff = np.zeros(len(ACTIVITIES))
    i_support, i_edu = ACTIVITIES.index("class_support"), ACTIVITIES.index("education")
    base[i_support], per_staff[i_support] = -sessions * slot, sessions * slot
    base[i_edu], per_staff[i_edu] = 0.0, sessions * inputs.education_minutes / 60
    registered_class = np.zeros(len(ACTIVITIES))  # one registered professional in every class hour
    registered_class[ACTIVITIES.index("class_lead")] = sessions * slot
    registered_class[i_edu] = sessions * inputs.education_minutes / 60
    allowed = np.array([[b in policy.allowed_bands(a) for b in bands] for a in ACTIVITIES])
    floor = np.zeros(len(bands))
    if in_post is not None:
        floor = np.array([float(in_post.get(b, 0.0)) for b in bands])
    active = frozenset(SWITCHABLE) - settings.rules_off
    if not settings.floor or in_post is None:
        active -= {"team_in_post_floor"}
    return Problem(
        activities=ACTIVITIES,
        bands=bands,
        rates=rates[keep],
        effective_hours=capacity.hours_per_wte(inputs).effective,
        base_hours=base,
        per_staff_hours=per_staff,
        allowed=allowed,
        registered_activity=capacity.registered_mask(policy),
        min_staff=inputs.min_staff_per_class,
        ratio_staff=math.ceil(inputs.class_size / inputs.patients_per_staff),
        supervision_hours=inputs.supervision_hours_per_supporting_wte,
        max_supporting_per_registered=inputs.max_supporting_per_registered,
        target_registered_share=settings.target_registered_share,
        leadership_min_wte=inputs.leadership_min_wte,
        leadership_share=inputs.leadership_share,
        leadership_band=settings.leadership_band,
        step=_post_wte(inputs, settings),
        floor=floor,
        registered_class_hours=registered_class,
        active=active,
        time_limit=settings.time_limit_seconds,
    )


def _full(values: np.ndarray, bands: tuple[str, ...], name: str) -> pd.Series:
    out = pd.Series(0.0, index=pd.Index(BANDS, name="band"), name=name)
    out[list(bands)] = values
    return out


def _functions(hours: pd.DataFrame, wte: pd.Series, effective: float, policy: Policy) -> pd.Series:
    """WTE by London function, worked hours through the policy's rules.

    A post's spare time goes to the function its band works in most (its usual function when none).
    """
    h = hours.to_numpy() / effective
    index = {f: k for k, f in enumerate(FUNCTIONS)}
    out = np.zeros(len(FUNCTIONS))
    for j, band in enumerate(hours.columns):
        mine = np.zeros(len(FUNCTIONS))
        for i in np.flatnonzero(h[:, j] > 0):
            activity = str(hours.index[i])
            try:
                function = policy.function_of(activity, str(band))
            except ValueError:  # the policy was switched off: the band's usual function
                function = "leading" if activity == "leadership" else _band_function(str(band))
            mine[index[function]] += h[i, j]
        out += mine
        spare = float(wte.get(band, 0.0)) - float(mine.sum())
        if spare > 1e-9:
            out[int(mine.argmax()) if mine.sum() > 0 else index[_band_function(str(band))]] += spare
    return pd.Series(out, index=pd.Index(FUNCTIONS, name="function"), name="wte")


def _band_function(band: str) -> str:
    return "supporting" if band in capacity.SUPPORTING_BANDS else "delivering"


def optimise(
    inputs: ModelInputs,
    settings: Settings | None = None,
    *,
    starts: float | None = None,
    completions: float | None = None,
    in_post: pd.Series | None = None,
    policy: Policy | None = None,
    with_rule_costs: bool = True,
) -> OptimalMix:
    """The least-cost mix for the scenario's demand (or ``starts``/``completions``), with each rule's cost.

    Args:
        inputs: the scenario's model inputs (rates, hours, the rules' limits).
        settings: the optimiser's settings; the data file's defaults when not given.
        starts: starters a year; the scenario's first-year demand when not given.
        completions: completers a year (with ``starts``).
        in_post: WTE in post by band, or None; the comparison, and the floor when ``settings.floor``.
        policy: the skill-mix policy; the committed file when not given.
        with_rule_costs: also solve once without each rule and price each limit (the page and CLI do).

    Raises:
        OptimiseError: the rules conflict (the message names them) or the solver stopped with nothing found.
    """
    settings = settings or settings_from()
    if settings.floor and in_post is None:
        raise OptimiseError("Keeping the team in post needs a team: load a roster, or switch that rule off.")
    policy = policy or load_policy()
    if starts is None or completions is None:
        now = funnel(inputs)
        starts, completions = now.starts, now.completions
    pay = afc.load_pay()
    _, rates = costing.band_rates(
        inputs.pay_point, inputs.pension_basis, None, ni_wte(inputs, settings), pay=pay
    )
    problem = problem_for(inputs, settings, starts, completions, in_post, policy, rates)
    sol = solve(problem)
    if sol.status == "infeasible":
        raise OptimiseError(
            *explain_infeasible(problem, load_optimiser_rules(), limit_words(inputs, settings))
        )
    if sol.hours is None or sol.wte is None or sol.posts is None:
        seconds = f"{settings.time_limit_seconds:g}"
        raise OptimiseError(
            f"The solver stopped at its time limit of {seconds} seconds before finding a mix; "
            "raise the time limit or count posts in whole posts."
            if sol.status == "stopped"
            else "The solver could not find a mix for these inputs; check the scenario's figures."
        )
    by_band = _full(sol.wte, problem.bands, "wte")
    hours = pd.DataFrame(
        0.0, index=pd.Index(ACTIVITIES, name="activity"), columns=pd.Index(BANDS, name="band")
    )
    hours[list(problem.bands)] = sol.hours
    req = capacity.requirement(starts, completions, inputs, policy)
    policy_mix = MixFigures(req.by_band, float(req.by_band.to_numpy() @ rates))
    team = None
    if in_post is not None:
        have = in_post.reindex(BANDS, fill_value=0.0).astype(float)
        team = MixFigures(have, float(have.to_numpy() @ rates))
    limits = limit_words(inputs, settings)
    rules = rule_results(problem, sol, load_optimiser_rules(), limits, with_rule_costs)
    stopped = None
    if sol.status == "stopped":
        stopped = (
            f"The solver stopped at its time limit of {settings.time_limit_seconds:g} seconds: this is the "
            "cheapest mix found, not proven the cheapest."
        )
    basis = (
        f"Agenda for Change pay at {pay.price_base}, {inputs.pay_point} pay point, {inputs.pension_basis} "
        f"pension, employer NI per person at {ni_wte(inputs, settings):g} WTE per person"
        + (" (whole posts at the typical WTE)" if settings.post_step == "whole" else "")
    )
    return OptimalMix(
        by_band=by_band,
        posts_by_band=_full(np.clip(sol.posts, 0, None), problem.bands, "posts"),
        by_function=_functions(hours, by_band, problem.effective_hours, policy),
        hours=hours,
        annual_cost=sol.cost,
        rules=rules,
        policy=policy_mix,
        in_post=team,
        price_base=pay.price_base,
        basis=basis,
        post_wte=problem.step,
        stopped=stopped,
        settings=settings,
        staff_per_class=problem.staff_per_class,
        starts=float(starts),
        completions=float(completions),
    )


def limit_words(inputs: ModelInputs, settings: Settings) -> dict[str, str]:
    """Each rule's limit in words ("60%", "1:8", "0.2 WTE at band 7 or above")."""
    return {
        "minimum_staff_per_class": f"{inputs.min_staff_per_class} staff",
        "exercise_ratio": f"1:{inputs.patients_per_staff:g}",
        "supervision_hours": f"{inputs.supervision_hours_per_supporting_wte:g} hours a year",
        "supporting_per_registered": f"{inputs.max_supporting_per_registered:g}",
        "registered_share": f"{settings.target_registered_share:.0%}",
        "leadership_minimum": f"{inputs.leadership_min_wte:g} WTE at band {settings.leadership_band} or above",
        "leadership_share": f"{inputs.leadership_share:.0%}",
    }
