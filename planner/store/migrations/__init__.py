"""Alembic migrations of the history database, shipped inside the package so an installed copy migrates."""
