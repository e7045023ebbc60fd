"""Find the header row of a sheet and recognise its columns by their many names.

A header cell is reduced to a key (lower case, letters and digits, single spaces, HTML and notes in
brackets removed) and looked up among each field's synonyms, so ``Staff ID``, ``STAFF_ID``,
``Employee Number`` and ``Assignment No.`` all mean ``staff_id``. Columns that match nothing are
listed with the closest field name (``Column 'Bnad' not recognised. Did you mean 'Band'?``), never
dropped in silence, and a user mapping overrides everything.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from planner.ingest.normalise import cell_text, is_blank

#: Rows scanned from the top of a sheet when looking for the header.
HEADER_SCAN_ROWS = 30
IGNORE = "ignore"
COMPETENCY = "competency"


class MappingError(ValueError):
    """A user's column mapping is bad: a target that is not a field, or a ``--map`` item without ``=``.

    The message names what was wrong and the fields that can be used, for the Team page and the CLI alike.
    """


@dataclass(frozen=True)
class Field:
    """A column the ingest understands.

    Attributes:
        id: field id used in mappings (``band``); also the output column where one exists.
        label: how the field is shown to users (``Band``).
        synonyms: header keys that mean this field, best first.
        prefix: also match headers that start with a synonym (long London headers with notes).
    """

    id: str
    label: str
    synonyms: tuple[str, ...]
    prefix: bool = False


# fmt: off
FIELDS: tuple[Field, ...] = (
    Field("staff_id", "Staff ID", ("staff id", "staff id number", "staff number", "staff no", "employee number",
          "employee no", "employee id", "emp no", "assignment number", "assignment no", "person number",
          "person id", "esr number", "esr id", "esr assignment number", "payroll number", "pay number", "id",
          "staff ref")),
    Field("name", "Name", ("name", "full name", "staff name", "employee name", "person name", "staff member",
          "name of staff member", "practitioner", "practitioner name")),
    Field("first_name", "First name", ("first name", "forename", "forenames", "given name", "first names")),
    Field("last_name", "Surname", ("surname", "last name", "family name")),
    Field("service", "Service", ("service", "team", "service name", "team name", "service team", "department",
          "organisation", "org", "locality", "site")),
    Field("band", "Band", ("band", "afc band", "agenda for change band", "pay band", "grade", "afc grade",
          "banding", "pay grade", "band grade", "afc")),
    Field("wte", "WTE", ("wte", "fte", "whole time equivalent", "full time equivalent", "contracted wte",
          "contracted fte", "assignment fte", "fte contracted", "wte contracted")),
    Field("hours", "Contracted hours per week", ("contracted hours per week", "contracted hours",
          "hours per week", "weekly hours", "hours", "hrs per week", "contracted hrs", "hours week")),
    Field("function", "Function", ("function", "pr function", "london function", "london pr function",
          "function in pr", "pulmonary rehabilitation function", "pr role function")),
    Field("profession", "Profession", ("profession", "job role", "job title", "occupation", "discipline",
          "professional group", "post title", "staff group", "occupation code")),
    Field("registered", "Registered?", ("registered", "is registered", "registered professional",
          "professionally registered", "registered yes no")),
    Field("registration_body", "Registration body", ("registration body", "regulator", "regulatory body",
          "registering body", "professional register", "register", "registered with", "registration",
          "professional registration", "registration type")),
    Field("career_level", "Career level", ("career level", "homecare level", "practice level",
          "career framework level", "level")),
    Field("role", "Role", ("role", "primary care role", "arrs role", "role id")),
    Field("service_type", "Service type", ("service type", "type of service", "service kind", "team type")),
    Field("practice", "Practice", ("practice", "gp practice", "practice name", "surgery")),
    Field("salary", "Annual salary", ("annual salary", "salary", "actual salary", "annual pay", "basic pay",
          "full time salary", "salary full time", "annual salary full time", "pay")),
    Field("start_date", "Start date", ("start date", "date started", "started", "employment start date",
          "in post from", "start date in post")),
    Field("judged_at", "Judged at", ("judged at", "framework level", "assessed at", "judged at level",
          "assessed against", "competency level")),
    Field("leaving_date", "Leaving date", ("leaving date", "leave date", "date leaving", "leaver date",
          "end date", "contract end date", "last working day")),
    Field("competency_id", "Reference no.", ("reference no", "reference number", "reference", "ref no",
          "ref", "competency id", "competency ref", "competency reference", "competency code", "code")),
    Field("competency_text", "Competency", ("competency", "competency statement", "competence",
          "competency description", "statement", "competency text")),
    Field("achieved", "Achieved? (yes / no) Self-assessment", ("achieved yes no self assessment",
          "achieved", "achieved yes no", "achieved self assessment", "self assessment", "status",
          "competent", "met"), prefix=True),
    Field("self_assessed_on", "Date of self-assessment", ("date of self assessment", "self assessment date",
          "date self assessed", "date assessed", "date achieved", "achieved date", "date",
          "assessment date", "achieved on"), prefix=True),
    Field("evidence", "Evidence", ("evidence", "evidence notes", "evidence of achievement"), prefix=True),
    Field("signed_off", "Signed off – name and date", ("signed off name and date", "signed off",
          "sign off", "sign off name and date", "signed off by and date", "manager sign off"), prefix=True),
    Field("signed_off_by", "Signed off by", ("signed off by", "signed by", "assessor", "assessor name",
          "verified by", "sign off by")),
    Field("signed_off_on", "Date signed off", ("date signed off", "signed off date", "sign off date",
          "date of sign off", "signed off on")),
    Field("expires_on", "Expiry date", ("expiry date", "expiry", "expires", "expires on", "renewal date",
          "valid until", "due for renewal", "expiry renewal date")),
)
FIELD_BY_ID: dict[str, Field] = {f.id: f for f in FIELDS}
RECORD_FIELDS = ("competency_id", "competency_text", "achieved", "self_assessed_on", "evidence", "signed_off",
                 "signed_off_by", "signed_off_on", "expires_on")
# fmt: on
_SYNONYM: dict[str, tuple[str, int]] = {}
for _f in FIELDS:
    for _rank, _syn in enumerate((_f.id.replace("_", " "), *_f.synonyms)):
        _SYNONYM.setdefault(_syn, (_f.id, _rank))
_PREFIX = [(syn, f.id) for f in FIELDS if f.prefix for syn in f.synonyms if " " in syn or len(syn) > 6]
_PREFIX.sort(key=lambda p: -len(p[0]))
_SPECIAL = {
    "ignore": IGNORE,
    "skip": IGNORE,
    "none": IGNORE,
    "competency column": COMPETENCY,
    "one column per competency": COMPETENCY,
}
#: What a header row may not be: rows of numbers and dates are data, not headers.
_DATA_LIKE = re.compile(r"[\d\s.,:/%-]+")


def header_key(text: Any) -> str:
    """``"Achieved? (yes / no)  Self - assessment"`` → ``"achieved yes no self assessment"``."""
    raw = cell_text(text) or ""
    raw = re.sub(r"<[^>]*>", " ", raw).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", raw).split())


def _without_notes(text: Any) -> str:
    raw = re.sub(r"<small>.*?</small>|\([^)]*\)|\[[^\]]*\]", " ", cell_text(text) or "", flags=re.S)
    return header_key(raw)


def recognise(header: Any) -> tuple[str | None, int]:
    """The field a header names, with the synonym's rank (0 best), or ``(None, 99)``."""
    for key in (header_key(header), _without_notes(header)):
        if key in _SYNONYM:
            return _SYNONYM[key]
    key = header_key(header)
    for syn, field_id in _PREFIX:
        if key.startswith(syn + " "):
            return field_id, 50
    return None, 99


