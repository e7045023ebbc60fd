"""``planner coverage FILE [--framework ID] [--as-of YYYY-MM-DD] [--json]``: competency coverage of a team.

What-if options (repeatable) compare today's team with a changed one, without touching the file:
``--without ID`` (a leaver), ``--move "ID:band=6,function=leading"``, ``--add "band=5,function=delivering,wte=1.0"``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from planner.cli import _service
from planner.reference import frameworks
from planner.reference.errors import ReferenceDataError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``coverage`` sub-command."""
    p = sub.add_parser(
        "coverage", help="competency coverage, team capability, single points of failure, expiry"
    )
    p.add_argument("file", type=Path, help="the team's roster (xlsx, xls, ods or csv; the template's layout)")
    p.add_argument(
        "--framework",
        default=None,
        help="framework id (default: the service type's, bts for PR); see 'planner framework list'",
    )
    _service.add_option(p)
    p.add_argument(
        "--as-of", type=date.fromisoformat, default=None, help="judge statuses on this date (default: today)"
    )
    p.add_argument("--within-days", type=int, default=90, help="expiring window in days (default: 90)")
    p.add_argument("--classes", type=int, default=1, help="classes running at the same time (default: 1)")
    p.add_argument("--no-cross-cutting", action="store_true", help="leave out the cross-cutting requirements")
    p.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="ID",
        help="what-if: this person leaves (repeatable)",
    )
    p.add_argument(
        "--move",
        action="append",
        default=[],
        metavar="ID:band=B,function=F",
        help="what-if: move a person to another band and/or function (repeatable)",
    )
    p.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="band=B,function=F,wte=W",
        help="what-if: add a post (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the roster, assess it against the framework, print the report; return the exit code."""
    from planner.coverage.whatif import WhatIfError, parse_change
    from planner.ingest.read import RosterRefused, read_roster
    from planner.reference.catalogue import load_catalogue
    from planner.views.coverage_report import summary, text_report
    from planner.views.whatif import whatif_json, whatif_view

    try:
        changes = [
            parse_change(kind, text)
            for kind, texts in (("remove", args.without), ("move", args.move), ("add", args.add))
            for text in texts
        ]
    except WhatIfError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        fw = frameworks.get(args.framework) if args.framework else None
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    except ReferenceDataError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"Cannot read {args.file}: {exc.strerror}.", file=sys.stderr)
        return 2
    try:
        roster = read_roster(data, args.file.name, catalogue=load_catalogue())
    except RosterRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    fw = fw or frameworks.get(_service.framework(args, roster.staff))
    # The clock is read here, at the edge; the model takes the date as an argument.
    as_of = args.as_of or date.today()
    result = summary(
        roster.staff,
        roster.competencies,
        fw,
        as_of,
        include_cross_cutting=not args.no_cross_cutting,
        within_days=args.within_days,
        classes=args.classes,
    )
    if changes:
        try:
            view = whatif_view(roster.staff, roster.competencies, fw, as_of, changes, classes=args.classes)
        except WhatIfError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        result["whatif"] = whatif_json(view)
        result.setdefault("captions", {})["whatif"] = view.caption
    errors = int((roster.issues["severity"] == "error").sum()) if len(roster.issues) else 0
    if errors:
        print(
            f"{errors} roster row(s) had errors and were left out; run 'planner validate' for details.",
            file=sys.stderr,
        )
    if args.json:
        result.pop("captions", None)
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(text_report(result))
    return 0
