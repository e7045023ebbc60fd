"""The ``--service-type`` option shared by the commands that read a roster (validate, coverage, skillmix, pack).

Without ``--framework``, the team's service type picks the framework: the option's value, else the
roster's Service type column, else pulmonary rehabilitation (the BTS framework, as before).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from planner.ingest.service_type import team_type
from planner.reference import service_types
from planner.vocab import SERVICE_TYPES

if TYPE_CHECKING:
    from planner.ingest.read import RosterRead
    from planner.pack.build import PackResult


def add_option(p: argparse.ArgumentParser, *, arrs: bool = False) -> None:
    """Add ``--service-type pr|homecare|pcn`` (and, for the pack, the PCN's ARRS figures)."""
    p.add_argument(
        "--service-type",
        choices=SERVICE_TYPES,
        default=None,
        help="the team's service type (default: the roster's Service type column, else pr); "
        "picks the framework when --framework is not given",
    )
    if arrs:
        p.add_argument(
            "--weighted-population",
            type=float,
            default=None,
            help="PCN packs: the contractor weighted population (for the ARRS envelope)",
        )
        p.add_argument("--list-size", type=int, default=None, help="PCN packs: the list size (ARRS caps)")


def framework(args: argparse.Namespace, staff: pd.DataFrame) -> str:
    """``--framework`` when given, else the framework of the team's service type."""
    if getattr(args, "framework", None):
        return str(args.framework)
    return service_types.get(team_type(staff, args.service_type)[0]).framework


def other_pack(args: argparse.Namespace, roster: RosterRead, as_of: date) -> PackResult | str | None:
    """The pack of a homecare or PCN team (None for PR: the PR pack is built as before; a str: refused)."""
    type_id = team_type(roster.staff, args.service_type)[0]
    if type_id == "pr":
        return None
    from planner.pack.service_pack import build_service_pack
    from planner.skillmix.arrs import ArrsInputs

    if type_id == "pcn" and args.weighted_population is None:
        return "A PCN pack needs --weighted-population N (the PCN's contractor weighted population)."
    try:
        arrs = ArrsInputs(args.weighted_population, args.list_size, {}, as_of) if type_id == "pcn" else None
    except ValueError as exc:
        return str(exc)
    return build_service_pack(roster, type_id, as_of=as_of, arrs=arrs, roster_name=args.name)
