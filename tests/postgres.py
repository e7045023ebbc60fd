"""A throwaway Postgres server for the tests: initdb in a folder the ``postgres`` user owns, a free port.

Postgres refuses to run as root and pytest's temporary folders are root-only, so as root the data
folder is made under ``/tmp/planner-pg-*``, given to ``postgres``, and the server runs through
``runuser -u postgres --``. :func:`start` returns a :class:`Server` or raises :class:`Unavailable`
with the reason; ``tests/store/conftest.py`` turns that into a skip, or a failure under
``PLANNER_REQUIRE_POSTGRES=1``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


class Unavailable(RuntimeError):
    """No Postgres server could be started here; the message says why."""


def bin_dir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl`` (Debian's newest, else whatever is on PATH)."""
    for d in sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True
    ):
        if Path(d, "initdb").exists() and Path(d, "pg_ctl").exists():
            return Path(d)
    found = shutil.which("pg_ctl")
    if found and Path(found).with_name("initdb").exists():
        return Path(found).resolve().parent
    raise Unavailable("Postgres is not installed (no initdb/pg_ctl); run scripts/system_deps.sh as root.")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server: its folder, port and the command prefix that runs as its owner."""

    data: Path
    port: int
    bins: Path
    prefix: list[str]

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str) -> None:
        """Run one statement on the ``postgres`` database (autocommit: CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as c:
            c.execute(statement)

    def new_database(self) -> str:
        """Create an empty database; return its URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`new_database`, closing any connection still open to it."""
        name = url.rsplit("/", 1)[1]
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        subprocess.run(
            [*self.prefix, str(self.bins / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.data.parent, ignore_errors=True)


def start() -> Server:
    """Start a fresh server on a free port.

    Raises:
        Unavailable: Postgres is missing, there is no ``postgres`` user to run it as root, or it failed to start.
    """
    bins = bin_dir()
    root = Path(tempfile.mkdtemp(prefix="planner-pg-", dir="/tmp"))
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            raise Unavailable(
                "Running as root and there is no 'postgres' user to run the server as."
            ) from None
        os.chown(root, owner.pw_uid, owner.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    os.chmod(root, 0o700)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "TZ": "UTC"}
    init = subprocess.run(
        [
            *prefix,
            str(bins / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=root,
    )
    if init.returncode:
        shutil.rmtree(root, ignore_errors=True)
        raise Unavailable(f"initdb failed: {init.stderr.strip()[-400:]}")
    port = free_port()
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
    run = subprocess.run(
        [
            *prefix,
            str(bins / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=root,
    )
    if run.returncode:
        log = (
            (root / "server.log").read_text(errors="replace")[-400:] if (root / "server.log").exists() else ""
        )
        shutil.rmtree(root, ignore_errors=True)
        raise Unavailable(f"pg_ctl start failed: {run.stderr.strip()[-300:]} {log}")
    return Server(data, port, bins, prefix)
