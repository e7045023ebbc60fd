"""Typed model inputs: built once from a scenario, checked, frozen, and traceable from --set to the hours."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date
from types import MappingProxyType

import pytest

from planner.expansion import capacity, projection
from planner.expansion.defaults import load_defaults
from planner.expansion.inputs import InputsError, ModelInputs, field_names
from planner.expansion.scenario import load_scenario, parse_set

pytestmark = pytest.mark.unit

STATUS_QUO = load_scenario("status_quo").inputs()


def test_every_parameter_is_one_typed_field() -> None:
    assert set(field_names()) == set(load_defaults())
    assert isinstance(STATUS_QUO.class_size, int) and isinstance(STATUS_QUO.exercise_minutes, float)
    assert isinstance(STATUS_QUO.turnover_by_band, MappingProxyType)
    assert isinstance(STATUS_QUO.allocation["class_lead"], MappingProxyType)
    assert all(isinstance(v, float) for v in STATUS_QUO.turnover_by_band.values())


def test_inputs_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        STATUS_QUO.headroom = 0.5  # type: ignore[misc]
    with pytest.raises(TypeError):
        STATUS_QUO.turnover_by_band["6"] = 0.5  # type: ignore[index]


def test_inputs_survive_a_pickle_round_trip() -> None:
    """Streamlit's cache pickles the projection, inputs included."""
    back = pickle.loads(pickle.dumps(STATUS_QUO))
    assert back == STATUS_QUO and back is not STATUS_QUO
    assert isinstance(back.allocation["admin"], MappingProxyType)
    assert back.as_dict()["turnover_by_band"] == {**STATUS_QUO.turnover_by_band}


def test_a_bad_value_in_the_scenario_is_listed_by_name() -> None:
    scenario = load_scenario("status_quo")
    params = dict(scenario.parameters)
    params["headroom"] = dataclasses.replace(params["headroom"], value=0.9)
    params["class_size"] = dataclasses.replace(params["class_size"], value="twelve")
    bad = dataclasses.replace(scenario, parameters=params)
    with pytest.raises(InputsError) as caught:
        bad.inputs()
    assert caught.value.problems == (
        "Parameter 'class_size': expected a number, found 'twelve'.",
        "Parameter 'headroom': 0.9 is outside the allowed range 0 to 0.8 (fraction of paid hours).",
    )
    assert str(caught.value).startswith("2 problems with the model's inputs:\n- Parameter 'class_size'")


def test_missing_and_unknown_names_are_listed_together() -> None:
    values = {name: getattr(STATUS_QUO, name) for name in field_names()}
    del values["headroom"]
    values["headrom"] = 0.2
    values["uptake"] = 1.5
    with pytest.raises(InputsError) as caught:
        ModelInputs.from_values(values)
    assert len(caught.value.problems) == 3
    assert caught.value.problems[0].startswith("Unknown parameter 'headrom'")
    assert caught.value.problems[1] == "Parameter 'headroom': no value given."
    assert "'uptake': 1.5 is outside the allowed range 0 to 1" in caught.value.problems[2]


def test_allocation_shares_and_bands_are_checked_on_replace() -> None:
    shares = {a: dict(s) for a, s in STATUS_QUO.allocation.items()}
    shares["class_lead"] = {"5": 0.5, "6": 0.4}
    with pytest.raises(InputsError, match=r"allocation.class_lead': shares sum to 0.9"):
        dataclasses.replace(STATUS_QUO, allocation=shares)
    with pytest.raises(InputsError, match=r"band 'x' is not an AfC band"):
        dataclasses.replace(STATUS_QUO, turnover_by_band={"x": 0.1})


def test_describe_gives_back_the_definition() -> None:
    headroom = ModelInputs.describe("headroom")
    assert (headroom.label, headroom.unit, headroom.allowed) == (
        "Headroom, total (leave, sickness, training, other non-clinical time)",
        "fraction of paid hours",
        (0, 0.8),
    )
    assert headroom.source_text() == "assumption"
    with pytest.raises(ValueError, match="Unknown parameter 'headrom'"):
        ModelInputs.describe("headrom")


def test_set_headroom_reaches_the_hours_per_wte() -> None:
    """--set headroom=0.25 sets the total share of paid hours: 37.5 h × 52.143 weeks = 1,955.3625 h
    paid; × (1 − 0.25) = 1,466.521875 h for PR work. The sourced parts stay (leave 285 h = 14.5753%,
    sickness 5%, training 3%) and other non-clinical time takes the rest, 25% − 22.5753% = 2.4247%."""
    scenario = load_scenario("status_quo", **parse_set(["headroom=0.25"]))
    inputs = scenario.inputs()
    assert inputs.headroom == 0.25
    assert capacity.hours_per_wte(inputs).effective == pytest.approx(1_466.521875)
    p = projection.project(scenario, as_of=date(2026, 1, 1), runs=0)
    assert p.inputs.headroom == 0.25
    assert p.requirement.hours_per_wte.effective == pytest.approx(1_466.521875)
    assert p.requirement.hours_per_wte.headroom_parts["other_nonclinical"] == pytest.approx(0.25 - 0.22575303)
    assert "headroom 25.0% of paid hours" in p.requirement.hours_per_wte.working
    assert "→ 1,466.5 h for PR work" in p.requirement.hours_per_wte.working
