"""Header detection, column synonyms, suggestions, user mappings and sheet plans."""

from __future__ import annotations

import pytest

from planner.ingest.columns import (
    MappingError,
    column_letter,
    find_header,
    header_key,
    parse_mapping_args,
    recognise,
    resolve_target,
    suggest,
)
from planner.ingest.known import match_competency
from planner.ingest.plan import plan_sheet
from planner.reference.catalogue import load_catalogue

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Staff ID", "staff_id"),
        ("STAFF_ID", "staff_id"),
        ("  staff   id ", "staff_id"),
        ("Employee Number", "staff_id"),
        ("Assignment No.", "staff_id"),
        ("Person number", "staff_id"),
        ("Band", "band"),
        ("AfC band", "band"),
        ("Pay band", "band"),
        ("Grade", "band"),
        ("WTE", "wte"),
        ("FTE", "wte"),
        ("Contracted hours per week", "hours"),
        ("Function", "function"),
        ("PR function", "function"),
        ("Registered?", "registered"),
        ("Registration body", "registration_body"),
        ("Regulator", "registration_body"),
        ("Profession", "profession"),
        ("Staff group", "profession"),
        ("Job role", "profession"),
        ("Service", "service"),
        ("Team", "service"),
        ("Reference no.", "competency_id"),
        ("Competency", "competency_text"),
        ("Achieved? (yes / no) Self - assessment", "achieved"),
        ("Achieved? (yes / no) Self-assessment", "achieved"),
        ("Date of self - assessment", "self_assessed_on"),
        ("Evidence <small>(Please provide 1-2 sentences to evidence your achievement)</small>", "evidence"),
        ("Evidence (Please provide 1-2 sentences – see 'How to use' section)", "evidence"),
        ("Signed off – name and date:", "signed_off"),
        ("Career level", "career_level"),
        ("Role", "role"),
    ],
)
def test_synonyms(header: str, field: str) -> None:
    assert recognise(header)[0] == field


@pytest.mark.parametrize("header", ["Notes", "Bnad", "Name of manager", "Favourite colour", ""])
def test_unrecognised_headers(header: str) -> None:
    assert recognise(header)[0] is None


def test_header_key_ignores_case_spacing_and_punctuation() -> None:
    assert header_key("  Achieved? (yes / no)  Self - assessment ") == "achieved yes no self assessment"
    assert header_key("<b>Band</b>") == "band"


def test_suggestion_for_a_misspelt_header() -> None:
    assert suggest("Bnad") == "Band"
    assert suggest("Proffesion") == "Profession"
    assert suggest("Notes about leave") is None


@pytest.mark.parametrize(
    ("target", "field"),
    [
        ("band", "band"),
        ("Band", "band"),
        ("AfC band", "band"),
        ("Staff ID", "staff_id"),
        ("staff_id", "staff_id"),
        ("ignore", "ignore"),
        ("competency", "competency"),
        ("competency:XC-01", "competency:XC-01"),
        ("competency_text", "competency_text"),
    ],
)
def test_mapping_targets(target: str, field: str) -> None:
    assert resolve_target(target) == field


def test_unknown_mapping_target_lists_the_fields() -> None:
    with pytest.raises(MappingError, match=r"is not a field\. Use one of: staff_id"):
        resolve_target("favourite colour")
    with pytest.raises(MappingError, match=r"Did you mean 'band'\?"):
        resolve_target("bnad")
    assert issubclass(MappingError, ValueError)  # callers that caught ValueError still catch it


def test_mapping_arguments() -> None:
    assert parse_mapping_args(["Bnad=Band", " Emp = staff_id "]) == {"Bnad": "band", "Emp": "staff_id"}
    with pytest.raises(MappingError, match="should look like"):
        parse_mapping_args(["Bnad"])


def test_header_found_below_title_and_blank_rows() -> None:
    rows = [
        ["Team list April 2025"],
        [],
        ["prepared by the lead"],
        ["Staff ID", "Band", "WTE"],
        ["1", "5", "1"],
    ]
    assert find_header(rows, {}) == 3


def test_a_data_row_never_wins_over_the_header() -> None:
    rows = [["Staff ID", "Name", "Band", "WTE"], ["Band", "WTE", "5", "1"]]
    assert find_header(rows, {}) == 0


def test_no_header_when_fewer_than_two_fields_are_named() -> None:
    assert find_header([["Bnad", "Emp"], ["5", "1"]], {}) is None


def test_user_mapping_makes_a_header_recognisable() -> None:
    assert find_header([["Bnad", "Emp"], ["5", "1"]], {"Bnad": "band", "Emp": "staff_id"}) == 0


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701)] == ["A", "Z", "AA", "AB", "ZZ"]


