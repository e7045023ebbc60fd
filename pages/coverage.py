"""Coverage: where the team's competencies are strong, thin or missing, by band, function and domain."""

from datetime import date

import streamlit as st

from pages._downloads import chart_downloads, table_downloads
from planner.coverage.drilldown import selected_cell
from planner.views.coverage import (
    capability_for_display,
    coverage_view,
    credit_note,
    framework_options,
    spof_for_display,
)
from planner.views.session import Keys

st.title("Competency coverage")
roster = st.session_state.get(Keys.ROSTER)
if roster is None:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
st.caption(
    f"Team: {st.session_state.get(Keys.ROSTER_NAME, roster.filename)}. Coverage is the share of required "
    "competencies that are achieved and signed off; self-assessed ones are shown beside it, never counted."
)

options = framework_options()
left, mid, right, far = st.columns([3, 2, 1, 1])
framework_id = left.selectbox("Framework", list(options), format_func=options.get, key="framework")
# The clock is read here, at the edge; the model takes the date as an argument.
as_of = mid.date_input("Statuses as of", value=date.today(), key=Keys.COVERAGE_AS_OF, format="DD/MM/YYYY")
within = right.number_input("Expiring within (days)", 1, 730, 90, key="within_days")
classes = far.number_input("Classes at once", 1, 10, 1, key="classes")

view = coverage_view(
    roster.staff, roster.competencies, framework_id, as_of, within_days=within, classes=classes
)
if view.interpretation:
    st.info("**Our interpretation, not the source's:** " + " ".join(view.interpretation.split()))
if not view.unassigned.empty:
    st.warning(view.captions["unassigned"])
    st.dataframe(view.unassigned, hide_index=True, key="unassigned_table")
    table_downloads(view.unassigned, "Staff without a level", "dl_unassigned")

o = view.overall
cols = st.columns(5)
cols[0].metric("Verified", f"{100 * o['coverage']:.0f}%", help="Achieved and signed off, of all required.")
cols[1].metric(
    "Self-assessed", o["self_assessed"], help="Achieved, awaiting sign-off; not counted as verified."
)
cols[2].metric("Expired", o["expired"])
cols[3].metric("In progress", o["in_progress"])
cols[4].metric("Missing", o["missing"])
st.caption(f"{view.captions['overall']} {view.captions['as_of']}")

st.subheader("By band and domain")
band_event = st.plotly_chart(
    view.band_heatmap(), on_select="rerun", selection_mode="points", key="coverage_heatmap"
)
st.caption(view.captions["band_heatmap"])
chart_downloads(
    view.band_heatmap, "Coverage by band and domain", view.captions["band_heatmap"], "dl_band_heatmap"
)

st.subheader("By function and domain")
function_event = st.plotly_chart(
    view.function_heatmap(), on_select="rerun", selection_mode="points", key="coverage_heatmap_function"
)
st.caption(view.captions["function_heatmap"])
chart_downloads(
    view.function_heatmap,
    "Coverage by function and domain",
    view.captions["function_heatmap"],
    "dl_function_heatmap",
)

st.subheader("Behind a cell")
picked_band, picked_function = selected_cell(band_event), selected_cell(function_event)
if picked_band or picked_function:
    row_key = "band" if picked_band else "function"
    row_value, col_value = picked_band or picked_function
    st.caption("From the cell selected in the chart. Clear the selection to pick with the boxes instead.")
else:
    st.caption("Select a heatmap cell, or choose a row and a domain here.")
    a, b, c = st.columns(3)
    row_key = a.radio(
        "Rows", ["band", "function"], format_func=str.capitalize, key="cell_by", horizontal=True
    )
    rows, domains = view.cell_options(row_key)
    row_value = b.selectbox("Row", list(rows), format_func=rows.get, key="cell_row")
    col_value = c.selectbox("Domain", list(domains), format_func=domains.get, key="cell_col")
if row_value is not None and col_value is not None:
    people, statements = view.cell(row_key, row_value, col_value)
    st.dataframe(people, hide_index=True, key="cell_people")
    table_downloads(people, "People behind the cell", "dl_cell_people")
    if note := credit_note(statements):
        st.caption(note)
    st.dataframe(statements, hide_index=True, key="cell_statements")
    table_downloads(statements, "Statements behind the cell", "dl_cell_statements")

with st.expander("Who holds each competency, at each expectation level"):
    st.dataframe(view.holders, hide_index=True, key="holders_table")
    table_downloads(view.holders, "Who holds each competency", "dl_holders")

st.subheader("Team capability")
st.caption(view.captions["capability"])
capability = capability_for_display(view.capability)
st.dataframe(capability, hide_index=True, key="capability_table")
table_downloads(capability, "Team capability", "dl_capability")

st.subheader("Single points of failure")
st.caption(view.captions["spof"])
spof = spof_for_display(view.spof)
st.dataframe(spof, hide_index=True, key="spof_table")
table_downloads(spof, "Single points of failure", "dl_spof")

st.subheader("Expiring soon")
st.caption(view.captions["expiring"])
st.dataframe(view.expiring, hide_index=True, key="expiring_table")
table_downloads(view.expiring, "Expiring competencies", "dl_expiring")
