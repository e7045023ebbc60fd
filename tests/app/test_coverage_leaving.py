"""AppTest of the Coverage page's leaving-date entry: a leaver counts as absent in the look-ahead (issue 11)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner import samples
from planner.views.coverage import coverage_view
from planner.views.session import SAMPLE_NAME, sample_roster

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
AS_OF = samples.SAMPLE_AS_OF


@pytest.fixture(autouse=True)
def importable_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))


def open_coverage() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "coverage.py"), default_timeout=90)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    at.session_state["coverage_as_of"] = AS_OF
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def spof_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Holders' WTE" in d.value.columns)


def only_holder() -> tuple[str, str]:
    """The sample team's single point of failure held by one person: (that person, the statement)."""
    roster = sample_roster()
    spof = coverage_view(roster.staff, roster.competencies, "bts", AS_OF).spof
    one = spof[(spof["kind"] == "skill") & (spof["holders"] == 1)].iloc[0]
    return one["who"][0], one["text"]


def test_the_only_holders_leaving_date_in_the_window_adds_a_single_point_of_failure() -> None:
    at = open_coverage()
    before = spof_table(at)
    person, statement = only_holder()
    assert before.loc[before["Statement"] == statement, "Holders"].tolist() == [1]

    at.selectbox(key="coverage_leaver").set_value(person)
    at.date_input(key="coverage_leaving_date").set_value(AS_OF + timedelta(days=30)).run()
    assert not at.exception, [e.value for e in at.exception]
    after = spof_table(at)
    assert len(after) > len(before)
    # The skill they alone hold now has no holder at the window's end, and the leaver is named as going.
    assert after.loc[after["Statement"] == statement, "Holders"].tolist() == [0]
    assert any(c.value.startswith(f"{person} leaves on 1 Dec 2026: counted as absent") for c in at.caption)

    # A leaving date after the 90-day look-ahead changes nothing.
    at.date_input(key="coverage_leaving_date").set_value(AS_OF + timedelta(days=200)).run()
    pd.testing.assert_frame_equal(spof_table(at), before)
    assert any("not counted (after the look-ahead)" in c.value for c in at.caption)
