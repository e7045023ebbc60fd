"""The tornado: each input at the ends of its plausible range, ranked by swing in required WTE."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from planner.expansion import sensitivity
from planner.expansion.inputs import ModelInputs
from planner.expansion.scenario import load_scenario

pytestmark = pytest.mark.unit

V = load_scenario("status_quo").inputs()
AS_OF = date(2025, 11, 26)


@pytest.fixture(scope="module")
def swings() -> list[sensitivity.Swing]:
    return sensitivity.tornado(V, AS_OF)


def test_ranked_by_swing_with_the_review_figures(swings: list[sensitivity.Swing]) -> None:
    assert [s.swing for s in swings] == sorted((s.swing for s in swings), reverse=True)
    by = {s.parameter: s for s in swings}
    # review-model.md F6, one at a time within the plausible ranges, measured with 1,320.4 effective
    # hours per WTE; headroom on paid hours now gives 1,513.9 h, so every WTE scales by 1,320.4 / 1,513.9
    scale = 1_320.4 / 1_513.9
    assert (by["prevalence"].required_wte_low, by["prevalence"].required_wte_high) == pytest.approx(
        (7.2 * scale, 28.1 * scale), rel=0.02
    )
    assert (
        by["admin_hours_per_patient"].required_wte_low,
        by["admin_hours_per_patient"].required_wte_high,
    ) == (pytest.approx((11.0 * scale, 27.2 * scale), rel=0.02))
    assert (
        by["class_size"].required_wte_low > by["class_size"].required_wte_high
    )  # bigger classes, fewer staff


def test_uses_the_plausible_range_and_leaves_out_what_cannot_move_the_requirement(
    swings: list[sensitivity.Swing],
) -> None:
    names = {s.parameter for s in swings}
    for s in swings:
        low, high = ModelInputs.describe(s.parameter).plausible
        if s.parameter == "headroom":  # the total never goes below its sourced parts (22.6% by default)
            low = max(low, 0.145753 + 0.05 + 0.03)
        assert (s.low, s.high) == pytest.approx((low, high))
        assert s.cost_high != s.cost_low
    assert "headroom" in names
    assert not names & {
        "population",
        "turnover_uncertainty",
        "target_share_within_90_days",
        "waiting_list_now",
    }
    assert "recruitment_fill_rate" not in names  # supply does not change the requirement


def test_low_and_high_are_the_requirement_with_that_one_input_changed(
    swings: list[sensitivity.Swing],
) -> None:
    s = swings[0]
    years = ["2025/26", "2026/27", "2027/28", "2028/29"]
    wte, _ = sensitivity.required_in_year(replace(V, **{s.parameter: s.high}), years)
    assert s.required_wte_high == pytest.approx(wte)
    assert set(s.to_json()) >= {"parameter", "low", "high", "required_wte_low", "required_wte_high"}


def test_an_unset_override_has_no_bar_but_a_set_one_does(swings: list[sensitivity.Swing]) -> None:
    """Review fix 4: eligible_population, unset, topped the tornado at 1.6-142 WTE."""
    assert V.eligible_population is None
    names = [s.parameter for s in swings]
    assert "eligible_population" not in names and names[0] != "eligible_population"
    assert {"prevalence", "eligible_share"} <= set(names)  # what it would override keeps its bars
    entered = sensitivity.tornado(replace(V, eligible_population=2_000.0), AS_OF)
    assert "eligible_population" in {s.parameter for s in entered}


def test_the_tornado_caption_keeps_acronyms() -> None:
    from planner.captions import expansion as captions
    from planner.expansion import projection

    p = projection.project("status_quo", as_of=AS_OF, runs=0, with_sensitivity=True)
    text = captions.tornado_caption(p)
    assert "(mainly COPD)" in text and "copd" not in text
    assert captions._lower_first("Recorded prevalence (mainly COPD)") == "recorded prevalence (mainly COPD)"
    assert captions._lower_first("PR uptake") == "PR uptake"
