"""Capacity to workforce: a hand-worked example and the model's properties."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.expansion import capacity
from planner.expansion.demand import funnel
from planner.expansion.scenario import load_scenario
from planner.reference.policy import ACTIVITIES, load_policy

pytestmark = pytest.mark.unit

DEFAULTS = load_scenario("status_quo").inputs()
CLASS_AND_ASSESSMENT = [
    "class_lead",
    "class_support",
    "education",
    "assessment_clinical",
    "assessment_measures",
]


def test_hand_worked_example() -> None:
    """100 starters and 77 completers a year, default (status quo) parameters.

    Classes: 100 starters ÷ 50 weeks = 2 a week; × 6 programme weeks = 12 places; ⌈12 ÷ 12⌉ = 1 group;
    × 2 sessions = 2 classes a week; × 50 weeks = 100 sessions a year. Staff per class =
    max(2, ⌈12 ÷ 8⌉) = 2.
    Hours: class lead = 100 × (60 + 60) ÷ 60 = 200; class support = 100 × 1 × 2 = 200;
    education = 100 × 2 × 60 ÷ 60 = 200; assessments = (100 × 60 + 77 × 60) ÷ 60 = 177, half
    objective measures (88.5) and half clinical (88.5); admin = 100 × 3 = 300. Total 1,077 h.
    Hours per WTE (the worked example of tests/unit/test_expansion_hours.py): 1,955.3625 paid − 285
    leave − 8% of paid for sickness and training (156.429) = 1,513.9335 h.
    Supporting (bands 3–4) hours: band 3 = 0.3 × 200 + 0.1 × 88.5 + 0.4 × 300 = 188.85; band 4 =
    0.4 × 200 + 0.1 × 200 + 0.3 × 88.5 + 0.2 × 300 = 186.55; 375.4 h ÷ 1,513.9335 = 0.247963 WTE;
    supervision = 0.247963 × 40 = 9.918533 h, half to band 6.
    Band 6 = 0.5 × 200 + 0.1 × 200 + 0.4 × 200 + 0.4 × 88.5 + 0.2 × 88.5 + 0.2 × 300 + 9.918533 ÷ 2
    = 318.059267 h ÷ 1,513.9335 = 0.210088 WTE.
    Activity WTE = (1,077 + 9.918533) ÷ 1,513.9335 = 0.717943; leadership = max(0.2, 0.1 × 0.717943)
    = 0.2 WTE (band 8a); total 0.917943 WTE.
    """
    hours = capacity.activity_hours(100, 77, DEFAULTS)
    assert hours.to_dict() == pytest.approx(
        {
            "class_lead": 200,
            "class_support": 200,
            "education": 200,
            "assessment_clinical": 88.5,
            "assessment_measures": 88.5,
            "admin": 300,
        }
    )
    r = capacity.requirement(100, 77, DEFAULTS)
    assert r.hours_per_wte.effective == pytest.approx(1_513.9335)
    assert r.plan == {
        "places": 12.0,
        "groups": 1.0,
        "classes_per_week": 2.0,
        "sessions_per_year": 100.0,
        "staff_per_class": 2.0,
    }
    assert r.by_band["6"] == pytest.approx(318.059267 / 1_513.9335, abs=1e-6)
    assert r.wte.loc["leadership", "8a"] == pytest.approx(0.2)
    assert r.activity_wte == pytest.approx(0.717943, abs=1e-6)
    assert r.total == pytest.approx(0.917943, abs=1e-6)
    assert r.by_function["leading"] == pytest.approx(0.2)
    assert "→ 1,513.9 h for PR work" in r.hours_per_wte.working


def test_hours_after_leave_are_1670_at_the_default_service_mix() -> None:
    """Leave at the default mix: (0.3 × 27 + 0.3 × 29 + 0.4 × 33 + 8) days × 7.5 h = 285 h;
    1,955.3625 − 285 = 1,670.3625 h."""
    h = capacity.hours_per_wte(DEFAULTS)
    assert round(h.available) == 1_670
    assert h.paid == pytest.approx(1_955.3625)


def test_zero_referrals_give_zero_class_and_assessment_wte() -> None:
    inputs = replace(DEFAULTS, referral_rate=0.0)
    f = funnel(inputs)
    r = capacity.requirement(f.starts, f.completions, inputs)
    assert f.starts == 0
    assert r.wte.loc[CLASS_AND_ASSESSMENT].to_numpy().sum() == 0
    assert r.wte.loc[["admin", "supervision"]].to_numpy().sum() == 0
    assert r.total == pytest.approx(DEFAULTS.leadership_min_wte)


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0.05, max_value=0.95))
def test_zero_referrals_at_any_referral_target(uptake: float) -> None:
    inputs = replace(DEFAULTS, referral_rate=0.0, uptake=uptake)
    f = funnel(inputs)
    assert (
        capacity.requirement(f.starts, f.completions, inputs).wte.loc[CLASS_AND_ASSESSMENT].to_numpy().sum()
        == 0
    )


@settings(max_examples=80, deadline=None)
@given(st.floats(min_value=500, max_value=20_000), st.floats(min_value=0, max_value=0.5))
def test_doubling_referrals_roughly_doubles_activity_wte(starts: float, dropout: float) -> None:
    """Assessment and admin hours double exactly; class groups are whole, so ⌈2x⌉/⌈x⌉ lies in
    [2x/(x + 1), (2x + 1)/x], which for x ≥ 5 groups keeps the total ratio within [1.6, 2.2]."""
    one = capacity.requirement(starts, starts * (1 - dropout), DEFAULTS)
    two = capacity.requirement(2 * starts, 2 * starts * (1 - dropout), DEFAULTS)
    ratio = two.activity_wte / one.activity_wte
    assert 1.6 <= ratio <= 2.2
    linear = ["assessment_clinical", "assessment_measures", "admin"]
    assert two.hours.loc[linear].to_numpy().sum() == pytest.approx(2 * one.hours.loc[linear].to_numpy().sum())


@settings(max_examples=80, deadline=None)
@given(
    st.floats(min_value=0, max_value=5_000),
    st.floats(min_value=0.226, max_value=0.8),
    st.floats(min_value=0.226, max_value=0.8),
)
def test_more_headroom_never_lowers_required_wte(starts: float, h1: float, h2: float) -> None:
    lo, hi = sorted((h1, h2))
    a = capacity.requirement(starts, starts * 0.77, replace(DEFAULTS, headroom=lo))
    b = capacity.requirement(starts, starts * 0.77, replace(DEFAULTS, headroom=hi))
    assert b.total >= a.total - 1e-12
    assert (b.by_band >= a.by_band - 1e-12).all()


@settings(max_examples=40, deadline=None)
@given(st.floats(min_value=0, max_value=10_000), st.floats(min_value=0, max_value=1))
def test_bands_and_functions_sum_to_the_total_and_respect_the_policy(starts: float, shift: float) -> None:
    inputs = replace(DEFAULTS, band7_to_band4_shift=shift)
    r = capacity.requirement(starts, starts * 0.77, inputs)
    assert r.by_band.sum() == pytest.approx(r.total)
    assert r.by_function.sum() == pytest.approx(r.total)
    policy = load_policy()
    for activity in ACTIVITIES:
        used = r.wte.columns[r.wte.loc[activity] > 0]
        assert set(used) <= set(policy.allowed_bands(activity)), activity
    assert r.wte.loc["class_lead", ["3", "4"]].sum() == 0  # a registered lead in every class


def test_band7_to_band4_shift_moves_only_delegable_hours() -> None:
    m0 = capacity.allocation_matrix(DEFAULTS)
    m1 = capacity.allocation_matrix(replace(DEFAULTS, band7_to_band4_shift=1.0))
    lead = ACTIVITIES.index("class_lead")
    edu = ACTIVITIES.index("education")
    b4, b7 = 3, 6  # positions of bands 4 and 7 in vocab.BANDS
    assert m1[lead, b7] == m0[lead, b7] > 0  # band 4 may not lead a class
    assert m1[edu, b7] == 0 and m1[edu, b4] == pytest.approx(m0[edu, b4] + m0[edu, b7])
    np.testing.assert_allclose(m1.sum(axis=1), 1.0)


def test_supervision_limit_is_flagged() -> None:
    tight = replace(DEFAULTS, max_supporting_per_registered=0.1)
    r = capacity.requirement(1_000, 770, tight)
    assert not r.supervision_ok
    assert "above the limit of 0.1" in r.supervision_message(0.1)
    assert capacity.requirement(1_000, 770, DEFAULTS).supervision_ok


def test_policy_rules_all_have_sources_and_evidence() -> None:
    t = load_policy().to_frame()
    assert set(t["activity"]) == set(ACTIVITIES)
    assert t["evidence"].str.len().min() > 20
    assert not t["source"].isin(["", None]).any()
