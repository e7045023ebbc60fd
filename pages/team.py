"""Team: upload the team's roster (or keep the sample), see how it was read, and fix what it reports."""

from __future__ import annotations

from pathlib import PurePath

import streamlit as st

from pages._snapshots import reopen_panel, reopened_summary, save_panel
from pages._tables import show_table
from planner.captions.glossary import GUIDE_NOTE
from planner.ingest.columns import MappingError
from planner.ingest.filecheck import MAX_UPLOAD_MB, RosterRefused
from planner.ingest.read import RosterRead
from planner.ingest.sheets import RawSheet
from planner.ingest.template import TEMPLATE_FILE, template_bytes
from planner.views.corrections import (
    corrected_workbook,
    correction_table,
    fixed_line,
    fixes_from_editor,
    keep_fixes,
    merge_fixes,
    problem_markdown,
    raw_sheets,
    start_fixes,
    with_fixes,
)
from planner.views.homecare import homecare_view
from planner.views.people import level_choices, set_level, with_judged_at
from planner.views.saved import showing_reopened
from planner.views.service import CHOICES, banner, choice_label, chosen, sample_for, session_type
from planner.views.session import SAMPLE_NAME, Keys, ensure_defaults, read_team
from planner.views.team import (
    FIELD_CHOICES,
    NOT_READ,
    Upload,
    accept,
    accounting_line,
    counts_table,
    issues_table,
    issues_to_csv,
    issues_to_xlsx,
    mapping_for_editor,
    mapping_from_editor,
    roster_source,
    staff_figures,
    staff_for_display,
    start_mapping,
    unrecognised_columns,
    use_sample,
)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL_SHEETS = "All data sheets"

ensure_defaults(st.session_state)


@st.cache_data(max_entries=6, show_spinner="Reading the roster…")
def read_cached(
    data: bytes, name: str, sheet: str | None, mapping: tuple[tuple[str, str], ...]
) -> tuple[RosterRead | None, tuple[str, str] | None]:
    """Read (or refuse) a file once per distinct content, sheet and mapping; keyed on the bytes."""
    try:
        return read_team(data, name, sheet=sheet, mapping=dict(mapping)), None
    except RosterRefused as exc:
        return None, (exc.code, exc.message)
    except MappingError as exc:
        return None, ("bad_mapping", str(exc))


@st.cache_data(max_entries=6, show_spinner=False)
def raw_cached(data: bytes, name: str, sheet: str | None) -> list[RawSheet]:
    """The file's raw sheets, for writing the corrected roster (read once per file and sheet)."""
    return raw_sheets(data, name, sheet)


st.title("Team")
st.caption(
    "Upload your team's roster: a staff list (one row per person or post, optionally one column per "
    "competency), a competency record in the London individual-record columns, or the planner's template. "
    "Names stay in this browser session unless the team's owner chooses to store them with a saved "
    "snapshot; they are never logged." + GUIDE_NOTE
)

st.selectbox(
    "Service type",
    CHOICES,
    format_func=choice_label,
    key=Keys.SERVICE_TYPE,
    help="Pulmonary rehabilitation, clinical homecare or primary care (PCN): it picks the framework, the "
    "levels, the words on every page and the sample team.",
)
sample_files = sample_for(chosen(st.session_state) or "pr")

# No ``type=`` filter: the browser would refuse other files only in a tooltip and leave the last
# error on screen; the planner's own file check says why in the page instead (issue 12).
uploaded = st.file_uploader(
    "Roster file",
    key="roster_file",
    help=f"Excel (.xlsx, .xlsm, .xls), LibreOffice (.ods) or CSV, up to {MAX_UPLOAD_MB} MB.",
)
upload = Upload(uploaded.file_id, uploaded.name, uploaded.getvalue()) if uploaded is not None else None
st.download_button(
    "Download the blank roster template",
    data=template_bytes,
    file_name=TEMPLATE_FILE,
    mime=XLSX_MIME,
    key="download_template",
    on_click="ignore",
    help="A workbook with the Staff and Competencies columns the planner reads, drop-downs and a Read-me sheet.",
)
if st.button("Use the sample team", key="use_sample", help="Go back to the synthetic sample team."):
    sample_read, _ = read_cached(*sample_files, None, ())
    use_sample(st.session_state, upload, sample_read)

