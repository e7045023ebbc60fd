"""The roster a page works on: every service, or the one service the Region page's drill-down chose.

``from pages._service import roster_in_view``. Not a page (the leading underscore keeps it out of page
discovery). The cut itself is :func:`planner.views.region.service_roster`; this module only says on the
page which service is shown and offers the way back to every service.
"""

from __future__ import annotations

import streamlit as st

from planner.ingest.read import RosterRead
from planner.views.region import service_roster
from planner.views.session import Keys

__all__ = ["roster_in_view"]


def _clear() -> None:
    st.session_state[Keys.SERVICE_FILTER] = None


def roster_in_view() -> RosterRead | None:
    """The session's roster, cut to the drill-down's service when one is chosen (with a note saying so)."""
    roster = st.session_state.get(Keys.ROSTER)
    service = st.session_state.get(Keys.SERVICE_FILTER)
    if roster is None or service is None:
        return roster
    cut = service_roster(roster, service)
    if cut is roster:
        return roster
    note = st.container(horizontal=True, key="service_filter_note")
    note.info(f"Showing {service} only, as chosen on the Region page.", icon=":material/filter_alt:")
    note.button("Show every service", key="clear_service_filter", on_click=_clear)
    return cut
