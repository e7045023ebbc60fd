"""Fair statuses and single points of failure by skill (issue 11), on the shipped BTS and London files.

The team of five is built here: a band 6 physiotherapist with every band 6 statement verified but
not AHCS registration, a band 5 nurse, a band 4, a band 7 and the only lead, at 0.6 WTE.
"""

from __future__ import annotations

from datetime import date

import hypothesis.strategies as hs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from planner import coverage
from planner.coverage.pdp import development_plan
from planner.coverage.spof import single_points_of_failure
from planner.reference import frameworks

pytestmark = pytest.mark.unit
AS_OF = date(2026, 6, 1)
BTS = frameworks.get("bts")
LONDON = frameworks.get("london")
HCP = "Registered healthcare professional (NMC, HCPC)"
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ids(level: str) -> list[str]:
    return BTS.requirements.loc[BTS.requirements["level_id"] == level, "competency_id"].tolist()


def _record(sid: str, cid: str, signed: str | None = "2026-01-10", achieved: bool = True) -> dict:
    return {
        "staff_id": sid,
        "competency_id": cid,
        "achieved": achieved,
        "in_progress": not achieved,
        "self_assessed_on": "2026-01-01",
        "signed_off_by": "M. Lead" if signed else None,
        "signed_off_on": signed,
    }


def team_of_five() -> tuple[pd.DataFrame, pd.DataFrame]:
    staff = pd.DataFrame(
        {
            "staff_id": ["P6", "N5", "A4", "S7", "L8"],
            "band": ["6", "5", "4", "7", "8a"],
            "wte": [1.0, 0.8, 1.0, 1.0, 0.6],
            "function": ["delivering", "delivering", "supporting", "delivering", "leading"],
            "profession": [
                "Physiotherapist",
                "Respiratory nurse",
                "Assistant practitioner",
                "Physiotherapist",
                "Physiotherapist",
            ],
            "registration": ["statutory", "statutory", "none", "statutory", "statutory"],
        }
    )
    rows = [_record("P6", c) for c in _ids("band6") if c != "BTS-B6-QUAL-02"]
    rows += [_record("N5", "BTS-B5-QUAL-01"), _record("N5", "BTS-B5-CCS-01")]
    rows += [_record("A4", "BTS-B4-CCS-01")]
    rows += [_record("S7", "BTS-B7-QUAL-01")]
    rows += [_record("L8", "BTS-LEAD-CCS-01"), _record("L8", "BTS-LEAD-QUAL-01")]
    return staff, pd.DataFrame(rows)


def _st(staff, comps, fw=BTS, **kw):
    return coverage.statuses(staff, comps, fw, AS_OF, include_cross_cutting=False, **kw)


def test_band6_physio_without_ahcs_is_fully_covered() -> None:
    staff, comps = team_of_five()
    st = _st(staff, comps)
    p6 = st[st["staff_id"].astype(str) == "P6"]
    assert (p6["status"].astype(str) == "verified").all()
    assert len(p6) == len(_ids("band6")) - 1  # the two registration routes are one requirement
    band6 = coverage.by_band(st).set_index("band").loc["6"]
    assert band6["coverage"] == 1.0
    assert development_plan(st, "P6").empty  # never asked for AHCS beside HCPC


def test_missing_route_is_asked_as_one_of() -> None:
    staff, comps = team_of_five()
    plan = development_plan(_st(staff, comps), "A4")
    assert not plan["statement"].str.startswith("One of").any()  # band 4 has no registration group
    # Moved to band 6, the nurse's band 5 registration record meets band 6's by identical wording.
    staff2 = staff.assign(band=["6", "6", "6", "7", "8a"])
    assert not development_plan(_st(staff2, comps), "N5")["statement"].str.startswith("One of").any()
    reg = development_plan(_st(staff2, comps), "A4")
    reg = reg[reg["statement"].str.startswith("One of")]
    assert len(reg) == 1 and "registered exercise practitioner" in reg["statement"].iloc[0]


def test_same_wording_at_two_bands_is_no_single_point_of_failure() -> None:
    staff, comps = team_of_five()
    spof = single_points_of_failure(_st(staff, comps))
    assert HCP not in set(spof["text"])
    lead = spof[spof["competency_id"] == "BTS-LEAD-CCS-01"]
    assert len(lead) == 1
    row = lead.iloc[0]
    assert (row["holders"], row["holders_wte"], row["who"]) == (1, 0.6, ["L8"])
    assert row["severity"] == "medium"
    assert set(spof.columns) >= {"competency_ids", "closest", "kind", "severity", "holders_wte"}


