"""One status per competency record, judged on a date: verified, self-assessed, expired, in progress, missing.

A record is *verified* when it is achieved and signed off (a sign-off name or date), *self-assessed*
when achieved without sign-off (a sign-off dated after the as-of date does not count yet, and a
self-assessment dated after it is *in progress*), and *expired* when it is achieved but past its explicit
``expires_on``, or (for a renewable competency) past its sign-off date — else its self-assessment
date — plus the framework's ``renewal_months``. A record marked in progress is *in progress*; any
other record, and any required competency with no record, is *missing*.

When a person has several records for one competency the best status wins, in the order of
:data:`STATUSES`.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

#: Statuses, best first (the order a person's several records for one competency are ranked in).
STATUSES: tuple[str, ...] = ("verified", "self_assessed", "expired", "in_progress", "missing")
STATUS_LABELS: dict[str, str] = {
    "verified": "Verified",
    "self_assessed": "Self-assessed",
    "expired": "Expired",
    "in_progress": "In progress",
    "missing": "Missing",
}

RECORD_STATUS_COLUMNS: tuple[str, ...] = (
    "staff_id",
    "competency_id",
    "status",
    "status_code",
    "expires_on",
    "signed_off_on",
    "self_assessed_on",
)


def _add_months_np(d: np.ndarray, m: np.ndarray) -> np.ndarray:
    """``datetime64[ns]`` dates plus whole months (float, NaN = none), clipped to the month's end."""
    ok = ~np.isnat(d) & ~np.isnan(m)
    out = np.full(len(d), np.datetime64("NaT"), dtype="datetime64[ns]")
    if not ok.any():
        return out
    dd = d[ok]
    month0 = dd.astype("datetime64[M]")
    day = (dd.astype("datetime64[D]") - month0.astype("datetime64[D]")).astype(np.int64)
    target = month0 + m[ok].astype(np.int64).astype("timedelta64[M]")
    days_in = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    ).astype(np.int64)
    out[ok] = (target.astype("datetime64[D]") + np.minimum(day, days_in - 1).astype("timedelta64[D]")).astype(
        "datetime64[ns]"
    )
    return out


def add_months(dates: pd.Series, months: pd.Series) -> pd.Series:
    """``dates`` plus a whole number of ``months`` each, clipped to the month's last day (vectorised).

    31 January + 1 month is 28 (or 29) February, as a renewal date is read in practice.
    """
    d = pd.to_datetime(dates, errors="coerce").to_numpy(dtype="datetime64[ns]")
    m = pd.to_numeric(months, errors="coerce").to_numpy(dtype=float)
    return pd.Series(_add_months_np(d, m), index=dates.index)


def _col(records: pd.DataFrame, name: str) -> pd.Series:
    if name in records.columns:
        return records[name]
    return pd.Series(pd.NA, index=records.index, dtype=object)


def _truthy(col: pd.Series) -> np.ndarray:
    return col.astype("boolean").fillna(False).to_numpy(dtype=bool)


def _present(col: pd.Series) -> np.ndarray:
    """Non-blank text, judged once per distinct value (a few sign-off names, millions of rows)."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    filled = np.array([bool(str(u).strip()) for u in uniques] + [False], dtype=bool)
    return filled[codes]  # code -1 (missing) picks the trailing False


def _dates(col: pd.Series) -> np.ndarray:
    return pd.to_datetime(col, errors="coerce").to_numpy(dtype="datetime64[ns]")


def status_codes(
    records: pd.DataFrame, renewal_months: pd.Series, as_of: date
) -> tuple[np.ndarray, np.ndarray]:
    """Each record's status code (index into :data:`STATUSES`) and expiry date, as arrays.

    Args:
        records: the roster's competency records.
        renewal_months: months a competency stays current, indexed by competency id.
        as_of: the date judged on.
    """
    achieved = _truthy(_col(records, "achieved"))
    in_progress = _truthy(_col(records, "in_progress"))
    signed_on = _dates(_col(records, "signed_off_on"))
    self_on = _dates(_col(records, "self_assessed_on"))
    cutoff = np.datetime64(pd.Timestamp(as_of).to_datetime64(), "ns")
    # A sign-off or self-assessment dated after ``as_of`` had not happened on that date.
    signed_late = ~np.isnat(signed_on) & (signed_on > cutoff)
    self_late = ~np.isnat(self_on) & (self_on > cutoff)
    signed = (_present(_col(records, "signed_off_by")) | ~np.isnat(signed_on)) & ~signed_late
    in_progress = in_progress | (achieved & self_late & ~signed)
    achieved = achieved & ~(self_late & ~signed)
    ref = np.where(~np.isnat(signed_on) & signed, signed_on, self_on)
    codes, uniques = pd.factorize(_col(records, "competency_id").astype("string").str.strip())
    per_unique = renewal_months.reindex(pd.Index(uniques, dtype=object)).to_numpy(dtype=float)
    months = np.append(per_unique, np.nan)[codes]
    explicit = _dates(_col(records, "expires_on"))
    expires = np.where(np.isnat(explicit), _add_months_np(ref, months), explicit)
    # A renewable competency with no date to renew from cannot be shown to be current: count it expired.
    undated = ~np.isnan(months) & np.isnat(expires)
    expired = achieved & ((~np.isnat(expires) & (expires < cutoff)) | undated)
    code = np.select([achieved & expired, achieved & signed, achieved, in_progress], [2, 0, 1, 3], default=4)
    return code.astype(np.int8), expires.astype("datetime64[ns]")


def record_statuses(records: pd.DataFrame, renewal_months: pd.Series, as_of: date) -> pd.DataFrame:
    """The status of every competency record on ``as_of``.

    Args:
        records: the roster's competency records (``staff_id``, ``competency_id``, ``achieved``,
            ``in_progress``, ``self_assessed_on``, ``signed_off_by``, ``signed_off_on`` and
            optionally ``expires_on``).
        renewal_months: months a competency stays current, indexed by competency id (missing or NaN
            for competencies that do not expire).
        as_of: the date judged on.

    Returns:
        One row per record with :data:`RECORD_STATUS_COLUMNS` (``status_code`` indexes
        :data:`STATUSES`).
    """
    code, expires = status_codes(records, renewal_months, as_of)
    return pd.DataFrame(
        {
            "staff_id": _col(records, "staff_id").astype(str).str.strip().to_numpy(),
            "competency_id": _col(records, "competency_id").astype(str).str.strip().to_numpy(),
            "status": np.asarray(STATUSES, dtype=object)[code],
            "status_code": code,
            "expires_on": expires,
            "signed_off_on": _dates(_col(records, "signed_off_on")),
            "self_assessed_on": _dates(_col(records, "self_assessed_on")),
        },
        columns=list(RECORD_STATUS_COLUMNS),
    )


def best_per_key(key: np.ndarray, code: np.ndarray, expires: np.ndarray) -> np.ndarray:
    """Positions of the best record per key: best status, then the latest expiry (no expiry last)."""
    if len(key) == 0:
        return np.array([], dtype=np.int64)
    late_first = np.where(np.isnat(expires), np.iinfo(np.int64).max, -expires.view(np.int64))
    order = np.lexsort((late_first, code, key))
    first = np.r_[True, key[order][1:] != key[order][:-1]]
    return order[first]
