"""Service types (issue 16): the types, their words, a roster's type, the samples and templates,
who can do what (the nursing task matrix as it stands) and the homecare frame."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from planner import sample_kinds, samples
from planner.coverage.tasks import task_rows, who_can_do_what
from planner.ingest import kind_template
from planner.ingest.read import read_roster
from planner.ingest.service_type import team_type
from planner.reference import frameworks, service_types
from planner.reference.catalogue import load_catalogue
from planner.reference.errors import ReferenceDataError
from planner.skillmix.paycost import actual_pay_cost
from planner.views.homecare import homecare_view, level_descriptors
from planner.vocab import parse_service_type

pytestmark = pytest.mark.unit


def test_each_type_picks_its_framework_levels_and_words() -> None:
    types = service_types.load_service_types()
    assert {t: (s.framework, s.level_basis) for t, s in types.items()} == {
        "pr": ("bts", "band"),
        "homecare": ("homecare", "career_level"),
        "pcn": ("primary_care", "role"),
    }
    assert service_types.words("pcn")["levels"] == "ARRS roles"
    assert service_types.words("homecare")["levels"] == "career levels"
    assert "NRAP" not in " ".join(service_types.words("pcn").values())
    assert "envelope" in service_types.words("pcn")["pack_headline"]


def test_the_file_is_checked() -> None:
    with pytest.raises(ReferenceDataError) as err:
        service_types.parse_service_types({"types": {"pr": {"label": "PR"}}})
    assert "types.homecare: missing" in err.value.problems


@pytest.mark.parametrize(
    ("text", "type_id"),
    [("Clinical homecare", "homecare"), ("PCN", "pcn"), ("Primary care (PCN)", "pcn"),
     ("pulmonary rehabilitation", "pr"), ("bakery", None)],
)  # fmt: skip
def test_service_type_as_written(text: str, type_id: str | None) -> None:
    assert parse_service_type(text) == type_id


def test_team_type_from_the_roster_or_chosen() -> None:
    staff = pd.DataFrame({"service_type": ["pcn", "pcn", "homecare", None]})
    assert team_type(staff) == ("pcn", "Primary care (PCN), the type most rows of the roster give (2 of 3)")
    assert team_type(staff, "Clinical homecare")[0] == "homecare"
    assert team_type(pd.DataFrame({"service_type": [None]}))[0] == "pr"
    with pytest.raises(ValueError, match="not known"):
        team_type(staff, "bakery")


def _read(sample: sample_kinds.Sample):
    return read_roster(samples.to_xlsx(sample), "t.xlsx", catalogue=load_catalogue())


def test_the_homecare_sample_reads_clean_across_five_levels() -> None:
    sample = sample_kinds.generate_homecare(7)
    assert sample_kinds.generate_homecare(7).staff.equals(sample.staff)  # seeded
    read = _read(sample)
    assert len(read.staff) == 19 and read.rows["reported"] == 0
    assert team_type(read.staff)[0] == "homecare"
    view = homecare_view(read.staff, names=False)
    assert view.by_level["Career level"].tolist() == list(level_descriptors()["Career level"])
    assert (
        view.inferred
        == "2 people’s career level was inferred from their band: record a Career level to set it."
    )
    assert (view.levels["How it was set"].str.startswith("inferred from Band")).sum() == 2
    assert "1 post(s) with no pay are costed at the AfC mid-point" in view.cost_caption


def test_the_pcn_sample_reads_its_roles_and_pay() -> None:
    read = _read(sample_kinds.generate_pcn(7))
    staff = read.staff
    assert len(staff) == 18 and team_type(staff)[0] == "pcn"
    assert staff["arrs_role"].notna().all()
    assert staff["practice"].nunique() == 3
    nurses = staff.set_index("arrs_role")["role"]
    assert nurses["nursing_associate"] == "nursing_associate"
    assert set(nurses["healthcare_support_worker"]) == {"hca"}
    assert not read.issues["code"].eq("value_unknown").any()  # ARRS roles are not "unknown roles"


def test_committed_samples_match_the_generators() -> None:
    for kind, gen in (("homecare", sample_kinds.generate_homecare), ("pcn", sample_kinds.generate_pcn)):
        committed = pd.read_excel(
            io.BytesIO((samples.SAMPLES_DIR / f"sample_{kind}.xlsx").read_bytes()), sheet_name="Staff"
        )
        assert committed["Staff ID"].tolist() == gen(7).staff["Staff ID"].tolist()
    assert sample_kinds.RECORD_COLUMNS == samples.RECORD_COLUMNS


@pytest.mark.parametrize("kind", ["homecare", "pcn"])
def test_templates_and_dictionaries(kind: str) -> None:
    dd = kind_template.dictionary_frame(kind)
    staff_cols = list(
        pd.read_excel(
            io.BytesIO(kind_template.template_bytes(kind)), sheet_name="Staff", engine="openpyxl"
        ).columns
    )
    assert staff_cols == list(dd.loc[dd["Sheet"] == "Staff", "Field"])
    assert "Annual salary" in staff_cols
    committed = pd.read_csv(samples.SAMPLES_DIR / f"data_dictionary_{kind}.csv")
    assert committed.equals(dd)


def test_task_matrix_fidelity_as_it_stands() -> None:
    """The booklet's 16 nursing tasks (seed 003 lines 133-148) and a few cells, as encoded today."""
    rows = task_rows(frameworks.get("primary_care")).set_index("competency_id")
    assert len(rows) == 16 and rows.index[0] == "PC-NUR-01"
    assert rows.loc["PC-NUR-01", ["hca_class", "nursing_associate_class", "practice_nurse_class"]].tolist() == [
        "no", "yes", "yes"
    ]  # fmt: skip
    assert rows.loc["PC-NUR-02", "hca_text"] == "No only IM working under PSD"
    assert rows.loc["PC-NUR-03", "nursing_associate_class"] == "partial"
    assert (rows["practice_nurse_class"] != "no").all()


