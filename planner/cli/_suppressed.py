"""``planner project --suppress N`` for a roster of several services: the services' table with small numbers hidden.

The table is the Region page's (:func:`planner.views.region.suppressed_table`), printed one line per
service and a Region line; hidden figures are ``*``. The JSON is not suppressed (it is for analysis, and
its per-service capacity and costs would give hidden figures back), so ``--suppress`` with ``--json`` is
refused by the command.
"""

from __future__ import annotations

import pandas as pd

from planner.expansion.region import RegionResult
from planner.export.suppress import rule_words
from planner.views import region as rv

#: What ``--suppress --json`` is told.
JSON_REFUSAL = (
    "--suppress hides small numbers in the printed table of services; the JSON keeps every service's full "
    "figures for analysis and is not suppressed. Leave out --json, or share the regional pack "
    "(planner pack ROSTER --suppress N)."
)


def _cell(value: object, digits: int = 1) -> str:
    if isinstance(value, str):
        return value
    return f"{float(value):,.{digits}f}"


def suppressed_words(result: RegionResult, staff: pd.DataFrame, threshold: int) -> str:
    """The region's services as text, small numbers hidden at ``threshold``."""
    view = rv.region_view(result, staff)
    table = rv.suppressed_table(view, threshold)
    lines = [
        f"Scenario: {result.scenario.title} (as of {result.as_of.isoformat()}); {len(view.services)} services, "
        "each modelled against its own population; small numbers hidden",
        "Service: people in post; required, in post, gap and shortfall WTE; waiting-time target",
    ]
    for row in table.to_dict("records"):
        lines.append(
            f"  {row[rv.SERVICE]}: {row[rv.PEOPLE]} people; {_cell(row[rv.REQUIRED])} required, "
            f"{_cell(row[rv.IN_POST])} in post, {_cell(row[rv.GAP])} gap, {_cell(row[rv.SHORTFALL])} short; "
            f"{row[rv.VERDICT]}"
        )
    lines.append(rule_words(threshold))
    return "\n".join(lines)
