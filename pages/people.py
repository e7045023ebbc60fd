"""People: one person's gaps against their framework level, as development-plan rows to download."""

from datetime import date

import streamlit as st

from pages._service import roster_in_view
from pages._tables import show_table
from planner.captions.glossary import GUIDE_NOTE, link_terms
from planner.views.coverage import framework_options
from planner.views.people import person_name, person_options, person_view, plan_with_name

st.title("People")
roster = roster_in_view()
if roster is None or roster.staff.empty:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
st.caption(
    "People are listed by staff ID. Names appear only if you turn them on; downloads leave them out unless shown."
    + GUIDE_NOTE
)

show_names = st.toggle("Show names", value=False, key="show_names")
choices = person_options(roster.staff, show_names)
options = framework_options()
a, b, c = st.columns([2, 3, 2])
person = a.selectbox("Person", list(choices), format_func=choices.get, key="person")
framework_id = b.selectbox("Framework", list(options), format_func=options.get, key="people_framework")
# The clock is read here, at the edge; the model takes the date as an argument.
as_of = c.date_input("Statuses as of", value=date.today(), key="people_as_of", format="DD/MM/YYYY")

who = choices[person]
view = person_view(roster.staff, roster.competencies, framework_id, person, as_of, label=who)
st.subheader(who)
st.markdown(view["judged_at"])
show_table(view["levels"], "levels", "person_levels", download=(f"Framework levels {person}", "dl_levels"))
st.metric(
    "Verified",
    f"{view['verified']} of {view['required']}",
    help="Required competencies achieved and signed off.",
)
st.caption(link_terms(view["caption"]))
plan = plan_with_name(view["plan"], person_name(roster.staff, person) if show_names else None)
show_table(
    plan, "plan", "pdp_table", download=(f"Development plan {person}", "dl_pdp"), include_names=show_names
)
if len(view["credited"]):
    st.caption(link_terms(view["credit_rule"]))
    show_table(view["credited"], "table", "credited_table")