def test_leaver_and_lapse_count_as_absent() -> None:
    staff, comps = team_of_five()
    st = _st(staff, comps)
    spof = single_points_of_failure(st, as_of=AS_OF, within_days=30, leaving={"P6": date(2026, 6, 20)})
    hcp = spof[spof["text"] == HCP]
    # P6 leaves within the window: band 6 registration now rests on nobody at band 6, but the
    # same wording is still held at bands 5, 7 and lead, so it stays off the list.
    assert hcp.empty
    b6 = spof[spof["competency_ids"].map(lambda ids: "BTS-B6-CCS-01" in ids)]
    assert len(b6) == 1 and b6.iloc[0]["holders"] == 0 and b6.iloc[0]["holders_now"] == 1
    assert b6.iloc[0]["severity"] == "high"


def test_identical_wording_credits_and_names_the_record() -> None:
    staff, comps = team_of_five()
    st = _st(staff, comps, LONDON)
    p6 = st[st["staff_id"].astype(str) == "P6"]
    credited = p6[p6["credited_from"].notna()]
    assert len(credited) > 0
    assert credited["credited_from"].astype(str).str.startswith("BTS-B6-").all()
    assert (credited["status"].astype(str) == "verified").all()


def test_area_credit_needs_every_statement_and_lapses_with_it() -> None:
    staff, comps = team_of_five()
    full = _st(staff, comps, LONDON)
    p6 = full[(full["staff_id"].astype(str) == "P6") & full["credited_from"].notna()]
    by_area = p6[
        p6["text"].astype(str) != p6["credited_from"].map(BTS.competencies.set_index("competency_id")["text"])
    ]
    assert len(by_area) > 0  # lower-level statements credited from a fully verified band 6 area
    source, area = str(by_area["credited_from"].iloc[0]), str(by_area["area_id"].iloc[0])

    def credited_in_area(st):
        p = st[(st["staff_id"].astype(str) == "P6") & (st["area_id"].astype(str) == area)]
        return int((p["credited_from"].notna() & (p["status"].astype(str) == "verified")).sum())

    part = _st(staff, comps[comps["competency_id"] != source], LONDON)
    assert credited_in_area(full) > credited_in_area(part)
    lapsed = comps.assign(expires_on=pd.NaT)
    lapsed.loc[lapsed["competency_id"] == source, "expires_on"] = pd.Timestamp("2026-03-01")
    assert credited_in_area(_st(staff, lapsed, LONDON)) == credited_in_area(part)
    on_time = full[(full["staff_id"].astype(str) == "P6") & (full["credited_from"].astype(str) == source)]
    assert (on_time["status"].astype(str) == "verified").all()


def test_future_sign_off_is_not_verified_yet() -> None:
    staff, comps = team_of_five()
    later = comps.copy()
    later.loc[later["competency_id"] == "BTS-LEAD-CCS-01", "signed_off_on"] = "2026-09-01"
    st = _st(staff, later)
    row = st[st["competency_id"].astype(str) == "BTS-LEAD-CCS-01"]
    assert row["status"].astype(str).tolist() == ["self_assessed"]


def test_life_support_counts_once() -> None:
    staff, comps = team_of_five()
    comps = pd.concat([comps, pd.DataFrame([_record("A4", "XC-10")])], ignore_index=True)
    st = coverage.statuses(staff, comps, BTS, AS_OF)
    a4 = st[st["staff_id"].astype(str) == "A4"]
    life = a4[a4["skill"].astype(str) == "basic_life_support"]
    assert len(life) == 1
    assert life["status"].astype(str).tolist() == ["verified"]
    assert life["expires_on"].iloc[0] == pd.Timestamp("2027-01-10")  # one renewal: 12 months


def test_judged_at_column_sets_the_level() -> None:
    staff, comps = team_of_five()
    st = _st(staff.assign(judged_at=[None, None, None, "Clinical/Operational Lead", None]), comps)
    assert set(st.loc[st["staff_id"].astype(str) == "S7", "level_id"].astype(str)) == {"lead"}


# ---- properties ---------------------------------------------------------------------------------

