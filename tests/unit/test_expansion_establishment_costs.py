"""Funded establishment, supply and costs on the deterministic path: properties and worked examples."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.expansion import costing, establishment
from planner.expansion import trajectory as tj
from planner.expansion.scenario import load_scenario
from planner.vocab import BANDS

pytestmark = pytest.mark.unit

DEFAULTS = load_scenario("status_quo").inputs()
RATES = st.floats(min_value=0.0, max_value=0.5)
WTE = st.floats(min_value=0.0, max_value=20.0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(WTE, min_size=3, max_size=3),
    RATES,
    st.one_of(st.just(0.0), st.floats(min_value=0.05, max_value=1.0)),
    st.integers(1, 24),
)
def test_the_funded_establishment_is_at_least_the_requirement(
    required: list[float], turnover: float, fill: float, lead: int
) -> None:
    req = np.array(required)
    fund = establishment.funded(req, np.full(3, turnover), fill, lead)
    assert (fund >= req - 1e-12).all()
    v = establishment.vacancy(req, np.full(3, turnover), fill, lead)
    assert 0.0 <= v.rate <= 1.0
    if fill > 0:
        assert v.funded - v.required == pytest.approx(v.in_recruitment + v.unfilled, rel=1e-9, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(WTE, min_size=len(BANDS), max_size=len(BANDS)),
    st.floats(min_value=0.0, max_value=0.3),
    st.integers(1, 12),
    st.dates(min_value=date(2025, 4, 1), max_value=date(2028, 3, 31)),
)
def test_a_team_at_its_funded_establishment_with_fill_1_stays_at_the_requirement(
    required: list[float], turnover: float, lead: int, as_of: date
) -> None:
    tl = tj.timeline(as_of, "2028/29")
    req = np.broadcast_to(np.array(required), (1, len(tl.years), len(BANDS))).copy()
    s = tj.simulate_supply(
        np.array(required),
        req,
        np.full(len(BANDS), turnover),
        1.0,
        tl,
        lead_months=lead,
        trainees_per_year=0,
        training_months=12,
    )
    assert s.year_end[0] == pytest.approx(req[0], abs=1e-9)
    assert s.month_total[0] == pytest.approx(np.full(tl.month_year.size, sum(required)), abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(
    st.dates(min_value=date(2025, 4, 1), max_value=date(2029, 3, 31)),
    st.lists(WTE, min_size=len(BANDS), max_size=len(BANDS)),
    st.floats(min_value=-0.05, max_value=0.1),
)
def test_the_period_total_is_the_sum_of_in_year_costs(as_of: date, wte: list[float], award: float) -> None:
    inputs = replace(DEFAULTS, pay_award={"2026/27": award})
    years = tj.timeline(as_of, "2029/30").years
    have = np.tile(np.array(wte), (len(years), 1))
    c = costing.project_costs(inputs, years, have, have * 1.07, as_of, None, 1.0)
    assert c.total_over_period == pytest.approx(float(c.by_year["in_year"].sum()))
    assert (c.by_year["in_year"] <= c.by_year["full_year"] + 1e-6).all()
    assert (c.by_year["funded"] >= c.by_year["full_year"] - 1e-6).all()
    assert c.by_year["share_of_year"].iloc[1:].eq(1.0).all()


@settings(max_examples=80, deadline=None)
@given(st.floats(min_value=1_000, max_value=130_000), st.floats(min_value=0.01, max_value=1.0))
def test_ni_per_person_never_exceeds_ni_per_wte_for_a_part_timer(salary: float, wte: float) -> None:
    per_person = costing.ni_per_person(salary, wte, 0.15, 5_000)
    per_wte = wte * costing.ni_per_person(salary, 1.0, 0.15, 5_000)
    assert per_person <= per_wte + 1e-9


def test_costs_by_year_worked_example() -> None:
    """One band 5 WTE (mid point £33,487, employer pension 14.38%) as two 0.5 WTE people, from 1 Nov 2026.

    Per person: NI = 0.15 × (0.5 × 33,487 − 5,000) = 0.15 × 11,743.5 = £1,761.525; per WTE (two people)
    £3,523.05 against 0.15 × 28,487 = £4,273.05 priced per WTE (£750 × (1 − 0.5) × 2 less).
    Cost per WTE at 2025/26 prices = 33,487 × 1.1438 + 3,523.05 = 38,302.4306 + 3,523.05 = £41,825.4806.
    2026/27 pay index 1.025 → full year £42,871.1176; 1 Nov 2026 to 31 Mar 2027 is 151 of 365 days →
    in year £17,735.5 (42,871.1176 × 151 ÷ 365). 2027/28: index 1.025² = 1.050625 → £43,942.8955.
    Funded 1.1 WTE: 1.0 at the team's rate + 0.1 at the typical WTE (0.5) → 1.1 × full year.
    """
    band5 = BANDS.index("5")
    have = np.zeros((2, len(BANDS)))
    have[:, band5] = 1.0
    people = pd.DataFrame({"band": ["5", "5"], "wte": [0.5, 0.5]})
    c = costing.project_costs(
        DEFAULTS, ["2026/27", "2027/28"], have, have * 1.1, date(2026, 11, 1), people, 0.5
    )
    rows = c.by_year.set_index("year")
    assert c.price_base == "2025/26 prices"
    assert rows.loc["2026/27", "full_year"] == pytest.approx(41_825.4806 * 1.025, abs=0.01)
    assert rows.loc["2026/27", "in_year"] == pytest.approx(41_825.4806 * 1.025 * 151 / 365, abs=0.01)
    assert rows.loc["2027/28", "full_year"] == pytest.approx(41_825.4806 * 1.050625, abs=0.01)
    assert rows.loc["2027/28", "funded"] == pytest.approx(1.1 * 41_825.4806 * 1.050625, abs=0.01)
    assert c.total_over_period == pytest.approx(41_825.4806 * (1.025 * 151 / 365 + 1.050625), abs=0.02)


def test_the_price_base_warning_names_the_years() -> None:
    assert costing.price_base_warning(date(2026, 1, 31), DEFAULTS) is None
    text = costing.price_base_warning(date(2026, 11, 1), DEFAULTS)
    assert text is not None and "2025/26 prices" in text and "2026/27" in text and "2.5%" in text


def test_a_year_without_its_own_award_takes_the_latest_before_it() -> None:
    awards = {"2026/27": 0.025, "2028/29": 0.03}
    assert costing.pay_index(
        ["2025/26", "2026/27", "2027/28", "2029/30"], "2025/26", awards
    ) == pytest.approx({"2025/26": 1.0, "2026/27": 1.025, "2027/28": 1.025**2, "2029/30": 1.025**2 * 1.03**2})
