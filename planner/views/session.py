"""Session defaults for the dashboard: what every page can rely on being in ``st.session_state``.

The dashboard opens on the built-in synthetic sample team, so a first-time user sees real figures
without uploading anything. Staff names live only in this per-session state, never on disk or in logs.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from functools import cache
from typing import Any

import pandas as pd

from planner import samples
from planner.expansion.scenario import Scenario
from planner.expansion.words import value_words
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


class Keys:
    """The names of ``st.session_state`` entries, in one place so that two pages never disagree.

    Entries one page writes and others read, entries a page keeps between its runs, and the widget
    keys a page reads or clears through the session state. A widget key names one thing: a date on
    two pages that means two different things has two keys.
    """

    #: The :class:`~planner.ingest.read.RosterRead` every page works on (the sample until an upload).
    ROSTER = "roster"
    #: What the pages call that roster: the uploaded file's name, or :data:`SAMPLE_NAME`.
    ROSTER_NAME = "roster_name"
    #: The accepted upload's ``(bytes, file name)``, shown again when the user comes back to Team.
    ROSTER_UPLOAD = "roster_upload"
    #: The uploader's file id the user set aside with "Use the sample team".
    DISMISSED_UPLOAD = "dismissed_upload"
    #: The Team page's column-mapping editor, and the (file, size, sheet) its edits belong to.
    COLUMN_MAP = "column_map"
    COLUMN_MAP_SOURCE = "column_map_source"
    #: The Team page's corrections of rejected rows: ``(file, sheet and mapping it belongs to, fixes)``,
    #: and the editor widget that shows them.
    ROSTER_FIXES = "roster_fixes"
    ROW_FIXES_EDITOR = "row_fixes_editor"
    #: The Team page's levels set by hand: staff id → the framework level label they are judged at.
    LEVEL_OVERRIDES = "level_overrides"
    #: The Coverage page's "Statuses as of" date.
    COVERAGE_AS_OF = "coverage_as_of"
    #: The Expansion page's scenario choice, its uploaded scenario and that upload's file id.
    SCENARIO = "scenario"
    UPLOADED_SCENARIO = "uploaded_scenario"
    UPLOADED_ID = "uploaded_id"
    #: The Expansion model's date (week 0 of the waiting list).
    MODEL_AS_OF = "model_as_of"
    #: The session's scenario: the one the user works on, with their edits (a
    #: :class:`~planner.expansion.scenario.Scenario`), which the Business case page builds the pack
    #: from by default; and the Expansion choice it was edited from. Plain entries, not widget keys,
    #: so they outlive a visit to another page.
    WORKING_SCENARIO = "working_scenario"
    WORKING_BASE = "working_base"
    #: The Skill mix page's least-cost mix: ``(key of what it was computed from, view)``, kept so a
    #: rerun for another widget does not solve again.
    LEAST_COST = "least_cost"
    #: The Expansion page's least-cost option: ``(key, (scenario or None, reason))``, solved again only
    #: when the scenario, team or the Skill mix page's least-cost settings change.
    LEAST_COST_OPTION = "least_cost_option"
    #: Who is using the dashboard: the signed-in identity (email, else ``sub``) or
    #: :data:`~planner.views.access.LOCAL_USER`, set by ``app.py`` on every run from ``st.user``
    #: (never trusted from an earlier run), and whether sign-in is configured.
    USER = "signed_in_as"
    SIGN_IN = "sign_in_configured"
    #: The saved snapshot the session's roster was reopened from: ``(team, as_of)``; dropped by an upload.
    REOPENED = "reopened_snapshot"
    #: A save the store refused because the team already has that date: ``(team, as_of, message)``,
    #: kept until the user replaces it or keeps the stored one.
    PENDING_REPLACE = "pending_replace"
    #: The teams whose opening this session has already written to the access log.
    LOGGED_OPEN = "logged_open"
    #: The Team page's service type choice ("roster" or a type id) and the ARRS page's figures.
    SERVICE_TYPE = "service_type_choice"
    ARRS_POPULATION = "arrs_population"
    ARRS_LIST_SIZE = "arrs_list_size"
    ARRS_MAXIMA = "arrs_maxima"
    #: The service the Region page's drill-down chose: Coverage, Skill mix, People and Expansion show
    #: that service's staff only until it is cleared (absent or None: every service).
    SERVICE_FILTER = "service_filter"
    #: The Region page's Services table as last modelled (each service's population and own values, in
    #: the engine's columns), which the Business case page builds the regional pack from.
    REGION_SERVICES = "region_services"


@cache
def sample_roster() -> RosterRead:
    """The sample team, read through the same ingest as an upload (cached for the process)."""
    data, filename = samples.sample_team_bytes()
    return read_team(data, filename)


def ensure_defaults(state: MutableMapping[str, Any]) -> None:
    """Put the sample team in the session when nothing has been uploaded yet."""
    if Keys.ROSTER not in state:
        state[Keys.ROSTER] = sample_roster()
        state[Keys.ROSTER_NAME] = SAMPLE_NAME


def scenario_edits(base: Scenario, edited: Scenario) -> pd.DataFrame:
    """What the user changed: one row per parameter whose value differs from the scenario it was edited from.

    Returns:
        ``Parameter``, ``Value in the scenario``, ``Edited value``, all in words (empty when unedited).
    """
    rows = [
        {
            "Parameter": p.label,
            "Value in the scenario": value_words(base.parameters[n], base.parameters[n].value),
            "Edited value": value_words(p, p.value),
        }
        for n, p in edited.parameters.items()
        if n in base.parameters and p.value != base.parameters[n].value
    ]
    return pd.DataFrame(rows, columns=["Parameter", "Value in the scenario", "Edited value"])
