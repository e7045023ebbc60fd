"""Whole-file checks made before any spreadsheet parser sees an upload.

An upload is refused, with a message saying what to do, when it is empty, too large, not a
spreadsheet, password-protected, or a decompression bomb. The bomb check reads only the zip
archive's directory and then inflates each member in small pieces, counting bytes and stopping at
the first member that grows past what its header declared, so a bomb is refused in well under a
second without ever being held in memory.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import PurePath

#: The upload limit in MB; the same figure as ``server.maxUploadSize`` in ``.streamlit/config.toml``.
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
#: Rows read across all sheets before a file is refused as too large to be a team roster.
MAX_ROWS = 200_000
#: Largest total unpacked size of an xlsx/ods archive. A 200,000-row, 20-column sheet unpacks to
#: roughly 150 MB of XML, so 500 MB leaves room for honest files and none for bombs.
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
#: A member bigger than this that also compresses better than MAX_RATIO:1 is treated as a bomb.
#: Spreadsheet XML compresses 5-40:1; deflate cannot exceed about 1032:1; bombs sit near the top.
BIG_MEMBER_BYTES = 20 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000

_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 16
#: Inflating this far past a member's declared size means a lie, not a flipped bit.
_OVERRUN = 16 * 1024 * 1024


class RosterRefused(Exception):
    """A whole file is refused: nothing in it is read.

    Attributes:
        code: a stable reason code, e.g. ``not_spreadsheet``, ``empty``, ``password_protected``,
            ``no_header``, ``too_large``, ``too_many_rows``, ``zip_bomb``, ``unreadable``,
            ``sheet_not_found``.
        message: what is wrong and what to do, in words a service lead can act on.
    """

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


def check_file(data: bytes, filename: str, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Check an upload before parsing and say which reader it needs.

    Args:
        data: the file's bytes.
        filename: the name it was uploaded under (its suffix decides between CSV and garbage).
        max_bytes: the size limit; default 20 MB.

    Returns:
        ``"xlsx"`` (also .xlsm), ``"ods"``, ``"xls"`` or ``"csv"``.

    Raises:
        RosterRefused: ``empty``, ``too_large``, ``not_spreadsheet``, ``password_protected``,
            ``zip_bomb`` or ``unreadable``.
    """
    filename = PurePath(filename or "file").name
    suffix = PurePath(filename).suffix.lower()
    if len(data) == 0 or not data.strip():
        raise RosterRefused("empty", f"'{filename}' is empty. Choose the file that holds your team list.")
    if len(data) > max_bytes:
        raise RosterRefused(
            "too_large",
            f"'{filename}' is {describe_size(len(data))}; the limit is {describe_size(max_bytes)}. "
            "Remove other sheets, images or old data and save it again, or split it by service.",
        )
    if data.startswith(_ZIP_MAGIC):
        return _check_zip(data, filename)
    if data.startswith(_OLE_MAGIC):
        names = ole_stream_names(data)
        if "encryptedpackage" in names or "encryptioninfo" in names or xls_is_encrypted(data):
            raise _password(filename)
        return "xls"
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise RosterRefused(
            "not_spreadsheet",
            f"'{filename}' is named {suffix} but is not a spreadsheet that Excel or LibreOffice saved. "
            "Open it in Excel and use File > Save As > Excel Workbook (.xlsx), or save it as CSV.",
        )
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterRefused(
            "not_spreadsheet",
            f"'{filename}' is not a spreadsheet or CSV file. Upload an .xlsx, .xlsm, .xls, .ods or .csv file.",
        )
    if suffix not in (".csv", ".txt", ""):
        raise RosterRefused(
            "not_spreadsheet",
            f"'{filename}' is not a file type the planner reads. Save it as .xlsx, .xls, .ods or .csv.",
        )
    return "csv"


def describe_size(n: int) -> str:
    """A byte count as people say it: ``20 MB``, ``7.4 MB``, ``12 KB``."""
    return (
        f"{n / 1048576:.1f} MB".replace(".0 MB", " MB") if n >= 1048576 else f"{max(1, round(n / 1024))} KB"
    )


def _password(filename: str) -> RosterRefused:
    return RosterRefused(
        "password_protected",
        f"'{filename}' is password-protected, so it cannot be read. Open it, remove the password "
        "(Excel: File > Info > Protect Workbook > Encrypt with Password, then clear it; LibreOffice: "
        "File > Save As, untick 'Save with password') and upload it again.",
    )


