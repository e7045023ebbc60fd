"""The pack's least-cost part: the Skill mix page's view reshaped, and the optimiser's refusal in words."""

from __future__ import annotations

import pytest

from planner.expansion.scenario import load_scenario
from planner.pack.least_cost import LEAST_COST_SHEET, least_cost_part
from planner.views.optimise import MIX_NAMES, LeastCostView, least_cost_view

pytestmark = pytest.mark.unit


def test_the_part_holds_the_three_mixes_the_saving_and_what_each_rule_costs() -> None:
    view = least_cost_view(load_scenario("status_quo"))
    part = least_cost_part(view)
    table = part.tables[LEAST_COST_SHEET]
    assert list(table.columns) == ["Band", f"{MIX_NAMES['optimal']} WTE", f"{MIX_NAMES['policy']} WTE"]
    body, total = table.iloc[:-1], table.iloc[-1]
    assert body["Band"].tolist() == view.by_band["Band"].tolist()
    assert body[f"{MIX_NAMES['optimal']} WTE"].tolist() == view.by_band[MIX_NAMES["optimal"]].tolist()
    assert total["Band"] == "All bands, WTE"
    assert total[f"{MIX_NAMES['optimal']} WTE"] == pytest.approx(float(view.mix.by_band.sum()))
    notes = part.notes[LEAST_COST_SHEET]
    assert notes[0] == view.headline and part.findings == [view.headline]
    assert any(
        n.startswith("Two staff per class (the 2-staff minimum and the 1:8 ratio together) costs £")
        for n in notes
    )
    assert f"Least-cost mix: £{view.mix.annual_cost:,.0f} a year" in " ".join(notes)


def test_a_refusal_puts_the_optimisers_reason_in_the_pack() -> None:
    reason = "No mix meets every rule: these rules conflict; Registered share of WTE, at least (100%)."
    part = least_cost_part(LeastCostView(None, reason))
    assert part.tables == {}
    assert part.notes == {LEAST_COST_SHEET: [reason]}
    assert part.findings == [reason]
