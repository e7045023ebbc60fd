"""Behind a heatmap cell: the people and the statements that make up its coverage.

The Coverage page lets a user select a heatmap cell (or pick the row and column from selectboxes,
the keyboard-friendly route); these functions turn the selection into the two tables shown under it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.coverage.records import STATUSES


def selected_cell(event: Any) -> tuple[str, str] | None:
    """The (row key, column key) of the first selected heatmap point, or ``None``.

    Args:
        event: what ``st.plotly_chart(..., on_select="rerun")`` returns, or what a test puts in
            ``st.session_state[<chart key>]``: a mapping with ``selection.points``, each point
            carrying the cell's ``customdata`` (row key first, column key second).
    """
    if not event:
        return None
    selection = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    points = (
        (selection or {}).get("points") if isinstance(selection, dict) else getattr(selection, "points", None)
    )
    for point in points or []:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if custom and len(custom) >= 2:
            return str(custom[0]), str(custom[1])
    return None


def _status_counts(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    status = frame["status"].astype(str)
    wide = pd.crosstab([frame[k].astype(str) for k in by], status).reindex(
        columns=list(STATUSES), fill_value=0
    )
    wide.columns.name = None
    wide.insert(0, "required", wide.sum(axis=1))
    wide["coverage"] = (wide["verified"] / wide["required"]).where(wide["required"] > 0, 0.0)
    return wide.reset_index()


def cell_detail(
    st: pd.DataFrame,
    row_key: str,
    row_value: str,
    col_key: str,
    col_value: str,
    level_labels: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The people and the statements behind one heatmap cell.

    Args:
        st: the output of :func:`planner.coverage.statuses`.
        row_key: e.g. ``"band"``.
        row_value: e.g. ``"6"``.
        col_key: e.g. ``"domain_id"``.
        col_value: e.g. ``"core_clinical"``.
        level_labels: level id → label, for the ``judged_at`` column (ids shown when not given).

    Returns:
        ``(people, statements)``: per staff id (with band, function and the level they are judged
        at) and per competency (with its text and, where a record of another statement met it,
        ``credited`` "credited from BTS-B6-CCS-02"), the required count, each status count and
        coverage, weakest first.
    """
    cell = st[(st[row_key].astype(str) == str(row_value)) & (st[col_key].astype(str) == str(col_value))]
    if cell.empty:
        empty_p = pd.DataFrame(columns=["staff_id", "band", "function", "required", *STATUSES, "coverage"])
        empty_s = pd.DataFrame(columns=["competency_id", "text", "required", *STATUSES, "coverage"])
        return empty_p, empty_s
    people = _status_counts(cell, ["staff_id", "band", "function"]).sort_values(["coverage", "staff_id"])
    level = cell.drop_duplicates("staff_id").set_index(
        cell.drop_duplicates("staff_id")["staff_id"].astype(str)
    )
    level = level["level_id"].astype(str).map(lambda lv: (level_labels or {}).get(lv, lv))
    people.insert(3, "judged_at", people["staff_id"].map(level))
    statements = _status_counts(cell, ["competency_id", "text"]).sort_values(["coverage", "competency_id"])
    if "credited_from" in cell.columns:
        src = cell[cell["credited_from"].notna()]
        credit = src.groupby(src["competency_id"].astype(str))["credited_from"].agg(
            lambda s: "credited from " + ", ".join(sorted(set(map(str, s))))
        )
        statements["credited"] = statements["competency_id"].map(credit).astype(object).fillna("")
    return people.reset_index(drop=True), statements.reset_index(drop=True)
