"""The options appraisal (issue 12 review): every option faces the pack's demand, do nothing holds
today's establishment, an edited scenario says so, and the main risks come from the figures."""

from __future__ import annotations

from datetime import date

import pytest

from planner.expansion.projection import project
from planner.expansion.scenario import load_scenario
from planner.pack.options import DO_NOTHING, LEVERS, against_demand, option_runs, options_table, the_ask

pytestmark = pytest.mark.unit

AS_OF = date(2026, 11, 1)
RUNS = 100
CHANCE = "Chance of meeting it, target year"


def appraise(scenario, names=("status_quo", "long_term_plan")):
    main = project(scenario, None, as_of=AS_OF, runs=RUNS, seed=3)
    runs = option_runs(main, None, as_of=AS_OF, runs=RUNS, seed=3, names=list(names))
    return runs, options_table(runs)


@pytest.fixture(scope="module")
def ltp():
    return appraise(load_scenario("long_term_plan"))


def test_do_nothing_misses_the_target_the_long_term_plan_meets_and_the_ask_funds_the_plan(ltp) -> None:
    _, table = ltp
    rows = table.set_index("Option")
    assert list(rows.index) == [DO_NOTHING, "Long Term Plan expansion"]
    nothing, plan = rows.loc[DO_NOTHING], rows.loc["Long Term Plan expansion"]
    assert plan[CHANCE] >= 0.8 > nothing[CHANCE]
    # the same demand: both require the same WTE; do nothing funds no growth
    assert nothing["Required WTE, target year"] == pytest.approx(plan["Required WTE, target year"], rel=1e-6)
    assert nothing["Funded WTE, target year"] < plan["Funded WTE, target year"] - 5
    text = the_ask(table, wait="85% within 90 days", price_base="cash")[0]
    assert text.startswith("The ask: fund Long Term Plan expansion.")
    assert "no new investment" not in text


def test_every_option_faces_the_edited_population_and_the_edit_is_named() -> None:
    edited = load_scenario("long_term_plan").with_overrides(population=2_000_000)
    runs, table = appraise(edited)
    assert [p.inputs.population for p in runs] == [2_000_000, 2_000_000]
    assert list(table["Option"]) == [DO_NOTHING, "Long Term Plan expansion (edited)"]
    # the requirement doubles with the population, in do nothing as in the plan
    _, plain = appraise(load_scenario("long_term_plan"))
    assert table["Required WTE, target year"].iloc[0] > 1.8 * plain["Required WTE, target year"].iloc[0]


def test_a_scenario_edited_on_the_page_is_named_edited_once() -> None:
    from dataclasses import replace

    base = load_scenario("long_term_plan").with_overrides(population=2_000_000)
    page = replace(base, name="long_term_plan_edited", title="Long Term Plan expansion (edited)")
    _, table = appraise(page)
    assert list(table["Option"]) == [DO_NOTHING, "Long Term Plan expansion (edited)"]


def test_a_stock_option_keeps_its_levers_and_takes_the_packs_demand() -> None:
    pack = load_scenario("long_term_plan").with_overrides(population=1_500_000, trainees_per_year=2.0)
    swl = against_demand(load_scenario("support_worker_led"), pack)
    assert swl["population"] == 1_500_000 and swl["referral_rate_target"] == pytest.approx(0.6)
    assert swl["trainees_per_year"] == pytest.approx(1.0)  # the support-worker-led lever, not the pack's
    assert swl["band7_to_band4_shift"] == pytest.approx(0.5)
    assert "population" not in LEVERS and "allocation" in LEVERS


def test_main_risks_read_the_range_above_funded_and_the_key_assumption(ltp) -> None:
    _, table = ltp
    plan = table.set_index("Option").loc["Long Term Plan expansion", "Main risks"]
    assert "top of its 90% range), above the 20." in plan and "WTE funded" in plan
    assert "the key assumption is" in plan
    nothing = table.set_index("Option").loc[DO_NOTHING, "Main risks"]
    assert nothing.startswith("Only a 0% chance of meeting") and "the waiting list grows by" in nothing
    assert not any(r.startswith("No risk shows") for r in table["Main risks"])


def test_fixed_decimal_formats_and_large_values_read_as_written() -> None:
    from planner.expansion.words import value_words
    from planner.export.formats import display_value

    assert display_value(1.025, "0.000") == "1.025" and display_value(11.8, "0.0") == "11.8"
    assert display_value(0.019, "General") == "0.019" and display_value(1234.5, "#,##0.0") == "1,234.5"
    population = load_scenario("status_quo").parameters["eligible_population"]
    assert value_words(population, 50_000.0) == "50,000 people"


def test_one_of_a_plural_unit_reads_singular() -> None:
    from planner.expansion.words import value_words

    params = load_scenario("status_quo").parameters
    assert value_words(params["admin_hours_per_patient"], 1.0) == "1 hour per starter"
    assert value_words(params["sessions_per_week"], 2) == "2 sessions per patient per week"
