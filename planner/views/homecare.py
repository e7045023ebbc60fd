"""The clinical homecare view-model: career levels, costs from actual pay, level descriptors.

Each person's career level (and whether it was inferred), costs from actual pay, and the framework's
level descriptors and indicative roles.

The Team page and the Frameworks page show it for a homecare team; the homecare pack reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.reference import frameworks
from planner.reference.frameworks import Framework
from planner.reference.levels import person_levels
from planner.skillmix.paycost import actual_pay_cost


@dataclass(frozen=True)
class HomecareView:
    """What a homecare team's screens show.

    Attributes:
        levels: one row a person: ``Person``, ``Career level``, ``How it was set``.
        inferred: how many people's level was inferred from their band (a sentence, or None).
        by_level: WTE, people and cost by career level, in the framework's order.
        cost_caption: one sentence on the cost and its basis.
        descriptors: the framework's levels: ``Career level``, ``Descriptor``, ``Indicative roles``.
    """

    levels: pd.DataFrame
    inferred: str | None
    by_level: pd.DataFrame
    cost_caption: str
    descriptors: pd.DataFrame


def level_descriptors() -> pd.DataFrame:
    """The homecare framework's five levels with their descriptors and indicative roles (seed 004)."""
    fw = frameworks.get("homecare")
    rows = [
        (
            lvl["label"],
            " ".join(str(lvl.get("descriptor", "")).split()),
            ", ".join(lvl.get("indicative_roles", [])),
        )
        for lvl in fw.raw["levels"]
    ]
    return pd.DataFrame(rows, columns=["Career level", "Descriptor", "Indicative roles"])


def inferred_sentence(staff: pd.DataFrame, fw: Framework, lv: pd.DataFrame | None = None) -> str | None:
    """How many people's career level was inferred from their band (None when nobody's was)."""
    lv = person_levels(staff, fw) if lv is None else lv
    n = int((lv["assigned_by"] == "band").sum())
    return (
        f"{n} {'person’s' if n == 1 else 'people’s'} career level was inferred from their band: "
        "record a Career level to set it." if n else None
    )  # fmt: skip


def homecare_view(staff: pd.DataFrame, *, names: bool = True) -> HomecareView:
    """Career levels (inferred ones said), cost from actual pay, and the level descriptors."""
    fw = frameworks.get("homecare")
    lv = person_levels(staff, fw).reset_index(drop=True)
    people = staff.reset_index(drop=True)
    who = people["name"].fillna(people["staff_id"]) if names else people["staff_id"]
    how = [
        "from the Career level column" if by == "career_level"
        else f"inferred from Band {band} (our assumption: {why})" if by == "band"
        else str(why)
        for by, band, why in zip(lv["assigned_by"], people["band"], lv["reason"], strict=True)
    ]  # fmt: skip
    labels = [fw.level_label(x) if pd.notna(x) else "no level" for x in lv["level_id"]]
    levels = pd.DataFrame({"Person": who.astype(str), "Career level": labels, "How it was set": how})
    inferred = inferred_sentence(staff, fw, lv)
    cost = actual_pay_cost(people)
    frame = pd.DataFrame({"level": labels, "wte": people["wte"].astype(float), "cost": cost["annual_cost"]})
    order = [fw.level_label(x) for x in fw.levels["level_id"]]
    by_level = (
        frame.groupby("level", sort=False)
        .agg(WTE=("wte", "sum"), People=("wte", "size"), Cost=("cost", "sum"))
        .round({"WTE": 2, "Cost": 0})
        .reindex([o for o in order if o in set(labels)] + (["no level"] if "no level" in labels else []))
        .reset_index()
        .rename(columns={"level": "Career level", "Cost": "Cost (£ a year)"})
    )
    fallback = int((cost["basis"] != "actual pay").sum())
    caption = (
        f"The team costs £{cost['annual_cost'].fillna(0).sum():,.0f} a year from the actual pay in the roster, "
        "with employer National Insurance and pension"
        + (f"; {fallback} post(s) with no pay are costed at the AfC mid-point of their band (labelled)." if fallback else ".")
    )  # fmt: skip
    return HomecareView(levels, inferred, by_level, caption, level_descriptors())


