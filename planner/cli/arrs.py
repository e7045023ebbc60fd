"""``planner arrs ROSTER --weighted-population N [--list-size N] [--max ROLE=AMOUNT] [--json]``.

How much of a PCN's ARRS envelope its roles use, what remains and what that could fund, the caps,
the eligibility rules to check, who can do what and supervision. Salaries are read from the roster
and never printed per person.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``arrs`` sub-command."""
    p = sub.add_parser(
        "arrs", help="primary care (PCN): the ARRS envelope used, remaining and what it could fund"
    )
    p.add_argument("file", type=Path, help="the PCN's roster (xlsx, xls, ods or csv)")
    p.add_argument(
        "--weighted-population", type=float, required=True, help="the PCN's contractor weighted population"
    )
    p.add_argument(
        "--list-size", type=int, default=None, help="the PCN's list size (for the advanced practitioner cap)"
    )
    p.add_argument(
        "--max",
        action="append",
        metavar="ROLE=AMOUNT",
        default=[],
        help="a role's maximum reimbursable a year per WTE where none was found (repeatable)",
    )
    p.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="the date the figures are read on (YYYY-MM-DD; default today)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Read the roster and print the envelope; return the exit code."""
    from planner.ingest.read import RosterRefused, read_roster
    from planner.reference.catalogue import load_catalogue
    from planner.skillmix.arrs import ArrsInputs
    from planner.views.arrs import arrs_view, as_json, no_arrs_roles, parse_maxima, roster_problems

    try:
        inputs = ArrsInputs(
            args.weighted_population, args.list_size, parse_maxima(args.max), args.as_of or date.today()
        )
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        roster = read_roster(args.file.read_bytes(), args.file.name, catalogue=load_catalogue())
    except OSError as exc:
        print(f"Cannot read {args.file}: {exc.strerror}.", file=sys.stderr)
        return 2
    except RosterRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    none = no_arrs_roles(roster.staff)
    if none:
        print(none, file=sys.stderr)
        return 2
    view = arrs_view(roster.staff, inputs, names=False)
    problems = roster_problems(roster.issues, roster.row_status)
    if args.json:
        print(json.dumps({**as_json(view), "roster_problems": problems}, indent=2, ensure_ascii=False))
        return 0
    print(view.headline)
    print(f"Envelope source: {view.result.sources['envelope']}")
    print()
    print(view.roles.to_string(index=False))
    print()
    if len(view.could_fund):
        print("The remainder could fund:")
        print(view.could_fund.to_string(index=False))
        print()
    for cap in view.result.caps.itertuples(index=False):
        print(f"Cap, {cap.cap}: {cap.status}.")
    for line in [*view.result.flags, *view.result.warnings, *([view.left_out] if view.left_out else [])]:
        print(f"- {line}")
    if problems:
        print()
        print(f"Roster problems ({len(problems)}), as 'planner validate' reports them:")
        for line in problems:
            print(f"- {line}")
    return 0
