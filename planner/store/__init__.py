"""The team's history: dated snapshots in a database (SQLite by default, Postgres for shared use).

Storage is SQLAlchemy 2 with Alembic migrations shipped in ``planner/store/migrations``;
:func:`open_store` runs ``upgrade head`` on open. Where the database is: :func:`find_url` (``--db``,
then ``PLANNER_DB_URL``, then ``[connections.planner] url`` in ``.streamlit/secrets.toml``, then
``$XDG_DATA_HOME/skill-mix-planner/history.db``). Staff ids are stored as an HMAC-SHA256 keyed hash
(:func:`find_id_key`); names, sign-off names and evidence only when the team stores names.

The API (stable; the app's pages and ``planner history`` call only these):

* ``open_store(url=None, *, id_key=None) -> Store``; raises :class:`StoreError` (message for people).
* ``find_url(cli_url=None) -> DatabaseUrl(url, source)``.
* ``save_snapshot(store, team, as_of, staff, records, *, saved_by, replace=False, framework="bts",
  services=None) -> SnapshotInfo``; raises :class:`SnapshotExists` (``.saved_by``, ``.saved_at``).
* ``list_snapshots(store, team) -> list[SnapshotInfo]`` (date order);
  ``load_snapshot(store, team, as_of=None) -> Snapshot`` (``.info``, ``.staff``, ``.records``,
  ``.services``; latest when ``as_of`` is None; raises :class:`NotFound`);
  ``recompute(store, team, as_of, framework=None) -> dict`` (figures under today's framework);
  ``delete_snapshot(store, team, as_of) -> bool``.
* ``list_teams(store, user=None) -> list[TeamInfo]``; ``delete_team``; ``set_store_names(store, team, on)``;
  ``set_retention(store, team, days)``; ``apply_retention(store, today) -> int``;
  ``set_team_details(store, team, region=, service_type=)``.
* ``add_member(store, team, user, role)``, ``remove_member``, ``members(store, team) -> list[Member]``,
  ``set_user_region(store, user, region)``, ``can_access(store, user, team)``, ``can_save(store, user, team)``.
* ``log_access(store, user, team, action)`` (opened/exported/saved/deleted), ``access_log(store, team)``.
* ``export_team_workbook(store, team) -> bytes``.
* ``judge_for(framework_id)``: the record judge to pass to :func:`planner.history.diff.diff` so that
  "lapsed" applies the framework's renewal periods as the coverage report does.

SnapshotInfo.figures (as computed when saved, :func:`planner.store.figures.compute_figures`):
``people``, ``wte``, ``coverage``, ``coverage_self_assessed``, ``registered_share``,
``single_points_of_failure``, ``expired``, ``expiring``, ``wte_by_band``, ``headcount_by_band``,
``coverage_by_band``, ``framework``, ``recomputed``. Trends and "what changed" are
:mod:`planner.history` (pure functions over these results).

This package stands beside ``pack`` in the pipeline (it computes figures with the coverage report's
view-model), so views do not import it: pages and the CLI call it and hand the results to views.
"""

from planner.store.db import Store, StoreError, migrate, open_store, schema_revision
from planner.store.figures import compute_figures, judge_for
from planner.store.ids import hash_id
from planner.store.model import (
    ACTIONS,
    ROLES,
    AccessEntry,
    Member,
    NotFound,
    Snapshot,
    SnapshotExists,
    SnapshotInfo,
    TeamInfo,
)
from planner.store.snapshots import (
    delete_snapshot,
    ensure_team,
    list_snapshots,
    load_snapshot,
    recompute,
    save_snapshot,
)
from planner.store.teams import (
    access_log,
    add_member,
    apply_retention,
    can_access,
    can_save,
    delete_team,
    list_teams,
    log_access,
    members,
    remove_member,
    set_retention,
    set_store_names,
    set_team_details,
    set_user_region,
)
from planner.store.url import DatabaseUrl, default_dir, find_id_key, find_url
from planner.store.workbook import export_team_workbook

__all__ = [
    "ACTIONS",
    "ROLES",
    "AccessEntry",
    "DatabaseUrl",
    "Member",
    "NotFound",
    "Snapshot",
    "SnapshotExists",
    "SnapshotInfo",
    "Store",
    "StoreError",
    "TeamInfo",
    "access_log",
    "add_member",
    "apply_retention",
    "can_access",
    "can_save",
    "compute_figures",
    "default_dir",
    "delete_snapshot",
    "delete_team",
    "ensure_team",
    "export_team_workbook",
    "find_id_key",
    "find_url",
    "hash_id",
    "judge_for",
    "list_snapshots",
    "list_teams",
    "load_snapshot",
    "log_access",
    "members",
    "migrate",
    "open_store",
    "recompute",
    "remove_member",
    "save_snapshot",
    "schema_revision",
    "set_retention",
    "set_store_names",
    "set_team_details",
    "set_user_region",
]  # fmt: skip
