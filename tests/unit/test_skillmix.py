"""Skill mix: WTE and headcount, registration shares, supervision, target, cost and substitutions."""

from __future__ import annotations

import pandas as pd
import pytest
from _coverage_team import mini
from hypothesis import given, settings
from hypothesis import strategies as hs

from planner.reference import pay as costs
from planner.reference.errors import ReferenceDataError
from planner.skillmix import mix as skillmix
from planner.vocab import BANDS

pytestmark = pytest.mark.unit


def team() -> pd.DataFrame:
    """A hand-worked team (one row per post; P5 holds two posts).

    | id | band | WTE | function   | registration |
    | P1 | 3    | 1.0 | supporting | none         |
    | P2 | 4    | 0.6 | supporting | none         |
    | P3 | 6    | 1.0 | delivering | statutory    |
    | P4 | 6    | 0.4 | delivering | accredited   |
    | P5 | 7    | 0.5 | leading    | statutory    |
    | P5 | 6    | 0.5 | delivering | statutory    |

    Total WTE 4.0, 5 people. Registered (statutory + accredited) = 1.0 + 0.4 + 0.5 + 0.5 = 2.4 WTE;
    support = 1.6. Share = 2.4 / 4.0 = 0.60; statutory only = 2.0 / 4.0 = 0.50.
    Supervision ratio = 1.6 / 2.4 = 0.6667. Target 600 : 400 = 0.60 → target registered WTE 2.4,
    gap 0.0. WTE by band: 3 → 1.0, 4 → 0.6, 6 → 1.9, 7 → 0.5; headcount band 6 = P3, P4, P5 = 3.
    """
    return pd.DataFrame(
        {
            "staff_id": ["P1", "P2", "P3", "P4", "P5", "P5"],
            "band": ["3", "4", "6", "6", "7", "6"],
            "wte": [1.0, 0.6, 1.0, 0.4, 0.5, 0.5],
            "function": ["supporting", "supporting", "delivering", "delivering", "leading", "delivering"],
            "profession": [
                "Rehabilitation assistant",
                None,
                "Physiotherapist",
                "Clinical exercise physiologist",
                "Nurse",
                "Nurse",
            ],
            "registration": ["none", "none", "statutory", "accredited", "statutory", "statutory"],
        }
    )


def test_wte_and_headcount_by_band_hand_worked() -> None:
    by = skillmix.wte_headcount(team(), "band").set_index("band")
    assert list(by.index) == list(BANDS)
    assert by.loc[["3", "4", "6", "7"], "wte"].tolist() == pytest.approx([1.0, 0.6, 1.9, 0.5])
    assert by.loc["6", "headcount"] == 3
    assert by.loc["5", ["wte", "headcount", "wte_share"]].tolist() == [0.0, 0, 0.0]
    assert by["wte"].sum() == pytest.approx(4.0)
    assert by.loc["6", "label"] == "Band 6"


def test_wte_by_function_and_profession() -> None:
    fn = skillmix.wte_headcount(team(), "function").set_index("function")
    assert fn.loc["delivering", "wte"] == pytest.approx(1.9)
    assert fn.loc["delivering_managing", "wte"] == 0.0
    assert fn.loc["not_recorded", "label"] == "Not recorded"
    prof = skillmix.wte_headcount(team(), "profession").set_index("profession")
    assert prof.loc["Nurse", ["wte", "headcount"]].tolist() == [1.0, 1]
    assert prof.loc["Not recorded", "wte"] == pytest.approx(0.6)


def test_registered_share_and_supervision_hand_worked() -> None:
    s = skillmix.registered_share(team())
    assert s["registered_wte"] == pytest.approx(2.4)
    assert s["support_wte"] == pytest.approx(1.6)
    assert s["share"] == pytest.approx(0.6)
    assert s["statutory_share"] == pytest.approx(0.5)
    assert s["accredited_share"] == pytest.approx(0.1)
    assert s["headcount_share"] == pytest.approx(3 / 5)
    assert s["target_share"] == pytest.approx(0.6)
    assert s["registered_gap_wte"] == pytest.approx(0.0)
    assert skillmix.supervision_ratio(team()) == pytest.approx(1.6 / 2.4)


