"""Table exports: formatted XLSX (xlsxwriter), CSV for Excel, and formula neutralising.

Spreadsheet safety follows OWASP's CSV-injection guidance. Any text cell beginning with ``=``, ``+``,
``-``, ``@``, tab or carriage return (or their full-width forms, which some Excel versions accept) is
never evaluated:

* CSV has no cell types, so such text gets a leading ``'`` (:func:`neutralise`).
* XLSX cells are written with ``write_string`` only (never ``write_formula``), with xlsxwriter's
  ``strings_to_formulas``/``strings_to_urls``/``strings_to_numbers`` off, and with Excel's own
  *quote prefix* cell style, so the text shows exactly as it is and stays text if someone edits it.

Numbers stay numbers: a negative number is not text and is written as a number.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
import re
import textwrap
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner import style
from planner.export.formats import DATE_FORMAT, column_format, content_width

__all__ = [
    "FORMULA_TRIGGERS",
    "PERSONAL_COLUMNS",
    "SheetTable",
    "column_format",
    "neutralise",
    "neutralise_frame",
    "new_workbook",
    "table_csv",
    "table_xlsx",
    "tables_on",
    "without_names",
    "write_sheet",
]

#: First characters that make Excel or LibreOffice treat text as a formula (OWASP), plus full-width forms.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


_MAX_WIDTH = 60


def _is_trigger_text(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise(value: Any) -> Any:
    """Make a text value safe for a spreadsheet: prefix ``'`` when it would be read as a formula.

    Args:
        value: any cell value.

    Returns:
        ``"'" + value`` for text beginning with a formula trigger; any other value unchanged (numbers,
        negative ones included, stay numbers).
    """
    return "'" + value if _is_trigger_text(value) else value


def _neutralise_labels(labels: pd.Index) -> pd.Index:
    return pd.Index([neutralise(label) for label in labels], name=labels.name)


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with :func:`neutralise` applied to every text cell and to the column names.

    Args:
        df: any DataFrame.

    Returns:
        A new DataFrame; numeric, date and boolean columns are untouched.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            out[col] = s.cat.rename_categories([neutralise(c) for c in s.cat.categories])
        elif s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out[col] = s.map(neutralise, na_action="ignore")
    out.columns = _neutralise_labels(out.columns)
    return out


#: Columns holding people's names (docs/data-model.md), compared lower-case with spaces/hyphens as "_".
PERSONAL_COLUMNS = frozenset(
    {"name", "staff_name", "full_name", "first_name", "forename", "surname", "last_name", "signed_off_by"}
)


def without_names(df: pd.DataFrame) -> pd.DataFrame:
    """The table without columns of people's names (``name``, ``Name``, ``signed_off_by``…).

    Exports leave names out unless the user asks for them (issue 6, privacy).

    Args:
        df: any table.

    Returns:
        A copy without the personal-name columns; other columns unchanged.
    """
    drop = [c for c in df.columns if re.sub(r"[\s\-]+", "_", str(c).strip().lower()) in PERSONAL_COLUMNS]
    return df.drop(columns=drop)


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Named or multi-level indexes become columns; multi-level column names are joined."""
    if isinstance(df.index, pd.MultiIndex) or df.index.name is not None:
        df = df.reset_index()
    if isinstance(df.columns, pd.MultiIndex):
        df = df.copy()
        df.columns = [" · ".join(str(p) for p in parts if str(p)) for parts in df.columns]
    return df


def table_csv(df: pd.DataFrame) -> bytes:
    """The table as CSV for Excel: UTF-8 with a byte-order mark, CRLF lines, formulas neutralised.

    Args:
        df: the table. A named index is written as a column; an unnamed one is left out.

    Returns:
        CSV bytes.
    """
    return neutralise_frame(_flat(df)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


# --- workbook writing ---------------------------------------------------------------------------

WORKBOOK_OPTIONS: dict[str, Any] = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
    "nan_inf_to_errors": False,
    "default_format_properties": {"font_name": "Arial", "font_size": 10},
}


def new_workbook(buffer: io.BytesIO) -> Workbook:
    """A workbook writing into ``buffer`` with the safe options (no formulas, URLs or numbers from text).

    Args:
        buffer: where :meth:`Workbook.close` writes the file.

    Returns:
        An xlsxwriter workbook; write sheets with :func:`write_sheet`, then ``close()`` it.
    """
    return xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)


