"""Session defaults for the dashboard: what every page can rely on being in ``st.session_state``.

The dashboard opens on the built-in synthetic sample team, so a first-time user sees real figures
without uploading anything. Staff names live only in this per-session state, never on disk or in logs.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from functools import cache
from typing import Any

from planner import samples
from planner.ingest.read import RosterRead, read_roster

SAMPLE_NAME = "Sample team (synthetic)"


@cache
def sample_roster() -> RosterRead:
    """The sample team, read through the same ingest as an upload (cached for the process)."""
    data, filename = samples.sample_team_bytes()
    return read_roster(data, filename)


def ensure_defaults(state: MutableMapping[str, Any]) -> None:
    """Put the sample team in the session when nothing has been uploaded yet."""
    if "roster" not in state:
        state["roster"] = sample_roster()
        state["roster_name"] = SAMPLE_NAME
