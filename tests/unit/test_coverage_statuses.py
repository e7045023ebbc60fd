"""Statuses, aggregates and expiry on a small team worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from _coverage_team import AS_OF, mini, small_team

from planner import coverage
from planner.coverage.records import add_months, record_statuses

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def st() -> pd.DataFrame:
    staff, comps = small_team()
    return coverage.statuses(staff, comps, mini("bts"), AS_OF, cross_cutting=mini("cross_cutting"))


def test_hand_worked_team(st: pd.DataFrame) -> None:
    """The small team, worked by hand, judged on 1 June 2026.

    Mini BTS requirements: band 4 → B4-CCS-01, B4-CCS-02; band 6 → B6-CCS-01, B6-LM-01;
    band 7 → B7-CCS-01, B7-LM-01; everyone also XC-BLS (renewal 12 months). 5 people × 3 = 15 rows.

    S1 (band 4, 1.0 WTE): B4-01 verified, B4-02 self-assessed (no sign-off),
        XC-BLS signed 2025-08-15 → expires 2026-08-15 → verified.
    S2 (band 4, 0.5): B4-01 in progress, B4-02 no record → missing,
        XC-BLS signed 2025-03-01 → expired 2026-03-01 → expired.
    S3 (band 6, 0.8): B6-01, B6-LM-01 verified; XC-BLS signed 2026-01-10 → verified.
    S4 (band 7, 0.6): B7-01 verified, B7-LM-01 achieved=no → missing,
        XC-BLS self-assessed 2026-02-01 → self-assessed (expires 2027-02-01).
    S5 (band 6, 0.1): B6-01 verified, B6-LM-01 no record → missing, XC-BLS signed 2025-12-01 → verified.

    Counts: verified = 2 + 0 + 3 + 1 + 2 = 8; self-assessed = 1 + 1 = 2; expired 1; in progress 1;
    missing = 1 (S2) + 1 (S4) + 1 (S5) = 3; total 15. Coverage = 8 / 15 = 0.5333.
    WTE-weighted: verified = 1.0×2 + 0.8×3 + 0.6×1 + 0.1×2 = 5.2;
    required = 3 × (1.0 + 0.5 + 0.8 + 0.6 + 0.1) = 9.0; coverage_wte = 5.2 / 9.0 = 0.5778.
    """
    assert len(st) == 15
    keys = zip(st["staff_id"].astype(str), st["competency_id"].astype(str), strict=True)
    got = dict(zip(keys, st["status"].astype(str), strict=True))
    assert got[("S1", "BTS-B4-CCS-02")] == "self_assessed"
    assert got[("S2", "BTS-B4-CCS-01")] == "in_progress"
    assert got[("S2", "BTS-B4-CCS-02")] == "missing"
    assert got[("S2", "XC-BLS")] == "expired"
    assert got[("S4", "BTS-B7-LM-01")] == "missing"
    assert got[("S4", "XC-BLS")] == "self_assessed"
    totals = coverage.overall(st)
    assert {k: totals[k] for k in coverage.COUNT_COLUMNS} == {
        "required": 15,
        "verified": 8,
        "self_assessed": 2,
        "expired": 1,
        "in_progress": 1,
        "missing": 3,
    }
    assert totals["coverage"] == pytest.approx(8 / 15)
    assert totals["coverage_wte"] == pytest.approx(5.2 / 9.0)
    assert totals["wte"] == pytest.approx(3.0)


def test_by_band_hand_worked(st: pd.DataFrame) -> None:
    """Band 4: S1 + S2, 1.5 WTE, 6 required, 2 verified (S1 B4-01, S1 XC) → 1/3;
    WTE-weighted 2 × 1.0 / (3 × 1.5) = 0.4444.
    Band 6: S3 + S5, 0.9 WTE, 6 required, 5 verified → 0.8333; WTE (0.8×3 + 0.1×2) / (3×0.9) = 0.9630.
    Band 7: S4, 3 required, 1 verified → 1/3. Band 5 and every other band: 0 people, coverage 0.
    """
    band = coverage.by_band(st).set_index("band")
    assert list(band.index) == ["1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"]
    assert band.loc["4", ["people", "required", "verified"]].tolist() == [2, 6, 2]
    assert band.loc["4", "wte"] == pytest.approx(1.5)
    assert band.loc["4", "coverage"] == pytest.approx(1 / 3)
    assert band.loc["4", "coverage_wte"] == pytest.approx(2.0 / 4.5)
    assert band.loc["6", "coverage"] == pytest.approx(5 / 6)
    assert band.loc["6", "coverage_wte"] == pytest.approx(2.6 / 2.7)
    assert band.loc["7", "coverage"] == pytest.approx(1 / 3)
    assert band.loc["5", ["people", "required", "verified", "coverage", "wte"]].tolist() == [
        0,
        0,
        0,
        0.0,
        0.0,
    ]
    assert not band.isna().any().any()
    assert band.loc["6", "band_label"] == "Band 6"


def test_by_domain_and_function_hand_worked(st: pd.DataFrame) -> None:
    """Core clinical: S1 ×2, S2 ×2, S3, S4, S5 = 7 required; verified S1 B4-01, S3, S4, S5 = 4 → 4/7.
    Leadership: S3 (verified), S4, S5 (missing) → 1/3. Life support: 5 required, S1 S3 S5 → 3/5.
    Functions: supporting = S1 + S2 (6 required, 2 verified); delivering = S3 S4 S5 (9, 6).
    """
    dom = coverage.by_domain(st).set_index("domain_id")
    assert dom.loc["core_clinical", ["required", "verified"]].tolist() == [7, 4]
    assert dom.loc["leadership", ["required", "verified"]].tolist() == [3, 1]
    assert dom.loc["life_support", ["required", "verified"]].tolist() == [5, 3]
    assert dom.loc["leadership", "domain_id_label"] == "Leadership and management"
    fn = coverage.by_function(st).set_index("function")
    assert list(fn.index) == ["supporting", "delivering", "leading", "delivering_managing", "not_recorded"]
    assert fn.loc["supporting", ["people", "required", "verified"]].tolist() == [2, 6, 2]
    assert fn.loc["delivering", ["people", "required", "verified"]].tolist() == [3, 9, 6]
    assert fn.loc["leading", ["people", "required", "coverage"]].tolist() == [0, 0, 0.0]
    assert fn.loc["not_recorded", "function_label"] == "Not recorded"


def test_band_function_domain_is_full_product(st: pd.DataFrame) -> None:
    cube = coverage.by_band_function_domain(st)
    assert len(cube) == 12 * 5 * 3
    cell = cube[
        (cube["band"] == "6") & (cube["function"] == "delivering") & (cube["domain_id"] == "leadership")
    ]
    assert cell[["people", "required", "verified"]].iloc[0].tolist() == [2, 2, 1]
    assert cube["required"].sum() == 15
    assert not cube.isna().any().any()


def test_holders_per_expectation_level(st: pd.DataFrame) -> None:
    """B6-CCS-01 ('demonstrates' at band 6) is required of S3 and S5, both verified: 0.9 WTE."""
    h = coverage.holders(st).set_index(["competency_id", "expectation_class"])
    row = h.loc[("BTS-B6-CCS-01", "demonstrates")]
    assert (row["required"], row["verified"]) == (2, 2)
    assert row["verified_wte"] == pytest.approx(0.9)
    assert h.loc[("BTS-B7-CCS-01", "leads"), "verified"] == 1


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"achieved": True, "signed_off_by": "X"}, "verified"),
        ({"achieved": True, "signed_off_on": "2026-01-01"}, "verified"),
        ({"achieved": True}, "self_assessed"),
        ({"achieved": True, "signed_off_by": "  "}, "self_assessed"),
        ({"achieved": False, "in_progress": True}, "in_progress"),
        ({"achieved": None, "in_progress": False}, "missing"),
        ({"achieved": False}, "missing"),
        ({"achieved": True, "signed_off_by": "X", "expires_on": "2026-05-31"}, "expired"),
        ({"achieved": True, "signed_off_by": "X", "expires_on": "2026-06-01"}, "verified"),
        ({"achieved": True, "self_assessed_on": "2025-05-31", "renewable": True}, "expired"),
        ({"achieved": True, "self_assessed_on": "2025-06-01", "renewable": True}, "self_assessed"),
        # renewable, signed by name but with no date anywhere: nothing shows it is current
        ({"achieved": True, "signed_off_by": "X", "renewable": True}, "expired"),
        ({"achieved": True, "signed_off_by": "X", "expires_on": "2026-06-01", "renewable": True}, "verified"),
        (
            {
                "achieved": True,
                "signed_off_on": "2025-06-02",
                "self_assessed_on": "2025-01-01",
                "renewable": True,
            },
            "verified",
        ),
    ],
)
def test_record_status_rules(record: dict, expected: str) -> None:
    """Expiry is 'past' the date: a record expiring on the as-of date itself is still current."""
    renewable = record.pop("renewable", False)
    frame = pd.DataFrame([{"staff_id": "P", "competency_id": "C", "in_progress": False, **record}])
    renewal = pd.Series({"C": 12 if renewable else None}, dtype=float)
    out = record_statuses(frame, renewal, date(2026, 6, 1))
    assert out["status"].tolist() == [expected]


def test_best_record_wins_and_unknown_ids_ignored() -> None:
    staff, comps = small_team()
    extra = pd.DataFrame(
        [
            {"staff_id": "S2", "competency_id": "BTS-B4-CCS-01", "achieved": True, "signed_off_by": "M"},
            {"staff_id": "S2", "competency_id": "NOT-IN-FRAMEWORK", "achieved": True, "signed_off_by": "M"},
            {"staff_id": "GHOST", "competency_id": "BTS-B4-CCS-01", "achieved": True, "signed_off_by": "M"},
        ]
    )
    st = coverage.statuses(
        staff,
        pd.concat([comps, extra], ignore_index=True),
        mini("bts"),
        AS_OF,
        cross_cutting=mini("cross_cutting"),
    )
    assert len(st) == 15
    s2 = st[(st["staff_id"] == "S2") & (st["competency_id"] == "BTS-B4-CCS-01")]
    assert s2["status"].astype(str).tolist() == ["verified"]


def test_two_posts_count_once_with_both_wte() -> None:
    """A person with a band 4 post (0.4) and a band 6 post (0.6) is asked for both levels' statements,
    counts as one person with 1.0 WTE, placed in band 6 (the post with more WTE)."""
    staff = pd.DataFrame(
        {"staff_id": ["P", "P"], "band": ["4", "6"], "wte": [0.4, 0.6], "function": [None, None]}
    )
    comps = pd.DataFrame(columns=["staff_id", "competency_id", "achieved", "in_progress"])
    st = coverage.statuses(staff, comps, mini("bts"), AS_OF, cross_cutting=mini("cross_cutting"))
    assert sorted(st["competency_id"].astype(str)) == sorted(
        ["BTS-B4-CCS-01", "BTS-B4-CCS-02", "BTS-B6-CCS-01", "BTS-B6-LM-01", "XC-BLS"]
    )
    assert set(st["band"].astype(str)) == {"6"}
    assert coverage.overall(st)["people"] == 1
    assert coverage.overall(st)["wte"] == pytest.approx(1.0)


def test_without_cross_cutting() -> None:
    staff, comps = small_team()
    st = coverage.statuses(staff, comps, mini("bts"), AS_OF, include_cross_cutting=False)
    assert len(st) == 10
    assert "XC-BLS" not in set(st["competency_id"].astype(str))


def test_empty_roster_gives_zero_not_nan() -> None:
    staff = pd.DataFrame(columns=["staff_id", "band", "wte", "function"])
    comps = pd.DataFrame(columns=["staff_id", "competency_id", "achieved", "in_progress"])
    st = coverage.statuses(staff, comps, mini("bts"), AS_OF, cross_cutting=mini("cross_cutting"))
    assert st.empty
    totals = coverage.overall(st)
    assert (totals["required"], totals["coverage"], totals["people"]) == (0, 0.0, 0)
    band = coverage.by_band(st)
    assert band["people"].sum() == 0 and not band.isna().any().any()


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-08-15", 12, "2026-08-15"),
        ("2025-11-30", 3, "2026-02-28"),
    ],
)
def test_add_months_clips_to_month_end(start: str, months: int, expected: str) -> None:
    out = add_months(pd.Series(pd.to_datetime([start])), pd.Series([months]))
    assert out.iloc[0] == pd.Timestamp(expected)
