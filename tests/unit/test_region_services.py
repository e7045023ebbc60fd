"""The Services sheet: populations and per-service values read, every problem listed with its row."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from planner import samples
from planner.expansion.defaults import load_defaults
from planner.expansion.region import check_override
from planner.ingest import template
from planner.ingest.read import read_roster
from planner.ingest.services import as_roster_spells, match_roster, read_services
from planner.reference.catalogue import load_catalogue

pytestmark = pytest.mark.unit

PARAMS = load_defaults()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "roster"


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def _read(text: str, name: str = "services.csv"):
    read = read_services(_csv(text), name, PARAMS, check_override)
    assert read is not None
    return read


def test_populations_and_overrides_by_label_or_name() -> None:
    read = _read(
        "Service,Population,Eligible population,Referral rate now,class_size,"
        "waiting_list_by_weeks.12-18,Source\n"
        "North,500000,,0.3,10,,made up\n"
        "South,,2500,,,4,made up\n"
    )
    assert read.issues.empty
    table = read.table
    assert list(table["service"]) == ["North", "South"]
    assert list(table["row"]) == [2, 3]
    assert read.overrides("North") == {"population": 500000, "referral_rate": 0.3, "class_size": 10}
    assert read.overrides("South") == {"eligible_population": 2500, "waiting_list_by_weeks.12-18": 4}
    assert "Source" not in table.columns  # the Source column is read as the row's notes
    assert list(table["notes"]) == ["made up", "made up"]


def test_every_problem_is_listed_with_its_row_and_column() -> None:
    read = _read(
        "Service,Population,Uptake (referrals who start PR),Refferal rate\n"
        "North,lots,,\n"
        "South,400000,1.7,\n"
        "East,,,\n"
        "South,300000,,\n"
        ",200000,,\n"
    )
    got = {
        (r["code"], r["row"] if r["row"] is not pd.NA else None, r["column"])
        for r in read.issues.to_dict("records")
    }
    assert ("services_column_unknown", 1, "Refferal rate") in got
    assert ("services_population_bad", 2, "Population") in got
    assert ("services_value_bad", 3, "Uptake (referrals who start PR)") in got
    assert ("services_no_population", 4, "Population") in got
    assert ("services_duplicate", 5, "Service") in got
    assert ("services_no_name", 6, "Service") in got
    unknown = read.issues[read.issues["code"] == "services_column_unknown"]["message"].iloc[0]
    assert "Did you mean 'Referral rate now'" in unknown
    uptake = read.issues[read.issues["code"] == "services_value_bad"]["message"].iloc[0]
    assert "Uptake" in uptake and "1.7" in uptake
    assert (
        "'Uptake (referrals who start PR)'" in uptake and "'uptake'" not in uptake
    )  # the label, not the name
    assert read.n_errors == 6  # a misspelt column is an error: the service would fall back to the default
    assert (read.issues["severity"] == "error").all()
    duplicate = read.issues[read.issues["code"] == "services_duplicate"]["message"].iloc[0]
    assert "only the first is used" not in duplicate and "keep one row per service" in duplicate


def test_service_names_match_whatever_their_case_and_spacing() -> None:
    read = _read("Service,Population\nnorth  shore pr,500000\nRIVERSIDE PR,400000\n")
    assert match_roster(read, ["North Shore PR", "Riverside PR"]).empty
    spelt = as_roster_spells(read, ["North Shore PR", "Riverside PR"])
    assert list(spelt.table["service"]) == ["North Shore PR", "Riverside PR"]
    twice = _read("Service,Population\nNorth PR,1\nnorth pr,2\n")
    assert list(twice.issues["code"]) == ["services_duplicate"]


def test_names_that_do_not_match_the_roster_are_problems_both_ways() -> None:
    read = _read("Service,Population\nNorthshore PR,500000\nRiverside PR,400000\nNowhere,1\n")
    issues = match_roster(read, ["North Shore PR", "Riverside PR", "Hillcrest PR"])
    by_value = {r["value"]: r for r in issues.to_dict("records")}
    assert set(by_value) == {"Northshore PR", "Nowhere", "North Shore PR", "Hillcrest PR"}
    assert "Did you mean 'North Shore PR'?" in by_value["Northshore PR"]["message"]
    assert by_value["Northshore PR"]["row"] == 2
    assert by_value["Nowhere"]["code"] == "services_not_in_roster"
    assert by_value["Hillcrest PR"]["code"] == "services_missing_row"
    assert "add a row with its Population" in by_value["Hillcrest PR"]["message"]
    assert (issues["severity"] == "error").all()


def test_a_workbook_without_a_services_sheet_has_none_and_a_roster_is_not_read_as_one() -> None:
    data, name = samples.sample_team_bytes()
    assert read_services(data, name, PARAMS, check_override) is None
    assert read_services(data, name, PARAMS, check_override, in_roster=True) is None


def test_the_sample_region_has_a_services_sheet_for_every_service() -> None:
    data, name = samples.sample_region_bytes()
    roster = read_roster(data, name, catalogue=load_catalogue())
    assert "Services" in set(roster.sheets_skipped["sheet"])  # not read as staff, not a warning
    assert roster.issues.empty or not (roster.issues["sheet"] == "Services").any()
    read = read_services(data, name, PARAMS, check_override, in_roster=True)
    assert read is not None and read.issues.empty
    assert list(read.table["service"]) == roster.services
    assert match_roster(read, roster.services).empty
    assert (read.table["population"] > 100_000).all()
    assert read.table["waiting_list_now"].notna().all()


def test_the_template_services_sheet_is_read_back_with_its_labelled_columns() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template.template_bytes()))
    assert [c.value for c in book["Services"][1]] == list(template.TEMPLATE_SERVICES_COLUMNS)
    book["Services"].append(["North", 500000, None, 0.3, 0.6, 12, 40])
    buf = io.BytesIO()
    book.save(buf)
    read = read_services(buf.getvalue(), "filled.xlsx", PARAMS, check_override, in_roster=True)
    assert read is not None and read.issues.empty
    assert read.overrides("North") == {
        "population": 500000,
        "referral_rate": 0.3,
        "uptake": 0.6,
        "class_size": 12,
        "waiting_list_now": 40,
    }
    sheets = set(template.dictionary_frame()["Sheet"])
    assert "Services" in sheets


@pytest.mark.parametrize("name", ["region_services.xlsx", "region_services.ods"])
def test_libreoffice_saved_region_workbooks(name: str) -> None:
    """Files saved by LibreOffice (scripts/make_roster_fixtures.py): the roster and its Services sheet."""
    data = (FIXTURES / name).read_bytes()
    roster = read_roster(data, name, catalogue=load_catalogue())
    assert roster.services == ["North PR", "South PR", "East PR"]
    assert roster.n_errors == 0 and "Services" in set(roster.sheets_skipped["sheet"])
    read = read_services(data, name, PARAMS, check_override, in_roster=True)
    assert read is not None and read.issues.empty  # the Notes column and the blank row are not problems
    assert read.overrides("North PR") == {"population": 450000, "referral_rate": 0.3}
    assert read.overrides("South PR") == {"eligible_population": 3200}
    assert read.overrides("Est PR") == {"population": 200000}
    problems = match_roster(read, roster.services)
    assert list(problems["code"]) == ["services_not_in_roster", "services_missing_row"]
    assert problems["row"].iloc[0] == 5
    assert "Did you mean 'East PR'?" in problems["message"].iloc[0]
