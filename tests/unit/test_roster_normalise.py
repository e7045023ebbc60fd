"""Value normalisers: bands, WTE, hours, functions, yes/no, achievement, dates, sign-off, registration."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.ingest.dates import parse_achieved, parse_date, parse_yes_no, split_signed_off
from planner.ingest.normalise import cell_text, is_blank, parse_band, parse_function, parse_hours, parse_wte
from planner.ingest.professions import body_kind, parse_body, parse_profession, resolve_registration

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "band"),
    [
        ("Band 5", "5"),
        ("B5", "5"),
        ("5", "5"),
        (5.0, "5"),
        ("AfC 5", "5"),
        ("afc band 6", "6"),
        ("Pay band 7", "7"),
        ("8A", "8a"),
        ("Band 8 a", "8a"),
        ("band 8-b", "8b"),
        ("8d", "8d"),
        ("Band 9", "9"),
        ("XR05", "5"),
        ("XR08A", "8a"),
        ("NHS|XR05|Review Body Band 5", "5"),
        ("NHS|XR08C|Review Body Band 8 - Range C", "8c"),
        ("Band 1", "1"),
        (" band 03 ", "3"),
    ],
)
def test_band_forms(raw: object, band: str) -> None:
    assert parse_band(raw) == (band, None)


@pytest.mark.parametrize(
    "raw", ["Band 10", "10", "8", "Band 8", "5/6", "Consultant", "8e", "Band 5a", True, 0.5]
)
def test_unknown_bands_are_errors(raw: object) -> None:
    value, problem = parse_band(raw)
    assert value is None
    assert problem is not None and problem.code == "band_unknown" and problem.severity == "error"


def test_band_8_without_range_says_which_ranges() -> None:
    assert "8a, 8b, 8c and 8d" in parse_band("Band 8")[1].message


def test_blank_band_is_no_value_and_no_problem() -> None:
    assert parse_band("  ") == (None, None)


@pytest.mark.parametrize(
    ("raw", "wte"),
    [
        ("0.6", 0.6),
        (0.6, 0.6),
        ("1.0", 1.0),
        (1, 1.0),
        ("60%", 0.6),
        ("100 %", 1.0),
        ("0,6", 0.6),
        ("1,0", 1.0),
        ("0.8 WTE", 0.8),
        ("1.5", 1.5),
        (".5", 0.5),
        (1 / 3, 0.3333),
    ],
)
def test_wte_forms(raw: object, wte: float) -> None:
    assert parse_wte(raw) == (wte, None)


@pytest.mark.parametrize(("raw", "code"), [("abc", "wte_not_number"), ("1.6", "wte_out_of_range"),
                                           ("0", "wte_out_of_range"), ("-0.5", "wte_out_of_range"),
                                           ("60", "wte_out_of_range"), ("1,000.5", "wte_not_number"),
                                           (True, "wte_not_number"), ("200%", "wte_out_of_range")])  # fmt: skip
def test_bad_wte_is_an_error(raw: object, code: str) -> None:
    value, problem = parse_wte(raw)
    assert value is None and problem.code == code and problem.severity == "error"


@pytest.mark.parametrize(
    ("raw", "wte"),
    [
        ("37.5", 1.0),
        (22.5, 0.6),
        ("30 hrs", 0.8),
        ("7.5 hours", 0.2),
        ("37:30", 1.0),
        (dt.timedelta(hours=15), 0.4),
    ],
)
def test_contracted_hours_become_wte(raw: object, wte: float) -> None:
    assert parse_hours(raw) == (wte, None)


def test_hours_beyond_one_and_a_half_full_time_are_out_of_range() -> None:
    assert parse_hours("60")[1].code == "wte_out_of_range"
    assert parse_hours("lots")[1].code == "wte_not_number"


@pytest.mark.parametrize(
    ("raw", "function"),
    [
        ("Supporting PR", "supporting"),
        ("supporting pulmonary rehabilitation programmes", "supporting"),
        ("Delivering PR", "delivering"),
        ("delivering", "delivering"),
        ("Leading PR (service management)", "leading"),
        ("Leading", "leading"),
        ("Delivering and managing PR", "delivering_managing"),
        ("Delivering & managing", "delivering_managing"),
        ("delivering_managing", "delivering_managing"),
        ("Function 2", "delivering"),
        ("4", "delivering_managing"),
    ],
)
def test_function_spellings(raw: str, function: str) -> None:
    assert parse_function(raw) == (function, None)


def test_unknown_function_is_a_warning_with_no_value() -> None:
    value, problem = parse_function("Admin")
    assert value is None and problem.code == "value_unknown" and problem.severity == "warning"


@pytest.mark.parametrize("raw", ["Yes", "Y", "TRUE", "1", 1, 1.0, True, "✓", "✔", "x", "X", " yes "])
def test_yes(raw: object) -> None:
    assert parse_yes_no(raw) is True


@pytest.mark.parametrize("raw", ["No", "N", "FALSE", "0", 0, False, "✗", "no"])
def test_no(raw: object) -> None:
    assert parse_yes_no(raw) is False


@pytest.mark.parametrize("raw", ["maybe", "", None, "2"])
def test_neither_yes_nor_no(raw: object) -> None:
    assert parse_yes_no(raw) is None


@pytest.mark.parametrize(
    ("raw", "achieved", "in_progress", "when"),
    [
        ("Yes", True, False, None),
        ("✓", True, False, None),
        ("achieved", True, False, None),
        ("Competent", True, False, None),
        ("No", False, False, None),
        ("not yet", False, False, None),
        ("in progress", False, True, None),
        ("Working towards", False, True, None),
        ("Yes - at induction", True, False, None),
        ("01/04/2025", True, False, dt.date(2025, 4, 1)),
        (dt.datetime(2025, 3, 1), True, False, dt.date(2025, 3, 1)),
        (45748.0, True, False, dt.date(2025, 4, 1)),
    ],
)
def test_achievement_cells(raw: object, achieved: bool, in_progress: bool, when: dt.date | None) -> None:
    assert parse_achieved(raw) == (achieved, in_progress, when, None)


def test_unknown_achievement_is_kept_as_not_known_with_a_warning() -> None:
    achieved, in_progress, when, problem = parse_achieved("maybe")
    assert achieved is None and not in_progress and when is None
    assert problem.code == "value_unknown" and problem.severity == "warning"


@pytest.mark.parametrize(
    ("raw", "when"),
    [
        ("01/04/2025", dt.date(2025, 4, 1)),  # UK order: the 1st of April, never January the 4th
        ("1/4/25", dt.date(2025, 4, 1)),
        ("13/01/2025", dt.date(2025, 1, 13)),
        ("01.04.2025", dt.date(2025, 4, 1)),
        ("2025-04-01", dt.date(2025, 4, 1)),
        ("2025-04-01 00:00:00", dt.date(2025, 4, 1)),
        ("1 Apr 2025", dt.date(2025, 4, 1)),
        ("12 March 2025", dt.date(2025, 3, 12)),
        ("1st April 2025", dt.date(2025, 4, 1)),
        ("01-Apr-25", dt.date(2025, 4, 1)),
        ("Apr 2025", dt.date(2025, 4, 1)),
        ("04/2025", dt.date(2025, 4, 1)),
        (45748, dt.date(2025, 4, 1)),
        ("45748", dt.date(2025, 4, 1)),
        (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        (dt.datetime(2024, 2, 29, 13, 5), dt.date(2024, 2, 29)),
    ],
)
def test_dates(raw: object, when: dt.date) -> None:
    assert parse_date(raw) == (when, None)


@pytest.mark.parametrize("raw", ["31/02/2025", "soon", "2025-13-01", 12.5, "32/01/2025"])
def test_bad_dates_are_warnings(raw: object) -> None:
    value, problem = parse_date(raw)
    assert value is None and problem.code == "date_invalid" and problem.severity == "warning"


@pytest.mark.parametrize(
    ("raw", "name", "when"),
    [
        ("J Smith 12/03/2025", "J Smith", dt.date(2025, 3, 12)),
        ("J Smith, 12 Mar 2025", "J Smith", dt.date(2025, 3, 12)),
        ("12/03/2025 J Smith", "J Smith", dt.date(2025, 3, 12)),
        ("J Smith - 12.03.25", "J Smith", dt.date(2025, 3, 12)),
        ("Signed by K Patel on 2025-05-20", "Signed by K Patel", dt.date(2025, 5, 20)),
        ("J Smith", "J Smith", None),
        (dt.date(2025, 3, 12), None, dt.date(2025, 3, 12)),
        ("", None, None),
    ],
)
def test_signed_off_split(raw: object, name: str | None, when: dt.date | None) -> None:
    assert split_signed_off(raw) == (name, when, None)


def test_signed_off_with_an_impossible_date_keeps_the_name_and_warns() -> None:
    name, when, problem = split_signed_off("J Smith 31/02/2025")
    assert name == "J Smith" and when is None and problem.code == "date_invalid"


@pytest.mark.parametrize(
    ("raw", "body"),
    [
        ("HCPC", "HCPC"),
        ("Health and Care Professions Council", "HCPC"),
        ("hcpc (physio)", "HCPC"),
        ("NMC", "NMC"),
        ("GPhC", "GPhC"),
        ("gphc", "GPhC"),
        ("AHCS", "AHCS"),
        ("Academy for Healthcare Science", "AHCS"),
        ("RCCP", "RCCP"),
    ],
)
def test_registration_bodies(raw: str, body: str) -> None:
    assert parse_body(raw) == (body, None)


@pytest.mark.parametrize("raw", ["", "none", "N/A", "-", "Not registered"])
def test_not_registered_bodies(raw: str) -> None:
    assert parse_body(raw) == (None, None)


def test_unknown_body_is_kept_as_written_with_a_warning() -> None:
    body, problem = parse_body("CSP")
    assert body == "CSP" and problem.code == "value_unknown"


@pytest.mark.parametrize(
    ("registered", "body", "profession", "expected_body", "kind", "code"),
    [
        ("", "HCPC", None, "HCPC", "statutory", None),
        ("Yes", "NMC", "Nurse", "NMC", "statutory", None),
        ("", "AHCS", None, "AHCS", "accredited", None),
        ("yes", "", "Physiotherapist", "HCPC", "statutory", "registration_body_missing"),
        ("yes", "", "Nurse", "NMC", "statutory", "registration_body_missing"),
        ("yes", "", "Clinical exercise physiologist", None, "accredited", "registration_body_missing"),
        ("yes", "", None, None, "statutory", "registration_body_missing"),
        ("no", "", "Physiotherapist", None, "none", None),
        ("", "", None, None, "none", None),
        ("no", "HCPC", None, "HCPC", "statutory", "value_conflict"),
        ("HCPC", "", None, "HCPC", "statutory", None),
        ("", "CSP", None, "CSP", "none", "value_unknown"),
    ],
)
def test_registration_rules(
    registered: str, body: str, profession: str | None, expected_body: str | None, kind: str, code: str | None
) -> None:
    got_body, got_kind, problem = resolve_registration(registered, body, profession)
    assert (got_body, got_kind) == (expected_body, kind)
    assert (problem.code if problem else None) == code
    if problem:
        assert problem.severity == "warning"


def test_statutory_and_accredited_are_distinct() -> None:
    assert resolve_registration("", "HCPC", None)[1] != resolve_registration("", "AHCS", None)[1]


@pytest.mark.parametrize(
    ("raw", "profession"),
    [
        ("Physio", "Physiotherapist"),
        ("Band 6 Physiotherapist", "Physiotherapist"),
        ("OT", "Occupational therapist"),
        ("Respiratory nurse specialist", "Nurse"),
        ("RN", "Nurse"),
        ("Clinical Exercise Physiologist", "Clinical exercise physiologist"),
        ("Rehab assistant", "Rehabilitation assistant"),
        ("Nursing Associate", "Nursing associate"),
        ("Astronaut", "Astronaut"),
    ],
)
def test_professions(raw: str, profession: str) -> None:
    assert parse_profession(raw) == profession


@pytest.mark.parametrize(
    ("raw", "text"),
    [(12345.0, "12345"), ("  007 ", "007"), ("=1+1", "=1+1"), (True, "TRUE"), ("a  b", "a b"), (None, None)],
)
def test_cell_text(raw: object, text: str | None) -> None:
    assert cell_text(raw) == text


def test_blank_cells() -> None:
    assert all(is_blank(v) for v in (None, "", "   ", float("nan")))
    assert not any(is_blank(v) for v in ("x", 0, 0.0, False))


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("HCPC", "statutory"),
        ("gphc", "statutory"),
        ("General Osteopathic Council", "statutory"),
        ("Academy for Healthcare Science (AHCS)", "accredited"),
        ("", "none"),
        (None, "none"),
        ("Gym instructor course", "none"),
    ],
)
def test_registration_kind_keeps_statutory_and_accredited_apart(body: object, kind: str) -> None:
    """The one place a body becomes a kind (vocab.registration_kind's substring matching is gone)."""
    assert body_kind(parse_body(body)[0]) == kind
