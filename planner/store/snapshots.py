"""Saving, listing, loading, recomputing and deleting a team's dated snapshots.

One snapshot per team and as-of date, enforced by the database's unique constraint: of two saves of
the same pair at once, one is stored and the other gets :class:`planner.store.model.SnapshotExists`
with who saved it and when. A save is one transaction, so nothing is ever half-stored.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from planner.store import schema as t
from planner.store.db import Store
from planner.store.figures import compute_figures
from planner.store.model import NotFound, Snapshot, SnapshotExists, SnapshotInfo
from planner.store.rows import record_rows, records_frame, staff_frame, staff_rows

log = logging.getLogger(__name__)


def team_id(conn: sa.Connection, team: str) -> int | None:
    """The team's row id, or ``None``."""
    return conn.execute(sa.select(t.teams.c.id).where(t.teams.c.name == team)).scalar()


def ensure_team(store: Store, team: str, *, owner: str | None = None, service_type: str | None = None) -> int:
    """The team's id, creating the team (owned by ``owner``) when new; safe when two create it at once."""
    name = team.strip()
    if not name:
        raise ValueError("A team needs a name.")
    with store.engine.connect() as conn:
        found = team_id(conn, name)
    if found is not None:
        if owner:
            _claim(store, found, owner)
        return found
    try:
        with store.engine.begin() as conn:
            new = conn.execute(
                t.teams.insert().values(name=name, owner=owner, service_type=service_type, store_names=False)
            ).inserted_primary_key[0]
            if owner:
                conn.execute(t.members.insert().values(team_id=new, user=owner, role="owner"))
            return int(new)
    except sa.exc.IntegrityError:
        with store.engine.connect() as conn:
            found = team_id(conn, name)
        if found is None:
            raise
        return found


def _claim(store: Store, tid: int, owner: str) -> None:
    """A team created without an owner (settings set first) is owned by the first who saves it."""
    with store.engine.begin() as conn:
        done = conn.execute(
            t.teams.update().where(t.teams.c.id == tid, t.teams.c.owner.is_(None)).values(owner=owner)
        )
        if done.rowcount:
            conn.execute(t.members.delete().where(t.members.c.team_id == tid, t.members.c.user == owner))
            conn.execute(t.members.insert().values(team_id=tid, user=owner, role="owner"))


def _info(team: str, row: sa.Row) -> SnapshotInfo:
    saved_at = row.saved_at
    if isinstance(saved_at, str):  # SQLite's CURRENT_TIMESTAMP read back through a raw query
        saved_at = datetime.fromisoformat(saved_at)
    if isinstance(saved_at, datetime):
        # SQLite keeps no time zone: CURRENT_TIMESTAMP is UTC; Postgres returns it in the session's zone
        saved_at = saved_at.replace(tzinfo=UTC) if saved_at.tzinfo is None else saved_at.astimezone(UTC)
    return SnapshotInfo(
        team, row.as_of, row.saved_by, saved_at, row.framework_id, row.framework_version, dict(row.figures)
    )


def _existing(store: Store, team: str, as_of: date) -> SnapshotInfo | None:
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(t.snapshots)
            .join(t.teams, t.teams.c.id == t.snapshots.c.team_id)
            .where(t.teams.c.name == team, t.snapshots.c.as_of == as_of)
        ).first()
    return None if row is None else _info(team, row)


def _delete_snapshot_rows(conn: sa.Connection, snapshot_ids: list[int]) -> None:
    if not snapshot_ids:
        return
    for table in (t.records, t.staff, t.services):
        conn.execute(table.delete().where(table.c.snapshot_id.in_(snapshot_ids)))
    conn.execute(t.snapshots.delete().where(t.snapshots.c.id.in_(snapshot_ids)))


