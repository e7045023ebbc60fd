"""A team's history over its snapshots: the trend of its figures and what changed between two dates.

Pure functions over what :mod:`planner.store` returns (anything with ``as_of`` and ``figures``, or
``as_of``, ``staff`` and ``records``); no database and no clock here. People are matched across
snapshots by their stored id, the keyed hash.

* :func:`planner.history.trend.trend` (one row per snapshot) and
  :func:`planner.history.trend.trend_by_band` (WTE and headcount by band per snapshot).
* :func:`planner.history.diff.diff` → :class:`planner.history.diff.Changes`: joiners, leavers, band or
  WTE changes, competencies gained, lost or lapsed.
"""

from planner.history.diff import Changes, diff
from planner.history.trend import TREND_COLUMNS, trend, trend_by_band, trend_json

__all__ = ["TREND_COLUMNS", "Changes", "diff", "trend", "trend_by_band", "trend_json"]