reopen_panel(upload.file_id if upload is not None else None)
reopened = showing_reopened(st.session_state, upload.file_id if upload is not None else None)
if reopened is not None:
    reopened_summary(*reopened)
    st.stop()

try:
    source = roster_source(st.session_state, upload, sample_files)
except RosterRefused as exc:
    st.error(exc.message)
    st.stop()
data, file_name = source.data, source.file_name
if not source.own_file:
    st.info(f"Showing **{SAMPLE_NAME}**. Upload a file above to use your own team.")

base, refused = read_cached(data, file_name, None, ())
if refused is not None:
    st.error(refused[1])
    st.caption(f"The planner is still using **{st.session_state[Keys.ROSTER_NAME]}**.")
    st.stop()

sheet = None
if len(base.sheets) > 1:
    choice = st.selectbox("Sheet", [ALL_SHEETS, *base.sheets], key="roster_sheet")
    sheet = None if choice == ALL_SHEETS else choice
    if sheet is not None:
        base, refused = read_cached(data, file_name, sheet, ())
        if refused is not None:
            st.error(refused[1])
            st.stop()

start_mapping(st.session_state, source, sheet)

with st.expander("How the columns were read", expanded=bool(unrecognised_columns(base))):
    st.caption(
        "Change **Read as** to correct a column; the file is read again with your choice. "
        "Columns shown as not read are listed, never dropped silently."
    )
    detected = mapping_for_editor(base)
    edited = st.data_editor(
        detected,
        key=Keys.COLUMN_MAP,
        hide_index=True,
        num_rows="fixed",
        disabled=["Sheet", "Column", "How", "Note"],
        column_config={
            "Read as": st.column_config.SelectboxColumn(
                "Read as", options=[*FIELD_CHOICES, NOT_READ], required=True
            )
        },
    )
    user_map = mapping_from_editor(detected, edited)
    for r in base.sheets_skipped.itertuples(index=False):
        st.caption(f"Sheet '{r.sheet}' not read: {r.reason}.")

read, refused = (
    read_cached(data, file_name, sheet, tuple(sorted(user_map.items()))) if user_map else (base, None)
)
if refused is not None:
    st.error(refused[1])
    st.stop()

fix_key = (file_name, len(data), sheet, tuple(sorted(user_map.items())))
kept = start_fixes(st.session_state, fix_key)
todo = correction_table(read, raw_cached(data, file_name, sheet))
if not todo.table.empty:
    st.subheader("Correct rows here")
    st.caption(
        "These rows were left out, or kept with a value the planner could not read. Correct the cells "
        "in the table (or use the suggestions): the figures are worked out again with your corrections. "
        "Your file is not changed; download the corrected roster to keep them."
    )
    st.markdown(problem_markdown(todo.table))
    if todo.suggestions and st.button("Use the suggestions", key="use_suggestions"):
        kept = merge_fixes(kept, todo.suggestions)
        keep_fixes(st.session_state, fix_key, kept)
        st.session_state.pop(Keys.ROW_FIXES_EDITOR, None)
    edited = st.data_editor(
        with_fixes(todo.table, kept),
        key=Keys.ROW_FIXES_EDITOR,
        hide_index=True,
        num_rows="fixed",
        disabled=list(todo.table.columns[:5]),
    )
    fixes = fixes_from_editor(todo.table, edited, todo.editable)
    keep_fixes(st.session_state, fix_key, fixes)
    if fixes:
        corrected = corrected_workbook(raw_cached(data, file_name, sheet), todo.positions, fixes)
        corrected_name = f"{PurePath(file_name).stem}-corrected.xlsx"
        fixed, refused = read_cached(corrected, corrected_name, None, tuple(sorted(user_map.items())))
        if refused is not None:
            st.error(refused[1])
        else:
            st.success(fixed_line(read, fixed, fixes))
            read = fixed
            st.download_button(
                "Download the corrected roster (Excel; names included, as in your file)",
                data=corrected,
                file_name=corrected_name,
                mime=XLSX_MIME,
                key="download_corrected",
                on_click="ignore",
            )

if accept(st.session_state, read, source):
    st.success(f"The other pages now use **{file_name}**.")
