"""``planner project`` on a roster of several services: modelled one by one, refused without populations."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from planner import samples
from planner.cli import main
from planner.paths import SAMPLES_DIR

pytestmark = pytest.mark.integration

REGION = SAMPLES_DIR / samples.SAMPLE_REGION_FILE
BASE = ["project", "--as-of", "2026-11-01", "--runs", "200", "--seed", "2"]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def bare_region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample region's staff with no Services sheet."""
    region = samples.generate_region(11)
    path = tmp_path_factory.mktemp("region") / "region_without_services.xlsx"
    path.write_bytes(samples.to_xlsx(samples.Sample(region.staff, region.records)))
    return path


def test_several_services_and_no_populations_is_refused_with_what_to_add(
    capsys: pytest.CaptureFixture[str], bare_region: Path
) -> None:
    code, out, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--json")
    assert code == 2 and out == ""
    assert "6 services" in err and "North Shore PR" in err
    assert "sheet named Services" in err and "Population (or Eligible population)" in err
    assert "--services FILE" in err and "--pooled" in err
    assert "Traceback" not in err


def test_the_sample_region_models_every_service_against_its_own_population(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, *BASE, "--roster", str(REGION), "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["schema_version", "scenario", "services", "region", "warnings"]
    sheet = samples.generate_region(11).services.set_index("Service")
    assert [s["service"] for s in data["services"]] == list(sheet.index)
    for s in data["services"]:
        assert s["parameters"]["population"]["value"] == int(sheet.loc[s["service"], "Population"])
        assert (
            s["parameters"]["waiting_list_now"]["value"]
            == sheet.loc[s["service"], "People waiting to start now"]
        )
        assert {"required_wte", "in_post_wte", "gap_wte", "waiting", "uncertainty", "costs"} <= set(s)
    region = data["region"]
    services = data["services"]
    for key in ("required_wte", "in_post_wte"):
        assert region[key]["total"] == pytest.approx(sum(s[key]["total"] for s in services), abs=1e-3)
    assert region["in_post_wte"]["total"] == pytest.approx(74.7, abs=0.05)  # every post, none pooled away
    assert region["gap_wte"]["total"] == pytest.approx(
        region["required_wte"]["total"] - region["in_post_wte"]["total"], abs=1e-3
    )
    assert region["gap_wte"]["shortfall_total"] == pytest.approx(
        sum(s["gap_wte"]["shortfall_total"] for s in services), abs=1e-3
    )
    assert region["funded_wte"]["total"] == pytest.approx(
        sum(s["establishment"]["funded_wte"]["total"] for s in services), abs=1e-3
    )
    assert region["annual_cost"]["total"] == pytest.approx(
        sum(s["annual_cost"]["total"] for s in services), abs=0.1
    )
    assert region["weekly_capacity"] == pytest.approx(
        sum(s["waiting"]["weekly_capacity"] for s in services), abs=1e-3
    )
    assert region["meeting_target"]["share"] == pytest.approx(
        region["meeting_target"]["services"] / 6, abs=1e-4
    )
    assert data["scenario"]["services_from"] == "Services sheet"


def test_a_services_file_replaces_the_sheet_and_its_problems_are_listed(
    capsys: pytest.CaptureFixture[str], bare_region: Path, tmp_path: Path
) -> None:
    good = tmp_path / "services.csv"
    names = [n for n, _ in samples.REGION_SERVICES]
    good.write_text(
        "Service,Population\n" + "".join(f"{n},{500_000 + 1000 * i}\n" for i, n in enumerate(names))
    )
    code, out, _ = run_cli(capsys, *BASE, "--roster", str(bare_region), "--services", str(good), "--json")
    assert code == 0
    data = json.loads(out)
    assert [s["parameters"]["population"]["value"] for s in data["services"]] == [
        500_000 + 1000 * i for i in range(6)
    ]
    assert data["scenario"]["services_from"] == "services.csv"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Service,Population\n" + "".join(f"{n.replace('Central', 'Centrl')},500000\n" for n in names)
    )
    code, out, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--services", str(bad))
    assert code == 2 and out == ""
    assert "row 7" in err and "Did you mean 'Central PR'?" in err
    assert "service 'Central PR' but the Services sheet has no row" in err


def test_pooled_keeps_the_pooled_model_and_says_so(
    capsys: pytest.CaptureFixture[str], bare_region: Path
) -> None:
    code, out, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--pooled", "--json")
    assert code == 0
    data = json.loads(out)
    assert "services" not in data and "region" not in data
    assert data["pooled"]["services"] == [n for n, _ in samples.REGION_SERVICES]
    assert "pooled as one service" in data["pooled"]["note"]
    assert data["pooled"]["note"] in data["warnings"] and "pooled as one service" in err
    assert data["in_post_wte"]["total"] == pytest.approx(74.7, abs=0.05)


def test_one_service_prints_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, *BASE, "--roster", str(SAMPLES_DIR / samples.SAMPLE_TEAM_FILE), "--json")
    assert code == 0
    data = json.loads(out)
    assert "services" not in data and "region" not in data and "pooled" not in data


def test_the_text_output_lists_every_service_and_the_region(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, *BASE, "--roster", str(REGION))
    assert code == 0
    for name, _ in samples.REGION_SERVICES:
        assert f"  {name}: " in out
    assert "Region: " in out and "of 6 services" in out
    assert "None" not in out and "nan" not in out


