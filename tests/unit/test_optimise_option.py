"""The least-cost mix as an option: its allocation reproduces the optimal mix, and the appraisal lists it."""

from __future__ import annotations

from datetime import date

import pytest

from planner.expansion import capacity
from planner.expansion.demand import funnel
from planner.expansion.optimise import optimise, settings_from
from planner.expansion.optimise_option import LEAST_COST_TITLE, least_cost_scenario
from planner.expansion.projection import project
from planner.expansion.scenario import load_scenario
from planner.pack.options import option_runs, options_table

pytestmark = pytest.mark.unit
AS_OF = date(2026, 11, 1)


def test_the_option_shares_hours_as_the_optimal_mix_does() -> None:
    base = load_scenario("long_term_plan")
    option, why = least_cost_scenario(base)
    assert why is None and option is not None
    assert option.title == LEAST_COST_TITLE
    inputs = option.inputs()
    assert inputs.band7_to_band4_shift == 0
    for shares in inputs.allocation.values():
        assert sum(shares.values()) == pytest.approx(1.0, abs=1e-9)
    mix = optimise(base.inputs(), with_rule_costs=False)
    now = funnel(inputs)
    req = capacity.requirement(now.starts, now.completions, inputs)
    eff = capacity.hours_per_wte(inputs).effective
    # every patient-driven activity is shared as the optimiser shares it
    for activity in ("class_lead", "class_support", "education", "assessment_clinical", "admin"):
        want = mix.hours.loc[activity] / eff
        assert req.wte.loc[activity].to_numpy() == pytest.approx(want.to_numpy(), abs=1e-4)
    # and the model's requirement is within the optimiser's whole posts
    assert (req.by_band <= mix.by_band + 1e-6).all()
    assert req.by_band.sum() > mix.by_band.sum() - 0.8 * 4


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        # no band may lead at band 9 or above under the policy: no mix at all
        ({"leadership_band": "9"}, "No mix meets every rule"),
        # with the policy off, the mix puts work where the model's allocation may not
        ({"rules_off": {"skill_mix_policy"}}, "under the skill-mix policy"),
    ],
)
def test_an_option_that_cannot_be_made_gives_its_reason(values: dict, reason: str) -> None:
    option, why = least_cost_scenario(load_scenario("status_quo"), settings=settings_from(values))
    assert option is None
    assert why.startswith("The least-cost mix is not an option here: ")
    assert reason in why


def test_the_appraisal_lists_the_least_cost_option_last_and_cheaper_than_the_status_quo() -> None:
    main = project(load_scenario("status_quo"), None, as_of=AS_OF, runs=50, seed=3)
    runs = option_runs(main, None, as_of=AS_OF, runs=50, seed=3, names=["status_quo"], least_cost=True)
    table = options_table(runs).set_index("Option")
    assert list(table.index)[-1] == LEAST_COST_TITLE
    cheapest, today = table.loc[LEAST_COST_TITLE], table.iloc[0]
    assert cheapest["Cost in the target year (£)"] < today["Cost in the target year (£)"]
    assert cheapest["Required WTE, target year"] > 0
    without = option_runs(main, None, as_of=AS_OF, runs=50, seed=3, names=["status_quo"])
    assert len(without) == len(runs) - 1


def test_the_expansion_option_uses_the_skill_mix_pages_settings_and_caches_by_them() -> None:
    from planner.expansion.optimise import settings_from
    from planner.views.optimise import default_target_percent, least_cost_option, least_cost_view

    scenario = load_scenario("status_quo")
    off = settings_from({"target_registered_share": 0})
    page = ("page key", least_cost_view(scenario, None, off, with_rule_costs=False))
    key, (option, reason) = least_cost_option(scenario, None, page, None)
    assert reason is None and option is not None
    want, _ = least_cost_scenario(scenario, None, off)
    assert option.values()["allocation"] == want.values()["allocation"]
    default_key, (default_option, _) = least_cost_option(scenario, None, None, None)
    assert default_key != key
    assert default_option.values()["allocation"] != option.values()["allocation"]
    kept = (key, ("cached", None))
    assert least_cost_option(scenario, None, page, kept) is kept  # no solve when nothing changed
    assert default_target_percent() == 60  # data/skillmix_optimiser.yaml
