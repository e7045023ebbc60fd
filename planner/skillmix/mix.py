"""Skill mix: WTE and headcount by band, function and profession, registration shares, supervision, cost.

The team's mix is compared with a target (default: the national expansion split of 600 registered
to 400 support posts, Taskforce for Lung Health 2018 via the CSP; ``data/targets/skill_mix.yaml``,
editable, :mod:`planner.reference.targets`) and priced with :mod:`planner.reference.pay`. A substitution table ("two band 4s for one band 7",
as a manager puts it in seed 002) shows what a swap costs and which competencies go with it.

WTE is summed over posts, so WTE by band always sums to the team's WTE. Headcount counts distinct
people; someone with posts in two bands counts once in each band and once in the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.ingest.professions import kind_from_profession
from planner.reference import pay as costs
from planner.reference.frameworks import Framework
from planner.reference.levels import person_levels
from planner.reference.targets import SkillMixTargets, load_targets
from planner.vocab import (
    BANDS,
    FUNCTIONS,
    REGISTRATION_KINDS,
    REGISTRATION_LABELS,
    band_label,
    function_label,
)

NO_FUNCTION = "not_recorded"
NOT_RECORDED = "Not recorded"


def _posts(staff: pd.DataFrame) -> pd.DataFrame:
    """The columns the mix needs, cleaned: one row per post."""

    def col(name: str) -> pd.Series:
        if name in staff.columns:
            return staff[name].astype("string").str.strip()
        return pd.Series(pd.NA, index=staff.index, dtype="string")

    reg = col("registration")  # the ingest's kind (professions.body_kind), guaranteed by its staff contract
    function = col("function")
    return pd.DataFrame(
        {
            "staff_id": col("staff_id"),
            "band": pd.Categorical(col("band"), categories=list(BANDS), ordered=True),
            "function": pd.Categorical(
                function.where(function.isin(FUNCTIONS), NO_FUNCTION), categories=[*FUNCTIONS, NO_FUNCTION]
            ),
            "profession": col("profession").fillna(NOT_RECORDED),
            "registration": pd.Categorical(reg.fillna("none"), categories=list(REGISTRATION_KINDS)),
            "wte": pd.to_numeric(staff["wte"], errors="coerce").fillna(0.0) if "wte" in staff else 0.0,
        }
    )


def _label(key: str, value: str) -> str:
    if key == "band":
        return band_label(value)
    if key == "function":
        return NOT_RECORDED if value == NO_FUNCTION else function_label(value)
    if key == "registration":
        return REGISTRATION_LABELS.get(value, value)
    return value


def wte_headcount(staff: pd.DataFrame, by: str) -> pd.DataFrame:
    """WTE and headcount for each value of ``by`` (band, function, profession or registration).

    Bands, functions and registration kinds are listed in full, empty ones as 0 (never NaN).

    Returns:
        Columns ``<by>``, ``label``, ``wte``, ``headcount``, ``wte_share``.
    """
    posts = _posts(staff)
    key = posts[by].astype("category") if by == "profession" else posts[by]
    wte = posts.groupby(key, observed=False)["wte"].sum()
    heads = posts.drop_duplicates(["staff_id", by]).groupby(key, observed=False)["staff_id"].count()
    out = pd.DataFrame(
        {by: wte.index.astype(str), "wte": wte.to_numpy(), "headcount": heads.reindex(wte.index).to_numpy()}
    )
    out["label"] = [_label(by, v) for v in out[by]]
    total = out["wte"].sum()
    out["wte_share"] = out["wte"] / total if total > 0 else 0.0
    out["headcount"] = out["headcount"].fillna(0).astype(int)
    return out[[by, "label", "wte", "headcount", "wte_share"]]


def wte_by_band_function(staff: pd.DataFrame) -> pd.DataFrame:
    """WTE for every band × function (long form, empty cells as 0), for stacked bars."""
    posts = _posts(staff)
    grid = posts.groupby(["band", "function"], observed=False)["wte"].sum().reset_index()
    grid["band"] = grid["band"].astype(str)
    grid["function"] = grid["function"].astype(str)
    grid["band_label"] = grid["band"].map(band_label)
    grid["function_label"] = [_label("function", f) for f in grid["function"]]
    return grid


def registered_share(
    staff: pd.DataFrame, targets: SkillMixTargets | None = None, *, infer_from_profession: bool = False
) -> dict[str, Any]:
    """Registered and support WTE against the target split.

    Returns:
        ``registered_wte``, ``support_wte``, ``total_wte``, ``share`` (registered ÷ total WTE; 0 for
        an empty team), ``statutory_share``, ``accredited_share``, ``headcount_share``,
        ``target_share``, ``target_registered_wte`` (total × target share) and
        ``registered_gap_wte`` (target − actual; positive means short of registered staff), and
        ``recorded``: false when the roster records no registration, and then every figure built
        on it (shares, registered and support WTE, target registered WTE, gap) is ``None``, unless
        ``infer_from_profession`` asks for registration read from each profession (physiotherapist
        HCPC, nurse NMC, clinical exercise physiologist AHCS…), flagged ``inferred``.
    """
    t = targets or load_targets()
    if infer_from_profession and not registration_recorded(staff):
        guessed = staff.assign(registration=staff["profession"].map(kind_from_profession).fillna("none"))
        guessed = guessed.assign(registration_body=None)
        out = registered_share(guessed, t)
        return {**out, "recorded": False, "inferred": True}
    posts = _posts(staff)
    reg = posts["registration"].astype(str).isin(t.registered_kinds)
    total = float(posts["wte"].sum())
    registered = float(posts.loc[reg, "wte"].sum())

    def share(mask: pd.Series) -> float:
        return float(posts.loc[mask, "wte"].sum()) / total if total > 0 else 0.0

    people_total = posts["staff_id"].nunique()
    people_reg = posts.loc[reg, "staff_id"].nunique()
    target_wte = total * t.registered_share
    if not registration_recorded(staff):
        # Blank is not "unregistered": the figures built on registration are not recorded.
        return {
            "recorded": False,
            "inferred": False,
            "registered_wte": None,
            "support_wte": None,
            "total_wte": round(total, 6),
            "share": None,
            "statutory_share": None,
            "accredited_share": None,
            "headcount_share": None,
            "registered_kinds": list(t.registered_kinds),
            "target_share": t.registered_share,
            "target_registered_wte": None,
            "registered_gap_wte": None,
        }
    return {
        "recorded": True,
        "inferred": False,
        "registered_wte": round(registered, 6),
        "support_wte": round(total - registered, 6),
        "total_wte": round(total, 6),
        "share": registered / total if total > 0 else 0.0,
        "statutory_share": share(posts["registration"].astype(str) == "statutory"),
        "accredited_share": share(posts["registration"].astype(str) == "accredited"),
        "headcount_share": people_reg / people_total if people_total else 0.0,
        "registered_kinds": list(t.registered_kinds),
        "target_share": t.registered_share,
        "target_registered_wte": round(target_wte, 6),
        "registered_gap_wte": round(target_wte - registered, 6),
    }


def registration_recorded(staff: pd.DataFrame) -> bool:
    """Whether the roster records registration at all (a body, or someone registered).

    A roster with no registration column, or with every cell blank, reads as "none" for everyone;
    that is "not recorded", not a team with nobody registered.
    """
    if staff.empty or "registration" not in staff.columns:
        return False
    body = staff["registration_body"] if "registration_body" in staff.columns else pd.Series(dtype=object)
    named = body.astype("string").str.strip().fillna("").ne("").any()
    return bool(named or staff["registration"].astype(str).ne("none").any())


def supervision_ratio(
    staff: pd.DataFrame, targets: SkillMixTargets | None = None, *, infer_from_profession: bool = False
) -> float | None:
    """Non-registered WTE per registered WTE (the supervision load).

    ``None`` with no registered staff, or when registration is not recorded (and not inferred).
    """
    s = registered_share(staff, targets, infer_from_profession=infer_from_profession)
    if s["registered_wte"] is None:
        return None
    return s["support_wte"] / s["registered_wte"] if s["registered_wte"] > 0 else None


def mix_cost(
    staff: pd.DataFrame, point: costs.Point = "mid", pension: costs.Pension = "employer"
) -> pd.DataFrame:
    """Annual employer cost of the team by band (AfC 2025/26 pay point plus NI and pension).

    Bands with no pay point (band 1) are listed with ``priced`` False and cost 0, not dropped.

    Returns:
        Columns ``band``, ``label``, ``wte``, ``cost_per_wte``, ``annual_cost``, ``priced``.
    """
    by = wte_headcount(staff, "band")
    table = costs.cost_table(point, pension)["employer_cost"]
    out = by[["band", "label", "wte"]].copy()
    out["priced"] = out["band"].isin(table.index)
    out["cost_per_wte"] = out["band"].map(table).fillna(0.0)
    priced = out.loc[out["priced"], ["band", "wte"]].set_index("band")["wte"]
    annual = costs.annual_cost(priced, point, pension) if len(priced) else pd.Series(dtype=float)
    out["annual_cost"] = out["band"].map(annual).fillna(0.0)
    return out[["band", "label", "wte", "cost_per_wte", "annual_cost", "priced"]]


def _band_levels(bands: list[str], fw: Framework) -> dict[str, str]:
    """Each band's framework level, by the same rules as a roster (``data/level_mapping.yaml``).

    Bands no rule reaches are left out. One :func:`planner.reference.levels.person_levels` call for all
    of them (its rules apply row by row, so probing bands together gives each band's own level).
    """
    unique = list(dict.fromkeys(bands))
    probe = pd.DataFrame({"staff_id": unique, "band": unique, "wte": 1.0})
    levels = person_levels(probe, fw)["level_id"]
    return {b: str(lv) for b, lv in zip(unique, levels, strict=True) if not pd.isna(lv)}


def _levels_for(bands: dict[str, float], fw: Framework, known: dict[str, str] | None = None) -> set[str]:
    """The framework levels of some bands (``known``: :func:`_band_levels` already worked out)."""
    levels = known if known is not None else _band_levels(list(bands), fw)
    return {levels[b] for b in bands if b in levels}


def substitution_competencies(
    sub: dict[str, Any],
    fw: Framework,
    *,
    levels: dict[str, str] | None = None,
    req: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Statements required at the bands given up that no band taken on is required to hold.

    Args:
        sub: a substitution (``give`` and ``take`` as band → WTE).
        fw: the framework to compare levels in (BTS).
        levels: band → level, when worked out already for several substitutions (:func:`_band_levels`).
        req: ``fw``'s requirements merged with its competencies, when already merged.

    Returns:
        ``competency_id``, ``text``, ``domain_id``, ``area_id``, ``expectation``,
        ``expectation_class``, and ``area_kept`` (True where the area is still covered at a level
        taken on, at a lower expectation).
    """
    give, take = _levels_for(sub["give"], fw, levels), _levels_for(sub["take"], fw, levels)
    if req is None:
        req = fw.requirements.merge(fw.competencies, on="competency_id")
    kept_ids = set(req.loc[req["level_id"].isin(take), "competency_id"])
    kept_areas = set(req.loc[req["level_id"].isin(take), "area_id"].dropna())
    lost = req[req["level_id"].isin(give) & ~req["competency_id"].isin(kept_ids)].drop_duplicates(
        "competency_id"
    )
    lost = lost.assign(area_kept=lost["area_id"].isin(kept_areas))
    cols = ["competency_id", "text", "domain_id", "area_id", "expectation", "expectation_class", "area_kept"]
    return lost[cols].reset_index(drop=True)


@dataclass(frozen=True)
class SupervisionBasis:
    """The supervision that supporting staff need, and who gives it (from the expansion model's inputs).

    Attributes:
        hours_per_supporting_wte: supervision hours a year per WTE of supporting staff.
        effective_hours_per_wte: hours a year one WTE of the supervisors gives to work (after headroom).
        supervisor_shares: band → share of the supervision hours it gives (e.g. bands 6 and 7, half each).
        supporting_bands: the bands whose staff need supervision (bands 1 to 4).
        basis: the figures in words, with their source or the word assumption.
    """

    hours_per_supporting_wte: float
    effective_hours_per_wte: float
    supervisor_shares: dict[str, float]
    supporting_bands: tuple[str, ...]
    basis: str

    def added(
        self, give: dict[str, float], take: dict[str, float], point: costs.Point, pension: costs.Pension
    ) -> tuple[float, float]:
        """Supervision hours a year a swap adds (negative: saves), and their employer cost (£ a year).

        Hours = (supporting WTE taken on − supporting WTE given up) × hours per supporting WTE; they are
        priced as WTE of the supervising bands (hours ÷ effective hours per WTE, split by share).
        """
        change = sum(w for b, w in take.items() if b in self.supporting_bands) - sum(
            w for b, w in give.items() if b in self.supporting_bands
        )
        hours = change * self.hours_per_supporting_wte
        wte = hours / self.effective_hours_per_wte if self.effective_hours_per_wte > 0 else 0.0
        by_band = pd.Series({b: share * abs(wte) for b, share in self.supervisor_shares.items()})
        cost = float(costs.annual_cost(by_band, point, pension).sum())
        return hours, cost if wte >= 0 else -cost


def substitution_table(
    targets: SkillMixTargets | None = None,
    fw: Framework | None = None,
    point: costs.Point = "mid",
    pension: costs.Pension = "employer",
    supervision: SupervisionBasis | None = None,
) -> pd.DataFrame:
    """Each substitution's WTE and cost change, the supervision it adds, and the competencies that go.

    Returns:
        One row per substitution: ``id``, ``label``, ``give``, ``take`` (text), ``wte_change``,
        ``cost_before``, ``cost_after``, ``cost_change`` (£ a year, after − before), and with
        ``supervision``: ``supervision_hours`` (a year, added by the swap), ``supervision_cost`` (£ a
        year) and ``cost_change_with_supervision``; then ``statements_lost``, ``leads_on_lost``,
        ``areas_lost`` (labels of areas no longer covered at all), ``status``, ``quote``, ``source``.
    """
    t = targets or load_targets()
    rows = []
    levels, req, area_labels = None, None, {}
    if fw is not None:  # worked out once for every substitution
        bands = [b for sub in t.substitutions for side in ("give", "take") for b in sub[side]]
        levels = _band_levels(bands, fw)
        req = fw.requirements.merge(fw.competencies, on="competency_id")
        area_labels = dict(zip(fw.areas["area_id"], fw.areas["label"], strict=True))
    for sub in t.substitutions:
        before = float(costs.annual_cost(pd.Series(sub["give"]), point, pension).sum())
        after = float(costs.annual_cost(pd.Series(sub["take"]), point, pension).sum())
        extra: dict[str, float] = {}
        if supervision is not None:
            hours, cost = supervision.added(sub["give"], sub["take"], point, pension)
            extra = {
                "supervision_hours": round(hours, 2),
                "supervision_cost": round(cost, 2),
                "cost_change_with_supervision": round(after - before + cost, 2),
            }
        lost = substitution_competencies(sub, fw, levels=levels, req=req) if fw is not None else None
        gone = [] if lost is None else sorted(set(lost.loc[~lost["area_kept"], "area_id"].dropna()))
        rows.append(
            {
                "id": sub.get("id"),
                "label": sub.get("label"),
                "give": " + ".join(f"{v:g} × {band_label(b)}" for b, v in sub["give"].items()),
                "take": " + ".join(f"{v:g} × {band_label(b)}" for b, v in sub["take"].items()),
                "wte_change": sum(sub["take"].values()) - sum(sub["give"].values()),
                "cost_before": round(before, 2),
                "cost_after": round(after, 2),
                "cost_change": round(after - before, 2),
                **extra,
                "statements_lost": 0 if lost is None else len(lost),
                "leads_on_lost": 0 if lost is None else int((lost["expectation_class"] == "leads").sum()),
                "areas_lost": "; ".join(area_labels.get(a, a) for a in gone),
                "status": sub.get("status"),
                "quote": " ".join(str(sub.get("quote") or "").split()) or None,
                "source": " ".join(str(sub.get("source") or "").split()),
            }
        )
    return pd.DataFrame(rows)


def summary(
    staff: pd.DataFrame,
    targets: SkillMixTargets | None = None,
    point: costs.Point = "mid",
    pension: costs.Pension = "employer",
    *,
    infer_from_profession: bool = False,
) -> dict[str, Any]:
    """The skill-mix figures as plain JSON-ready data (the CLI's ``planner skillmix --json``)."""
    t = targets or load_targets()
    band = wte_headcount(staff, "band")
    func = wte_headcount(staff, "function")
    cost = mix_cost(staff, point, pension)
    ratio = supervision_ratio(staff, t, infer_from_profession=infer_from_profession)
    return {
        "wte_by_band": {r.band: round(float(r.wte), 4) for r in band.itertuples()},
        "headcount_by_band": {r.band: int(r.headcount) for r in band.itertuples()},
        "wte_by_function": {r.function: round(float(r.wte), 4) for r in func.itertuples()},
        "registered_share": {
            k: (round(v, 4) if isinstance(v, float) else v)
            for k, v in registered_share(staff, t, infer_from_profession=infer_from_profession).items()
        },
        "supervision_ratio": None if ratio is None else round(ratio, 4),
        "target_mix": {
            "registered": t.registered,
            "support": t.support,
            "registered_share": round(t.registered_share, 4),
            "source": t.source,
            "note": t.note,
        },
        "annual_cost": {
            "point": point,
            "pension": pension,
            "total": round(float(cost["annual_cost"].sum()), 2),
            "by_band": {r.band: round(float(r.annual_cost), 2) for r in cost.itertuples() if r.wte > 0},
            "unpriced_wte": round(float(cost.loc[~cost["priced"], "wte"].sum()), 4),
        },
    }
