"""Demand funnel, financial years, the supply simulation and the trajectory's costs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from planner.expansion import demand
from planner.expansion import trajectory as tj
from planner.expansion.scenario import load_scenario
from planner.reference import pay as costs
from planner.vocab import BANDS

pytestmark = pytest.mark.unit

V = load_scenario("long_term_plan").inputs()
B3, B4, B6 = BANDS.index("3"), BANDS.index("4"), BANDS.index("6")


def test_financial_years() -> None:
    assert demand.financial_year(date(2026, 3, 31)) == "2025/26"
    assert demand.financial_year(date(2026, 4, 1)) == "2026/27"
    assert demand.years_between(date(2025, 11, 1), "2028/29") == ["2025/26", "2026/27", "2027/28", "2028/29"]
    with pytest.raises(ValueError, match="before the model date's year 2025/26"):
        demand.years_between(date(2025, 11, 1), "2024/25")


def test_funnel_by_hand() -> None:
    """1,000,000 × 0.019 × 0.35 = 6,650 eligible; × 0.369 = 2,453.85 referred; × 0.6 = 1,472.31 start;
    × (1 − 0.23) = 1,133.68 complete. The LTP referral rate rises 0.369 → 0.6 in equal steps over 4 years."""
    f = demand.funnel(V)
    assert (f.eligible, f.referrals, f.starts, f.completions) == pytest.approx(
        (6_650, 2_453.85, 1_472.31, 1_133.6787)
    )
    by_year = demand.funnel_by_year(V, ["2025/26", "2026/27", "2027/28", "2028/29"])
    assert by_year["referral_rate"].tolist() == pytest.approx([0.369, 0.446, 0.523, 0.6])
    entered = demand.funnel(replace(V, eligible_population=1_000, eligible_growth=0.1), year_index=2)
    assert entered.eligible == pytest.approx(1_210)


def _timeline() -> tj.Timeline:
    return tj.timeline(date(2025, 4, 1), "2027/28")


def test_timeline_maps_months_and_weeks_to_years() -> None:
    tl = _timeline()
    assert tl.years == ["2025/26", "2026/27", "2027/28"]
    assert tl.month_year.tolist() == [0] * 12 + [1] * 12 + [2] * 12
    assert tl.month_new_year.sum() == 3
    assert tl.week_year[0] == 0 and tl.week_year[-1] == 2 and tl.n_weeks == 157


def _required(tl: tj.Timeline, wte: dict[str, float]) -> np.ndarray:
    row = np.array([wte.get(b, 0.0) for b in BANDS])
    return np.broadcast_to(row, (1, len(tl.years), len(BANDS))).copy()


def test_recruitment_fills_the_gap_after_one_lead_time() -> None:
    tl = _timeline()
    req = _required(tl, {"6": 4.0})
    s = tj.simulate_supply(
        np.zeros(len(BANDS)),
        req,
        np.zeros(len(BANDS)),
        1.0,
        tl,
        lead_months=6,
        trainees_per_year=0,
        training_months=12,
    )
    # Months 0-5 nobody in post; the round advertised in month 0 starts in month 6.
    assert s.month_total[0, :6].tolist() == [0.0] * 6 and s.month_total[0, 6] == pytest.approx(4.0)
    assert s.year_mean[0, 0, B6] == pytest.approx(2.0)
    assert s.year_end[0, :, B6] == pytest.approx([4.0, 4.0, 4.0])


def test_fill_rate_and_turnover() -> None:
    """No turnover, so the establishment is the requirement (4.0 WTE). Fill 0.5, advertised monthly:
    month 0 advertises 4.0 (2.0 accept), month 1 the 2.0 neither filled nor offered (1.0 accept),
    month 2 1.0 (0.5), ...; each starts 6 months later, so staff in month m ≥ 6 are
    4 × (1 − 0.5^(m − 5)): 2.0 in month 6 and 4 × (1 − 0.5^7) = 3.96875 in month 12.
    With a fill rate of 0 nobody is recruited and 12% turnover leaves 4 × 0.88^years."""
    tl = _timeline()
    req = _required(tl, {"6": 4.0})
    half = tj.simulate_supply(
        np.zeros(len(BANDS)),
        req,
        np.zeros(len(BANDS)),
        0.5,
        tl,
        lead_months=6,
        trainees_per_year=0,
        training_months=12,
    )
    assert half.month_total[0, 6] == pytest.approx(2.0) and half.month_total[0, 12] == pytest.approx(3.96875)
    assert half.month_total[0, :6] == pytest.approx([0.0] * 6)
    start = np.zeros(len(BANDS))
    start[B6] = 4.0
    leave = tj.simulate_supply(
        start, req, np.full(len(BANDS), 0.12), 0.0, tl, lead_months=6, trainees_per_year=0, training_months=12
    )
    assert leave.year_end[0, :, B6] == pytest.approx(4.0 * 0.88 ** np.array([1, 2, 3]))


def test_a_team_at_its_funded_establishment_stays_at_the_requirement() -> None:
    """A band at its requirement (4.0 WTE) with 12% turnover, a 6-month lead time and every advert filled.
    Monthly leaving share q = 1 − 0.88^(1/12) = 0.0105962; establishment = 4 × (1 + q × (6 − 1 + 1)) =
    4.254310 WTE. Each month 4q = 0.042385 WTE leave and the same starts (offered 6 months earlier, or
    already under way at the model date), so staff stay at 4.0 in every month and at every year end.
    With fill 0.7 the establishment is 4 × (1 + q × (5 + 1/0.7)) = 4.272475 and staff still stay at 4.0."""
    tl = _timeline()
    start = np.zeros(len(BANDS))
    start[B6] = 4.0
    q = 1 - 0.88 ** (1 / 12)
    for fill, funded in ((1.0, 4.254310), (0.7, 4.272475)):
        s = tj.simulate_supply(
            start, _required(tl, {"6": 4.0}), np.full(len(BANDS), 0.12), fill, tl,
            lead_months=6, trainees_per_year=0, training_months=12,
        )  # fmt: skip
        assert s.month_total[0] == pytest.approx([4.0] * s.month_total.shape[1])
        assert s.year_end[0, :, B6] == pytest.approx([4.0] * 3)
        assert s.funded is not None
        assert s.funded[0, :, B6] == pytest.approx([funded] * 3, abs=1e-6)
        assert s.funded[0, 0, B6] == pytest.approx(4 * (1 + q * (5 + 1 / fill)))


def test_training_moves_band_3_to_band_4_after_qualifying() -> None:
    tl = _timeline()
    start = np.zeros(len(BANDS))
    start[B3] = 2.0
    s = tj.simulate_supply(
        start,
        _required(tl, {}),
        np.zeros(len(BANDS)),
        0.0,
        tl,
        lead_months=6,
        trainees_per_year=1.0,
        training_months=12,
    )
    assert s.year_end[0, 0, [B3, B4]] == pytest.approx([2.0, 0.0])
    assert s.year_end[0, 1, [B3, B4]] == pytest.approx([1.0, 1.0])
    assert s.year_end[0, 2, [B3, B4]] == pytest.approx([0.0, 2.0])


def test_gap_closes_only_when_it_stays_closed() -> None:
    years = ["a", "b", "c", "d"]
    gap = np.zeros((4, len(BANDS)))
    gap[:, B6] = [2.0, 0.05, 0.5, 0.0]
    gap[:, B4] = [1.0, 0.5, 0.2, 0.3]
    closes = tj.gap_closes(years, gap, 0.1)
    assert (closes["6"], closes["4"], closes["5"]) == ("d", None, "a")


def test_a_team_at_the_requirement_starts_the_demand() -> None:
    inputs = replace(V, turnover_by_band=dict.fromkeys(V.turnover_by_band, 0.0))
    tl = tj.timeline(date(2025, 11, 1), "2025/26")
    parts = tj.yearly_parts(inputs, tl.years)
    req, reg, lead = tj.required_arrays(parts, inputs, np.array([inputs.dropout]))
    supply = tj.simulate_supply(
        req[0, 0], req, np.zeros(len(BANDS)), 1.0, tl, lead_months=6, trainees_per_year=0, training_months=12
    )
    cap = tj.weekly_capacity(supply, req, reg, lead, parts.funnel["starts"].to_numpy() / 52, tl)
    np.testing.assert_allclose(cap[0], parts.funnel["starts"].iloc[0] / 52)


def test_trajectory_costs_are_wte_times_band_cost() -> None:
    start = np.array([0, 0, 2, 2, 2, 3, 2, 1, 0, 0, 0, 0], dtype=float)
    t = tj.project_trajectory(V, start, date(2025, 11, 1))
    price = costs.cost_table("mid", "employer")["employer_cost"]
    rows = t.by_band[t.by_band["band"] != "1"]
    np.testing.assert_allclose(
        rows["required_cost"], rows["required_wte"] * price.loc[rows["band"]].to_numpy()
    )
    np.testing.assert_allclose(
        rows["in_post_cost"], rows["in_post_mean_wte"] * price.loc[rows["band"]].to_numpy()
    )
    assert t.summary["required_wte"].is_monotonic_increasing  # referrals rise every year
    assert t.weekly_arrivals.size == t.weekly_capacity.size == t.timeline.n_weeks
