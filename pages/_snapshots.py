"""The Team page's saved snapshots: reopen a team without uploading again, and "Save as snapshot".

``from pages._snapshots import reopen_panel, reopened_summary, save_panel``. Not a page. Which teams a
person sees and may save comes from the store (:mod:`pages._store`); the words and the session
changes come from :mod:`planner.views.saved`.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from pages import _store as access
from planner import store as db
from planner.captions.words import long_date
from planner.ingest.read import RosterRead
from planner.views.saved import (
    NAMES_NOTE,
    NOT_ALLOWED,
    REOPENED_SAVE_NOTE,
    UNSAVED_NOTE,
    as_of_problem,
    reopen,
    roster_from_snapshot,
    saved_line,
    similar_team,
    snapshot_name,
)
from planner.views.session import Keys
from planner.views.team import staff_figures


def reopen_panel(uploaded_id: str | None) -> None:
    """Reopen one of the person's teams from its latest snapshot (only their teams are offered)."""
    store = access.open_or_stop()
    teams = [t for t in access.my_teams(store) if t.snapshots]
    with st.expander(
        "Reopen a saved team", expanded=bool(teams) and Keys.ROSTER_UPLOAD not in st.session_state
    ):
        if not teams:
            st.caption(
                "No saved team yet. Upload a roster, then save it as a snapshot at the foot of this page."
            )
            return
        name = st.selectbox(
            "Saved team",
            [t.name for t in teams],
            key="reopen_team",
            format_func=lambda n: (
                f"{n} (latest snapshot {long_date(next(t.latest for t in teams if t.name == n))})"
            ),
        )
        if st.button("Reopen its latest snapshot", key="reopen_latest"):
            if not access.may_open(store, name):  # the list holds only their teams; asked again on purpose
                st.error("You cannot open this team: it is not one of your teams.")
                return
            snap = db.load_snapshot(store, name)
            db.log_access(store, access.user(), name, "opened")
            read = roster_from_snapshot(snap.staff, snap.records, name, snap.as_of)
            reopen(st.session_state, read, name, snap.as_of, uploaded_id)
            st.rerun()


def reopened_summary(team: str, as_of: date) -> None:
    """What the Team page shows for a reopened snapshot instead of the upload's reading."""
    read: RosterRead = st.session_state[Keys.ROSTER]
    st.success(f"The other pages now use **{snapshot_name(team, as_of)}**, reopened without an upload.")
    fig = staff_figures(read.staff)
    people, wte, registered = st.columns(3)
    people.metric("People", f"{fig['staff']:,}")
    wte.metric("WTE", f"{fig['wte_total']:.2f}")
    registered.metric("WTE with statutory registration", f"{fig['wte_registered']:.2f}")
    st.caption(REOPENED_SAVE_NOTE)


def _save(store: db.Store, team: str, as_of: date, read: RosterRead, names: bool, *, replace: bool) -> None:
    if not access.may_save(store, team):
        st.error(NOT_ALLOWED)
        return
    db.ensure_team(store, team, owner=access.user())
    info = next((t for t in db.list_teams(store) if t.name == team), None)
    if access.is_owner(store, team) and info is not None and info.store_names != names:
        db.set_store_names(store, team, names)
    try:
        db.save_snapshot(
            store, team, as_of, read.staff, read.competencies, saved_by=access.user(), replace=replace
        )
    except db.SnapshotExists as exc:
        # the team already has this date (saved earlier, or by someone else a moment ago): ask, never overwrite
        st.session_state[Keys.PENDING_REPLACE] = (team, as_of, str(exc))
        return
    st.session_state.pop(Keys.PENDING_REPLACE, None)
    db.log_access(store, access.user(), team, "saved")
    st.success(saved_line(team, as_of, replaced=replace))


def save_panel(read: RosterRead, default_team: str) -> None:
    """Save the session's roster as a dated snapshot of a team; a repeated team and date asks before replacing."""
    st.subheader("Save as snapshot")
    st.caption(UNSAVED_NOTE)
    store = access.open_or_stop()
    a, b = st.columns([2, 1])
    team = a.text_input("Team name", value=default_team, key="snapshot_team").strip()
    as_of = b.date_input("As of", value=date.today(), key="snapshot_as_of", format="DD/MM/YYYY")
    existing = next((t for t in access.my_teams(store) if t.name == team), None) if team else None
    owner = existing is None or access.is_owner(store, team)
    names = st.checkbox(
        "Store names with this team's snapshots",
        value=bool(existing and existing.store_names),
        key=f"snapshot_names::{team}",
        disabled=not owner,
        help="Only the team's owner can change this.",
    )
    st.caption(NAMES_NOTE)
    if st.button("Save as snapshot", key="save_snapshot", type="primary"):
        problem = as_of_problem(as_of, date.today())
        if not team:
            st.error("Give the team a name before saving.")
        elif problem:
            st.error(problem)
        else:
            warning = similar_team(team, [t.name for t in access.my_teams(store)])
            if warning:
                st.warning(warning)
            _save(store, team, as_of, read, names, replace=False)
    pending = st.session_state.get(Keys.PENDING_REPLACE)
    if pending and pending[:2] == (team, as_of):
        message = st.empty()
        left, right = st.columns(2)
        if left.button("Replace the stored snapshot", key="replace_snapshot"):
            _save(store, team, as_of, read, names, replace=True)
        elif right.button("Keep the stored snapshot", key="keep_snapshot"):
            st.session_state.pop(Keys.PENDING_REPLACE, None)
            st.info("Nothing was saved; the stored snapshot is kept.")
        if Keys.PENDING_REPLACE in st.session_state:
            message.warning(st.session_state[Keys.PENDING_REPLACE][2])
