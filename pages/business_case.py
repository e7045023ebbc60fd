"""Business case: the one-click pack of charts, workbook and Word document for a business case."""

from datetime import date

import streamlit as st

from pages._regional import regional_pack_section
from planner.captions.glossary import GUIDE_NOTE
from planner.expansion.demand import years_between
from planner.expansion.scenario import list_scenarios, load_scenario
from planner.pack.build import DEFAULT_RUNS, build_pack
from planner.pack.contents import default_title, pack_contents, pack_filename
from planner.pack.options import DEFAULT_THRESHOLD
from planner.pack.service_pack import build_service_pack
from planner.reference import service_types
from planner.skillmix.arrs import ArrsInputs
from planner.views.coverage import framework_options
from planner.views.region import is_region
from planner.views.service import session_type
from planner.views.session import Keys, scenario_edits

UPLOADED = "uploaded"
SESSION = "session"
PACK_KEY = "built_pack"
#: What building the pack does, in order (planner.pack.build.build_pack), shown in its status.
PACK_STEPS = (
    "Coverage, skill mix and the expansion model ({runs:,} Monte Carlo runs)",
    "Drawing the charts as PNG and SVG images",
    "Writing the Excel workbook and the Word document",
    "Putting the files and the README into one ZIP",
)

st.title("Business case")
roster = st.session_state.get(Keys.ROSTER)
if roster is None or roster.staff.empty:
    st.info("No team loaded yet. Open the Team page to upload a roster or use the sample team.")
    st.stop()
roster_name = st.session_state.get(Keys.ROSTER_NAME, roster.filename)
pack_title = st.text_input(
    "Name on the pack",
    value=default_title(roster),
    key="pack_title",
    help="Shown in the pack's files and its file name. It defaults to the service names, never the file's name.",
)
st.caption(
    f"Team: {roster_name}. One ZIP with the key charts (PNG and SVG), an Excel workbook and a Word "
    "document, ready to paste into a business case or board paper." + GUIDE_NOTE
)

type_id, _how = session_type(st.session_state)
if type_id != "pr":  # homecare and PCN teams get their own pack, in their own words
    words = service_types.words(type_id)
    st.subheader(words["pack_title"])
    st.caption(f"{words['pack_headline']}. Aggregates only: nobody is named.")
    arrs = None
    if type_id == "pcn":
        population = st.number_input(
            "Contractor weighted population",
            min_value=1.0,
            value=50_000.0,
            step=1_000.0,
            key="pack_arrs_population",
        )
        arrs = ArrsInputs(float(population), None, {}, date.today())
    if st.button("Build the pack", key="build_service_pack", type="primary"):
        st.session_state["built_service_pack"] = (type_id, build_service_pack(
            roster, type_id, as_of=date.today(), arrs=arrs, roster_name=pack_title
        ))  # fmt: skip
    built_type, built = st.session_state.get("built_service_pack", (None, None))
    if built is not None and built_type == type_id:
        st.download_button("Download the pack (ZIP)", data=built.data, file_name=built.filename,
                           mime="application/zip", key="download_service_pack", on_click="ignore")  # fmt: skip
    st.stop()
if is_region(roster.staff):  # several services: the regional business case (pages/_regional.py)
    regional_pack_section(
        roster, st.session_state.get(Keys.WORKING_SCENARIO) or load_scenario(None), pack_title
    )
    st.stop()

