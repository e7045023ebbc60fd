"""Warnings about what a roster says, judged on a date: future dates, registration, levels.

These are not read errors (the ingest reports those); they are things a lead should check before
trusting the figures: a sign-off dated after the as-of date (not verified yet), a roster that
records no registration, a person whose records sit at another level than the one they are judged
at. Same columns as the ingest's problem list, so ``planner validate`` reports them together.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from planner.coverage.judged import judged_at
from planner.reference.frameworks import Framework

WARNING_COLUMNS: tuple[str, ...] = (
    "sheet",
    "row",
    "column",
    "value",
    "expected",
    "severity",
    "code",
    "message",
)


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series(None, index=frame.index, dtype=object)


def future_dates(records: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One warning per sign-off or self-assessment dated after ``as_of`` (code contains ``future``)."""
    rows = []
    cutoff = pd.Timestamp(as_of)
    for column, code, what in (
        ("signed_off_on", "signed_off_in_future", "sign-off"),
        ("self_assessed_on", "self_assessed_in_future", "self-assessment"),
    ):
        when = pd.to_datetime(_col(records, column), errors="coerce")
        late = records[when > cutoff]
        for idx, r in late.iterrows():
            day = when.loc[idx].strftime("%d/%m/%Y")
            rows.append(
                {
                    "sheet": r.get("sheet"),
                    "row": r.get("row"),
                    "column": column,
                    "value": day,
                    "expected": f"a date on or before {cutoff:%d/%m/%Y}",
                    "severity": "warning",
                    "code": code,
                    "message": (
                        f"{r.get('staff_id')}: the {what} of {r.get('competency_id')} is dated {day}, after "
                        f"{cutoff:%d/%m/%Y}; it does not count as {'verified' if what == 'sign-off' else 'achieved'} "
                        "until then."
                    ),
                }
            )
    return pd.DataFrame(rows, columns=list(WARNING_COLUMNS))


def registration_warning(staff: pd.DataFrame, recorded: bool) -> pd.DataFrame:
    """A warning when the roster records no registration (no column, or every cell blank)."""
    if recorded or staff.empty:
        return pd.DataFrame(columns=list(WARNING_COLUMNS))
    return pd.DataFrame(
        [
            {
                "sheet": str(staff["sheet"].iloc[0]) if "sheet" in staff.columns else None,
                "row": None,
                "column": "registration_body",
                "value": "",
                "expected": "a registration body (HCPC, NMC, AHCS…) or 'Registered? yes / no' for each person",
                "severity": "warning",
                "code": "registration_not_recorded",
                "message": (
                    "Registration is not recorded for anyone, so the registered share, the gap to the target "
                    "mix and the supervision load are shown as not recorded. Add a registration body column."
                ),
            }
        ],
        columns=list(WARNING_COLUMNS),
    )


def level_warnings(staff: pd.DataFrame, records: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """A warning per person whose records mostly sit at another level than the one they are judged at."""
    judged = judged_at(staff, records, fw)
    bad = judged[judged["warning"] != ""]
    first = staff.drop_duplicates("staff_id").set_index(
        staff.drop_duplicates("staff_id")["staff_id"].astype(str)
    )
    return pd.DataFrame(
        [
            {
                "sheet": first["sheet"].get(r.staff_id) if "sheet" in first else None,
                "row": first["row"].get(r.staff_id) if "row" in first else None,
                "column": "judged_at",
                "value": r.judged_at,
                "expected": f"the level their records show ({r.records_level}), or a 'Judged at' column",
                "severity": "warning",
                "code": "judged_level_mismatch",
                "message": r.warning,
            }
            for r in bad.itertuples(index=False)
        ],
        columns=list(WARNING_COLUMNS),
    )
