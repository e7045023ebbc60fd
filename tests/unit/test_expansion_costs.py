"""Pay table and employer cost: hand-checked values, the domain.md table, and cost = WTE × band cost."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.captions import skillmix as captions
from planner.reference import pay as costs
from planner.reference.errors import ReferenceDataError
from planner.vocab import band_key

pytestmark = pytest.mark.unit


def test_band5_entry_local_pension_by_hand() -> None:
    """31,049 + 0.15 × (31,049 − 5,000) + 0.1438 × 31,049 = 31,049 + 3,907.35 + 4,464.8462 = 39,421.1962."""
    assert costs.employer_cost("5", "entry", "employer") == pytest.approx(39_421.1962)


@pytest.mark.parametrize(
    ("band", "point", "pension", "expected"),
    [
        # domain.md section 4, derived table (rounded to the pound there)
        ("2", "entry", "employer", 30_903),
        ("3", "top", "full", 36_163),
        ("6", "entry", "employer", 49_297),
        ("7", "top", "full", 75_177),
        ("8a", "entry", "full", 76_537),
        ("8d", "top", "employer", 135_535),
    ],
)
def test_matches_the_derived_table_in_domain_md(band: str, point: str, pension: str, expected: int) -> None:
    assert costs.employer_cost(band, point, pension) == pytest.approx(expected, abs=1)


def test_mid_point_is_intermediate_or_mean_of_entry_and_top() -> None:
    assert costs.salary("6", "mid") == 40_823
    assert costs.salary("3", "mid") == pytest.approx((24_937 + 26_598) / 2)
    assert costs.pay_points().loc["3", "mid_status"] == "derived"
    assert costs.pay_points().loc["6", "mid_status"] == "verified"


@pytest.mark.parametrize(("raw", "band"), [("8A", "8a"), (5, "5"), (5.0, "5"), (" 6 ", "6"), ("5.0", "5")])
def test_band_keys_in_data_files_are_read(raw: object, band: str) -> None:
    assert band_key(raw) == band
    assert costs.salary(raw) == costs.salary(band)


def test_band_1_has_no_pay_point_and_says_which_bands_do() -> None:
    with pytest.raises(costs.UnknownBandError, match="priced bands are 2, 3"):
        costs.employer_cost("1")
    with pytest.raises(costs.UnknownBandError):
        costs.annual_cost(pd.Series({"1": 0.5}))
    assert costs.annual_cost(pd.Series({"1": 0.0, "5": 1.0})).loc["1"] == 0.0


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="Pay point 'median'"):
        costs.employer_cost("5", "median")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="negative"):
        costs.annual_cost(pd.Series({"5": -1.0}))
    with pytest.raises(ValueError, match="missing"):
        costs.annual_cost(pd.Series({"5": float("nan")}))


def test_cost_table_columns_add_up() -> None:
    t = costs.cost_table("top", "full")
    assert list(t.index) == ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"]
    pd.testing.assert_series_equal(
        t["salary"] + t["employer_ni"] + t["employer_pension"], t["employer_cost"], check_names=False
    )
    assert t.loc["5", "employer_pension"] == pytest.approx(0.2378 * 37_796)


def test_pay_file_errors_name_the_band() -> None:
    good = {
        "sources": {"s": {}},
        "on_costs": {
            k: {"value": 0.1, "source": "s"}
            for k in ("employer_ni_rate", "employer_ni_threshold", "pension_employer", "pension_full")
        },
    }
    with pytest.raises(ReferenceDataError, match=r"bands\.5\.top: expected a number"):
        costs.parse_pay({**good, "bands": {"5": {"entry": 1, "top": "lots", "source": "s"}}})
    with pytest.raises(ReferenceDataError, match="must rise"):
        costs.parse_pay({**good, "bands": {"5": {"entry": 3, "intermediate": 1, "top": 4, "source": "s"}}})


def test_pay_file_errors_are_all_reported_at_once() -> None:
    bad = {
        "sources": {"s": {}},
        "bands": {
            "5": {"entry": 1, "top": "lots", "source": "s"},
            "12": {"entry": 1, "top": 2, "source": "s"},
        },
        "on_costs": {"employer_ni_rate": {"value": 0.15, "source": "nowhere"}},
    }
    with pytest.raises(ReferenceDataError) as err:
        costs.parse_pay(bad)
    problems = err.value.problems
    assert any(p.startswith("bands.5.top: expected a number") for p in problems)
    assert any(p.startswith("bands: '12' is not an Agenda for Change band") for p in problems)
    assert any("on_costs.employer_ni_rate: source 'nowhere'" in p for p in problems)
    assert any(p.startswith("on_costs.pension_full: missing") for p in problems)
    assert len(problems) == 6  # top, band 12, NI rate's source, NI threshold, both pensions


bands = st.sampled_from(["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"])


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(bands, st.floats(min_value=0, max_value=50, allow_nan=False), min_size=1),
    st.sampled_from(costs.POINTS),
    st.sampled_from(costs.PENSIONS),
)
def test_cost_is_wte_times_band_cost(wte: dict[str, float], point: str, pension: str) -> None:
    got = costs.annual_cost(pd.Series(wte), point, pension)  # type: ignore[arg-type]
    for band, w in wte.items():
        assert got[band] == pytest.approx(w * costs.employer_cost(band, point, pension))  # type: ignore[arg-type]


def test_pension_words_come_from_the_pay_file(tmp_path) -> None:
    committed = costs.load_pay()
    assert costs.pension_words("employer", committed) == "14.38% employer pension"
    assert costs.pension_words("full", committed, employer="local") == "23.78% full pension"
    assert costs.pension_words("employer", committed, employer="local") == "14.38% local pension"
    assert costs.pension_choices(committed)["full"] == "23.78% (full economic cost)"

    text = costs.PAY_FILE.read_text(encoding="utf-8")
    assert text.count("value: 0.1438") == 1 and text.count("value: 0.2378") == 1
    copy = tmp_path / "pay.yaml"
    copy.write_text(text.replace("value: 0.1438", "value: 0.15").replace("value: 0.2378", "value: 0.245"))
    changed = costs.load_pay(copy)
    assert costs.pension_words("employer", changed) == "15% employer pension"
    assert costs.pension_choices(changed) == {
        "employer": "15% (paid by a local NHS employer)",
        "full": "24.5% (full economic cost)",
    }
    assert costs.pension_summary(changed) == "employer contribution 15% (or 24.5% full cost)"
    cost = pd.DataFrame({"wte": [1.0], "annual_cost": [40_000.0], "priced": [True]})
    assert "and 24.5% full pension." in captions.cost_caption(cost, "mid", "full", pay=changed)
