"""Region: every service of a roster modelled against its own population, side by side, ranked, suppressed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from pages._downloads import chart_downloads
from pages._tables import NO_TOOLBAR, show_table
from planner import samples
from planner.captions.glossary import GUIDE_NOTE
from planner.charts.region import ranking_chart
from planner.expansion.region import RegionError, RegionResult, model_region
from planner.expansion.scenario import Scenario, load_scenario
from planner.expansion.uncertainty import DEFAULT_RUNS, DEFAULT_SEED
from planner.export.suppress import DEFAULT_THRESHOLD, THRESHOLDS, rule_words
from planner.views import region as rv
from planner.views import region_inputs as ri
from planner.views.expansion import projection_key
from planner.views.session import Keys, ensure_defaults, read_team

DRILL_PAGES = {
    "pages/coverage.py": "Coverage",
    "pages/skill_mix.py": "Skill mix",
    "pages/people.py": "People",
    "pages/expansion.py": "Expansion",
}
ensure_defaults(st.session_state)


@st.cache_data(max_entries=8, show_spinner=False)
def run_region(
    key: str, _scenario: Scenario, staff: pd.DataFrame, table: pd.DataFrame, as_of: date
) -> RegionResult:
    """Every service's model, cached on the scenario, the team, the Services table and the date."""
    return model_region(staff, None, table, _scenario, as_of=as_of, runs=DEFAULT_RUNS, seed=DEFAULT_SEED)


def open_sample_region() -> None:
    """Make the synthetic six-service sample region the session's roster."""
    data, name = samples.sample_region_bytes()
    st.session_state[Keys.ROSTER] = read_team(data, name)
    st.session_state[Keys.ROSTER_NAME] = ri.SAMPLE_REGION_NAME
    st.session_state[Keys.SERVICE_FILTER] = None


def drill(service: str | None) -> None:
    """Set the service the other pages show (None: every service)."""
    st.session_state[Keys.SERVICE_FILTER] = service


st.title("Region")
st.caption(
    "For a commissioner: each service modelled against its own population with one scenario for the "
    "region, compared side by side and ranked. Small numbers are hidden in the table, the chart and every "
    "download (see suppression in the Guide)." + GUIDE_NOTE
)

roster = st.session_state.get(Keys.ROSTER)
staff = roster.staff if roster is not None else pd.DataFrame()
services = rv.roster_services(staff)
if len(services) < 2:
    one = f"one service ({services[0]})" if services else "no service named"
    st.info(
        f"This roster has {one}. The Region page compares several services; for one service, the "
        "Expansion page models its workforce, waiting times and cost.",
        icon=":material/info:",
    )
    st.page_link("pages/expansion.py", label="Open the Expansion page", icon=":material/trending_up:")
    st.button(
        "Open the sample region (six services, synthetic)",
        key="open_sample_region",
        on_click=open_sample_region,
    )
    st.stop()

scenario = st.session_state.get(Keys.WORKING_SCENARIO) or load_scenario(None)
st.markdown(
    f"**{len(services)} services** in {st.session_state.get(Keys.ROSTER_NAME, roster.filename)}. "
    f"Scenario for the region: **{scenario.title}** (change it on the Expansion page); each service's row "
    "below can set its own values."
)

upload = (
    samples.sample_region_bytes()
    if st.session_state.get(Keys.ROSTER_NAME) == ri.SAMPLE_REGION_NAME
    else st.session_state.get(Keys.ROSTER_UPLOAD)
)
start = ri.editor_frame(services, ri.sheet_services(upload, services, scenario), scenario)
st.subheader("Services and their populations")
st.caption(
    ("From the roster's Services sheet; " if start.from_sheet else "The roster has no Services sheet: ")
    + "enter each service's Population (or Eligible population). A blank cell keeps the region's scenario value."
)
if len(start.issues):
    st.warning("The Services sheet has problems; fix them in the file or in the table below.")
    show_table(start.issues, "problems", key="region_sheet_problems")
edited = st.data_editor(start.frame, key="region_services_editor", disabled=[ri.SERVICE], hide_index=True)
table, problems = ri.model_table(edited, scenario)
if table is None:
    st.warning("The region cannot be modelled yet:\n\n" + "\n".join(f"- {p}" for p in problems))
    st.stop()
# Each edit re-runs the page, not the model: the table is modelled when the button is pressed (and the
# first time a roster's services are shown); the model itself is cached on its inputs (run_region).
modelled = st.session_state.get("region_modelled")
pressed = st.button("Model the region", key="region_model", type="primary", icon=":material/play_arrow:")
if pressed or modelled is None or list(modelled["service"]) != list(table["service"]):
    modelled = table
    st.session_state["region_modelled"] = table
elif not modelled.equals(table):
    st.info(
        "The table has edits that are not modelled yet: press **Model the region**. The figures below are "
        "for the table as last modelled.",
        icon=":material/edit_note:",
    )
st.session_state[Keys.REGION_SERVICES] = modelled

as_of = date.today()
try:
    with st.spinner(f"Modelling {len(services)} services ({DEFAULT_RUNS:,} Monte Carlo runs each)…"):
        result = run_region(projection_key(scenario), scenario, staff, modelled, as_of)
except RegionError as exc:
    st.error(str(exc))
    st.stop()
view = rv.region_view(result, staff)

threshold = st.selectbox(
    "Hide counts of staff up to",
    THRESHOLDS,
    index=THRESHOLDS.index(DEFAULT_THRESHOLD),
    key="region_threshold",
    help="7 is our choice, after Model Hospital; 5 or 10 where a local policy says so.",
)
st.markdown(rv.suppressed_headline(view, threshold))
st.subheader("Services side by side")
show_table(
    rv.suppressed_table(view, threshold),
    "table",
    key="region_table",
    download=("Region services", "region_table"),
)
st.caption(rule_words(threshold))

ranking = rv.suppressed_ranking(view, threshold)
fig = ranking_chart(ranking[rv.SERVICE], ranking[rv.SHORTFALL])
st.plotly_chart(fig, config=NO_TOOLBAR, key="region_ranking_chart")
st.caption(view.ranked_by)
chart_downloads(
    lambda: ranking_chart(ranking[rv.SERVICE], ranking[rv.SHORTFALL]),
    "Region ranking",
    view.ranked_by,
    key="region_ranking",
)

st.subheader("Open one service")
chosen = st.selectbox(
    "Service",
    [None, *services],
    format_func=lambda s: "Every service" if s is None else s,
    index=(
        [None, *services].index(st.session_state.get(Keys.SERVICE_FILTER))
        if st.session_state.get(Keys.SERVICE_FILTER) in services
        else 0
    ),
    key="region_drill_service",
)
drill(chosen)
st.caption(
    "Coverage, Skill mix, People and Expansion show this service's staff only until you choose Every service."
)
links = st.container(horizontal=True, key="region_drill_links")
for path, title in DRILL_PAGES.items():
    links.page_link(path, label=f"Open {title}")
