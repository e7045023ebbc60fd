"""Which framework level each person is assessed against (planner.reference.levels)."""

from __future__ import annotations

import pandas as pd
import pytest
from _coverage_team import mini

from planner.reference.levels import level_rules, people, person_levels

pytestmark = pytest.mark.unit


def _staff(**cols: list) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {"staff_id": [f"P{i}" for i in range(n)], "wte": [1.0] * n}
    return pd.DataFrame({**base, **cols})


@pytest.mark.parametrize(
    ("band", "function", "level", "by", "assumption"),
    [
        ("3", None, "band3", "band", False),
        ("5", "delivering", "band5", "band", False),
        ("7", None, "band7", "band", False),
        ("7", "leading", "lead", "function", True),
        ("6", "delivering_managing", "lead", "function", True),
        ("8a", None, "lead", "band", False),
        ("8c", None, "lead", "band", True),
        ("2", None, None, None, False),
        ("1", "supporting", None, None, False),
    ],
)
def test_bts_levels_by_band_and_lead_function(band, function, level, by, assumption) -> None:
    out = person_levels(_staff(band=[band], function=[function]), mini("bts")).iloc[0]
    assert (None if pd.isna(out["level_id"]) else out["level_id"]) == level
    assert (None if pd.isna(out["assigned_by"]) else out["assigned_by"]) == by
    assert bool(out["assumption"]) is assumption
    assert isinstance(out["reason"], str) and out["reason"]


def test_people_without_a_level_are_reported_with_reason() -> None:
    out = person_levels(_staff(band=["2", "6"], function=[None, None]), mini("bts"))
    assert out["level_id"].isna().tolist() == [True, False]
    assert out.loc[0, "reason"] == "no level in this framework for band 2 (no rule in the level mapping)"


@pytest.mark.parametrize(
    ("band", "function", "level", "assumption"),
    [
        ("4", "supporting", "supporting", False),
        ("7", "leading", "leading", False),
        ("6", None, "delivering", True),
        ("3", None, "supporting", True),
        ("8b", None, "leading", True),
        ("1", None, None, False),
    ],
)
def test_london_levels_by_function_then_band(band, function, level, assumption) -> None:
    out = person_levels(_staff(band=[band], function=[function]), mini("london")).iloc[0]
    assert (None if pd.isna(out["level_id"]) else out["level_id"]) == level
    assert bool(out["assumption"]) is assumption


def test_homecare_by_career_level_else_band() -> None:
    staff = _staff(band=["5", "5", "1"], career_level=["enhanced", None, None])
    out = person_levels(staff, mini("homecare"))
    assert out["level_id"].tolist()[:2] == ["enhanced", "autonomous"]
    assert out["assigned_by"].tolist()[:2] == ["career_level", "band"]
    assert pd.isna(out.loc[2, "level_id"])


def test_primary_care_by_role_else_band() -> None:
    staff = _staff(band=["6", "3"], role=["practice_nurse", None])
    out = person_levels(staff, mini("primary_care"))
    assert out["level_id"].tolist() == ["practice_nurse", "hca"]
    assert out["assumption"].tolist() == [False, True]


def test_cross_cutting_applies_to_everyone() -> None:
    out = person_levels(_staff(band=["1", "9", None]), mini("cross_cutting"))
    assert out["level_id"].tolist() == ["all_staff"] * 3


def test_people_one_row_per_person() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["B", "A", "A"],
            "band": ["5", "4", "6"],
            "wte": [1.0, 0.3, 0.3],
            "function": [None, "supporting", "delivering"],
        }
    )
    out = people(staff).set_index("staff_id")
    assert list(out.index) == ["A", "B"]
    assert out.loc["A", "wte"] == pytest.approx(0.6)
    assert out.loc["A", "band"] == "6"  # tie on WTE → the more senior band
    assert out.loc["A", "posts"] == 2


def test_every_level_rule_is_marked_and_explained() -> None:
    rules = level_rules("bts")
    every = [r for section in ("by_function", "by_band") for r in (rules.get(section) or {}).values()]
    assert every
    assert {r["status"] for r in every} <= {"source", "assumption"}
    assert rules["by_function"]["leading"]["level"] == "lead"
    assert all(len(" ".join(str(r["reason"]).split())) > 10 for r in every)