_POOL = [c for lv in ("band4", "band5", "band6", "band7") for c in _ids(lv)]


@hs.composite
def teams(draw: hs.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = draw(hs.integers(2, 5))
    bands = draw(hs.lists(hs.sampled_from(["4", "5", "6", "7"]), min_size=n, max_size=n))
    wte = draw(hs.lists(hs.sampled_from([0.4, 0.6, 1.0]), min_size=n, max_size=n))
    staff = pd.DataFrame(
        {"staff_id": [f"T{i}" for i in range(n)], "band": bands, "wte": wte, "registration": "statutory"}
    )
    rows = []
    for i in range(n):
        picked = draw(hs.lists(hs.sampled_from(_POOL), max_size=25, unique=True))
        for cid in picked:
            rows.append(_record(f"T{i}", cid, signed=draw(hs.sampled_from(["2026-01-10", None]))))
    comps = pd.DataFrame(rows, columns=list(_record("x", "y")))
    return staff, comps


@SETTINGS
@given(teams(), hs.sampled_from([BTS, LONDON]))
def test_crediting_never_lowers_anyone(team, fw) -> None:
    staff, comps = team
    with_credit = _st(staff, comps, fw)
    without = _st(staff, comps, fw, credit_areas=False)
    a = with_credit.groupby("staff_id", observed=True)["status"].apply(lambda s: (s == "verified").sum())
    b = without.groupby("staff_id", observed=True)["status"].apply(lambda s: (s == "verified").sum())
    assert (a.reindex(b.index) >= b).all()


@SETTINGS
@given(teams(), hs.integers(0, 4))
def test_removing_a_person_never_raises_holders_or_lowers_risk(team, pick) -> None:
    staff, comps = team
    gone = str(staff["staff_id"].iloc[pick % len(staff)])
    before_st = _st(staff, comps)
    after_st = _st(staff[staff["staff_id"] != gone], comps[comps["staff_id"] != gone])
    before = single_points_of_failure(before_st, skills_only=True)
    after = single_points_of_failure(after_st, skills_only=True).reindex(before.index)
    after_holders = after["holders"].fillna(0)
    assert (after_holders <= before["holders"]).all()
    universe = set(before.index)

    def risk(st: pd.DataFrame, table: pd.DataFrame) -> int:
        spof = single_points_of_failure(st)
        at_risk = {k for k in table.index[table["holders_now"].fillna(0) >= 1]}
        uncovered = universe - at_risk
        keys = (
            set(
                st.drop_duplicates("competency_id")
                .set_index("competency_id")["skill"]
                .astype(str)
                .loc[[c for c in spof["competency_id"]]]
            )
            if len(spof)
            else set()
        )
        return len(keys & universe) + len(uncovered)

    assert risk(after_st, after) >= risk(before_st, before)


def test_registration_not_recorded_is_its_own_state() -> None:
    from planner.captions.skillmix import registered_caption
    from planner.skillmix.mix import registered_share, supervision_ratio

    staff, _ = team_of_five()
    blank = staff.assign(registration="none", registration_body=None)
    share = registered_share(blank)
    assert share["recorded"] is False
    assert share["share"] is None and share["registered_gap_wte"] is None
    assert supervision_ratio(blank) is None
    assert "not recorded" in registered_caption(share)
    recorded = registered_share(staff.assign(registration_body=["HCPC", "NMC", None, "HCPC", "HCPC"]))
    assert recorded["recorded"] is True and abs(recorded["share"] - 3.4 / 4.4) < 1e-9


def test_roster_judged_at_and_leaving_date_columns_are_read() -> None:
    from planner.coverage.spof import leaving_dates
    from planner.ingest.read import read_roster
    from planner.reference.catalogue import load_catalogue

    text = (
        "Staff ID,Band,WTE,Function,Registration body,Framework level,Leaving date\n"
        "S1,Band 7,1.0,Delivering and managing PR,HCPC,Band 7,31/01/2027\n"
        "S2,Band 6,0.6,Delivering PR,NMC,,\n"
    )
    read = read_roster(text.encode(), "r.csv", catalogue=load_catalogue())
    assert read.staff.set_index("staff_id").loc["S1", "judged_at"] == "Band 7"
    assert leaving_dates(read.staff) == {"S1": date(2027, 1, 31)}
    levels = coverage.person_levels(read.staff, BTS).set_index("staff_id")
    # Without the column a "Delivering and managing" band 7 is judged at lead level.
    assert levels.loc["S1", "level_id"] == "band7" and levels.loc["S1", "assigned_by"] == "judged_at"
    assert levels.loc["S2", "level_id"] == "band6"


def test_records_at_another_level_raise_a_warning_naming_the_person() -> None:
    from planner.coverage.checks import level_warnings

    staff, comps = team_of_five()
    staff = staff.assign(
        function=["delivering", "delivering", "supporting", "delivering_managing", "leading"]
    )
    s7 = pd.DataFrame([_record("S7", c) for c in _ids("band7")])
    warn = level_warnings(staff, pd.concat([comps, s7], ignore_index=True), BTS)
    assert warn["code"].tolist() == ["judged_level_mismatch"]
    assert (
        warn["message"]
        .iloc[0]
        .startswith("S7: most records are at Band 7, but judged at Clinical/Operational Lead")
    )


def test_mandatory_topics_renew_and_a_trust_can_override(tmp_path) -> None:
    import pytest as _pytest

    from planner.reference.errors import ReferenceDataError
    from planner.reference.frameworks import apply_renewal_overrides, load_all

    xc = frameworks.get("cross_cutting").competencies.set_index("competency_id")["renewal_months"]
    assert xc.notna().all() and xc["XC-08"] == 12 and xc["XC-12"] == 36  # none never expires
    path = tmp_path / "renewal_overrides.yaml"
    path.write_text("overrides: {XC-04: 12}\n", encoding="utf-8")
    mine = apply_renewal_overrides(dict(load_all()), path)["cross_cutting"]
    assert mine.competencies.set_index("competency_id").loc["XC-04", "renewal_months"] == 12
    path.write_text("overrides: {XC-99: 12, XC-04: 0}\n", encoding="utf-8")
    with _pytest.raises(ReferenceDataError) as err:
        apply_renewal_overrides(dict(load_all()), path)
    assert len(err.value.problems) == 2


def test_aed_rule_counts_life_support_held_as_any_statement_of_the_skill() -> None:
    staff, comps = team_of_five()
    extra = [_record("A4", "BTS-B4-KTE-07"), _record("L8", "XC-01"), _record("P6", "XC-10")]
    comps = pd.concat([comps, pd.DataFrame(extra)], ignore_index=True)
    xc = frameworks.get("cross_cutting")
    st = coverage.statuses(staff, comps, BTS, AS_OF, cross_cutting=xc)
    cap = coverage.team_capability(st, BTS, xc, staff=staff).set_index("rule_id")
    assert cap.loc["TR-01", "who"] == ["A4", "L8", "P6"]


def test_registration_inferred_from_profession_only_when_asked() -> None:
    from planner.captions.skillmix import registered_caption
    from planner.skillmix.mix import registered_share

    staff, _ = team_of_five()
    blank = staff.assign(registration="none", registration_body=None)
    blank["profession"] = blank["profession"].replace(
        {"Respiratory nurse": "Nurse"}
    )  # as the ingest names it
    assert registered_share(blank)["share"] is None  # never silently inferred
    share = registered_share(blank, infer_from_profession=True)
    assert share["recorded"] is False and share["inferred"] is True
    assert abs(share["share"] - 3.4 / 4.4) < 1e-9  # physios and the nurse, not the assistant
    assert "inferred from profession" in registered_caption(share)


def test_a_registration_route_held_by_one_person_is_not_a_team_risk() -> None:
    staff, comps = team_of_five()
    staff = pd.concat(
        [staff, pd.DataFrame({"staff_id": ["C5"], "band": ["5"], "wte": [0.4], "function": ["delivering"],
                              "profession": ["Clinical exercise physiologist"], "registration": ["accredited"]})],
        ignore_index=True,
    )  # fmt: skip
    comps = pd.concat([comps, pd.DataFrame([_record("C5", "BTS-B5-QUAL-02")])], ignore_index=True)
    st = _st(staff, comps)
    c5 = st[(st["staff_id"].astype(str) == "C5") & st["one_of"].notna()]
    assert c5["status"].astype(str).tolist() == ["verified"]  # the BSc route meets band 5's group
    spof = single_points_of_failure(st)
    assert not spof["competency_ids"].map(lambda ids: "BTS-B5-QUAL-02" in ids).any()
