"""Review of issue 16 (service types): each type is judged by its own rules, in its own words."""

from __future__ import annotations

import json
from datetime import date

import pytest

from planner import samples
from planner.cli import main
from planner.reference import service_types

pytestmark = pytest.mark.unit

AS_OF = "2026-11-01"
PR_RULE = "AED-competent"


def _sample(name: str) -> str:
    return str(samples.SAMPLES_DIR / name)


def test_only_pr_carries_the_cross_cutting_requirements() -> None:
    assert {t: s.cross_cutting for t, s in service_types.load_service_types().items()} == {
        "pr": True,
        "homecare": False,
        "pcn": False,
    }
    assert service_types.cross_cutting_applies("bts")
    assert service_types.cross_cutting_applies("london_pr")
    assert not service_types.cross_cutting_applies("homecare")
    assert not service_types.cross_cutting_applies("primary_care")


@pytest.mark.parametrize("name", ["sample_pcn.xlsx", "sample_homecare.xlsx"])
def test_homecare_and_pcn_coverage_carry_no_pr_rules(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", _sample(name), "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert PR_RULE not in out and "per class" not in out and "life-support-current" not in out
    assert "Team capability: No team capability rules apply to this framework." in out
    assert "(primary_care)" not in out and "(homecare)" not in out
    assert main(["coverage", _sample(name), "--as-of", AS_OF, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["team_capability"] == []
    assert {r["domain_id"] for r in data["by_domain"] if r["required"]} <= {"nursing_tasks", "common"}


def test_pr_coverage_still_carries_its_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", _sample("sample_team.xlsx"), "--as-of", AS_OF, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rules = " ".join(r["rule"] for r in data["team_capability"])
    assert PR_RULE in rules and "two life-support-current staff" in rules
    assert any(r["domain_id"] == "resuscitation" and r["required"] for r in data["by_domain"])


def test_pcn_coverage_says_who_is_seen_by_role(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", _sample("sample_pcn.xlsx"), "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2] == (
        "12 people are seen by their ARRS role only: the framework's task table describes the nursing "
        "roles (health care assistant, nursing associate, practice nurse), so no competency is asked of "
        "them here."
    )
    assert "have no level" not in out and "cross-cutting" not in out


def test_pcn_pack_docx_carries_no_pr_rule() -> None:
    import io
    import zipfile

    from planner.ingest.read import read_roster
    from planner.pack.service_pack import build_service_pack
    from planner.reference.catalogue import load_catalogue
    from planner.skillmix.arrs import ArrsInputs

    as_of = date(2026, 11, 1)
    with open(_sample("sample_pcn.xlsx"), "rb") as fh:
        roster = read_roster(fh.read(), "sample_pcn.xlsx", catalogue=load_catalogue())
    pack = build_service_pack(roster, "pcn", as_of=as_of, arrs=ArrsInputs(60_000, None, {}, as_of))
    docx = zipfile.ZipFile(io.BytesIO(zipfile.ZipFile(io.BytesIO(pack.data)).read("business_case.docx")))
    text = docx.read("word/document.xml").decode()
    assert PR_RULE not in text and "life-support-current" not in text
    assert "Resuscitation" not in text


def test_homecare_skillmix_by_career_level_actual_pay_first(capsys: pytest.CaptureFixture[str]) -> None:
    hc = _sample("sample_homecare.xlsx")
    assert main(["skillmix", hc, "--service-type", "homecare"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("The team costs £704,178 a year from the actual pay in the roster")
    assert (
        lines[1] == "2 people’s career level was inferred from their band: record a Career level to set it."
    )
    assert "career level" in lines[3] and "Band" not in out
    assert "target of" not in out and "no target mix is set" in out
    assert "For comparison, AfC mid pay points of the team's bands (a comparison, not the team's pay)" in out
    assert main(["skillmix", hc, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["registered_share"]["target"] is None and "target_mix" not in data
    assert data["by_career_level"][0]["career_level"] == "Supportive Level Practice"
    assert sum(r["people"] for r in data["by_career_level"]) == 19
    assert data["actual_pay_cost"] == pytest.approx(
        sum(r["annual_cost"] for r in data["by_career_level"]), abs=3
    )
    assert data["actual_pay_cost"] > data["afc_comparison"]["total"] > 0


def test_homecare_coverage_by_career_level_and_inferred(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", _sample("sample_homecare.xlsx"), "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert "By band" not in out and "By career level: Coverage is lowest in" in out
    assert "2 people’s career level was inferred from their band" in out
    assert main(["coverage", _sample("sample_homecare.xlsx"), "--as-of", AS_OF, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["label"] for r in data["by_level"]][-1] == "Advanced Level Practice"
    assert sum(r["people"] for r in data["by_level"]) == 19


def test_arrs_on_a_roster_with_no_arrs_role_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["arrs", _sample("sample_team.xlsx"), "--weighted-population", "50000"]) == 2
    cap = capsys.readouterr()
    assert cap.out == ""
    assert cap.err.startswith("No row has an ARRS role the planner recognises")
    assert "is this a PCN roster?" in cap.err
    assert "DataFrame" not in cap.err and "Columns" not in cap.err


def _pcn_csv(tmp_path) -> str:  # type: ignore[no-untyped-def]
    import pandas as pd

    path = tmp_path / "pcn.csv"
    pd.DataFrame(
        {"Staff ID": ["A1", "A2", "A3", "A4"], "Service type": ["Primary care (PCN)"] * 4,
         "Role": ["Clinical pharmacist", "Care coordinator", "Clinical pharmacsit", "Paramedic"],
         "Band": ["Band 7", "Band 4", "Band 7", "Band 7"], "WTE": [1.0, 0, 1.0, 1.0],
         "Annual salary": [50000, 26000, 50000, -30000]}
    ).to_csv(path, index=False)  # fmt: skip
    return str(path)


def test_arrs_reports_row_problems_and_cost_basis(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    args = ["arrs", _pcn_csv(tmp_path), "--weighted-population", "50000", "--as-of", "2025-06-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Sheet pcn, row 3: WTE '0.0' is outside (0, 1.5]" in out and "(row left out)" in out
    assert "Sheet pcn, row 4: Role 'Clinical pharmacsit' is not one the planner knows" in out
    assert "did you mean Clinical pharmacist?" in out
    assert "Sheet pcn, row 5: the annual salary is not an amount between £1,000 and £500,000" in out
    assert "A2" not in out and "A3" not in out  # nobody identified
    assert "-30000" not in out and "-30,000" not in out
    assert "1 row(s) (row 4) have no ARRS role" in out
    assert "Cost basis" in out and "AfC Band 7 mid-point, no salary given (fallback)" in out
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    basis = {r["role"]: r["cost_basis"] for r in data["roles"]}
    assert basis == {
        "Clinical pharmacist": "actual salary",
        "Paramedic": "AfC Band 7 mid-point, no salary given (fallback)",
    }
    assert [p["cost_basis"] for p in data["posts"]] == [
        "actual salary",
        "AfC Band 7 mid-point, no salary given (fallback)",
    ]
    assert len(data["roster_problems"]) == 3


def test_nearest_role() -> None:
    from planner.views.arrs import nearest_role

    assert nearest_role("Clinical pharmacsit") == "Clinical pharmacist"
    assert nearest_role("Paramedik") == "Paramedic"
    assert nearest_role("Astronaut") is None


def test_arrs_columns_name_the_scheme_year_and_flag_posts_outside_it() -> None:
    import pandas as pd

    from planner.skillmix.arrs import ArrsInputs
    from planner.views.arrs import arrs_view

    staff = pd.DataFrame(
        {"staff_id": ["1", "2"], "arrs_role": ["clinical_pharmacist", "paramedic"], "wte": [1.0, 1.0],
         "salary": [50000.0, 48000.0], "band": ["7", "7"],
         "start_date": [pd.Timestamp("2024-01-01"), pd.Timestamp("2026-06-01")], "leaving_date": [pd.NaT, pd.NaT],
         "role": [None, None], "name": ["a", "b"], "row": [2, 3]}
    )  # fmt: skip
    view = arrs_view(staff, ArrsInputs(50_000, None, {}, date(2026, 1, 10)), names=False)
    assert "Cost in 2025/26" in view.roles.columns and "Claimable in 2025/26" in view.roles.columns
    assert "Cost this year" not in view.roles.columns
    para = view.roles.set_index("Role").loc["Paramedic", "Cost in 2025/26"]
    assert para == "£0"
    assert (
        "1 post(s) (Paramedic) have no months in post in 2025/26 (1 April 2025 to 31 March 2026): they start "
        "after it ends or leave before it begins, so they cost and claim nothing in this scheme year."
    ) in view.result.warnings


def test_pcn_pack_lists_only_its_sources_in_words() -> None:
    import io
    import re
    import zipfile

    import docx

    from planner.ingest.read import read_roster
    from planner.pack.service_pack import build_service_pack, type_sources
    from planner.reference.catalogue import load_catalogue
    from planner.skillmix.arrs import ArrsInputs

    as_of = date(2026, 1, 15)
    with open(_sample("sample_pcn.xlsx"), "rb") as fh:
        roster = read_roster(fh.read(), "sample_pcn.xlsx", catalogue=load_catalogue())
    pack = build_service_pack(roster, "pcn", as_of=as_of, arrs=ArrsInputs(50_000, None, {}, as_of))
    with zipfile.ZipFile(io.BytesIO(pack.data)) as z:
        paragraphs = [p.text for p in docx.Document(io.BytesIO(z.read("business_case.docx"))).paragraphs]
    sources = paragraphs[paragraphs.index("Sources") + 1 :]
    text = "\n".join(sources)
    assert not re.search(r"\b[0-9a-f]{12}\b", text)  # no file hashes
    assert "BTS" not in text and "London" not in text and "cross-cutting" not in text.casefold()
    assert "homecare" not in text.casefold() and "data/" not in text
    assert sources[0] == "Framework: New roles in Primary Care (i3 Ladywood Primary Care Network)."
    assert any("Network Contract DES specification 2025/26, section 10.5.4 and Table 2" in s for s in sources)
    assert type_sources("homecare")[0].startswith(
        "Framework: Clinical Homecare Career and Competence Framework"
    )
    assert not any("ARRS" in s for s in type_sources("homecare"))


def test_envelope_source_names_the_primary_source_beside_the_news() -> None:
    import pandas as pd

    from planner.skillmix.arrs import POST_COLUMNS, ArrsInputs, envelope

    r = envelope(ArrsInputs(50_000), pd.DataFrame(columns=list(POST_COLUMNS)))
    assert r.sources["envelope"] == (
        "Pulse: consultant nurses added to ARRS in new network contract (2025/26) "
        "(https://pulsetoday.co.uk/pulse-pcn/consultant-nurses-added-to-arrs-in-new-network-contract); "
        "primary source: NHS England: Network Contract DES specification 2025/26, section 10.5.4 and "
        "Table 2 (the primary source; named in the domain research, not read)"
    )


def test_coverage_view_by_career_level_for_homecare_only() -> None:
    from planner.ingest.read import read_roster
    from planner.reference.catalogue import load_catalogue
    from planner.views.coverage import coverage_view

    with open(_sample("sample_homecare.xlsx"), "rb") as fh:
        hc = read_roster(fh.read(), "hc.xlsx", catalogue=load_catalogue())
    view = coverage_view(hc.staff, hc.competencies, "homecare", date(2026, 11, 1))
    assert view.level_noun == "career level" and view.by_level is not None
    assert view.by_level.columns.tolist() == [
        "Career level",
        "People",
        "WTE",
        "Required",
        "Verified",
        "Coverage",
    ]
    assert view.by_level["Career level"].iloc[0] == "Supportive Level Practice"
    assert int(view.by_level["People"].sum()) == 19
    assert view.captions["by_level"].startswith("Coverage is lowest in")
    assert view.capability.empty
    with open(_sample("sample_team.xlsx"), "rb") as fh:
        team = read_roster(fh.read(), "team.xlsx", catalogue=load_catalogue())
    pr_view = coverage_view(team.staff, team.competencies, "bts", date(2026, 11, 1))
    assert pr_view.by_level is None and "by_level" not in pr_view.captions
