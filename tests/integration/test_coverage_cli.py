"""``planner coverage`` and ``planner skillmix`` on the sample team: JSON keys, numbers, exit codes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from planner import coverage, samples
from planner.cli import main
from planner.ingest.read import read_roster
from planner.reference import frameworks
from planner.reference.catalogue import load_catalogue
from planner.skillmix import mix as skillmix

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.integration

SAMPLE = samples.SAMPLES_DIR / "sample_team.xlsx"
AS_OF = samples.SAMPLE_AS_OF.isoformat()


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_coverage_json_keys_and_figures(capsys) -> None:
    out = run_json(capsys, "coverage", str(SAMPLE), "--framework", "bts", "--as-of", AS_OF, "--json")
    assert list(out) == [
        "framework",
        "as_of",
        "staff",
        "overall",
        "by_band",
        "by_function",
        "by_domain",
        "team_capability",
        "single_points_of_failure",
        "expiring",
        "lapsed",
        "people",
    ]
    assert out["as_of"] == AS_OF and out["framework"]["id"] == "bts"
    assert list(out["overall"]) == [
        "required",
        "verified",
        "self_assessed",
        "expired",
        "in_progress",
        "missing",
        "coverage",
    ]
    roster = read_roster(*samples.sample_team_bytes(), catalogue=CATALOGUE)
    st = coverage.statuses(roster.staff, roster.competencies, frameworks.get("bts"), samples.SAMPLE_AS_OF)
    totals = coverage.overall(st)
    assert out["overall"]["required"] == totals["required"]
    assert out["overall"]["coverage"] == pytest.approx(totals["coverage"], abs=1e-4)
    assert [r["band"] for r in out["by_band"]][:3] == ["1", "2", "3"]
    assert sum(r["required"] for r in out["by_band"]) == totals["required"]
    assert {"rule_id", "met", "who"} <= set(out["team_capability"][0])
    spof = out["single_points_of_failure"]
    assert spof and all(
        {"competency_id", "competency_ids", "holders", "holders_wte", "severity", "closest", "kind"} <= set(r)
        for r in spof
    )
    assert all(
        r["competency_id"] == r["competency_ids"][0] and r["kind"] in ("skill", "band_only") for r in spof
    )
    assert all(r["holders_now"] >= 1 for r in spof) and len(spof) < 10
    people = {p["staff_id"]: p for p in out["people"]}
    assert set(people) == set(roster.staff["staff_id"])
    assert people["SYN10013"]["judged_at"] == "Band 6" and "band" in people["SYN10013"]["reason"]
    names = set(roster.staff["name"].dropna())
    assert not any(n in json.dumps(out) for n in names)  # staff by id only


def test_coverage_text_report(capsys) -> None:
    assert main(["coverage", str(SAMPLE), "--as-of", AS_OF]) == 0
    text = capsys.readouterr().out
    assert "required competencies verified" in text
    assert "Team capability:" in text and "Single points of failure:" in text


@pytest.mark.parametrize("framework_id", ["london", "homecare", "primary_care", "cross_cutting"])
def test_coverage_every_framework(capsys, framework_id: str) -> None:
    out = run_json(capsys, "coverage", str(SAMPLE), "--framework", framework_id, "--as-of", AS_OF, "--json")
    assert out["framework"]["id"] == framework_id
    assert 0 <= out["overall"]["coverage"] <= 1


def test_coverage_bad_framework_and_missing_file(capsys, tmp_path) -> None:
    assert main(["coverage", str(SAMPLE), "--framework", "nope"]) == 2
    assert "Known frameworks" in capsys.readouterr().err
    assert main(["coverage", str(tmp_path / "missing.xlsx")]) == 2
    assert "Cannot read" in capsys.readouterr().err


def test_skillmix_json(capsys) -> None:
    out = run_json(capsys, "skillmix", str(SAMPLE), "--json")
    assert list(out) == [
        "wte_by_band",
        "headcount_by_band",
        "wte_by_function",
        "registered_share",
        "supervision_ratio",
        "target_mix",
        "annual_cost",
    ]
    roster = read_roster(*samples.sample_team_bytes(), catalogue=CATALOGUE)
    assert sum(out["wte_by_band"].values()) == pytest.approx(roster.staff["wte"].sum())
    assert out["target_mix"]["registered"] == 600
    assert out["annual_cost"]["total"] == pytest.approx(
        skillmix.mix_cost(roster.staff)["annual_cost"].sum(), abs=0.01
    )


def test_skillmix_text(capsys) -> None:
    assert main(["skillmix", str(SAMPLE), "--pension", "full"]) == 0
    text = capsys.readouterr().out
    assert "23.78% full pension" in text and "against a target of 60%" in text


def test_coverage_json_lapsed_list_matches_the_expired_count(capsys) -> None:
    out = run_json(capsys, "coverage", str(SAMPLE), "--as-of", AS_OF, "--json")
    assert len(out["lapsed"]) == out["overall"]["expired"] > 0
    first = out["lapsed"][0]
    assert set(first) == {
        "staff_id",
        "band",
        "function",
        "competency_id",
        "text",
        "expires_on",
        "days_overdue",
    }
    dated = [r for r in out["lapsed"] if r["expires_on"]]
    assert all(
        r["days_overdue"] == (samples.SAMPLE_AS_OF - date.fromisoformat(r["expires_on"])).days > 0
        for r in dated
    )
    assert "whatif" not in out


def test_coverage_whatif_json(capsys) -> None:
    out = run_json(
        capsys,
        "coverage", str(SAMPLE), "--as-of", AS_OF, "--json",
        "--without", "SYN10004",
        "--move", "SYN10005:band=6",
        "--add", "band=5,function=delivering,wte=1.0",
        "--add", "band=4,function=supporting,wte=0.5",
    )  # fmt: skip
    w = out["whatif"]
    assert w["changes"] == [
        "SYN10004 leaves",
        "SYN10005 moves to Band 6",
        "New post: Band 5, Delivering PR, 1.00 WTE",
        "New post: Band 4, Supporting PR, 0.50 WTE",
    ]
    assert w["today"]["people"] == out["staff"]["people"] == 25
    assert w["what_if"]["people"] == 26
    assert w["what_if"]["wte"] == pytest.approx(w["today"]["wte"] + 1.5 - 1.0)  # SYN10004 works full time
    assert w["today"]["coverage"] == out["overall"]["coverage"]
    assert w["today"]["single_points_of_failure"]["count"] == len(out["single_points_of_failure"])
    assert w["what_if"]["verified"] < w["today"]["verified"]
    assert set(w["single_points_of_failure_new"]) <= set(
        w["what_if"]["single_points_of_failure"]["competency_ids"]
    )


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--without", "NOPE", "No one with staff ID 'NOPE'"),
        ("--move", "SYN10005", "a colon"),
        ("--add", "band=Bnad 5,function=delivering,wte=1", "not an Agenda for Change band"),
        ("--add", "band=5,function=delivering", "give its band, function and WTE"),
    ],
)
def test_coverage_whatif_bad_spec_exits_2_with_a_message(capsys, option: str, value: str, words: str) -> None:
    assert main(["coverage", str(SAMPLE), "--as-of", AS_OF, "--json", option, value]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and captured.out == ""
    assert "Traceback" not in captured.err


def test_coverage_whatif_text_report(capsys) -> None:
    assert main(["coverage", str(SAMPLE), "--as-of", AS_OF, "--without", "SYN10004"]) == 0
    out = capsys.readouterr().out
    assert "What-if (SYN10004 leaves): verified coverage" in out
    assert "Nothing is written back to the uploaded team." in out
    assert "Lapsed:" in out and "days overdue" in out


def test_validate_warns_on_future_dates(capsys, tmp_path) -> None:
    roster = tmp_path / "future.csv"
    roster.write_text(
        "Staff ID,Band,WTE,Function,Reference no.,Achieved? (yes / no) Self-assessment,"
        "Date of self-assessment,Signed off by,Date signed off\n"
        "S1,Band 6,1.0,Delivering PR,BTS-B6-CCS-01,Yes,01/01/2026,M. Lead,01/09/2027\n",
        encoding="utf-8",
    )
    # An unknown framework only skips the level check; the date warnings still come.
    for framework in ("bts", "nope"):
        main(["validate", str(roster), "--as-of", "2026-12-01", "--framework", framework, "--json"])
        issues = json.loads(capsys.readouterr().out)["issues"]
        future = [i for i in issues if "future" in i["code"]]
        assert len(future) == 1
        assert future[0]["severity"] == "warning" and future[0]["value"] == "01/09/2027"
        assert "BTS-B6-CCS-01" in future[0]["message"] and "01/12/2026" in future[0]["message"]


def test_validate_warns_when_registration_is_not_recorded(capsys, tmp_path) -> None:
    roster = tmp_path / "noreg.csv"
    roster.write_text(
        "Staff ID,Band,WTE,Function\nS1,Band 6,1.0,Delivering PR\nS2,Band 3,0.6,Supporting PR\n",
        encoding="utf-8",
    )
    main(["validate", str(roster), "--as-of", "2026-12-01", "--json"])
    codes = [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]]
    assert "registration_not_recorded" in codes
    out = run_json(capsys, "skillmix", str(roster), "--json")
    assert out["registered_share"]["share"] is None
    assert out["registered_share"]["recorded"] is False


def test_skillmix_infers_registration_only_when_asked(capsys, tmp_path) -> None:
    roster = tmp_path / "noreg.csv"
    roster.write_text(
        "Staff ID,Band,WTE,Function,Profession\nS1,Band 6,1.0,Delivering PR,Physiotherapist\n"
        "S2,Band 3,0.5,Supporting PR,Rehabilitation assistant\n",
        encoding="utf-8",
    )
    plain = run_json(capsys, "skillmix", str(roster), "--json")["registered_share"]
    assert plain["share"] is None and plain["inferred"] is False
    guessed = run_json(capsys, "skillmix", str(roster), "--infer-registration", "--json")["registered_share"]
    assert guessed["recorded"] is False and guessed["inferred"] is True
    assert guessed["share"] == pytest.approx(1 / 1.5, abs=1e-4)


def test_coverage_people_reasons_and_rules_in_words(capsys) -> None:
    out = run_json(capsys, "coverage", str(SAMPLE), "--framework", "bts", "--as-of", AS_OF, "--json")
    reasons = [p["reason"] for p in out["people"]]
    assert reasons and not any("seed" in r or ".." in r for r in reasons)
    assert main(["coverage", str(SAMPLE), "--framework", "bts", "--as-of", AS_OF]) == 0
    text = capsys.readouterr().out
    assert "life_support_per_class" not in text
    assert "At least two life-support-current staff for every class" in text


def _sample_without_registration(tmp_path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Staff"]
    headers = [c.value for c in ws[1]]
    ws.delete_cols(headers.index("Registration body") + 1)
    path = tmp_path / "no_registration.xlsx"
    wb.save(path)
    return str(path)


def test_validate_says_registration_not_recorded_without_the_column(capsys, tmp_path) -> None:
    path = _sample_without_registration(tmp_path)
    main(["validate", path, "--as-of", AS_OF, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["staff"] == 25 and out["wte_total"] == 16.5
    assert out["wte_registered"] is None and out["wte_accredited_register"] is None
    assert "registration_not_recorded" in [i["code"] for i in out["issues"]]
    main(["validate", path, "--as-of", AS_OF])
    text = capsys.readouterr().out
    assert "16.50 WTE (registration not recorded)" in text and "0.00 statutory" not in text
    assert "Warning (registration_not_recorded), registration body: Registration is not recorded" in text
    main(["validate", str(SAMPLE), "--as-of", AS_OF, "--json"])
    assert json.loads(capsys.readouterr().out)["wte_registered"] == 10.8


def test_validate_issue_rows_name_the_person_and_a_suggestion(capsys, tmp_path) -> None:
    roster = tmp_path / "typo.csv"
    roster.write_text(
        "Staff ID,Band,WTE,Function,Registration body\nS1,Band 6,1.0,Delivering PR,HCPC\n"
        "S2,Bnad 5,1.0,Delivering PR,NMC\n",
        encoding="utf-8",
    )
    main(["validate", str(roster), "--as-of", "2026-12-01", "--json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    band = next(i for i in issues if i["code"] == "band_unknown")
    assert band["staff_id"] == "S2" and band["suggestion"] == "Band 5" and band["row"] == 3
    assert list(band) == [
        "sheet",
        "row",
        "staff_id",
        "column",
        "value",
        "severity",
        "code",
        "message",
        "suggestion",
    ]


def test_validate_warnings_name_the_person_and_read_in_words(capsys, tmp_path) -> None:
    roster = tmp_path / "future.csv"
    roster.write_text(
        "Staff ID,Band,WTE,Function,Reference no.,Achieved? (yes / no) Self-assessment,"
        "Date of self-assessment,Signed off by,Date signed off\n"
        "S1,Band 6,1.0,Delivering PR,BTS-B6-CCS-01,Yes,01/01/2026,M. Lead,01/09/2027\n",
        encoding="utf-8",
    )
    main(["validate", str(roster), "--as-of", "2026-12-01", "--json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert all(i["row"] is None or type(i["row"]) is int for i in issues)
    future = next(i for i in issues if i["code"] == "signed_off_in_future")
    assert future["staff_id"] == "S1" and future["suggestion"] is None and future["column"] == "signed_off_on"
    assert type(future["row"]) is int
    main(["validate", str(roster), "--as-of", "2026-12-01"])
    text = capsys.readouterr().out
    assert "Warning (signed_off_in_future), date signed off: S1:" in text
    for snake in ("signed_off_on", "registration_body", "judged_at"):
        assert snake not in text


def test_validate_no_level_warning_for_a_person_judged_at_that_level_on_another_post(capsys) -> None:
    main(["validate", str(SAMPLE), "--as-of", AS_OF, "--json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert not [i for i in issues if i["code"] == "judged_level_mismatch" and "SYN10019" in i["message"]]
