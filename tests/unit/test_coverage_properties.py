"""Invariants of coverage, checked on random teams with hypothesis."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from _coverage_team import AS_OF, mini
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from planner import coverage
from planner.vocab import BANDS

pytestmark = pytest.mark.unit

BTS = mini("bts")
XC = mini("cross_cutting")
COMPETENCIES = [*BTS.competencies["competency_id"], "XC-BLS"]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

record = hs.fixed_dictionaries(
    {
        "achieved": hs.sampled_from([True, False, None]),
        "in_progress": hs.booleans(),
        "signed": hs.booleans(),
        "days_ago": hs.integers(0, 800),
        "explicit_expiry": hs.one_of(hs.none(), hs.integers(-100, 300)),
    }
)


@hs.composite
def teams(draw: hs.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = draw(hs.integers(1, 25))
    staff = pd.DataFrame(
        {
            "staff_id": [f"P{i:03d}" for i in range(n)],
            "band": draw(
                hs.lists(hs.sampled_from(["2", "3", "4", "5", "6", "7", "8a"]), min_size=n, max_size=n)
            ),
            "wte": draw(
                hs.lists(hs.sampled_from([0.1, 0.2, 0.5, 0.8, 1.0, 1.2, 1.5]), min_size=n, max_size=n)
            ),
            "function": draw(
                hs.lists(
                    hs.sampled_from([None, "supporting", "delivering", "leading"]), min_size=n, max_size=n
                )
            ),
        }
    )
    rows = []
    for sid in staff["staff_id"]:
        for cid in draw(hs.lists(hs.sampled_from(COMPETENCIES), max_size=6, unique=True)):
            r = draw(record)
            when = pd.Timestamp(AS_OF) - pd.Timedelta(days=r["days_ago"])
            rows.append(
                {
                    "staff_id": sid,
                    "competency_id": cid,
                    "achieved": r["achieved"],
                    "in_progress": r["in_progress"],
                    "self_assessed_on": when,
                    "signed_off_by": "M" if r["signed"] else None,
                    "signed_off_on": when if r["signed"] else pd.NaT,
                    "expires_on": pd.NaT
                    if r["explicit_expiry"] is None
                    else pd.Timestamp(AS_OF) + pd.Timedelta(days=r["explicit_expiry"]),
                }
            )
    cols = [
        "staff_id",
        "competency_id",
        "achieved",
        "in_progress",
        "self_assessed_on",
        "signed_off_by",
        "signed_off_on",
        "expires_on",
    ]
    return staff, pd.DataFrame(rows, columns=cols)


def _st(staff: pd.DataFrame, comps: pd.DataFrame) -> pd.DataFrame:
    return coverage.statuses(staff, comps, BTS, AS_OF, cross_cutting=XC)


def _tables(st: pd.DataFrame) -> list[pd.DataFrame]:
    return [
        coverage.by_band(st),
        coverage.by_function(st),
        coverage.by_domain(st),
        coverage.by_band_function_domain(st),
    ]


@SETTINGS
@given(teams())
def test_coverage_within_zero_and_one(team) -> None:
    st = _st(*team)
    for table in _tables(st):
        for col in ("coverage", "coverage_wte", "self_assessed_share"):
            assert table[col].between(0, 1).all()
        assert not table.isna().any().any()
        assert (table[list(coverage.COUNT_COLUMNS[1:])].sum(axis=1) == table["required"]).all()
    totals = coverage.overall(st)
    assert 0 <= totals["coverage"] <= 1 and 0 <= totals["coverage_wte"] <= 1


@SETTINGS
@given(teams(), hs.integers(0, 10_000))
def test_signing_off_one_more_never_lowers_coverage(team, pick) -> None:
    staff, comps = team
    st = _st(staff, comps)
    open_rows = st[st["status"].astype(str) != "verified"]
    if open_rows.empty:
        return
    target = open_rows.iloc[pick % len(open_rows)]
    signed = pd.DataFrame(
        [
            {
                "staff_id": str(target["staff_id"]),
                "competency_id": str(target["competency_id"]),
                "achieved": True,
                "in_progress": False,
                "self_assessed_on": pd.Timestamp(AS_OF),
                "signed_off_by": "M",
                "signed_off_on": pd.Timestamp(AS_OF),
                "expires_on": pd.NaT,
            }
        ]
    )
    after = _st(staff, pd.concat([comps, signed], ignore_index=True))
    assert coverage.overall(after)["coverage"] > coverage.overall(st)["coverage"]
    assert coverage.overall(after)["coverage_wte"] >= coverage.overall(st)["coverage_wte"]
    for before_t, after_t in zip(_tables(st), _tables(after), strict=True):
        assert (after_t["coverage"].to_numpy() >= before_t["coverage"].to_numpy() - 1e-12).all()


@SETTINGS
@given(teams(), hs.randoms(use_true_random=False))
def test_row_order_changes_nothing(team, rnd) -> None:
    staff, comps = team
    s_idx = list(range(len(staff)))
    c_idx = list(range(len(comps)))
    rnd.shuffle(s_idx)
    rnd.shuffle(c_idx)
    a = _st(staff, comps)
    b = _st(staff.iloc[s_idx].reset_index(drop=True), comps.iloc[c_idx].reset_index(drop=True))
    for ta, tb in zip(_tables(a), _tables(b), strict=True):
        pd.testing.assert_frame_equal(ta, tb)
    assert coverage.overall(a) == coverage.overall(b)


@SETTINGS
@given(teams())
def test_empty_band_gives_zero_people_never_nan(team) -> None:
    staff, comps = team
    band = coverage.by_band(_st(staff, comps)).set_index("band")
    absent = [b for b in BANDS if b not in set(staff["band"])]
    assert absent  # bands 1, 8b..9 are never drawn
    assert (band.loc[absent, ["people", "required", "verified"]] == 0).all().all()
    assert (band.loc[absent, ["wte", "coverage", "coverage_wte"]] == 0.0).all().all()


def test_as_of_is_respected() -> None:
    """The same record is verified before its renewal date and expired after it."""
    staff = pd.DataFrame({"staff_id": ["A"], "band": ["4"], "wte": [1.0], "function": [None]})
    comps = pd.DataFrame(
        [
            {
                "staff_id": "A",
                "competency_id": "XC-BLS",
                "achieved": True,
                "signed_off_by": "T",
                "signed_off_on": pd.Timestamp("2025-06-01"),
            }
        ]
    )

    def status(on: date) -> str:
        st = coverage.statuses(staff, comps, BTS, on, cross_cutting=XC)
        return str(st.loc[st["competency_id"] == "XC-BLS", "status"].iloc[0])

    assert status(date(2026, 6, 1)) == "verified"
    assert status(date(2026, 6, 2)) == "expired"
