"""The trend of a team's figures over its snapshots, oldest first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Protocol

import pandas as pd


class HasFigures(Protocol):
    """A snapshot header: its date and the figures stored with it."""

    @property
    def as_of(self) -> date: ...  # noqa: D102

    @property
    def figures(self) -> Mapping[str, Any]: ...  # noqa: D102


#: The columns of :func:`trend`; the first eight are the CLI's ``trend --json`` keys.
TREND_COLUMNS: tuple[str, ...] = (
    "as_of", "people", "wte", "coverage", "registered_share", "single_points_of_failure", "expired",
    "expiring", "coverage_self_assessed", "framework_version", "recomputed",
)  # fmt: skip
JSON_KEYS: tuple[str, ...] = TREND_COLUMNS[:8]


def trend(snapshots: Iterable[HasFigures]) -> pd.DataFrame:
    """One row per snapshot in date order, from the figures as stored (or as recomputed).

    ``registered_share`` is missing (NA) where the roster recorded no registration.
    """
    rows = []
    for s in snapshots:
        f = s.figures
        rows.append(
            {
                "as_of": s.as_of,
                "people": int(f.get("people", 0)),
                "wte": float(f.get("wte", 0.0)),
                "coverage": float(f.get("coverage", 0.0)),
                "registered_share": f.get("registered_share"),
                "single_points_of_failure": int(f.get("single_points_of_failure", 0)),
                "expired": int(f.get("expired", 0)),
                "expiring": int(f.get("expiring", 0)),
                "coverage_self_assessed": float(f.get("coverage_self_assessed", f.get("coverage", 0.0))),
                "framework_version": (f.get("framework") or {}).get("version"),
                "recomputed": bool(f.get("recomputed", False)),
            }
        )
    df = pd.DataFrame(rows, columns=list(TREND_COLUMNS))
    df["registered_share"] = pd.to_numeric(df["registered_share"], errors="coerce").astype("Float64")
    return df.sort_values("as_of", kind="stable").reset_index(drop=True)


def trend_by_band(snapshots: Iterable[HasFigures]) -> pd.DataFrame:
    """Long table: ``as_of``, ``band``, ``wte``, ``headcount`` for every band in the stored figures."""
    rows = [
        {
            "as_of": s.as_of,
            "band": band,
            "wte": float(wte),
            "headcount": int(s.figures.get("headcount_by_band", {}).get(band, 0)),
        }
        for s in snapshots
        for band, wte in s.figures.get("wte_by_band", {}).items()
    ]
    df = pd.DataFrame(rows, columns=["as_of", "band", "wte", "headcount"])
    return df.sort_values("as_of", kind="stable").reset_index(drop=True)


def trend_json(team: str, table: pd.DataFrame) -> dict[str, Any]:
    """The ``planner history trend --json`` document, snapshots in date order.

    ``{"team": …, "snapshots": [{"as_of", "people", "wte", "coverage", "registered_share",
    "single_points_of_failure", "expired", "expiring"}, …]}``.
    """
    out = []
    for r in table.to_dict("records"):
        item = {k: r[k] for k in JSON_KEYS}
        item["as_of"] = r["as_of"].isoformat()
        item["wte"] = round(float(r["wte"]), 4)
        item["coverage"] = round(float(r["coverage"]), 4)
        share = r["registered_share"]
        item["registered_share"] = None if pd.isna(share) else round(float(share), 4)
        out.append(item)
    return {"team": team, "snapshots": out}
