"""``planner validate FILE``: read a roster file and report every problem, as text or JSON.

Exit codes: 0 every row accepted; 1 some rows reported (figures still computed from the accepted
rows); 2 the file was refused (or the command was used wrongly). Staff names are never printed
unless ``--show-names`` is given. Warnings judged on the ``--as-of`` date follow the read problems:
sign-offs and self-assessments dated after it (codes ending ``_in_future``), registration not
recorded, and people whose records sit at another level than the one they are judged at.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from planner.cli import _service
from planner.ingest.filecheck import MAX_UPLOAD_BYTES, RosterRefused


def register(subparsers: Any) -> None:
    """Add the ``validate`` sub-command."""
    parser = subparsers.add_parser(
        "validate",
        help="check a roster spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv) and list every problem",
        description="Read a team roster or competency record and report every row accepted, reported or "
        "blank, the WTE figures, and each problem with its sheet, row and column.",
    )
    parser.add_argument("file", type=Path, help="the roster file")
    parser.add_argument("--sheet", help="read only this sheet")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help='read a column as a field, e.g. --map "Grade=band" (repeatable; FIELD may be "ignore")',
    )
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=None, help="judge dates on this day (default: today)"
    )
    parser.add_argument(
        "--framework", default=None, help="framework for the level check (default: the service type's)"
    )
    _service.add_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-names", action="store_true", help="show staff names beside staff ids")
    parser.set_defaults(func=run)


def _refused(args: argparse.Namespace, code: str, message: str) -> int:
    if args.json:
        print(json.dumps({"refused": True, "code": code, "message": message}, ensure_ascii=False))
    else:
        print(f"Refused ({code}): {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Validate the file; print the summary or JSON; return the exit code."""
    from planner.ingest.columns import MappingError, parse_mapping_args
    from planner.ingest.read import read_roster
    from planner.reference.catalogue import load_catalogue
    from planner.views.team import figures, issue_rows, summary_text

    try:
        mapping = parse_mapping_args(args.map)
    except MappingError as exc:
        return _refused(args, "bad_mapping", str(exc))
    path: Path = args.file
    try:
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            return _refused(
                args, "too_large", f"'{path.name}' is larger than the {MAX_UPLOAD_BYTES // 1048576} MB limit."
            )
        data = path.read_bytes()
    except OSError as exc:
        return _refused(args, "unreadable", f"Cannot open '{path}': {exc.strerror or exc}.")
    try:
        read = read_roster(data, path.name, catalogue=load_catalogue(), sheet=args.sheet, mapping=mapping)
    except RosterRefused as exc:
        return _refused(args, exc.code, exc.message)
    # The clock is read here, at the edge; the checks take the date as an argument.
    warnings = _warnings(read, args.as_of or date.today(), _service.framework(args, read.staff))
    if args.json:
        out = figures(read)
        if warnings:
            import pandas as pd

            out["issues"] += issue_rows(read, pd.DataFrame(warnings, columns=list(ISSUE_KEYS)))
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        print(summary_text(read, show_names=args.show_names))
        for r in warnings:
            where = COLUMN_WORDS.get(str(r["column"]), str(r["column"] or ""))
            print(f"Warning ({r['code']}){f', {where}' if where else ''}: {r['message']}")
    return 1 if read.rows["reported"] else 0


ISSUE_KEYS = ("sheet", "row", "column", "value", "severity", "code", "message")
#: The warnings' columns (field names, kept in the JSON) as the text output shows them.
COLUMN_WORDS = {
    "signed_off_on": "date signed off",
    "self_assessed_on": "date of self-assessment",
    "registration_body": "registration body",
    "judged_at": "judged at",
}


def _warnings(read: Any, as_of: date, framework_id: str) -> list[dict[str, Any]]:
    """Dates, registration and level warnings on ``as_of`` (:mod:`planner.coverage.checks`)."""
    import pandas as pd

    from planner.coverage import checks
    from planner.reference import frameworks
    from planner.skillmix.mix import registration_recorded

    parts = [
        checks.future_dates(read.competencies, as_of),
        checks.registration_warning(read.staff, registration_recorded(read.staff)),
    ]
    try:
        parts.append(checks.level_warnings(read.staff, read.competencies, frameworks.get(framework_id)))
    except KeyError:  # an unknown framework id only skips the level check; tests/integration/test_coverage_cli.py::test_validate_warns_on_future_dates
        pass
    table = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if table is None:
        return []
    table["row"] = table["row"].map(lambda v: None if pd.isna(v) else int(v))
    return table.astype(object).where(table.notna(), None).to_dict("records")
