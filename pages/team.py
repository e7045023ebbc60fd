"""Team: upload the team's roster (or keep the sample), see how it was read, and fix what it reports."""

from __future__ import annotations

from pathlib import PurePath

import streamlit as st

from pages._downloads import table_downloads
from planner import samples
from planner.ingest.filecheck import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, RosterRefused, describe_size
from planner.ingest.read import RosterRead, read_roster
from planner.ingest.template import TEMPLATE_FILE, template_bytes
from planner.views.session import SAMPLE_NAME, Keys, ensure_defaults
from planner.views.team import (
    FIELD_CHOICES,
    NOT_READ,
    accounting_line,
    counts_table,
    issues_table,
    issues_to_csv,
    issues_to_xlsx,
    mapping_for_editor,
    mapping_from_editor,
    staff_figures,
    staff_for_display,
    unrecognised_columns,
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
        return read_roster(data, name, sheet=sheet, mapping=dict(mapping)), None
    except RosterRefused as exc:
        return None, (exc.code, exc.message)
    except ValueError as exc:
        return None, ("bad_mapping", str(exc))


st.title("Team")
st.caption(
    "Upload your team's roster: a staff list (one row per person or post, optionally one column per "
    "competency), a competency record in the London individual-record columns, or the planner's template. "
    "Names stay in this browser session only; they are never saved or logged."
)

uploaded = st.file_uploader(
    "Roster file",
    type=["xlsx", "xlsm", "xls", "ods", "csv"],
    key="roster_file",
    help=f"Excel, LibreOffice or CSV, up to {MAX_UPLOAD_MB} MB.",
)
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
    st.session_state[Keys.DISMISSED_UPLOAD] = uploaded.file_id if uploaded is not None else None
    st.session_state.pop(Keys.ROSTER_UPLOAD, None)
    sample_data, sample_file = samples.sample_team_bytes()
    sample_read, _ = read_cached(sample_data, sample_file, None, ())
    if sample_read is not None:
        st.session_state[Keys.ROSTER] = sample_read
        st.session_state[Keys.ROSTER_NAME] = SAMPLE_NAME

# The uploader forgets its file when the user visits another page, so an accepted upload is kept in
# the session (bytes only, this session only) and shown again on return.
own_file = True
if uploaded is not None and uploaded.file_id != st.session_state.get(Keys.DISMISSED_UPLOAD):
    if uploaded.size > MAX_UPLOAD_BYTES:
        st.error(
            f"'{uploaded.name}' is {describe_size(uploaded.size)}; the limit is {MAX_UPLOAD_MB} MB. "
            "Remove other sheets, images or old data, or split it by service."
        )
        st.stop()
    data, file_name = uploaded.getvalue(), uploaded.name
elif Keys.ROSTER_UPLOAD in st.session_state:
    data, file_name = st.session_state[Keys.ROSTER_UPLOAD]
else:
    own_file = False
    data, file_name = samples.sample_team_bytes()
    st.info(f"Showing **{SAMPLE_NAME}**. Upload a file above to use your own team.")
shown_name = file_name if own_file else SAMPLE_NAME

base, refused = read_cached(data, file_name, None, ())
if refused is not None:
    st.error(refused[1])
    st.caption(
        f"Refused ({refused[0]}). The planner is still using **{st.session_state[Keys.ROSTER_NAME]}**."
    )
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

# Edits in the mapping editor belong to one file and sheet; a new file starts from what was detected.
source = (file_name, len(data), sheet)
if st.session_state.get(Keys.COLUMN_MAP_SOURCE) != source:
    st.session_state.pop(Keys.COLUMN_MAP, None)
    st.session_state[Keys.COLUMN_MAP_SOURCE] = source

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

if own_file:
    if len(read.staff):
        st.session_state[Keys.ROSTER] = read
        st.session_state[Keys.ROSTER_NAME] = file_name
        st.session_state[Keys.ROSTER_UPLOAD] = (data, file_name)
        st.success(f"The other pages now use **{file_name}**.")
    else:
        st.warning(
            f"No staff row in '{file_name}' was accepted, so the other pages keep using "
            f"**{st.session_state[Keys.ROSTER_NAME]}**."
        )

st.subheader(shown_name)
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
    counts = counts_table(read)
    st.dataframe(counts, hide_index=True, key="counts_table")
    table_downloads(counts, "Rows by sheet", "dl_counts")

st.subheader("Problems")
if read.issues.empty:
    st.success("No problems found: every row was read.")
else:
    st.caption(
        f"{read.n_errors} error(s): those rows are left out of the figures. "
        f"{read.n_warnings} warning(s): those rows are kept. Fix them in your file and upload it again."
    )
    st.dataframe(issues_table(read), hide_index=True, key="problems_table")
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

st.subheader("Accepted staff")
show_names = st.toggle("Show names", value=False, key="show_names", help="Names are personal data.")
accepted = staff_for_display(read, show_names=show_names)
st.dataframe(accepted, hide_index=True, key="staff_table")
table_downloads(accepted, "Accepted staff", "dl_staff", include_names=show_names)
