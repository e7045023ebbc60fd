"""Crediting: the same skill, recorded once, counts wherever it is asked for (our interpretation).

Three rules, applied by :func:`planner.coverage.statuses`:

- **Same wording, one skill.** Statements with identical wording (or sharing a ``same_skill`` key in
  the framework file, as the Basic Life Support statements and the cross-cutting life-support items
  do) are one skill: a record against any of them meets all of them, with that record's own dates.
- **Higher-level evidence covers lower levels of the same area**, but only when *every* statement
  of that area at the person's own level is verified. Qualifications are never credited this way.
  The credit carries the crediting records' earliest expiry, so it lapses with them.
- **"One of" groups** (``alternatives`` in the framework file): a group is one requirement, met
  when any member is.

A credited row names the record that gave it (``credited_from``), so the drill-down can say
"credited from BTS-B6-CCS-02". All of this is our interpretation of the frameworks, not their text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from planner.reference import frameworks
from planner.reference.frameworks import Framework

#: Words shown beside a credit on screen.
CREDIT_RULE = (
    "Our interpretation: identical wording is one skill, and a person whose every statement of an "
    "area at their own level is verified is credited with that area's lower-level statements."
)
QUALIFICATION_AREAS: frozenset[str] = frozenset({"qualifications"})
_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"[\s.;:,]+$")

CATALOGUE_COLUMNS: tuple[str, ...] = (
    "competency_id",
    "text",
    "skill",
    "framework_id",
    "home_framework",
    "area_id",
    "domain_id",
    "min_rank",
    "max_rank",
    "renewal_months",
)


def wording_key(text: str) -> str:
    """The key under which two statements count as the same wording (case, spaces, end stop ignored)."""
    return _TRAIL.sub("", _SPACE.sub(" ", str(text)).strip()).casefold()


def home_framework(fw: Framework) -> Framework:
    """The framework whose levels rank a statement: the parent of a derived framework, else itself."""
    parent = fw.raw.get("derives_from")
    if parent:
        try:
            return frameworks.get(str(parent))
        except KeyError:  # a parent not shipped: rank by the derived framework's own levels
            return fw
    return fw


def _one(fw: Framework, home: Framework) -> pd.DataFrame:
    comps = home.competencies if home is not fw else fw.competencies
    req = home.requirements.merge(home.levels[["level_id", "rank"]], on="level_id")
    ranks = req.groupby("competency_id")["rank"].agg(["min", "max"])
    same = comps["same_skill"] if "same_skill" in comps else pd.Series(None, index=comps.index)
    words = comps["text"].map(wording_key)
    skill = same.astype(object).where(same.notna(), "w:" + words)
    return pd.DataFrame(
        {
            "competency_id": comps["competency_id"].astype(str),
            "text": comps["text"].astype(str),
            "skill": skill.astype(str),
            "framework_id": fw.id,
            "home_framework": home.id,
            "area_id": comps["area_id"].astype(object),
            "domain_id": comps["domain_id"].astype(str),
            "min_rank": comps["competency_id"].map(ranks["min"]).astype(float),
            "max_rank": comps["competency_id"].map(ranks["max"]).astype(float),
            "renewal_months": pd.to_numeric(comps["renewal_months"], errors="coerce"),
        }
    )


def catalogue(fws: list[Framework]) -> pd.DataFrame:
    """Every statement a record may be made against, with its skill key and level ranks.

    A derived framework brings its parent's whole list, so a record against a parent statement the
    derived framework does not ask for still counts (a band 6 record credits the London view).
    """
    parts = []
    for fw in fws:
        home = home_framework(fw)
        if home is not fw:
            parts.append(_one(home, home))
        parts.append(_one(fw, home))
    out = pd.concat(parts, ignore_index=True).drop_duplicates("competency_id")
    return out.reset_index(drop=True)[list(CATALOGUE_COLUMNS)]


Lookup = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]


def area_credit(
    *,
    person_rank: np.ndarray,
    cat: pd.DataFrame,
    skill_index: pd.Index,
    lookup: Lookup,
    row_staff: np.ndarray,
    row_comp_cat: np.ndarray,
    status: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which required rows higher-level evidence credits: rows, expiry and crediting statement.

    Args:
        person_rank: each person's level rank in the home framework (-1 where none).
        cat: :func:`catalogue`.
        skill_index: the skill keys, in the codes ``lookup`` takes.
        lookup: ``(staff codes, skill codes) -> (status code, expiry, source position)``.
        row_staff: each required row's person code.
        row_comp_cat: each required row's position in ``cat`` (-1 where not in it).
        status: each required row's status code so far (0 = verified).

    Returns:
        ``(rows, expires, source)``: positions of the credited rows, the credit's expiry (the
        earliest of the crediting records) and the crediting statement's id.
    """
    empty = (np.array([], dtype=np.int64), np.array([], dtype="datetime64[ns]"), np.array([], dtype=object))
    home = cat[cat["home_framework"].eq(cat["framework_id"]) & cat["area_id"].notna()]
    home = home[~home["area_id"].astype(str).isin(QUALIFICATION_AREAS)]
    if home.empty or not (person_rank >= 0).any():
        return empty
    # Statements at each person's own level: one row per (person, statement).
    people = pd.DataFrame({"staff": np.arange(len(person_rank)), "rank": person_rank.astype(float)})
    people = people[people["rank"] >= 0]
    home_at = home.assign(
        _r=[list(range(int(a), int(b) + 1)) for a, b in zip(home["min_rank"], home["max_rank"], strict=True)]
    )
    home_at = home_at.explode("_r").astype({"_r": float})
    own = people.merge(home_at, left_on="rank", right_on="_r")
    if own.empty:
        return empty
    code, exp, _ = lookup(own["staff"].to_numpy(), skill_index.get_indexer(own["skill"]))
    own = own.assign(_ok=code == 0, _exp=exp)
    by = own.groupby(["staff", "area_id"], sort=False)
    full = by["_ok"].all()
    full = full[full]
    if full.empty:
        return empty
    mine = own.set_index(["staff", "area_id"]).loc[full.index].reset_index()
    mine = mine.sort_values(["_exp", "competency_id"], na_position="last")
    first = mine.drop_duplicates(["staff", "area_id"]).set_index(["staff", "area_id"])
    # Required rows below the person's level in a fully verified area, not already verified.
    rc = np.where(row_comp_cat >= 0, row_comp_cat, 0)
    rows = pd.DataFrame(
        {
            "staff": row_staff,
            "area_id": cat["area_id"].to_numpy(dtype=object)[rc],
            "max_rank": cat["max_rank"].to_numpy(dtype=float)[rc],
            "pos": np.arange(len(row_staff)),
        }
    )[(row_comp_cat >= 0) & (status != 0)]
    rows = rows.join(first[["_exp", "competency_id", "rank"]], on=["staff", "area_id"], how="inner")
    rows = rows[rows["max_rank"] < rows["rank"]]
    return (
        rows["pos"].to_numpy(dtype=np.int64),
        rows["_exp"].to_numpy(dtype="datetime64[ns]"),
        rows["competency_id"].to_numpy(dtype=object),
    )