names = list_scenarios()
uploaded = st.session_state.get(Keys.UPLOADED_SCENARIO)
working = st.session_state.get(Keys.WORKING_SCENARIO)
# the session's scenario (with the user's Expansion edits) comes first, so it is the default
options = [*([SESSION] if working is not None else []), *names, *([UPLOADED] if uploaded is not None else [])]
frameworks = framework_options()
left, mid, right = st.columns([3, 3, 2])
choice = left.selectbox(
    "Scenario",
    options,
    format_func=lambda n: (
        f"{working.title} (as on the Expansion page)"
        if n == SESSION
        else f"{uploaded.title} (uploaded on the Expansion page)"
        if n == UPLOADED
        else names[n]
    ),
    key="pack_scenario",
)
framework_id = mid.selectbox(
    "Competency framework", list(frameworks), format_func=frameworks.get, key="pack_framework"
)
# The clock is read here, at the edge; the pack takes the date as an argument.
as_of = right.date_input("Figures as of", value=date.today(), key="pack_as_of", format="DD/MM/YYYY")
threshold = st.slider(
    "Chance an option needs of meeting the waiting-time target to be recommended",
    min_value=50,
    max_value=99,
    value=round(DEFAULT_THRESHOLD * 100),
    format="%d%%",
    key="pack_threshold",
    help="The document asks for the lowest-cost option whose chance of 85% starting within 90 days in "
    "the target year is at least this (80% by default, our interpretation of a likely outcome).",
)
include_names = st.toggle("Include staff ids and names", value=False, key="pack_names")
if include_names:
    st.warning(
        "The pack will include people.xlsx, which lists staff ids and names with their gaps: personal "
        "data. Share it only under your organisation's information governance. Everything else in the "
        "pack stays aggregate."
    )

scenario = {SESSION: working, UPLOADED: uploaded}.get(choice) or load_scenario(choice)
base_name = st.session_state.get(Keys.WORKING_BASE) if choice == SESSION else None
base = {UPLOADED: uploaded}.get(base_name) or (load_scenario(base_name) if base_name in names else scenario)
edits = scenario_edits(base, scenario)
st.markdown(f"**Scenario in the pack:** {scenario.title}")
if len(edits):
    st.caption(f"Your edits on the Expansion page, which go into the pack ({len(edits)}):")
    st.dataframe(edits, hide_index=True, key="pack_edits")
else:
    st.caption("No edits: the scenario's own values go into the pack.")
try:
    years_between(as_of, scenario.inputs().target_year)
except ValueError as exc:
    st.error(f"The pack cannot be built for this date: {exc}")
    st.stop()
# Built on a button, not inside a deferred download, so the few seconds it takes show as a status with
# its steps (issue 12); the ZIP is kept for these choices only, and offered for download below.
choices = (
    roster_name,
    scenario.name,
    scenario.values(),
    framework_id,
    as_of,
    include_names,
    pack_title,
    threshold,
)
if st.button(
    "Build business-case pack",
    key="build_pack",
    type="primary",
    icon=":material/folder_zip:",
    help="A few seconds: the model runs and the charts are drawn in a headless browser.",
):
    with st.status("Building the business-case pack…", expanded=True) as building:
        for step in PACK_STEPS:
            st.write(step.format(runs=DEFAULT_RUNS))
        built = build_pack(
            roster,
            scenario,
            as_of=as_of,
            framework_id=framework_id,
            include_names=include_names,
            runs=DEFAULT_RUNS,
            roster_name=pack_title or None,
            made_on=date.today(),
            threshold=threshold / 100,
        )
        for warning in built.warnings:
            st.warning(warning)
        building.update(
            label=f"Pack built: {len(built.members)} files in {built.timings['total']:.0f} s",
            state="complete",
            expanded=False,
        )
    st.session_state[PACK_KEY] = (choices, built.data)
kept = st.session_state.get(PACK_KEY)
if kept is not None and kept[0] == choices:
    st.download_button(
        "Download the pack (ZIP)",
        data=kept[1],
        file_name=pack_filename(pack_title or default_title(roster), as_of),
        mime="application/zip",
        key="download_pack",
        on_click="ignore",
        icon=":material/download:",
    )

st.subheader("What the pack contains")
st.markdown("\n".join(f"- {line}" for line in pack_contents(include_names=include_names)))
st.caption(
    f"Monte Carlo for the fan chart and probabilities: {DEFAULT_RUNS:,} runs. "
    + (
        "Aggregates only: no staff names and no staff ids anywhere in the pack."
        if not include_names
        else "Aggregates, plus people.xlsx with staff ids and names."
    )
)
