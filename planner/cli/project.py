"""``planner project``: the expansion model from the command line (same numbers as the Expansion page).

Usage::

    planner project [--scenario FILE|NAME] [--roster FILE] [--set name=value ...]
                    [--runs N] [--seed N] [--as-of YYYY-MM-DD] [--json]

``--set`` overrides any scenario parameter by name (dotted names reach into maps, e.g.
``--set turnover_by_band.6=0.1``); values are type- and range-checked. Staff names never reach stdout.
Exit codes: 0 success, 2 bad usage (unknown scenario or parameter, value out of range, unreadable roster).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from planner.expansion import projection
from planner.expansion.inputs import ModelInputs
from planner.expansion.projection import targets
from planner.expansion.scenario import ParameterError, list_scenarios, load_scenario, parse_set


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``project`` sub-command."""
    p = sub.add_parser(
        "project",
        help="expansion model: required WTE, gap, waiting list, cost and uncertainty for a scenario",
        description="Project the PR workforce, waiting list and cost a scenario needs, year by year.",
    )
    names = ", ".join(list_scenarios())
    p.add_argument("--scenario", default="status_quo", help=f"scenario name ({names}) or a YAML file")
    p.add_argument("--roster", type=Path, help="team roster (.xlsx, .xls, .ods, .csv) for in-post WTE")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a parameter, e.g. --set headroom=0.25 (repeatable)",
    )
    p.add_argument("--runs", type=int, default=10_000, help="Monte Carlo runs (0 to skip; default 10000)")
    p.add_argument("--seed", type=int, default=0, help="Monte Carlo seed (default 0)")
    p.add_argument("--as-of", dest="as_of", help="model date YYYY-MM-DD (default today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def _read_staff(path: Path) -> pd.DataFrame:
    from planner.ingest.read import RosterRefused, read_roster
    from planner.reference.catalogue import load_catalogue

    try:
        read = read_roster(path.read_bytes(), path.name, catalogue=load_catalogue())
    except FileNotFoundError:
        raise ParameterError(f"Roster file not found: {path}.") from None
    except RosterRefused as exc:
        raise ParameterError(f"Roster {path.name} refused: {exc}") from None
    errors = int((read.issues["severity"] == "error").sum()) if len(read.issues) else 0
    if errors:
        print(
            f"Roster {path.name}: {errors} row(s) dropped with errors; run 'planner validate' for details.",
            file=sys.stderr,
        )
    return read.staff


def _text(out: dict, inputs: ModelInputs) -> str:
    lines = [f"Scenario: {out['scenario']['title']} (as of {out['scenario']['as_of']})"]
    lines.append(f"In post: {out['scenario']['in_post']}")
    req, have, gap = out["required_wte"], out["in_post_wte"], out["gap_wte"]
    lines.append(f"Required WTE now: {req['total']:.1f}")
    for band, wte in req["by_band"].items():
        extra = (
            f"  in post {have['by_band'].get(band, 0):5.1f}  gap {gap['by_band'].get(band, 0):+5.1f}"
            if have
            else ""
        )
        lines.append(f"  Band {band:<3} required {wte:5.1f}{extra}")
    lines.append(f"Annual cost of the requirement: £{out['annual_cost']['total']:,.0f}")
    w = out["waiting"]
    cap = w["weekly_capacity"]
    t = targets(inputs)
    joining = w["weekly_referrals"] * inputs.uptake
    lines.append(
        f"Waiting list: {w['weekly_referrals']:.1f} referrals a week ({joining:.1f} take up PR); "
        f"capacity {cap['current']:.1f} starts a week; "
        f"{t.wait} {'from week ' + str(w['weeks_to_target']) if w['weeks_to_target'] is not None else 'not reached'}"
    )
    if cap["needed_to_reach_and_hold_target"] is not None:
        lines.append(
            f"  to reach and hold {t.wait} by {cap['by']}: {cap['needed_to_reach_and_hold_target']:.1f} starts a week "
            f"({cap['wte_needed']:.1f} WTE)"
        )
    lines.append("Trajectory (year-end): year, required, in post, gap WTE, cost of requirement")
    for row in out["trajectory"]:
        lines.append(
            f"  {row['year']}  {row['required_wte']['total']:6.1f}  {row['in_post_wte']['total']:6.1f}  "
            f"{row['gap_wte']['total']:+6.1f}  £{row['annual_cost']['total']:,.0f}"
        )
    u = out["uncertainty"]
    if u:
        lines.append(
            f"Monte Carlo ({u['runs']:,} runs, seed {u['seed']}): P({t.wait} in {u['years'][-1]}) = "
            f"{u['probability_85_within_90_days']:.0%}; P({t.completion} completion) = "
            f"{u['probability_70_completion']:.0%} (from the drop-out range alone)"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the projection and print it (text or JSON)."""
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else date.today()
    except ValueError:
        print(f"--as-of {args.as_of!r}: expected a date YYYY-MM-DD.", file=sys.stderr)
        return 2
    if args.runs < 0:
        print("--runs must be 0 or more.", file=sys.stderr)
        return 2
    try:
        scenario = load_scenario(args.scenario, **parse_set(args.overrides))
        staff = _read_staff(args.roster) if args.roster else None
        result = projection.project(
            scenario,
            staff,
            as_of=as_of,
            runs=args.runs,
            seed=args.seed,
            roster_name=args.roster.name if args.roster else None,
        )
    except (ParameterError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    out = projection.to_json(result)
    for warning in result.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(json.dumps(out, indent=2, ensure_ascii=False) if args.json else _text(out, result.inputs))
    return 0
