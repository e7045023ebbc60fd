"""A team reopened from a saved snapshot feeds every page as an upload does (no names, hashed labels)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner import store as db
from planner.views.saved import reopen, roster_from_snapshot
from planner.views.session import Keys, sample_roster

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reopened(history_db: str):
    store = db.open_store(history_db)
    read = sample_roster()
    db.save_snapshot(store, "Seaview PR", date(2026, 6, 1), read.staff, read.competencies, saved_by="x")
    snap = db.load_snapshot(store, "Seaview PR")
    return roster_from_snapshot(snap.staff, snap.records, "Seaview PR", snap.as_of)


@pytest.mark.parametrize("page", ["coverage", "skill_mix", "people"])
def test_pages_work_on_a_reopened_team(reopened, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    state: dict = {}
    reopen(state, reopened, "Seaview PR", date(2026, 6, 1))
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    shown = " ".join([*(c.value for c in at.caption), *(str(o) for sb in at.selectbox for o in sb.options)])
    # the team by its snapshot's name, or its people by their hashed labels
    assert "Seaview PR (saved snapshot of 1 Jun 2026)" in shown or "Person " in shown
    assert "nan" not in shown.split() and "None" not in shown.split()
    assert Keys.ROSTER_UPLOAD not in at.session_state
