"""People: one person's gaps against their framework level, as development-plan rows to download."""

from datetime import date

import streamlit as st

from pages._downloads import table_downloads
from planner.views.coverage import framework_options
from planner.views.people import person_name, person_options, person_view, plan_with_name
from planner.views.session import Keys

st.title("People")
roster = st.session_state.get(Keys.ROSTER)
if roster is None or roster.staff.empty:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
st.caption(
    "People are listed by staff ID. Names appear only if you turn them on; downloads leave them out unless shown."
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
st.dataframe(view["levels"], hide_index=True, key="person_levels")
table_downloads(view["levels"], f"Framework levels {person}", "dl_levels")
st.metric(
    "Verified",
    f"{view['verified']} of {view['required']}",
    help="Required competencies achieved and signed off.",
)
st.caption(view["caption"])
plan = plan_with_name(view["plan"], person_name(roster.staff, person) if show_names else None)
st.dataframe(plan, hide_index=True, key="pdp_table")
table_downloads(plan, f"Development plan {person}", "dl_pdp", include_names=show_names)
if len(view["credited"]):
    st.caption(view["credit_rule"])
    st.dataframe(view["credited"], hide_index=True, key="credited_table")
