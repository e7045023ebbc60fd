"""The history database for the pages, and who may open or save which team in it.

``from pages._store import ...``. Not a page (the leading underscore keeps it out of page discovery).
The store is opened once per database address for the server process. With sign-in configured, every
question about a team is asked of the store with the identity ``app.py`` read from ``st.user`` on this
run; without sign-in the dashboard is single-user and every team on this machine is the user's.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from planner import store as db
from planner.views.access import LOCAL_USER
from planner.views.session import Keys


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(url: str) -> db.Store:
    return db.open_store(url)


@st.cache_resource(show_spinner=False, max_entries=4)
def _retention(url: str, today: date) -> int:
    """Apply every team's retention period once a day per database (cached on the date)."""
    return db.apply_retention(_open(url), today)


def open_or_stop() -> db.Store:
    """The history database (retention periods applied today), or a message and the end of this run."""
    try:
        url = db.find_url().url
        store = _open(url)
        _retention(url, date.today())
        return store
    except db.StoreError as exc:
        st.error(str(exc))
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure nothing follows


def user() -> str:
    """Who is using the dashboard on this run (``app.py`` sets it from ``st.user``)."""
    return st.session_state.get(Keys.USER) or LOCAL_USER


def signed_in() -> bool:
    """Whether sign-in is configured (then access is per team)."""
    return bool(st.session_state.get(Keys.SIGN_IN))


def my_teams(store: db.Store) -> list[db.TeamInfo]:
    """The teams this person may see: their memberships and their region's (every team in single-user mode)."""
    return db.list_teams(store, user() if signed_in() else None)


def may_open(store: db.Store, team: str) -> bool:
    """Whether this person may open, list or export ``team``."""
    return not signed_in() or db.can_access(store, user(), team)


def may_save(store: db.Store, team: str) -> bool:
    """Whether this person may save a snapshot of ``team`` (any new team; an existing one as owner or member)."""
    return not signed_in() or db.can_save(store, user(), team)


def is_owner(store: db.Store, team: str) -> bool:
    """Whether this person owns ``team`` (everyone does in single-user mode)."""
    if not signed_in():
        return True
    try:
        return any(m.user == user() and m.role == "owner" for m in db.members(store, team))
    except db.NotFound:
        return False


def log_opened(store: db.Store, team: str) -> None:
    """Write "opened" to the access log once per session and team."""
    done = st.session_state.setdefault(Keys.LOGGED_OPEN, set())
    if team not in done:
        db.log_access(store, user(), team, "opened")
        done.add(team)
