"""The one-sentence captions under every coverage aggregate (planner.captions.coverage)."""

from __future__ import annotations

import pandas as pd
import pytest
from _coverage_team import AS_OF, mini, small_team

from planner import coverage
from planner.captions import coverage as captions
from planner.coverage.capability import expiring, single_points_of_failure, team_capability, unassigned
from planner.coverage.pdp import development_plan

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def st() -> pd.DataFrame:
    staff, comps = small_team()
    return coverage.statuses(staff, comps, mini("bts"), AS_OF, cross_cutting=mini("cross_cutting"))


def test_band_caption_names_weakest_area(st) -> None:
    """Band 6: 5 of 6 verified = 83%; by area, service organisation 1 of 2 (S5 lacks B6-LM-01)
    is weaker than exercise prescription (2 of 2) and the cross-cutting rows (2 of 2)."""
    table = coverage.aggregate(st, ["band", "area_id"])
    assert captions.band_caption(table, "6") == (
        "Band 6 holds 83% of its required competencies verified; service organisation is the weakest area."
    )
    assert captions.band_caption(table, "5") == "No one in Band 5 is assessed in this framework."


def test_band_caption_by_domain(st) -> None:
    table = coverage.aggregate(st, ["band", "domain_id"])
    assert captions.band_caption(table, "7", "domain_id") == (
        "Band 7 holds 33% of its required competencies verified; leadership and management is the weakest domain."
    )


def test_overall_and_spread_captions(st) -> None:
    assert captions.overall_caption(coverage.overall(st)) == (
        "The team holds 53% of its 15 required competencies verified; 2 more are self-assessed and awaiting sign-off."
    )
    assert captions.spread_caption(coverage.by_band(st), "band", "band") == (
        "Coverage is lowest in Band 4 (33% verified) and highest in Band 6 (83%)."
    )
    assert captions.spread_caption(coverage.by_domain(st), "domain_id", "domain") == (
        "Coverage is lowest in Leadership and management (33% verified) and highest in Life support (60%)."
    )


def test_heatmap_caption(st) -> None:
    table = coverage.aggregate(st, ["band", "domain_id"])
    """Cells under half: Band 4 × core clinical (1 of 4), Band 7 × leadership (0 of 1), Band 7 × life
    support (0 of 1; S4 only self-assessed). Ties at 0% go to the first in band, then domain, order."""
    assert captions.heatmap_caption(table, "band", "domain_id") == (
        "The weakest cell is Band 7 × Leadership and management (0% of 1 verified); 3 cells are under half covered."
    )


def test_capability_spof_expiring_captions(st) -> None:
    staff, _ = small_team()
    cap = team_capability(st, mini("bts"), mini("cross_cutting"), staff=staff)
    assert captions.capability_caption(cap) == (
        "The team meets 1 of 2 team capability requirements; not met includes: organising the PR service (0 of 1)."
    )
    assert captions.spof_caption(single_points_of_failure(st)) == (
        "2 skills rest on one person or on less than 1.0 WTE together (2 on one person or nobody); "
        "1 more is done at one band only, listed apart."
    )
    assert captions.expiring_caption(expiring(st, AS_OF), 90) == (
        "1 competency record expires in the next 90 days across 1 person, the first on 15 Aug 2026."
    )
    assert (
        captions.expiring_caption(expiring(st, AS_OF, 30), 30)
        == "No current competency expires in the next 30 days."
    )


def test_pdp_and_unassigned_captions(st) -> None:
    plan = development_plan(st, "S2", evidence_from=mini("bts"))
    assert (
        captions.pdp_caption(plan, "S2")
        == "S2 has 3 development-plan rows: 1 expired, 1 missing, 1 in progress."
    )
    assert (
        captions.pdp_caption(plan.iloc[0:0], "S3") == "S3 has no gaps: every required competency is verified."
    )
    staff = pd.DataFrame(
        {"staff_id": ["A", "B"], "band": ["2", "6"], "wte": [1.0, 1.0], "function": [None, None]}
    )
    assert captions.unassigned_caption(unassigned(staff, mini("bts")), "BTS") == (
        "1 person has no level in BTS (bands: 2); only cross-cutting requirements apply to them."
    )


def test_empty_team_captions() -> None:
    empty = coverage.statuses(
        pd.DataFrame(columns=["staff_id", "band", "wte"]),
        pd.DataFrame(columns=["staff_id", "competency_id"]),
        mini("bts"),
        AS_OF,
        cross_cutting=mini("cross_cutting"),
    )
    assert captions.overall_caption(coverage.overall(empty)).startswith("No competencies")
    assert (
        captions.spread_caption(coverage.by_band(empty), "band", "band")
        == "No competencies are required in any band."
    )
