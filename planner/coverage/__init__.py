"""Coverage: each person's status on each competency on a date, and what follows from it.

* :mod:`~planner.coverage.status`: statuses (verified, self-assessed, expired, in progress, missing);
* :mod:`~planner.coverage.aggregates`: totals by band, function and area, and holders;
* :mod:`~planner.coverage.capability`: team capability and expiry;
* :mod:`~planner.coverage.spof`: single points of failure by skill, by WTE, looking ahead;
* :mod:`~planner.coverage.credit`: the same skill counted wherever it is asked for, "one of" groups;
* :mod:`~planner.coverage.judged`: the level each person is judged at, and why;
* :mod:`~planner.coverage.checks`: warnings on a date (future dates, registration, levels);
* :mod:`~planner.coverage.pdp`: development plans; :mod:`~planner.coverage.drilldown`: who is behind a cell;
* :mod:`~planner.coverage.records`: the status codes of individual records;
* :mod:`~planner.coverage.whatif`: what-if changes to a team; :mod:`~planner.coverage.lapsed`: lapsed and expiring items.

This package hands on the names callers use, so ``from planner import coverage`` is the one door.
"""

from planner.coverage.aggregates import (
    aggregate,
    by_band,
    by_band_function_domain,
    by_domain,
    by_function,
    holders,
    key_label,
    overall,
)
from planner.coverage.capability import expiring, single_points_of_failure, team_capability, unassigned
from planner.coverage.pdp import development_plan
from planner.coverage.records import STATUS_LABELS, STATUSES
from planner.coverage.status import (
    COUNT_COLUMNS,
    NO_FUNCTION,
    cross_cutting_framework,
    person_levels,
    statuses,
)

__all__ = [
    "COUNT_COLUMNS", "NO_FUNCTION", "STATUSES", "STATUS_LABELS", "aggregate", "by_band", "by_band_function_domain",
    "by_domain", "by_function", "cross_cutting_framework", "development_plan", "expiring", "holders",
    "key_label", "overall", "person_levels", "single_points_of_failure", "statuses", "team_capability",
    "unassigned",
]  # fmt: skip
