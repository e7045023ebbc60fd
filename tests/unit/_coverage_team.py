"""Shared fixtures for the coverage and skill-mix unit tests: the mini frameworks and a small team.

Not a test module (no ``test_`` prefix); imported by ``tests/unit/test_coverage_*.py``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from planner.reference.frameworks import Framework, load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "frameworks"
AS_OF = date(2026, 6, 1)


def mini(name: str) -> Framework:
    """A fixture framework: ``bts``, ``cross_cutting``, ``london``, ``homecare``, ``primary_care``."""
    if name == "london":
        return load_file(FIXTURES / "london_mini.yaml", load_file(FIXTURES / "bts_mini.yaml"))
    return load_file(FIXTURES / f"{name}_mini.yaml")


def small_team() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The hand-worked team (see test_coverage_statuses.test_hand_worked_team for the arithmetic)."""
    staff = pd.DataFrame(
        {
            "staff_id": ["S1", "S2", "S3", "S4", "S5"],
            "name": ["Ann", "Bo", "Cy", "Di", "Ed"],
            "band": ["4", "4", "6", "7", "6"],
            "wte": [1.0, 0.5, 0.8, 0.6, 0.1],
            "function": ["supporting", "supporting", "delivering", "delivering", "delivering"],
            "profession": ["Rehabilitation assistant"] * 2 + ["Physiotherapist"] * 3,
            "registration": ["none", "none", "statutory", "statutory", "statutory"],
        }
    )
    rows = [
        # staff, competency, achieved, in_progress, self_assessed_on, signed_off_by, signed_off_on
        ("S1", "BTS-B4-CCS-01", True, False, "2025-05-01", "M. Lead", "2025-05-10"),
        ("S1", "BTS-B4-CCS-02", True, False, "2025-06-01", None, None),
        ("S1", "XC-BLS", True, False, "2025-08-01", "Trainer", "2025-08-15"),
        ("S2", "BTS-B4-CCS-01", None, True, None, None, None),
        ("S2", "XC-BLS", True, False, "2025-02-20", "Trainer", "2025-03-01"),
        ("S3", "BTS-B6-CCS-01", True, False, "2024-01-01", "M. Lead", "2024-02-01"),
        ("S3", "BTS-B6-LM-01", True, False, "2024-01-01", "M. Lead", "2024-02-01"),
        ("S3", "XC-BLS", True, False, "2026-01-01", "Trainer", "2026-01-10"),
        ("S4", "BTS-B7-CCS-01", True, False, "2023-03-03", "M. Lead", "2023-04-04"),
        ("S4", "BTS-B7-LM-01", False, False, None, None, None),
        ("S4", "XC-BLS", True, False, "2026-02-01", None, None),
        ("S5", "BTS-B6-CCS-01", True, False, "2025-01-01", "M. Lead", "2025-01-05"),
        ("S5", "XC-BLS", True, False, "2025-11-20", "Trainer", "2025-12-01"),
    ]
    comps = pd.DataFrame(
        rows,
        columns=[
            "staff_id",
            "competency_id",
            "achieved",
            "in_progress",
            "self_assessed_on",
            "signed_off_by",
            "signed_off_on",
        ],
    )
    comps["achieved"] = comps["achieved"].astype("boolean")
    comps["self_assessed_on"] = pd.to_datetime(comps["self_assessed_on"])
    comps["signed_off_on"] = pd.to_datetime(comps["signed_off_on"])
    comps["expires_on"] = pd.NaT
    return staff, comps
