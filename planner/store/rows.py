"""Turning planner's staff and records tables into rows for the database and back again.

Raw staff ids become the keyed hash here (:func:`planner.store.ids.hash_id`); names, sign-off names
and evidence are dropped unless the team stores names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from planner.ingest.contract import STAFF_COLUMNS
from planner.store.ids import hash_id

STAFF_FIELDS: tuple[str, ...] = (
    "service", "band", "wte", "function", "profession", "registration_body", "registration",
    "career_level", "role", "judged_at", "leaving_date", "row", "service_type", "arrs_role", "practice",
    "start_date",
)  # fmt: skip
RECORD_FIELDS: tuple[str, ...] = (
    "competency_id", "competency_text", "achieved", "in_progress", "self_assessed_on", "signed_off_on",
    "expires_on", "service", "row",
)  # fmt: skip
RECORD_COLUMNS: tuple[str, ...] = (
    "staff_id", "competency_id", "competency_text", "achieved", "in_progress", "self_assessed_on",
    "evidence", "signed_off_by", "signed_off_on", "expires_on", "service", "sheet", "row",
)  # fmt: skip
DATE_FIELDS = frozenset({"self_assessed_on", "signed_off_on", "expires_on", "leaving_date", "start_date"})


def plain(value: Any) -> Any:
    """A database-ready Python value: missing → None, Timestamp → date, numpy → Python."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and value != value:
        return None
    if value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _column(frame: pd.DataFrame, key: str) -> list[Any]:
    """One column as database-ready Python values (dates as ``date``, missing as ``None``)."""
    if key not in frame:
        return [None] * len(frame)
    col = frame[key]
    if key in DATE_FIELDS:
        # numpy turns datetime64[D] into datetime.date objects, NaT into None
        return pd.to_datetime(col, errors="coerce").to_numpy().astype("datetime64[D]").astype(object).tolist()
    if col.dtype.kind in "biufO" or str(col.dtype) in ("boolean", "string"):
        # one pass in pandas (missing → None), then only numpy scalars and timestamps need converting
        values = col.astype(object)
        out = values.where(values.notna(), None).tolist()
        return [plain(v) if isinstance(v, np.generic | pd.Timestamp | datetime) else v for v in out]
    return [plain(v) for v in col.astype(object).tolist()]


def _rows(frame: pd.DataFrame, fields: tuple[str, ...], extra: dict[str, list[Any]]) -> list[dict[str, Any]]:
    cols = {f: _column(frame, f) for f in fields} | extra
    keys = list(cols)
    return [dict(zip(keys, vals, strict=True)) for vals in zip(*cols.values(), strict=True)]


def _hashed(ids: pd.Series, key: bytes) -> list[str]:
    # hash each distinct id once: a team has a few hundred people and thousands of records
    known = {raw: hash_id(raw, key) for raw in ids.astype(str).unique()}
    return [known[raw] for raw in ids.astype(str)]


def staff_rows(staff: pd.DataFrame, snapshot_id: int, key: bytes, names: bool) -> list[dict[str, Any]]:
    """One row per post, the id hashed, the name and salary kept only when ``names``."""
    n = len(staff)
    rows = _rows(
        staff,
        STAFF_FIELDS,
        {
            "snapshot_id": [snapshot_id] * n,
            "staff_key": _hashed(staff["staff_id"], key),
            "name": _column(staff, "name") if names else [None] * n,
            "salary": _column(staff, "salary") if names else [None] * n,
        },
    )
    for row in rows:
        row["band"] = str(row["band"])
    return rows


def record_rows(records: pd.DataFrame, snapshot_id: int, key: bytes, names: bool) -> list[dict[str, Any]]:
    """One row per competency record, the id hashed, sign-off name and evidence kept only when ``names``."""
    n = len(records)
    return _rows(
        records,
        RECORD_FIELDS,
        {
            "snapshot_id": [snapshot_id] * n,
            "staff_key": _hashed(records["staff_id"], key),
            "signed_off_by": _column(records, "signed_off_by") if names else [None] * n,
            "evidence": _column(records, "evidence") if names else [None] * n,
        },
    )


def _text(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), None)


def staff_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The staff table in :data:`planner.ingest.contract.STAFF_COLUMNS` order, ids hashed."""
    df = pd.DataFrame(rows, columns=["staff_key", "name", *STAFF_FIELDS, "salary"]).rename(
        columns={"staff_key": "staff_id"}
    )
    df["sheet"] = "Staff"
    df["wte"] = pd.to_numeric(df["wte"], errors="coerce").astype(float)
    df["salary"] = pd.to_numeric(df["salary"], errors="coerce").astype(float)
    df["row"] = pd.to_numeric(df["row"], errors="coerce").fillna(0).astype(int)
    for col in ("staff_id", "name", "service", "band", "function", "profession", "registration_body",
                "registration", "career_level", "role", "judged_at", "leaving_date", "service_type",
                "arrs_role", "practice", "start_date"):  # fmt: skip
        df[col] = _text(df[col])
    return df[STAFF_COLUMNS].reset_index(drop=True)


def records_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The competency records in the ingest's column order and dtypes, ids hashed."""
    df = pd.DataFrame(rows, columns=["staff_key", *RECORD_FIELDS, "signed_off_by", "evidence"])
    df = df.rename(columns={"staff_key": "staff_id"})
    df["sheet"] = "Competencies"
    df["achieved"] = df["achieved"].astype("boolean")
    df["in_progress"] = df["in_progress"].fillna(False).astype(bool)
    for col in ("self_assessed_on", "signed_off_on", "expires_on"):
        df[col] = pd.to_datetime(df[col]).astype("datetime64[s]")
    df["row"] = pd.to_numeric(df["row"], errors="coerce").fillna(0).astype(int)
    for col in ("staff_id", "competency_id", "competency_text", "evidence", "signed_off_by", "service"):
        df[col] = _text(df[col])
    return df[list(RECORD_COLUMNS)].reset_index(drop=True)
