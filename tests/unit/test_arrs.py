"""The ARRS envelope (issue 16): a hand-worked example, pro-rating, caps, rules and properties."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.reference.arrs import load_arrs, match_role, parse_arrs
from planner.reference.errors import ReferenceDataError
from planner.skillmix.arrs import NOT_FOUND, ArrsInputs, envelope, months_in_year
from planner.views.arrs import as_json, parse_maxima

pytestmark = pytest.mark.unit
DATA = load_arrs()


def posts(*rows: tuple) -> pd.DataFrame:
    """(role, wte, salary[, start]) tuples → the envelope's posts table."""
    return pd.DataFrame(
        [
            {"role": r[0], "wte": r[1], "salary": r[2], "band": None,
             "start_date": r[3] if len(r) > 3 else None, "leaving_date": None}
            for r in rows
        ]
    )  # fmt: skip


def test_hand_worked_example() -> None:
    """Four posts, a weighted population of 10,000; on-costs 15% NI above £5,000 and 14.38% pension.

    Envelope: £26.631 × 10,000 = £266,310.
    A clinical pharmacist, 1.0 WTE on £50,000: 50,000 + 0.15 × 45,000 (6,750) + 0.1438 × 50,000
      (7,190) = £63,940, under the £66,972 maximum, so £63,940 is claimed.
    B clinical pharmacist, 1.0 WTE on £60,000: 60,000 + 8,250 + 8,628 = £76,878, capped at £66,972.
    C pharmacy technician, 0.5 WTE on £30,000 full time: pay 15,000 + 0.15 × 10,000 (1,500) +
      0.1438 × 15,000 (2,157) = £18,657, under 0.5 × £43,352 = £21,676, so £18,657.
    D care coordinator, 1.0 WTE on £26,000: cost 26,000 + 3,150 + 3,738.80 = £32,888.80; no
      maximum was found, so nothing is claimed ("maximum not found: enter yours").
    Claimed: 63,940 + 66,972 + 18,657 = £149,569. Remaining: 266,310 − 149,569 = £116,741.
    Could fund: clinical pharmacists 116,741 ÷ 66,972 = 1; pharmacy technicians ÷ 43,352 = 2;
      healthcare support workers ÷ 32,159 = 3; GPs ÷ 105,882 = 1.
    """
    team = posts(
        ("Clinical pharmacist", 1.0, 50000.0),
        ("clinical_pharmacist", 1.0, 60000.0),
        ("Pharmacy technician", 0.5, 30000.0),
        ("Care coordinator", 1.0, 26000.0),
    )
    r = envelope(ArrsInputs(10_000, as_of=date(2025, 12, 1)), team)
    assert r.envelope == pytest.approx(266_310)
    assert r.posts["cost"].tolist() == pytest.approx([63_940, 76_878, 18_657, 32_888.80])
    assert r.posts["claimable"].iloc[:3].tolist() == pytest.approx([63_940, 66_972, 18_657])
    assert pd.isna(r.posts["claimable"].iloc[3])
    assert r.posts["note"].iloc[3] == NOT_FOUND
    assert r.claimed == pytest.approx(149_569)
    assert r.remaining == pytest.approx(116_741)
    assert r.could_fund["Clinical pharmacist"] == 1
    assert r.could_fund["Pharmacy technician"] == 2
    assert r.could_fund["Healthcare support worker"] == 3
    assert r.could_fund["GP (ARRS)"] == 1
    assert "Care coordinator" not in r.could_fund  # no maximum, so no guess at what it could fund
    assert r.warnings == [f"No claim is counted for Care coordinator: {NOT_FOUND}."]
    by_role = r.roles.set_index("role")
    assert by_role.loc["Clinical pharmacist", "claimable"] == pytest.approx(130_912)
    assert by_role.loc["Clinical pharmacist", "wte"] == 2.0


