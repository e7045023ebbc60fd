"""Lapsed and expiring items per person, with days overdue and days left."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from planner.coverage.lapsed import LAPSED_COLUMNS, lapsed_and_expiring, per_person
from planner.views.lapsed import NO_DATE, lapsed_json, lapsed_view

AS_OF = date(2026, 6, 1)

pytestmark = pytest.mark.unit


def statuses() -> pd.DataFrame:
    rows = [
        ("S1", "5", "XC-01", "BLS", "expired", "2026-05-22"),  # 10 days overdue
        ("S1", "5", "XC-02", "Fire", "verified", "2026-06-21"),  # 20 days left
        ("S1", "5", "XC-03", "Moving", "verified", "2027-06-21"),  # far off: not listed
        ("S2", "6", "XC-01", "BLS", "expired", None),  # no date to renew from
        ("S2", "6", "XC-02", "Fire", "self_assessed", "2026-06-02"),  # 1 day left
        ("S3", "4", "XC-01", "BLS", "expired", "2025-06-01"),  # 365 days overdue
        ("S3", "4", "XC-02", "Fire", "missing", "2026-06-05"),  # not held: not listed
    ]
    st = pd.DataFrame(rows, columns=["staff_id", "band", "competency_id", "text", "status", "expires_on"])
    st["function"] = "delivering"
    st["expires_on"] = pd.to_datetime(st["expires_on"])
    return st


def test_lapsed_and_expiring_lists_each_item_with_its_days() -> None:
    out = lapsed_and_expiring(statuses(), AS_OF, within_days=30)
    assert list(out.columns) == list(LAPSED_COLUMNS)
    got = [(r.staff_id, r.competency_id, r.state, r.days_overdue, r.days_left) for r in out.itertuples()]
    assert got == [
        ("S1", "XC-01", "lapsed", 10, pd.NA),
        ("S1", "XC-02", "expiring", pd.NA, 20),
        ("S2", "XC-01", "lapsed", pd.NA, pd.NA),
        ("S2", "XC-02", "expiring", pd.NA, 1),
        ("S3", "XC-01", "lapsed", 365, pd.NA),
    ]


def test_the_window_decides_what_is_expiring_not_what_has_lapsed() -> None:
    out = lapsed_and_expiring(statuses(), AS_OF, within_days=5)
    soon = out[out["state"] == "expiring"]
    assert list(zip(soon["staff_id"], soon["competency_id"], strict=True)) == [("S2", "XC-02")]
    assert (out["state"] == "lapsed").sum() == 3


def test_per_person_counts_and_most_overdue_first() -> None:
    pp = per_person(lapsed_and_expiring(statuses(), AS_OF, 30))
    assert pp[["staff_id", "lapsed", "expiring", "most_overdue_days"]].values.tolist() == [
        ["S3", 1, 0, 365],
        ["S1", 1, 1, 10],
        ["S2", 1, 1, 0],
    ]


def test_view_words_and_json() -> None:
    v = lapsed_view(statuses(), AS_OF, 30)
    assert v.lapsed["Overdue"].tolist() == ["10 days overdue", NO_DATE, "365 days overdue"]
    assert v.lapsed["Lapsed on"].tolist() == ["22/05/2026", NO_DATE, "01/06/2025"]
    assert v.expiring["Days left"].tolist() == [20, 1]
    assert v.lapsed["Band"].tolist() == ["Band 5", "Band 6", "Band 4"]
    assert "3 item(s) have lapsed and 2 lapse within 30 days, across 3 people" in v.caption
    cells = " ".join(map(str, [*v.lapsed.to_numpy().ravel(), *v.expiring.to_numpy().ravel()]))
    assert "nan" not in cells and "None" not in cells and "NaT" not in cells
    js = lapsed_json(statuses(), AS_OF, 30)
    assert [(j["staff_id"], j["expires_on"], j["days_overdue"]) for j in js] == [
        ("S1", "2026-05-22", 10),
        ("S2", None, None),
        ("S3", "2025-06-01", 365),
    ]


def test_nothing_lapsed_says_so() -> None:
    st = statuses().iloc[[2]]
    v = lapsed_view(st, AS_OF, 30)
    assert v.lapsed.empty and v.expiring.empty and v.people.empty
    assert "nothing has lapsed" in v.caption
