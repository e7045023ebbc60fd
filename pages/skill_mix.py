"""Skill mix: WTE by band and function, registered share against the target, supervision, cost, swaps."""

import streamlit as st

from pages._downloads import chart_downloads, table_downloads
from planner.reference.pay import pension_choices
from planner.skillmix.mix import registration_recorded
from planner.views.session import Keys
from planner.views.skill_mix import skill_mix_view

st.title("Skill mix")
roster = st.session_state.get(Keys.ROSTER)
if roster is None:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
st.caption(f"Team: {st.session_state.get(Keys.ROSTER_NAME, roster.filename)}.")

a, b = st.columns(2)
point = a.selectbox(
    "Pay point", ["entry", "mid", "top"], index=1, key="pay_point", format_func=str.capitalize
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
st.plotly_chart(view.bars(), key="wte_bars")
st.caption(view.captions["wte"])
chart_downloads(view.bars, "WTE by band and function", view.captions["wte"], "dl_wte_bars")

st.subheader("Registered share against the target")
st.plotly_chart(view.share_chart(), key="share_chart")
st.caption(view.captions["registered"])
chart_downloads(
    view.share_chart, "Registered share against the target", view.captions["registered"], "dl_share_chart"
)
src = view.targets.source
st.caption(f"Target: {src.get('title')} ({src.get('publisher')}, {src.get('date')}). {view.targets.note}")
c1, c2, c3 = st.columns(3)
c1.metric("Registered share of WTE", view.share_metric("share"))
c2.metric("Statutory-registered only", view.share_metric("statutory_share"))
c3.metric(
    "Supervision load",
    "–" if view.ratio is None else f"{view.ratio:.2f}",
    help="Non-registered WTE per registered WTE.",
)
st.caption(view.captions["supervision"])
with st.expander("WTE and headcount by function, profession and registration"):
    st.dataframe(view.by_function, hide_index=True, key="by_function_table")
    table_downloads(view.by_function, "WTE and headcount by function", "dl_by_function")
    st.dataframe(view.by_profession, hide_index=True, key="by_profession_table")
    table_downloads(view.by_profession, "WTE and headcount by profession", "dl_by_profession")
    st.dataframe(view.by_registration, hide_index=True, key="by_registration_table")
    table_downloads(view.by_registration, "WTE and headcount by registration", "dl_by_registration")

st.subheader("Cost of the mix")
st.caption(view.captions["cost"])
cost = view.cost[view.cost["wte"] > 0]
st.dataframe(cost, hide_index=True, key="cost_table")
table_downloads(cost, "Cost of the mix", "dl_cost")

st.subheader("Substitutions")
for row in view.substitutions.to_dict("records"):
    st.markdown(f"**{row['label']}** ({row['status']})")
    st.caption(view.captions[f"sub:{row['id']}"])
    if row["quote"]:
        st.markdown(f"> {row['quote']}")
    st.caption(f"Source: {row['source']}")
st.dataframe(view.substitutions.drop(columns=["quote", "source"]), hide_index=True, key="substitution_table")
table_downloads(view.substitutions, "Substitutions", "dl_substitutions")