def test_an_entered_maximum_fills_the_gap() -> None:
    """Care coordinator with a maximum entered at £30,000: claim min(32,888.80, 30,000) = £30,000."""
    r = envelope(ArrsInputs(10_000, maxima=parse_maxima(["Care coordinator=£30,000"])),
                 posts(("Care coordinator", 1.0, 26000.0)))  # fmt: skip
    assert r.claimed == pytest.approx(30_000)
    assert r.posts["max_source"].iloc[0] == "entered by you"
    assert r.could_fund["Care coordinator"] == ((266_310 - 30_000) // 30_000)


def test_a_start_inside_the_year_pro_rates_cost_and_maximum() -> None:
    """HCSW from 1 Oct 2025: 182 of 365 days, 5.98 months. Cost 25,000 + 3,000 + 3,595 = 31,595 a
    year → 31,595 × 182/365 = £15,754.16; maximum 32,159 × 182/365 = £16,035.45; claim £15,754.16."""
    r = envelope(ArrsInputs(1_000), posts(("HCSW", 1.0, 25000.0, date(2025, 10, 1))))
    assert r.posts["months"].iloc[0] == pytest.approx(12 * 182 / 365)
    assert r.posts["cost"].iloc[0] == pytest.approx(31_595 * 182 / 365)
    assert r.claimed == pytest.approx(31_595 * 182 / 365)


def test_months_in_year() -> None:
    y0, y1 = DATA.year_start, DATA.year_end
    assert months_in_year(None, None, y0, y1) == 12
    assert months_in_year(date(2026, 6, 1), None, y0, y1) == 0  # starts after the year
    assert months_in_year(None, date(2025, 3, 1), y0, y1) == 0  # left before it
    assert months_in_year(date(2019, 1, 1), date(2025, 9, 30), y0, y1) == pytest.approx(12 * 183 / 365)


def test_no_salary_falls_back_to_the_afc_mid_point_labelled() -> None:
    r = envelope(ArrsInputs(1_000), posts(("Pharmacy technician", 1.0, float("nan"))))
    assert r.posts["cost_basis"].iloc[0] == "AfC Band 5 mid-point, no salary given (fallback)"
    assert r.posts["cost"].iloc[0] > 0


def test_caps_by_list_size() -> None:
    team = posts(*[("Advanced practitioner", 1.0, 60000.0)] * 4)
    without = envelope(ArrsInputs(1_000), team).caps.set_index("cap")
    assert without.loc["Advanced practitioner", "status"] == "enter the PCN's list size to check this cap"
    small = envelope(ArrsInputs(1_000, list_size=60_000), team).caps.set_index("cap")
    assert small.loc["Advanced practitioner", "status"] == "over the cap: 4 posts, 3 reimbursable"
    big = envelope(ArrsInputs(1_000, list_size=120_000), team).caps.set_index("cap")
    assert big.loc["Advanced practitioner", "allowed"] == 6


def test_eligibility_flags_and_the_year_warning() -> None:
    r = envelope(
        ArrsInputs(1_000, as_of=date(2026, 5, 1)), posts(("Experienced practice nurse", 1.0, 40000.0))
    )
    assert "31 March 2019" in r.flags[0]
    assert r.flags[1].startswith("12-month rule for Experienced general practice nurse (1 posts)")
    assert "2025/26 ARRS figures, but the date is in 2026/27" in r.warnings[0]
    in_year = envelope(
        ArrsInputs(10_000, as_of=date(2026, 3, 31)), posts(("Pharmacy technician", 1.0, 30000.0))
    )
    assert in_year.warnings == [] and len(in_year.flags) == 1  # no 12-month role, no late year


def test_bad_inputs_are_refused_in_words() -> None:
    with pytest.raises(ValueError, match="weighted population must be a number above 0"):
        ArrsInputs(0)
    with pytest.raises(ValueError, match="ROLE=AMOUNT"):
        parse_maxima(["Wizard=100"])
    with pytest.raises(ValueError, match="above 0"):
        parse_maxima(["Care coordinator=-5"])


def test_role_names_as_written() -> None:
    assert match_role("PCN Pharmacist") == "clinical_pharmacist"
    assert match_role("Health & Wellbeing Coach") == "health_wellbeing_coach"
    assert match_role("HCA") == "healthcare_support_worker"
    assert match_role("Astronaut") is None


def test_every_maximum_has_a_source_and_unfound_ones_are_null() -> None:
    """As domain.md §5 stands: eight 2025/26 maximums found, each sourced; the rest null."""
    found = {r.id: r.max_reimbursable for r in DATA.roles.values() if r.max_reimbursable is not None}
    assert found == {
        "clinical_pharmacist": 66972, "advanced_pharmacist_practitioner": 73334, "pharmacy_technician": 43352,
        "gp": 105882, "consultant_nurse": 102683, "healthcare_support_worker": 32159,
        "new_to_practice_nurse": 43352, "experienced_practice_nurse": 53319,
    }  # fmt: skip
    assert all(DATA.roles[r].max_source in DATA.sources for r in found)
    assert DATA.per_weighted_head == 26.631


def test_the_loader_lists_every_problem() -> None:
    bad = {**DATA.raw, "roles": [{"id": "x", "max_reimbursable": -1}, {"id": "y", "max_reimbursable": 5}]}
    with pytest.raises(ReferenceDataError) as err:
        parse_arrs(bad)
    assert len(err.value.problems) == 3  # x negative and unsourced; y unsourced


ROLE_IDS = sorted(DATA.roles)


@st.composite
def teams(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 12))
    rows = []
    for _ in range(n):
        salary = draw(st.one_of(st.just(float("nan")), st.floats(15_000, 150_000)))
        start = draw(st.one_of(st.none(), st.dates(date(2018, 1, 1), date(2026, 6, 1))))
        rows.append((draw(st.sampled_from(ROLE_IDS)), draw(st.floats(0.05, 1.5)), salary, start))
    return (
        posts(*rows)
        if rows
        else pd.DataFrame(columns=["role", "wte", "salary", "band", "start_date", "leaving_date"])
    )


@settings(max_examples=40, deadline=None)
@given(teams(), st.floats(1_000, 300_000))
def test_properties(team: pd.DataFrame, population: float) -> None:
    """Never above the maximum, never above the cost, no claim invented without a maximum."""
    r = envelope(ArrsInputs(population), team)
    p = r.posts
    for row in p.itertuples(index=False):
        if pd.isna(row.max_reimbursable) or pd.isna(row.cost):
            assert pd.isna(row.claimable)  # no maximum (or no cost at all): no claim is invented
            continue
        cap = row.max_reimbursable * row.wte * row.months / 12
        assert row.claimable <= cap + 1e-6
        assert row.claimable <= row.cost + 1e-6
    assert r.claimed <= pd.to_numeric(p["cost"]).fillna(0).sum() + 1e-6
    assert math.isclose(r.claimed + r.remaining, r.envelope)
    assert all(v >= 0 for v in r.could_fund.values())


def test_json_shape() -> None:
    from planner.views.arrs import ArrsView

    r = envelope(ArrsInputs(10_000), posts(("Care coordinator", 1.0, 26000.0)))
    view = ArrsView(r, "", pd.DataFrame(), pd.DataFrame(), None, pd.DataFrame(), pd.DataFrame())
    out = as_json(view)
    assert set(out) >= {"envelope", "claimed", "remaining", "roles", "could_fund"}
    assert out["roles"][0]["max_reimbursable"] is None and out["roles"][0]["claimable"] is None
    assert out["roles"][0]["cost"] == pytest.approx(32_888.80)