def no_credit(**_: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """No area credit (the switch the property tests compare against)."""
    return (np.array([], dtype=np.int64), np.array([], dtype="datetime64[ns]"), np.array([], dtype=object))


def collapse_alternatives(st: pd.DataFrame, fws: list[Framework]) -> pd.DataFrame:
    """Keep one row per person and "one of" group: the best member (met when any member is verified).

    Adds ``one_of``: the group's label on its row, ``None`` elsewhere.
    """
    alts = pd.concat([f.alternatives for f in fws], ignore_index=True)
    one_of = pd.Series(None, index=st.index, dtype=object)
    if alts.empty:
        return st.assign(one_of=one_of)
    group = (
        st["competency_id"].astype(str).map(dict(zip(alts["competency_id"], alts["group_id"], strict=True)))
    )
    label = group.map(dict(zip(alts["group_id"], alts["label"], strict=False)))
    one_of = label.astype(object).where(label.notna(), None)
    in_group = group.notna()
    if not in_group.any():
        return st.assign(one_of=one_of)
    part = pd.DataFrame(
        {"s": st["staff_id"].astype(str), "g": group, "c": st["status"].cat.codes}, index=st.index
    )[in_group]
    best = part.sort_values(["s", "g", "c"], kind="stable").drop_duplicates(["s", "g"]).index
    keep = ~in_group | st.index.isin(best)
    return st.assign(one_of=one_of)[keep.to_numpy()].reset_index(drop=True)
