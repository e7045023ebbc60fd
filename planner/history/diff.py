"""What changed between two snapshots of a team: people joining, leaving or changing, and competencies.

People are matched by stored id (the keyed hash). A competency is *held* on a snapshot's date when it is
achieved and not past its expiry date; *lapsed* when achieved but past expiry. Between an earlier
snapshot ``a`` and a later ``b``: *gained* is held in ``b`` and not in ``a``; *lost* is held in ``a``
and neither held nor lapsed in ``b`` (record removed or no longer achieved); *lapsed* is held in ``a``
and lapsed in ``b``. Staff who left are not counted as losing their competencies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import pandas as pd


class HasRoster(Protocol):
    """A snapshot with its date, staff and records (the shape :func:`planner.store.load_snapshot` returns)."""

    @property
    def as_of(self) -> date: ...  # noqa: D102

    @property
    def staff(self) -> pd.DataFrame: ...  # noqa: D102

    @property
    def records(self) -> pd.DataFrame: ...  # noqa: D102


@dataclass(frozen=True)
class Changes:
    """The changes from ``before`` to ``after``; each table has ``staff_id`` (and ``name`` when stored)."""

    before: date
    after: date
    joiners: pd.DataFrame  # staff_id, name, band, wte, function
    leavers: pd.DataFrame  # staff_id, name, band, wte, function
    changed: pd.DataFrame  # staff_id, name, what ("band" or "wte"), before, after
    gained: pd.DataFrame  # staff_id, name, competency_id, competency_text
    lost: pd.DataFrame
    lapsed: pd.DataFrame  # … and expires_on

    def counts(self) -> dict[str, int]:
        """How many of each kind of change."""
        return {
            k: len(getattr(self, k)) for k in ("joiners", "leavers", "changed", "gained", "lost", "lapsed")
        }


PERSON = ["staff_id", "name", "band", "wte", "function"]
ITEM = ["staff_id", "name", "competency_id", "competency_text"]


def _people(staff: pd.DataFrame) -> pd.DataFrame:
    """One row per person: first post's band and function, WTE summed over posts."""
    if staff.empty:
        return pd.DataFrame(columns=PERSON)
    g = staff.groupby("staff_id", sort=True)
    out = g.agg(name=("name", "first"), band=("band", "first"), function=("function", "first"))
    out["wte"] = g["wte"].sum().round(4)
    return out.reset_index()[PERSON]


#: judges each record on a date: (records, as_of) → one row per record with staff_id, competency_id,
#: held, lapsed, expires_on. The store passes one that knows the framework's renewal periods.
Judge = Callable[[pd.DataFrame, date], pd.DataFrame]


def simple_judge(records: pd.DataFrame, on: date) -> pd.DataFrame:
    """Held: achieved, dated on or before ``on``, not past ``expires_on``; lapsed: achieved but past it.

    Knows no renewal periods (``planner.store.figures.judge_for`` does).
    """
    cut = pd.Timestamp(on)
    achieved = records["achieved"].astype("boolean").fillna(False).astype(bool)
    dated = [pd.to_datetime(records[c]) for c in ("signed_off_on", "self_assessed_on") if c in records]
    late = pd.Series(False, index=records.index)
    if dated:
        first = pd.concat(dated, axis=1).min(axis=1)
        late = first.notna() & (first > cut)
    expires = pd.to_datetime(records["expires_on"])
    past = expires.notna() & (expires < cut)
    ok = achieved & ~late
    return pd.DataFrame(
        {
            "staff_id": records["staff_id"],
            "competency_id": records["competency_id"],
            "held": ok & ~past,
            "lapsed": ok & past,
            "expires_on": expires,
        }
    )


