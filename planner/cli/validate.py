"""``planner validate FILE``: read a roster file and report every problem, as text or JSON.

Exit codes: 0 every row accepted; 1 some rows reported (figures still computed from the accepted
rows); 2 the file was refused (or the command was used wrongly). Staff names are never printed
unless ``--show-names`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

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
    from planner.views.team import figures, summary_text

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
    if args.json:
        print(json.dumps(figures(read), ensure_ascii=False, indent=2))
    else:
        print(summary_text(read, show_names=args.show_names))
    return 1 if read.rows["reported"] else 0
