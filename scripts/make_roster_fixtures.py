"""Regenerate the roster-ingest test fixtures in tests/fixtures/roster/ (synthetic people only).

Usage: ``.venv/bin/python scripts/make_roster_fixtures.py [OUTDIR]``

Files that matter for format fidelity are saved by LibreOffice (headless ``soffice --convert-to``),
not only by Python libraries: CSV sources are imported with the UTF-8 filter (and UK date order),
and workbooks built with openpyxl are re-saved by LibreOffice. Password-protected files are saved by
LibreOffice through its UNO API (``/usr/bin/python3`` with Debian's python3-uno), because the
command-line converter cannot set a password. Large files (a zip bomb, 200,000-row CSVs) are built
by the tests themselves in a temporary folder; :func:`make_zip_bomb` is shared with them.

Fixtures and what each tests:
    messy_headers.xlsx      title and note rows above the header, odd header case and spacing, synonyms,
                            errors of every row kind, blank rows, a totals row, unrecognised columns
    multi_service_sheets.xlsx  one sheet per service, plus Read me and Lists sheets to skip
    service_column.ods      several services in one sheet (a Team column)
    win1252_semicolon.csv   Windows-1252 text, semicolons, decimal commas, accented names
    simple_staff.csv/.xls/.ods  the same small roster in three formats
    london_record.xlsx      Staff + Competencies in the London individual-record columns
    wide_competencies.xlsx  a roster with one column per competency
    esr_export.csv          ESR-style columns: Assignment Number, Grade codes, contracted hours
    formula_injection.xlsx/.csv  cells that look like formulas
    garbage.xlsx, empty.csv, blank_workbook.xlsx, word_document.xlsx, no_header.xlsx,
    password.xlsx, password.ods, password.xls   one file per refusal kind
    region_services.xlsx/.ods  three services' staff and a Services sheet (populations, an eligible
                            population, a per-service referral rate, a misspelt service, a notes column)
"""

from __future__ import annotations

import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "roster"
#: LibreOffice CSV import: comma, double quote, UTF-8 (76), start at line 1, default columns, en-GB dates.
CSV_FILTER = "CSV:44,34,76,1,,2057"

