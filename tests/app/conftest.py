"""Shared AppTest fixtures: capturing the bytes of deferred downloads (ecosystem.md §4)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """Record every deferred download callable by file name (AppTest does not expose the bytes).

    The repository root goes on the path too, since pages import ``pages._downloads``.
    """
    monkeypatch.syspath_prepend(str(ROOT))
    captured: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


@pytest.fixture(autouse=True)
def history_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every page test saves to its own SQLite history database, never the default one in the home folder."""
    url = f"sqlite:///{tmp_path / 'history.db'}"
    monkeypatch.setenv("PLANNER_DB_URL", url)
    monkeypatch.setenv("PLANNER_ID_KEY", "test-key-not-secret")
    return url
