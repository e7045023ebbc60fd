"""Suggestions (did you mean …?) for cells the ingest could not read, and the corrections built on them."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from planner import samples
from planner.ingest.normalise import parse_band, parse_function, parse_wte
from planner.ingest.suggest import suggest_value
from planner.views.corrections import (
    READ_AS,
    Fix,
    corrected_workbook,
    correction_table,
    fixed_line,
    fixes_from_editor,
    keep_fixes,
    merge_fixes,
    problem_markdown,
    raw_sheets,
    start_fixes,
    with_fixes,
)
from planner.views.session import Keys, read_team

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("band", "Bnad 5", "Band 5"),
        ("band", "bnd 8a", "Band 8a"),
        ("band", "Bnad 8", None),  # band 8 needs its range: nothing to guess
        ("band", "Band 5", None),  # already fine
        ("band", "Bnad six", None),
        ("band", "banda", None),
        ("function", "Delivring PR", "Delivering PR"),
        ("function", "Suporting", "Supporting PR"),
        ("function", "Delivering & manageing", "Delivering and managing PR"),
        ("function", "Delivering PR", None),
        ("function", "Juggling", None),
        ("registered", "Yse", "Yes"),
        ("registered", "noo", "No"),
        ("registered", "maybe", None),
        ("registered", "yes", None),
        ("wte", "1.O", "1.0"),
        ("wte", "80", "80%"),
        ("wte", "37.5", None),  # could be hours a week: no guess
        ("wte", "0.8", None),
        ("profession", "Physio", None),  # no suggestions for free text
    ],
)
def test_suggest_value(field: str, value: str, expected: str | None) -> None:
    assert suggest_value(field, value) == expected


@pytest.mark.parametrize("value", ["Bnad 5", "bnd 8a", "XR05x", "Bannd 7"])
def test_a_suggested_band_is_read_by_the_ingest(value: str) -> None:
    fixed = suggest_value("band", value)
    assert fixed is not None and parse_band(fixed)[1] is None


def test_suggested_functions_and_wte_are_read_by_the_ingest() -> None:
    assert parse_function(suggest_value("function", "Leding PR"))[0] == "leading"
    assert parse_wte(suggest_value("wte", "80"))[0] == pytest.approx(0.8)


def typo_file() -> bytes:
    team = samples.generate_team(21, service="Seaview PR")
    staff = team.staff.copy()
    staff.loc[3, "Band"] = "Bnad 5"
    staff.loc[4, "Function"] = "Delivring PR"
    return samples.to_xlsx(samples.Sample(staff, team.records))


@pytest.fixture(scope="module")
def typo():
    data = typo_file()
    read = read_team(data, "typo.xlsx")
    return data, read, raw_sheets(data, "typo.xlsx")


def test_correction_table_lists_rejected_rows_first_with_staff_id_and_suggestions(typo) -> None:
    _, read, raw = typo
    todo = correction_table(read, raw)
    t = todo.table
    assert t[["Sheet", "Row", READ_AS]].values.tolist() == [
        ["Staff", 5, "SYN10004"],
        ["Staff", 6, "SYN10005"],
    ]
    assert t.loc[0, "Problems"] == (
        "Band: Band 'Bnad 5' is not an Agenda for Change band (1 to 9, with 8a to 8d)."
    )
    assert t.loc[0, "Did you mean"] == "Band: 'Band 5'"
    assert (t.loc[0, "Band"], t.loc[0, "WTE"], t.loc[1, "Function"]) == ("Bnad 5", "0.2", "Delivring PR")
    assert "Name" not in t.columns  # names are personal data: never in the table
    assert todo.suggestions == [
        Fix("Staff", 5, "Band", "Band 5"),
        Fix("Staff", 6, "Function", "Delivering PR"),
    ]
    text = problem_markdown(t)
    assert text.startswith(
        "- Staff row 5, SYN10004: Band: Band 'Bnad 5' is not an Agenda for Change band \\(1"
    )
    assert "Did you mean Band: 'Band 5'?" in text


def test_a_clean_roster_has_nothing_to_correct() -> None:
    data, name = samples.sample_team_bytes()
    todo = correction_table(read_team(data, name), raw_sheets(data, name))
    assert todo.table.empty and todo.suggestions == []


def test_editor_edits_become_fixes_and_the_corrected_file_counts_the_person(typo) -> None:
    _, read, raw = typo
    todo = correction_table(read, raw)
    edited = todo.table.copy()
    edited.loc[0, "Band"] = " 5 "
    fixes = fixes_from_editor(todo.table, edited, todo.editable)
    assert fixes == [Fix("Staff", 5, "Band", "5")]
    assert fixes_from_editor(todo.table, with_fixes(todo.table, fixes), todo.editable) == fixes
    book = corrected_workbook(raw, todo.positions, fixes)
    after = read_team(book, "typo-corrected.xlsx")
    assert after.rows_for("staff")["accepted"] == read.rows_for("staff")["accepted"] + 1
    assert after.staff.set_index("staff_id").loc["SYN10004", "band"] == "5"
    assert len(after.competencies) == len(read.competencies)
    pd.testing.assert_series_equal(
        after.competencies["signed_off_on"].reset_index(drop=True),
        read.competencies["signed_off_on"].reset_index(drop=True),
    )
    # a typed value that looks like a formula is written as text, never as a formula
    book = corrected_workbook(raw, todo.positions, [*fixes, Fix("Staff", 5, "Profession", "=A1")])
    sheet = openpyxl.load_workbook(io.BytesIO(book))["Staff"]
    assert sheet["G5"].value == "=A1" and sheet["G5"].data_type == "s"
    assert sheet["B5"].value == read.row_status.set_index(["sheet", "row"]).loc[("Staff", 5), "name"]


def test_fixes_belong_to_one_file_and_a_later_fix_wins() -> None:
    state: dict = {}
    assert start_fixes(state, ("a.xlsx", 10, None, ())) == []
    keep_fixes(state, ("a.xlsx", 10, None, ()), [Fix("Staff", 5, "Band", "5")])
    state[Keys.ROW_FIXES_EDITOR] = {"edited_rows": {}}
    assert start_fixes(state, ("a.xlsx", 10, None, ())) == [Fix("Staff", 5, "Band", "5")]
    assert Keys.ROW_FIXES_EDITOR in state
    assert start_fixes(state, ("b.xlsx", 10, None, ())) == []
    assert Keys.ROW_FIXES_EDITOR not in state
    merged = merge_fixes([Fix("S", 5, "Band", "5"), Fix("S", 6, "WTE", "1")], [Fix("S", 5, "Band", "6")])
    assert merged == [Fix("S", 5, "Band", "6"), Fix("S", 6, "WTE", "1")]


def test_fixed_line_names_rows_still_left_out(typo) -> None:
    _, read, raw = typo
    todo = correction_table(read, raw)
    half = [Fix("Staff", 6, "Function", "Delivering PR")]  # the rejected band is not corrected
    after = read_team(corrected_workbook(raw, todo.positions, half), "typo-corrected.xlsx")
    assert fixed_line(read, after, half) == (
        "1 cell(s) corrected: 0 more staff row(s) accepted (18 → 18). The other pages use the corrected "
        "roster. Still left out: Staff row 5 (SYN10004)."
    )
