"""Saving and loading snapshots on SQLite and Postgres: round trip, one per team and date, privacy."""

from __future__ import annotations

import logging
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from planner import store as S
from planner.samples import SAMPLE_AS_OF
from planner.store import schema as t

pytestmark = pytest.mark.integration


def test_round_trip_keeps_the_team_and_its_figures(store, roster) -> None:
    info = S.save_snapshot(
        store, "North Shore", SAMPLE_AS_OF, roster.staff, roster.competencies, saved_by="ann"
    )
    assert info.team == "North Shore" and info.as_of == SAMPLE_AS_OF and info.saved_by == "ann"
    assert info.saved_at is not None
    assert info.people == 25 and info.wte == pytest.approx(16.5)
    assert info.figures["coverage"] == pytest.approx(0.6304)
    assert info.framework_version == "Draft for public consultation – April 2025"

    snap = S.load_snapshot(store, "North Shore")
    assert snap.as_of == SAMPLE_AS_OF
    assert len(snap.staff) == len(roster.staff) and len(snap.records) == len(roster.competencies)
    assert list(snap.staff.columns) == list(roster.staff.columns)
    assert list(snap.records.columns) == list(roster.competencies.columns)
    assert snap.staff["band"].tolist() == roster.staff["band"].tolist()
    assert snap.staff["wte"].tolist() == pytest.approx(roster.staff["wte"].tolist())
    assert snap.records["expires_on"].isna().sum() == roster.competencies["expires_on"].isna().sum()
    # the coverage and skill-mix functions work on what comes back, and agree with what was saved
    again = S.compute_figures(snap.staff, snap.records, "bts", SAMPLE_AS_OF)
    assert again == info.figures


def test_hashed_ids_never_equal_raw_ids_and_match_across_snapshots(store, roster) -> None:
    S.save_snapshot(store, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
    S.save_snapshot(store, "T", date(2026, 4, 1), roster.staff, roster.competencies, saved_by="ann")
    a, b = S.load_snapshot(store, "T", date(2026, 1, 1)), S.load_snapshot(store, "T", date(2026, 4, 1))
    raw = set(roster.staff["staff_id"])
    assert not raw & set(a.staff["staff_id"]) and not raw & set(a.records["staff_id"])
    assert a.staff["staff_id"].tolist() == b.staff["staff_id"].tolist()
    assert all(len(x) == 64 for x in a.staff["staff_id"])
    with store.engine.connect() as conn:
        stored = set(conn.execute(sa.select(t.staff.c.staff_key)).scalars())
    assert not raw & stored
    # another deployment's key gives other values: the hash is keyed
    assert S.hash_id("SYN10001", b"other") != S.hash_id("SYN10001", store.id_key)


def test_one_snapshot_per_team_and_date_and_replace_on_purpose(store, roster) -> None:
    S.save_snapshot(store, "T", SAMPLE_AS_OF, roster.staff, roster.competencies, saved_by="ann")
    with pytest.raises(S.SnapshotExists) as exc:
        S.save_snapshot(store, "T", SAMPLE_AS_OF, roster.staff.head(3), roster.competencies, saved_by="bob")
    assert exc.value.saved_by == "ann" and exc.value.saved_at is not None
    assert "already has a snapshot for 1 November 2026, saved by ann" in str(exc.value)
    assert S.load_snapshot(store, "T").info.people == 25  # the first is intact

    smaller = roster.staff.head(3)
    info = S.save_snapshot(
        store, "T", SAMPLE_AS_OF, smaller, roster.competencies, saved_by="bob", replace=True
    )
    assert info.saved_by == "bob" and info.people == 3
    assert [s.as_of for s in S.list_snapshots(store, "T")] == [SAMPLE_AS_OF]
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.staff)).scalar() == 3


def test_list_load_latest_and_delete(store, roster) -> None:
    for d in (date(2026, 3, 1), date(2026, 1, 1), date(2026, 2, 1)):
        S.save_snapshot(store, "T", d, roster.staff, roster.competencies, saved_by="ann")
    assert [s.as_of for s in S.list_snapshots(store, "T")] == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    assert S.load_snapshot(store, "T").as_of == date(2026, 3, 1)
    assert S.delete_snapshot(store, "T", date(2026, 3, 1)) is True
    assert S.delete_snapshot(store, "T", date(2026, 3, 1)) is False
    assert S.load_snapshot(store, "T").as_of == date(2026, 2, 1)
    with pytest.raises(S.NotFound, match="has no snapshot on 1 March 2026"):
        S.load_snapshot(store, "T", date(2026, 3, 1))
    assert S.delete_team(store, "T") is True
    assert S.list_teams(store) == [] and S.list_snapshots(store, "T") == []
    with store.engine.connect() as conn:
        for table in (t.snapshots, t.staff, t.records):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0


