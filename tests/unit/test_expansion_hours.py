"""Hours per WTE: headroom is one share of paid hours, the sum of its parts (F1 of the model review)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.expansion import capacity
from planner.expansion.headroom import after_leave_to_paid, headroom
from planner.expansion.inputs import InputsError
from planner.expansion.scenario import load_scenario, scenario_from_text

pytestmark = pytest.mark.unit

DEFAULTS = load_scenario("status_quo").inputs()


def test_hand_worked_hours_per_wte() -> None:
    """The default hours, by hand.

    Paid: 37.5 h × 52.143 weeks = 1,955.3625 h.
    Annual leave at the length-of-service mix: 30% under 5 years × 27 days + 30% at 5-10 years × 29
    days + 40% over 10 years × 33 days = 8.1 + 8.7 + 13.2 = 30 days; plus 8 bank holidays = 38 days;
    × 7.5 h (37.5 ÷ 5) = 285 h = 285 ÷ 1,955.3625 = 14.5753% of paid hours (AfC range: 35 days =
    13.43% to 41 days = 15.73%).
    Sickness 5% + study and training 3% + other non-clinical time 0% → headroom = 22.5753% of paid
    hours, inside the verified planned range 16-26%.
    Effective: 1,955.3625 − 285 − 0.08 × 1,955.3625 (156.429) = 1,513.9335 h per WTE, 77.4% of paid
    hours (before this change: 1,320.4 h, 67.5%).
    """
    h = capacity.hours_per_wte(DEFAULTS)
    assert h.paid == pytest.approx(1_955.3625)
    assert h.leave == pytest.approx(285.0)
    assert h.headroom_parts == pytest.approx(
        {"annual_leave": 285 / 1_955.3625, "sickness": 0.05, "study_training": 0.03, "other_nonclinical": 0.0}
    )
    assert h.headroom == pytest.approx(0.2257530, abs=1e-7)
    assert sum(h.headroom_parts.values()) == pytest.approx(h.headroom)
    assert 0.16 <= h.headroom <= 0.26
    assert h.effective == pytest.approx(1_513.9335)
    assert 1_450 <= h.effective <= 1_650


@pytest.mark.parametrize(("over_5", "over_10", "days"), [(0, 0, 35), (1, 0, 37), (0, 1, 41)])
def test_leave_spans_the_afc_entitlements(over_5: float, over_10: float, days: float) -> None:
    """27, 29 or 33 days plus 8 bank holidays: 35 × 7.5 = 262.5 h (13.4%) to 41 × 7.5 = 307.5 h (15.7%)."""
    inputs = replace(DEFAULTS, share_staff_5_to_10_years=over_5, share_staff_10_years_plus=over_10)
    h = headroom(inputs)
    assert h.leave_days == pytest.approx(days)
    assert h.parts["annual_leave"] == pytest.approx(days * 7.5 / 1_955.3625)
    assert 0.134 <= h.parts["annual_leave"] <= 0.158


def test_setting_the_total_keeps_the_sourced_parts_and_other_time_takes_the_rest() -> None:
    """headroom = 0.30: leave 14.5753% + sickness 5% + training 3% stay; other = 30% − 22.5753% = 7.4247%."""
    h = headroom(replace(DEFAULTS, headroom=0.30))
    assert h.total == pytest.approx(0.30)
    assert h.parts["sickness"] == 0.05 and h.parts["study_training"] == 0.03
    assert h.parts["other_nonclinical"] == pytest.approx(0.30 - 0.2257530, abs=1e-7)
    assert h.effective_hours == pytest.approx(1_955.3625 * 0.7)


def test_a_total_below_the_sourced_parts_is_refused_naming_them() -> None:
    with pytest.raises(InputsError) as caught:
        replace(DEFAULTS, headroom=0.10)
    message = str(caught.value)
    for words in ("10.0% of paid hours", "annual leave and bank holidays 14.6%", "sickness absence 5.0%"):
        assert words in message
    assert "study and mandatory training 3.0% = 22.6%" in message
    assert "at least 0.226" in message


def test_a_total_that_contradicts_other_time_is_refused() -> None:
    with pytest.raises(InputsError, match="disagree"):
        replace(DEFAULTS, headroom=0.30, other_nonclinical=0.02)
    assert headroom(replace(DEFAULTS, other_nonclinical=0.02)).total == pytest.approx(0.2457530, abs=1e-7)


def test_service_shares_over_one_are_refused() -> None:
    with pytest.raises(InputsError, match="cannot exceed 100%"):
        replace(DEFAULTS, share_staff_5_to_10_years=0.6, share_staff_10_years_plus=0.6)


def test_an_old_scenario_file_is_read_on_its_old_basis_with_a_warning() -> None:
    """Old headroom 0.22 after (27 + 8) days of leave: leave share 262.5 ÷ 1,955.3625 = 0.134246;
    1 − (1 − 0.134246) × (1 − 0.22) = 0.324712 of paid hours; effective 1,955.3625 × 0.675288 =
    1,320.43 h, as before."""
    old = scenario_from_text("name: mine\noverrides:\n  headroom: 0.22\n", source="mine.yaml")
    assert old["headroom"] == pytest.approx(0.324712, abs=1e-6)
    assert capacity.hours_per_wte(old.inputs()).effective == pytest.approx(1_320.43275, abs=0.01)
    assert len(old.warnings) == 1
    assert "mine.yaml: headroom 0.22 was written as a share of hours after annual leave" in old.warnings[0]
    assert "read as 0.3247 of paid hours" in old.warnings[0]
    new = scenario_from_text("name: mine\nheadroom_basis: paid_hours\noverrides:\n  headroom: 0.25\n")
    assert (new["headroom"], new.warnings) == (0.25, ())
    assert "headroom_basis: paid_hours" in new.to_yaml()
    assert scenario_from_text(new.to_yaml()).warnings == ()


def test_the_conversion_keeps_effective_hours() -> None:
    for old in (0.0, 0.1, 0.22, 0.4):
        assert 1 - after_leave_to_paid(old, 0.134) == pytest.approx((1 - 0.134) * (1 - old))
