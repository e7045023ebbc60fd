"""``planner pack``: the one-click business-case pack from the command line (same pack as the dashboard).

Usage::

    planner pack ROSTER [--scenario FILE|NAME] [--set name=value ...] [--framework ID]
                 [--as-of YYYY-MM-DD] [--include-names] [--runs N] [--seed N] --out FILE.zip

Prints each file written into the ZIP with its size, and the build time. Staff names never reach
stdout; the pack holds aggregates only unless ``--include-names`` is given.
Exit codes: 0 written, 2 refused (unreadable roster or one with no accepted staff; unknown scenario,
framework or parameter; bad date).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from planner.cli import _service
from planner.expansion.scenario import ParameterError, list_scenarios, load_scenario, parse_set


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``pack`` sub-command."""
    p = sub.add_parser(
        "pack",
        help="business-case pack: charts (PNG, SVG), one Excel workbook and a Word document in a ZIP",
        description=(
            "Build the business-case pack for a roster: the key charts as PNG and SVG, business_case.xlsx, "
            "business_case.docx and a README, in one ZIP. Aggregates only unless --include-names."
        ),
    )
    p.add_argument("roster", type=Path, help="team roster (.xlsx, .xls, .ods, .csv)")
    names = ", ".join(list_scenarios())
    p.add_argument("--scenario", default="status_quo", help=f"scenario name ({names}) or a YAML file")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a scenario parameter, e.g. --set population=5500000 (repeatable)",
    )
    p.add_argument(
        "--framework", default=None, help="competency framework id (default: the service type's, bts for PR)"
    )
    _service.add_option(p, arrs=True)
    p.add_argument("--as-of", dest="as_of", help="date of the figures, YYYY-MM-DD (default today)")
    p.add_argument(
        "--include-names",
        action="store_true",
        help="add people.xlsx with staff ids and names (personal data); otherwise aggregates only",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=None,
        help="Monte Carlo runs (0 to skip; default: as the Expansion page and planner project)",
    )
    p.add_argument("--seed", type=int, default=0, help="Monte Carlo seed (default 0)")
    p.add_argument(
        "--threshold",
        type=float,
        default=80.0,
        help="the chance (%%) of meeting the waiting-time target in the target year an option needs for "
        "the business case to ask for it (default 80)",
    )
    p.add_argument(
        "--name",
        help="the service name shown in the pack (default: the roster's Service values, or 'the team')",
    )
    p.add_argument(
        "--services",
        type=Path,
        help="each service's population (CSV or Excel), for a roster of several services (default: its Services sheet)",
    )
    p.add_argument(
        "--suppress",
        type=int,
        choices=(5, 7, 10),
        help="hide counts of staff from 1 to N as * (default 7 for a roster of several services)",
    )
    p.add_argument(
        "--pooled",
        action="store_true",
        help="a roster of several services as one pooled service, on purpose: the single-service pack",
    )
    p.add_argument("--out", type=Path, required=True, help="the ZIP file to write")
    p.set_defaults(func=run)


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} B"


def run(args: argparse.Namespace) -> int:
    """Read the roster, build the pack, write the ZIP and list what is in it."""
    from planner.cli._regional_pack import run_regional
    from planner.ingest.read import RosterRefused, read_roster
    from planner.pack.build import DEFAULT_RUNS, build_pack
    from planner.reference import frameworks
    from planner.reference.catalogue import load_catalogue
    from planner.views.region import is_region

    start = time.perf_counter()
    try:
        # The clock is read here, at the edge; the pack takes the date as an argument.
        as_of = date.fromisoformat(args.as_of) if args.as_of else date.today()
    except ValueError:
        print(f"--as-of {args.as_of!r}: expected a date YYYY-MM-DD.", file=sys.stderr)
        return 2
    runs = DEFAULT_RUNS if args.runs is None else args.runs
    if runs < 0:
        print("--runs must be 0 or more.", file=sys.stderr)
        return 2
    if not 0 < args.threshold <= 100:
        print(
            f"--threshold {args.threshold:g}: expected a percentage above 0 and at most 100.", file=sys.stderr
        )
        return 2
    if args.framework is not None and args.framework not in frameworks.load_all():
        known = ", ".join(sorted(frameworks.load_all()))
        print(f"--framework {args.framework!r}: unknown; known frameworks are {known}.", file=sys.stderr)
        return 2
    try:
        scenario = load_scenario(args.scenario, **parse_set(args.overrides))
    except ParameterError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        roster = read_roster(args.roster.read_bytes(), args.roster.name, catalogue=load_catalogue())
    except FileNotFoundError:
        print(f"Roster file not found: {args.roster}.", file=sys.stderr)
        return 2
    except RosterRefused as exc:
        print(f"Roster {args.roster.name} refused: {exc}", file=sys.stderr)
        return 2
    if roster.staff.empty:
        print(
            f"Roster {args.roster.name}: no staff rows were accepted, so there is no team to report on; "
            "run 'planner validate' to see why.",
            file=sys.stderr,
        )
        return 2
    if roster.n_errors:
        print(
            f"Roster {args.roster.name}: {roster.n_errors} row(s) dropped with errors; "
            "run 'planner validate' for details.",
            file=sys.stderr,
        )
    result = _service.other_pack(args, roster, as_of)
    if isinstance(result, str):
        print(result, file=sys.stderr)
        return 2
    if result is None and is_region(roster.staff) and not args.pooled:
        # several services: the regional business case, small numbers hidden
        code, regional = run_regional(args, roster, scenario, as_of, runs)
        if regional is None:
            return code
        return _write(
            args, regional.data, regional.members, regional.warnings, start, "regional pack; aggregates only"
        )
    result = result or build_pack(
        roster,
        scenario,
        as_of=as_of,
        framework_id=_service.framework(args, roster.staff),
        include_names=args.include_names,
        runs=runs,
        seed=args.seed,
        roster_name=args.name,  # None: the roster's services, never its file name
        made_on=date.today(),
        threshold=args.threshold / 100,
    )
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(result.data)
    except OSError as exc:
        print(f"Could not write {args.out}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    width = max(len(m.name) for m in result.members)
    print(f"Wrote {args.out} ({_size(len(result.data))}):")
    for m in result.members:
        print(f"  {m.name:<{width}}  {_size(m.size):>9}")
    privacy = "includes people.xlsx with staff ids and names" if args.include_names else "aggregates only"
    print(
        f"Built in {time.perf_counter() - start:.1f} s (pack {result.timings['total']:.1f} s); "
        f"{len(result.members)} files; {privacy}."
    )
    return 0


def _write(
    args: argparse.Namespace, data: bytes, members: list, warnings: list[str], start: float, what: str
) -> int:
    """Write a pack's ZIP and list its files (the regional pack's path)."""
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
    except OSError as exc:
        print(f"Could not write {args.out}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    width = max(len(n) for n, _ in members)
    print(f"Wrote {args.out} ({_size(len(data))}):")
    for n, size in members:
        print(f"  {n:<{width}}  {_size(size):>9}")
    print(f"Built in {time.perf_counter() - start:.1f} s; {len(members)} files; {what}.")
    return 0
