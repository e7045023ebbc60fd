"""AppTest of the History page and the Team page's snapshots, on a temporary SQLite database.

Saving (and the question before replacing), reopening without an upload, the trend and "what changed",
the recomputed label, and per-team access when sign-in is on: a person never sees, by list, link or
session state, a team they are not a member of.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner import store as db
from planner.views.session import Keys, sample_roster

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
HISTORY = str(ROOT / "pages" / "history.py")
TEAM = str(ROOT / "pages" / "team.py")
D1, D2 = date(2026, 3, 1), date(2026, 6, 1)


@pytest.fixture
def saved(history_db: str) -> db.Store:
    """Alice's team with two snapshots (two people joined between them) and Bob's team with one."""
    store = db.open_store(history_db)
    read = sample_roster()
    first = sorted(read.staff["staff_id"].unique())[:2]
    db.save_snapshot(
        store,
        "Seaview PR",
        D1,
        read.staff[~read.staff["staff_id"].isin(first)],
        read.competencies[~read.competencies["staff_id"].isin(first)],
        saved_by="alice@example.org",
    )
    db.save_snapshot(store, "Seaview PR", D2, read.staff, read.competencies, saved_by="alice@example.org")
    db.save_snapshot(store, "Hillside PR", D2, read.staff, read.competencies, saved_by="bob@example.org")
    return store


def frame_with(at: AppTest, *columns: str, nth: int = 0):
    """The ``nth`` table shown with exactly these columns."""
    return [d.value for d in at.dataframe if list(d.value.columns) == list(columns)][nth]


TREND = (
    "Snapshot date", "People", "WTE", "Verified coverage", "Coverage counting self-assessed",
    "Registered share of WTE", "Single points of failure", "Lapsed items", "Expiring within 90 days",
    "Framework version",
)  # fmt: skip


def as_user(at: AppTest, who: str | None) -> AppTest:
    """What app.py puts in the session: sign-in on and the identity, or single-user mode (``None``)."""
    at.session_state[Keys.SIGN_IN] = who is not None
    at.session_state[Keys.USER] = who or "this computer"
    return at


def page(path: str, who: str | None = None, **query: str) -> AppTest:
    at = as_user(AppTest.from_file(path, default_timeout=90), who)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def test_single_user_sees_every_team_with_its_trend_and_changes(saved: db.Store) -> None:
    at = page(HISTORY)
    assert not at.exception
    assert at.selectbox(key="history_team").options == ["Hillside PR", "Seaview PR"]
    at.selectbox(key="history_team").set_value("Seaview PR").run()
    table = frame_with(at, *TREND)
    assert table["Snapshot date"].tolist() == ["1 Mar 2026", "1 Jun 2026"]
    people = sample_roster().staff["staff_id"].nunique()
    assert table["People"].tolist() == [people - 2, people]
    captions = " ".join(c.value for c in at.caption)
    assert "Verified coverage went from" in captions and "As saved" in captions
    changes = next(m.value for m in at.markdown if m.value.startswith("From 1 Mar 2026 to 1 Jun 2026"))
    assert "2 joiners, 0 leavers" in changes
    joined = frame_with(at, "Person", "Band", "WTE", "Function")
    assert len(joined) == 2 and all(p.startswith("Person ") for p in joined["Person"])
    assert not any(c in joined["Person"].iloc[0] for c in ("nan", "None"))
    # the opening is in the access log, once
    assert [e.action for e in db.access_log(saved, "Seaview PR")].count("opened") == 1


def test_recompute_is_labelled_as_recomputed(saved: db.Store) -> None:
    at = page(HISTORY, team="Seaview PR")
    at.toggle(key="history_recompute").set_value(True).run()
    assert not at.exception
    assert any("Recomputed" in w.value for w in at.warning)
    assert len(frame_with(at, *TREND)) == 2


def test_a_member_sees_only_their_teams_and_a_link_to_another_is_refused(saved: db.Store) -> None:
    at = page(HISTORY, "alice@example.org", team="Hillside PR")
    assert not at.exception
    assert at.selectbox(key="history_team").options == ["Seaview PR"]
    assert at.selectbox(key="history_team").value == "Seaview PR"
    assert any("not one of your teams" in e.value for e in at.error)
    shown = " ".join([*(c.value for c in at.caption), *(m.value for m in at.markdown)])
    assert "Hillside" not in shown
    assert "opened" not in [e.action for e in db.access_log(saved, "Hillside PR")]


def test_session_state_naming_another_team_opens_nothing_of_it(saved: db.Store) -> None:
    at = as_user(AppTest.from_file(HISTORY, default_timeout=90), "alice@example.org")
    at.session_state["history_team"] = "Hillside PR"
    at.session_state["history_link"] = "Hillside PR"
    at.run()
    assert not at.exception
    assert at.selectbox(key="history_team").value == "Seaview PR"
    assert "opened" not in [e.action for e in db.access_log(saved, "Hillside PR")]


def test_a_person_with_no_team_is_told_so(saved: db.Store) -> None:
    at = page(HISTORY, "carol@example.org", team="Seaview PR")
    assert any("not one of your teams" in e.value for e in at.error)
    assert any("no saved team yet" in i.value for i in at.info)
    assert not at.selectbox


def test_owner_adds_a_member_who_then_sees_the_team(saved: db.Store) -> None:
    at = page(HISTORY, "alice@example.org")
    at.text_input(key="member_email").set_value("Carol@Example.org")
    at.button(key="member_add").click().run()
    assert not at.exception
    assert ("carol@example.org", "member") in {(m.user, m.role) for m in db.members(saved, "Seaview PR")}
    carol = page(HISTORY, "carol@example.org")
    assert carol.selectbox(key="history_team").options == ["Seaview PR"]
    # a member is not an owner: no members panel, no delete
    assert not [b for b in carol.button if b.key in ("member_add", "delete_team")]


def test_team_page_saves_asks_before_replacing_and_reopens(saved: db.Store) -> None:
    at = page(TEAM)
    assert not at.exception
    assert any("refreshing or closing the page loses it" in c.value for c in at.caption)
    at.text_input(key="snapshot_team").set_value("Seaview PR")
    at.date_input(key="snapshot_as_of").set_value(D2)
    at.button(key="save_snapshot").click().run()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    # who saved it and when (the store's SnapshotExists message)
    assert "already has a snapshot for" in warning and "June 2026, saved by alice@example.org on" in warning
    assert [s.as_of for s in db.list_snapshots(saved, "Seaview PR")] == [D1, D2]
    at.button(key="replace_snapshot").click().run()
    assert any("Replaced the snapshot of **Seaview PR**" in s.value for s in at.success), (
        at.success,
        at.warning,
        at.error,
        at.exception,
    )
    assert db.list_snapshots(saved, "Seaview PR")[-1].saved_by == "this computer"

    fresh = page(TEAM)  # a new session: the browser was closed
    fresh.selectbox(key="reopen_team").set_value("Seaview PR")
    fresh.button(key="reopen_latest").click().run()
    assert not fresh.exception
    assert fresh.session_state[Keys.ROSTER_NAME] == "Seaview PR (saved snapshot of 1 Jun 2026)"
    reopened = fresh.session_state[Keys.ROSTER]
    assert len(reopened.staff) == len(sample_roster().staff)
    assert reopened.staff["staff_id"].str.startswith("Person ").all()
    assert {m.label: m.value for m in fresh.metric}[
        "People"
    ] == f"{sample_roster().staff['staff_id'].nunique():,}"


def test_a_signed_in_person_cannot_save_into_another_team(saved: db.Store) -> None:
    at = page(TEAM, "alice@example.org")
    assert at.selectbox(key="reopen_team").options == ["Seaview PR (latest snapshot 1 Jun 2026)"]
    at.text_input(key="snapshot_team").set_value("Hillside PR")
    at.button(key="save_snapshot").click().run()
    assert any("not one of its members" in e.value for e in at.error)
    assert [s.saved_by for s in db.list_snapshots(saved, "Hillside PR")] == ["bob@example.org"]


def test_a_commissioner_sees_the_teams_of_their_region_only(saved: db.Store) -> None:
    owner = page(HISTORY, "bob@example.org")
    owner.text_input(key="team_region").set_value("North")
    owner.button(key="team_region_set").click().run()
    assert not owner.exception
    assert next(t for t in db.list_teams(saved) if t.name == "Hillside PR").region == "North"
    db.set_user_region(saved, "dana@example.org", "North")
    at = page(HISTORY, "dana@example.org")
    assert at.selectbox(key="history_team").options == ["Hillside PR"]
    # a commissioner reads; only owners manage the team
    assert not [b for b in at.button if b.key in ("member_add", "delete_team")]


def test_a_retention_period_deletes_older_snapshots(saved: db.Store) -> None:
    at = page(HISTORY, "alice@example.org")
    days = (date.today() - D2).days + 1  # keeps 1 Jun 2026, not 1 Mar 2026
    at.number_input(key="history_retention").set_value(days)
    at.button(key="history_retention_set").click().run()
    assert not at.exception
    assert [s.as_of for s in db.list_snapshots(saved, "Seaview PR")] == [D2]
    assert [s.as_of for s in db.list_snapshots(saved, "Hillside PR")] == [
        D2
    ]  # another team's setting is its own
    assert any(f"more than {days:,} days ago are deleted" in c.value for c in at.caption)


def test_export_is_logged_and_deleting_needs_a_confirmation(saved: db.Store, deferred) -> None:
    at = page(HISTORY, "alice@example.org")
    workbook = deferred["Seaview PR-history.xlsx"]()
    assert workbook[:2] == b"PK"  # an Excel workbook
    assert "exported" in [e.action for e in db.access_log(saved, "Seaview PR")]
    # the delete button does nothing until the box is ticked
    at.selectbox(key="delete_which").set_value(D1)
    assert at.button(key="delete_snapshot").disabled
    at.checkbox(key="delete_snapshot_sure").check().run()
    at.button(key="delete_snapshot").click().run()
    assert not at.exception
    assert [s.as_of for s in db.list_snapshots(saved, "Seaview PR")] == [D2]
    # the whole team only when its name is typed
    at.text_input(key="delete_team_name").set_value("Seaview").run()
    assert at.button(key="delete_team").disabled
    at.text_input(key="delete_team_name").set_value("Seaview PR").run()
    at.button(key="delete_team").click().run()
    assert "Seaview PR" not in [t.name for t in db.list_teams(saved)]
    assert [t.name for t in db.list_teams(saved)] == ["Hillside PR"]
    assert db.access_log(saved, "Seaview PR")[-1].action == "deleted"


def test_turning_names_off_asks_before_deleting_them(saved: db.Store) -> None:
    db.set_store_names(saved, "Seaview PR", True)
    read = sample_roster()
    db.save_snapshot(
        saved, "Seaview PR", D2, read.staff, read.competencies, saved_by="alice@example.org", replace=True
    )
    at = page(HISTORY, "alice@example.org", team="Seaview PR")
    at.checkbox(key="history_names").uncheck().run()
    assert not at.exception
    assert any("cannot be undone" in w.value for w in at.warning)
    assert next(t for t in db.list_teams(saved) if t.name == "Seaview PR").store_names  # not yet
    assert db.load_snapshot(saved, "Seaview PR").staff["name"].notna().any()
    at.button(key="history_names_off").click().run()
    assert not next(t for t in db.list_teams(saved) if t.name == "Seaview PR").store_names
    assert db.load_snapshot(saved, "Seaview PR").staff["name"].isna().all()


def test_the_history_page_shows_no_developer_text(saved: db.Store) -> None:
    from tests.app.test_no_developer_text import DEVELOPER, SNAKE, page_texts

    at = page(HISTORY, team="Seaview PR")
    texts = page_texts(at)
    assert not [t for t in texts if DEVELOPER.search(t)]
    frames = [d.value for d in at.dataframe]
    assert len(frames) >= 7  # the trend, six kinds of change
    assert not [c for f in frames for c in f.columns if SNAKE.match(str(c))]
    cells = {str(v) for f in frames for v in f.to_numpy().ravel()}
    assert not [c for c in cells if DEVELOPER.search(c) or SNAKE.match(c)]


def test_a_commissioner_sees_what_changed_as_counts_only(saved: db.Store) -> None:
    db.set_team_details(saved, "Seaview PR", region="North")
    db.set_user_region(saved, "dana@example.org", "North")
    at = page(HISTORY, "dana@example.org", team="Seaview PR")
    assert not at.exception
    assert at.selectbox(key="history_team").options == ["Seaview PR"]
    # no table of people: no "Person" column anywhere, no per-person expanders, no export
    assert not [d for d in at.dataframe if "Person" in d.value.columns]
    assert not [e for e in at.expander if e.label.startswith(("Joined", "Left"))]
    counts = frame_with(at, "What changed", "Count")
    shown = dict(zip(counts["What changed"], counts["Count"], strict=True))
    assert shown["People who joined"] == "fewer than 8" and shown["People who left"] == "0"
    assert any("in counts only" in m.value for m in at.markdown)
    assert "2 joiners" not in " ".join(m.value for m in at.markdown)
    assert not [b for b in at.get("download_button") if b.key == "history_export"]
    # a member of the same team still sees who joined
    alice = page(HISTORY, "alice@example.org", team="Seaview PR")
    assert len(frame_with(alice, "Person", "Band", "WTE", "Function")) == 2


def test_team_page_refuses_a_future_date_and_warns_of_a_near_duplicate_name(saved: db.Store) -> None:
    from datetime import timedelta

    at = page(TEAM)
    at.text_input(key="snapshot_team").set_value("Seaview PR")
    at.date_input(key="snapshot_as_of").set_value(date.today() + timedelta(days=1))
    at.button(key="save_snapshot").click().run()
    assert not at.exception
    assert any("after today" in e.value for e in at.error)
    assert [s.as_of for s in db.list_snapshots(saved, "Seaview PR")] == [D1, D2]
    at.text_input(key="snapshot_team").set_value("seaview pr")
    at.date_input(key="snapshot_as_of").set_value(D1)
    at.button(key="save_snapshot").click().run()
    assert any("a team called 'Seaview PR' already exists" in w.value for w in at.warning)
