"""Set a region's Services rows against the roster's services (:func:`match_roster`).

Names match whatever their case and spacing ("north shore  pr" is "North Shore PR"); a row for a
service the roster does not have, and a roster service with no row, are each a listed problem with a
"did you mean", never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from planner.ingest.body import ISSUE_COLUMNS, issue
from planner.ingest.services import ServicesRead, _problem
from planner.ingest.suggest import suggest_choice


def name_key(name: str) -> str:
    """A service's name as matched: case and runs of spaces ignored ("north  shore pr" is "North Shore PR")."""
    return " ".join(str(name).split()).casefold()


def as_roster_spells(read: ServicesRead, roster_services: Sequence[str]) -> ServicesRead:
    """The Services rows with each name the roster spells differently (case, spaces) spelt as the roster does."""
    spelt = {name_key(s): str(s) for s in roster_services}
    table = read.table.copy()
    table["service"] = [spelt.get(name_key(s), s) for s in table["service"]]
    return replace(read, table=table)


def match_roster(read: ServicesRead, roster_services: Sequence[str]) -> pd.DataFrame:
    """Problems between the Services rows and the roster's services, in the ingest's issue columns.

    A row naming a service the roster does not have (with a "did you mean" when one is close) and a
    roster service with no row are both errors: the region is not modelled until every service has
    its population, so none is dropped in silence.
    """
    issues: list[dict[str, Any]] = []
    roster = list(dict.fromkeys(str(s) for s in roster_services))
    listed = [str(s) for s in read.table["service"]]
    roster_keys, listed_keys = {name_key(s) for s in roster}, {name_key(s) for s in listed}
    for service, row in zip(read.table["service"], read.table["row"], strict=True):
        if name_key(service) in roster_keys:
            continue
        hint = suggest_choice(service, [s for s in roster if s not in listed])
        issues.append(
            issue(
                read.sheet,
                int(row),
                "Service",
                service,
                _problem(
                    "services_not_in_roster",
                    "a service named in the roster's Service column",
                    "No one in the roster works in service '{value}'."
                    + (f" Did you mean '{hint}'?" if hint else " Check its spelling against the roster."),
                ),
            )
        )
    for service in roster:
        if name_key(service) in listed_keys:
            continue
        hint = suggest_choice(service, [s for s in listed if s not in roster])
        issues.append(
            issue(
                read.sheet,
                None,
                "Service",
                service,
                _problem(
                    "services_missing_row",
                    "one row per roster service, with its population",
                    "The roster has staff in service '{value}' but the Services sheet has no row for it"
                    + (f" (did you mean the row '{hint}'?)" if hint else "")
                    + "; add a row with its Population or Eligible population.",
                ),
            )
        )
    return pd.DataFrame(issues, columns=ISSUE_COLUMNS).astype({"row": "Int64"})
