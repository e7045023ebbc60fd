"""The staff table's contract at the handover from the ingest to the rest of the planner.

:func:`planner.ingest.read.read_roster` validates ``RosterRead.staff`` against :data:`STAFF_SCHEMA`
before returning it, so coverage, skill mix, costs and the expansion model can rely on it as written:
bands are vocabulary ids (``"5"``, ``"8a"``), WTE is a float in (0, 1.5], functions are the four London
PR function keys or missing, and registration is ``statutory``, ``accredited`` or ``none`` as
:func:`planner.ingest.professions.body_kind` settles it. Downstream code does not clean it again.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from planner.ingest.normalise import WTE_MAX
from planner.vocab import BANDS, FUNCTIONS, REGISTRATION_KINDS, SERVICE_TYPES


class StaffContractError(Exception):
    """The staff table the ingest built breaks its contract: a fault in the planner, not in the upload."""


#: Every filled cell of a text column is a str. The dtype is not pinned: pandas stores the same strings
#: as ``object`` in an empty or all-missing column and as its string dtype otherwise.
_IS_TEXT = pa.Check(lambda v: isinstance(v, str), element_wise=True, name="is_text")


def _text(*checks: pa.Check, nullable: bool = True) -> pa.Column:
    return pa.Column(None, [_IS_TEXT, *checks], nullable=nullable)


STAFF_SCHEMA = pa.DataFrameSchema(
    {
        "staff_id": _text(nullable=False),
        "name": _text(),
        "service": _text(nullable=False),
        "band": _text(pa.Check.isin(BANDS), nullable=False),
        "wte": pa.Column(float, pa.Check.in_range(0, WTE_MAX, include_min=False)),
        "function": _text(pa.Check.isin(FUNCTIONS)),
        "profession": _text(),
        "registration_body": _text(),
        "registration": _text(pa.Check.isin(REGISTRATION_KINDS), nullable=False),
        "career_level": _text(),
        "role": _text(),
        "judged_at": _text(),
        "leaving_date": pa.Column(object, nullable=True),
        "service_type": _text(pa.Check.isin(SERVICE_TYPES)),
        "arrs_role": _text(),
        "practice": _text(),
        "salary": pa.Column(float, pa.Check.gt(0), nullable=True),
        "start_date": pa.Column(object, nullable=True),
        "sheet": _text(nullable=False),
        "row": pa.Column(int, pa.Check.ge(1)),
    },
    name="staff",
    strict=True,
    ordered=True,
)
STAFF_COLUMNS: list[str] = list(STAFF_SCHEMA.columns)


def validate_staff(staff: pd.DataFrame) -> pd.DataFrame:
    """Check a staff table against :data:`STAFF_SCHEMA`, reporting every breach at once.

    Returns:
        The same table, unchanged.

    Raises:
        StaffContractError: listing each column, check and offending value (at most 20 of them).
    """
    try:
        return STAFF_SCHEMA.validate(staff, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        lines = [
            f"column {c.column!r}: {c.check} failed for {c.failure_case!r}"
            + ("" if pd.isna(c.index) else f" (row index {c.index})")
            for c in cases.head(20).itertuples(index=False)
        ]
        more = f"\n  … and {len(cases) - 20} more" if len(cases) > 20 else ""
        raise StaffContractError(
            "The staff table breaks its contract (planner/ingest/contract.py):\n  "
            + "\n  ".join(lines)
            + more
        ) from exc
