"""Which service type a roster describes: from its Service type column, or what the user chose.

The type picks the framework, levels and words (:mod:`planner.reference.service_types`). A choice
made on the Team page or with ``--service-type`` wins over the roster; otherwise the type most rows
give; otherwise pulmonary rehabilitation, the product's first service, and the reason says so.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.ingest.columns import header_key
from planner.ingest.normalise import cell_text
from planner.vocab import SERVICE_TYPES, parse_service_type, service_type_label

DEFAULT_TYPE = "pr"


def team_type(staff: pd.DataFrame, chosen: str | None = None) -> tuple[str, str]:
    """The team's service type and how it was decided, in words.

    Args:
        staff: the roster's staff table (a ``service_type`` column, possibly empty or absent).
        chosen: a type the user chose (an id or its label); it wins over the roster.

    Raises:
        ValueError: ``chosen`` is not a service type.
    """
    if chosen:
        found = chosen if chosen in SERVICE_TYPES else parse_service_type(chosen)
        if found is None:
            labels = ", ".join(service_type_label(t) for t in SERVICE_TYPES)
            raise ValueError(f"Service type '{chosen}' is not known; choose one of {labels}.")
        return found, f"{service_type_label(found)}, as chosen"
    col = staff["service_type"].dropna() if "service_type" in staff.columns else pd.Series(dtype=object)
    if col.empty:
        return DEFAULT_TYPE, f"{service_type_label(DEFAULT_TYPE)}: the roster has no Service type column"
    counts = col.value_counts()
    top = str(counts.index[0])
    if len(counts) > 1:
        return (
            top,
            f"{service_type_label(top)}, the type most rows of the roster give ({int(counts.iloc[0])} of {len(col)})",
        )
    return top, f"{service_type_label(top)}, from the roster's Service type column"


def services_sheet_types(rows: list[list[Any]]) -> dict[str, str]:
    """Each service's type from a region's Services sheet (a Service and a Service type column).

    The first row holding both headers is the header; services whose type cell is blank or not a type
    are left out (their staff rows keep what the Staff sheet says). Nothing else of the sheet is read
    here: populations are :mod:`planner.ingest.services`' business.
    """
    for h, row in enumerate(rows):
        keys = [header_key(c) for c in row]
        if "service" in keys and "service type" in keys:
            s, t = keys.index("service"), keys.index("service type")
            out = {}
            for r in rows[h + 1 :]:
                name = cell_text(r[s]) if s < len(r) else None
                found = parse_service_type(r[t]) if t < len(r) else None
                if name and found:
                    out[name] = found
            return out
    return {}


def fill_service_types(staff: pd.DataFrame, by_service: dict[str, str]) -> None:
    """Give staff rows with no Service type their service's type from the Services sheet (in place)."""
    if not by_service or staff.empty:
        return
    blank = staff["service_type"].isna()
    staff.loc[blank, "service_type"] = staff.loc[blank, "service"].map(by_service)
