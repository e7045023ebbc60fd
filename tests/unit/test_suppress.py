"""Small-number suppression: no count from 1 to the threshold survives, no hidden cell can be worked
out from the shown totals, and the totals that are shown still add up."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.export.suppress import (
    SYMBOL,
    TOTAL,
    SuppressionError,
    check_threshold,
    hidden_count,
    rule_words,
    suppress_rows,
    suppress_values,
    suppression_mask,
)

pytestmark = pytest.mark.unit


def _constraints(shape: tuple[int, int], total_row: bool, total_column: bool) -> list[list[tuple[int, int]]]:
    n, m = shape
    lines = []
    if total_column:
        lines += [[(i, j) for j in range(m)] for i in range(n)]
    if total_row:
        lines += [[(i, j) for i in range(n)] for j in range(m)]
    return lines


def _recoverable(mask: np.ndarray, total_row: bool, total_column: bool) -> list[tuple[int, int]]:
    """Hidden cells fixed by the shown totals: e_j lies in the row space of the hidden cells' equations."""
    cells = list(zip(*np.nonzero(mask), strict=True))
    lines = _constraints(mask.shape, total_row, total_column)
    a = np.array(
        [[(1.0 if c in line[:-1] else -1.0 if c == line[-1] else 0.0) for c in cells] for line in lines]
    ).reshape(len(lines), len(cells))
    rank = np.linalg.matrix_rank(a) if a.size else 0
    out = []
    for k, cell in enumerate(cells):
        unit = np.zeros((1, len(cells)))
        unit[0, k] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            out.append(cell)
    return out


tables = st.integers(1, 6).flatmap(
    lambda n: st.integers(1, 5).flatmap(
        lambda m: st.lists(
            st.lists(st.one_of(st.just(0), st.integers(1, 9), st.integers(8, 40)), min_size=m, max_size=m),
            min_size=n,
            max_size=n,
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(rows=tables, threshold=st.sampled_from([5, 7, 10]), total_column=st.booleans())
def test_no_small_count_survives_and_no_hidden_cell_is_recoverable(
    rows: list[list[int]], threshold: int, total_column: bool
) -> None:
    counts = pd.DataFrame(rows, columns=[f"Band {j}" for j in range(len(rows[0]))])
    mask = suppression_mask(counts, threshold=threshold, total_row=True, total_column=total_column)
    full = counts.copy()
    if total_column:
        full[TOTAL] = full.sum(axis=1)
    full.loc[TOTAL] = full.sum(axis=0)
    shown = suppress_values(full, mask)
    values = full.to_numpy()
    # 1. no count from 1 to the threshold is shown, totals included
    small = (values >= 1) & (values <= threshold)
    assert not (small & ~mask.to_numpy()).any()
    # 2. every line with a total has no hidden cell or at least two
    for line in _constraints(values.shape, True, total_column):
        assert sum(mask.to_numpy()[c] for c in line) != 1
    # 3. no hidden cell is fixed by the totals shown
    assert _recoverable(mask.to_numpy(), True, total_column) == []
    # 4. shown totals are the true totals; where nothing in a column is hidden they add up on the page
    body = shown.drop(index=TOTAL)
    for col in shown.columns:
        total = shown.loc[TOTAL, col]
        if total != SYMBOL:
            expected = counts[col].sum() if col in counts else counts.to_numpy().sum()
            assert total == expected
        if SYMBOL not in set(body[col]) and total != SYMBOL:
            assert sum(body[col]) == total
    # 5. zeros are shown unless hidden to protect another cell
    assert all(shown.to_numpy()[values == 0] != SYMBOL) or mask.to_numpy()[values == 0].any()


def test_a_lone_small_service_takes_a_second_one_with_it() -> None:
    counts = pd.DataFrame({"People": [3, 20, 12, 30]})
    mask = suppression_mask(counts, threshold=7)
    # 3 is hidden; the next smallest non-zero (12) is hidden so the total cannot give 3 back
    assert mask["People"].tolist() == [True, False, True, False, False]


def test_a_bridge_between_two_hidden_blocks_is_broken() -> None:
    # two 2x2 blocks of small counts joined through one shared row: the line rule alone leaves the
    # joining cell fixed by the totals; the module hides one more so nothing is recoverable.
    counts = pd.DataFrame([[2, 3, 0, 0], [4, 5, 9, 0], [0, 0, 2, 3], [0, 0, 4, 5]])
    mask = suppression_mask(counts, threshold=7, total_row=True, total_column=True)
    assert _recoverable(mask.to_numpy(), True, True) == []
    assert mask.iloc[0, 0] and mask.iloc[3, 3]
    assert not mask.loc[TOTAL, TOTAL]


def test_zero_is_shown_and_large_counts_are_left_alone() -> None:
    counts = pd.DataFrame({"People": [0, 20, 12]})
    mask = suppression_mask(counts, threshold=7)
    assert not mask.to_numpy().any()


def test_the_threshold_is_a_setting_of_5_7_or_10() -> None:
    assert check_threshold(5) == 5
    assert check_threshold(10) == 10
    with pytest.raises(SuppressionError, match="one of 5, 7, 10; 3 was given"):
        check_threshold(3)
    counts = pd.DataFrame({"People": [8, 9, 30]})
    assert suppression_mask(counts, threshold=7)["People"].sum() == 0
    assert suppression_mask(counts, threshold=10)["People"].tolist() == [True, True, False, False]
    assert "1 to 7" in rule_words(7) and "our choice" in rule_words(7)
    assert "local policy" in rule_words(10)


def test_gap_goes_with_in_post_while_the_requirement_stays() -> None:
    table = pd.DataFrame(
        {
            "Service": ["North", "South", "East", "Region"],
            "Required WTE": [6.0, 9.0, 12.0, 27.0],
            "People in post": [4, 11, 15, 30],
            "In post WTE": [3.2, 9.0, 13.5, 25.7],
            "Gap WTE": [2.8, 0.0, -1.5, 1.3],
            "Cost in post": [150_000, 420_000, 610_000, 1_180_000],
        }
    )
    out = suppress_rows(
        table,
        count="People in post",
        linked=["In post WTE", "Gap WTE", "Cost in post"],
        total_label="Region",
        label_column="Service",
    )
    assert out.loc[0, ["People in post", "In post WTE", "Gap WTE", "Cost in post"]].tolist() == [SYMBOL] * 4
    # South (11) is the smallest other service: hidden so the Region total cannot give North back
    assert out.loc[1, "Gap WTE"] == SYMBOL and out.loc[2, "People in post"] == 15
    assert out["Required WTE"].tolist() == [6.0, 9.0, 12.0, 27.0]
    assert out.loc[3, "People in post"] == 30 and out.loc[3, "Gap WTE"] == 1.3
    assert hidden_count(out) == 8
