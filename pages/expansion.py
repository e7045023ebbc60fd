"""Expansion: pick a scenario, change its parameters, read the workforce, waiting-time and cost results."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from pages._downloads import chart_downloads, table_downloads
from planner.charts import expansion as ce
from planner.expansion.projection import Projection, project
from planner.expansion.scenario import (
    ParameterError,
    Scenario,
    list_scenarios,
    load_scenario,
    scenario_from_text,
)
from planner.expansion.uncertainty import DEFAULT_RUNS, DEFAULT_SEED
from planner.expansion.waiting import METHOD_NAME, METHOD_TEXT
from planner.views import expansion as ui
from planner.views.expansion import CHART_NAMES
from planner.views.session import Keys, ensure_defaults

UPLOADED = "uploaded"
ensure_defaults(st.session_state)


@st.cache_data(max_entries=24, show_spinner="Running the expansion model…")
def run_model(
    key: str, _scenario: Scenario, staff: pd.DataFrame | None, as_of: date, runs: int, roster_name: str | None
) -> Projection:
    """The whole model, Monte Carlo included, cached on the scenario's parameters, team, date and runs."""
    return project(_scenario, staff, as_of=as_of, runs=runs, seed=DEFAULT_SEED, roster_name=roster_name)


def cached(
    scenario: Scenario, staff: pd.DataFrame | None, as_of: date, runs: int, roster_name: str | None
) -> Projection:
    """Call :func:`run_model` with a key naming the scenario and hashing its parameters."""
    return run_model(ui.projection_key(scenario), scenario, staff, as_of, runs, roster_name)


def reset_form() -> None:
    """A new scenario starts the form from its own values."""
    for key in [k for k in st.session_state if str(k).startswith(ui.KEY_PREFIX)]:
        del st.session_state[key]


st.title("Expansion")
st.caption(
    "From referrals to the workforce, waiting times and cost that the 85%-within-90-days and 70%-completion "
    "targets need. Every figure has its source, or is marked (assumption), on hover."
)

upload = st.file_uploader("Upload a scenario file (YAML)", type=["yaml", "yml"], key="scenario_upload")
if upload is not None and st.session_state.get(Keys.UPLOADED_ID) != upload.file_id:
    try:
        st.session_state[Keys.UPLOADED_SCENARIO] = scenario_from_text(
            upload.getvalue().decode("utf-8"), source=upload.name
        )
        st.session_state[Keys.UPLOADED_ID] = upload.file_id
        st.session_state[Keys.SCENARIO] = UPLOADED
        reset_form()
    except (ParameterError, UnicodeDecodeError) as exc:
        st.error(f"{upload.name}: {exc}")

names = list_scenarios()
options = [*names, *([UPLOADED] if Keys.UPLOADED_SCENARIO in st.session_state else [])]
choice = st.selectbox(
    "Scenario",
    options,
    format_func=lambda n: (
        st.session_state[Keys.UPLOADED_SCENARIO].title + " (uploaded)" if n == UPLOADED else names[n]
    ),
    key=Keys.SCENARIO,
    on_change=reset_form,
)
base = st.session_state[Keys.UPLOADED_SCENARIO] if choice == UPLOADED else load_scenario(choice)
st.markdown(base.description)

roster = st.session_state.get(Keys.ROSTER)
staff = ui.model_staff(roster)
roster_name = st.session_state.get(Keys.ROSTER_NAME) if staff is not None else None
st.caption(
    f"In-post WTE from: {roster_name}"
    if staff is not None
    else "No team loaded: in post is assumed to equal today's requirement."
)

with st.form("expansion_form"):
    top = st.columns(2)
    as_of = top[0].date_input(
        "Model date (week 0 of the waiting list)", value=date.today(), key=Keys.MODEL_AS_OF
    )
    run_options = sorted({1_000, DEFAULT_RUNS})
    runs = top[1].selectbox(
        "Monte Carlo runs", run_options, index=run_options.index(DEFAULT_RUNS), key="runs"
    )
    submitted = {}
    beside = {}  # a place under each box for its message
    fields = ui.form_fields(base)
    for tab, items in zip(st.tabs(list(fields)), fields.values(), strict=True):
        cols = tab.columns(2)
        for i, f in enumerate(items):
            col = cols[i % 2]
            widget = {"number": col.number_input, "select": col.selectbox, "date": col.date_input}[f.kind]
            submitted[f.name] = widget(key=f.key, **f.kwargs)
            beside[f.name] = col.empty()
    st.form_submit_button("Update the model", key="update_model", type="primary")

