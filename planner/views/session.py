"""Session defaults for the dashboard: what every page can rely on being in ``st.session_state``.

The dashboard opens on the built-in synthetic sample team, so a first-time user sees real figures
without uploading anything. Staff names live only in this per-session state, never on disk or in logs.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from functools import cache
from typing import Any

from planner import samples
from planner.ingest.read import RosterRead, read_roster
from planner.reference.catalogue import load_catalogue

SAMPLE_NAME = "Sample team (synthetic)"


def read_team(
    data: bytes, filename: str, *, sheet: str | None = None, mapping: Mapping[str, str] | None = None
) -> RosterRead:
    """Read a roster for the dashboard, against the competency catalogue of the shipped frameworks.

    Raises:
        RosterRefused: the whole file is refused.
        MappingError: a mapping target is not a field.
        ReferenceDataError: a shipped framework file is broken (a fault of the installation, not the upload).
    """
    return read_roster(data, filename, catalogue=load_catalogue(), sheet=sheet, mapping=mapping)


@cache
def sample_roster() -> RosterRead:
    """The sample team, read through the same ingest as an upload (cached for the process)."""
    data, filename = samples.sample_team_bytes()
    return read_team(data, filename)


def ensure_defaults(state: MutableMapping[str, Any]) -> None:
    """Put the sample team in the session when nothing has been uploaded yet."""
    if "roster" not in state:
        state["roster"] = sample_roster()
        state["roster_name"] = SAMPLE_NAME