def homecare_skillmix(
    staff: pd.DataFrame, point: str = "mid", pension: str = "employer", *, infer_from_profession: bool = False
) -> dict[str, Any]:
    """A homecare team's skill mix as ``planner skillmix`` prints it: by career level, actual pay first.

    The AfC cost of the team's bands is kept as a labelled comparison (and the fallback for a post
    with no pay). No registered-share target is applied: the skill-mix target is written for
    pulmonary rehabilitation, not for homecare.
    """
    from planner.skillmix import mix as skillmix

    view = homecare_view(staff, names=False)
    cost = actual_pay_cost(staff.reset_index(drop=True), pension)  # type: ignore[arg-type]
    share = skillmix.registered_share(staff, infer_from_profession=infer_from_profession)
    ratio = skillmix.supervision_ratio(staff, infer_from_profession=infer_from_profession)
    afc = skillmix.mix_cost(staff, point, pension)  # type: ignore[arg-type]
    return {
        "service_type": "homecare",
        "cost_basis": "actual pay, with the AfC mid-point as the labelled fallback for a post with no pay",
        "actual_pay_cost": round(float(cost["annual_cost"].fillna(0).sum()), 2),
        "posts_costed_at_afc_fallback": int((cost["basis"] != "actual pay").sum()),
        "cost_caption": view.cost_caption,
        "inferred_levels": view.inferred,
        "by_career_level": [
            {
                "career_level": r["Career level"],
                "wte": float(r["WTE"]),
                "people": int(r["People"]),
                "annual_cost": float(r["Cost (£ a year)"]),
            }
            for _, r in view.by_level.iterrows()
        ],
        "registered_share": {
            "share": None if share.get("share") is None else round(float(share["share"]), 4),
            "registered_wte": None
            if share.get("registered_wte") is None
            else round(float(share["registered_wte"]), 4),
            "total_wte": round(float(share["total_wte"]), 4),
            "recorded": bool(share.get("recorded", True)),
            "inferred": bool(share.get("inferred", False)),
            "target": None,
        },
        "supervision_ratio": None if ratio is None else round(ratio, 4),
        "afc_comparison": {
            "label": f"AfC {point} pay points of the team's bands (a comparison, not the team's pay)",
            "point": point,
            "pension": pension,
            "total": round(float(afc["annual_cost"].sum()), 2),
        },
    }


def homecare_skillmix_text(s: dict[str, Any]) -> str:
    """The terminal rendering of :func:`homecare_skillmix`."""
    lines = [s["cost_caption"], *([s["inferred_levels"]] if s["inferred_levels"] else []), ""]
    lines.append(f"  {'career level':<58}{'WTE':>8}{'people':>8}{'annual cost':>14}")
    for r in s["by_career_level"]:
        lines.append(
            f"  {r['career_level'][:57]:<58}{r['wte']:>8.2f}{r['people']:>8}{r['annual_cost']:>14,.0f}"
        )
    sh = s["registered_share"]
    lines.append("")
    if sh["total_wte"] > 0 and sh["share"] is not None and (sh["recorded"] or sh["inferred"]):
        how = " (inferred from profession)" if sh["inferred"] else ""
        lines.append(
            f"Registered staff are {round(100 * sh['share'])}% of WTE{how}; no target mix is set for a "
            "homecare team (the skill-mix target is written for pulmonary rehabilitation)."
        )
    if s["supervision_ratio"] is not None:
        lines.append(f"Each registered WTE supervises {s['supervision_ratio']:.2f} non-registered WTE.")
    afc = s["afc_comparison"]
    lines.append(f"For comparison, {afc['label']}: £{afc['total']:,.0f} a year.")
    return "\n".join(lines)