def _bomb(filename: str, why: str) -> RosterRefused:
    return RosterRefused(
        "zip_bomb",
        f"'{filename}' was refused: {why}. A team roster never unpacks this large. "
        "If this really is your roster, open it and save it again, or save it as CSV.",
    )


def _check_zip(data: bytes, filename: str) -> str:
    """Identify an xlsx/ods archive and refuse bombs from its declared and actual member sizes."""
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    # Damage to an uploaded archive's directory (BadZipFile, NotImplementedError for odd versions,
    # ValueError, EOFError, a short read or a malformed header) means "save it again"; proved by
    # test_zip_whose_directory_cannot_be_read_is_unreadable and test_damaged_zip_is_unreadable
    # (tests/unit/test_roster_filecheck.py).
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError, struct.error) as exc:
        raise RosterRefused(
            "unreadable",
            f"'{filename}' is damaged (its zip structure cannot be read: {exc}). "
            "Open it in Excel or LibreOffice and save it again.",
        ) from exc
    names = {i.filename for i in infos}
    if len(infos) > MAX_MEMBERS:
        raise _bomb(filename, f"it holds {len(infos):,} parts")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise _bomb(filename, f"it would unpack to {total / 1048576:,.0f} MB")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > BIG_MEMBER_BYTES and ratio > MAX_RATIO:
            raise _bomb(filename, f"part '{info.filename}' expands {ratio:,.0f} times")
    _verify_members(data, infos, filename)
    try:
        return _zip_kind(zf, names, filename)
    except RosterRefused:
        raise
    # Any damage to an uploaded archive's members (a bad CRC, a corrupt deflate stream, an odd header)
    # means "save it again"; proved by test_zip_member_that_fails_its_checksum_is_unreadable
    # (tests/unit/test_roster_filecheck.py).
    except Exception as exc:
        raise RosterRefused(
            "unreadable", f"'{filename}' is damaged ({type(exc).__name__}). Open it and save it again."
        ) from exc


def _zip_kind(zf: zipfile.ZipFile, names: set[str], filename: str) -> str:
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "mimetype" in names:
        with zf.open("mimetype") as member:
            mimetype = member.read(100)
        if b"opendocument.spreadsheet" in mimetype:
            if "META-INF/manifest.xml" in names:
                with zf.open("META-INF/manifest.xml") as member:
                    manifest = member.read(1 << 20)  # a manifest is a few KB; never read a bomb whole
                if b"encryption-data" in manifest:
                    raise _password(filename)
            return "ods"
    raise RosterRefused(
        "not_spreadsheet",
        f"'{filename}' is a zip archive or document, not a spreadsheet (for example a Word file). "
        "Upload the Excel (.xlsx) or LibreOffice (.ods) file that holds your team list.",
    )


