"""Whole-file refusals before parsing: empty, too large, not a spreadsheet, password, bombs."""

from __future__ import annotations

import importlib.util
import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from planner.ingest.filecheck import RosterRefused, check_file, ole_stream_names

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "roster"


def fixtures_script():
    spec = importlib.util.spec_from_file_location(
        "make_roster_fixtures", ROOT / "scripts" / "make_roster_fixtures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def refusal(data: bytes, name: str, **kw: int) -> RosterRefused:
    with pytest.raises(RosterRefused) as info:
        check_file(data, name, **kw)
    return info.value


@pytest.mark.parametrize(("data", "name"), [(b"", "a.xlsx"), (b"   \n", "a.csv")])
def test_empty(data: bytes, name: str) -> None:
    assert refusal(data, name).code == "empty"


def test_too_large_names_the_limit() -> None:
    exc = refusal(b"x" * 2048, "big.csv", max_bytes=1024)
    assert exc.code == "too_large"
    assert exc.message.startswith("'big.csv' is 2 KB; the limit is 1 KB.")


def test_default_limit_is_twenty_megabytes_as_in_streamlit_config() -> None:
    from planner.ingest.filecheck import MAX_UPLOAD_MB

    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert f"maxUploadSize = {MAX_UPLOAD_MB}" in config
    assert refusal(b"a,b\n" * (5 * 1024 * 1024 + 1), "x.csv").code == "too_large"


@pytest.mark.parametrize("name", ["garbage.xlsx", "garbage.xls", "garbage.ods"])
def test_garbage_named_as_a_spreadsheet(name: str) -> None:
    data = (FIXTURES / "garbage.xlsx").read_bytes()
    exc = refusal(data, name)
    assert exc.code == "not_spreadsheet" and name in exc.message


def test_binary_named_csv_is_not_a_spreadsheet() -> None:
    assert refusal(b"%PDF-1.7\x00\x01\x02", "roster.csv").code == "not_spreadsheet"


def test_other_suffixes_are_not_read() -> None:
    assert refusal(b"Staff ID,Band\n1,5\n", "roster.pdf").code == "not_spreadsheet"


def test_word_document_is_not_a_spreadsheet() -> None:
    assert refusal((FIXTURES / "word_document.xlsx").read_bytes(), "w.xlsx").code == "not_spreadsheet"


@pytest.mark.parametrize("name", ["password.xlsx", "password.ods", "password.xls"])
def test_password_protected_files_saved_by_libreoffice(name: str) -> None:
    exc = refusal((FIXTURES / name).read_bytes(), name)
    assert exc.code == "password_protected" and "remove the password" in exc.message


def test_encrypted_xlsx_is_an_ole_file_with_an_encrypted_package() -> None:
    assert {"encryptioninfo", "encryptedpackage"} <= ole_stream_names(
        (FIXTURES / "password.xlsx").read_bytes()
    )


def test_plain_files_pass() -> None:
    assert check_file((FIXTURES / "simple_staff.xls").read_bytes(), "a.xls") == "xls"
    assert check_file((FIXTURES / "simple_staff.ods").read_bytes(), "a.ods") == "ods"
    assert check_file((FIXTURES / "london_record.xlsx").read_bytes(), "a.xlsm") == "xlsx"
    assert check_file(b"Staff ID;Band\n1;5\n", "a.csv") == "csv"


def test_damaged_zip_is_unreadable() -> None:
    data = (FIXTURES / "london_record.xlsx").read_bytes()
    assert refusal(data[: len(data) // 2], "cut.xlsx").code in {"unreadable", "not_spreadsheet"}


def test_zip_bomb_is_refused_from_its_declared_size_without_unpacking(tmp_path: Path) -> None:
    bomb = fixtures_script().make_zip_bomb(tmp_path / "bomb.xlsx", 2_000_000_000)
    data = bomb.read_bytes()
    assert len(data) < 20 * 1024 * 1024
    tracemalloc.start()
    exc = refusal(data, "bomb.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert exc.code == "zip_bomb" and "unpack" in exc.message
    assert peak < 16 * 1024 * 1024  # never holds the 2 GB it would unpack to


def test_bomb_whose_header_lies_is_caught_while_counting(tmp_path: Path) -> None:
    bomb = fixtures_script().make_zip_bomb(tmp_path / "liar.xlsx", 300_000_000, declared=1_000_000)
    tracemalloc.start()
    exc = refusal(bomb.read_bytes(), "liar.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert exc.code == "zip_bomb" and "far more than its header declares" in exc.message
    assert peak < 16 * 1024 * 1024


def test_one_highly_compressed_big_member_is_a_bomb() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    exc = refusal(buffer.getvalue(), "zeros.xlsx")
    assert exc.code == "zip_bomb" and "expands" in exc.message


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('Staff ID,Name,Band\n1,"Smith, Ann",5\n2,"Lee, Bo",6\n', ","),
        ("Staff ID;Name;Band;WTE\n1;Ann;5;0,6\n2;Bo;6;1\n", ";"),
        ("Staff ID\tName\tBand\n1\tAnn\t5\n", "\t"),
    ],
)
def test_csv_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    from planner.ingest.sheets import sniff_delimiter

    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Zoë".encode(), "Zoë"),
        (b"\xef\xbb\xbf" + "Zoë".encode(), "Zoë"),
        ("Zoë Müller".encode("cp1252"), "Zoë Müller"),
        ("\ufeffZoë".encode("utf-16"), "Zoë"),
    ],
)
def test_csv_text_decoding(data: bytes, text: str) -> None:
    from planner.ingest.sheets import decode_text

    assert decode_text(data).lstrip("\ufeff") == text


def test_zip_whose_directory_cannot_be_read_is_unreadable() -> None:
    refused = refusal(b"PK\x03\x04" + b"\x00" * 200, "broken.xlsx")
    assert refused.code == "unreadable" and "zip structure cannot be read" in refused.message


def test_zip_member_that_fails_its_checksum_is_unreadable() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    data = buffer.getvalue().replace(b"opendocument.spreadsheet", b"opendocument.spreadsheeT", 1)
    refused = refusal(data, "damaged.ods")  # sizes agree, so only reading the member finds the damage
    assert refused.code == "unreadable" and "BadZipFile" in refused.message
