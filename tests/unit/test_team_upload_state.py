"""The Team page's upload state as plain transitions: which file is read, what is kept, what is reset."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from planner.ingest.filecheck import MAX_UPLOAD_BYTES, RosterRefused
from planner.views.session import SAMPLE_NAME, sample_roster
from planner.views.team import RosterSource, Upload, accept, roster_source, start_mapping, use_sample

pytestmark = pytest.mark.unit

SAMPLE = (b"sample bytes", "sample_team.xlsx")


def test_with_nothing_uploaded_the_sample_is_read_and_not_kept() -> None:
    src = roster_source({}, None, SAMPLE)
    assert (src.data, src.file_name, src.own_file, src.shown_name) == (*SAMPLE, False, SAMPLE_NAME)
    state: dict[str, Any] = {"roster_name": "before"}
    assert accept(state, sample_roster(), src) is False
    assert state == {"roster_name": "before"}


def test_a_new_upload_is_read_and_an_accepted_one_kept_for_the_session() -> None:
    state: dict[str, Any] = {}
    src = roster_source(state, Upload("id1", "team.csv", b"abc"), SAMPLE)
    assert (src.file_name, src.own_file, src.shown_name) == ("team.csv", True, "team.csv")
    read = sample_roster()
    assert accept(state, read, src) is True
    assert state["roster"] is read and state["roster_name"] == "team.csv"
    assert state["roster_upload"] == (b"abc", "team.csv")
    # back on the page with the uploader empty: the kept upload is read again
    again = roster_source(state, None, SAMPLE)
    assert (again.data, again.file_name, again.own_file) == (b"abc", "team.csv", True)


def test_an_upload_with_no_staff_accepted_leaves_the_roster() -> None:
    state: dict[str, Any] = {"roster_name": SAMPLE_NAME}
    src = RosterSource(b"abc", "empty.csv", own_file=True)
    full = sample_roster()
    empty = replace(full, staff=full.staff.iloc[0:0])
    assert accept(state, empty, src) is False
    assert state == {"roster_name": SAMPLE_NAME}


def test_an_oversized_upload_is_refused_with_its_size_and_the_limit() -> None:
    big = Upload("id1", "big.csv", b"a" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(RosterRefused) as err:
        roster_source({}, big, SAMPLE)
    assert err.value.code == "too_large" and "the limit is 20 MB" in err.value.message


def test_use_the_sample_dismisses_the_upload_until_another_file_is_chosen() -> None:
    state: dict[str, Any] = {"roster_upload": (b"abc", "team.csv"), "roster_name": "team.csv"}
    uploaded = Upload("id1", "team.csv", b"abc")
    sample = sample_roster()
    use_sample(state, uploaded, sample)
    assert "roster_upload" not in state
    assert state["roster"] is sample and state["roster_name"] == SAMPLE_NAME
    assert roster_source(state, uploaded, SAMPLE).own_file is False
    assert roster_source(state, Upload("id2", "other.csv", b"xyz"), SAMPLE).file_name == "other.csv"


def test_use_the_sample_keeps_the_roster_when_the_sample_cannot_be_read() -> None:
    state: dict[str, Any] = {"roster_name": "team.csv"}
    use_sample(state, None, None)
    assert state == {"roster_name": "team.csv", "dismissed_upload": None}


def test_the_mapping_editor_resets_only_for_a_new_file_or_sheet() -> None:
    src = RosterSource(b"abc", "team.csv", own_file=True)
    state: dict[str, Any] = {"column_map": "edits"}
    start_mapping(state, src, None)
    assert "column_map" not in state
    state["column_map"] = "edits"
    start_mapping(state, src, None)
    assert state["column_map"] == "edits"
    start_mapping(state, src, "Sheet 2")
    assert "column_map" not in state
