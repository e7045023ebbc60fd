"""Export layer: every chart and table in the forms people paste into business cases and board papers.

One import for callers; the work is done in:

* :mod:`planner.export.colours`: the house export template; Streamlit placeholder colours found and
  replaced (so exported bars are never black).
* :mod:`planner.export.charts`: PNG and SVG through one persistent kaleido/Chromium renderer behind a
  lock; self-contained HTML.
* :mod:`planner.export.tables`: formatted, formula-safe XLSX; CSV for Excel; ``neutralise``.
* :mod:`planner.export.xlsx_charts`: native Excel charts (no browser).
* :mod:`planner.export.word`: Word reports with captioned figures (captions double as alt text).

and :func:`zip_bytes` here, for packs.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Mapping

from planner.export.charts import (
    ExportUnavailable,
    browser_path,
    figure_html,
    figure_png,
    figure_svg,
    renderer_running,
    stop_renderer,
)
from planner.export.colours import (
    EXPORT_TEMPLATE,
    PlaceholderColourError,
    assert_exportable,
    placeholder_colours,
    sanitise,
)
from planner.export.formats import column_format, display_value
from planner.export.tables import (
    FORMULA_TRIGGERS,
    PERSONAL_COLUMNS,
    SheetTable,
    neutralise,
    neutralise_frame,
    new_workbook,
    table_csv,
    table_xlsx,
    without_names,
    write_sheet,
)
from planner.export.word import Figure, Section, Table, docx_report
from planner.export.xlsx_charts import add_native_chart

__all__ = [
    "EXPORT_TEMPLATE",
    "FORMULA_TRIGGERS",
    "PERSONAL_COLUMNS",
    "ExportUnavailable",
    "Figure",
    "PlaceholderColourError",
    "Section",
    "SheetTable",
    "Table",
    "add_native_chart",
    "assert_exportable",
    "browser_path",
    "column_format",
    "display_value",
    "docx_report",
    "figure_html",
    "figure_png",
    "figure_svg",
    "neutralise",
    "neutralise_frame",
    "new_workbook",
    "placeholder_colours",
    "renderer_running",
    "safe_filename",
    "sanitise",
    "stop_renderer",
    "table_csv",
    "table_xlsx",
    "without_names",
    "write_sheet",
    "zip_bytes",
]

# Already-compressed formats are stored as they are: deflating them again costs time and saves nothing.
_STORED = (".png", ".jpg", ".jpeg", ".zip", ".xlsx", ".docx", ".pptx", ".gz")


def zip_bytes(
    members: Mapping[str, bytes], *, date_time: tuple[int, int, int, int, int, int] | None = None
) -> bytes:
    """A ZIP archive of the given members, in the given order.

    Args:
        members: ``{path inside the archive: bytes}``; paths use ``/`` and must be relative, with no
            ``..`` part.
        date_time: the timestamp every member gets (year, month, day, hour, minute, second); pass
            one for byte-identical archives. Default: now, local time.

    Returns:
        ZIP bytes.

    Raises:
        ValueError: a member path is absolute, empty, has a backslash or climbs out with ``..``.
    """
    stamp = date_time or dt.datetime.now().timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            norm = posixpath.normpath(name) if name else ""
            if not name or "\\" in name or name.startswith("/") or norm.startswith("..") or norm == ".":
                raise ValueError(f"archive member path {name!r} must be a relative path using '/'")
            info = zipfile.ZipInfo(norm, date_time=stamp)
            info.compress_type = (
                zipfile.ZIP_STORED if norm.lower().endswith(_STORED) else zipfile.ZIP_DEFLATED
            )
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def safe_filename(name: str, *, default: str = "export") -> str:
    """A file-name stem safe on Windows, macOS and Linux: ``"Gaps by band (2026/27)"`` → ``"gaps-by-band-2026-27"``.

    Args:
        name: a chart or table name.
        default: used when nothing usable is left.

    Returns:
        Lower-case ASCII letters, digits, ``-`` and ``_``; at most 80 characters.
    """
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9_]+", "-", ascii_name.lower()).strip("-_")[:80].strip("-_")
    return stem or default
