"""Skill mix: the team's mix, registered share, supervision, cost, swaps, and the least-cost mix.

The least-cost section finds the cheapest team for the scenario's demand that keeps every rule on.
"""

import streamlit as st

from pages._downloads import chart_downloads
from pages._service import roster_in_view
from pages._tables import NO_TOOLBAR, show_table
from planner.captions.glossary import GUIDE_NOTE, link_terms
from planner.captions.words import readable
from planner.expansion.optimise import OptimiseError
from planner.expansion.scenario import load_scenario
from planner.reference.pay import pension_choices
from planner.skillmix.mix import registration_recorded
from planner.views.expansion import model_staff
from planner.views.homecare import homecare_view
from planner.views.optimise import (
    POST_STEPS,
    apply_limits,
    default_target_percent,
    form_settings,
    least_cost_view,
    limit_fields,
    mix_chart,
    rule_switches,
    service_team,
    team_words,
    view_key,
)
from planner.views.service import session_type
from planner.views.session import Keys
from planner.views.skill_mix import skill_mix_view

st.title("Skill mix")
roster = roster_in_view()
if roster is None:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
st.caption(f"Team: {st.session_state.get(Keys.ROSTER_NAME, roster.filename)}." + GUIDE_NOTE)
type_id, _how = session_type(st.session_state)
if type_id == "homecare":  # independent-sector pay first, by career level; the AfC figures below compare
    hc = homecare_view(roster.staff, names=False)
    st.info(hc.cost_caption + " The Agenda for Change figures below are for comparison.")
    if hc.inferred:
        st.caption(hc.inferred)
    st.dataframe(hc.by_level, hide_index=True)
elif type_id == "pcn":
    st.info(
        "For a primary care network, the ARRS envelope page costs each role from its actual pay against the scheme's maximums."
    )

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

st.subheader("Least-cost mix")
scenario = st.session_state.get(Keys.WORKING_SCENARIO) or load_scenario("status_quo")
st.caption(
    f"The cheapest team that can deliver the demand of the scenario '{scenario.title}' (edit it on the "
    "Expansion page) while keeping every rule below that is switched on. Switch rules off or change "
    "their limits to see what each one costs."
)
with st.form("least_cost_form"):
    f1, f2 = st.columns(2)
    target = f1.number_input(
        "Registered share of WTE, at least (%)",
        min_value=0,
        max_value=100,
        value=default_target_percent(),
        step=1,
        key="lcm_target",
        help="Assumption: the 600:400 split describes 1,000 additional staff nationally, not a team's mix. "
        "0 switches the rule off.",
    )
    post_step = f2.selectbox(
        "Posts are counted in", list(POST_STEPS), format_func=POST_STEPS.get, key="lcm_post"
    )
    floor = st.toggle("Keep everyone in post (no redundancies)", value=False, key="lcm_floor")
    boxes = st.columns(3)
    for i, f in enumerate(limit_fields(scenario)):
        boxes[i % 3].number_input(key=f.key, **f.kwargs)
    switched = {name: st.checkbox(label, value=True, key=key) for name, label, key in rule_switches()}
    st.form_submit_button("Find the least-cost mix")
limits = {f.name: st.session_state[f.key] for f in limit_fields(scenario)}
limited, refused = apply_limits(scenario, limits)
for message in refused.values():
    st.error(message)
try:
    settings = form_settings(target, post_step, floor, switched)
except OptimiseError as exc:
    st.error(str(exc))
    st.stop()
try:  # one service's team: several services pooled are not one team against one service's demand
    service_team(roster.staff, choose="on the Region page (open one service there)")
except OptimiseError as exc:
    st.warning(str(exc))
    st.stop()
st.caption(team_words(roster.staff))
team = model_staff(roster)
key = view_key(limited, team, settings)
cached = st.session_state.get(Keys.LEAST_COST)
if cached is None or cached[0] != key:
    with st.spinner("Finding the least-cost mix…"):
        cached = (key, least_cost_view(limited, team, settings))
    st.session_state[Keys.LEAST_COST] = cached
lcm = cached[1]
if lcm.error is not None:
    st.error(lcm.error)
    st.stop()
st.markdown(lcm.headline)
st.caption(lcm.demand)
m1, m2, m3 = st.columns(3)
for col, row in zip((m1, m2, m3), lcm.costs.to_dict("records"), strict=False):
    col.metric(
        row["Mix"], f"£{row['Annual cost (£)']:,.0f} a year", f"{row['WTE']:.1f} WTE", delta_color="off"
    )
st.plotly_chart(mix_chart(lcm), key="least_cost_chart", config=NO_TOOLBAR)
st.caption(lcm.posts)
chart_downloads(
    lambda: mix_chart(lcm), "Least-cost mix, policy mix and team in post", lcm.headline, "dl_least_cost_chart"
)
show_table(lcm.by_band, "table", "least_cost_bands", download=("Least-cost mix by band", "dl_least_cost"))
st.markdown("**What each rule costs**")
for sentence in lcm.sentences or ["No rule raises the cost: the cheapest mix meets them all anyway."]:
    st.markdown(f"- {sentence}")
show_table(lcm.rules, "table", "least_cost_rules", download=("Least-cost mix rules", "dl_least_cost_rules"))
for note in lcm.notes:
    st.caption(note)
