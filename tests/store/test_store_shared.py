"""Shared use: concurrent saves, two servers on one database, members and access, bad databases, migrations."""

from __future__ import annotations

import threading
from datetime import date

import pytest
import sqlalchemy as sa

from planner import store as S
from planner.store import schema as t
from tests.store.conftest import KEY

pytestmark = pytest.mark.integration


def test_two_concurrent_saves_of_the_same_pair_one_wins_nothing_duplicated(db_url, roster) -> None:
    a, b = S.open_store(db_url, id_key=KEY), S.open_store(db_url, id_key=KEY)  # two app servers
    S.ensure_team(a, "T", owner="ann")
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def save(store: S.Store, who: str, size: int) -> None:
        barrier.wait()
        try:
            results[who] = S.save_snapshot(
                store, "T", date(2026, 1, 1), roster.staff.head(size), roster.competencies, saved_by=who
            )
        except S.SnapshotExists as exc:
            results[who] = exc

    threads = [
        threading.Thread(target=save, args=(a, "ann", 5)),
        threading.Thread(target=save, args=(b, "bob", 7)),
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    won = [w for w, r in results.items() if isinstance(r, S.SnapshotInfo)]
    lost = [r for r in results.values() if isinstance(r, S.SnapshotExists)]
    assert len(won) == 1 and len(lost) == 1, results
    assert lost[0].saved_by == won[0]  # the refused one is told who saved it
    snaps = S.list_snapshots(a, "T")
    assert len(snaps) == 1 and snaps[0].saved_by == won[0]
    with a.engine.connect() as conn:
        people = conn.execute(sa.select(sa.func.count()).select_from(t.staff)).scalar()
    assert people == {"ann": 5, "bob": 7}[won[0]]  # the winner's roster whole, none of the other's
    a.close()
    b.close()


def test_two_engines_see_each_others_saves(db_url, roster) -> None:
    a, b = S.open_store(db_url, id_key=KEY), S.open_store(db_url, id_key=KEY)
    S.save_snapshot(a, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
    assert [s.as_of for s in S.list_snapshots(b, "T")] == [date(2026, 1, 1)]
    S.save_snapshot(b, "T", date(2026, 2, 1), roster.staff, roster.competencies, saved_by="bob")
    assert S.load_snapshot(a, "T").info.saved_by == "bob"
    a.close()
    b.close()


def test_members_see_only_their_teams_and_commissioners_their_region(store) -> None:
    S.add_member(store, "North", "ann", "owner")
    S.add_member(store, "South", "bob", "owner")
    S.add_member(store, "South", "cat", "member")
    S.set_team_details(store, "North", region="London")
    S.set_team_details(store, "East", region="London")
    S.set_user_region(store, "dee", "London")
    assert [x.name for x in S.list_teams(store, "ann")] == ["North"]
    assert [x.name for x in S.list_teams(store, "cat")] == ["South"]
    assert [x.name for x in S.list_teams(store, "dee")] == ["East", "North"]
    assert [x.name for x in S.list_teams(store, "eve")] == []
    assert [x.name for x in S.list_teams(store)] == ["East", "North", "South"]
    assert S.can_access(store, "ann", "North") and not S.can_access(store, "ann", "South")
    assert not S.can_access(store, "dee", "South") and S.can_access(store, "dee", "East")
    assert S.can_save(store, "cat", "South") and not S.can_save(store, "dee", "North")
    assert S.can_save(store, "eve", "A new team")
    assert [(m.user, m.role) for m in S.members(store, "South")] == [("bob", "owner"), ("cat", "member")]
    assert S.remove_member(store, "South", "cat") and not S.can_access(store, "cat", "South")
    with pytest.raises(ValueError, match="owner, member, commissioner"):
        S.add_member(store, "South", "cat", "admin")


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path) -> None:
    path = tmp_path / "roster.xlsx"
    content = b"PK\x03\x04 this is a spreadsheet, not a database" * 50
    path.write_bytes(content)
    with pytest.raises(S.StoreError, match="the file is not a database"):
        S.open_store(f"sqlite:///{path}", id_key=KEY)
    assert path.read_bytes() == content


def test_an_unreachable_postgres_gets_a_clear_message() -> None:
    from tests.postgres import free_port

    url = f"postgresql://planner:secret-pw@127.0.0.1:{free_port()}/planner"
    with pytest.raises(S.StoreError) as exc:
        S.open_store(url, id_key=KEY)
    text = str(exc.value)
    assert "cannot be reached" in text and "secret-pw" not in text and "***" in text


def test_a_malformed_url_gets_a_clear_message() -> None:
    with pytest.raises(S.StoreError, match="is not a database address"):
        S.open_store("not a url", id_key=KEY)


def test_a_database_from_the_first_schema_is_upgraded_with_its_data_intact(db_url) -> None:
    old = S.open_store(db_url, id_key=KEY, revision="0001")
    assert S.schema_revision(old) == "0001"
    with old.engine.begin() as conn:
        assert "team_members" not in sa.inspect(conn).get_table_names()
        conn.execute(
            sa.text("INSERT INTO teams (id, name, owner, store_names) VALUES (1, 'Old team', 'ann', :f)"),
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
                "INSERT INTO snapshot_staff (snapshot_id, staff_key, service, band, wte, function, registration, row) "
                "VALUES (1, 'abc', 'PR', '5', 0.8, 'delivering', 'statutory', 2)"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO snapshot_records (snapshot_id, staff_key, competency_id, achieved, in_progress, row) "
                "VALUES (1, 'abc', 'BTS-B5-CCS-01', :t, :f, 2)"
            ),
            {"t": True, "f": False},
        )
    old.close()
    new = S.open_store(db_url, id_key=KEY)
    assert S.schema_revision(new) == "0004"
    snap = S.load_snapshot(new, "Old team")
    assert snap.as_of == date(2025, 6, 1) and snap.info.people == 1
    assert snap.staff["band"].tolist() == ["5"] and snap.records["competency_id"].tolist() == [
        "BTS-B5-CCS-01"
    ]
    team = S.list_teams(new)[0]
    assert (team.name, team.owner, team.retention_days, team.region) == ("Old team", "ann", None, None)
    new.close()


def test_a_database_from_a_newer_planner_is_refused_without_change(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    S.open_store(url, id_key=KEY).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(S.StoreError, match="version this planner does not know"):
        S.open_store(url, id_key=KEY)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


def test_a_different_staff_id_key_is_refused_and_the_right_one_opens(db_url, roster) -> None:
    first = S.open_store(db_url, id_key=KEY)
    S.save_snapshot(first, "T", date(2026, 1, 1), roster.staff, roster.competencies, saved_by="ann")
    with first.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT value FROM store_settings")).scalars().all()
    assert len(stored) == 1 and KEY.decode() not in stored[0] and len(stored[0]) == 64
    first.close()
    with pytest.raises(S.StoreError, match=r"different staff-id key; .*PLANNER_ID_KEY"):
        S.open_store(db_url, id_key=b"another key")
    again = S.open_store(db_url, id_key=KEY)
    assert [s.as_of for s in S.list_snapshots(again, "T")] == [date(2026, 1, 1)]
    again.close()
