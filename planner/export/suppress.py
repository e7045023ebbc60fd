"""Small-number suppression for every table of staff figures that leaves the app.

A regional table names services, and a small service's band row can describe one person. Counts of
people from 1 to the threshold are shown as ``*``; the WTE and cost of a suppressed group are
suppressed with it; zero is shown. **Secondary suppression** then hides further cells until no
suppressed cell can be worked out from the totals that are shown: first every line (row or column
with a total) that has exactly one hidden cell hides another, then a linear-algebra check finds any
hidden cell still fixed by the shown totals (a "bridge" between two groups of hidden cells) and hides
one more cell beside it. Shown totals are always the true totals, so they still add up.

What was followed (the threshold is a setting): Model Hospital shows ``*`` for staff counts below 7;
research data environments use 10; NHS Digital's current rule for counts below national level could
not be confirmed. The default of 7 is **our choice**; 5 and 10 are allowed for a local policy.

Modelled figures (requirements, demand, waits) are not drawn from staff records and are not
suppressed; but a column that is a modelled figure minus a staff figure (a gap: required − in post)
is suppressed wherever its staff figure is, so it cannot be subtracted back.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_THRESHOLD",
    "SYMBOL",
    "THRESHOLDS",
    "TOTAL",
    "SuppressionError",
    "check_threshold",
    "hidden_count",
    "rule_words",
    "suppress_rows",
    "suppress_values",
    "suppression_mask",
]

#: Thresholds a user may choose: 7 by default (our choice, after Model Hospital), 5 or 10.
THRESHOLDS = (5, 7, 10)
DEFAULT_THRESHOLD = 7
SYMBOL = "*"
TOTAL = "Total"


class SuppressionError(ValueError):
    """A threshold that is not one of :data:`THRESHOLDS`."""


def check_threshold(threshold: int) -> int:
    """``threshold`` if it is allowed, else :class:`SuppressionError` saying which are."""
    if isinstance(threshold, bool) or threshold not in THRESHOLDS:
        allowed = ", ".join(str(t) for t in THRESHOLDS)
        raise SuppressionError(f"The suppression threshold must be one of {allowed}; {threshold} was given.")
    return int(threshold)


def rule_words(threshold: int = DEFAULT_THRESHOLD) -> str:
    """The rule in one sentence for people, for a table's note or a pack's assumptions."""
    t = check_threshold(threshold)
    why = "our choice, after Model Hospital's rule" if t == DEFAULT_THRESHOLD else "a local policy setting"
    return (
        f"Counts of staff from 1 to {t} are shown as {SYMBOL}, with their WTE and cost ({why}; "
        f"research data environments use 10). Further figures are hidden where a hidden one could be "
        f"worked out from a total; totals shown are the true totals. Modelled requirements are not hidden."
    )


def _augmented(counts: pd.DataFrame, total_row: bool, total_column: bool) -> pd.DataFrame:
    grid = counts.astype(float).copy()
    if total_column:
        grid[TOTAL] = grid.sum(axis=1)
    if total_row:
        grid.loc[TOTAL] = grid.sum(axis=0)
    return grid


def _lines(shape: tuple[int, int], total_row: bool, total_column: bool) -> list[list[tuple[int, int]]]:
    """The cells of every additive line: a row when there is a total column, a column when a total row."""
    n_rows, n_cols = shape
    lines = []
    if total_column:
        lines += [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    if total_row:
        lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    return lines


def _pick(values: np.ndarray, hidden: np.ndarray, cells: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The shown cell to hide next among ``cells``: the smallest non-zero one, else the smallest."""
    shown = [c for c in cells if not hidden[c]]
    if not shown:
        return None
    return min(shown, key=lambda c: (values[c] == 0, values[c]))


