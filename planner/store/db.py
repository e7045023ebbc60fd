"""Opening the history database: the engine, the migrations, and clear refusals.

:func:`open_store` connects, runs ``alembic upgrade head`` on the connection (the migrations ship in
``planner/store/migrations``), and returns a :class:`Store`. Every failure to open is a
:class:`StoreError` whose message says what is wrong and what to do, with any password hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError

from planner.store import schema as t
from planner.store.ids import key_check
from planner.store.url import find_id_key, find_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "head"


class StoreError(Exception):
    """The history database cannot be opened or used; the message is for people."""


@dataclass(frozen=True)
class Store:
    """An open history database: its engine, its URL for display (no password), and the id key."""

    engine: sa.Engine
    url: str
    id_key: bytes = field(repr=False)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()


def _normalise(url: str) -> str:
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


def _alembic_config(connection: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: sa.Engine, revision: str = HEAD) -> None:
    """Upgrade the database to ``revision`` (default: the newest) in one transaction."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # two servers opening a fresh database at once: one migrates, the other waits for it
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(7215001)"))
        command.upgrade(_alembic_config(conn), revision)


def open_store(url: str | None = None, *, id_key: bytes | None = None, revision: str = HEAD) -> Store:
    """Open (and create or migrate) the history database.

    Args:
        url: any SQLAlchemy URL; ``None`` looks it up (:func:`planner.store.url.find_url`).
        id_key: the staff-id hash key; ``None`` looks it up (:func:`planner.store.url.find_id_key`).
        revision: the migration to stop at (tests of older schemas); default the newest.

    Raises:
        StoreError: the URL is malformed, the file is not a database, the server cannot be reached,
            or a migration failed. Nothing stored is changed by a failed migration (one transaction).
            Also when the database was written with a different staff-id key (people would no longer
            match across dates).
    """
    raw = _normalise(url if url is not None else find_url().url)
    try:
        parsed = sa.make_url(raw)
        shown = parsed.render_as_string(hide_password=True)
        args = {"timeout": 30} if parsed.get_backend_name() == "sqlite" else {"connect_timeout": 5}
        engine = sa.create_engine(parsed, connect_args=args, pool_pre_ping=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ValueError) as exc:
        raise StoreError(
            f"'{raw.split('@')[-1]}' is not a database address this planner can use ({exc}). "
            "Give a SQLAlchemy URL such as sqlite:///path/to/history.db or postgresql://user@host/db."
        ) from None
    try:
        migrate(engine, revision)
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        text = str(exc.orig) if getattr(exc, "orig", None) is not None else str(exc)
        if "not a database" in text or "file is encrypted" in text:
            why = "the file is not a database (is it a roster or another file?). Choose another file."
        elif isinstance(exc, sa.exc.OperationalError):
            why = f"the database cannot be reached or opened ({text.strip().splitlines()[0]}). Check the address, that the server is running, and the password."
        else:
            why = f"upgrading its tables failed ({text.strip().splitlines()[0]}); nothing stored was changed."
        raise StoreError(f"Cannot open the history database {shown}: {why}") from None
    except CommandError as exc:
        engine.dispose()
        raise StoreError(
            f"Cannot open the history database {shown}: its tables are at a version this planner does not "
            f"know ({exc}); it may have been written by a newer planner. Nothing stored was changed."
        ) from None
    key = id_key if id_key is not None else find_id_key()
    if revision == HEAD:
        try:
            _check_key(engine, key)
        except StoreError:
            engine.dispose()
            raise
    return Store(engine, shown, key)


def _check_key(engine: sa.Engine, key: bytes) -> None:
    """Store the key's check value on first open; refuse a key whose check value differs."""
    mine = key_check(key)
    where = t.settings.c.name == "id_key_check"
    with engine.connect() as conn:
        stored = conn.execute(sa.select(t.settings.c.value).where(where)).scalar()
    if stored is None:
        try:
            with engine.begin() as conn:
                conn.execute(t.settings.insert().values(name="id_key_check", value=mine))
            return
        except sa.exc.IntegrityError:  # another server wrote it first: compare with theirs
            with engine.connect() as conn:
                stored = conn.execute(sa.select(t.settings.c.value).where(where)).scalar()
    if stored != mine:
        raise StoreError(
            "This database was written with a different staff-id key; set PLANNER_ID_KEY (or [planner] "
            "id_key in secrets.toml) to the key it was written with, or people would not match across dates."
        )


def schema_revision(store: Store) -> str | None:
    """The migration the database is at (``None`` before the first)."""
    with store.engine.connect() as conn:
        try:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        except sa.exc.DatabaseError:
            return None
