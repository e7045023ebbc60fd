"""Coverage: where the team's competencies are strong, thin or missing, by band, function and domain."""

from datetime import date

import streamlit as st

from pages._downloads import chart_downloads
from pages._service import roster_in_view
from pages._tables import NO_TOOLBAR, show_table
from planner.captions.glossary import GUIDE_NOTE, link_terms
from planner.captions.words import readable
from planner.coverage.drilldown import selected_cell
from planner.coverage.whatif import WhatIfError
from planner.views.coverage import (
    capability_for_display,
    coverage_view,
    credit_note,
    framework_options,
    leaving_note,
    spof_for_display,
    with_leaving_date,
)
from planner.views.lapsed import lapsed_view
from planner.views.service import framework_for, session_type
from planner.views.session import Keys
from planner.views.whatif import (
    band_choices,
    changes_from_choices,
    function_choices,
    people_choices,
    whatif_view,
)

st.title("Competency coverage")
roster = roster_in_view()
if roster is None:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
st.caption(
    f"Team: {st.session_state.get(Keys.ROSTER_NAME, roster.filename)}. Coverage is the share of required "
    "competencies that are achieved and signed off; self-assessed ones are shown beside it, never counted."
    + GUIDE_NOTE
)

options = framework_options()
left, mid, right, far = st.columns([3, 2, 1, 1])
type_fw = framework_for(session_type(st.session_state)[0])  # the team's type picks the framework
framework_id = left.selectbox(
    "Framework", list(options), index=list(options).index(type_fw), format_func=options.get, key="framework"
)
# The clock is read here, at the edge; the model takes the date as an argument.
as_of = mid.date_input("Statuses as of", value=date.today(), key=Keys.COVERAGE_AS_OF, format="DD/MM/YYYY")
within = right.number_input(
    "Expiring within (days)",
    1,
    730,
    90,
    key="within_days",
    help="From 1 to 730 days after the date on the left.",
)
classes = far.number_input(
    "Classes at once",
    1,
    10,
    1,
    key="classes",
    help="How many exercise classes run at the same time (1 to 10): capability rules such as 'two staff "
    "per class' are checked for this many classes.",
)

with st.expander("Someone leaving? (optional)"):
    st.caption(
        link_terms(
            "Choose a person and their leaving date (or give the roster a Leaving date column): a holder "
            "who leaves within the look-ahead counts as absent in the single points of failure."
        )
    )
    leavers_now = {"": "Nobody", **people_choices(roster.staff)}
    l1, l2 = st.columns(2)
    leaver = l1.selectbox("Person", list(leavers_now), format_func=leavers_now.get, key="coverage_leaver")
    leaving_on = l2.date_input("Leaving date", value=None, key="coverage_leaving_date", format="DD/MM/YYYY")
    if note := leaving_note(leaver, leaving_on, as_of, within):
        st.caption(link_terms(note))
staff = with_leaving_date(roster.staff, leaver, leaving_on)
view = coverage_view(staff, roster.competencies, framework_id, as_of, within_days=within, classes=classes)
if view.interpretation:
    st.info("**Our interpretation, not the source's:** " + readable(" ".join(view.interpretation.split())))
if not view.unassigned.empty:
    st.warning(view.captions["unassigned"])
    show_table(
        view.unassigned, "table", "unassigned_table", download=("Staff without a level", "dl_unassigned")
    )

o = view.overall
cols = st.columns(5)
cols[0].metric("Verified", f"{100 * o['coverage']:.0f}%", help="Achieved and signed off, of all required.")
cols[1].metric(
    "Self-assessed", o["self_assessed"], help="Achieved, awaiting sign-off; not counted as verified."
)
cols[2].metric("Expired", o["expired"])
cols[3].metric("In progress", o["in_progress"])
cols[4].metric("Missing", o["missing"])
st.caption(link_terms(f"{view.captions['overall']} {view.captions['as_of']}"))

if view.by_level is not None:  # a homecare team by career level, a PCN team by role
    st.subheader(f"By {view.level_noun}")
    st.caption(view.captions["by_level"])
    st.dataframe(view.by_level, hide_index=True)
st.subheader("By band and domain")
st.caption("Click a cell to see the people and statements behind it, or pick one with the boxes below it.")
band_event = st.plotly_chart(
    view.band_heatmap(),
    on_select="rerun",
    selection_mode="points",
    key="coverage_heatmap",
    config=NO_TOOLBAR,
)
st.caption(link_terms(view.captions["band_heatmap"]))
chart_downloads(
    view.band_heatmap, "Coverage by band and domain", view.captions["band_heatmap"], "dl_band_heatmap"
)

