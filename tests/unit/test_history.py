"""planner.history: the trend over snapshots and what changed between two, on hand-made teams."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import pytest

from planner.history import diff, trend, trend_by_band, trend_json

pytestmark = pytest.mark.unit


@dataclass
class Snap:
    as_of: date
    figures: dict[str, Any] = field(default_factory=dict)
    staff: pd.DataFrame | None = None
    records: pd.DataFrame | None = None


def _fig(people: int, wte: float, cov: float, share: float | None, spof: int = 0) -> dict[str, Any]:
    return {
        "people": people, "wte": wte, "coverage": cov, "coverage_self_assessed": cov + 0.1,
        "registered_share": share, "single_points_of_failure": spof, "expired": 2, "expiring": 3,
        "framework": {"id": "bts", "version": "v1"}, "wte_by_band": {"5": wte}, "headcount_by_band": {"5": people},
    }  # fmt: skip


def test_trend_is_in_date_order_with_the_stored_figures() -> None:
    snaps = [
        Snap(date(2026, 4, 1), _fig(5, 4.0, 0.6, None, 1)),
        Snap(date(2026, 1, 1), _fig(4, 3.5, 0.5, 0.75)),
    ]
    t = trend(snaps)
    assert t["as_of"].tolist() == [date(2026, 1, 1), date(2026, 4, 1)]
    assert t["people"].tolist() == [4, 5] and t["coverage"].tolist() == [0.5, 0.6]
    assert t["registered_share"].iloc[0] == 0.75 and pd.isna(t["registered_share"].iloc[1])
    assert t["coverage_self_assessed"].tolist() == pytest.approx([0.6, 0.7])
    assert t["framework_version"].tolist() == ["v1", "v1"] and not t["recomputed"].any()
    doc = trend_json("North", t)
    assert doc["team"] == "North"
    assert doc["snapshots"][0] == {
        "as_of": "2026-01-01", "people": 4, "wte": 3.5, "coverage": 0.5, "registered_share": 0.75,
        "single_points_of_failure": 0, "expired": 2, "expiring": 3,
    }  # fmt: skip
    assert doc["snapshots"][1]["registered_share"] is None
    bands = trend_by_band(snaps)
    assert bands[["band", "wte", "headcount"]].values.tolist() == [["5", 3.5, 4], ["5", 4.0, 5]]


def test_trend_of_no_snapshots_is_an_empty_table_with_its_columns() -> None:
    t = trend([])
    assert t.empty and list(t.columns)[:8] == ["as_of", "people", "wte", "coverage", "registered_share",
                                               "single_points_of_failure", "expired", "expiring"]  # fmt: skip


def _staff(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"staff_id": i, "name": None, "band": b, "wte": w, "function": "delivering"} for i, b, w in rows]
    )


def _records(rows: list[tuple[str, str, bool, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"staff_id": i, "competency_id": c, "competency_text": f"text {c}", "achieved": a,
             "expires_on": pd.Timestamp(e) if e else pd.NaT}
            for i, c, a, e in rows
        ]
    )  # fmt: skip


def test_diff_finds_joiners_leavers_changes_and_competencies() -> None:
    a = Snap(
        date(2026, 1, 1),
        staff=_staff([("h1", "5", 1.0), ("h2", "6", 0.8), ("h3", "4", 1.0)]),
        records=_records([
            ("h1", "BLS", True, "2026-03-01"),   # lapses by April
            ("h1", "SPIRO", True, None),         # kept
            ("h2", "OXY", True, None),           # lost (no longer achieved)
            ("h3", "BLS", True, None),           # leaver: not counted as lost
            ("h2", "EXE", False, None),          # gained later
        ]),
    )  # fmt: skip
    b = Snap(
        date(2026, 4, 1),
        staff=_staff([("h1", "6", 1.0), ("h2", "6", 0.6), ("h4", "3", 0.5)]),
        records=_records([
            ("h1", "BLS", True, "2026-03-01"),
            ("h1", "SPIRO", True, None),
            ("h2", "OXY", False, None),
            ("h2", "EXE", True, None),
            ("h4", "BLS", True, "2027-01-01"),   # joiner's competency counts as gained
        ]),
    )  # fmt: skip
    for ch in (diff(a, b), diff(b, a)):  # the earlier is "before" whatever the order given
        assert (ch.before, ch.after) == (date(2026, 1, 1), date(2026, 4, 1))
        assert ch.joiners["staff_id"].tolist() == ["h4"] and ch.leavers["staff_id"].tolist() == ["h3"]
        assert ch.changed[["staff_id", "what", "before", "after"]].values.tolist() == [
            ["h1", "band", "5", "6"],
            ["h2", "wte", 0.8, 0.6],
        ]
        assert ch.gained[["staff_id", "competency_id"]].values.tolist() == [["h2", "EXE"], ["h4", "BLS"]]
        assert ch.lost[["staff_id", "competency_id"]].values.tolist() == [["h2", "OXY"]]
        assert ch.lapsed[["staff_id", "competency_id"]].values.tolist() == [["h1", "BLS"]]
        assert ch.lapsed["expires_on"].iloc[0] == pd.Timestamp("2026-03-01")
        assert ch.counts() == {"joiners": 1, "leavers": 1, "changed": 2, "gained": 2, "lost": 1, "lapsed": 1}


def test_diff_of_a_snapshot_with_itself_is_empty() -> None:
    s = Snap(
        date(2026, 1, 1), staff=_staff([("h1", "5", 1.0)]), records=_records([("h1", "BLS", True, None)])
    )
    assert set(diff(s, s).counts().values()) == {0}