def test_who_can_do_what_and_where_only_one_can() -> None:
    staff = pd.DataFrame({"staff_id": ["1", "2"], "name": ["Ann", "Bo"], "role": ["practice_nurse", "hca"]})
    table = who_can_do_what(staff, frameworks.get("primary_care")).set_index("competency_id")
    assert table.loc["PC-NUR-01", "can"] == "Ann" and bool(table.loc["PC-NUR-01", "only_one"])
    assert table.loc["PC-NUR-02", "partly"] == "Bo" and table.loc["PC-NUR-02", "people"] == 2
    assert "Health Care Assistant: No only IM working under PSD" in table.loc["PC-NUR-02", "conditions"]
    by_id = who_can_do_what(staff, frameworks.get("primary_care"), names=False)
    assert by_id["can"].iloc[0] == "1"
    counted = who_can_do_what(staff, frameworks.get("primary_care"), aggregate=True).set_index(
        "competency_id"
    )
    assert counted.loc["PC-NUR-02", "can"] == "Practice Nurse × 1"
    assert counted.loc["PC-NUR-02", "partly"] == "Health Care Assistant × 1"
    assert counted.loc["PC-NUR-02", "people"] == 2


def test_homecare_levels_as_they_stand() -> None:
    d = level_descriptors()
    assert d["Career level"].str.split().str[0].tolist() == [
        "Supportive",
        "Associate",
        "Autonomous",
        "Enhanced",
        "Advanced",
    ]
    assert "Homecare Pharmacy Technician" in d.loc[2, "Indicative roles"]
    assert len(frameworks.get("homecare").competencies) == 23


def test_actual_pay_first_afc_labelled() -> None:
    """1.0 WTE on £30,000: 30,000 + 0.15 × 25,000 (3,750) + 0.1438 × 30,000 (4,314) = £38,064."""
    staff = pd.DataFrame(
        {"staff_id": ["a", "b"], "band": ["5", "5"], "wte": [1.0, 1.0], "salary": [30000.0, None]}
    )
    cost = actual_pay_cost(staff)
    assert cost["annual_cost"].iloc[0] == pytest.approx(38_064)
    assert cost["basis"].tolist() == ["actual pay", "AfC Band 5 mid-point (no pay given)"]