def _verify_members(data: bytes, infos: list[zipfile.ZipInfo], filename: str) -> None:
    """Inflate every member in bounded pieces; refuse one that outgrows its declared size.

    A header can lie about the unpacked size; the parsers downstream would believe the data, not the
    header. Counting the actual output, and stopping as soon as it passes the declared size, keeps
    the work bounded by the limits already checked.
    """
    view = memoryview(data)
    for info in infos:
        if info.file_size == 0 and info.compress_size == 0:
            continue
        start = _member_data_offset(data, info)
        if start is None or start + info.compress_size > len(data):
            raise RosterRefused(
                "unreadable", f"'{filename}' is damaged (part '{info.filename}' is cut short). Save it again."
            )
        raw = view[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            produced = len(raw)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            produced = _inflated_size(raw, info.file_size + _OVERRUN)
        else:
            raise RosterRefused(
                "unreadable",
                f"'{filename}' uses a compression method spreadsheets do not use. Save it again from Excel.",
            )
        if produced > info.file_size + _OVERRUN:
            raise _bomb(filename, f"part '{info.filename}' unpacks to far more than its header declares")
        if produced != info.file_size:  # a small mismatch is damage, not an attack
            raise RosterRefused(
                "unreadable",
                f"'{filename}' is damaged (part '{info.filename}' does not match its header). Save it again.",
            )


def _inflated_size(raw: memoryview, declared: int) -> int:
    """Bytes a raw deflate stream produces, stopping once it passes ``declared``."""
    inflater = zlib.decompressobj(-15)
    produced = 0
    try:
        for pos in range(0, len(raw), _CHUNK):
            piece = bytes(raw[pos : pos + _CHUNK])
            while piece:
                produced += len(inflater.decompress(piece, _CHUNK))
                if produced > declared:
                    return produced
                piece = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        return produced
    return produced


def _member_data_offset(data: bytes, info: zipfile.ZipInfo) -> int | None:
    """Where a member's compressed bytes start (after its local header)."""
    off = info.header_offset
    header = data[off : off + 30]
    if len(header) < 30 or header[:4] != _ZIP_MAGIC:
        return None
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    return off + 30 + name_len + extra_len


def ole_stream_names(data: bytes) -> set[str]:
    """Names (lower case) of the streams in an OLE compound file's directory.

    An encrypted .xlsx is an OLE file holding ``EncryptionInfo`` and ``EncryptedPackage`` streams
    (MS-OFFCRYPTO); a plain .xls holds ``Workbook``. Only the directory is read, following the
    sector allocation table, so cell text can never be mistaken for a stream name.

    Args:
        data: the whole file.

    Returns:
        The stream and storage names found; empty when the directory cannot be read.
    """
    return set(_ole_directory(data)[0])


def xls_is_encrypted(data: bytes) -> bool:
    """True when an .xls workbook stream starts with a FILEPASS record (BIFF8 password to open)."""
    head = _ole_stream_head(data, ("workbook", "book"))
    pos = 0
    try:
        for _ in range(64):
            kind, length = struct.unpack_from("<HH", head, pos)
            if kind == 0x002F:
                return True
            if kind == 0x000A:  # end of the workbook globals: no FILEPASS
                return False
            pos += 4 + length
    except struct.error:
        return False
    return False


def _chain(table: list[int], start: int, limit: int) -> list[int]:
    out: list[int] = []
    while start < 0xFFFFFFFA and start < len(table) and len(out) < limit:
        out.append(start)
        start = table[start]
    return out


def _ole_stream_head(data: bytes, names: tuple[str, ...], limit: int = 8192) -> bytes:
    """The first ``limit`` bytes of the first named stream found (regular or mini stream)."""
    entries, fat, size = _ole_directory(data)
    found = next((entries[n] for n in names if n in entries), None)
    if not found or not fat:
        return b""
    start, length = found
    try:
        cutoff = struct.unpack_from("<I", data, 56)[0]
        if length >= cutoff:
            sectors = _chain(fat, start, limit // size + 1)
            return b"".join(data[(s + 1) * size : (s + 2) * size] for s in sectors)[:limit]
        mini_size = 1 << struct.unpack_from("<H", data, 32)[0]
        first_minifat, n_minifat = struct.unpack_from("<II", data, 60)
        minifat: list[int] = []
        for s in _chain(fat, first_minifat, n_minifat):
            minifat.extend(struct.unpack_from(f"<{size // 4}I", data, (s + 1) * size))
        root_start = entries.get("root entry", (0xFFFFFFFE, 0))[0]
        container = b"".join(data[(s + 1) * size : (s + 2) * size] for s in _chain(fat, root_start, 1 << 16))
        parts = [
            container[m * mini_size : (m + 1) * mini_size]
            for m in _chain(minifat, start, limit // mini_size + 1)
        ]
        return b"".join(parts)[: min(length, limit)]
    except (struct.error, IndexError):
        return b""


def _ole_directory(data: bytes) -> tuple[dict[str, tuple[int, int]], list[int], int]:
    """The OLE directory (name → start sector, size), the sector allocation table and sector size."""
    entries: dict[str, tuple[int, int]] = {}
    try:
        size = 1 << struct.unpack_from("<H", data, 30)[0]
        n_fat, first_dir = struct.unpack_from("<II", data, 44)
        difat = [s for s in struct.unpack_from("<109I", data, 76) if s < 0xFFFFFFFA][:n_fat]
        fat: list[int] = []
        for sector in difat:
            fat.extend(struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size))
        sector, seen = first_dir, 0
        while sector < 0xFFFFFFFA and seen < 1024:
            base = (sector + 1) * size
            for entry in range(size // 128):
                pos = base + entry * 128
                length = struct.unpack_from("<H", data, pos + 64)[0]
                if 2 <= length <= 64:
                    name = data[pos : pos + length - 2].decode("utf-16-le", "replace").lower()
                    start, stream_size = struct.unpack_from("<II", data, pos + 116)
                    entries[name] = (start, stream_size)
            sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
            seen += 1
        return entries, fat, size
    except (struct.error, IndexError):
        return entries, [], 512
