"""The least-cost skill mix in the business-case pack: the Skill mix page's section, reshaped.

:func:`least_cost_part` takes the :class:`planner.views.optimise.LeastCostView` the Skill mix page
shows (:func:`planner.views.optimise.least_cost_view`, computed once) and gives the pack's part: the
``Least-cost mix`` table (WTE by band in the least-cost mix, the policy mix and the team in post, with
a row of each mix's annual cost), and as notes the saving, what each rule costs and the labels every
figure carries. When the optimiser finds no mix, the part says why in the same words the page uses.
"""

from __future__ import annotations

import pandas as pd

from planner.pack.parts import Part
from planner.views.optimise import LeastCostView

__all__ = ["LEAST_COST_SHEET", "least_cost_part"]

#: The sheet and the Word section's table name.
LEAST_COST_SHEET = "Least-cost mix"


def _table(view: LeastCostView) -> pd.DataFrame:
    """WTE by band in each mix, then each mix's total WTE and annual cost (£)."""
    table = view.by_band.rename(columns={c: f"{c} WTE" for c in view.by_band.columns if c != "Band"})
    costs = view.costs.set_index("Mix")
    totals = {"Band": "All bands, WTE"} | {f"{m} WTE": float(costs.loc[m, "WTE"]) for m in costs.index}
    return pd.concat([table, pd.DataFrame([totals])], ignore_index=True)


def least_cost_part(view: LeastCostView) -> Part:
    """The pack's least-cost part (see the module docstring); no table when there is no mix."""
    if view.mix is None:
        reason = view.error or "The optimiser found no mix."
        return Part(findings=[reason], notes={LEAST_COST_SHEET: [reason]})
    costs = [
        f"{row['Mix']}: £{float(row['Annual cost (£)']):,.0f} a year for {float(row['WTE']):.1f} WTE."
        for _, row in view.costs.iterrows()
    ]
    rules = view.sentences or ["No rule raises the cost: the cheapest mix meets them all anyway."]
    return Part(
        findings=[view.headline],
        tables={LEAST_COST_SHEET: _table(view)},
        notes={LEAST_COST_SHEET: [view.headline, view.demand, view.posts, *costs, *rules, *view.notes]},
    )
