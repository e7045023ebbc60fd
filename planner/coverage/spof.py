"""Single points of failure judged by skill, weighted by WTE and looking ahead (our interpretation).

A *skill* is a statement together with every statement of the same wording (or the same
``same_skill`` key). Its holders are counted across the team, whatever their band: everyone verified
on that wording, and everyone verified on a statement of the same area at the skill's level or above
(higher-level evidence covers the lower level). Qualifications count by wording only.

A skill is a single point of failure when it has a holder today and, looking ahead, one holder or
holders whose WTE together is under 1.0 — a holder whose record lapses within the window, or who
leaves by its end (an optional "Leaving date" on the roster), is counted absent.

- **Severity** by the holders' WTE (assumption): *high* when nobody will be left or the holders
  together work under 0.5 WTE, *medium* under 1.0 WTE, *low* otherwise (one full-time holder).
- **Closest**: who could cover it most cheaply: people in progress or self-assessed on it, then people
  verified on the level below in its area.
- Routes in a "one of" group (registration by one body or another) are each person's own
  qualification, met by their own route, so they are not listed.
- **Kind**: ``band_only`` when the statement is asked at one level only and no other level's statement
  shares its area or wording ("only this band does this"); ``skill`` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from planner.coverage.credit import QUALIFICATION_AREAS

SPOF_COLUMNS: tuple[str, ...] = (
    "competency_id",
    "competency_ids",
    "text",
    "domain",
    "required_of",
    "holders",
    "holders_now",
    "holders_wte",
    "who",
    "severity",
    "closest",
    "kind",
    "reason",
)
SEVERITY_ORDER: tuple[str, ...] = ("high", "medium", "low")
KIND_LABELS: dict[str, str] = {"skill": "Team skill", "band_only": "Only this band does this"}
SEVERITY_RULE = (
    "Assumption: high when nobody will be left or the holders together work under 0.5 WTE; "
    "medium when one person holds the skill (whatever their WTE: one absence loses it) or the "
    "holders together work under 1.0 WTE; low for two or more holders of 1.0 WTE or more together."
)
_NO_AREA = "(none)"


def _severity(holders: int, wte: float) -> str:
    if holders == 0 or wte < 0.5 - 1e-9:
        return "high"
    if holders == 1 or wte < 1.0 - 1e-9:
        return "medium"
    return "low"


def single_points_of_failure(
    st: pd.DataFrame,
    *,
    min_wte: float = 1.0,
    as_of: date | None = None,
    within_days: int = 0,
    leaving: Mapping[str, date] | None = None,
    skills_only: bool = False,
) -> pd.DataFrame:
    """Skills held by one person, or by people under ``min_wte`` together, looking ahead.

    Args:
        st: the output of :func:`planner.coverage.statuses`.
        min_wte: the WTE the holders of a skill should reach together.
        as_of: the date judged on; with ``within_days``, the end of the look-ahead window.
        within_days: a holder whose record lapses within this many days is counted absent.
        leaving: leaving dates by staff id; a holder leaving by the window's end is counted absent.
        skills_only: return every skill asked of the team (indexed by skill key, with ``holders``,
            ``holders_now``, ``holders_wte``, ``who``) instead of the ones at risk.

    Returns:
        :data:`SPOF_COLUMNS`, one row per skill at risk: ``kind`` ``skill`` first, then by
        severity, fewest holders and lowest WTE. Skills no one holds are gaps, not listed here.
    """
    if st.empty:
        return pd.DataFrame(columns=list(SPOF_COLUMNS))
    end = pd.Timestamp(as_of) + timedelta(days=int(within_days)) if as_of is not None else None
    rows = pd.DataFrame(
        {
            "staff": st["staff_id"].astype(str).to_numpy(),
            "cid": st["competency_id"].astype(str).to_numpy(),
            "skill": st["skill"].astype(str).to_numpy()
            if "skill" in st
            else st["text"].astype(str).to_numpy(),
            "text": st["text"].astype(str).to_numpy(),
            "domain": st["domain"].astype(str).to_numpy(),
            "area": st["area_id"].astype(str).to_numpy(),
            "level": st["level_id"].astype(str).to_numpy(),
            "xc": st["framework_id"].astype(str).eq("cross_cutting").to_numpy(),
            "rank": st["level_rank"].to_numpy(dtype=float) if "level_rank" in st else 0.0,
            "status": st["status"].astype(str).to_numpy(),
            "wte": st["wte"].to_numpy(dtype=float),
            "expires": st["expires_on"].to_numpy(),
            "route": st["one_of"].notna().to_numpy() if "one_of" in st else False,
        }
    )
    rows["by_area"] = ~rows["area"].isin({_NO_AREA, *QUALIFICATION_AREAS}) & ~rows["xc"]
    present = np.ones(len(rows), dtype=bool)
    if end is not None:
        lapses = ~pd.isna(rows["expires"]) & (pd.to_datetime(rows["expires"]) <= end)
        present &= ~lapses.to_numpy()
        if leaving:
            left = rows["staff"].map({str(k): pd.Timestamp(v) for k, v in leaving.items() if v is not None})
            present &= ~(left.notna() & (left <= end)).to_numpy()
    rows["present"] = present
    skills = rows.groupby("skill", sort=False).agg(
        cids=("cid", lambda s: list(dict.fromkeys(s))),
        text=("text", "first"),
        domain=("domain", "first"),
        area=("area", "first"),
        by_area=("by_area", "first"),
        rank=("rank", "min"),
        levels=("level", "nunique"),
        required_of=("staff", "nunique"),
        xc=("xc", "first"),
        route=("route", "all"),
    )
    verified = rows[rows["status"].eq("verified")]
    same = verified[["skill", "staff", "present"]]
    area_skills = skills[skills["by_area"]].reset_index()[["skill", "area", "rank"]]
    higher = area_skills.merge(
        verified[verified["by_area"]][["staff", "area", "rank", "present"]], on="area", suffixes=("", "_h")
    )
    higher = higher[higher["rank_h"] >= higher["rank"]][["skill", "staff", "present"]]
    pairs = (
        pd.concat([same, higher], ignore_index=True).groupby(["skill", "staff"], sort=False)["present"].any()
    )
    pairs = pairs.reset_index()
    wte = rows.drop_duplicates("staff").set_index("staff")["wte"]
    pairs["wte"] = pairs["staff"].map(wte)
    now = pairs.groupby("skill")["staff"].nunique()
    ahead = pairs[pairs["present"]]
    table = skills.join(now.rename("holders_now")).join(
        ahead.groupby("skill").agg(holders=("staff", "nunique"), holders_wte=("wte", "sum"))
    )
    table[["holders_now", "holders"]] = table[["holders_now", "holders"]].fillna(0).astype(int)
    table["holders_wte"] = pd.to_numeric(table["holders_wte"], errors="coerce").fillna(0.0).round(4)
    if skills_only:
        return table.assign(who=ahead.groupby("skill")["staff"].agg(lambda s: sorted(set(s))))
    # A route in a "one of" group (a registration) is met by each person's own route: not a team risk.
    risky = table[
        ~table["route"].astype(bool)
        & (table["holders_now"] >= 1)
        & ((table["holders"] <= 1) | (table["holders_wte"] < min_wte - 1e-9))
    ]
    if risky.empty:
        return pd.DataFrame(columns=list(SPOF_COLUMNS))
    who = ahead.groupby("skill")["staff"].agg(lambda s: sorted(set(s)))
    out = risky.join(who.rename("who"))
    out["who"] = [w if isinstance(w, list) else [] for w in out["who"]]
    out["closest"] = [
        _closest(rows, verified, sk, r, set(pairs.loc[pairs["skill"] == sk, "staff"]))
        for sk, r in out.iterrows()
    ]
    shared_area = rows[rows["by_area"]].groupby("area")["rank"].nunique()
    out["kind"] = [
        "band_only"
        if (not r.xc) and r.levels == 1 and (not r.by_area or int(shared_area.get(r.area, 1)) <= 1)
        else "skill"
        for r in out.itertuples()
    ]
    out["severity"] = [
        _severity(int(h), float(w)) for h, w in zip(out["holders"], out["holders_wte"], strict=True)
    ]
    out["reason"] = [_reason(r, min_wte, within_days if end is not None else None) for r in out.itertuples()]
    out["competency_ids"] = out["cids"]
    out["competency_id"] = [c[0] for c in out["cids"]]
    out["_k"] = out["kind"].map({"skill": 0, "band_only": 1})
    out["_s"] = out["severity"].map({s: i for i, s in enumerate(SEVERITY_ORDER)})
    out = out.sort_values(["_k", "_s", "holders", "holders_wte", "competency_id"])
    return out.reset_index(drop=True)[list(SPOF_COLUMNS)]


def _closest(rows: pd.DataFrame, verified: pd.DataFrame, skill: str, r: Any, holders: set[str]) -> list[str]:
    """People nearest to covering a skill: working on it, then verified on the level below in its area."""
    working = rows[(rows["skill"] == skill) & rows["status"].isin(["in_progress", "self_assessed"])]
    out = list(dict.fromkeys(sorted(working["staff"])))
    if r["by_area"]:
        area, rank = r["area"], r["rank"]
        below = verified[verified["by_area"] & (verified["area"] == area) & (verified["rank"] < rank)]
        if len(below):
            top = below[below["rank"] == below["rank"].max()]
            out += [s for s in sorted(set(top["staff"])) if s not in out]
    return [s for s in out if s not in holders]


def _reason(r: Any, min_wte: float, within_days: int | None) -> str:
    ahead = f" within {within_days} days" if within_days else ""
    if r.holders == 0:
        return f"every holder's record lapses or they leave{ahead}"
    if r.holders == 1:
        return "held by one person only" + (
            f" once lapses and leavers{ahead} are counted" if r.holders_now > 1 else ""
        )
    return f"holders' WTE together is under {min_wte:g}"


def leaving_dates(staff: pd.DataFrame) -> dict[str, date]:
    """Leaving dates by staff id, from the roster's optional "Leaving date" column (empty if none)."""
    if "leaving_date" not in staff.columns:
        return {}
    when = pd.to_datetime(staff["leaving_date"], errors="coerce", dayfirst=True)
    ok = when.notna()
    return {str(s): d.date() for s, d in zip(staff.loc[ok, "staff_id"], when[ok], strict=True)}