def test_statutory_only_target_definition() -> None:
    t = skillmix.load_targets(registered_kinds=("statutory",))
    s = skillmix.registered_share(team(), t)
    assert s["share"] == pytest.approx(0.5)
    assert s["registered_gap_wte"] == pytest.approx(0.4)


def test_no_registered_staff_gives_no_ratio() -> None:
    staff = team().assign(registration="none")
    assert skillmix.supervision_ratio(staff) is None


def test_targets_file_has_sources() -> None:
    t = skillmix.load_targets()
    assert (t.registered, t.support) == (600, 400)
    assert "csp.org.uk" in t.source["url"]
    quoted = next(s for s in t.substitutions if s["id"] == "two_band4_for_one_band7")
    assert "two band 4's for one Band 7" in quoted["quote"]
    assert "002_7f53b6e6b8cc01b1" in quoted["source"]
    assert all(s["status"] in ("source", "assumption") for s in t.substitutions)


def test_load_targets_reports_bad_file(tmp_path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("target_mix: {registered: x}\nsubstitutions: [{give: {'7a': 1}, take: {'4': 2}}]\n")
    with pytest.raises(ReferenceDataError) as err:
        skillmix.load_targets(bad)
    text = str(err.value)
    assert "target_mix.registered" in text and "target_mix.source" in text and "substitutions[0].give" in text


def test_mix_cost_uses_planner_costs() -> None:
    cost = skillmix.mix_cost(team()).set_index("band")
    assert cost.loc["6", "annual_cost"] == pytest.approx(1.9 * costs.employer_cost("6"))
    assert cost["annual_cost"].sum() == pytest.approx(
        sum(w * costs.employer_cost(b) for b, w in {"3": 1.0, "4": 0.6, "6": 1.9, "7": 0.5}.items())
    )
    assert not cost.loc["1", "priced"] and cost.loc["1", "annual_cost"] == 0.0
    full = skillmix.mix_cost(team(), pension="full")["annual_cost"].sum()
    assert full > cost["annual_cost"].sum()


def test_substitution_two_band4s_for_one_band7() -> None:
    """1 × band 7 → 2 × band 4 at mid points with the 14.38% employer pension:
    band 7 mid £50,273 → 50,273 + 15% × 45,273 + 14.38% × 50,273 = £64,293.21;
    band 4 mid (27,485 + 30,162) / 2 = £28,823.50 → £36,541.84 each, £73,083.69 for two;
    change +£8,790.48 for +1.0 WTE. In the mini BTS, band 7's two statements are not required
    at band 4; one of them 'leads on'; the service area is not covered at band 4 at all."""
    t = skillmix.load_targets()
    table = skillmix.substitution_table(t, mini("bts")).set_index("id")
    row = table.loc["two_band4_for_one_band7"]
    assert row["cost_before"] == pytest.approx(64293.21, abs=0.01)
    assert row["cost_after"] == pytest.approx(73083.69, abs=0.01)
    assert row["cost_change"] == pytest.approx(8790.48, abs=0.01)
    assert row["wte_change"] == 1.0
    assert (row["statements_lost"], row["leads_on_lost"]) == (2, 1)
    assert row["areas_lost"] == "Service organisation"  # labels joined with "; "
    assert row["give"] == "1 × Band 7" and row["take"] == "2 × Band 4"
    lost = skillmix.substitution_competencies(t.substitutions[0], mini("bts"))
    assert set(lost["competency_id"]) == {"BTS-B7-CCS-01", "BTS-B7-LM-01"}
    assert lost.set_index("competency_id").loc["BTS-B7-CCS-01", "area_kept"]  # exercise is also at band 4


def test_substitution_costs_the_supervision_it_adds() -> None:
    """Two band 4s for one band 7 adds 2 supporting WTE: 2 × 40 h = 80 h of supervision a year, given
    half by band 6 and half by band 7 at 1,500 working hours per WTE: 80 / 1,500 = 0.05333 WTE, priced
    at band 6 mid £52,066.80 and band 7 mid £64,293.21 → 0.026667 × (52,066.80 + 64,293.21) = £3,102.93.
    With it the swap costs £8,790.48 + £3,102.93 = £11,893.41 more a year. A band 4 for a band 5 adds
    one supporting WTE (40 h); a band 5 for a band 4 would save the same."""
    basis = skillmix.SupervisionBasis(40.0, 1_500.0, {"6": 0.5, "7": 0.5}, ("1", "2", "3", "4"), "words")
    table = skillmix.substitution_table(skillmix.load_targets(), None, supervision=basis).set_index("id")
    row = table.loc["two_band4_for_one_band7"]
    per_wte = costs.cost_table("mid", "employer")["employer_cost"]
    expected = 80 / 1_500 * 0.5 * (per_wte["6"] + per_wte["7"])
    assert row["supervision_hours"] == 80.0
    assert row["supervision_cost"] == pytest.approx(expected, abs=0.01)
    assert row["supervision_cost"] == pytest.approx(3102.93, abs=0.01)
    assert row["cost_change_with_supervision"] == pytest.approx(row["cost_change"] + expected, abs=0.02)
    assert table.loc["band4_for_band5", "supervision_hours"] == 40.0
    hours, cost = basis.added({"4": 1.0}, {"5": 1.0}, "mid", "employer")
    assert hours == -40.0 and cost == pytest.approx(-expected / 2, abs=0.01)
    assert "supervision_hours" not in skillmix.substitution_table(skillmix.load_targets(), None).columns


def test_summary_json_keys() -> None:
    s = skillmix.summary(team())
    assert list(s) == [
        "wte_by_band",
        "headcount_by_band",
        "wte_by_function",
        "registered_share",
        "supervision_ratio",
        "target_mix",
        "annual_cost",
    ]
    assert s["wte_by_band"]["6"] == 1.9 and s["headcount_by_band"]["6"] == 3
    assert s["supervision_ratio"] == pytest.approx(0.6667)
    assert s["annual_cost"]["total"] == pytest.approx(
        skillmix.mix_cost(team())["annual_cost"].sum(), abs=0.01
    )


posts = hs.lists(
    hs.tuples(
        hs.sampled_from(["2", "3", "4", "5", "6", "7", "8a"]),
        hs.sampled_from([0.1, 0.25, 0.5, 0.8, 1.0, 1.5]),
        hs.sampled_from([None, "supporting", "delivering", "leading", "delivering_managing", "typo"]),
        hs.sampled_from(["none", "statutory", "accredited"]),
    ),
    min_size=0,
    max_size=30,
)


def _frame(rows: list) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"staff_id": f"P{i % 7}", "band": b, "wte": w, "function": f, "registration": r}
            for i, (b, w, f, r) in enumerate(rows)
        ],
        columns=["staff_id", "band", "wte", "function", "registration"],
    )


