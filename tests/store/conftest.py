"""Storage tests run against SQLite and a real Postgres server started for the session.

``db_url`` is parametrised over both; each test gets an empty database. Without a Postgres server the
Postgres cases skip with the reason, unless ``PLANNER_REQUIRE_POSTGRES=1`` (``.ci/run``), when they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests import postgres


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres.Server]:
    try:
        server = postgres.start()
    except postgres.Unavailable as exc:
        if os.environ.get("PLANNER_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PLANNER_REQUIRE_POSTGRES=1 but no Postgres server could be started: {exc}")
        pytest.skip(f"no Postgres server: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: postgres.Server) -> Iterator[str]:
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.db'}"
    return request.getfixturevalue("pg_url")


KEY = b"test-key-not-a-secret"


@pytest.fixture(scope="session")
def roster():
    """The committed sample team, read as the app reads it (staff and competency records)."""
    from planner.ingest.read import read_roster
    from planner.reference.catalogue import load_catalogue
    from planner.samples import sample_team_bytes

    return read_roster(*sample_team_bytes(), catalogue=load_catalogue())


@pytest.fixture
def store(db_url: str):
    from planner.store import open_store

    s = open_store(db_url, id_key=KEY)
    yield s
    s.close()
