"""A running dashboard (``scripts/serve.py``, as ``make run`` starts it) and Debian's Chromium driven by Playwright (ecosystem.md §5)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = os.environ.get("PLANNER_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
#: The staff-id hash key of the test servers (never the default key file in the home folder).
TEST_ID_KEY = "e2e-test-key-not-a-secret"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def need_chromium() -> None:
    """Skip when Chromium is missing (under ``PLANNER_REQUIRE_BROWSER`` a skipped e2e test fails the run: tests/conftest.py)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium).")


@contextmanager
def serve(
    *,
    log_name: str = "server.log",
    port: int | None = None,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Start the dashboard as ``make run`` does on a free loopback port, with extra options and environment; yield its URL."""
    port = port or _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = (ARTIFACTS / log_name).open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "scripts/serve.py",  # what `make run` uses: app.py with the legacy pages/ mode off
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            *args,
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited early with {proc.returncode}; see {ARTIFACTS / log_name}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("streamlit did not become healthy within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the dashboard on a free loopback port, saving to a temporary history database; stop it after the session."""
    need_chromium()
    folder = tmp_path_factory.mktemp("history")
    with serve(
        env={"PLANNER_DB_URL": f"sqlite:///{folder / 'history.db'}", "PLANNER_ID_KEY": TEST_ID_KEY}
    ) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium under Playwright (its own browser download is impossible offline)."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, server_url: str) -> Iterator[object]:
    """A fresh browser page at 1400×1000 with downloads allowed."""
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and downloads are saved (test-artifacts/e2e)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
