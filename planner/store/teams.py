"""Teams and who may see them: members and roles, commissioners' regions, names, retention, the access log.

Access rules: a user sees a team when they are one of its members (``owner``, ``member`` or
``commissioner``), or when the team's region is the region recorded for the user (a commissioner
sees their region's services). Owners and members may save; only an owner manages members.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

import sqlalchemy as sa

from planner.store import schema as t
from planner.store.db import Store
from planner.store.model import ACTIONS, ROLES, AccessEntry, Member, NotFound, TeamInfo
from planner.store.snapshots import _delete_snapshot_rows, ensure_team, team_id

log = logging.getLogger(__name__)


def _require(conn: sa.Connection, team: str) -> int:
    tid = team_id(conn, team)
    if tid is None:
        raise NotFound(f"There is no team called '{team}'.")
    return tid


def _visible(user: str) -> sa.ColumnElement[bool]:
    member = sa.select(t.members.c.team_id).where(t.members.c.user == user)
    region = sa.select(t.users.c.region).where(t.users.c.user == user, t.users.c.region.is_not(None))
    return sa.or_(t.teams.c.id.in_(member), t.teams.c.region.in_(region))


def list_teams(store: Store, user: str | None = None) -> list[TeamInfo]:
    """Every team (``user=None``: the administrator's or single-user view), or the teams ``user`` may see."""
    count = sa.func.count(t.snapshots.c.id)
    query = (
        sa.select(t.teams, count.label("n"), sa.func.max(t.snapshots.c.as_of).label("latest"))
        .select_from(t.teams.outerjoin(t.snapshots, t.snapshots.c.team_id == t.teams.c.id))
        .group_by(*t.teams.c)
        .order_by(t.teams.c.name)
    )
    if user is not None:
        query = query.where(_visible(user))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        TeamInfo(
            r.name,
            r.owner,
            r.service_type,
            r.region,
            bool(r.store_names),
            r.retention_days,
            int(r.n),
            r.latest,
        )
        for r in rows
    ]


def can_access(store: Store, user: str, team: str) -> bool:
    """Whether ``user`` may open, list or export ``team``."""
    with store.engine.connect() as conn:
        return (
            conn.execute(sa.select(t.teams.c.id).where(t.teams.c.name == team, _visible(user))).first()
            is not None
        )


def can_save(store: Store, user: str, team: str) -> bool:
    """Whether ``user`` may save a snapshot of ``team``: an owner or member, or anyone for a new team."""
    with store.engine.connect() as conn:
        tid = team_id(conn, team)
        if tid is None:
            return True
        role = conn.execute(
            sa.select(t.members.c.role).where(t.members.c.team_id == tid, t.members.c.user == user)
        ).scalar()
    return role in ("owner", "member")


def add_member(store: Store, team: str, user: str, role: str = "member") -> Member:
    """Give ``user`` a role in ``team`` (replacing any role they had); creates the team when new."""
    if role not in ROLES:
        raise ValueError(f"A role is one of {', '.join(ROLES)}, not '{role}'.")
    tid = ensure_team(store, team)
    with store.engine.begin() as conn:
        conn.execute(t.members.delete().where(t.members.c.team_id == tid, t.members.c.user == user))
        conn.execute(t.members.insert().values(team_id=tid, user=user, role=role))
        if role == "owner":
            conn.execute(
                t.teams.update().where(t.teams.c.id == tid, t.teams.c.owner.is_(None)).values(owner=user)
            )
    return Member(team, user, role)


def remove_member(store: Store, team: str, user: str) -> bool:
    """Take ``user`` out of ``team``; ``True`` when they were in it."""
    with store.engine.begin() as conn:
        tid = _require(conn, team)
        return (
            conn.execute(
                t.members.delete().where(t.members.c.team_id == tid, t.members.c.user == user)
            ).rowcount
            > 0
        )


def members(store: Store, team: str) -> list[Member]:
    """The team's members and their roles, owners first."""
    order = sa.case({r: i for i, r in enumerate(ROLES)}, value=t.members.c.role)
    with store.engine.connect() as conn:
        tid = _require(conn, team)
        rows = conn.execute(
            sa.select(t.members).where(t.members.c.team_id == tid).order_by(order, t.members.c.user)
        ).all()
    return [Member(team, r.user, r.role) for r in rows]