@dataclass(frozen=True)
class SheetTable:
    """Where :func:`write_sheet` put a table, for native charts and formulas that refer to it."""

    sheet: str
    header_row: int  # zero-based
    columns: tuple[str, ...]
    n_rows: int
    formats: tuple[str | None, ...]

    def col(self, name: str) -> int:
        """Zero-based column index of ``name``."""
        try:
            return self.columns.index(str(name))
        except ValueError:
            raise KeyError(f"column {name!r} is not in sheet {self.sheet!r}: {list(self.columns)}") from None

    def cells(self, name: str) -> list[Any]:
        """The ``[sheet, first_row, col, last_row, col]`` range of a column's values."""
        c = self.col(name)
        return [self.sheet, self.header_row + 1, c, self.header_row + max(self.n_rows, 1), c]


# Tables written on each worksheet, so add_native_chart can find its data without a SheetTable.
_TABLES: weakref.WeakKeyDictionary[Worksheet, list[SheetTable]] = weakref.WeakKeyDictionary()
_FORMATS: weakref.WeakKeyDictionary[Workbook, dict[tuple, Any]] = weakref.WeakKeyDictionary()


def tables_on(worksheet: Worksheet) -> list[SheetTable]:
    """The tables :func:`write_sheet` has written on ``worksheet``, oldest first."""
    return list(_TABLES.get(worksheet, []))


def _fmt(workbook: Workbook, **props: Any) -> Any:
    """One shared format object per distinct set of properties (Excel caps the number of styles)."""
    cache = _FORMATS.setdefault(workbook, {})
    key = tuple(sorted(props.items()))
    if key not in cache:
        cache[key] = workbook.add_format({"font_name": "Arial", "font_size": 10, **props})
    return cache[key]


def _sheet_name(workbook: Workbook, name: str) -> str:
    """A valid, unused Excel sheet name: no brackets, colon, star, question mark or slashes; 31 characters."""
    base = re.sub(r"[\[\]:*?/\\]", " ", str(name)).strip().strip("'") or "Sheet"
    base = base[:31]
    taken = {ws.get_name().lower() for ws in workbook.worksheets()}
    candidate, i = base, 2
    while candidate.lower() in taken:
        suffix = f" ({i})"
        candidate, i = base[: 31 - len(suffix)] + suffix, i + 1
    return candidate


def _write_text(ws: Worksheet, row: int, col: int, text: str, workbook: Workbook, **props: Any) -> None:
    if _is_trigger_text(text):
        props = {**props, "quote_prefix": True}
    ws.write_string(row, col, text, _fmt(workbook, **props) if props else None)


def _write_value(
    ws: Worksheet, row: int, col: int, value: Any, num_format: str | None, wb: Workbook, *, wrap: bool
) -> None:
    """Write one cell by its Python type: number, boolean, date or (formula-safe) text."""
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return
    if isinstance(value, bool | np.bool_):
        ws.write_boolean(row, col, bool(value))
    elif isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        when = pd.Timestamp(value).to_pydatetime()
        ws.write_datetime(row, col, when, _fmt(wb, num_format=num_format or DATE_FORMAT))
    elif isinstance(value, numbers.Real) and math.isfinite(float(value)):
        ws.write_number(row, col, float(value), _fmt(wb, num_format=num_format) if num_format else None)
    else:
        if isinstance(value, numbers.Real):
            value = "∞" if float(value) > 0 else "-∞"  # Excel has no infinity
        text = value if isinstance(value, str) else str(value)
        _write_text(ws, row, col, text, wb, **({"text_wrap": True, "valign": "top"} if wrap else {}))


_HEADER = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": style.NHS_BLUE,
    "text_wrap": True,
    "valign": "top",
    "border": 1,
    "border_color": "#FFFFFF",
}


