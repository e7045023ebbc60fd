"""Team capability, single points of failure, expiry, development plans and heatmap drill-down."""

from __future__ import annotations

import pandas as pd
import pytest
from _coverage_team import AS_OF, mini, small_team

from planner import coverage
from planner.coverage.drilldown import cell_detail, selected_cell
from planner.coverage.pdp import development_plan, evidence_kinds

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def team() -> tuple[pd.DataFrame, pd.DataFrame]:
    staff, comps = small_team()
    st = coverage.statuses(staff, comps, mini("bts"), AS_OF, cross_cutting=mini("cross_cutting"))
    return staff, st


def test_team_capability_hand_worked(team) -> None:
    """Leads-on leadership statements of the mini BTS: only BTS-LD-LM-01 (lead level, leadership);
    B7-CCS-01 is a clinical 'leads on' at band 7, not a leadership or service statement.
    No one is at lead level → not met (0 of 1).
    Life support (fixture rule: 2 per class): current verified XC-BLS = S1, S3, S5 (S2 expired,
    S4 self-assessed) → 3 ≥ 2 met; with 2 classes 3 < 4 → not met.
    """
    staff, st = team
    cap = coverage.team_capability(st, mini("bts"), mini("cross_cutting"), staff=staff)
    lead = cap[cap["rule_id"] == "leads_on"]
    assert lead["competency_id"].tolist() == ["BTS-LD-LM-01"]
    assert lead[["have", "met"]].iloc[0].tolist() == [0, False]
    ls = cap[cap["rule_id"] == "life_support_per_class"].iloc[0]
    assert (ls["needed"], ls["have"], ls["met"], ls["who"]) == (2, 3, True, ["S1", "S3", "S5"])
    two = coverage.team_capability(st, mini("bts"), mini("cross_cutting"), staff=staff, classes=2)
    assert two.loc[two["rule_id"] == "life_support_per_class", ["needed", "met"]].iloc[0].tolist() == [
        4,
        False,
    ]


def test_default_life_support_rule_without_team_rules(team) -> None:
    staff, st = team
    cap = coverage.team_capability(st, mini("bts"), None, staff=staff)
    ls = cap[cap["rule_id"] == "life_support_per_class"].iloc[0]
    assert ls["have"] == 3 and ls["met"]
    assert "assumption" in ls["source"].lower()


def test_rule_with_registered_minimum_counts_registration(team) -> None:
    staff, st = team
    xc = mini("cross_cutting")
    rules = [{"id": "TR-X", "text": "Two staff, one registered", "minimum": 2, "minimum_registered": 1,
              "applies_to": "every class", "assumption": "test"}]  # fmt: skip
    xc.raw["team_rules"] = rules
    cap = coverage.team_capability(st, mini("bts"), xc, staff=staff).set_index("rule_id")
    assert cap.loc["TR-X", "have"] == 5 and cap.loc["TR-X", "met"]
    unregistered = staff.assign(registration="none")
    cap = coverage.team_capability(st, mini("bts"), xc, staff=unregistered).set_index("rule_id")
    assert not cap.loc["TR-X", "met"]
    assert "life_support_per_class" in cap.index  # the rule is added beside file rules


def test_single_points_of_failure_hand_worked(team) -> None:
    """Judged by skill: B6-LM-01 (S3 only) and B7-CCS-01 (S4 only) → one holder; B4-CCS-01 (S1 only)
    is asked at band 4 only and no other band's statement shares its area → listed apart as band-only;
    B6-CCS-01 "prescribe exercise" is held by S3 (0.8) + S5 (0.1) and covered by S4's band 7 statement of
    the same area ("complex exercise prescription", 0.6) = 1.5 WTE → safe, although by id alone it
    was 0.9 WTE; XC-BLS held by S1, S3, S5 = 1.9 WTE → safe; B7-LM-01 held by no one → a gap, not listed."""
    _, st = team
    spof = coverage.single_points_of_failure(st).set_index("competency_id")
    assert set(spof.index) == {"BTS-B4-CCS-01", "BTS-B6-LM-01", "BTS-B7-CCS-01"}
    assert spof.loc["BTS-B7-CCS-01", "holders"] == 1
    assert spof.loc["BTS-B7-CCS-01", "holders_wte"] == pytest.approx(0.6)
    assert spof.loc["BTS-B7-CCS-01", "who"] == ["S4"]
    assert spof.loc["BTS-B7-CCS-01", "severity"] == "medium"
    assert spof.loc["BTS-B7-CCS-01", "kind"] == "skill"
    # S3 and S5 hold the level below in its area: the cheapest cross-training.
    assert spof.loc["BTS-B7-CCS-01", "closest"] == ["S3", "S5"]
    assert spof.loc["BTS-B4-CCS-01", "kind"] == "band_only"
    assert spof.loc["BTS-B4-CCS-01", "reason"] == "held by one person only"
    assert list(spof.index)[-1] == "BTS-B4-CCS-01"  # listed apart, after the real risks


