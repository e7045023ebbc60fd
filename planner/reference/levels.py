"""Which level of a competency framework each person is assessed against.

The BTS framework is read by Agenda for Change band (the lead level also by London function), the
London framework by function, the homecare framework by career level, the primary-care framework by
role, and the cross-cutting requirements apply to all staff. Where the roster lacks the column a
framework needs, rules by band from ``data/level_mapping.yaml`` fill in, each marked as source or as
our assumption with the reason. Anyone no rule reaches is kept with an empty level and a reason, so
the pages can report them rather than drop them silently.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import ReferenceDataError
from planner.reference.frameworks import Framework
from planner.vocab import BAND_RANK

LEVEL_MAPPING_FILE = DATA_DIR / "level_mapping.yaml"

#: The roster column that names the level directly, per ``level_basis``.
_BASIS_COLUMN: dict[str, str] = {"function": "function", "career_level": "career_level", "role": "role"}

LEVEL_COLUMNS: tuple[str, ...] = (
    "staff_id",
    "band",
    "function",
    "wte",
    "level_id",
    "level_label",
    "level_rank",
    "assigned_by",
    "assumption",
    "reason",
)


@cache
def _load_mapping(path: Path) -> dict[str, Any]:
    doc = load_yaml(path.read_text(encoding="utf-8")) or {}
    problems = []
    for fw_id, spec in (doc.get("frameworks") or {}).items():
        for section in ("by_band", "by_function"):
            for key, rule in (spec.get(section) or {}).items():
                for need in ("level", "status", "reason"):
                    if not isinstance(rule, dict) or not rule.get(need):
                        problems.append(f"{path.name}: {fw_id}.{section}.{key}: {need}: required")
                if isinstance(rule, dict) and rule.get("status") not in ("source", "assumption"):
                    problems.append(f"{path.name}: {fw_id}.{section}.{key}: status: source or assumption")
    if problems:
        raise ReferenceDataError("Level mapping", problems)
    return doc


def level_rules(framework_id: str, path: Path | None = None) -> dict[str, Any]:
    """The level-assignment rules for one framework (empty when the file has none for it).

    Args:
        framework_id: e.g. ``"bts"``.
        path: the mapping file; defaults to ``data/level_mapping.yaml``.
    """
    doc = _load_mapping(path or LEVEL_MAPPING_FILE)
    return dict((doc.get("frameworks") or {}).get(framework_id) or {})


def _band_rules_from_levels(fw: Framework) -> dict[str, dict[str, Any]]:
    """Band rules read from the framework's own ``afc_bands`` (most junior level wins a shared band)."""
    out: dict[str, dict[str, Any]] = {}
    for lv in fw.levels.itertuples(index=False):
        bands = lv.afc_bands if isinstance(lv.afc_bands, list) else []
        for band in bands:
            out.setdefault(
                str(band),
                {
                    "level": lv.level_id,
                    "status": "source",
                    "reason": f"{fw.id} level {lv.label} lists band {band}",
                },
            )
    return out


def _values(staff: pd.DataFrame, name: str) -> np.ndarray:
    """A roster column as stripped strings in an object array (``None`` where empty or absent)."""
    if name not in staff.columns:
        return np.full(len(staff), None, dtype=object)
    col = staff[name].astype("string").str.strip()
    return col.where(col != "").to_numpy(dtype=object, na_value=None)


def _column(staff: pd.DataFrame, name: str) -> pd.Series:
    if name in staff.columns:
        return staff[name].astype("string").str.strip()
    return pd.Series(pd.NA, index=staff.index, dtype="string")


ARRS_ROLE_REASON = "their ARRS role is not one of the nursing roles this framework describes"