def set_user_region(store: Store, user: str, region: str | None) -> None:
    """Record the region a commissioner sees (``None`` clears it)."""
    with store.engine.begin() as conn:
        conn.execute(t.users.delete().where(t.users.c.user == user))
        conn.execute(t.users.insert().values(user=user, region=region))


def set_team_details(
    store: Store, team: str, *, region: str | None = None, service_type: str | None = None
) -> None:
    """Set a team's region and service type (creates the team when new)."""
    tid = ensure_team(store, team)
    with store.engine.begin() as conn:
        conn.execute(
            t.teams.update().where(t.teams.c.id == tid).values(region=region, service_type=service_type)
        )


def set_store_names(store: Store, team: str, on: bool) -> None:
    """Turn storing names, salaries, sign-off names and evidence on or off; off deletes those stored."""
    tid = ensure_team(store, team)
    with store.engine.begin() as conn:
        conn.execute(t.teams.update().where(t.teams.c.id == tid).values(store_names=on))
        if not on:
            ids = sa.select(t.snapshots.c.id).where(t.snapshots.c.team_id == tid)
            conn.execute(
                t.staff.update().where(t.staff.c.snapshot_id.in_(ids)).values(name=None, salary=None)
            )
            conn.execute(
                t.records.update()
                .where(t.records.c.snapshot_id.in_(ids))
                .values(signed_off_by=None, evidence=None)
            )


def set_retention(store: Store, team: str, days: int | None) -> None:
    """Keep the team's snapshots for ``days`` after their as-of date (``None``: keep them)."""
    if days is not None and days < 1:
        raise ValueError("A retention period is at least one day.")
    tid = ensure_team(store, team)
    with store.engine.begin() as conn:
        conn.execute(t.teams.update().where(t.teams.c.id == tid).values(retention_days=days))


def apply_retention(store: Store, today: date) -> int:
    """Delete every snapshot older than its team's retention period on ``today``; return how many."""
    deleted = 0
    with store.engine.begin() as conn:
        for tid, days in conn.execute(
            sa.select(t.teams.c.id, t.teams.c.retention_days).where(t.teams.c.retention_days.is_not(None))
        ):
            cutoff = today - timedelta(days=int(days))
            ids = list(
                conn.execute(
                    sa.select(t.snapshots.c.id).where(
                        t.snapshots.c.team_id == tid, t.snapshots.c.as_of < cutoff
                    )
                ).scalars()
            )
            _delete_snapshot_rows(conn, ids)
            deleted += len(ids)
    log.info("retention: %d snapshot(s) deleted", deleted)
    return deleted


def delete_team(store: Store, team: str) -> bool:
    """Delete a team, its snapshots and its members; the access log keeps who deleted it."""
    with store.engine.begin() as conn:
        tid = team_id(conn, team)
        if tid is None:
            return False
        _delete_snapshot_rows(
            conn,
            list(conn.execute(sa.select(t.snapshots.c.id).where(t.snapshots.c.team_id == tid)).scalars()),
        )
        conn.execute(t.members.delete().where(t.members.c.team_id == tid))
        conn.execute(t.teams.delete().where(t.teams.c.id == tid))
    return True


def log_access(store: Store, user: str, team: str, action: str) -> None:
    """Record that ``user`` opened, exported, saved or deleted ``team``; never what was in it."""
    if action not in ACTIONS:
        raise ValueError(f"An access-log action is one of {', '.join(ACTIONS)}, not '{action}'.")
    with store.engine.begin() as conn:
        conn.execute(t.access_log.insert().values(user=user, team=team, action=action))


def access_log(store: Store, team: str) -> list[AccessEntry]:
    """The team's access log, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(t.access_log).where(t.access_log.c.team == team).order_by(t.access_log.c.id)
        ).all()
    return [AccessEntry(r.at, r.user, r.team, r.action) for r in rows]
