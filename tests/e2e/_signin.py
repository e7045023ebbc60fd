"""A real OpenID Connect provider (``oidc-provider-mock``) and a dashboard configured to sign in against it.

The provider runs in a thread on a free port and accepts any client id and secret; its authorize page
asks for a subject, which the sign-in helper types (the provider then issues ``email`` = that subject).
The dashboard is started as ``make run`` starts it, with a temporary ``secrets.toml`` carrying the
``[auth]`` section (through Streamlit's ``secrets.files`` option) and its own database.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.conftest import TEST_ID_KEY, need_chromium, serve


@contextmanager
def oidc_provider() -> Iterator[str]:
    """Run the mock provider on a free port; yield its issuer URL."""
    mock = pytest.importorskip("oidc_provider_mock")
    with mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


def write_secrets(folder: Path, issuer: str, app_port: int) -> Path:
    """A ``secrets.toml`` with the ``[auth]`` section pointing Streamlit at the provider."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "skill-mix-planner"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
    )
    return path


@contextmanager
def signin_app(folder: Path, db_url: str, *, log_name: str = "server-signin.log") -> Iterator[str]:
    """The dashboard with sign-in configured against a fresh mock provider and ``db_url``; yield its URL."""
    from tests.e2e.conftest import _free_port

    need_chromium()
    with oidc_provider() as issuer:
        port = _free_port()
        path = write_secrets(folder, issuer, port)
        with serve(
            log_name=log_name,
            port=port,
            args=["--secrets.files", str(path)],
            env={"PLANNER_DB_URL": db_url, "PLANNER_ID_KEY": TEST_ID_KEY},
        ) as url:
            yield url


def sign_in(page, url: str, who: str) -> None:
    """Open the dashboard, press Sign in, and authorise ``who`` on the provider's page."""
    page.goto(url)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name='sub']").fill(who)
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text(f"Signed in as {who}").wait_for(timeout=60_000)


@contextmanager
def shared_database(folder: Path) -> Iterator[str]:
    """A real Postgres database (a throwaway server from ``tests/postgres.py``), as a shared deployment has.

    Without a Postgres server here the story runs on SQLite instead, unless ``PLANNER_REQUIRE_POSTGRES=1``
    (``.ci/run``), when that is a failure.
    """
    import os

    from tests import postgres

    try:
        server = postgres.start()
    except postgres.Unavailable as exc:
        if os.environ.get("PLANNER_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PLANNER_REQUIRE_POSTGRES=1 but no Postgres server could be started: {exc}")
        yield f"sqlite:///{folder / 'history.db'}"
        return
    try:
        yield server.new_database()
    finally:
        server.stop()