def person_levels(staff: pd.DataFrame, fw: Framework, mapping_path: Path | None = None) -> pd.DataFrame:
    """Each post's level in a framework, with how it was assigned.

    Args:
        staff: the roster's staff table (one row per post; ``staff_id``, ``band``, ``wte`` and, where
            the framework needs them, ``function``, ``career_level``, ``role``; an optional
            ``judged_at`` naming a level id or label of ``fw`` sets the level by hand).
        fw: the framework.
        mapping_path: the level-mapping file; defaults to ``data/level_mapping.yaml``.

    Returns:
        One row per post, in the roster's order, with :data:`LEVEL_COLUMNS`. ``level_id`` is empty
        (``<NA>``) for people no rule reaches; ``reason`` says why.
    """
    rules = level_rules(fw.id, mapping_path)
    basis = rules.get("basis") or fw.level_basis
    known = set(fw.levels["level_id"])
    n = len(staff)
    band = _values(staff, "band")
    level = np.full(n, None, dtype=object)
    by = np.full(n, None, dtype=object)
    assumption = np.zeros(n, dtype=bool)
    reason = np.full(n, None, dtype=object)

    def assign(take: np.ndarray, value: object, how: str, is_assumption: bool, why: str) -> None:
        take = take & pd.isna(level)
        level[take], by[take], assumption[take], reason[take] = value, how, is_assumption, why

    # A level set by hand (a "Judged at" roster column, or the lead's override) comes first.
    chosen = _values(staff, "judged_at")
    if basis != "all_staff" and any(c is not None for c in chosen):
        names = {str(k).casefold(): lv for lv in known for k in (lv, fw.level_label(lv))}
        picked = np.array(
            [names.get(str(c).casefold()) if c is not None else None for c in chosen], dtype=object
        )
        for lv in known:
            assign(
                picked == lv,
                lv,
                "judged_at",
                False,
                "set by hand (the roster's Judged at column or the Team page)",
            )
    if basis == "all_staff" and len(known):
        assign(
            np.ones(n, dtype=bool), fw.levels["level_id"].iloc[0], "all staff", False, "applies to all staff"
        )
    if basis in _BASIS_COLUMN:
        col = _BASIS_COLUMN[basis]
        values = _values(staff, col)
        for lv in known:
            assign(values == lv, lv, col, False, f"the roster's {col} column")
    sections = [("function", _values(staff, "function"), rules.get("by_function") or {})]
    band_rules = rules.get("by_band") or (_band_rules_from_levels(fw) if basis == "band" else {})
    sections.append(("band", band, band_rules))
    # Loop over the (few) rules, not the people: each rule is one vectorised comparison.
    for how, values, table in sections:
        for key, rule in table.items():
            if rule.get("level") in known:
                why = " ".join(str(rule.get("reason", "")).split())
                assign(values == str(key), rule["level"], how, rule.get("status") == "assumption", why)

    # A PCN post whose ARRS role is none of the nursing matrix's roles (a clinical pharmacist at band 7)
    # is not guessed into a nursing level from its band.
    other = (
        (pd.isna(_values(staff, "role")) & pd.notna(_values(staff, "arrs_role"))) if basis == "role" else None
    )
    if other is not None and other.any():
        guessed = other & (by == "band")
        level[guessed], by[guessed], assumption[guessed] = None, None, False
    missing = pd.isna(level)
    shown = np.where(pd.isna(band), "(none)", band)[missing].astype(str)
    if basis in _BASIS_COLUMN:
        col = _BASIS_COLUMN[basis]
        reason[missing] = [
            f"no level in this framework: the roster gives no usable {col.replace('_', ' ')}, and no rule "
            f"covers band {b}"
            for b in shown
        ]
    else:
        reason[missing] = [
            f"no level in this framework for band {b} (no rule in the level mapping)" for b in shown
        ]
    if other is not None:
        reason[missing & other] = ARRS_ROLE_REASON
    level = pd.Series(level, dtype="string")
    band = pd.Series(band, dtype="string")
    labels = dict(zip(fw.levels["level_id"], fw.levels["label"], strict=True))
    ranks = dict(zip(fw.levels["level_id"], fw.levels["rank"], strict=True))
    out = pd.DataFrame(
        {
            "staff_id": pd.Series(_values(staff, "staff_id"), dtype="string"),
            "band": band,
            "function": pd.Series(_values(staff, "function"), dtype="string"),
            "wte": pd.to_numeric(staff["wte"], errors="coerce").to_numpy() if "wte" in staff else 0.0,
            "level_id": level,
            "level_label": level.map(labels).astype("string"),
            "level_rank": level.map(ranks).astype("Int64"),
            "assigned_by": pd.Series(by, dtype="string"),
            "assumption": assumption,
            "reason": pd.Series(reason, dtype="string"),
        }
    )
    return out.reset_index(drop=True)


def people(staff: pd.DataFrame) -> pd.DataFrame:
    """One row per person: their primary post's band, function and profession, and total WTE.

    A person with two posts counts once in headcount, with the WTE of both posts; they are placed in
    the band and function of the post with the most WTE (the more senior band on a tie), because a
    coverage table needs one row per person.

    Returns:
        Columns ``staff_id``, ``band``, ``function``, ``profession``, ``registration``, ``wte``,
        ``posts``; sorted by ``staff_id``.
    """
    cols = ["staff_id", "band", "function", "profession", "registration", "wte", "posts"]
    if staff.empty:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(
        {
            "staff_id": _column(staff, "staff_id"),
            "band": _column(staff, "band"),
            "function": _column(staff, "function"),
            "profession": _column(staff, "profession"),
            "registration": _column(staff, "registration").fillna("none"),
            "wte": pd.to_numeric(staff["wte"], errors="coerce").fillna(0.0),
        }
    )
    df["_rank"] = df["band"].map(BAND_RANK).fillna(-1)
    primary = df.sort_values(["staff_id", "wte", "_rank"], ascending=[True, False, False], kind="stable")
    primary = primary.drop_duplicates("staff_id").set_index("staff_id")
    totals = df.groupby("staff_id", sort=True)["wte"].agg(["sum", "size"])
    out = primary.drop(columns=["_rank", "wte"]).join(totals.rename(columns={"sum": "wte", "size": "posts"}))
    return out.reset_index()[cols]