scenario, refused = ui.apply_form_checked(base, submitted)
for name, message in refused.items():
    (beside[name] if name in beside else st).error(message)

try:
    result = cached(scenario, staff, as_of, runs, roster_name)
except (ParameterError, ValueError) as exc:
    st.error(f"The model cannot run with these settings: {exc}")
    st.stop()
for warning in result.warnings:
    st.warning(warning)
figures = ui.headline(result)
for col, (label, value) in zip(st.columns(len(figures)), figures, strict=True):
    col.metric(label, value)
st.caption(result.requirement.hours_per_wte.working)
if result.establishment is not None:
    st.caption(result.establishment.explanation)

for name, (fig, caption) in ce.all_figures(result).items():
    st.plotly_chart(fig, key=f"chart_{name}", config={"displaylogo": False})
    st.caption(caption)
    chart_downloads(lambda fig=fig: fig, CHART_NAMES[name][1], caption, f"dl_chart_{name}")
    if name == "gap":
        closes = ui.gap_closes_table(result)
        st.dataframe(closes, hide_index=True, key="gap_closes_table")
        table_downloads(closes, "Gap by band, year by year", "dl_gap_closes")
    if name == "waiting":
        st.info(f"**{METHOD_NAME}.** {METHOD_TEXT}")
        for note in (result.waiting.starting_list.note,):
            st.caption(note)
        waiting_years = ui.waiting_table(result)
        st.dataframe(waiting_years, hide_index=True, key="waiting_table")
        table_downloads(waiting_years, "The waiting target year by year", "dl_waiting_table")
        clearing = result.backlog_clearance
        if clearing is not None and clearing.extra_starts > 0:
            st.caption(
                f"Clearing today's backlog takes {clearing.extra_starts:,.0f} extra starts over {clearing.weeks} "
                f"weeks ({clearing.wte_weeks:,.0f} WTE-weeks, about {clearing.extra_wte:.1f} extra WTE while "
                "clearing), one-off and apart from the steady requirement."
            )
    if name == "cost":
        cost_years = ui.costs_table(result)
        st.dataframe(cost_years, hide_index=True, key="costs_table")
        table_downloads(cost_years, "Cost by year", "dl_costs_table")
    if name == "tornado" and len(result.sensitivity):
        swings = ui.sensitivity_table(result)
        st.dataframe(swings, hide_index=True, key="sensitivity_table")
        table_downloads(swings, "Sensitivity of the requirement", "dl_sensitivity_table")

st.subheader("Gap now")
gap_tab, func_tab = st.tabs(["By band", "By function"])
with gap_tab:
    gaps = ui.gap_table(result)
    st.dataframe(gaps, hide_index=True, key="gap_table")
    table_downloads(gaps, "Gap by band", "dl_gap_table")
with func_tab:
    functions = ui.function_table(result)
    st.dataframe(functions, hide_index=True, key="function_table")
    table_downloads(functions, "Gap by function", "dl_function_table")

st.subheader("Scenarios side by side")
comparison = ui.compare_scenarios(scenario, lambda s: cached(s, staff, as_of, runs, roster_name), names)
st.dataframe(comparison, key="comparison")
table_downloads(comparison, "Scenarios side by side", "dl_comparison")

st.download_button(
    "Download scenario",
    data=scenario.to_yaml(),
    file_name=f"{scenario.name}.yaml",
    mime="application/x-yaml",
    key="download_scenario",
)

with st.expander("Parameters and their sources"):
    parameters = ui.parameters_table(scenario)
    st.dataframe(parameters, hide_index=True, key="parameters_table")
    table_downloads(parameters, "Parameters and their sources", "dl_parameters")
with st.expander("Skill-mix policy and this scenario's allocation of hours by band"):
    allocation = ui.allocation_table(scenario)
    st.dataframe(allocation, hide_index=True, key="allocation_table")
    table_downloads(allocation, "Allocation of hours by band", "dl_allocation")
    policy = ui.policy_table()
    st.dataframe(policy, hide_index=True, key="policy_table")
    table_downloads(policy, "Skill-mix policy", "dl_policy")
