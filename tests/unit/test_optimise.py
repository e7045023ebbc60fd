"""The least-cost skill mix: a hand-worked example, the rules file, and the model's properties."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.captions.optimise import binding_sentences
from planner.captions.words import money
from planner.expansion import capacity, costing, optimise_model
from planner.expansion.demand import funnel
from planner.expansion.optimise import OptimiseError, optimise, settings_from
from planner.expansion.optimise_model import Problem, marginal_cost, solve
from planner.expansion.scenario import load_scenario
from planner.reference.errors import ReferenceDataError
from planner.reference.optimiser_rules import RULE_NAMES, RULES_FILE, load_optimiser_rules
from planner.reference.policy import Rule, load_policy

pytestmark = pytest.mark.unit
INPUTS = load_scenario("status_quo").inputs()
EFF = capacity.hours_per_wte(INPUTS).effective


def hand_worked(target: float, step: float = 1.0) -> Problem:
    """Three bands (3, 5, 7), two activities; class lead registered only.

    Rates £30,000 (band 3), £40,000 (band 5), £60,000 (band 7) per WTE; 1,000 effective hours per WTE.
    Class lead 1,500 h (bands 5 and 7 only), class support 800 h (any of the three).

    Whole posts of 1.0 WTE, no registered target: class lead needs 1.5 WTE of band 5, so 2 posts
    (2,000 h, 500 h spare); the spare takes 500 h of support and one band 3 post the other 300 h
    (or all 800 h): 2 × £40,000 + £30,000 = £110,000, registered share 2 of 3 = 67%.

    With a 70% registered target, 2 registered of 3 posts is too few; adding a band 5 and dropping the
    band 3 gives 3 band 5 posts (3,000 h ≥ 2,300 h): £120,000. Three band 5 plus one band 3 would be
    75% but £150,000. So the target costs £10,000 a year over the cheapest mix without it.

    The LP relaxation (any WTE): band 5 does the lead, 1.5 WTE, and y hundred hours of support so that
    (1.5 + y) ÷ 2.3 ≥ 0.7, y = 0.11 WTE: 1.61 × £40,000 + 0.69 × £30,000 = £85,100. One percentage
    point more target moves 0.023 WTE from band 3 to band 5 at £10,000 a WTE: £230.
    """
    return Problem(
        activities=("class_lead", "class_support"),
        bands=("3", "5", "7"),
        rates=np.array([30_000.0, 40_000.0, 60_000.0]),
        effective_hours=1_000.0,
        base_hours=np.array([1_500.0, 800.0]),
        per_staff_hours=np.zeros(2),
        allowed=np.array([[False, True, True], [True, True, True]]),
        registered_activity=np.array([True, False]),
        target_registered_share=target,
        step=step,
        active=frozenset({"skill_mix_policy", "registered_share"}),
    )


def test_hand_worked_example_matches_the_solver() -> None:
    cheap = solve(hand_worked(0.0))
    assert cheap.status == "optimal"
    assert cheap.cost == pytest.approx(110_000)
    assert list(cheap.wte) == pytest.approx([1.0, 2.0, 0.0])
    assert cheap.hours[0].tolist() == pytest.approx([0.0, 1_500.0, 0.0])
    with_target = solve(hand_worked(0.7))
    assert with_target.cost == pytest.approx(120_000)
    assert list(with_target.wte) == pytest.approx([0.0, 3.0, 0.0])
    assert with_target.cost - solve(hand_worked(0.7).without("registered_share")).cost == pytest.approx(
        10_000
    )
    relaxed = solve(hand_worked(0.7, step=0.0))
    assert relaxed.cost == pytest.approx(85_100)
    per_point = marginal_cost(hand_worked(0.7, 0.0), hand_worked(0.71, 0.0), 1.0)
    assert per_point == pytest.approx(230, rel=1e-6)


def test_rules_file_labels_every_rule_and_setting() -> None:
    spec = load_optimiser_rules()
    assert tuple(spec.rules) == RULE_NAMES
    assert spec.rules["registered_share"].kind_words == "assumption"
    assert spec.rules["skill_mix_policy"].kind_words == "our interpretation"
    assert spec.rules["team_in_post_floor"].kind_words == "a policy"
    assert spec.defaults()["target_registered_share"] == 0.6
    assert all(r.reason for r in spec.rules.values())
    assert "additional" in spec.settings["target_registered_share"].reason.lower()


def test_rules_file_reports_every_problem(tmp_path: Path) -> None:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    data["rules"]["exercise_ratio"]["kind"] = "hunch"
    del data["rules"]["leadership_share"]["reason"]
    data["settings"]["target_registered_share"]["value"] = 1.5
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_optimiser_rules(path)
    problems = caught.value.problems
    assert len(problems) == 3
    assert "target_registered_share: value 1.5 is outside 0.0 to 1.0" in problems[0]
    assert "exercise_ratio: kind 'hunch'" in problems[1]
    assert "leadership_share: no reason given" in problems[2]


def test_sample_scenario_mix_is_cheaper_than_the_policy_mix_and_names_binding_rules() -> None:
    mix = optimise(INPUTS)
    assert mix.annual_cost < mix.policy.annual_cost
    assert mix.registered_share >= 0.6 - 1e-9
    assert (mix.posts_by_band * INPUTS.typical_wte).to_numpy() == pytest.approx(mix.by_band.to_numpy())
    assert mix.by_band.sum() == pytest.approx(mix.by_function.sum())
    rules = {r.name: r for r in mix.rules}
    assert rules["registered_share"].binding and rules["registered_share"].saving_if_removed > 0
    assert rules["registered_share"].cost_per_unit > 0
    assert rules["team_in_post_floor"].active is False
    # removing one staffing rule alone saves nothing: the other still asks for two staff per class;
    # together they bind, and the shared saving is the mix solved with both off
    both_off = optimise(
        INPUTS,
        settings_from({"rules_off": {"minimum_staff_per_class", "exercise_ratio"}}),
        with_rule_costs=False,
    )
    joint = mix.annual_cost - both_off.annual_cost
    assert joint > 100_000
    for name, other in (
        ("minimum_staff_per_class", "exercise_ratio"),
        ("exercise_ratio", "minimum_staff_per_class"),
    ):
        assert rules[name].saving_if_removed == 0
        assert rules[name].binding is True
        assert rules[name].shared_with == (other,)
        assert rules[name].shared_saving == pytest.approx(joint, abs=0.01)
        assert rules[name].cost_per_unit > 0  # the duals agree: the limit binds
    assert mix.staff_per_class == 2
    # whole posts of 0.8 WTE are priced as people at 0.8 WTE (employer NI per person), not full-timers
    _, at_post = costing.band_rates(INPUTS.pay_point, INPUTS.pension_basis, None, INPUTS.typical_wte)
    _, full_time = costing.band_rates(INPUTS.pay_point, INPUTS.pension_basis, None, 1.0)
    assert INPUTS.typical_wte == 0.8 and (at_post < full_time)[full_time > 0].all()
    assert mix.annual_cost == pytest.approx(float(mix.by_band.to_numpy() @ at_post))
    assert mix.policy.annual_cost == pytest.approx(float(mix.policy.by_band.to_numpy() @ at_post))
    assert "employer NI per person at 0.8 WTE per person (whole posts at the typical WTE)" in mix.basis
    # supervision grows with supporting WTE (posts × WTE), not the hours they happen to work
    supporting = float(mix.by_band[list(capacity.SUPPORTING_BANDS)].sum())
    assert supporting > 0
    assert (
        mix.hours.loc["supervision"].sum() >= INPUTS.supervision_hours_per_supporting_wte * supporting - 1e-6
    )
    sessions = capacity.class_plan(funnel(INPUTS).starts, INPUTS)["sessions_per_year"]
    registered = list(capacity.REGISTERED_BANDS)
    assert sessions > 0
    assert mix.hours.loc["education", registered].sum() >= sessions * INPUTS.education_minutes / 60 - 1e-6
    sentences = binding_sentences(mix)
    tie = [s for s in sentences if s.startswith("Two staff per class")]
    assert tie == [
        f"Two staff per class (the 2-staff minimum and the 1:8 ratio together) costs {money(joint)} a year "
        "over the cheapest mix without them; removing either alone saves nothing, since the other still "
        "asks for the same staff."
    ]


def _check_every_rule(mix, inputs, starts, completions, target) -> None:
    hours = mix.hours
    need = capacity.activity_hours(starts, completions, inputs)
    for activity, h in need.items():
        assert hours.loc[activity].sum() >= h - 1e-6
    worked = hours.sum(axis=0)
    assert (worked <= mix.by_band * EFF + 1e-6).all()
    policy = load_policy()
    for activity in hours.index:
        for band in hours.columns:
            if hours.loc[activity, band] > 1e-9:
                assert band in policy.allowed_bands(activity)
    supp = list(capacity.SUPPORTING_BANDS)
    reg = list(capacity.REGISTERED_BANDS)
    total = mix.by_band.sum()
    assert mix.by_band[reg].sum() >= target * total - 1e-6
    assert mix.by_band[supp].sum() <= inputs.max_supporting_per_registered * mix.by_band[reg].sum() + 1e-6
    supervision = hours.loc["supervision"].sum()
    assert supervision >= inputs.supervision_hours_per_supporting_wte * mix.by_band[supp].sum() - 1e-6
    leadership = hours.loc["leadership"].sum()
    assert leadership >= inputs.leadership_min_wte * EFF - 1e-6
    assert leadership >= inputs.leadership_share * (hours.to_numpy().sum() - leadership) - 1e-6
    assert hours.loc["leadership", ["2", "3", "4", "5", "6"]].sum() == 0
    # a registered professional in every class hour: the exercise slot and the education half
    sessions = capacity.class_plan(starts, inputs)["sessions_per_year"]
    slot = (inputs.exercise_minutes + inputs.prep_travel_minutes) / 60
    assert hours.loc["class_lead", reg].sum() >= sessions * slot - 1e-6
    assert hours.loc["education", reg].sum() >= sessions * inputs.education_minutes / 60 - 1e-6


demand = st.floats(min_value=0, max_value=1_500, allow_nan=False)
slow = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@slow
@given(starts=demand, target=st.floats(0, 0.9), step=st.sampled_from(["whole", "tenth"]))
def test_every_constraint_holds_in_the_returned_mix(starts: float, target: float, step: str) -> None:
    s = settings_from({"target_registered_share": target, "post_step": step})
    completions = starts * 0.6
    mix = optimise(INPUTS, s, starts=starts, completions=completions, with_rule_costs=False)
    _check_every_rule(mix, INPUTS, starts, completions, target)


@slow
@given(starts=demand, target=st.floats(0, 0.9))
def test_optimal_cost_is_never_above_the_policy_mix(starts: float, target: float) -> None:
    req = capacity.requirement(starts, starts * 0.6, INPUTS)
    assume(req.supervision_ok)
    policy_share = req.by_band[list(capacity.REGISTERED_BANDS)].sum() / req.total
    s = settings_from({"target_registered_share": min(target, policy_share - 1e-6), "post_step": "any"})
    mix = optimise(INPUTS, s, starts=starts, completions=starts * 0.6, with_rule_costs=False)
    assert mix.annual_cost <= mix.policy.annual_cost + 1e-3


@slow
@given(
    starts=demand,
    low=st.floats(0, 0.9),
    extra=st.floats(0, 0.3),
    rule=st.sampled_from(["registered_share", "supervision_hours", "leadership_share", "exercise_ratio"]),
)
def test_relaxing_a_rule_never_raises_the_cost_and_tightening_never_lowers_it(
    starts: float, low: float, extra: float, rule: str
) -> None:
    high = min(0.95, low + extra)
    loose = optimise(
        INPUTS, settings_from({"target_registered_share": low}), starts=starts, completions=starts * 0.6,
        with_rule_costs=False,
    )  # fmt: skip
    tight = optimise(
        INPUTS, settings_from({"target_registered_share": high}), starts=starts, completions=starts * 0.6,
        with_rule_costs=False,
    )  # fmt: skip
    assert loose.annual_cost <= tight.annual_cost + 1e-6
    off = optimise(
        INPUTS,
        settings_from({"target_registered_share": low, "rules_off": {rule}}),
        starts=starts,
        completions=starts * 0.6,
        with_rule_costs=False,
    )
    assert off.annual_cost <= loose.annual_cost + 1e-6


def test_at_zero_demand_only_leadership_remains() -> None:
    mix = optimise(INPUTS, starts=0.0, completions=0.0)
    assert mix.hours.drop(index="leadership").to_numpy().sum() == 0
    assert mix.hours.loc["leadership"].sum() == pytest.approx(INPUTS.leadership_min_wte * EFF)
    assert mix.by_band[mix.by_band > 0].to_dict() == {"7": pytest.approx(INPUTS.typical_wte)}
    assert mix.by_function["leading"] == pytest.approx(INPUTS.typical_wte)


def test_infeasible_rules_are_named_in_the_message() -> None:
    policy = load_policy()
    band3_only = replace(
        policy.activities["class_support"], rules=(Rule(("3",), "supporting", "bts_pdf", ""),)
    )
    narrow = replace(policy, activities={**policy.activities, "class_support": band3_only})
    with pytest.raises(OptimiseError) as caught:
        optimise(INPUTS, settings_from({"target_registered_share": 1.0}), policy=narrow)
    message = str(caught.value)
    assert message.startswith("No mix meets every rule")
    assert caught.value.rules == (
        "Each band does only the activities the skill-mix policy allows",
        "Registered share of WTE, at least (100%)",
    )
    assert "Traceback" not in message and "_" not in message


def test_a_solve_stopped_at_the_time_limit_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    stopped = SimpleNamespace(status=1, x=None, message="Time limit reached. (HiGHS Status 13)")
    monkeypatch.setattr(optimise_model, "milp", lambda *a, **k: stopped)
    with pytest.raises(OptimiseError, match="stopped at its time limit of 10 seconds before finding a mix"):
        optimise(INPUTS)


def test_floor_keeps_the_team_and_counts_posts_to_add() -> None:
    team = capacity.requirement(100, 60, INPUTS).by_band.round(1)
    mix = optimise(INPUTS, settings_from({"floor": True}), in_post=team, with_rule_costs=False)
    assert (mix.by_band >= team - 1e-9).all()
    assert (mix.by_band - team).to_numpy() == pytest.approx(
        (mix.posts_by_band * INPUTS.typical_wte).to_numpy()
    )
    assert mix.in_post is not None and mix.in_post.total == pytest.approx(team.sum())


def test_bad_settings_get_a_message() -> None:
    with pytest.raises(OptimiseError, match="between 0 and 1"):
        settings_from({"target_registered_share": 1.2})
    with pytest.raises(OptimiseError, match="Unknown rules: ratio"):
        settings_from({"rules_off": {"ratio"}})
    with pytest.raises(OptimiseError, match="needs a team"):
        optimise(INPUTS, settings_from({"floor": True}))


def test_every_source_the_rules_file_names_has_a_readable_citation() -> None:
    from planner.pack.sources import load_citations

    spec = load_optimiser_rules()
    named = {r.source for r in spec.rules.values() if r.source} | set(spec.sources)
    citations = load_citations()
    assert named and sorted(named - set(citations)) == []
    assert citations[spec.rules["registered_share"].source].publisher == "Chartered Society of Physiotherapy"
