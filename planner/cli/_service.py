"""The ``--service-type`` option shared by the commands that read a roster (validate, coverage, skillmix, pack).

Without ``--framework``, the team's service type picks the framework: the option's value, else the
roster's Service type column, else pulmonary rehabilitation (the BTS framework, as before).
"""

from __future__ import annotations

import argparse

import pandas as pd

from planner.ingest.service_type import team_type
from planner.reference import service_types
from planner.vocab import SERVICE_TYPES


def add_option(p: argparse.ArgumentParser) -> None:
    """Add ``--service-type pr|homecare|pcn``."""
    p.add_argument(
        "--service-type",
        choices=SERVICE_TYPES,
        default=None,
        help="the team's service type (default: the roster's Service type column, else pr); "
        "picks the framework when --framework is not given",
    )


def framework(args: argparse.Namespace, staff: pd.DataFrame) -> str:
    """``--framework`` when given, else the framework of the team's service type."""
    if getattr(args, "framework", None):
        return str(args.framework)
    return service_types.get(team_type(staff, args.service_type)[0]).framework
