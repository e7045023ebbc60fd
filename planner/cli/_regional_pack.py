"""``planner pack`` for a roster of several services: the regional business case, small numbers hidden.

The populations come from the roster's Services sheet or ``--services FILE`` (read as ``planner project``
reads them, :mod:`planner.cli._region`); without them the command refuses with exit 2 and says exactly
what to add. Suppression is on by default for a region (``--suppress 7``; 5 or 10 by local policy).
The pack is :func:`planner.pack.regional.build_regional_pack`. Staff names never reach stdout.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

import pandas as pd

from planner.expansion.region import RegionError, check_override
from planner.expansion.scenario import Scenario
from planner.export.suppress import DEFAULT_THRESHOLD
from planner.ingest.filecheck import RosterRefused
from planner.ingest.read import RosterRead
from planner.ingest.services import as_roster_spells, match_roster, read_services
from planner.views.region import roster_services


def services_table(args: argparse.Namespace, scenario: Scenario, services: list[str]) -> pd.DataFrame | None:
    """The Services table for the region, or None after printing why it cannot be used."""
    from planner.cli._region import problems_report, refusal, refused_words

    try:
        if args.services is not None:
            read = read_services(
                args.services.read_bytes(), args.services.name, scenario.parameters, check_override
            )
        else:
            read = read_services(
                args.roster.read_bytes(),
                args.roster.name,
                scenario.parameters,
                check_override,
                in_roster=True,
            )
    except FileNotFoundError:
        print(f"Services file not found: {args.services}.", file=sys.stderr)
        return None
    except RosterRefused as exc:
        print(refused_words(args.services.name, exc), file=sys.stderr)
        return None
    if read is None:
        print(
            refusal(services, args.roster.name).replace("--pooled", "--pooled (planner project only)"),
            file=sys.stderr,
        )
        return None
    read = as_roster_spells(read, services)
    issues = pd.concat([read.issues, match_roster(read, services)], ignore_index=True)
    errors, words = problems_report(issues)
    if words:
        print(words, file=sys.stderr)
    return None if errors else read.table


def run_regional(
    args: argparse.Namespace, roster: RosterRead, scenario: Scenario, as_of: date, runs: int
) -> tuple[int, object | None]:
    """Build the regional pack; ``(exit code, pack or None)``."""
    from planner.pack.regional import build_regional_pack

    services = roster_services(roster.staff)
    table = services_table(args, scenario, services)
    if table is None:
        return 2, None
    threshold = DEFAULT_THRESHOLD if args.suppress is None else args.suppress
    try:
        pack = build_regional_pack(
            roster,
            scenario,
            table,
            as_of=as_of,
            threshold=threshold,
            runs=runs,
            seed=args.seed,
            roster_name=args.name or f"{len(services)} services",
        )
    except RegionError as exc:
        print(str(exc), file=sys.stderr)
        return 2, None
    return 0, pack