@settings(max_examples=40, deadline=None)
@given(posts)
def test_wte_by_band_and_function_sum_to_total(rows) -> None:
    staff = _frame(rows)
    total = float(staff["wte"].sum())
    assert skillmix.wte_headcount(staff, "band")["wte"].sum() == pytest.approx(total)
    assert skillmix.wte_headcount(staff, "function")["wte"].sum() == pytest.approx(total)
    assert skillmix.wte_by_band_function(staff)["wte"].sum() == pytest.approx(total)
    by = skillmix.wte_headcount(staff, "band")
    assert not by.isna().any().any()
    absent = set(BANDS) - set(staff["band"])
    assert (by.loc[by["band"].isin(absent), ["wte", "headcount"]] == 0).all().all()
    s = skillmix.registered_share(staff)
    if not s["recorded"]:  # nobody registered and no body named: not recorded, never 0%
        assert s["share"] is None and (staff["registration"] == "none").all()
        return
    assert 0 <= s["share"] <= 1
    assert s["registered_wte"] + s["support_wte"] == pytest.approx(total)


@settings(max_examples=25, deadline=None)
@given(posts, hs.randoms(use_true_random=False))
def test_skillmix_row_order_changes_nothing(rows, rnd) -> None:
    staff = _frame(rows)
    idx = list(range(len(staff)))
    rnd.shuffle(idx)
    shuffled = staff.iloc[idx].reset_index(drop=True)
    assert skillmix.summary(staff) == skillmix.summary(shuffled)