def write_sheet(
    workbook: Workbook,
    name: str,
    df: pd.DataFrame,
    *,
    title: str | None = None,
    notes: Sequence[str] | None = None,
    number_formats: Mapping[str, str] | None = None,
    table_name: str | None = None,
) -> tuple[Worksheet, SheetTable]:
    """Write one formatted table on a new worksheet.

    Layout: an optional bold title in row 1 (then a blank row), the header (bold, white on NHS blue,
    frozen, with an autofilter), the rows, then an optional "Notes and sources" block after a blank row.
    Column widths follow the content (at most 60 characters; longer text wraps).

    Args:
        workbook: from :func:`new_workbook`.
        name: the sheet name (made valid and unique).
        df: the table; a named index becomes a column.
        title: a line above the table.
        notes: lines below the table (sources, assumptions, caveats).
        number_formats: Excel formats by column name, overriding :func:`column_format`.
        table_name: make the header and rows a named Excel table (letters and digits, unique in the
            workbook) with its own filter buttons, instead of a plain autofilter: screen readers announce
            its header row, and formulas can refer to it by name.

    Returns:
        The worksheet and where the table sits on it.
    """
    df = _flat(df)
    ws = workbook.add_worksheet(_sheet_name(workbook, name))
    header_row = 0
    if title:
        _write_text(ws, 0, 0, title, workbook, bold=True, font_size=14, font_color=style.NHS_DARK_BLUE)
        ws.set_row(0, 22)
        header_row = 2
    columns = [str(c) for c in df.columns]
    overrides = dict(number_formats or {})
    formats = tuple(
        overrides.get(c, column_format(c, df[orig])) for c, orig in zip(columns, df.columns, strict=True)
    )
    header_lines = 1
    for c, label in enumerate(columns):
        _write_text(ws, header_row, c, label, workbook, **_HEADER)
        values = df.iloc[:, c]
        # a long header wraps (up to 30 characters a line) rather than widening its column
        width = min(max(content_width(values), min(len(label), 30), 6) + 2, _MAX_WIDTH)
        ws.set_column(c, c, width)
        header_lines = max(header_lines, len(textwrap.wrap(label, max(width - 2, 1))))
        long_text = content_width(values) + 2 > _MAX_WIDTH
        for r, value in enumerate(values.tolist(), start=header_row + 1):
            _write_value(ws, r, c, value, formats[c], workbook, wrap=long_text)
    # LibreOffice does not grow rows for wrapped text on opening, so the header's height is set
    ws.set_row(header_row, 13.5 * header_lines)
    ws.freeze_panes(header_row + 1, 0)
    if columns and table_name:
        header = _fmt(workbook, **_HEADER)
        ws.add_table(
            header_row,
            0,
            header_row + max(len(df), 1),
            len(columns) - 1,
            {
                "name": table_name,
                "style": "Table Style Light 1",
                "columns": [{"header": label, "header_format": header} for label in columns],
            },
        )
    elif columns:
        ws.autofilter(header_row, 0, header_row + max(len(df), 1), len(columns) - 1)
    if notes:
        row = header_row + len(df) + 2
        _write_text(ws, row, 0, "Notes and sources", workbook, bold=True)
        for i, line in enumerate(notes, start=1):
            _write_text(ws, row + i, 0, str(line), workbook)
    # printing and PDF: A4 landscape, one page wide, header repeated on every page
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    table = SheetTable(ws.get_name(), header_row, tuple(columns), len(df), formats)
    _TABLES.setdefault(ws, []).append(table)
    return ws, table


def _per_sheet(value: Any, sheet: str) -> Any:
    return value.get(sheet) if isinstance(value, Mapping) else value


def table_xlsx(
    sheets: Mapping[str, pd.DataFrame] | pd.DataFrame,
    *,
    title: str | Mapping[str, str] | None = None,
    notes: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
    number_formats: Mapping[str, str] | None = None,
) -> bytes:
    """One or more tables as a formatted, formula-safe Excel workbook.

    Args:
        sheets: a DataFrame (one sheet called "Data") or ``{sheet name: DataFrame}`` in order.
        title: a title line for every sheet, or ``{sheet name: title}``.
        notes: note/source lines under every table, or ``{sheet name: [lines]}``.
        number_formats: Excel number formats by column name, overriding the automatic ones.

    Returns:
        XLSX bytes.
    """
    tables = {"Data": sheets} if isinstance(sheets, pd.DataFrame) else dict(sheets)
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    for name, df in tables.items():
        write_sheet(
            workbook,
            name,
            df,
            title=_per_sheet(title, name),
            notes=_per_sheet(notes, name),
            number_formats=number_formats,
        )
    workbook.close()
    return buffer.getvalue()
