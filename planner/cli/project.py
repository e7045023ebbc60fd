"""``planner project``: the expansion model from the command line (same numbers as the Expansion page).

Usage::

    planner project [--scenario FILE|NAME] [--roster FILE] [--services FILE] [--pooled]
                    [--set name=value ...] [--runs N] [--seed N] [--as-of YYYY-MM-DD] [--json]

``--set`` overrides any scenario parameter by name (dotted names reach into maps, e.g.
``--set turnover_by_band.6=0.1``); values are type- and range-checked. Staff names never reach stdout.
A roster of several services is modelled service by service against each service's own population
(a Services sheet in the roster, or ``--services FILE``), and the JSON gains ``services`` and ``region``
(:mod:`planner.expansion.region`); without populations the command refuses and says what to add, unless
``--pooled`` asks for the services pooled as one on purpose. A roster of one service prints as before.
Exit codes: 0 success, 2 bad usage (unknown scenario or parameter, value out of range, unreadable roster,
several services and no populations, problems in the Services sheet).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from planner.cli import _region as region_text
from planner.expansion import projection, report
from planner.expansion.headroom import PART_LABELS
from planner.expansion.inputs import ModelInputs
from planner.expansion.projection import targets
from planner.expansion.scenario import ParameterError, list_scenarios, load_scenario, parse_set
from planner.expansion.uncertainty import DEFAULT_RUNS, DEFAULT_SEED


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
    p.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        help=f"Monte Carlo runs (0 to skip; default {DEFAULT_RUNS}, as on the Expansion page and in the pack)",
    )
    p.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"Monte Carlo seed (default {DEFAULT_SEED})"
    )
    p.add_argument(
        "--services",
        type=Path,
        metavar="FILE",
        help="each service's population and own values (CSV or Excel: Service, Population, ...), "
        "in place of a Services sheet in the roster",
    )
    p.add_argument(
        "--pooled",
        action="store_true",
        help="model a roster of several services as one pooled service against one population, on purpose",
    )
    p.add_argument("--as-of", dest="as_of", help="model date YYYY-MM-DD (default today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--suppress",
        type=int,
        choices=(5, 7, 10),
        help="several services: hide counts of staff from 1 to N as * in the printed table (not with --json)",
    )
    p.set_defaults(func=run)


def _read_roster(path: Path) -> tuple[pd.DataFrame, bytes, bool]:
    """The roster's accepted staff, the file's bytes and whether it has a Services sheet (read from them)."""
    from planner.ingest.read import RosterRefused, read_roster
    from planner.reference.catalogue import load_catalogue

    try:
        data = path.read_bytes()
        read = read_roster(data, path.name, catalogue=load_catalogue())
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
    from planner.ingest.services import SKIP_REASON, read_services

    has_services = bool((read.sheets_skipped["reason"] == SKIP_REASON).any())
    if has_services:  # the template's Services sheet left empty is not a request to model by service
        found = read_services(data, path.name, {}, in_roster=True)
        has_services = found is not None and len(found.table) > 0
    return read.staff, data, has_services


VERDICT_WORDS = {
    "holds": "holds at the horizon",
    "reached_then_slips": "is reached, then slips",
    "not_reached": "is not reached",
}


def _text(out: dict, inputs: ModelInputs) -> str:
    t = targets(inputs)
    costs, est = out["costs"], out["establishment"]
    lines = [
        f"Scenario: {out['scenario']['title']} (as of {out['scenario']['as_of']}; pay at {costs['price_base']})"
    ]
    lines.append(f"In post: {out['scenario']['in_post']}")
    c = out["capacity"]
    parts = ", ".join(f"{PART_LABELS[k]} {v:.1%}" for k, v in c["headroom_parts"].items())
    lines.append(
        f"Hours per WTE: {c['paid_hours_per_wte']:,.1f} paid, headroom {c['headroom']:.1%} ({parts}), "
        f"{c['effective_hours_per_wte']:,.1f} for PR work"
    )
    req, have, gap = out["required_wte"], out["in_post_wte"], out["gap_wte"]
    lines.append(
        f"Required in post now: {req['total']:.1f} WTE; funded establishment {est['funded_wte']['total']:.1f} WTE "
        f"(vacancy {est['vacancy_rate']:.1%})"
    )
    if gap:
        lines.append(
            f"Gap now: {gap['total']:+.1f} WTE net; {gap['shortfall_total']:.1f} WTE of band shortfalls"
        )
    for band, wte in req["by_band"].items():
        extra = (
            f"  in post {have['by_band'].get(band, 0):5.1f}  gap {gap['by_band'].get(band, 0):+5.1f}"
            if have
            else ""
        )
        lines.append(f"  Band {band:<3} required {wte:5.1f}{extra}")
    w = out["waiting"]
    lines.append(
        f"Waiting list: {w['weekly_referrals']:.1f} referrals a week ({w['weekly_demand_joining_list']:.1f} join the "
        f"list); capacity {w['weekly_capacity']:.1f} starts a week ({w['capacity_to_demand']:.2f} of demand at the "
        f"horizon); the list changes by {w['list_growth_per_week']:+.1f} a week; {t.wait} "
        f"{VERDICT_WORDS[w['verdict']]}"
    )
    shares = w["share_within_90_days"]["by_year"]
    lines.append(
        f"  starters within 90 days (median, 10th-90th percentile; {w['share_within_90_days']['basis']}): "
        + "; ".join(f"{y} {s['p50']:.0%} ({s['p10']:.0%}-{s['p90']:.0%})" for y, s in shares.items())
    )
    hold = w["wte_to_hold_target"]
    lines.append("  WTE to hold the target: " + "; ".join(f"{y} {v:.1f}" for y, v in hold.items()))
    b = w["backlog_clearance"]
    if b["extra_starts"] > 0:
        lines.append(
            f"  backlog: {b['extra_starts']:.0f} extra starts over {b['weeks']} weeks ({b['wte_weeks']:.0f} WTE-weeks), "
            "one-off, apart from the steady requirement"
        )
    lines.append("Year: required, funded, in post, gap WTE; in-year, full-year and funded cost")
    for row, cost in zip(out["trajectory"], costs["by_year"], strict=True):
        lines.append(
            f"  {row['year']}  {row['required_wte']['total']:6.1f}  {row['funded_wte']['total']:6.1f}  "
            f"{row['in_post_wte']['total']:6.1f}  {row['gap_wte']['total']:+6.1f}  "
            f"£{cost['in_year']:,.0f}  £{cost['full_year']:,.0f}  £{cost['funded']:,.0f}"
        )
    lines.append(f"Total spend over the period: £{costs['total_over_period']:,.0f} in {costs['cash_basis']}")
    u = out["uncertainty"]
    if u:
        probs = "; ".join(f"{y} {v:.0%}" for y, v in u["probability_85_within_90_days"].items())
        r = u["completion_range"]
        lines.append(f"Monte Carlo ({u['runs']:,} runs, seed {u['seed']}): P({t.wait}) by year: {probs}")
        lines.append(
            f"  {t.completion} completion: completion between {r['low']:.0%} and {r['high']:.0%} "
            "(the range the drop-out inputs imply; no workforce lever changes it)"
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
    if args.services is not None and args.roster is None:
        print("--services needs --roster: the services' staff come from the roster.", file=sys.stderr)
        return 2
    if args.suppress is not None and args.json:
        from planner.cli._suppressed import JSON_REFUSAL

        print(JSON_REFUSAL, file=sys.stderr)
        return 2
    if args.services is not None and args.pooled:
        print(
            "--services models each service against its own population and --pooled pools them as one: "
            "give one of the two.",
            file=sys.stderr,
        )
        return 2
    try:
        scenario = load_scenario(args.scenario, **parse_set(args.overrides))
        staff, data, has_sheet = _read_roster(args.roster) if args.roster else (None, b"", False)
        names = list(dict.fromkeys(staff["service"].astype(str))) if staff is not None else []
        # Several services, or one with its population given: each against its own population.
        given = args.services is not None or has_sheet
        if names and (len(names) > 1 or given) and not args.pooled:
            return region_text.run_region(args, scenario, staff, data, names, as_of)
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
    out = report.to_json(result)
    if args.suppress is not None:  # nothing lists services here; say so rather than ignore the option
        print(
            "Note: --suppress hides small numbers in a table of several services; this output has none.",
            file=sys.stderr,
        )
    if len(names) > 1:  # --pooled: today's pooled model, asked for, and said so
        note = region_text.pooled_note(names)
        out["pooled"] = {"services": names, "note": note}
        out["warnings"].append(note)
        result.warnings.append(note)
    for warning in result.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(json.dumps(out, indent=2, ensure_ascii=False) if args.json else _text(out, result.inputs))
    return 0