def save_snapshot(
    store: Store,
    team: str,
    as_of: date,
    staff: pd.DataFrame,
    records: pd.DataFrame,
    *,
    saved_by: str,
    replace: bool = False,
    framework: str = "bts",
    services: pd.DataFrame | None = None,
    saved_at: datetime | None = None,
) -> SnapshotInfo:
    """Store a team's roster as its snapshot on ``as_of``, with its figures as computed now.

    Args:
        store: the open database.
        team: the team's name (created, owned by ``saved_by``, when new).
        as_of: the snapshot's date; one per team.
        staff: the roster's staff table (``RosterRead.staff``); ids are hashed before storing.
        records: the roster's competency records (``RosterRead.competencies``).
        saved_by: who saves it (a user name or e-mail; shown when someone else tries the same date).
        replace: replace an existing snapshot of the same team and date.
        framework: the framework id the figures are computed against.
        services: optional Services rows (``service``, ``population``, ``overrides`` dict).
        saved_at: the time to record (tests); default the database's clock.

    Raises:
        SnapshotExists: the pair is stored and ``replace`` is false, or another save of the pair won.
        KeyError: the framework id is unknown.
    """
    figures = compute_figures(staff, records, framework, as_of)
    tid = ensure_team(store, team, owner=saved_by)
    name = team.strip()
    try:
        with store.engine.begin() as conn:
            names = bool(conn.execute(sa.select(t.teams.c.store_names).where(t.teams.c.id == tid)).scalar())
            if replace:
                old = conn.execute(
                    sa.select(t.snapshots.c.id).where(
                        t.snapshots.c.team_id == tid, t.snapshots.c.as_of == as_of
                    )
                ).scalars()
                _delete_snapshot_rows(conn, list(old))
            values: dict[str, Any] = {
                "team_id": tid,
                "as_of": as_of,
                "saved_by": saved_by,
                "framework_id": framework,
                "framework_version": figures["framework"]["version"],
                "figures": figures,
            }
            if saved_at is not None:
                values["saved_at"] = saved_at
            sid = conn.execute(t.snapshots.insert().values(**values)).inserted_primary_key[0]
            if len(staff):
                conn.execute(t.staff.insert(), staff_rows(staff, sid, store.id_key, names))
            if len(records):
                conn.execute(t.records.insert(), record_rows(records, sid, store.id_key, names))
            if services is not None and len(services):
                conn.execute(t.services.insert(), _service_rows(services, sid))
    except sa.exc.IntegrityError:
        existing = _existing(store, name, as_of)
        if existing is None:
            raise
        log.info("snapshot refused: the team and date were already stored")
        raise SnapshotExists(name, as_of, existing.saved_by, existing.saved_at) from None
    log.info("snapshot saved: %d posts, %d records", len(staff), len(records))
    saved = _existing(store, name, as_of)
    if saved is None:  # deleted by someone else between the commit and this read
        raise NotFound(f"Team '{name}' has no snapshot on {as_of.day} {as_of:%B %Y}.")
    return saved


def _service_rows(services: pd.DataFrame, sid: int) -> list[dict[str, Any]]:
    out = []
    for r in services.to_dict("records"):
        pop = r.get("population")
        out.append(
            {
                "snapshot_id": sid,
                "service": str(r["service"]),
                "population": None if pop is None or pop != pop else float(pop),
                "overrides": r.get("overrides") if isinstance(r.get("overrides"), dict) else None,
            }
        )
    return out


def list_snapshots(store: Store, team: str) -> list[SnapshotInfo]:
    """The team's snapshots in date order, oldest first (empty for an unknown team)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(t.snapshots)
            .join(t.teams, t.teams.c.id == t.snapshots.c.team_id)
            .where(t.teams.c.name == team)
            .order_by(t.snapshots.c.as_of)
        ).all()
    return [_info(team, r) for r in rows]


def load_snapshot(store: Store, team: str, as_of: date | None = None) -> Snapshot:
    """One snapshot with its staff and records (the latest when ``as_of`` is ``None``).

    Raises:
        NotFound: no such team, or no snapshot on that date.
    """
    with store.engine.connect() as conn:
        query = (
            sa.select(t.snapshots)
            .join(t.teams, t.teams.c.id == t.snapshots.c.team_id)
            .where(t.teams.c.name == team)
        )
        query = (
            query.where(t.snapshots.c.as_of == as_of) if as_of else query.order_by(t.snapshots.c.as_of.desc())
        )
        head = conn.execute(query.limit(1)).first()
        if head is None:
            when = f" on {as_of.day} {as_of:%B %Y}" if as_of else ""
            raise NotFound(f"Team '{team}' has no snapshot{when}.")
        staff = [
            dict(r._mapping)
            for r in conn.execute(
                sa.select(t.staff).where(t.staff.c.snapshot_id == head.id).order_by(t.staff.c.id)
            )
        ]
        recs = [
            dict(r._mapping)
            for r in conn.execute(
                sa.select(t.records).where(t.records.c.snapshot_id == head.id).order_by(t.records.c.id)
            )
        ]
        svc = pd.DataFrame(
            [
                dict(r._mapping)
                for r in conn.execute(sa.select(t.services).where(t.services.c.snapshot_id == head.id))
            ],
            columns=["service", "population", "overrides"],
        )
    return Snapshot(
        _info(team, head),
        staff_frame(staff),
        records_frame(recs),
        svc[["service", "population", "overrides"]],
    )


def recompute(store: Store, team: str, as_of: date, framework: str | None = None) -> dict[str, Any]:
    """The snapshot's figures computed again under today's framework and rules, marked ``recomputed``.

    Nothing stored changes. ``framework`` defaults to the one the snapshot was saved against.
    """
    snap = load_snapshot(store, team, as_of)
    return compute_figures(
        snap.staff, snap.records, framework or snap.info.framework_id, as_of, recomputed=True
    )


def delete_snapshot(store: Store, team: str, as_of: date) -> bool:
    """Delete one snapshot and its staff and records; ``True`` when there was one."""
    with store.engine.begin() as conn:
        tid = team_id(conn, team)
        ids = (
            []
            if tid is None
            else list(
                conn.execute(
                    sa.select(t.snapshots.c.id).where(
                        t.snapshots.c.team_id == tid, t.snapshots.c.as_of == as_of
                    )
                ).scalars()
            )
        )
        _delete_snapshot_rows(conn, ids)
    return bool(ids)
