"""The tables of the history database at the newest migration (SQLAlchemy Core).

The migrations in ``planner/store/migrations/versions`` build these tables; this module only describes
them for queries. A change here needs a new migration beside it.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

teams = sa.Table(
    "teams",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("owner", sa.String(200)),
    sa.Column("store_names", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()),
    # added by migration 0002
    sa.Column("service_type", sa.String(60)),
    sa.Column("region", sa.String(200)),
    sa.Column("retention_days", sa.Integer),
)

snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("saved_by", sa.String(200), nullable=False),
    sa.Column(
        "saved_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.Column("framework_id", sa.String(60), nullable=False),
    sa.Column("framework_version", sa.String(200)),
    sa.Column("figures", sa.JSON, nullable=False),
    sa.UniqueConstraint("team_id", "as_of", name="uq_snapshots_team_as_of"),
)

staff = sa.Table(
    "snapshot_staff",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id"), nullable=False, index=True),
    sa.Column("staff_key", sa.String(64), nullable=False),
    sa.Column("name", sa.String(200)),
    sa.Column("service", sa.String(200)),
    sa.Column("band", sa.String(10), nullable=False),
    sa.Column("wte", sa.Float),
    sa.Column("function", sa.String(60)),
    sa.Column("profession", sa.String(200)),
    sa.Column("registration_body", sa.String(200)),
    sa.Column("registration", sa.String(30)),
    sa.Column("career_level", sa.String(60)),
    sa.Column("role", sa.String(200)),
    sa.Column("judged_at", sa.String(60)),
    sa.Column("leaving_date", sa.Date),
    sa.Column("row", sa.Integer),
    # added by migration 0003 (salary only when the team stores names)
    sa.Column("service_type", sa.String(60)),
    sa.Column("arrs_role", sa.String(200)),
    sa.Column("practice", sa.String(200)),
    sa.Column("start_date", sa.Date),
    sa.Column("salary", sa.Float),
)

records = sa.Table(
    "snapshot_records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id"), nullable=False, index=True),
    sa.Column("staff_key", sa.String(64), nullable=False),
    sa.Column("competency_id", sa.String(100), nullable=False),
    sa.Column("competency_text", sa.Text),
    sa.Column("achieved", sa.Boolean),
    sa.Column("in_progress", sa.Boolean),
    sa.Column("self_assessed_on", sa.Date),
    sa.Column("signed_off_on", sa.Date),
    sa.Column("expires_on", sa.Date),
    sa.Column("service", sa.String(200)),
    sa.Column("signed_off_by", sa.String(200)),
    sa.Column("evidence", sa.Text),
    sa.Column("row", sa.Integer),
)

# added by migration 0002
services = sa.Table(
    "snapshot_services",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id"), nullable=False, index=True),
    sa.Column("service", sa.String(200), nullable=False),
    sa.Column("population", sa.Float),
    sa.Column("overrides", sa.JSON),
)

members = sa.Table(
    "team_members",
    metadata,
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), primary_key=True),
    sa.Column("user", sa.String(200), primary_key=True),
    sa.Column("role", sa.String(20), nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("user", sa.String(200), primary_key=True),
    sa.Column("region", sa.String(200)),
)

access_log = sa.Table(
    "access_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.current_timestamp()),
    sa.Column("user", sa.String(200), nullable=False),
    sa.Column("team", sa.String(200), nullable=False, index=True),
    sa.Column("action", sa.String(20), nullable=False),
)

# added by migration 0004: the staff-id key's check value (an HMAC of a fixed string, never the key)
settings = sa.Table(
    "store_settings",
    metadata,
    sa.Column("name", sa.String(60), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
