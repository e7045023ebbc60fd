"""Service types on the staff of a snapshot: service type, ARRS role, practice, start date, salary.

The roster now reads these columns (homecare and primary care networks). Salary is personal data:
it is written only when the team stores names, and cleared with names when that is turned off.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("service_type", sa.String(60)),
    ("arrs_role", sa.String(200)),
    ("practice", sa.String(200)),
    ("start_date", sa.Date),
    ("salary", sa.Float),
)


def upgrade() -> None:
    """Add the columns; existing rows keep their values (the new columns start empty)."""
    with op.batch_alter_table("snapshot_staff") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind))


def downgrade() -> None:
    """Remove what the upgrade added."""
    with op.batch_alter_table("snapshot_staff") as batch:
        for name, _kind in reversed(_COLUMNS):
            batch.drop_column(name)