elif source.own_file:
    st.warning(
        f"No staff row in '{file_name}' was accepted, so the other pages keep using "
        f"**{st.session_state[Keys.ROSTER_NAME]}**."
    )

if not source.own_file and st.session_state.get(Keys.ROSTER) is not read:
    st.session_state[Keys.ROSTER] = read  # the chosen type's sample team, until a file is uploaded
type_id, type_how = session_type(st.session_state)
st.info(banner(type_id, type_how))
if type_id == "homecare":
    hc = homecare_view(read.staff, names=False)
    with st.expander("Career levels", expanded=hc.inferred is not None):
        if hc.inferred:
            st.warning(hc.inferred)
        st.caption(hc.cost_caption)
        show_table(hc.by_level, "table", "homecare_levels")
        show_table(hc.levels, "table", "homecare_people")
elif type_id == "pcn":
    st.caption("See the ARRS envelope page for what the roles claim, what remains and what it could fund.")

st.subheader(source.shown_name)
st.caption(accounting_line(read))
cols = st.columns(4)
for col, (label, key) in zip(
    cols,
    [("Rows read", "read"), ("Accepted", "accepted"), ("Reported", "reported"), ("Blank", "blank")],
    strict=True,
):
    col.metric(label, f"{read.rows[key]:,}")
fig = staff_figures(read.staff)
people, wte, registered = st.columns(3)
people.metric("People", f"{fig['staff']:,}")
wte.metric("WTE", f"{fig['wte_total']:.2f}")
registered.metric("WTE with statutory registration", f"{fig['wte_registered']:.2f}")
with st.expander("Rows by sheet"):
    show_table(counts_table(read), "table", "counts_table", download=("Rows by sheet", "dl_counts"))

st.subheader("Problems")
if read.issues.empty:
    st.success("No problems found: every row was read.")
else:
    st.caption(
        f"{read.n_errors} error(s): those rows are left out of the figures. "
        f"{read.n_warnings} warning(s): those rows are kept. Correct staff rows above, or fix your file and upload it again."
    )
    show_table(issues_table(read), "problems", "problems_table")
    stem = PurePath(file_name).stem
    left, right = st.columns(2)
    left.download_button(
        "Download the problem list (CSV)",
        data=issues_to_csv(read),
        file_name=f"{stem}-problems.csv",
        mime="text/csv",
        key="download_problems",
        on_click="ignore",
    )
    right.download_button(
        "Download the problem list (Excel)",
        data=lambda: issues_to_xlsx(read),
        file_name=f"{stem}-problems.xlsx",
        mime=XLSX_MIME,
        key="download_problems_xlsx",
        on_click="ignore",
    )

with st.expander("Level a person is judged at"):
    st.caption(
        "Each person is judged at a framework level from their band and function. Set it by hand here "
        "when that is wrong (for example a band 7 who does not lead the service); the uploaded file is "
        "not changed. A roster may also carry a 'Judged at' column."
    )
    a, b = st.columns(2)
    judge_who = a.selectbox("Person", sorted(read.staff["staff_id"].astype(str).unique()), key="judge_person")
    judge_level = b.selectbox("Judged at", level_choices(), key="judge_level")
    overrides = st.session_state.get(Keys.LEVEL_OVERRIDES, {})
    if st.button("Set the level", key="judge_apply"):
        overrides = set_level(overrides, judge_who, judge_level)
        st.session_state[Keys.LEVEL_OVERRIDES] = overrides
    for who, level in sorted(overrides.items()):
        st.caption(f"{who} is judged at {level} (set by hand).")
if st.session_state.get(Keys.LEVEL_OVERRIDES):
    st.session_state[Keys.ROSTER] = with_judged_at(
        st.session_state[Keys.ROSTER], st.session_state[Keys.LEVEL_OVERRIDES]
    )

st.subheader("Accepted staff")
show_names = st.toggle("Show names", value=False, key="show_names", help="Names are personal data.")
show_table(
    staff_for_display(read, show_names=show_names),
    "table",
    "staff_table",
    download=("Accepted staff", "dl_staff"),
    include_names=show_names,
)

save_panel(st.session_state[Keys.ROSTER], "" if not source.own_file else PurePath(file_name).stem)