# fmt: off
MESSY = [
    ["South Sector Pulmonary Rehabilitation – staff list April 2025"],
    [],
    ["Updated by the service lead; one row per post"],
    [" EMPLOYEE  NUMBER ", "Full name", "Pay Band", "fte", "PR function", "Registered?", "Regulator",
     "staff group", "Proffesion", "Notes"],
    ["E1001", "Asha Patel", "Band 5", "1", "Delivering PR", "Yes", "HCPC", "Physiotherapist", "Physio", ""],
    ["E1002", "Ben Okafor", "B6", "0.8", "delivering", "Y", "NMC", "Nurse", "Nurse", ""],
    ["E1003", "Cara Lewis", "AfC 7", "60%", "Delivering & managing PR", "yes", "", "", "", ""],
    [],
    ["E1004", "Dev Singh", "8A", "1.0", "Leading PR (service management)", "Yes", "HCPC", "Physiotherapist", "", ""],
    ["E1005", "Ed Jones", "NHS|XR04|Review Body Band 4", "0.5", "Supporting", "No", "", "Rehab assistant", "", ""],
    ["E1006", "Fay Wu", "Band 10", "1", "Delivering", "yes", "HCPC", "Physiotherapist", "", ""],
    ["E1007", "Gus Roe", "5", "abc", "Delivering", "yes", "HCPC", "Physiotherapist", "", "on leave"],
    ["E1008", "Hal Poe", "6", "2", "Delivering", "yes", "HCPC", "Physiotherapist", "", ""],
    ["", "Ivy Lee", "5", "1", "Delivering", "yes", "HCPC", "Physiotherapist", "", ""],
    ["E1009", "Jo Kim", "3", "0.4", "Supporting PR", "no", "", "", "", "x"],
    [],
    ["Total", "", "", "6.7", "", "", "", "", "", ""],
]
SIMPLE = [
    ["Staff ID", "Name", "Band", "WTE", "Function", "Profession", "Registration body"],
    ["S1", "Amy Adams", "Band 3", "1", "Supporting PR", "Rehabilitation assistant", ""],
    ["S2", "Bo Brown", "Band 5", "0.8", "Delivering PR", "Physiotherapist", "HCPC"],
    ["S3", "Cy Clark", "Band 6", "1", "Delivering PR", "Clinical exercise physiologist", "AHCS"],
    ["S4", "Di Dunn", "Band 7", "0.6", "Delivering PR", "Nurse", "NMC"],
    ["S5", "Ez Ellis", "Band 8a", "1", "Delivering and managing PR", "Physiotherapist", "HCPC"],
]
SERVICE_COLUMN = [
    ["Staff ID", "Name", "Team", "AfC band", "WTE"],
    ["R1", "Ria Reed", "Riverside PR", "5", "1"],
    ["R2", "Rob Ross", "Riverside PR", "6", "0.5"],
    ["H1", "Hana Hill", "Hillcrest PR", "4", "1"],
    ["H2", "Huw Hart", "Hillcrest PR", "7", "0.8"],
    ["X1", "Xan Xu", "", "3", "0.6"],
]
ESR = [
    ["Assignment Number", "Last Name", "First Name", "Organisation", "Grade", "Contracted Hours",
     "Staff Group", "Job Role"],
    ["12345678-1", "Smith", "Anna", "344 Respiratory North", "NHS|XR06|Review Body Band 6", "37.5",
     "Allied Health Professionals", "Physiotherapist"],
    ["12345679-1", "Jones", "Bill", "344 Respiratory North", "NHS|XR03|Review Body Band 3", "22.5",
     "Additional Clinical Services", "Rehabilitation Assistant"],
    ["12345680-1", "Khan", "Cy", "344 Respiratory South", "NHS|XR08A|Review Body Band 8 - Range A", "30",
     "Allied Health Professionals", "Physiotherapist"],
    ["12345681-1", "Lee", "Di", "344 Respiratory South", "XR05", "60", "Nursing and Midwifery Registered",
     "Staff Nurse"],
]
LONDON_HEADERS = ["Staff ID", "Reference no.", "Competency", "Achieved? (yes / no) Self - assessment",
                  "Date of self - assessment",
                  "Evidence (Please provide 1-2 sentences to evidence your achievement of competency – see "
                  "'How to use' section for information and examples)", "Signed off – name and date:"]
LONDON_ROWS = [
    ["L1", "BTS-B3-CCS-01", "good communication skills", "Yes", "01/04/2025", "Induction", "J Smith 12/03/2025"],
    ["L1", "BTS-B3-CCS-02", "", "yes", date(2025, 4, 2), "Audit of notes", "J Smith, 12 Mar 2025"],
    ["L1", "XC-01", "Basic life support", "Yes", date(2025, 4, 3), "", ""],
    ["L2", "BTS-B3-CCS-01", "", "No", "", "", ""],
    ["L2", "BTS-B3-CCS-03", "", "In progress", "", "", ""],
    ["L2", "", "Conflict resolution", "Yes", "15/05/2025", "e-learning", "20/05/2025 K Patel"],
    [],
    ["L9", "XC-01", "", "yes", "01/06/2025", "", "A Boss 01/06/2025"],
    ["", "XC-01", "", "yes", "", "", ""],
    ["L2", "ZZ-99", "made-up competency", "yes", "31/02/2025", "", "B Lead 01/07/2025"],
    ["L1", "", "", "yes", "", "", ""],
]
WIDE_HEADERS = ["Staff ID", "Name", "Band", "WTE", "XC-01", "Conflict resolution", "BTS-B3-CCS-01", "Spirometry",
                "Start date"]