def test_a_non_nursing_arrs_role_is_not_guessed_into_a_nursing_level() -> None:
    from planner.reference.levels import person_levels

    staff = pd.DataFrame(
        {"staff_id": ["1", "2", "3"], "band": ["7", "6", "6"], "wte": [1.0] * 3,
         "role": [None, "practice_nurse", None], "arrs_role": ["clinical_pharmacist", "experienced_practice_nurse", None]}
    )  # fmt: skip
    out = person_levels(staff, frameworks.get("primary_care"))
    assert pd.isna(out.loc[0, "level_id"])
    assert out.loc[0, "reason"] == "their ARRS role is not one of the nursing roles this framework describes"
    assert out["level_id"].tolist()[1:] == [
        "practice_nurse",
        "practice_nurse",
    ]  # no ARRS role: band rule as before


def test_cli_service_type_picks_the_framework(capsys: pytest.CaptureFixture[str]) -> None:
    from planner.cli import main

    hc = str(samples.SAMPLES_DIR / "sample_homecare.xlsx")
    assert main(["coverage", hc, "--as-of", "2026-11-01"]) == 0
    assert capsys.readouterr().out.startswith("Clinical Homecare Career and Competence Framework, as of")
    assert main(["coverage", hc, "--as-of", "2026-11-01", "--service-type", "pr"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(frameworks.get("bts").title + ", as of")
    assert main(["skillmix", hc, "--json"]) == 0
    import json

    out = json.loads(capsys.readouterr().out)
    assert out["service_type"] == "homecare" and out["posts_costed_at_afc_fallback"] == 1


def test_the_engine_runs_for_a_homecare_team() -> None:
    """Coverage of the 23 common competences by career level, single points of failure, development plans."""
    from datetime import date

    from planner.views.coverage import coverage_view
    from planner.views.people import person_view

    read = _read(sample_kinds.generate_homecare(7))
    view = coverage_view(read.staff, read.competencies, "homecare", date(2026, 11, 1))
    assert set(view.statuses["competency_id"]) >= {f"HC-{i:02d}" for i in range(1, 24)}
    assert {"supportive", "advanced"} <= set(view.statuses["level_id"].dropna())
    assert "spof" in view.captions and isinstance(view.spof, pd.DataFrame)
    plan = person_view(read.staff, read.competencies, "homecare", "SYN30002", date(2026, 11, 1))
    assert "Judged at Supportive Level Practice" in plan["judged_at"] and len(plan["plan"]) > 0


def test_the_services_sheet_sets_each_services_type() -> None:
    """A region's Services sheet with a Service type column types the staff of each service."""
    from planner.expansion.defaults import load_defaults
    from planner.ingest.services import read_services

    staff = pd.DataFrame({"Staff ID": ["1", "2", "3"], "Service": ["North", "South", "South"],
                          "Band": ["Band 5"] * 3, "WTE": [1.0] * 3,
                          "Service type": [None, None, "Primary care (PCN)"]})  # fmt: skip
    services = pd.DataFrame({"Service": ["North", "South"], "Population": [100_000, 80_000],
                             "Service type": ["Clinical homecare", "PCN"]})  # fmt: skip
    buf = io.BytesIO()
    with pd.ExcelWriter(buf) as xw:
        staff.to_excel(xw, sheet_name="Staff", index=False)
        services.to_excel(xw, sheet_name="Services", index=False)
    read = read_roster(buf.getvalue(), "region.xlsx", catalogue=load_catalogue())
    assert read.staff["service_type"].tolist() == ["homecare", "pcn", "pcn"]
    assert (
        not read_services(buf.getvalue(), "region.xlsx", load_defaults(), in_roster=True)
        .issues["code"]
        .eq("services_column_unknown")
        .any()
    )