def _fixed_cells(hidden: np.ndarray, lines: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Hidden cells whose value the shown totals fix exactly (their unit vector lies in the constraints' row space)."""
    cells = list(zip(*np.nonzero(hidden), strict=True))
    if not cells:
        return []
    where = {c: k for k, c in enumerate(cells)}
    # each additive line: the interior cells sum to its last cell (the total)
    rows = []
    for line in lines:
        row = np.zeros(len(cells))
        for cell in line[:-1]:
            if cell in where:
                row[where[cell]] += 1.0
        if line[-1] in where:
            row[where[line[-1]]] -= 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    _, sing, vt = np.linalg.svd(np.array(rows), full_matrices=False)
    basis = vt[: int((sing > 1e-9).sum())]  # an orthonormal basis of the equations' row space
    # a hidden cell is fixed when its unit vector lies in that row space: its projection has length 1
    reach = (basis**2).sum(axis=0)
    return [c for c in cells if reach[where[c]] > 1 - 1e-9]


def suppression_mask(
    counts: pd.DataFrame,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    total_row: bool = True,
    total_column: bool = False,
) -> pd.DataFrame:
    """Which cells of a table of people counts to hide, totals included.

    Args:
        counts: whole numbers of people, one row per group (service), one column per category (band),
            without totals.
        threshold: counts from 1 to this are hidden (:data:`THRESHOLDS`).
        total_row: the table shows a row of column totals (labelled :data:`TOTAL`).
        total_column: the table shows a column of row totals (labelled :data:`TOTAL`).

    Returns:
        A boolean frame of the table with its totals, ``True`` where the cell is hidden.
    """
    t = check_threshold(threshold)
    grid = _augmented(counts, total_row, total_column)
    values = grid.to_numpy()
    hidden = (values >= 1) & (values <= t)
    lines = _lines(values.shape, total_row, total_column)
    # a totals cell is a line's last cell: interior cells first, then the total, so _pick prefers interior cells
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[c] for c in line) == 1:
                interior = _pick(values, hidden, line[:-1])
                pick = (
                    interior
                    if interior is not None and values[interior] > 0
                    else _pick(values, hidden, line[-1:])
                )
                pick = pick or interior
                if pick is not None:
                    hidden[pick] = True
                    changed = True
        if not changed:
            for cell in _fixed_cells(hidden, lines):
                near = [c for line in lines if cell in line for c in line]
                pick = _pick(values, hidden, near)
                if pick is not None:
                    hidden[pick] = True
                    changed = True
                    break
    return pd.DataFrame(hidden, index=grid.index, columns=grid.columns)


def suppress_values(values: pd.DataFrame, mask: pd.DataFrame) -> pd.DataFrame:
    """``values`` with every cell ``mask`` marks replaced by :data:`SYMBOL` (an object frame)."""
    out = values.astype(object).copy()
    aligned = mask.reindex(index=values.index, columns=values.columns, fill_value=False).astype(bool)
    out = out.mask(aligned, SYMBOL)
    return out


def suppress_rows(
    table: pd.DataFrame,
    *,
    count: str,
    linked: Sequence[str] = (),
    total_label: str | None = None,
    label_column: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """Suppress a table with one row per group: its people count and the columns drawn from those people.

    Args:
        table: one row per group (service), with an optional totals row.
        count: the column of people counts that decides what is hidden.
        linked: columns hidden with the count in the same row: the group's WTE, cost of staff in post,
            and any figure derived from them (gap = required − in post; shortfall).
        total_label: the value in ``label_column`` that marks the totals row, if there is one.
        label_column: the column holding row labels (the index is used when ``None``).
        threshold: see :func:`suppression_mask`.

    Returns:
        The table as objects, hidden cells as :data:`SYMBOL`; other columns unchanged.
    """
    labels = table[label_column] if label_column else pd.Series(table.index, index=table.index)
    is_total = labels.eq(total_label) if total_label is not None else pd.Series(False, index=table.index)
    body = table.loc[~is_total.to_numpy()]
    counts = pd.DataFrame({count: pd.to_numeric(body[count]).fillna(0).to_numpy()})
    mask = suppression_mask(counts, threshold=threshold, total_row=bool(is_total.any()))[count].to_numpy()
    row_hidden = np.zeros(len(table), dtype=bool)
    row_hidden[np.flatnonzero(~is_total.to_numpy())] = mask[: len(body)]
    if is_total.any():
        row_hidden[np.flatnonzero(is_total.to_numpy())] = mask[-1]
    out = table.astype(object).copy()
    for col in [count, *linked]:
        out.loc[row_hidden, col] = SYMBOL
    return out


def hidden_count(frame: pd.DataFrame) -> int:
    """How many cells of ``frame`` are shown as :data:`SYMBOL`."""
    return int(frame.astype(object).eq(SYMBOL).to_numpy().sum())
