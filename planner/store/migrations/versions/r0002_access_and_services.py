"""Shared use: members, regions, the access log, team settings, Services rows.

Members and roles, users' regions, the access log, a team's service type, region and retention, and
the Services rows of a snapshot.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the columns and tables; existing rows keep their values (new columns start empty)."""
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("service_type", sa.String(60)))
        batch.add_column(sa.Column("region", sa.String(200)))
        batch.add_column(sa.Column("retention_days", sa.Integer))
    op.create_table(
        "snapshot_services",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id"), nullable=False, index=True),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("population", sa.Float),
        sa.Column("overrides", sa.JSON),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), primary_key=True),
        sa.Column("user", sa.String(200), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("user", sa.String(200), primary_key=True),
        sa.Column("region", sa.String(200)),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.current_timestamp()
        ),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("team", sa.String(200), nullable=False, index=True),
        sa.Column("action", sa.String(20), nullable=False),
    )


def downgrade() -> None:
    """Remove what the upgrade added."""
    for name in ("access_log", "users", "team_members", "snapshot_services"):
        op.drop_table(name)
    with op.batch_alter_table("teams") as batch:
        for col in ("retention_days", "region", "service_type"):
            batch.drop_column(col)