def test_exactly_one_wte_between_two_people_is_not_a_single_point() -> None:
    staff = pd.DataFrame(
        {"staff_id": ["A", "B"], "band": ["4", "4"], "wte": [0.5, 0.5], "function": [None] * 2}
    )
    comps = pd.DataFrame(
        {
            "staff_id": ["A", "B"],
            "competency_id": ["BTS-B4-CCS-01"] * 2,
            "achieved": [True, True],
            "signed_off_by": ["M", "M"],
        }
    )
    st = coverage.statuses(staff, comps, mini("bts"), AS_OF, include_cross_cutting=False)
    assert coverage.single_points_of_failure(st).empty


def test_expiring_within_90_days(team) -> None:
    """S1's XC-BLS expires 2026-08-15: 75 days after 1 June 2026. S3 (2027-01-10), S4 (2027-02-01,
    self-assessed) and S5 (2026-12-01) are outside 90 days; S2's already expired."""
    _, st = team
    exp = coverage.expiring(st, AS_OF)
    assert exp[["staff_id", "competency_id", "days_left"]].values.tolist() == [["S1", "XC-BLS", 75]]
    wide = coverage.expiring(st, AS_OF, within_days=250)
    assert wide["staff_id"].tolist() == ["S1", "S5", "S3", "S4"]


def test_development_plan_rows_and_evidence(team) -> None:
    _, st = team
    plan = development_plan(st, "S2", evidence_from=mini("bts"))
    assert plan["competency_id"].tolist() == ["XC-BLS", "BTS-B4-CCS-02", "BTS-B4-CCS-01"]
    assert plan["status"].tolist() == ["Expired", "Missing", "In progress"]
    core = plan.loc[plan["competency_id"] == "BTS-B4-CCS-02", "suggested_evidence"].iloc[0]
    assert "Directly observed practice" in core
    assert "name" not in plan.columns
    s1 = development_plan(st, "S1", evidence_from=mini("bts"))
    assert s1[["competency_id", "status"]].values.tolist() == [["BTS-B4-CCS-02", "Self-assessed"]]
    assert "sign it off" in s1["action"].iloc[0]
    assert development_plan(st, "S3", evidence_from=mini("bts")).empty


def test_evidence_kinds_flatten_sub_items() -> None:
    kinds = evidence_kinds(mini("bts"))
    assert kinds[1] == "Directly observed practice"
    assert len(kinds) == 6


def test_cell_detail_people_and_statements(team) -> None:
    """Band 6 × core clinical: S3 and S5 each verified on B6-CCS-01."""
    _, st = team
    people, statements = cell_detail(st, "band", "6", "domain_id", "core_clinical")
    assert people["staff_id"].tolist() == ["S3", "S5"]
    assert people["verified"].tolist() == [1, 1]
    assert statements[["competency_id", "required", "verified"]].values.tolist() == [["BTS-B6-CCS-01", 2, 2]]
    none_p, none_s = cell_detail(st, "band", "5", "domain_id", "core_clinical")
    assert none_p.empty and none_s.empty


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            {"selection": {"points": [{"customdata": ["6", "core_clinical", 2, 2, 0, 2]}]}},
            ("6", "core_clinical"),
        ),
        ({"selection": {"points": []}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_selected_cell(event, expected) -> None:
    assert selected_cell(event) == expected


def test_unassigned_reports_people_without_level() -> None:
    staff = pd.DataFrame(
        {"staff_id": ["A", "B"], "band": ["2", "5"], "wte": [1.0, 1.0], "function": [None, None]}
    )
    out = coverage.unassigned(staff, mini("bts"))
    assert out["staff_id"].tolist() == ["A"]
