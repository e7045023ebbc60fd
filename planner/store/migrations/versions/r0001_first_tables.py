"""The first tables: teams, snapshots, staff and competency records per snapshot.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the first tables."""
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("owner", sa.String(200)),
        sa.Column("store_names", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()),
    )
    op.create_table(
        "snapshots",
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
    op.create_table(
        "snapshot_staff",
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
    )
    op.create_table(
        "snapshot_records",
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


def downgrade() -> None:
    """Drop the first tables."""
    for name in ("snapshot_records", "snapshot_staff", "snapshots", "teams"):
        op.drop_table(name)