WIDE_ROWS = [
    ["K1", "Kay Kerr", "5", 1, "Yes", "✓", date(2025, 3, 1), "in progress", date(2020, 1, 1)],
    ["K2", "Kit Kemp", "6", 1, "No", "", "achieved", "Y", ""],
    ["K3", "Kim Knox", "10", 1, "yes", "yes", "yes", "yes", ""],
    ["K4", "Kev Kane", "4", 0.5, "maybe", "x", "working towards", "N", ""],
]
FORMULA_ROWS = [
    ["Staff ID", "Name", "Band", "WTE"],
    ["=1+1", '=HYPERLINK("http://example.invalid","click")', "5", "1"],
    ["@SUM(A1)", "+44 20 7946 0000", "=A1", "1"],
    ["-3", "\tTabbed", "6", "0.5"],
]
# fmt: on


def _csv_text(rows: list[list[object]], delimiter: str = ",") -> str:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def soffice(target: str, sources: list[Path], outdir: Path, infilter: str | None = None) -> None:
    """Convert files with headless LibreOffice (a throwaway profile, so it never clashes with a user's)."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    cmd = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
    ]
    if infilter:
        cmd.insert(3, f"--infilter={infilter}")
    subprocess.run([*cmd, *map(str, sources)], check=True, capture_output=True, timeout=180)
    shutil.rmtree(profile, ignore_errors=True)


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
    book.save(path)


_UNO_SCRIPT = r"""
import os, subprocess, sys, time, uno
from com.sun.star.beans import NamedValue, PropertyValue
def pv(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
src, pipe = sys.argv[1], f"lo_{os.getpid()}"
proc = subprocess.Popen(["soffice", f"-env:UserInstallation=file:///tmp/lo-uno-{os.getpid()}", "--headless",
    "--invisible", "--norestore", f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    ctx0 = uno.getComponentContext()
    resolver = ctx0.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx0)
    for _ in range(150):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"); break
        except Exception:
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (pv("Hidden", True),))
    for dst, filt in zip(sys.argv[2::2], sys.argv[3::2]):
        if "2007" in filt:
            a = NamedValue(); a.Name = "CryptoType"; a.Value = "Standard"
            b = NamedValue(); b.Name = "OOXPassword"; b.Value = "secret"
            enc = uno.Any("[]com.sun.star.beans.NamedValue", (a, b))
            args = (pv("FilterName", filt), pv("EncryptionData", enc), pv("Overwrite", True))
        else:
            args = (pv("FilterName", filt), pv("Password", "secret"), pv("Overwrite", True))
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(dst), args))
    doc.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    proc.terminate()
    proc.wait(timeout=30)
    import shutil
    shutil.rmtree(f"/tmp/lo-uno-{os.getpid()}", ignore_errors=True)
"""


def password_files(source: Path, outdir: Path) -> bool:
    """Save ``source`` with a password as .xlsx, .ods and .xls through LibreOffice's UNO API."""
    python = Path("/usr/bin/python3")
    if not python.exists():
        return False
    script = outdir / "_encrypt.py"
    script.write_text(_UNO_SCRIPT)
    targets = [
        (outdir / "password.xlsx", "Calc MS Excel 2007 XML"),
        (outdir / "password.ods", "calc8"),
        (outdir / "password.xls", "MS Excel 97"),
    ]
    args = [str(python), str(script), str(source)] + [x for t, f in targets for x in (str(t), f)]
    result = subprocess.run(args, capture_output=True, timeout=180, check=False)
    script.unlink()
    return result.returncode == 0 and all(t.exists() for t, _ in targets)


def _zip_entry(
    name: bytes, payload: bytes, crc: int, size: int, offset: int, method: int
) -> tuple[bytes, bytes]:
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(payload), size, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        method,
        0,
        0,
        crc,
        len(payload),
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    return local + name + payload, central + name


