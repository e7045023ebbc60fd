"""Expansion: pick a scenario, change its parameters, read the workforce, waiting-time and cost results."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from pages._downloads import chart_downloads, table_downloads
from pages._service import roster_in_view
from pages._tables import NO_TOOLBAR, show_table
from planner.captions.glossary import GUIDE_NOTE, link_terms
from planner.charts import expansion as ce
from planner.expansion.optimise_option import LEAST_COST_NOTE
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
from planner.views.inputs import limits, open_number, range_problem
from planner.views.optimise import least_cost_option
from planner.views.session import Keys, ensure_defaults

UPLOADED = "uploaded"
#: What one model run does, in order (planner.expansion.projection.project), shown in its status.
MODEL_STEPS = (
    "Demand: referrals, uptake and starts a year",
    "Workforce: hours, headroom and the WTE each band needs",
    "Waiting list: week by week against the 90-day target",
    "Costs by year, with the pay award",
    "Monte Carlo: {runs:,} runs for the fan charts and probabilities",
)
ensure_defaults(st.session_state)


@st.cache_data(max_entries=24, show_spinner=False)  # the page shows a status with the steps instead
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
    "targets need. Every figure has its source, or is marked (assumption), on hover." + GUIDE_NOTE
)

# No ``type=`` filter: the browser would refuse another file only in a tooltip; the page says why.
upload = st.file_uploader(
    "Upload a scenario file (YAML)",
    key="scenario_upload",
    help="A .yaml file saved by 'Download scenario' below, or written by hand from one.",
)
if upload is not None and st.session_state.get(Keys.UPLOADED_ID) != upload.file_id:
    try:
        st.session_state[Keys.UPLOADED_SCENARIO] = scenario_from_text(
            upload.getvalue().decode("utf-8"), source=upload.name
        )
        st.session_state[Keys.UPLOADED_ID] = upload.file_id
        st.session_state[Keys.SCENARIO] = UPLOADED
        reset_form()
    except ParameterError as exc:
        st.error(f"{upload.name}: {exc}")
    except UnicodeDecodeError:
        st.error(
            f"'{upload.name}' is not a scenario file (it is not text). Upload the .yaml file that "
            "'Download scenario' saves."
        )

names = list_scenarios()
options = [*names, *([UPLOADED] if Keys.UPLOADED_SCENARIO in st.session_state else [])]
choice = st.selectbox(
    "Scenario",
    options,
    format_func=lambda n: (
        st.session_state[Keys.UPLOADED_SCENARIO].title + " (uploaded)" if n == UPLOADED else names[n]
    ),
    # back from another page: the choice the session's scenario was edited from (the widget's own
    # entry is gone by then; index 0 otherwise, so an upload's choice never meets a second default)
    index=0
    if Keys.SCENARIO in st.session_state or st.session_state.get(Keys.WORKING_BASE) not in options
    else options.index(st.session_state[Keys.WORKING_BASE]),
    key=Keys.SCENARIO,
    on_change=reset_form,
)
base = st.session_state[Keys.UPLOADED_SCENARIO] if choice == UPLOADED else load_scenario(choice)
working = st.session_state.get(Keys.WORKING_SCENARIO)
# the form opens on the session's edited values when they were made from this scenario
shown = working if working is not None and st.session_state.get(Keys.WORKING_BASE) == choice else base
st.markdown(base.description)

roster = roster_in_view()
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
        "Model date (week 0 of the waiting list)",
        value=date.today(),
        key=Keys.MODEL_AS_OF,
        format="DD/MM/YYYY",
    )
    run_options = sorted({1_000, DEFAULT_RUNS})
    runs = top[1].selectbox(
        "Monte Carlo runs", run_options, index=run_options.index(DEFAULT_RUNS), key="runs"
    )
    submitted = {}
    beside = {}  # a place under each box for its message
    fields = ui.form_fields(shown)
    for tab, items in zip(st.tabs(list(fields)), fields.values(), strict=True):
        cols = tab.columns(2)
        for i, f in enumerate(items):
            col = cols[i % 2]
            widget = {"number": col.number_input, "select": col.selectbox, "date": col.date_input}[f.kind]
            kwargs = {"number": open_number(f.kwargs), "date": {**f.kwargs, "format": "DD/MM/YYYY"}}
            submitted[f.name] = widget(key=f.key, **kwargs.get(f.kind, f.kwargs))
            beside[f.name] = col.empty()
    st.form_submit_button("Update the model", key="update_model", type="primary")
# A value the model cannot use is refused beside its box; the model keeps the scenario's value.
for f in (f for items in fields.values() for f in items if f.kind == "number"):
    problem = range_problem(f.kwargs["label"], submitted[f.name], *limits(f.kwargs), f.kwargs["value"])
    if problem:
        beside[f.name].error(problem)
        submitted[f.name] = f.kwargs["value"]

scenario, refused = ui.apply_form_checked(base, submitted)
for name, message in refused.items():
    (beside[name] if name in beside else st).error(message)

try:
    with st.status(f"Running the model with {runs:,} Monte Carlo runs…", expanded=False) as running:
        for step in MODEL_STEPS:
            st.write(step.format(runs=runs))
        result = cached(scenario, staff, as_of, runs, roster_name)
        running.update(label=f"Model run: {runs:,} Monte Carlo runs", state="complete")
except (ParameterError, ValueError) as exc:
    st.error(f"The model cannot run with these settings: {exc}")
    st.stop()
# the session's scenario, once the model runs with it: the Business case page builds the pack from
# it, and this page reopens on it
st.session_state[Keys.WORKING_SCENARIO] = scenario
st.session_state[Keys.WORKING_BASE] = choice
for warning in result.warnings:
    st.warning(warning)
figures = ui.headline(result)
for col, (label, value) in zip(st.columns(len(figures)), figures, strict=True):
    col.metric(label, value)
st.caption(link_terms(result.requirement.hours_per_wte.working))
if result.establishment is not None:
    st.caption(link_terms(result.establishment.explanation))

for name, (fig, caption) in ce.all_figures(result).items():
    st.plotly_chart(fig, key=f"chart_{name}", config=NO_TOOLBAR)
    st.caption(link_terms(caption))
    chart_downloads(lambda fig=fig: fig, CHART_NAMES[name][1], caption, f"dl_chart_{name}")
    if name == "gap":
        closes = ui.gap_closes_table(result)
        show_table(closes, "table", "gap_closes_table")
        table_downloads(closes, "Gap by band, year by year", "dl_gap_closes")
    if name == "waiting":
        st.info(f"**{METHOD_NAME}.** {METHOD_TEXT}")
        for note in (result.waiting.starting_list.note,):
            st.caption(note)
        waiting_years = ui.waiting_table(result)
        show_table(waiting_years, "table", "waiting_table")
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
        show_table(cost_years, "table", "costs_table")
        table_downloads(cost_years, "Cost by year", "dl_costs_table")
    if name == "tornado" and len(result.sensitivity):
        swings = ui.sensitivity_table(result)
        show_table(swings, "table", "sensitivity_table")
        table_downloads(swings, "Sensitivity of the requirement", "dl_sensitivity_table")

st.subheader("Gap now")
gap_tab, func_tab = st.tabs(["By band", "By function"])
with gap_tab:
    gaps = ui.gap_table(result)
    show_table(gaps, "table", "gap_table")
    table_downloads(gaps, "Gap by band", "dl_gap_table")
with func_tab:
    functions = ui.function_table(result)
    show_table(functions, "table", "function_table")
    table_downloads(functions, "Gap by function", "dl_function_table")

st.subheader("Scenarios side by side")
option = least_cost_option(
    scenario, staff, st.session_state.get(Keys.LEAST_COST), st.session_state.get(Keys.LEAST_COST_OPTION)
)
st.session_state[Keys.LEAST_COST_OPTION] = option
cheapest, not_cheapest = option[1]
comparison = ui.compare_scenarios(
    scenario, lambda s: cached(s, staff, as_of, runs, roster_name), names, least_cost=cheapest
)
st.dataframe(comparison, key="comparison")
table_downloads(comparison, "Scenarios side by side", "dl_comparison")
st.caption(not_cheapest or LEAST_COST_NOTE)

st.download_button(
    "Download scenario",
    data=scenario.to_yaml(),
    file_name=f"{scenario.name}.yaml",
    mime="application/x-yaml",
    key="download_scenario",
)

with st.expander("Parameters and their sources"):
    parameters = ui.parameters_table(scenario)
    show_table(parameters, "table", "parameters_table")
    table_downloads(parameters, "Parameters and their sources", "dl_parameters")
with st.expander("Skill-mix policy and this scenario's allocation of hours by band"):
    allocation = ui.allocation_table(scenario)
    show_table(allocation, "table", "allocation_table")
    table_downloads(allocation, "Allocation of hours by band", "dl_allocation")
    policy = ui.policy_table()
    show_table(policy, "table", "policy_table")
    table_downloads(policy, "Skill-mix policy", "dl_policy")
