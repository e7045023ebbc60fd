"""Skill mix: WTE by band and function, registered share against the target, supervision, cost, swaps."""

import streamlit as st

from pages._downloads import chart_downloads
from pages._service import roster_in_view
from pages._tables import NO_TOOLBAR, show_table
from planner.captions.glossary import GUIDE_NOTE, link_terms
from planner.captions.words import readable
from planner.reference.pay import pension_choices
from planner.skillmix.mix import registration_recorded
from planner.views.session import Keys
from planner.views.skill_mix import skill_mix_view

st.title("Skill mix")
roster = roster_in_view()
if roster is None:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
st.caption(f"Team: {st.session_state.get(Keys.ROSTER_NAME, roster.filename)}." + GUIDE_NOTE)

a, b = st.columns(2)
POINTS = {"entry": "Entry (bottom of the band)", "mid": "Middle of the band", "top": "Top of the band"}
point = a.selectbox(
    "Pay point",
    list(POINTS),
    index=1,
    key="pay_point",
    format_func=POINTS.get,
    help="Where in each Agenda for Change band the cost is taken: entry, middle or top pay point.",
)
pensions = pension_choices()
pension = b.selectbox(
    "Employer pension",
    list(pensions),
    key="pension",
    format_func=pensions.get,
)
infer = False
if not registration_recorded(roster.staff):
    st.warning("This roster records no registration, so the registered share is not recorded.")
    infer = st.toggle(
        "Infer registration from profession",
        value=False,
        key="infer_registration",
        help="Physiotherapist → HCPC, nurse → NMC, clinical exercise physiologist → AHCS; shown as inferred.",
    )
view = skill_mix_view(roster.staff, point, pension, infer_registration=infer)

st.subheader("WTE by band and function")
st.plotly_chart(view.bars(), key="wte_bars", config=NO_TOOLBAR)
st.caption(link_terms(view.captions["wte"]))
chart_downloads(view.bars, "WTE by band and function", view.captions["wte"], "dl_wte_bars")

st.subheader("Registered share against the target")
st.plotly_chart(view.share_chart(), key="share_chart", config=NO_TOOLBAR)
st.caption(link_terms(view.captions["registered"]))
chart_downloads(
    view.share_chart, "Registered share against the target", view.captions["registered"], "dl_share_chart"
)
src = view.targets.source
st.caption(
    f"Target: {src.get('title')} ({src.get('publisher')}, {src.get('date')}). {readable(view.targets.note)}"
)
c1, c2, c3 = st.columns(3)
c1.metric("Registered share of WTE", view.share_metric("share"))
c2.metric("Statutory-registered only", view.share_metric("statutory_share"))
c3.metric(
    "Supervision load",
    "–" if view.ratio is None else f"{view.ratio:.2f}",
    help="Non-registered WTE per registered WTE.",
)
st.caption(link_terms(view.captions["supervision"]))
with st.expander("WTE and headcount by function, profession and registration"):
    show_table(
        view.by_function,
        "mix",
        "by_function_table",
        download=("WTE and headcount by function", "dl_by_function"),
    )
    show_table(
        view.by_profession,
        "mix",
        "by_profession_table",
        download=("WTE and headcount by profession", "dl_by_profession"),
    )
    show_table(
        view.by_registration,
        "mix",
        "by_registration_table",
        download=("WTE and headcount by registration", "dl_by_registration"),
    )

st.subheader("Cost of the mix")
st.caption(link_terms(view.captions["cost"]))
show_table(view.cost[view.cost["wte"] > 0], "cost", "cost_table", download=("Cost of the mix", "dl_cost"))

st.subheader("Substitutions")
for row in view.substitutions.to_dict("records"):
    basis = "assumption" if row["status"] == "assumption" else "from a source"
    st.markdown(f"**{row['label']}** ({basis})")
    st.caption(link_terms(view.captions[f"sub:{row['id']}"]))
    quote = readable(row["quote"])
    if quote:
        st.markdown(f"> {quote}")
    st.caption(f"Source: {readable(row['source']) or 'assumption'}")
st.caption(link_terms(view.captions["supervision_basis"]))
show_table(
    view.substitutions, "substitutions", "substitution_table", download=("Substitutions", "dl_substitutions")
)
