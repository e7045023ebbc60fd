"""The staff table's contract: what read_roster hands over, and a clear failure for a malformed table."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.ingest.contract import STAFF_COLUMNS, STAFF_SCHEMA, StaffContractError, validate_staff
from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue

pytestmark = pytest.mark.unit

CSV = (
    b"Staff ID,Band,WTE,Function,Registration body\n"
    b"1,Band 5,60%,Delivering PR,Health and Care Professions Council\n"
    b"2,8A,1,,AHCS\n"
    b"3,XR04,0.5,support,\n"
)


def good() -> pd.DataFrame:
    return read_roster(CSV, "t.csv", catalogue=load_catalogue()).staff


def test_read_roster_hands_over_the_normalised_staff_table() -> None:
    staff = good()
    assert list(staff.columns) == STAFF_COLUMNS
    assert staff["band"].tolist() == ["5", "8a", "4"]
    assert staff["wte"].tolist() == [0.6, 1.0, 0.5]
    assert staff["registration"].tolist() == ["statutory", "accredited", "none"]
    assert staff["function"].tolist()[0::2] == ["delivering", "supporting"]
    assert validate_staff(staff) is not None


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("band", "Band 5", "isin"),
        ("wte", 2.0, "in_range"),
        ("function", "Delivering PR", "isin"),
        ("registration", "HCPC", "isin"),
        ("staff_id", None, "not_nullable"),
    ],
)
def test_a_malformed_table_fails_naming_the_column_check_and_value(
    column: str, value: object, words: str
) -> None:
    staff = good()
    staff[column] = staff[column].astype(object)
    staff.loc[0, column] = value
    with pytest.raises(StaffContractError) as info:
        validate_staff(staff)
    message = str(info.value)
    assert f"column '{column}'" in message and words in message
    if value is not None:
        assert repr(value) in message


def test_an_empty_table_keeps_the_contract_and_a_number_for_text_does_not() -> None:
    empty = read_roster(b"Staff ID,Bnad,WTE\n1,5,1\n", "t.csv", catalogue=load_catalogue()).staff
    assert empty.empty and list(empty.columns) == STAFF_COLUMNS
    staff = good()
    staff["staff_id"] = staff["staff_id"].astype(object)
    staff.loc[0, "staff_id"] = 7
    with pytest.raises(StaffContractError, match="is_text"):
        validate_staff(staff)


def test_a_missing_or_extra_column_breaks_the_contract() -> None:
    with pytest.raises(StaffContractError, match="band"):
        validate_staff(good().drop(columns="band"))
    with pytest.raises(StaffContractError, match="salary"):
        validate_staff(good().assign(salary=1))
    assert STAFF_SCHEMA.strict
