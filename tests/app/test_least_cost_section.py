"""AppTest of the Skill mix page's least-cost section: real figures, rules in words, the form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.expansion.optimise import optimise, settings_from
from planner.expansion.optimise_option import LEAST_COST_NOTE, LEAST_COST_TITLE, least_cost_scenario
from planner.expansion.projection import project
from planner.expansion.scenario import load_scenario
from planner.views.expansion import model_staff
from planner.views.session import SAMPLE_NAME, sample_roster

pytestmark = pytest.mark.app
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def importable_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))


def open_skill_mix() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "skill_mix.py"), default_timeout=120)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_least_cost_section_shows_the_mix_its_saving_and_the_rules() -> None:
    at = open_skill_mix()
    expected = optimise(load_scenario("status_quo").inputs(), settings_from({}), in_post=None)
    shown = texts(at)
    assert f"costs £{expected.annual_cost:,.0f} a year" in shown
    assert f"£{expected.saving_on_policy:,.0f} a year less than the policy mix" in shown
    assert "The 60% registered target costs £" in shown
    assert "our interpretation" in shown and "assumption" in shown.lower()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Least-cost mix"] == f"£{expected.annual_cost:,.0f} a year"
    assert metrics["Policy mix (today's allocation)"] == f"£{expected.policy.annual_cost:,.0f} a year"
    assert "Team in post" in metrics
    frames = [d.value for d in at.dataframe]
    bands = next(f for f in frames if "Least-cost mix" in f.columns)
    assert bands.set_index("Band")["Least-cost mix"].sum() == pytest.approx(expected.by_band.sum(), abs=0.01)
    rules = next(f for f in frames if "Binding" in f.columns)
    assert len(rules) == 11  # the data file's rules, the registered professional in every class hour included
    per_unit = rules.set_index("Rule")["Cost per unit (£ a year, approximate)"]
    assert per_unit["Each band does only the activities the skill-mix policy allows"] == ""  # none: blank
    assert per_unit["Registered share of WTE, at least"].startswith("£")
    assert set(rules["Kind"]) >= {"assumption", "our interpretation", "a policy"}


def test_switching_the_target_off_in_the_form_removes_its_cost() -> None:
    at = open_skill_mix()
    at.number_input(key="lcm_target").set_value(0)
    at.button[-1].click().run()
    assert not at.exception
    shown = texts(at)
    expected = optimise(
        load_scenario("status_quo").inputs(),
        settings_from({"target_registered_share": 0}),
        with_rule_costs=False,
    )
    assert f"costs £{expected.annual_cost:,.0f} a year" in shown
    assert "registered target costs" not in shown
    at.checkbox(key="lcm_on_leadership_share").uncheck()
    at.number_input(key="lcm_target").set_value(100)
    at.button[-1].click().run()
    assert not at.exception and not at.error
    everyone = optimise(
        load_scenario("status_quo").inputs(),
        settings_from({"target_registered_share": 1.0, "rules_off": {"leadership_share"}}),
        with_rule_costs=False,
    )
    assert f"costs £{everyone.annual_cost:,.0f} a year" in texts(at)
    bands = next(d.value for d in at.dataframe if "Least-cost mix" in d.value.columns).set_index("Band")
    supporting = [b for b in bands.index if b in ("Band 2", "Band 3", "Band 4")]
    assert bands.loc[supporting, "Least-cost mix"].sum() == 0
    assert bands["Least-cost mix"].sum() == pytest.approx(everyone.by_band.sum(), abs=0.01)


def test_expansion_page_compares_the_least_cost_mix_as_an_option() -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "expansion.py"), default_timeout=240).run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "Required WTE now" in d.value.index)
    assert list(table.columns)[-1] == LEAST_COST_TITLE
    option, _ = least_cost_scenario(load_scenario("status_quo"))
    team = model_staff(sample_roster())
    run = project(option, team, as_of=date.fromisoformat(str(at.date_input(key="model_as_of").value)), runs=0)
    shown = str(table.loc["Required WTE now", LEAST_COST_TITLE])
    assert shown.startswith(f"{run.requirement.total:.1f}")
    assert any(LEAST_COST_NOTE == c.value for c in at.caption)


def test_a_region_roster_is_refused_unless_one_service_is_chosen() -> None:
    from planner import samples
    from planner.views.session import Keys, read_team

    data, _ = samples.sample_region_bytes()
    region = read_team(data, "region.xlsx")
    at = AppTest.from_file(str(ROOT / "pages" / "skill_mix.py"), default_timeout=120)
    at.session_state[Keys.ROSTER] = region
    at.session_state[Keys.ROSTER_NAME] = "region.xlsx"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warning = [w.value for w in at.warning if "services" in w.value]
    assert warning and warning[0].startswith("This roster has 6 services;")
    assert "choose one on the Region page (open one service there)" in warning[0]
    assert "The cheapest mix" not in texts(at)
    at.session_state[Keys.SERVICE_FILTER] = "Riverside PR"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The team in post is the whole roster: Riverside PR." in texts(at)
    assert "The cheapest mix that keeps every rule that is on costs £" in texts(at)