def plans_by_header(header: list[str], body: list[list[object]], mapping: dict[str, str] | None = None):
    kind, plans = plan_sheet(header, body, mapping or {}, CATALOGUE)
    return kind, {p.header: p for p in plans}


def test_staff_sheet_plan_lists_unrecognised_columns_with_suggestions() -> None:
    kind, plans = plans_by_header(["Staff ID", "Bnad", "WTE", "Notes"], [["1", "5", "1", "on leave"]])
    assert kind == "staff"
    assert plans["Bnad"].field is None and plans["Bnad"].how == "not recognised"
    assert (
        plans["Bnad"].note == "Column 'Bnad' not recognised. Did you mean 'Band'? Map it, or it is not read."
    )
    assert plans["Notes"].suggestion is None


def test_duplicate_fields_keep_the_better_synonym() -> None:
    _kind, plans = plans_by_header(["Staff ID", "Band", "Grade", "WTE"], [["1", "5", "x", "1"]])
    assert plans["Band"].field == "band"
    assert plans["Grade"].how == "duplicate" and "column 'Band' is used" in plans["Grade"].note


def test_user_mapping_beats_detection() -> None:
    _kind, plans = plans_by_header(
        ["Staff ID", "Band", "Grade", "WTE"], [["1", "5", "6", "1"]], {"Grade": "band"}
    )
    assert plans["Grade"].field == "band" and plans["Grade"].how == "mapped"
    assert plans["Band"].how == "duplicate"


def test_competency_columns_by_id_text_and_values() -> None:
    header = [
        "Staff ID",
        "Band",
        "WTE",
        "XC-01",
        "Conflict resolution",
        "Nordic walking",
        "Date of birth",
        "Driving",
    ]
    body = [
        ["1", "5", "1", "yes", "✓", "in progress", "01/01/2020", "car"],
        ["2", "6", "1", "no", "", "Y", "", "no"],
    ]
    _kind, plans = plans_by_header(header, body)
    assert (plans["XC-01"].field, plans["XC-01"].how, plans["XC-01"].competency_id) == (
        "competency",
        "competency id",
        "XC-01",
    )
    assert (plans["Conflict resolution"].how, plans["Conflict resolution"].competency_id) == (
        "competency text",
        "XC-02",
    )
    assert (plans["Nordic walking"].how, plans["Nordic walking"].competency_id) == (
        "competency values",
        "Nordic walking",
    )
    assert plans["Date of birth"].field is None  # dates alone do not make a competency column
    assert plans["Driving"].field is None  # "car" is not a competency value


def test_competency_record_sheet_is_recognised_and_staff_columns_are_not_used_in_it() -> None:
    header = ["Staff ID", "Reference no.", "Competency", "Achieved?", "Band"]
    kind, plans = plans_by_header(header, [["1", "XC-01", "", "yes", "5"]])
    assert kind == "competencies"
    assert plans["Band"].how == "not used"


def test_a_sheet_without_staff_or_competency_columns_is_not_a_data_sheet() -> None:
    kind, _ = plans_by_header(["Name", "Evidence"], [["a", "b"]])
    assert kind is None


def test_competency_matching() -> None:
    assert match_competency("xc-01", CATALOGUE)[0] == "XC-01"
    assert (
        match_competency("Basic life support", CATALOGUE)[0] == "XC-01"
    )  # the one statement starting with these words
    assert match_competency("Life", CATALOGUE) is None


def test_the_readme_section_names_every_field_and_reason_code() -> None:
    import re
    from pathlib import Path

    from planner.ingest.columns import FIELDS

    root = Path(__file__).resolve().parents[2]
    doc = (root / "README.md").read_text()
    assert all(f"`{f.id}`" in doc for f in FIELDS)
    source = "".join(p.read_text() for p in sorted((root / "planner" / "ingest").glob("*.py")))
    codes = set(re.findall(r'Problem\(\s*"([a-z_]+)"', source)) | set(
        re.findall(r'"code": "([a-z_]+)"', source)
    )
    codes |= set(re.findall(r'_problem\(\s*"([a-z_]+)"', source))
    codes |= set(re.findall(r'\bmissing\(\s*"([a-z_]+)"', source))
    assert {"band_missing", "wte_out_of_range", "staff_id_duplicate", "not_signed_off"} <= codes
    assert not [c for c in codes if f"`{c}`" not in doc]
    refusals = set(re.findall(r'RosterRefused\(\s*"([a-z_]+)"', source))
    assert refusals and not [c for c in refusals if f"`{c}`" not in doc]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Start date", "start_date"),
        ("Service type", "service_type"),
        ("Annual salary", "salary"),
        ("GP practice", "practice"),
        ("Practice level", "career_level"),
    ],
)
def test_service_type_columns_are_recognised(header: str, field: str) -> None:
    """The columns of the homecare and PCN rosters (issue 16) are read, not left as unknown."""
    assert recognise(header)[0] == field
