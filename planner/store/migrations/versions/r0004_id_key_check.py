"""A settings table holding a check value of the staff-id key, so a different key is refused.

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the settings table (empty: the first open with a key writes its check value)."""
    op.create_table(
        "store_settings",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    """Remove what the upgrade added."""
    op.drop_table("store_settings")
