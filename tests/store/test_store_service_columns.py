"""Rosters with the service-type columns (homecare, PCN) on SQLite and Postgres: round trip, salary, diff.

Migration 0003 added service type, ARRS role, practice, start date and salary to each snapshot's staff.
Salary is personal data: stored only when the team stores names, cleared when that is turned off.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from planner import store as S
from planner.history import diff
from planner.ingest.contract import STAFF_COLUMNS
from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue
from planner.sample_kinds import generate_homecare, generate_pcn
from planner.samples import to_xlsx
from planner.store import schema as t
from tests.store.conftest import KEY

pytestmark = pytest.mark.integration
NEW = ["service_type", "arrs_role", "practice", "start_date"]


def _read(sample):
    return read_roster(to_xlsx(sample), "team.xlsx", catalogue=load_catalogue())


@pytest.fixture(scope="module")
def pcn():
    return _read(generate_pcn())


@pytest.fixture(scope="module")
def homecare():
    return _read(generate_homecare())


def test_a_pcn_roster_round_trips_with_every_staff_column(store, pcn) -> None:
    S.save_snapshot(store, "PCN", date(2026, 1, 1), pcn.staff, pcn.competencies, saved_by="ann")
    snap = S.load_snapshot(store, "PCN")
    assert list(snap.staff.columns) == STAFF_COLUMNS
    for col in NEW:
        assert snap.staff[col].tolist() == pcn.staff[col].tolist(), col
    assert snap.staff["service_type"].eq("pcn").all() and snap.staff["practice"].notna().all()
    # salary is personal data: not stored while the team does not store names
    assert pcn.staff["salary"].notna().any() and snap.staff["salary"].isna().all()


def test_salary_only_when_names_are_stored_and_switching_off_deletes_it(store, pcn) -> None:
    S.set_store_names(store, "PCN", True)
    S.save_snapshot(store, "PCN", date(2026, 1, 1), pcn.staff, pcn.competencies, saved_by="ann")
    snap = S.load_snapshot(store, "PCN")
    pd.testing.assert_series_equal(snap.staff["salary"], pcn.staff["salary"].reset_index(drop=True))
    S.set_store_names(store, "PCN", False)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).where(t.staff.c.salary.is_not(None))).scalar() == 0
    assert S.load_snapshot(store, "PCN").staff["salary"].isna().all()


def test_diff_and_trend_work_on_homecare_and_pcn_snapshots(store, homecare, pcn) -> None:
    for team, roster in (("Homecare", homecare), ("PCN", pcn)):
        S.save_snapshot(store, team, date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
        later = roster.staff.iloc[1:]  # one person left
        S.save_snapshot(store, team, date(2026, 2, 1), later, roster.competencies, saved_by="ann")
        a, b = S.load_snapshot(store, team, date(2026, 1, 1)), S.load_snapshot(store, team, date(2026, 2, 1))
        changes = diff(a, b)
        assert len(changes.leavers) == 1 and len(changes.joiners) == 0, team
        people = [s.people for s in S.list_snapshots(store, team)]
        assert people == [len(roster.staff), len(roster.staff) - 1], team


def test_a_database_at_0002_is_upgraded_with_its_staff_intact(db_url, pcn) -> None:
    old = S.open_store(db_url, id_key=KEY, revision="0002")
    assert S.schema_revision(old) == "0002"
    with old.engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO teams (id, name, owner, store_names) VALUES (1, 'Old', 'ann', :f)"),
            {"f": False},
        )
        conn.execute(
            sa.text(
                "INSERT INTO snapshots (id, team_id, as_of, saved_by, framework_id, framework_version, figures) "
                "VALUES (1, 1, :d, 'ann', 'bts', 'v1', :fig)"
            ),
            {"d": date(2025, 6, 1), "fig": '{"people": 1, "wte": 0.8, "coverage": 0.5}'},
        )
        conn.execute(
            sa.text(
                "INSERT INTO snapshot_staff (snapshot_id, staff_key, service, band, wte, function, registration, "
                "leaving_date, row) VALUES (1, 'abc', 'PR', '5', 0.8, 'delivering', 'statutory', :l, 2)"
            ),
            {"l": date(2025, 9, 30)},
        )
    old.close()
    new = S.open_store(db_url, id_key=KEY)
    assert S.schema_revision(new) == "0004"
    staff = S.load_snapshot(new, "Old").staff
    assert staff[["staff_id", "band", "wte", "leaving_date"]].to_dict("records") == [
        {"staff_id": "abc", "band": "5", "wte": 0.8, "leaving_date": date(2025, 9, 30)}
    ]
    assert staff[NEW].isna().all().all() and pd.isna(staff["salary"].iloc[0])
    new.close()
