"""History: a saved team's trend over its snapshots, what changed between two of them, and the team's settings."""

from __future__ import annotations

from datetime import date

import streamlit as st

from pages import _store as access
from pages._tables import NO_TOOLBAR
from planner import history
from planner import store as db
from planner.captions.glossary import GUIDE_NOTE
from planner.views.access import requested_team
from planner.views.history import (
    Figured,
    aggregate_changes_view,
    changes_view,
    history_view,
    members_table,
    retention_words,
    snapshot_label,
)
from planner.views.saved import NAMES_NOTE

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title("History")
st.caption(
    "A saved team's figures over its snapshots, and what changed between two dates. Save a snapshot "
    "from the Team page." + GUIDE_NOTE
)
store = access.open_or_stop()
teams = access.my_teams(store)
names = [t.name for t in teams]

# A team named in the link (?team=...) opens only if it is one of this person's teams.
asked = requested_team(st.query_params.to_dict(), names)
if asked.refusal:
    st.error(asked.refusal)
if not teams:
    st.info("You have no saved team yet. Save one from the Team page with **Save as snapshot**.")
    st.stop()
if asked.team is not None and st.session_state.get("history_link") != asked.team:
    st.session_state["history_team"] = asked.team  # a link opened now, not one this page already follows
if st.session_state.get("history_team") not in names:
    st.session_state.pop("history_team", None)  # never a team from another session or person
team = st.selectbox("Team", names, key="history_team")
if not access.may_open(store, team):  # the list holds only their teams; asked of the store again on purpose
    st.error("You cannot open this team: it is not one of your teams.")
    st.stop()
st.query_params["team"] = st.session_state["history_link"] = team
info = next(t for t in teams if t.name == team)
insider = access.may_save(store, team)  # a commissioner sees the team's figures, never its people
access.log_opened(store, team)

snapshots = db.list_snapshots(store, team)
if not snapshots:
    st.info(f"**{team}** has no snapshot yet. Save one from the Team page.")
    st.stop()

recomputed = st.toggle(
    "Recompute under today's framework",
    key="history_recompute",
    help="Work every snapshot's figures out again with today's framework and rules. Nothing stored changes.",
)
shown = [Figured(s.as_of, db.recompute(store, team, s.as_of)) for s in snapshots] if recomputed else snapshots
view = history_view(team, shown, recomputed=recomputed)
(st.warning if recomputed else st.caption)(view.basis)

st.subheader("Trends")
for key in ("coverage", "wte", "headcount", "registered", "risks"):
    st.plotly_chart(view.charts[key], config=NO_TOOLBAR, key=f"history_chart_{key}")
    st.caption(view.captions[key])
with st.expander("The figures of each snapshot"):
    st.dataframe(view.table, hide_index=True, key="history_table")

st.subheader("What changed since")
if len(snapshots) < 2:
    st.caption("Save a second snapshot of this team to compare two dates.")
else:
    dates = [s.as_of for s in snapshots]
    labels = {s.as_of: snapshot_label(s) for s in snapshots}
    a, b = st.columns(2)
    since = a.selectbox("Since", dates, index=len(dates) - 2, key="history_since", format_func=labels.get)
    until = b.selectbox("Until", dates, index=len(dates) - 1, key="history_until", format_func=labels.get)
    if since == until:
        st.caption("Choose two different dates.")
    else:
        before, after = db.load_snapshot(store, team, since), db.load_snapshot(store, team, until)
        # lapsed as the coverage report and `planner history diff` judge it (the framework's renewal periods)
        changes = history.diff(before, after, judge=db.judge_for(after.info.framework_id))
        # a commissioner (sees the team through its region, not as a member) gets counts, never people
        cv = changes_view(changes, names=info.store_names) if insider else aggregate_changes_view(changes)
        st.markdown(cv.caption)
        if insider and not info.store_names:
            st.caption(
                "This team does not store names, so people are shown by a label made from their hashed id."
            )
        for title, table in cv.tables.items():
            if not insider:
                st.dataframe(table, hide_index=True, key="history_changes_counts")
                continue
            with st.expander(f"{title} ({len(table)})"):
                st.dataframe(table, hide_index=True, key=f"history_changes_{title}")

if not insider:
    st.caption("The team's own data, its members and its settings are for the team's members.")
    st.stop()

st.subheader("The team's data")
st.download_button(
    "Download the team's data (Excel)",
    data=lambda: (
        db.log_access(store, access.user(), team, "exported"),
        db.export_team_workbook(store, team),
    )[1],
    file_name=f"{team}-history.xlsx",
    mime=XLSX_MIME,
    key="history_export",
    on_click="ignore",
    help="Every snapshot of this team. The download is recorded in the access log (who and when, never what).",
)
if not access.is_owner(store, team):
    st.caption("Only the team's owner can add members, change what is stored or delete snapshots.")
    st.stop()

with st.expander("Members"):
    st.dataframe(members_table(db.members(store, team)), hide_index=True, key="history_members")
    m1, m2, m3 = st.columns([2, 1, 1])
    who = m1.text_input("Email of the person to add", key="member_email").strip().lower()
    role = m2.selectbox(
        "Role",
        ["member", "owner", "commissioner"],
        key="member_role",
        format_func={"member": "Member", "owner": "Owner", "commissioner": "Commissioner"}.get,
    )
    if m3.button("Add member", key="member_add") and who:
        db.add_member(store, team, who, role)
        st.rerun()
    r1, r2 = st.columns([3, 1])
    region = r1.text_input(
        "Region (commissioners of this region see the team)", value=info.region or "", key="team_region"
    ).strip()
    if r2.button("Set the region", key="team_region_set"):
        db.set_team_details(store, team, region=region or None, service_type=info.service_type)
        st.rerun()

with st.expander("What is stored and for how long"):
    keep = st.checkbox("Store names with this team's snapshots", value=info.store_names, key="history_names")
    st.caption(NAMES_NOTE)
    if keep and not info.store_names:
        db.set_store_names(store, team, True)
        st.rerun()
    elif info.store_names and not keep:
        st.warning(
            "Turning names off deletes the names, salaries, sign-off names and evidence stored with every "
            "snapshot of this team. This cannot be undone."
        )
        if st.button("Delete the stored names", key="history_names_off"):
            db.set_store_names(store, team, False)
            st.rerun()
    st.caption(retention_words(info.retention_days))
    days = st.number_input(
        "Keep snapshots for (days, 0 = until deleted)",
        min_value=0,
        max_value=36_500,
        value=int(info.retention_days or 0),
        step=30,
        key="history_retention",
    )
    if st.button("Set the retention period", key="history_retention_set"):
        db.set_retention(store, team, int(days) or None)
        db.apply_retention(store, date.today())
        st.rerun()

with st.expander("Delete"):
    labels_all = {s.as_of: snapshot_label(s) for s in snapshots}
    gone = st.selectbox("Snapshot", list(labels_all), key="delete_which", format_func=labels_all.get)
    sure = st.checkbox("Yes, delete this snapshot", key="delete_snapshot_sure")
    if st.button("Delete the snapshot", key="delete_snapshot", disabled=not sure):
        db.delete_snapshot(store, team, gone)
        db.log_access(store, access.user(), team, "deleted")
        st.rerun()
    typed = st.text_input("Type the team's name to delete the whole team", key="delete_team_name")
    if st.button("Delete the team and all its snapshots", key="delete_team", disabled=typed.strip() != team):
        db.delete_team(store, team)
        db.log_access(store, access.user(), team, "deleted")  # the log is kept when the team goes
        st.session_state.pop("history_team", None)
        st.query_params.clear()
        st.rerun()