def test_names_only_when_stored_and_switching_off_deletes_them(store, roster) -> None:
    S.save_snapshot(store, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
    snap = S.load_snapshot(store, "T")
    assert snap.staff["name"].isna().all()
    assert snap.records["signed_off_by"].isna().all() and snap.records["evidence"].isna().all()

    S.set_store_names(store, "T", True)
    S.save_snapshot(store, "T", date(2026, 2, 1), roster.staff, roster.competencies, saved_by="ann")
    snap = S.load_snapshot(store, "T")
    assert snap.staff["name"].tolist() == roster.staff["name"].tolist()
    assert snap.records["signed_off_by"].notna().sum() == roster.competencies["signed_off_by"].notna().sum()

    S.set_store_names(store, "T", False)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).where(t.staff.c.name.is_not(None))).scalar() == 0
        left = sa.or_(t.records.c.signed_off_by.is_not(None), t.records.c.evidence.is_not(None))
        assert conn.execute(sa.select(sa.func.count()).select_from(t.records).where(left)).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(t.records)).scalar() == 2 * len(
            roster.competencies
        )
    assert not S.list_teams(store)[0].store_names


def test_retention_deletes_only_snapshots_past_their_period(store, roster) -> None:
    for d in (date(2025, 1, 1), date(2026, 1, 1)):
        S.save_snapshot(store, "T", d, roster.staff.head(2), roster.competencies.head(5), saved_by="ann")
    S.save_snapshot(
        store, "Kept", date(2020, 1, 1), roster.staff.head(2), roster.competencies.head(5), saved_by="ann"
    )
    S.set_retention(store, "T", 365)
    assert S.apply_retention(store, date(2026, 6, 1)) == 1
    assert [s.as_of for s in S.list_snapshots(store, "T")] == [date(2026, 1, 1)]
    assert len(S.list_snapshots(store, "Kept")) == 1  # no retention set: kept
    with pytest.raises(ValueError, match="at least one day"):
        S.set_retention(store, "T", 0)


def test_access_log_records_who_what_when_never_content(store, roster) -> None:
    S.save_snapshot(store, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
    S.log_access(store, "ann", "T", "saved")
    S.log_access(store, "bob", "T", "opened")
    S.log_access(store, "bob", "T", "exported")
    log = S.access_log(store, "T")
    assert [(a.user, a.action) for a in log] == [("ann", "saved"), ("bob", "opened"), ("bob", "exported")]
    assert all(a.at is not None and a.team == "T" for a in log)
    assert [c.name for c in t.access_log.columns] == ["id", "at", "user", "team", "action"]
    with pytest.raises(ValueError, match="opened, exported, saved, deleted"):
        S.log_access(store, "bob", "T", "Aled Baker viewed")


def test_application_logs_carry_no_names_or_ids(store, roster, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    S.set_store_names(store, "T", True)
    S.save_snapshot(store, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
    with pytest.raises(S.SnapshotExists):
        S.save_snapshot(store, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
    S.load_snapshot(store, "T")
    S.apply_retention(store, date(2026, 1, 2))
    assert "snapshot saved" in caplog.text  # the logs do say what happened
    for person in roster.staff.itertuples():
        assert person.name not in caplog.text and person.staff_id not in caplog.text
    assert not any(n in caplog.text for n in roster.competencies["signed_off_by"].dropna().unique())


def test_services_rows_round_trip(store, roster) -> None:
    services = pd.DataFrame(
        {
            "service": ["North Shore PR", "Riverside PR"],
            "population": [250000.0, None],
            "overrides": [{"uptake": 0.5}, None],
        }
    )
    S.save_snapshot(
        store, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann", services=services
    )
    got = S.load_snapshot(store, "T").services
    assert got["service"].tolist() == ["North Shore PR", "Riverside PR"]
    assert got["population"].iloc[0] == 250000.0 and pd.isna(got["population"].iloc[1])
    assert got["overrides"].iloc[0] == {"uptake": 0.5}


def test_recompute_marks_the_figures_recomputed_and_changes_nothing(store, roster) -> None:
    info = S.save_snapshot(store, "T", SAMPLE_AS_OF, roster.staff, roster.competencies, saved_by="ann")
    fresh = S.recompute(store, "T", SAMPLE_AS_OF)
    assert fresh["recomputed"] is True and info.figures["recomputed"] is False
    assert {k: v for k, v in fresh.items() if k != "recomputed"} == {
        k: v for k, v in info.figures.items() if k != "recomputed"
    }
    assert S.list_snapshots(store, "T")[0].figures == info.figures
