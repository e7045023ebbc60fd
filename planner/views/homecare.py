"""The clinical homecare view-model: career levels, costs from actual pay, level descriptors.

Each person's career level (and whether it was inferred), costs from actual pay, and the framework's
level descriptors and indicative roles.

The Team page and the Frameworks page show it for a homecare team; the homecare pack reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planner.reference import frameworks
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
    n = int((lv["assigned_by"] == "band").sum())
    inferred = (
        f"{n} {'person’s' if n == 1 else 'people’s'} career level was inferred from their band: "
        "record a Career level to set it." if n else None
    )  # fmt: skip
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
