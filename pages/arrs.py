"""ARRS envelope (primary care): how much of the PCN's envelope its roles use and what it could still fund."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from pages._tables import show_table
from planner.captions.glossary import GUIDE_NOTE
from planner.skillmix.arrs import ArrsInputs
from planner.views.arrs import arrs_view, maxima_from_editor, missing_maxima
from planner.views.service import session_type
from planner.views.session import Keys, ensure_defaults

ensure_defaults(st.session_state)
st.title("ARRS envelope")
type_id, _how = session_type(st.session_state)
if type_id != "pcn":
    st.info(
        "This page is for primary care network (PCN) teams. Choose **Primary care (PCN)** as the service "
        "type on the Team page to see the Additional Roles Reimbursement Scheme envelope."
    )
    st.stop()
st.caption(
    "What your additional roles claim from the PCN's ARRS envelope, what remains and what it could fund. "
    "Salaries stay in this browser session; they are never saved or logged." + GUIDE_NOTE
)
roster = st.session_state[Keys.ROSTER]
left, right = st.columns(2)
population = left.number_input(
    "Contractor weighted population", min_value=1.0, value=50_000.0, step=1_000.0, key=Keys.ARRS_POPULATION,
    help="The PCN's contractor weighted population on 1 January of the scheme year (from your ICB).",
)  # fmt: skip
list_size = right.number_input(
    "List size (0 if not known)", min_value=0, value=0, step=1_000, key=Keys.ARRS_LIST_SIZE,
    help="The PCN's registered list size: it sets the cap on advanced practitioners.",
)  # fmt: skip
todo = missing_maxima(roster.staff)
maxima: dict[str, float] = {}
if not todo.empty:
    st.caption("No 2025/26 maximum was found for these roles: enter yours to count their claims.")
    edited = st.data_editor(todo, key=Keys.ARRS_MAXIMA, hide_index=True, num_rows="fixed", disabled=["Role"])
    maxima = maxima_from_editor(pd.DataFrame(edited))
inputs = ArrsInputs(float(population), int(list_size) or None, maxima, date.today())
view = arrs_view(roster.staff, inputs)
r = view.result
a, b, c = st.columns(3)
a.metric(f"Envelope {r.year}", f"£{r.envelope:,.0f}")
b.metric("Claimed by the roles", f"£{r.claimed:,.0f}")
c.metric("Remaining", f"£{r.remaining:,.0f}")
st.markdown(view.headline)
st.caption(f"Envelope: £26.631 × the weighted population (source: {r.sources['envelope']}).")
for line in r.warnings + ([view.left_out] if view.left_out else []):
    st.warning(line)
st.subheader("Roles")
show_table(view.roles, "table", "arrs_roles")
st.subheader("What the remainder could fund")
show_table(view.could_fund, "table", "arrs_fund")
st.subheader("Caps and rules")
for cap in r.caps.itertuples(index=False):
    st.markdown(f"- **{cap.cap}**: {cap.status} (source: {cap.source}).")
for flag in r.flags:
    st.markdown(f"- {flag}")
st.subheader("Who can do what")
st.caption(
    "The nursing tasks of the New roles in Primary Care booklet, by role: who in the team may do each, "
    "who only partly (the booklet's condition is shown), and where only one person can."
)
show_table(view.tasks, "table", "arrs_tasks")
st.subheader("Supervision")
show_table(view.supervision, "table", "arrs_supervision")
