"""The typed results of the history store: teams, snapshots, members, access-log entries, refusals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

#: The roles a team member can hold.
ROLES: tuple[str, ...] = ("owner", "member", "commissioner")
#: What the access log records (never what was in the team).
ACTIONS: tuple[str, ...] = ("opened", "exported", "saved", "deleted")


class SnapshotExists(Exception):
    """A snapshot of this team on this date is already stored; saved again only with ``replace``."""

    def __init__(self, team: str, as_of: date, saved_by: str, saved_at: datetime | None) -> None:
        self.team, self.as_of, self.saved_by, self.saved_at = team, as_of, saved_by, saved_at
        at = saved_at.astimezone(UTC) if saved_at and saved_at.tzinfo else saved_at  # stored as UTC
        when = f" on {at.day} {at:%B %Y at %H:%M} UTC" if at else ""
        super().__init__(
            f"Team '{team}' already has a snapshot for {as_of.day} {as_of:%B %Y}, saved by {saved_by}{when}. "
            "Replace it on purpose, or choose another date."
        )


class NotFound(LookupError):
    """No such team or snapshot; the message names what was asked for."""


@dataclass(frozen=True)
class TeamInfo:
    """One team as listed: its settings and how many snapshots it has."""

    name: str
    owner: str | None
    service_type: str | None
    region: str | None
    store_names: bool
    retention_days: int | None
    snapshots: int
    latest: date | None


@dataclass(frozen=True)
class SnapshotInfo:
    """One snapshot's header and the figures computed when it was saved."""

    team: str
    as_of: date
    saved_by: str
    saved_at: datetime | None
    framework_id: str
    framework_version: str | None
    figures: dict[str, Any] = field(repr=False)

    @property
    def people(self) -> int:
        """Headcount when saved."""
        return int(self.figures.get("people", 0))

    @property
    def wte(self) -> float:
        """WTE when saved."""
        return float(self.figures.get("wte", 0.0))


@dataclass(frozen=True)
class Snapshot:
    """A stored snapshot: its header and its staff and records in the shape the rest of planner uses.

    ``staff["staff_id"]`` and ``records["staff_id"]`` hold the keyed hash, never the raw id; names,
    sign-off names and evidence are empty unless the team stores names.
    """

    info: SnapshotInfo
    staff: pd.DataFrame
    records: pd.DataFrame
    services: pd.DataFrame

    @property
    def as_of(self) -> date:
        """The snapshot's as-of date."""
        return self.info.as_of

    @property
    def figures(self) -> dict[str, Any]:
        """The figures computed when it was saved."""
        return self.info.figures


@dataclass(frozen=True)
class Member:
    """A user's role in a team."""

    team: str
    user: str
    role: str


@dataclass(frozen=True)
class AccessEntry:
    """One line of the access log: who did what to which team, and when; never what was in it."""

    at: datetime | None
    user: str
    team: str
    action: str