st.subheader("By function and domain")
function_event = st.plotly_chart(
    view.function_heatmap(),
    on_select="rerun",
    selection_mode="points",
    key="coverage_heatmap_function",
    config=NO_TOOLBAR,
)
st.caption(link_terms(view.captions["function_heatmap"]))
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
    st.caption(
        "From the cell selected in the chart. Double-click the chart to clear it and pick with the boxes instead."
    )
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
    if people.empty:
        st.info("Nothing in this cell is asked of anyone.")
    show_table(people, "cell_people", "cell_people", download=("People behind the cell", "dl_cell_people"))
    if note := credit_note(statements):
        st.caption(link_terms(note))
    show_table(
        statements,
        "cell_statements",
        "cell_statements",
        download=("Statements behind the cell", "dl_cell_statements"),
    )

with st.expander("Who holds each competency, at each expectation level"):
    show_table(view.holders, "holders", "holders_table", download=("Who holds each competency", "dl_holders"))

st.subheader("Team capability")
st.caption(link_terms(view.captions["capability"]))
capability = capability_for_display(view.capability)
show_table(capability, "capability", "capability_table", download=("Team capability", "dl_capability"))

st.subheader("Single points of failure")
st.caption(link_terms(view.captions["spof"]))
spof = spof_for_display(view.spof)
show_table(spof, "spof", "spof_table", download=("Single points of failure", "dl_spof"))

st.subheader("Lapsed and expiring soon")
lapsed = lapsed_view(view.statuses, as_of, within)
st.caption(link_terms(lapsed.caption))
st.markdown("**Lapsed already** (days overdue)")
show_table(lapsed.lapsed, "table", "lapsed_table", download=("Lapsed competencies", "dl_lapsed"))
st.markdown(f"**Lapsing within {within} days** (days left)")
st.caption(link_terms(view.captions["expiring"]))
show_table(lapsed.expiring, "expiring", "expiring_table", download=("Expiring competencies", "dl_expiring"))
with st.expander("Lapsed and expiring, person by person"):
    show_table(
        lapsed.people,
        "table",
        "lapsed_people_table",
        download=("Lapsed and expiring by person", "dl_lapsed_people"),
    )

st.subheader("What if…")
with st.expander("Try a leaver, a move or a new post, and compare with today", expanded=False):
    st.caption("Nothing here changes the uploaded team; the figures above stay as they are.")
    who = people_choices(roster.staff)
    leavers = st.multiselect("Leavers", list(who), format_func=who.get, key="whatif_leavers")
    m1, m2, m3 = st.columns(3)
    movers = {"": "Nobody", **who}
    bands, functions = band_choices(), function_choices()
    move_who = m1.selectbox("Move", list(movers), format_func=movers.get, key="whatif_move_who")
    move_band = m2.selectbox("to band", list(bands), format_func=bands.get, key="whatif_move_band")
    move_fn = m3.selectbox(
        "to function", list(functions), format_func=functions.get, key="whatif_move_function"
    )
    a1, a2, a3, a4 = st.columns(4)
    add_posts = a1.number_input("New posts", 0, 10, 0, key="whatif_add_posts")
    new_bands = {b: bands[b] for b in list(bands)[1:]}
    new_fns = {f: functions[f] for f in list(functions)[1:]}
    add_band = a2.selectbox(
        "of band", list(new_bands), index=4, format_func=new_bands.get, key="whatif_add_band"
    )
    add_fn = a3.selectbox(
        "function", list(new_fns), index=1, format_func=new_fns.get, key="whatif_add_function"
    )
    add_wte = a4.number_input("WTE each", 0.1, 1.5, 1.0, step=0.1, key="whatif_add_wte")
    try:
        changes = changes_from_choices(
            leavers, move_who, move_band, move_fn, add_posts, add_band, add_fn, add_wte
        )
        compared = whatif_view(
            roster.staff, roster.competencies, view.framework, as_of, changes, classes=classes
        )
    except WhatIfError as exc:
        st.error(str(exc))
        compared = None
    if compared is not None and not changes:
        st.info("Choose a leaver, a move or a new post to see the what-if beside today.")
    elif compared is not None:
        st.caption(compared.caption)
        show_table(
            compared.overall,
            "table",
            "whatif_overall",
            download=("What-if against today", "dl_whatif_overall"),
        )
        show_table(
            compared.by_band, "table", "whatif_by_band", download=("What-if by band", "dl_whatif_band")
        )
        show_table(
            compared.by_function,
            "table",
            "whatif_by_function",
            download=("What-if by function", "dl_whatif_function"),
        )
        st.markdown("**New single points of failure in the what-if**")
        new_spof = spof_for_display(compared.new_spof_table())
        show_table(
            new_spof, "spof", "whatif_spof", download=("New single points of failure", "dl_whatif_spof")
        )
        st.markdown("**Team capability, today and in the what-if**")
        show_table(
            compared.capability,
            "table",
            "whatif_capability",
            download=("Team capability, what-if", "dl_whatif_capability"),
        )
