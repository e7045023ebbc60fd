"""``planner sample --seed N --out FILE [--region [--count N]]``: write synthetic sample data.

A region has a Services sheet with each service's population (synthetic, labelled so), which
``planner project`` models each service against.

``planner sample --template DIR`` writes the blank roster template and its data dictionary instead
(the same files as ``data/templates/`` and ``data/samples/data_dictionary.csv``, and the Team page's
download).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner import samples
from planner.ingest import template


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``sample`` sub-command."""
    p = sub.add_parser("sample", help="write a synthetic PR team (or region) workbook from a seed")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7, the built-in sample)")
    p.add_argument("--out", type=Path, help="the .xlsx file to write")
    p.add_argument(
        "--template",
        type=Path,
        metavar="DIR",
        help="write the blank roster template and its data dictionary to DIR instead of a sample",
    )
    p.add_argument(
        "--region", action="store_true", help="several services in one workbook (six unless --count)"
    )
    p.add_argument(
        "--count",
        type=int,
        default=None,
        help="services in the region, with their Services sheet (1-300; default 6; needs --region)",
    )
    p.add_argument("--size", type=int, default=None, help="posts in the team (15-25 when not given)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Generate and write the workbook; print what was written (counts only, never names)."""
    if args.template is not None:
        written = [template.write_template(args.template), template.write_dictionary(args.template)]
        print("Wrote " + " and ".join(str(p) for p in written) + ".")
        return 0
    if args.out is None:
        print("Give --out FILE.xlsx for a sample, or --template DIR for the blank template.")
        return 2
    if args.out.suffix.lower() != ".xlsx":
        print("The sample is written as .xlsx: give --out a file name ending in .xlsx.")
        return 2
    if args.size is not None and not 1 <= args.size <= 500:
        print("--size must be between 1 and 500.")
        return 2
    if args.count is not None and not args.region:
        print("--count is the number of services in a region: give --region too.")
        return 2
    if args.count is not None and not 1 <= args.count <= 300:
        print("--count must be between 1 and 300.")
        return 2
    sample = (
        samples.generate_region(args.seed, count=args.count or len(samples.REGION_SERVICES))
        if args.region
        else samples.generate_team(args.seed, size=args.size)
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(samples.to_xlsx(sample))
    services = sample.staff["Service"].nunique()
    print(
        f"Wrote {args.out}: {len(sample.staff)} posts in {services} service(s), "
        f"{len(sample.records)} competency records (synthetic, seed {args.seed})."
    )
    return 0