def suggest(header: Any) -> str | None:
    """The label of the field whose name is closest to an unrecognised header (difflib), if any."""
    key = header_key(header)
    if not key:
        return None
    close = difflib.get_close_matches(key, list(_SYNONYM), n=1, cutoff=0.75)
    return FIELD_BY_ID[_SYNONYM[close[0]][0]].label if close else None


def resolve_target(name: str) -> str:
    """A mapping target as a user writes it (``band``, ``Band``, ``AfC band``, ``ignore``) → field id.

    ``competency`` (or ``competency:ID``) makes the column a one-column-per-competency column.

    Raises:
        MappingError: naming the fields that can be used (and the closest one, if any).
    """
    text = str(name).strip()
    if text.casefold().startswith("competency:") and text.split(":", 1)[1].strip():
        return COMPETENCY + ":" + text.split(":", 1)[1].strip()
    key = header_key(text)
    if key in _SPECIAL:
        return _SPECIAL[key]
    if key == COMPETENCY and text.casefold() == COMPETENCY:
        return COMPETENCY
    if text in FIELD_BY_ID:
        return text
    for f in FIELDS:
        if key == header_key(f.label):
            return f.id
    if key in _SYNONYM:
        return _SYNONYM[key][0]
    known = ", ".join(f.id for f in FIELDS)
    close = difflib.get_close_matches(text.casefold(), [f.id for f in FIELDS], n=1, cutoff=0.75)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise MappingError(f"'{name}' is not a field. Use one of: {known}, competency, ignore.{hint}")


def parse_mapping_args(items: list[str] | None) -> dict[str, str]:
    """``["Bnad=Band", "Emp=staff_id"]`` → ``{"Bnad": "band", "Emp": "staff_id"}``.

    Raises:
        MappingError: for an item without ``=`` or an unknown field.
    """
    out: dict[str, str] = {}
    for item in items or []:
        column, sep, target = item.partition("=")
        if not sep or not column.strip():
            raise MappingError(f"--map '{item}' should look like \"Column name=field\".")
        out[column.strip()] = resolve_target(target)
    return out


def find_header(rows: list[list[Any]], mapping: dict[str, str]) -> int | None:
    """Index of the header row among the first rows: the row naming the most distinct fields.

    Title rows, blank rows and notes above the header are passed over. A row must name at least two
    fields (counting the user's mapped columns) to count as a header.
    """
    mapped = {header_key(k) for k in mapping}
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found: set[str] = set()
        for cell in row:
            if is_blank(cell) or isinstance(cell, (int, float)) or _DATA_LIKE.fullmatch(str(cell)):
                continue
            key = header_key(cell)
            if key in mapped:
                found.add("user:" + key)
                continue
            field_id, _ = recognise(cell)
            if field_id:
                found.add(field_id)
        if len(found) > best_score:
            best, best_score = index, len(found)
    return best


def column_letter(index: int) -> str:
    """0 → ``A``, 27 → ``AB``: the column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
