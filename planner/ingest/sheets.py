"""Read a workbook or CSV into raw grids: every cell as the file stores it, nothing coerced.

Spreadsheets are read with python-calamine, which returns cached cell values and never evaluates a
formula, so a text cell ``=1+1`` comes back as the text ``=1+1``. CSV files are decoded (UTF-8 with
or without a byte-order mark, else Windows-1252), their delimiter sniffed (comma, semicolon or tab)
and every cell kept as text. Row 1 of a grid is row 1 of the sheet, so row numbers in reports match
what Excel shows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from planner.ingest.filecheck import MAX_ROWS, RosterRefused

#: Title rows above a header that are tolerated on top of MAX_ROWS data rows.
_HEADER_SLACK = 100
_DELIMITERS = (",", ";", "\t")


@dataclass
class RawSheet:
    """One sheet as read: ``rows[0]`` is spreadsheet row 1; empty cells are ``""``."""

    name: str
    rows: list[list[Any]]


def read_sheets(
    data: bytes, kind: str, filename: str, *, engine: str = "calamine", only: str | None = None
) -> list[RawSheet]:
    """Read every sheet (or one) of a checked file into raw grids.

    Args:
        data: the file's bytes (already passed :func:`planner.ingest.filecheck.check_file`).
        kind: ``xlsx``, ``xls``, ``ods`` or ``csv`` as returned by ``check_file``.
        filename: used for the CSV's sheet name and in messages.
        engine: ``calamine`` (python-calamine directly; the default), or ``pandas-calamine`` /
            ``openpyxl`` (pandas ``read_excel`` with that engine; used by the benchmark).
        only: read just this sheet (matched ignoring case and surrounding spaces).

    Returns:
        The sheets in workbook order.

    Raises:
        RosterRefused: ``password_protected``, ``unreadable``, ``too_many_rows``, ``sheet_not_found``.
    """
    name = PurePath(filename or "file").name
    if kind == "csv":
        sheets = [RawSheet(PurePath(name).stem or "CSV", _read_csv(data, name))]
    elif engine == "calamine":
        sheets = _read_calamine(data, name, only)
    elif engine in ("openpyxl", "pandas-calamine"):
        sheets = _read_pandas(data, name, engine, only)
    else:
        raise ValueError(f"Unknown engine {engine!r}; use 'calamine', 'pandas-calamine' or 'openpyxl'.")
    if only is not None:
        picked = [s for s in sheets if _same(s.name, only)]
        if not picked:
            raise RosterRefused(
                "sheet_not_found",
                f"'{name}' has no sheet called '{only}'. Its sheets are: {', '.join(s.name for s in sheets)}.",
            )
        sheets = picked
    return sheets


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _unreadable(name: str, exc: BaseException) -> RosterRefused:
    if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
        raise exc
    if type(exc).__name__ == "PasswordError":
        return RosterRefused(
            "password_protected",
            f"'{name}' is password-protected, so it cannot be read. Remove the password and upload it again.",
        )
    return RosterRefused(
        "unreadable",
        f"'{name}' could not be read ({type(exc).__name__}). It may be damaged or saved by an unusual "
        "program: open it in Excel or LibreOffice, save it again as .xlsx, and upload that.",
    )


def _too_many(name: str, rows: int) -> RosterRefused:
    return RosterRefused(
        "too_many_rows",
        f"'{name}' has {rows:,} rows; the planner reads at most {MAX_ROWS:,}. "
        "A team roster is far smaller: check for a whole-organisation export and keep only your services.",
    )


def _read_calamine(data: bytes, name: str, only: str | None) -> list[RawSheet]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        out: list[RawSheet] = []
        total = 0
        for meta in book.sheets_metadata:
            if only is not None and not _same(meta.name, only):
                out.append(RawSheet(meta.name, []))
                continue
            if "Chart" in str(meta.typ):
                continue
            sheet = book.get_sheet_by_name(meta.name)
            total += sheet.height
            if sheet.height > MAX_ROWS + _HEADER_SLACK or total > MAX_ROWS + _HEADER_SLACK * (len(out) + 1):
                raise _too_many(name, total)
            out.append(RawSheet(meta.name, sheet.to_python(skip_empty_area=False)))
        return out
    except (RosterRefused, KeyboardInterrupt, SystemExit):
        raise
    # Contains any parser failure, a Rust panic included (python-calamine's PanicException derives from
    # BaseException): each is an unreadable file. Proven by
    # tests/unit/test_roster_properties.py::test_damaged_files_are_read_or_refused_never_crash.
    except BaseException as exc:
        raise _unreadable(name, exc) from exc


def _read_pandas(data: bytes, name: str, engine: str, only: str | None) -> list[RawSheet]:
    import pandas as pd

    try:
        frames = pd.read_excel(
            io.BytesIO(data),
            sheet_name=None,
            header=None,
            dtype=object,
            engine="calamine" if engine == "pandas-calamine" else engine,
            na_filter=False,
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    # As above: any parser failure, a Rust panic included, is an unreadable file. Proven by
    # tests/unit/test_roster_properties.py::test_damaged_files_are_read_or_refused_never_crash.
    except BaseException as exc:
        raise _unreadable(name, exc) from exc
    total = sum(len(f) for f in frames.values())
    if total > MAX_ROWS + _HEADER_SLACK * len(frames):
        raise _too_many(name, total)
    return [RawSheet(str(k), v.to_numpy().tolist()) for k, v in frames.items()]


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Windows-1252 leaves five byte values undefined; a file using them is decoded as Latin-1 so that
    nothing fails, and such bytes are control characters no roster contains.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter giving the most consistent column count over the first lines.

    ``csv.Sniffer`` guesses wrongly on short files with commas inside quoted names, so each
    candidate is parsed properly and scored by how many lines share the commonest width.
    """
    sample = text[:65536]
    lines = sample.splitlines()[:50]
    if len(lines) > 1 and len(sample) == 65536:
        lines = lines[:-1]
    best, best_score = ",", (-1, -1)
    for delim in _DELIMITERS:
        widths = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        multi = [w for w in widths if w > 1]
        if not multi:
            continue
        common = max(set(multi), key=multi.count)
        score = (multi.count(common), common)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(data: bytes, name: str) -> list[list[Any]]:
    text = decode_text(data)
    if "\x00" in text:
        raise RosterRefused("not_spreadsheet", f"'{name}' is not a text (CSV) file. Save it as CSV or .xlsx.")
    delim = sniff_delimiter(text)
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delim):
            rows.append(row)
            if len(rows) > MAX_ROWS + _HEADER_SLACK:
                raise _too_many(name, len(rows))
    except csv.Error as exc:
        raise RosterRefused(
            "unreadable", f"'{name}' is not a well-formed CSV file ({exc}). Save it again from Excel as CSV."
        ) from exc
    return rows
