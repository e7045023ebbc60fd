"""What the Skill mix page shows, computed once (pages only ask and show).

:func:`skill_mix_view` returns a :class:`SkillMixView` of tables, figures and captions; the Skill mix
page renders it and the business-case pack reshapes the same view (:mod:`planner.pack.parts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from planner.captions import coverage as captions
from planner.charts import coverage as charts_coverage
from planner.reference import frameworks
from planner.skillmix import mix as skillmix


@dataclass
class SkillMixView:
    """Everything the Skill mix page shows."""

    by_band: pd.DataFrame
    by_function: pd.DataFrame
    by_profession: pd.DataFrame
    by_registration: pd.DataFrame
    grid: pd.DataFrame
    share: dict[str, Any]
    ratio: float | None
    cost: pd.DataFrame
    substitutions: pd.DataFrame
    targets: skillmix.SkillMixTargets
    captions: dict[str, str] = field(default_factory=dict)

    def bars(self) -> go.Figure:
        """Stacked WTE by band and function."""
        return charts_coverage.wte_stacked_bars(self.grid)

    def share_chart(self) -> go.Figure:
        """Registered share against the target."""
        return charts_coverage.registered_share_chart(self.share)


def skill_mix_view(staff: pd.DataFrame, point: str = "mid", pension: str = "employer") -> SkillMixView:
    """Compute the Skill mix page."""
    t = skillmix.load_targets()
    by_band = skillmix.wte_headcount(staff, "band")
    share = skillmix.registered_share(staff, t)
    ratio = skillmix.supervision_ratio(staff, t)
    cost = skillmix.mix_cost(staff, point, pension)  # type: ignore[arg-type]
    try:
        bts = frameworks.get("bts")
    except KeyError:
        bts = None
    subs = skillmix.substitution_table(t, bts, point, pension)  # type: ignore[arg-type]
    people_count = int(staff["staff_id"].nunique()) if len(staff) else 0
    return SkillMixView(
        by_band=by_band,
        by_function=skillmix.wte_headcount(staff, "function"),
        by_profession=skillmix.wte_headcount(staff, "profession"),
        by_registration=skillmix.wte_headcount(staff, "registration"),
        grid=skillmix.wte_by_band_function(staff),
        share=share,
        ratio=ratio,
        cost=cost,
        substitutions=subs,
        targets=t,
        captions={
            "wte": captions.wte_caption(by_band, people_count),
            "registered": captions.registered_caption(share),
            "supervision": captions.supervision_caption(ratio),
            "cost": captions.cost_caption(cost, point, pension),
            **{f"sub:{r['id']}": captions.substitution_caption(r) for r in subs.to_dict("records")},
        },
    )