def test_sample_count_writes_n_services_with_their_services_sheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "eight.xlsx"
    code, out, _ = run_cli(capsys, "sample", "--region", "--count", "8", "--out", str(out_file))
    assert code == 0 and "in 8 service(s)" in out
    services = pd.read_excel(out_file, sheet_name="Services", engine="calamine")
    staff = pd.read_excel(out_file, sheet_name="Staff", engine="calamine")
    assert list(services["Service"]) == list(dict.fromkeys(staff["Service"]))
    assert len(services) == 8 and (services["Population"] > 0).all()
    assert services["Source"].str.startswith("Synthetic").all()
    code, _, _ = run_cli(capsys, "sample", "--count", "8", "--out", str(out_file))
    assert code == 2


def test_one_service_with_its_population_is_modelled_against_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    team = samples.generate_team(7)
    with_sheet = samples.Sample(
        team.staff, team.records, samples.region_services(team.staff, 1).assign(Population=400_000)
    )
    path = tmp_path / "team_with_population.xlsx"
    path.write_bytes(samples.to_xlsx(with_sheet))
    code, out, _ = run_cli(capsys, *BASE, "--roster", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert [s["service"] for s in data["services"]] == ["North Shore PR"]
    assert data["services"][0]["parameters"]["population"]["value"] == 400_000
    empty = samples.Sample(team.staff, team.records, samples.region_services(team.staff, 1).iloc[0:0])
    path.write_bytes(samples.to_xlsx(empty))  # the template's Services sheet, left empty
    code, out, _ = run_cli(capsys, *BASE, "--roster", str(path), "--json")
    assert code == 0 and "services" not in json.loads(out)


def test_pooled_and_services_together_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(
        capsys, *BASE, "--roster", str(REGION), "--pooled", "--services", str(tmp_path / "x.csv")
    )
    assert code == 2 and "give one of the two" in err


def test_a_services_file_that_is_missing_or_has_no_services_sheet_is_refused_in_words(
    capsys: pytest.CaptureFixture[str], bare_region: Path, tmp_path: Path
) -> None:
    code, out, err = run_cli(
        capsys, *BASE, "--roster", str(bare_region), "--services", str(tmp_path / "none.csv")
    )
    assert code == 2 and out == "" and "Services file not found" in err
    code, out, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--services", str(bare_region))
    assert code == 2 and out == "" and "no sheet named Services" in err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--services", str(empty))
    assert (
        code == 2
        and out == ""
        and "cannot be read" in err
        and ": empty" not in err
        and "Traceback" not in err
    )


def test_a_services_row_labels_the_values_it_sets_with_its_row_and_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(
        capsys, "project", "--as-of", "2026-11-01", "--runs", "0", "--roster", str(REGION), "--json"
    )
    assert code == 0
    data = json.loads(out)
    north = data["services"][0]
    assert north["service"] == "North Shore PR"
    population = north["parameters"]["population"]
    assert population["value"] == 1_117_000
    assert population["source"].startswith("Services sheet, row 2: Synthetic: a made-up population")
    assert "large place" not in population["source"] and "large place" not in population.get("assumption", "")
    waiting = north["parameters"]["waiting_list_now"]
    assert waiting["value"] == 90 and waiting["source"].startswith("Services sheet, row 2")
    assert "placeholder" not in json.dumps(waiting)
    central = data["services"][-1]["parameters"]["population"]
    assert central["value"] == 2_024_000 and central["source"].startswith("Services sheet, row 7")
    # a value the row leaves blank keeps the region's scenario and its source
    assert not north["parameters"]["referral_rate"]["source"].startswith("Services sheet")


def test_a_misspelt_column_is_refused_with_did_you_mean_and_names_match_any_case(
    capsys: pytest.CaptureFixture[str], bare_region: Path, tmp_path: Path
) -> None:
    names = [n for n, _ in samples.REGION_SERVICES]
    misspelt = tmp_path / "misspelt.csv"
    misspelt.write_text("Service,Population,Referal rate\n" + "".join(f"{n},500000,0.3\n" for n in names))
    code, out, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--services", str(misspelt))
    assert code == 2 and out == ""
    assert "1 problem stops the region being modelled" in err and "problem(s)" not in err
    assert "Column 'Referal rate'" in err and "Did you mean 'Referral rate now'?" in err
    assert err.count("\n- ") == 1 and "_" not in err.replace("services_", "")
    shouty = tmp_path / "shouty.csv"  # case and spacing do not matter in a service's name
    shouty.write_text(
        "Service,Population,Notes\n" + "".join(f"{n.upper()}  ,{500_000},from the ICB\n" for n in names)
    )
    code, out, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--services", str(shouty), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [s["service"] for s in data["services"]] == names
    assert all(s["in_post_wte"]["total"] > 0 for s in data["services"])  # the roster's staff were found
    not_a_sheet = tmp_path / "services.xlsx"
    not_a_sheet.write_bytes(b"not a spreadsheet at all")
    code, _, err = run_cli(capsys, *BASE, "--roster", str(bare_region), "--services", str(not_a_sheet))
    assert code == 2 and "refused" not in err and "not_spreadsheet" not in err and "cannot be read" in err


def test_the_refusal_names_the_template_s_column_labels(
    capsys: pytest.CaptureFixture[str], bare_region: Path
) -> None:
    code, _, err = run_cli(capsys, *BASE, "--roster", str(bare_region))
    assert code == 2
    assert "Patients per class" in err and "People waiting to start now" in err
    assert "class_size" not in err and "waiting_list_now" not in err
