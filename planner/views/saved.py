"""The Team page's saved snapshots: the words around "Save as snapshot", and reopening a team without an upload.

A reopened snapshot becomes the session's roster exactly where an upload would put it
(:class:`~planner.views.session.Keys` ``ROSTER`` and ``ROSTER_NAME``), so every other page works on it
unchanged. Its people carry a short label cut from the keyed hash of their id instead of their ESR
number, which the database never holds; names come back only when the team stores names.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from datetime import date
from typing import Any

import pandas as pd

from planner.captions.words import long_date
from planner.ingest.body import ISSUE_COLUMNS, LOG_COLUMNS
from planner.ingest.checks import COUNT_COLUMNS
from planner.ingest.read import MAPPING_COLUMNS, RosterRead
from planner.views.session import Keys

UNSAVED_NOTE = (
    "An upload lives only in this browser tab: refreshing or closing the page loses it, with your "
    "corrections, unless you save it as a snapshot below."
)
NAMES_NOTE = (
    "Names, sign-off names and evidence text are personal data. They are stored only when this box is "
    "ticked by the team's owner (salaries too); unticking it deletes them from every snapshot of the team. Staff ids "
    "are always stored as a keyed hash, never as the number itself."
)
NOT_ALLOWED = "You cannot save to this team: you are not one of its members. Ask its owner to add you."
SHORT = 8


def short_ids(hashed: pd.Series) -> dict[str, str]:
    """Hashed id → the label shown for it: "Person" and its first characters (longer where two would clash)."""
    ids = [str(h) for h in dict.fromkeys(hashed.dropna().astype(str))]
    width = SHORT
    while width < 64 and len({i[:width] for i in ids}) < len(ids):
        width += 4
    return {i: f"Person {i[:width]}" for i in ids}


def roster_from_snapshot(staff: pd.DataFrame, records: pd.DataFrame, team: str, as_of: date) -> RosterRead:
    """A stored snapshot as the roster every page works on (as if its rows had just been read, without problems).

    Args:
        staff: the ``staff`` of a :class:`planner.store.Snapshot` (ids hashed).
        records: its ``records``.
        team: the team's name.
        as_of: the snapshot's date.
    """
    labels = short_ids(pd.concat([staff["staff_id"], records["staff_id"]]))
    staff = staff.assign(staff_id=staff["staff_id"].map(labels))
    records = records.assign(staff_id=records["staff_id"].map(labels))
    n_staff, n_rec = len(staff), len(records)
    counts = pd.DataFrame(
        [
            {"sheet": "Staff", "table": "staff", "unit": "row", "read": n_staff, "accepted": n_staff},
            {
                "sheet": "Competencies",
                "table": "competencies",
                "unit": "row",
                "read": n_rec,
                "accepted": n_rec,
            },
        ],
        columns=COUNT_COLUMNS,
    ).fillna({"reported": 0, "blank": 0})
    counts = counts.astype({k: int for k in ("read", "accepted", "reported", "blank")})
    return RosterRead(
        filename=snapshot_name(team, as_of),
        file_format="snapshot",
        staff=staff.reset_index(drop=True),
        competencies=records.reset_index(drop=True),
        issues=pd.DataFrame(columns=ISSUE_COLUMNS).astype({"row": "Int64"}),
        rows={"read": n_staff + n_rec, "accepted": n_staff + n_rec, "reported": 0, "blank": 0},
        counts=counts,
        sheets=["Staff", "Competencies"] if n_rec else ["Staff"],
        sheets_skipped=pd.DataFrame(columns=["sheet", "reason"]),
        mapping=pd.DataFrame(columns=MAPPING_COLUMNS),
        row_status=pd.DataFrame(columns=LOG_COLUMNS),
    )


def snapshot_name(team: str, as_of: date) -> str:
    """What the pages call a reopened snapshot: ``"Seaview PR (saved snapshot of 1 Jun 2026)"``."""
    return f"{team} (saved snapshot of {long_date(as_of)})"


def reopen(
    state: MutableMapping[str, Any], read: RosterRead, team: str, as_of: date, uploaded_id: str | None = None
) -> None:
    """Make a reopened snapshot the session's roster, in the keys an upload fills.

    The upload kept in the session and the levels set by hand (keyed by the upload's staff ids) are
    dropped: they belong to another roster. A file still in the uploader (``uploaded_id``) is set
    aside, as "Use the sample team" does, until another file is chosen.
    """
    state[Keys.DISMISSED_UPLOAD] = uploaded_id
    state[Keys.ROSTER] = read
    state[Keys.ROSTER_NAME] = read.filename
    state[Keys.REOPENED] = (team, as_of)
    for key in (Keys.ROSTER_UPLOAD, Keys.LEVEL_OVERRIDES, Keys.ROSTER_FIXES):
        state.pop(key, None)


def showing_reopened(state: MutableMapping[str, Any], uploaded_id: str | None) -> tuple[str, date] | None:
    """The reopened snapshot the Team page shows, or ``None`` when a new upload (or the sample) has replaced it."""
    reopened = state.get(Keys.REOPENED)
    if reopened is None or Keys.ROSTER_UPLOAD in state:
        return None
    if uploaded_id is not None and uploaded_id != state.get(Keys.DISMISSED_UPLOAD):
        return None
    return reopened


REOPENED_SAVE_NOTE = (
    "This is a saved snapshot, reopened. To save a new snapshot, upload the team's current roster: "
    "a snapshot is always saved from the roster as uploaded, so that people match across dates."
)


def saved_line(team: str, as_of: date, *, replaced: bool) -> str:
    """The confirmation after a save."""
    verb = "Replaced" if replaced else "Saved"
    return (
        f"{verb} the snapshot of **{team}** for {long_date(as_of)}. Open the History page to see its trend, "
        "or reopen it here next time without uploading again."
    )


def as_of_problem(as_of: date, today: date) -> str | None:
    """Why a snapshot cannot be dated ``as_of`` (a day after ``today``), or ``None`` when it can."""
    if as_of > today:
        return (
            f"A snapshot cannot be dated {long_date(as_of)}, after today ({long_date(today)}): "
            "give the date the roster describes, today or earlier."
        )
    return None


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def similar_team(team: str, existing: Iterable[str]) -> str | None:
    """A warning when ``team`` differs from a saved team's name only in capitals or spaces, else ``None``."""
    if team in existing:
        return None
    near = next((e for e in existing if _folded(e) == _folded(team)), None)
    if near is None:
        return None
    return (
        f"'{team}' is saved as a new team, but a team called '{near}' already exists; the names differ "
        "only in capitals or spaces. If they are the same team, save under the existing name instead."
    )
