"""Supervision in a PCN: each ARRS role's minimum, the hours a year the team needs, the supervisors it has.

The minimums are the NHS England quick reference's, as encoded per role in ``data/arrs_2025_26.yaml``
(for example clinical pharmacists at least monthly by a senior or advanced practice pharmacist, with
GP access). A session's length is our assumption (one hour, in the same file). GPs are counted as
supervisors only where the roster lists them; practices' own GPs are usually not on an ARRS roster,
so a role GPs may supervise is never reported as unsupervised for that reason alone.
"""

from __future__ import annotations

import pandas as pd

from planner.reference.arrs import ArrsData, load_arrs

COLUMNS = (
    "role",
    "posts",
    "requirement",
    "sessions_a_year",
    "hours_needed",
    "supervisors",
    "status",
    "source",
)


def supervision(staff: pd.DataFrame, data: ArrsData | None = None) -> pd.DataFrame:
    """One row per ARRS role in the team that has a supervision minimum.

    Args:
        staff: the staff table with ``staff_id`` and ``arrs_role``.
        data: the ARRS reference data (the committed file when not given).

    Returns:
        ``role``, ``posts`` (people), ``requirement`` (the minimum in words), ``sessions_a_year`` (per
        person), ``hours_needed`` (a year, all posts), ``supervisors`` (people in the team in a
        supervising role), ``status`` in words, ``source``.
    """
    data = data or load_arrs()
    people = staff.drop_duplicates("staff_id")
    counts = people["arrs_role"].value_counts()
    rows = []
    for rid, n in counts.items():
        role = data.roles.get(str(rid))
        if role is None or not role.supervision:
            continue
        sup = role.supervision
        who = [r for r in sup.get("supervisor_roles", []) if r != role.id]
        have = int(people["arrs_role"].isin(who).sum())
        gp_ok = "gp" in who
        if have:
            status = f"{have} supervisor(s) in the team" + (", and GP access" if gp_ok else "")
            status += ", and GP access needed" if sup.get("gp_access") else ""
        elif gp_ok:
            status = "no supervisor on the roster: a practice GP must provide it"
        else:
            status = "no supervisor on the roster"
        sessions = int(sup["sessions_per_year"])
        rows.append(
            {
                "role": role.label,
                "posts": int(n),
                "requirement": sup["text"],
                "sessions_a_year": sessions,
                "hours_needed": float(n * sessions * data.session_hours),
                "supervisors": have,
                "status": status,
                "source": data.source_text(sup["source"]) + "; session length: assumption",
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))
