"""The History screen's view-model, captions and charts, and reopening a snapshot as a roster (pure parts)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from planner.captions.history import (
    changes_caption,
    coverage_trend_caption,
    registered_trend_caption,
    risks_trend_caption,
)
from planner.history import Changes
from planner.views.history import Figured, changes_view, history_view, person_label, snapshot_label
from planner.views.saved import reopen, roster_from_snapshot, short_ids, showing_reopened
from planner.views.session import Keys

pytestmark = pytest.mark.unit

D1, D2, D3 = date(2026, 3, 1), date(2026, 6, 1), date(2026, 9, 1)


def figures(people: int, coverage: float, share: float | None, expired: int, bands: dict[str, float]) -> dict:
    return {
        "people": people,
        "wte": sum(bands.values()),
        "coverage": coverage,
        "coverage_self_assessed": coverage + 0.1,
        "registered_share": share,
        "single_points_of_failure": 2,
        "expired": expired,
        "expiring": 1,
        "wte_by_band": bands,
        "headcount_by_band": {b: 1 for b in bands},
        "framework": {"id": "bts", "version": "2024"},
    }


SNAPS = [
    Figured(D2, figures(5, 0.68, None, 3, {"6": 2.0, "4": 1.5})),
    Figured(D1, figures(4, 0.61, 0.55, 1, {"6": 1.0, "4": 1.5})),
]


def test_the_trend_is_in_date_order_with_words_for_people() -> None:
    view = history_view("Seaview PR", SNAPS)
    assert view.table["Snapshot date"].tolist() == ["1 Mar 2026", "1 Jun 2026"]
    assert view.table["Verified coverage"].tolist() == ["61%", "68%"]
    assert view.table["Registered share of WTE"].tolist() == ["55%", "not recorded"]
    assert view.table["WTE"].tolist() == ["2.50", "3.50"]
    text = " ".join(map(str, view.table.to_numpy().ravel()))
    assert "nan" not in text and "None" not in text and "_" not in text
    assert view.captions["coverage"] == (
        "Verified coverage went from 61% on 1 Mar 2026 to 68% on 1 Jun 2026 (up 7 points); "
        "counting self-assessed items, 71% to 78%."
    )
    assert "As saved" in view.basis and not view.recomputed
    assert "Recomputed" in history_view("Seaview PR", SNAPS, recomputed=True).basis
    # the WTE chart draws one line per band, most junior first, in words
    assert [t.name for t in view.charts["wte"].data] == ["Band 4", "Band 6"]
    assert list(view.charts["wte"].data[1].y) == [1.0, 2.0]


def test_captions_of_registration_and_risks() -> None:
    view = history_view("T", SNAPS)
    assert registered_trend_caption(view.trend) == (
        "Registered staff were 55% of WTE on 1 Mar 2026; 1 snapshot recorded no registration and is left out."
    )
    assert risks_trend_caption(view.trend) == (
        "On 1 Jun 2026: 2 single points of failure, 3 lapsed items and 1 item expiring within 90 days; "
        "2 more lapsed than on 1 Mar 2026."
    )
    assert coverage_trend_caption(view.trend.iloc[:1]).startswith("One snapshot so far (1 Mar 2026)")


def _changes() -> Changes:
    person = ["staff_id", "name", "band", "wte", "function"]
    item = ["staff_id", "name", "competency_id", "competency_text"]
    return Changes(
        D1,
        D3,
        joiners=pd.DataFrame([["ab12cd34ef", "Ana Lee", "5", 1.0, "delivering"]], columns=person),
        leavers=pd.DataFrame([["99ff00aa11", None, "3", 0.5, None]], columns=person),
        changed=pd.DataFrame(
            [["77aa", "Bo Ray", "band", "5", "6"], ["77aa", "Bo Ray", "wte", 0.8, 1.0]],
            columns=["staff_id", "name", "what", "before", "after"],
        ),
        gained=pd.DataFrame([["77aa", "Bo Ray", "bts.1", "Oxygen assessment"]], columns=item),
        lost=pd.DataFrame(columns=item),
        lapsed=pd.DataFrame(
            [["77aa", "Bo Ray", "bts.2", None, pd.Timestamp("2026-07-01")]], columns=[*item, "expires_on"]
        ),
    )


def test_what_changed_shows_names_only_when_the_team_stores_them() -> None:
    hidden = changes_view(_changes(), names=False)
    assert hidden.caption == (
        "From 1 Mar 2026 to 1 Sep 2026: 1 joiner, 1 leaver, 2 band or WTE changes, 1 competency gained, "
        "0 lost, 1 lapsed."
    )
    assert hidden.tables["Joined"].iloc[0].tolist() == ["Person ab12cd34", "Band 5", "1.00", "Delivering PR"]
    assert hidden.tables["Left"].iloc[0].tolist() == ["Person 99ff00aa", "Band 3", "0.50", "not recorded"]
    assert hidden.tables["Band or WTE changed"].to_numpy().tolist() == [
        ["Person 77aa", "Band", "Band 5", "Band 6"],
        ["Person 77aa", "WTE", "0.80", "1.00"],
    ]
    assert hidden.tables["Competencies lapsed"].iloc[0].tolist() == ["Person 77aa", "bts.2", "1 Jul 2026"]
    assert "Ana" not in " ".join(hidden.tables["Joined"]["Person"])
    shown = changes_view(_changes(), names=True)
    assert shown.tables["Joined"]["Person"].tolist() == ["Ana Lee"]
    assert shown.tables["Left"]["Person"].tolist() == ["Person 99ff00aa"]  # no name stored for them


def test_labels_of_people_and_snapshots() -> None:
    assert person_label("0123456789abcdef", "  ", names=True) == "Person 01234567"
    assert person_label("0123456789abcdef", float("nan"), names=True) == "Person 01234567"

    class Info:
        as_of, saved_by, saved_at = D2, "ana@trust.nhs.uk", datetime(2026, 6, 2, 9, 30)

    assert snapshot_label(Info) == "1 Jun 2026, saved by ana@trust.nhs.uk on 2 Jun 2026"
    assert changes_caption({}, D1, D2).startswith("From 1 Mar 2026 to 1 Jun 2026: 0 joiners")


def test_short_ids_grow_only_where_two_would_clash() -> None:
    a, b, c = "aaaaaaaa1111" + "0" * 52, "aaaaaaaa2222" + "0" * 52, "bbbbbbbb" + "0" * 56
    labels = short_ids(pd.Series([a, b, c, a]))
    assert len(set(labels.values())) == 3
    assert labels[a].startswith("Person aaaaaaaa1") and labels[c].startswith("Person bbbbbbbb")
    assert labels[a] != labels[b]


def test_a_reopened_snapshot_is_the_roster_in_the_keys_an_upload_fills() -> None:
    from planner.views.session import sample_roster

    sample = sample_roster()
    staff = sample.staff.assign(staff_id=sample.staff["staff_id"].map(lambda s: f"{s:0>64}"[-64:]))
    recs = sample.competencies.assign(
        staff_id=sample.competencies["staff_id"].map(lambda s: f"{s:0>64}"[-64:])
    )
    read = roster_from_snapshot(staff, recs, "Seaview PR", D2)
    assert read.filename == "Seaview PR (saved snapshot of 1 Jun 2026)"
    assert len(read.staff) == len(sample.staff) and len(read.competencies) == len(sample.competencies)
    assert read.staff["staff_id"].str.startswith("Person ").all()
    assert set(read.competencies["staff_id"]) <= set(read.staff["staff_id"])
    assert read.rows["read"] == read.rows["accepted"] + read.rows["reported"] + read.rows["blank"]
    assert read.n_errors == 0

    state = {Keys.ROSTER_UPLOAD: (b"x", "old.xlsx"), Keys.LEVEL_OVERRIDES: {"E1": "Level 2"}}
    reopen(state, read, "Seaview PR", D2, uploaded_id="file-1")
    assert state[Keys.ROSTER] is read and state[Keys.ROSTER_NAME] == read.filename
    assert Keys.ROSTER_UPLOAD not in state and Keys.LEVEL_OVERRIDES not in state
    assert showing_reopened(state, "file-1") == (
        "Seaview PR",
        D2,
    )  # the file left in the uploader is set aside
    assert showing_reopened(state, "file-2") is None  # a new file replaces the reopened team


def test_counts_for_a_commissioner_hide_one_to_the_threshold() -> None:
    from planner.views.history import counted

    assert [counted(n) for n in (0, 1, 7, 8, 1234)] == ["0", "fewer than 8", "fewer than 8", "8", "1,234"]
    assert counted(10, threshold=10) == "fewer than 11"


def test_a_future_date_and_a_near_duplicate_team_name_are_caught() -> None:
    from datetime import date

    from planner.views.saved import as_of_problem, similar_team

    today = date(2026, 12, 4)
    assert as_of_problem(today, today) is None and as_of_problem(date(2026, 1, 1), today) is None
    assert as_of_problem(date(2026, 12, 5), today) == (
        "A snapshot cannot be dated 5 Dec 2026, after today (4 Dec 2026): "
        "give the date the roster describes, today or earlier."
    )
    assert "a team called 'North Shore PR' already exists" in similar_team(
        "north  shore pr", ["North Shore PR"]
    )
    assert similar_team("North Shore PR", ["North Shore PR"]) is None
    assert similar_team("South", ["North Shore PR"]) is None
