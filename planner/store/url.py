"""Where the history database is: one lookup order shared by the app and the CLI.

1. the URL given on the command line (``--db``);
2. the environment variable ``PLANNER_DB_URL``;
3. ``url`` under ``[connections.planner]`` in ``.streamlit/secrets.toml`` (the working folder's, then
   the home folder's), read here with :mod:`tomllib` so that nothing under ``planner/`` imports Streamlit;
4. the default SQLite file, ``$XDG_DATA_HOME/skill-mix-planner/history.db`` (``~/.local/share/...``
   when ``XDG_DATA_HOME`` is unset), whose folder is created on first use.

The per-deployment key that hashes staff ids is looked up in a similar order (:func:`find_id_key`).
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "skill-mix-planner"
DB_FILE_NAME = "history.db"
KEY_FILE_NAME = "id.key"


@dataclass(frozen=True)
class DatabaseUrl:
    """A database URL and, in words, where it came from."""

    url: str
    source: str  # "the --db option", "PLANNER_DB_URL", "secrets.toml", "the default file"


def default_dir(env: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """The per-user folder for the default database and id key (not created here)."""
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str((home or Path.home()) / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def secrets_files(cwd: Path | None = None, home: Path | None = None) -> list[Path]:
    """The ``secrets.toml`` files Streamlit reads, in the order they are looked at here."""
    return [
        (cwd or Path.cwd()) / ".streamlit" / "secrets.toml",
        (home or Path.home()) / ".streamlit" / "secrets.toml",
    ]


def _secret(path_list: list[Path], *keys: str) -> str | None:
    for path in path_list:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        node: object = data
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, str) and node.strip():
            return node.strip()
    return None


def find_url(
    cli_url: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    secrets_paths: list[Path] | None = None,
    home: Path | None = None,
) -> DatabaseUrl:
    """The database URL in the one lookup order, and where it came from.

    The default SQLite file's folder is created (mode 700) when the default is chosen.

    Args:
        cli_url: the ``--db`` value, if any.
        env: the environment (default: ``os.environ``).
        secrets_paths: the ``secrets.toml`` files to read (default: :func:`secrets_files`).
        home: the home folder (tests).
    """
    env = os.environ if env is None else env
    if cli_url and cli_url.strip():
        return DatabaseUrl(cli_url.strip(), "the --db option")
    if env.get("PLANNER_DB_URL", "").strip():
        return DatabaseUrl(env["PLANNER_DB_URL"].strip(), "PLANNER_DB_URL")
    found = _secret(
        secrets_files(home=home) if secrets_paths is None else secrets_paths, "connections", "planner", "url"
    )
    if found:
        return DatabaseUrl(found, "secrets.toml")
    folder = default_dir(env, home)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return DatabaseUrl(f"sqlite:///{folder / DB_FILE_NAME}", "the default file")


def find_id_key(
    *,
    env: Mapping[str, str] | None = None,
    secrets_paths: list[Path] | None = None,
    home: Path | None = None,
) -> bytes:
    """The per-deployment secret that keys the staff-id hash.

    ``PLANNER_ID_KEY``, then ``id_key`` under ``[planner]`` in ``secrets.toml``, then the key file
    ``id.key`` beside the default database, created with mode 600 on first use. Several app servers
    sharing one database must share the key (set it in the environment or in ``secrets.toml``).
    """
    env = os.environ if env is None else env
    if env.get("PLANNER_ID_KEY", "").strip():
        return env["PLANNER_ID_KEY"].strip().encode("utf-8")
    found = _secret(secrets_files(home=home) if secrets_paths is None else secrets_paths, "planner", "id_key")
    if found:
        return found.encode("utf-8")
    folder = default_dir(env, home)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / KEY_FILE_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip().encode("utf-8")
