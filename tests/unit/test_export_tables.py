"""XLSX/CSV exports: formula text never evaluated, numbers stay numbers, formats, layout, privacy, ZIP."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import export
from planner.export.formats import column_format, display_value

pytestmark = pytest.mark.unit

TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]
# XML 1.0 cannot hold most C0 controls; Excel could not store them either, so they are not tested.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30).map(
    lambda s: re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", s)
)
formula_like = st.builds(lambda t, rest: t + rest, st.sampled_from(TRIGGERS), _TEXT)


def sheet_xml(xlsx: bytes, n: int = 1) -> str:
    return zipfile.ZipFile(io.BytesIO(xlsx)).read(f"xl/worksheets/sheet{n}.xml").decode("utf-8")


def read_back(xlsx: bytes, sheet: str | None = None) -> openpyxl.worksheet.worksheet.Worksheet:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    return wb[sheet] if sheet else wb.worksheets[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=formula_like, number=st.floats(max_value=-1e-9, min_value=-1e12))
def test_formula_like_text_is_stored_as_text_and_negative_numbers_as_numbers(
    text: str, number: float
) -> None:
    df = pd.DataFrame({"label": [text], "change": [number]})
    xlsx = export.table_xlsx(df)
    assert "<f>" not in sheet_xml(xlsx)  # no cell is a formula
    ws = read_back(xlsx)
    label, change = ws.cell(row=2, column=1), ws.cell(row=2, column=2)
    assert label.data_type == "s"
    # Excel's quote-prefix style: shown as typed, stays text when edited; or a visible apostrophe
    assert label.quotePrefix or str(label.value).startswith("'")
    # xlsxwriter stores CR as Excel's escape _x000D_, which Excel decodes and openpyxl does not
    assert label.value.replace("_x000D_", "\r") in (text, "'" + text)
    assert change.data_type == "n"
    assert change.value == pytest.approx(number)


@settings(max_examples=150, deadline=None)
@given(text=formula_like, number=st.floats(max_value=-1e-9, min_value=-1e12))
def test_csv_prefixes_formula_like_text_and_keeps_negative_numbers(text: str, number: float) -> None:
    df = pd.DataFrame({"label": [text], "change": [number]})
    raw = export.table_csv(df)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["label", "change"]
    assert rows[1][0] == "'" + text
    assert float(rows[1][1]) == pytest.approx(number)
    assert not rows[1][1].startswith("'")


@given(text=_TEXT.filter(lambda s: not s.startswith(tuple(export.FORMULA_TRIGGERS))))
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert export.neutralise(text) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-ve", "'-ve"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("＝1+1", "'＝1+1"),
        ("Band 6", "Band 6"),
        ("", ""),
        (-3.5, -3.5),
        (-2, -2),
        (None, None),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert export.neutralise(value) == expected


def test_neutralise_frame_covers_headers_categories_and_leaves_numbers() -> None:
    df = pd.DataFrame(
        {
            "=evil": ["=1", "ok"],
            "cat": pd.Categorical(["-x", "y"]),
            "n": [-1, 2],
        }
    )
    out = export.neutralise_frame(df)
    assert list(out.columns) == ["'=evil", "cat", "n"]
    assert list(out["'=evil"]) == ["'=1", "ok"]
    assert list(out["cat"].astype(str)) == ["'-x", "y"]
    assert out["n"].tolist() == [-1, 2]
    assert list(df["=evil"]) == ["=1", "ok"]  # the input is not changed


SAMPLE = pd.DataFrame(
    {
        "Band": ["Band 5", "Band 6", '=HYPERLINK("http://x")'],
        "WTE": [3.2, -1.5, 2.0],
        "Cost (£)": [120000.0, 45000.5, -3000.0],
        "Coverage share": [0.5, 0.25, 1.0],
        "Year": [2025, 2026, 2027],
        "Start": pd.to_datetime(["2025-04-01", "2025-05-01", None]),
        "Posts": [1200, 2, 3],
        "Ratio": [1.25, 2.5, 3.0],
        "Vacant": [True, False, True],
        "Notes": ["www.example.com", "1e5", "0123"],
    }
)


def test_number_formats_by_column_name_and_dtype() -> None:
    ws = read_back(export.table_xlsx(SAMPLE))
    fmts = {ws.cell(row=1, column=c).value: ws.cell(row=2, column=c).number_format for c in range(1, 11)}
    assert fmts["WTE"] == "0.00"
    assert fmts["Cost (£)"] == "£#,##0"
    assert fmts["Coverage share"] == "0.0%"
    assert fmts["Year"] == "0"
    assert fmts["Start"] == "dd/mm/yyyy"
    assert fmts["Posts"] == "#,##0"
    assert fmts["Ratio"] == "#,##0.00"
    assert ws.cell(row=2, column=6).value == dt.datetime(2025, 4, 1)
    assert ws.cell(row=2, column=9).value is True
    assert ws.cell(row=4, column=6).value is None  # NaT is an empty cell


def test_text_that_looks_like_a_number_or_url_stays_text() -> None:
    ws = read_back(export.table_xlsx(SAMPLE))
    notes = [ws.cell(row=r, column=10) for r in (2, 3, 4)]
    assert [c.value for c in notes] == ["www.example.com", "1e5", "0123"]
    assert all(c.data_type == "s" and c.hyperlink is None for c in notes)


def test_header_frozen_filtered_bold_blue_and_widths_follow_content() -> None:
    long_text = "x" * 200
    df = pd.DataFrame({"Short": ["a"], "Description": [long_text], "WTE": [1.0]})
    ws = read_back(export.table_xlsx(df))
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C2"
    header = ws.cell(row=1, column=1)
    assert header.font.b
    assert header.fill.fgColor.rgb.upper().endswith("005EB8")
    width = {k: v.width for k, v in ws.column_dimensions.items()}
    assert 60 <= width["B"] <= 62  # capped; the long text wraps
    assert ws.cell(row=2, column=2).alignment.wrap_text
    assert width["A"] < 12


def test_title_and_notes_move_the_table_down_and_are_written() -> None:
    xlsx = export.table_xlsx(
        {"Gaps": SAMPLE, "Other": SAMPLE.head(1)},
        title={"Gaps": "Gaps by band"},
        notes=["Source: NHS England (2023)", "=not a formula"],
        number_formats={"Ratio": "0.0"},
    )
    ws = read_back(xlsx, "Gaps")
    assert ws.cell(row=1, column=1).value == "Gaps by band"
    assert ws.cell(row=1, column=1).font.b
    assert ws.cell(row=3, column=1).value == "Band"
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:J6"
    assert ws.cell(row=4, column=8).number_format == "0.0"  # explicit format wins
    assert ws.cell(row=8, column=1).value == "Notes and sources"
    assert ws.cell(row=9, column=1).value == "Source: NHS England (2023)"
    assert ws.cell(row=10, column=1).data_type == "s"
    other = read_back(xlsx, "Other")
    assert other.cell(row=1, column=1).value == "Band"  # no title for this sheet
    assert other.cell(row=1 + 1 + 2, column=1).value == "Notes and sources"
    assert "<f>" not in sheet_xml(xlsx, 1) + sheet_xml(xlsx, 2)


def test_sheet_names_are_made_valid_and_unique() -> None:
    xlsx = export.table_xlsx(
        {"Gaps: band/function [2026]": SAMPLE.head(1), "Gaps  band function  2026 ": SAMPLE}
    )
    names = openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames
    assert len(names) == 2 and len(set(n.lower() for n in names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_named_index_is_written_as_a_column() -> None:
    df = pd.DataFrame({"WTE": [1.0, 2.0]}, index=pd.Index(["Band 5", "Band 6"], name="Band"))
    ws = read_back(export.table_xlsx(df))
    assert [ws.cell(row=1, column=c).value for c in (1, 2)] == ["Band", "WTE"]
    assert ws.cell(row=3, column=1).value == "Band 6"
    lines = export.table_csv(df).decode("utf-8-sig").splitlines()
    assert lines == ["Band,WTE", "Band 5,1.0", "Band 6,2.0"]


def test_csv_is_utf8_with_bom_and_crlf() -> None:
    raw = export.table_csv(pd.DataFrame({"name": ["Müller"], "WTE": [0.8]}))
    assert raw == "\ufeffname,WTE\r\nMüller,0.8\r\n".encode()


def test_names_are_dropped_unless_asked() -> None:
    df = pd.DataFrame({"staff_id": ["S1"], "Name": ["Ann"], "Signed off by": ["Bob"], "band": ["6"]})
    assert list(export.without_names(df).columns) == ["staff_id", "band"]
    assert list(df.columns) == ["staff_id", "Name", "Signed off by", "band"]


def test_native_chart_refers_to_the_written_cells() -> None:
    buffer = io.BytesIO()
    wb = export.new_workbook(buffer)
    df = pd.DataFrame(
        {"Band": ["5", "6", "7"], "WTE in post": [3.0, 4.5, 1.0], "WTE needed": [4.0, 5.0, 1.5]}
    )
    ws, table = export.write_sheet(wb, "Skill mix", df, title="Skill mix")
    export.add_native_chart(
        wb, ws, df, "column", "Band", ["WTE in post", "WTE needed"], "WTE by band", "WTE", "F3"
    )
    wb.close()
    z = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    chart = z.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart and '<c:barDir val="col"/>' in chart
    assert "'Skill mix'!$B$4:$B$6" in chart and "'Skill mix'!$C$4:$C$6" in chart
    assert "'Skill mix'!$A$4:$A$6" in chart
    assert "005EB8" in chart  # first series in NHS blue
    assert table.header_row == 2 and table.n_rows == 3


def test_native_chart_without_its_data_says_what_to_do() -> None:
    wb = export.new_workbook(io.BytesIO())
    ws = wb.add_worksheet("Empty")
    with pytest.raises(ValueError, match="write_sheet"):
        export.add_native_chart(wb, ws, SAMPLE, "line", "Band", ["WTE"], "t", "WTE", "A1")
    with pytest.raises(ValueError, match="kind"):
        export.add_native_chart(wb, ws, SAMPLE, "pie", "Band", ["WTE"], "t", "WTE", "A1")
    wb.close()


@pytest.mark.parametrize(
    ("name", "values", "fmt"),
    [
        ("Pay band", [5, 6], "#,##0"),
        ("Percent", [20.0, 50.0], "#,##0.00"),
        ("Year", [2025.0, 2026.0], "0"),
        ("fte_total", [1.0], "0.00"),
        ("Budget", [1.5], "£#,##0"),
        ("label", ["a"], None),
    ],
)
def test_column_format_hints(name: str, values: list, fmt: str | None) -> None:
    assert column_format(name, pd.Series(values)) == fmt


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (3.2, "0.00", "3.20"),
        (-45000.4, "£#,##0", "-£45,000"),
        (0.25, "0.0%", "25.0%"),
        (dt.date(2025, 4, 1), "dd/mm/yyyy", "01/04/2025"),
        (float("nan"), "0.00", ""),
        (1234, "#,##0", "1,234"),
        ("=1+1", None, "=1+1"),
    ],
)
def test_display_value_matches_the_xlsx_formats(value: object, fmt: str | None, text: str) -> None:
    assert display_value(value, fmt) == text


def test_zip_bytes_members_order_and_path_checks() -> None:
    data = export.zip_bytes(
        {"charts/a.png": b"\x89PNG", "tables.xlsx": b"PK", "read-me.txt": b"hi"},
        date_time=(2026, 1, 2, 3, 4, 6),
    )
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.namelist() == ["charts/a.png", "tables.xlsx", "read-me.txt"]
    assert z.read("read-me.txt") == b"hi"
    assert z.getinfo("charts/a.png").compress_type == zipfile.ZIP_STORED
    assert z.getinfo("read-me.txt").compress_type == zipfile.ZIP_DEFLATED
    assert z.getinfo("read-me.txt").date_time == (2026, 1, 2, 3, 4, 6)
    assert data == export.zip_bytes(
        {"charts/a.png": b"\x89PNG", "tables.xlsx": b"PK", "read-me.txt": b"hi"},
        date_time=(2026, 1, 2, 3, 4, 6),
    )
    for bad in ("../x", "/etc/x", "a\\b", ""):
        with pytest.raises(ValueError, match="relative"):
            export.zip_bytes({bad: b""})


def test_safe_filename() -> None:
    assert export.safe_filename("Gaps by band (2026/27)") == "gaps-by-band-2026-27"
    assert export.safe_filename("Über £ / :?") == "uber"
    assert export.safe_filename("///", default="chart") == "chart"
