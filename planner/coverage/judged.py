"""The level each person is judged at, why, and a warning when their records sit at another level.

A person is judged at one level of a framework (:func:`planner.reference.levels.person_levels`): by
band, by the London function, or by a "Judged at" column on the roster (or the lead's override on
the Team page). When most of a person's records are against statements of another level, the level
may be wrong, and :func:`judged_at` says which level their records point to.
"""

from __future__ import annotations

import pandas as pd

from planner.coverage.credit import home_framework
from planner.reference.frameworks import Framework
from planner.reference.levels import person_levels

JUDGED_COLUMNS: tuple[str, ...] = ("staff_id", "level_id", "judged_at", "reason", "records_level", "warning")


def judged_at(staff: pd.DataFrame, records: pd.DataFrame | None, fw: Framework) -> pd.DataFrame:
    """One row per person: the level they are judged at, the reason, and any mismatch warning.

    Args:
        staff: the roster's staff table.
        records: the roster's competency records (for the level most of them sit at), or ``None``.
        fw: the framework.

    Returns:
        :data:`JUDGED_COLUMNS`; ``records_level`` is the label of the level most of the person's
        records sit at (in the framework the statements come from), and ``warning`` a sentence when
        that is not the level they are judged at; both empty otherwise. Sorted by staff id.
    """
    lv = person_levels(staff, fw)
    if lv.empty:
        return pd.DataFrame(columns=list(JUDGED_COLUMNS))
    lv = lv.assign(_r=lv["level_rank"].astype("Float64").fillna(-1))
    top = lv.sort_values(["staff_id", "_r"], ascending=[True, False]).drop_duplicates("staff_id")
    out = pd.DataFrame(
        {
            "staff_id": top["staff_id"].astype(str).to_numpy(),
            "level_id": top["level_id"].astype(object).where(top["level_id"].notna(), None).to_numpy(),
            "judged_at": top["level_label"].astype(object).fillna("no level").to_numpy(),
            "reason": top["reason"].astype(object).fillna("").to_numpy(),
        }
    )
    out["records_level"] = ""
    out["warning"] = ""
    home = home_framework(fw)
    if records is None or records.empty or "competency_id" not in records:
        return out.sort_values("staff_id").reset_index(drop=True)
    req = home.requirements
    single = (
        req.groupby("competency_id")["level_id"].agg(lambda s: s.iloc[0] if len(s) == 1 else None).dropna()
    )
    rec = pd.DataFrame(
        {
            "staff_id": records["staff_id"].astype(str).str.strip(),
            "cid": records["competency_id"].astype(str).str.strip(),
        }
    )
    rec["level"] = rec["cid"].map(single)
    rec = rec.dropna(subset=["level"])
    if rec.empty:
        return out.sort_values("staff_id").reset_index(drop=True)
    counts = rec.groupby(["staff_id", "level"]).size().rename("n").reset_index()
    total = counts.groupby("staff_id")["n"].sum()
    best = counts.sort_values(["staff_id", "n"], ascending=[True, False]).drop_duplicates("staff_id")
    best = best[best["n"] > total.reindex(best["staff_id"]).to_numpy() / 2].set_index("staff_id")["level"]
    own_all = person_levels(staff, home)
    own_home = own_all.assign(_r=own_all["level_rank"].astype("Float64").fillna(-1))
    own_home = own_home.sort_values(["staff_id", "_r"], ascending=[True, False]).drop_duplicates("staff_id")
    home_level = own_home.set_index("staff_id")["level_id"].astype(object)
    # A person with several posts is judged at each post's level; their records match when they
    # sit at any of them (tests/unit/test_coverage_review_fixes.py).
    held = own_all.groupby(own_all["staff_id"].astype(str))["level_id"].agg(lambda s: set(s.dropna()))
    likely = out["staff_id"].map(best)
    at_any = [
        pd.notna(lvl) and lvl in held.get(sid, set())
        for sid, lvl in zip(out["staff_id"], likely, strict=True)
    ]
    mismatch = likely.notna() & ~pd.Series(at_any, index=out.index, dtype=bool)
    out.loc[likely.notna(), "records_level"] = likely[likely.notna()].map(home.level_label)
    out.loc[mismatch, "warning"] = [
        f"{sid}: most records are at {home.level_label(lvl)}, but judged at "
        f"{home.level_label(str(home_level.get(sid))) if pd.notna(home_level.get(sid)) else 'no level'}; "
        f"check the level (a 'Judged at' column or the Team page can set it)."
        for sid, lvl in zip(out.loc[mismatch, "staff_id"], likely[mismatch], strict=True)
    ]
    return out.sort_values("staff_id").reset_index(drop=True)