def make_zip_bomb(path: Path, unpacked_bytes: int = 2_000_000_000, *, declared: int | None = None) -> Path:
    """Write an .xlsx-shaped zip whose worksheet inflates to ``unpacked_bytes`` of repeated XML rows.

    The deflate stream is one compressed 1 MiB block repeated (each block ends on a full flush, so
    blocks are independent), which builds a 2 GB bomb as a ~2 MB file in a second without ever
    holding the unpacked data. ``declared`` makes the header lie about the unpacked size.
    """
    chunk = b"<row><c><v>0</v></c></row>" * ((1 << 20) // 26)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush(zlib.Z_FINISH)
    repeats = max(1, unpacked_bytes // len(chunk))
    crc = 0
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    members = [
        (b"[Content_Types].xml", b'<?xml version="1.0"?><Types/>', 0),
        (b"xl/workbook.xml", b'<?xml version="1.0"?><workbook/>', 0),
        (b"xl/worksheets/sheet1.xml", block * repeats + end, 8),
    ]
    body, central = b"", b""
    for name, payload, method in members:
        if method == 0:
            size, member_crc = len(payload), zlib.crc32(payload)
        else:
            size, member_crc = (declared if declared is not None else repeats * len(chunk)), crc
        local, entry = _zip_entry(name, payload, member_crc, min(size, 0xFFFFFFFF), len(body), method)
        body += local
        central += entry
    end_record = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(body), 0
    )
    path.write_bytes(body + central + end_record)
    return path


REGION_STAFF = [
    ["Staff ID", "Name", "Service", "Band", "WTE"],
    ["R1", "Rae North", "North PR", "Band 6", 1],
    ["R2", "Rob North", "North PR", "Band 4", 0.8],
    ["R3", "Ria South", "South PR", "Band 7", 1],
    ["R4", "Ray South", "South PR", "Band 3", 0.6],
    ["R5", "Ros East", "East PR", "Band 5", 1],
]
REGION_SERVICES = [
    ["Service", "Population", "Eligible population", "Referral rate now", "Notes"],
    ["North PR", 450000, "", 0.3, "synthetic"],
    ["South PR", "", 3200, "", "local figure (synthetic)"],
    [],
    ["Est PR", "200,000", "", "", "misspelt on purpose"],
]


def region_files(outdir: Path) -> None:
    """The region fixtures: an openpyxl workbook re-saved by LibreOffice as .xlsx and .ods."""
    work = Path(tempfile.mkdtemp(prefix="region-fixtures-"))
    try:
        _workbook(work / "region_services.xlsx", {"Staff": REGION_STAFF, "Services": REGION_SERVICES})
        resaved = work / "resaved"
        resaved.mkdir()
        soffice("xlsx", [work / "region_services.xlsx"], resaved)
        soffice("ods", [work / "region_services.xlsx"], resaved)
        for produced in resaved.iterdir():
            shutil.copy(produced, outdir / produced.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(outdir: Path = OUT) -> None:
    """Write every fixture into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="roster-fixtures-"))
    try:
        (work / "messy_headers.csv").write_text(_csv_text(MESSY), encoding="utf-8")
        (work / "simple_staff.csv").write_text(_csv_text(SIMPLE), encoding="utf-8")
        (work / "service_column.csv").write_text(_csv_text(SERVICE_COLUMN), encoding="utf-8")
        (work / "no_header.csv").write_text(
            _csv_text([["Bnad", "Emp", "Hrs pw"], ["5", "E1", "37.5"]]), "utf-8"
        )
        shutil.copy(work / "simple_staff.csv", outdir / "simple_staff.csv")
        soffice("xlsx", [work / "messy_headers.csv", work / "no_header.csv"], outdir, CSV_FILTER)
        soffice("xls", [work / "simple_staff.csv"], outdir, CSV_FILTER)
        soffice("ods", [work / "simple_staff.csv", work / "service_column.csv"], outdir, CSV_FILTER)
        lists = [["Bands"], *[[b] for b in ("3", "4", "5", "6", "7", "8a")]]
        _workbook(
            work / "multi_service_sheets.xlsx",
            {
                "Read me": [["How to fill in this workbook"], ["One sheet per service."]],
                "North PR": [
                    ["Staff ID", "Name", "Band", "WTE"],
                    ["N1", "Nia Nash", "5", 1],
                    ["N2", "Ned Noon", "6", 0.6],
                    ["N3", "Nell Nye", "3", 0.5],
                ],
                "South PR": [
                    ["Staff ID", "Name", "Band", "WTE"],
                    ["S1", "Sam Sims", "7", 1],
                    ["S2", "Sue Snow", "4", 0.8],
                    ["S3", "Sid Sole", "Band 5/6", 1],
                ],
                "Lists": lists,
            },
        )
        _workbook(
            work / "london_record.xlsx",
            {
                "Staff": [
                    [
                        "Staff ID",
                        "Name",
                        "Service",
                        "Band",
                        "WTE",
                        "Function",
                        "Profession",
                        "Registration body",
                    ],
                    ["L1", "Lara Lamb", "Team", "Band 5", 1, "Delivering PR", "Physiotherapist", "HCPC"],
                    [
                        "L2",
                        "Leo Lord",
                        "Team",
                        "Band 3",
                        0.6,
                        "Supporting PR",
                        "Rehabilitation assistant",
                        "",
                    ],
                ],
                "Competencies": [
                    ["Individual competency record – Delivering PR"],
                    [],
                    LONDON_HEADERS,
                    *LONDON_ROWS,
                ],
            },
        )
        _workbook(work / "wide_competencies.xlsx", {"Team": [WIDE_HEADERS, *WIDE_ROWS]})
        _workbook(work / "blank_workbook.xlsx", {"Sheet1": []})
        resaved = work / "resaved"
        resaved.mkdir()
        soffice(
            "xlsx",
            [
                work / f"{n}.xlsx"
                for n in ("multi_service_sheets", "london_record", "wide_competencies", "blank_workbook")
            ],
            resaved,
        )
        for produced in resaved.iterdir():
            shutil.copy(produced, outdir / produced.name)
        (work / "memo.txt").write_text("Minutes of the team meeting.\n", encoding="utf-8")
        soffice("docx", [work / "memo.txt"], work)
        shutil.copy(work / "memo.docx", outdir / "word_document.xlsx")
        win = _csv_text(
            [
                ["Staff ID", "Name", "Band", "WTE", "Function", "Registration body"],
                ["W1", "Jürgen Müller", "Band 6", "0,6", "Delivering PR", "HCPC"],
                ["W2", "Zoë Brontë", "5", "1", "Supporting PR", ""],
                ["W3", "José Núñez", "8b", "1,0", "Leading PR", "NMC"],
            ],
            delimiter=";",
        )
        (outdir / "win1252_semicolon.csv").write_bytes(win.encode("cp1252"))
        (outdir / "esr_export.csv").write_bytes(_csv_text(ESR).encode("utf-8-sig"))
        (outdir / "formula_injection.csv").write_text(_csv_text(FORMULA_ROWS), encoding="utf-8")
        _formula_xlsx(outdir / "formula_injection.xlsx")
        region_files(outdir)
        (outdir / "garbage.xlsx").write_bytes(random.Random(3).randbytes(4096))
        (outdir / "empty.csv").write_bytes(b"")
        if not password_files(outdir / "simple_staff.ods", outdir):
            print(
                "warning: could not save password-protected files (needs /usr/bin/python3 with python3-uno)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for path in sorted(outdir.iterdir()):
        print(f"{path.stat().st_size:>8,}  {path.name}")


def _formula_xlsx(path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    sheet = book.add_worksheet("Staff")
    for r, row in enumerate(FORMULA_ROWS):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
