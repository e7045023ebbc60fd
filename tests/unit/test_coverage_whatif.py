"""What-if changes (a leaver, a move, a new post) and the today-versus-what-if comparison."""

from __future__ import annotations

import pandas as pd
import pytest
from _coverage_team import AS_OF, mini, small_team
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from planner import coverage, samples
from planner.coverage.whatif import Change, WhatIfError, apply_changes, make_change, parse_change
from planner.reference import frameworks
from planner.views.session import sample_roster
from planner.views.whatif import whatif_json, whatif_view

ROSTER = sample_roster()
BTS = frameworks.get("bts")

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("remove", " S1 ", Change("remove", "S1")),
        ("move", "S3:band=Band 7", Change("move", "S3", band="7")),
        ("move", "S3:function=Leading PR", Change("move", "S3", function="leading")),
        (
            "move",
            "S3:band=8A,function=delivering & managing",
            Change("move", "S3", "8a", "delivering_managing"),
        ),
        ("add", "band=5,function=delivering,wte=1.0", Change("add", None, "5", "delivering", 1.0)),
        ("add", "wte=60%, band=B4 ,function=Supporting PR", Change("add", None, "4", "supporting", 0.6)),
    ],
)
def test_parse_change_reads_what_people_write(kind: str, text: str, expected: Change) -> None:
    assert parse_change(kind, text) == expected


@pytest.mark.parametrize(
    ("kind", "text", "words"),
    [
        ("remove", "  ", "give the staff ID"),
        ("move", "S3", "a colon"),
        ("move", "S3:wte=0.5", "not WTE"),
        ("move", "S3:band=Bnad 5", "not an Agenda for Change band"),
        ("add", "band=5,function=delivering", "give its band, function and WTE"),
        ("add", "band=5,function=juggling,wte=1", "function 'juggling'"),
        ("add", "band=5,function=delivering,wte=2.5", "WTE '2.5'"),
        ("add", "band=5;function=delivering", "not an Agenda for Change band"),
        ("add", "grade=5,function=delivering,wte=1", "is not understood"),
    ],
)
def test_bad_specs_say_what_is_wrong(kind: str, text: str, words: str) -> None:
    with pytest.raises(WhatIfError, match=words):
        parse_change(kind, text)


def test_make_change_refuses_an_unknown_kind() -> None:
    with pytest.raises(WhatIfError, match="remove, move or add"):
        make_change("promote", "S1")


def test_apply_changes_leaves_the_inputs_alone() -> None:
    staff, comps = small_team()
    before_s, before_c = staff.copy(), comps.copy()
    s, c = apply_changes(
        staff,
        comps,
        [Change("remove", "S1"), Change("move", "S3", band="7"), Change("add", None, "5", "delivering", 0.8)],
    )
    pd.testing.assert_frame_equal(staff, before_s)
    pd.testing.assert_frame_equal(comps, before_c)
    assert s["staff_id"].tolist() == ["S2", "S3", "S4", "S5", "NEW-1"]
    assert s.set_index("staff_id").loc["S3", "band"] == "7"
    assert s.set_index("staff_id").loc["NEW-1", ["band", "function", "wte"]].tolist() == [
        "5",
        "delivering",
        0.8,
    ]
    assert pd.isna(s.set_index("staff_id").loc["NEW-1", "registration"])
    assert "S1" not in set(c["staff_id"]) and len(c) == len(comps) - 3


def test_apply_changes_refuses_someone_not_in_the_team() -> None:
    staff, comps = small_team()
    with pytest.raises(WhatIfError, match="No one with staff ID 'S9'"):
        apply_changes(staff, comps, [Change("remove", "S9")])
    with pytest.raises(WhatIfError, match="'S1'"):
        apply_changes(staff, comps, [Change("remove", "S1"), Change("move", "S1", band="5")])


def test_a_new_post_adds_missing_requirements_and_lowers_coverage() -> None:
    staff, comps = small_team()
    fw, xc = mini("bts"), mini("cross_cutting")
    view = whatif_view(
        staff, comps, fw, AS_OF, [Change("add", None, "6", "delivering", 1.0)], cross_cutting=xc
    )
    t, w = view.today.overall, view.whatif.overall
    assert w["people"] == t["people"] + 1 and w["wte"] == pytest.approx(t["wte"] + 1.0)
    assert w["verified"] == t["verified"] and w["required"] > t["required"]
    assert w["coverage"] < t["coverage"]
    band6 = view.by_band.set_index("Band").loc["Band 6"]
    assert band6["People today"] == 2 and band6["People what-if"] == 3
    assert band6["Change (points)"] < 0
    assert view.overall.set_index("Measure").loc["People"].tolist() == [
        str(t["people"]),
        str(t["people"] + 1),
    ]


def test_a_leaver_on_the_sample_team_compared_with_today() -> None:
    view = whatif_view(
        ROSTER.staff, ROSTER.competencies, BTS, samples.SAMPLE_AS_OF, [Change("remove", "SYN10004")]
    )
    out = whatif_json(view)
    assert out["changes"] == ["SYN10004 leaves"]
    assert out["today"]["people"] == 25 and out["what_if"]["people"] == 24
    assert out["single_points_of_failure_new"], (
        "a leaver from band 3 leaves band 3 statements with one holder"
    )
    assert set(out["single_points_of_failure_new"]) <= set(
        out["what_if"]["single_points_of_failure"]["competency_ids"]
    )
    assert out["what_if"]["single_points_of_failure"]["count"] == len(view.whatif.spof)
    assert "Nothing is written back" in view.caption and "SYN10004 leaves" in view.caption


def _holders(staff: pd.DataFrame, comps: pd.DataFrame) -> pd.Series:
    st = coverage.statuses(staff, comps, BTS, samples.SAMPLE_AS_OF)
    verified = st[st["status"].astype(str) == "verified"]
    return verified.groupby(verified["competency_id"].astype(str))["staff_id"].nunique()


TODAY_HOLDERS = _holders(ROSTER.staff, ROSTER.competencies)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.sampled_from(sorted(ROSTER.staff["staff_id"])))
def test_removing_a_person_never_raises_the_holders_of_any_competency(staff_id: str) -> None:
    s, c = apply_changes(ROSTER.staff, ROSTER.competencies, [Change("remove", staff_id)])
    after = _holders(s, c).reindex(TODAY_HOLDERS.index, fill_value=0)
    assert (after <= TODAY_HOLDERS).all()
    assert set(_holders(s, c).index) <= set(TODAY_HOLDERS.index)
