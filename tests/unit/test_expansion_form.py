"""The Expansion form: the pay award per year is editable, and a refused value is named for its own box."""

from __future__ import annotations

import pytest

from planner.expansion.scenario import load_scenario
from planner.views import expansion as ui

pytestmark = pytest.mark.unit


def pay_boxes() -> dict[str, ui.Field]:
    fields = ui.form_fields(load_scenario("status_quo"))
    return {f.name: f for group in fields.values() for f in group if f.name.startswith("pay_award")}


def test_the_pay_award_has_a_box_per_year_with_its_value_range_and_source() -> None:
    boxes = pay_boxes()
    assert list(boxes) == ["pay_award.2026/27", "pay_award.2027/28", "pay_award.2028/29"]
    box = boxes["pay_award.2027/28"]
    assert box.kind == "number" and box.key == "param_pay_award_2027_28"
    assert box.kwargs["value"] == 0.025
    assert (box.kwargs["min_value"], box.kwargs["max_value"]) == (-0.1, 0.2)
    assert "2027/28" in box.kwargs["label"] and "(assumption)" in box.kwargs["label"]
    assert "nhstakehomepaycalculator" in box.kwargs["help"]
    assert box in ui.form_fields(load_scenario("status_quo"))["Cost"]


def test_an_edited_pay_award_reaches_the_scenario() -> None:
    base = load_scenario("status_quo")
    submitted = {name: f.kwargs["value"] for name, f in pay_boxes().items()}
    submitted["pay_award.2027/28"] = 0.04
    scenario, refused = ui.apply_form_checked(base, submitted)
    assert refused == {}
    assert scenario["pay_award"] == {"2026/27": 0.025, "2027/28": 0.04, "2028/29": 0.025}
    assert scenario.title == "Status quo (edited)"
    assert ui.apply_form_checked(base, {n: f.kwargs["value"] for n, f in pay_boxes().items()})[0] is base


def test_a_bad_value_is_named_for_its_box_and_the_others_still_apply() -> None:
    base = load_scenario("status_quo")
    scenario, refused = ui.apply_form_checked(
        base, {"pay_award.2026/27": 0.5, "pay_award.2027/28": 0.03, "uptake": 0.6}
    )
    assert list(refused) == ["pay_award.2026/27"]
    assert "pay_award" in refused["pay_award.2026/27"] and "0.5" in refused["pay_award.2026/27"]
    assert scenario["pay_award"]["2026/27"] == 0.025  # the refused value is not applied
    assert scenario["pay_award"]["2027/28"] == 0.03 and scenario["uptake"] == 0.6


def test_values_that_do_not_fit_together_get_one_message_for_the_form() -> None:
    base = load_scenario("status_quo")
    # each is acceptable alone; together the headroom total and the explicit other time disagree
    scenario, refused = ui.apply_form_checked(base, {"headroom": 0.3, "other_nonclinical": 0.01})
    assert scenario is base and set(refused) == {""} and "disagree" in refused[""]
