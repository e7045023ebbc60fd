"""The Coverage page's leaving-date entry, as the roster's Leaving date column reads it (issue 11)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from planner.coverage.spof import leaving_dates
from planner.views.coverage import leaving_note, with_leaving_date

pytestmark = pytest.mark.unit

STAFF = pd.DataFrame({"staff_id": ["A1", "B2", "B2"], "band": ["5", "6", "6"], "wte": [1.0, 0.4, 0.4]})


def test_an_entered_date_reaches_leaving_dates_and_leaves_the_roster_untouched() -> None:
    entered = with_leaving_date(STAFF, "B2", date(2027, 1, 31))
    assert leaving_dates(entered) == {"B2": date(2027, 1, 31)}  # both of B2's posts
    assert entered["leaving_date"].tolist()[1:] == [date(2027, 1, 31)] * 2
    assert "leaving_date" not in STAFF.columns
    assert with_leaving_date(STAFF, "", date(2027, 1, 31)) is STAFF
    assert with_leaving_date(STAFF, "B2", None) is STAFF


def test_an_entered_date_overrides_the_roster_column_for_that_person_only() -> None:
    staff = STAFF.assign(leaving_date=[date(2026, 12, 1), None, None])
    entered = with_leaving_date(staff, "B2", date(2027, 2, 1))
    assert leaving_dates(entered) == {"A1": date(2026, 12, 1), "B2": date(2027, 2, 1)}


def test_the_note_says_whether_the_date_falls_in_the_look_ahead() -> None:
    as_of = date(2026, 11, 1)
    assert leaving_note("B2", date(2026, 12, 1), as_of, 90) == (
        "B2 leaves on 1 Dec 2026: counted as absent in the single points of failure, which look ahead "
        "90 days to 30 Jan 2027. The uploaded team is not changed."
    )
    assert "not counted (after the look-ahead)" in leaving_note("B2", date(2027, 3, 1), as_of, 90)
    assert leaving_note(None, date(2027, 3, 1), as_of, 90) is None