def _states(records: pd.DataFrame, on: date, judge: Judge) -> pd.DataFrame:
    """Per person and competency: held, lapsed (and not held by another record), its text and latest expiry."""
    cols = ["staff_id", "competency_id", "competency_text", "held", "lapsed", "expires_on"]
    if records.empty:
        return pd.DataFrame(columns=cols)
    j = judge(records, on)
    r = pd.DataFrame(
        {
            "staff_id": records["staff_id"].to_numpy(),
            "competency_id": records["competency_id"].to_numpy(),
            "competency_text": records["competency_text"].to_numpy(),
            "held": j["held"].to_numpy(dtype=bool),
            "lapsed": j["lapsed"].to_numpy(dtype=bool),
            "expires_on": pd.to_datetime(j["expires_on"]).to_numpy(),
        }
    )
    g = r.groupby(["staff_id", "competency_id"], sort=True)
    out = g.agg(
        competency_text=("competency_text", "first"),
        held=("held", "any"),
        lapsed=("lapsed", "any"),
        expires_on=("expires_on", "max"),
    )
    out["lapsed"] = out["lapsed"] & ~out["held"]
    return out.reset_index()[cols]


def diff(a: HasRoster, b: HasRoster, *, judge: Judge = simple_judge) -> Changes:
    """The changes from snapshot ``a`` to snapshot ``b`` (``a`` is taken as the earlier whatever the order given).

    Args:
        a: one snapshot.
        b: another snapshot of the same team.
        judge: how a record is judged held or lapsed on a date (default :func:`simple_judge`).
    """
    if b.as_of < a.as_of:
        a, b = b, a
    pa, pb = _people(a.staff), _people(b.staff)
    ids_a, ids_b = set(pa["staff_id"]), set(pb["staff_id"])
    joiners = pb[pb["staff_id"].isin(ids_b - ids_a)].reset_index(drop=True)
    leavers = pa[pa["staff_id"].isin(ids_a - ids_b)].reset_index(drop=True)
    both = pa.merge(pb, on="staff_id", suffixes=("_a", "_b"))
    changed_rows: list[dict[str, Any]] = []
    for r in both.to_dict("records"):
        name = r["name_b"] if isinstance(r["name_b"], str) else None
        if r["band_a"] != r["band_b"]:
            changed_rows.append(
                {
                    "staff_id": r["staff_id"],
                    "name": name,
                    "what": "band",
                    "before": r["band_a"],
                    "after": r["band_b"],
                }
            )
        if abs(float(r["wte_a"]) - float(r["wte_b"])) > 1e-9:
            changed_rows.append(
                {
                    "staff_id": r["staff_id"],
                    "name": name,
                    "what": "wte",
                    "before": r["wte_a"],
                    "after": r["wte_b"],
                }
            )
    changed = pd.DataFrame(changed_rows, columns=["staff_id", "name", "what", "before", "after"])

    sa, sb = _states(a.records, a.as_of, judge), _states(b.records, b.as_of, judge)
    stayed = ids_a & ids_b
    m = sa.merge(sb, on=["staff_id", "competency_id"], how="outer", suffixes=("_a", "_b"))
    for col in ("held_a", "held_b", "lapsed_a", "lapsed_b"):
        m[col] = m[col].astype("boolean").fillna(False).astype(bool)
    m["competency_text"] = m["competency_text_b"].fillna(m["competency_text_a"])
    names = pd.concat([pb, pa]).drop_duplicates("staff_id").set_index("staff_id")["name"]
    m["name"] = m["staff_id"].map(names)
    in_b = m["staff_id"].isin(ids_b)
    gained = m[in_b & m["held_b"] & ~m["held_a"]]
    kept = m["staff_id"].isin(stayed) & m["held_a"]
    lapsed = m[kept & m["lapsed_b"]].assign(expires_on=lambda d: d["expires_on_b"])
    lost = m[kept & ~m["held_b"] & ~m["lapsed_b"]]

    def _items(df: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
        return df[[*ITEM, *extra]].sort_values(["staff_id", "competency_id"]).reset_index(drop=True)

    return Changes(
        a.as_of,
        b.as_of,
        joiners,
        leavers,
        changed,
        _items(gained),
        _items(lost),
        _items(lapsed, ("expires_on",)),
    )
