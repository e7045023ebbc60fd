"""Alembic revisions, oldest first; each upgrades a stored database without losing its rows."""
