"""``planner project`` for a roster of several services: read the populations, refuse without them, print.

The modelling is :func:`planner.expansion.region.model_region`; this module reads the Services sheet (from
the roster or ``--services FILE``), lists every problem with its sheet and row, and prints the region as
text or JSON. Staff names never reach stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

import pandas as pd

from planner.expansion import report
from planner.expansion.region import (
    RegionResult,
    check_override,
    model_region,
    region_json,
    services_frame,
)
from planner.expansion.scenario import Scenario
from planner.expansion.waiting import VERDICT_WORDS
from planner.ingest.template import TEMPLATE_SERVICES_COLUMNS


def pooled_note(services: list[str]) -> str:
    """What ``--pooled`` did, in words, for the output."""
    return (
        f"The roster's {len(services)} services are pooled as one service against one population, as "
        "--pooled asks; each service's own demand is not modelled. Give each service's population "
        "(a Services sheet or --services FILE) to model them one by one."
    )


def refusal(services: list[str], roster: str) -> str:
    """The message when several services have no populations: exactly what to add."""
    shown = ", ".join(services[:6]) + (f" and {len(services) - 6} more" if len(services) > 6 else "")
    return (
        f"{roster} has {len(services)} services ({shown}) but no population for any of them, so their "
        "demand is not known; comparing the pooled team with one default population would mislead.\n"
        "Do one of these:\n"
        "- add a sheet named Services to the roster, one row per service, with the columns Service (as "
        "the roster spells it) and Population (or Eligible population), and optional columns for any "
        "scenario value a service sets differently, headed as in the template (for example "
        f"{', '.join(TEMPLATE_SERVICES_COLUMNS[3:])}); 'planner sample --template DIR' writes the "
        "template with this sheet;\n"
        "- or give the same table as a separate file: --services FILE (CSV or Excel);\n"
        "- or add --pooled to model all the services as one pooled service on purpose."
    )


def _where(row: dict[str, Any]) -> str:
    parts = [f"sheet {row['sheet']}"] if row["sheet"] else []
    if row["row"] is not None and row["row"] is not pd.NA:
        parts.append(f"row {int(row['row'])}")
    if row["column"]:
        parts.append(f"column '{row['column']}'")
    return ", ".join(parts)


def problems_text(issues: pd.DataFrame) -> str:
    """Every problem on its own line: where, then what to do."""
    return "\n".join(
        f"- {r['severity'].capitalize()} ({_where(r)}): {r['message']}" for r in issues.to_dict("records")
    )


def problems_report(issues: pd.DataFrame) -> tuple[int, str]:
    """The number of errors and every problem in words: errors first under a count that matches them."""
    if not len(issues):
        return 0, ""
    errors = issues[issues["severity"] == "error"]
    notes = issues[issues["severity"] != "error"]
    parts = []
    if len(errors):
        n = len(errors)
        head = "1 problem stops" if n == 1 else f"{n} problems stop"
        parts.append(f"{head} the region being modelled:\n{problems_text(errors)}")
    if len(notes):
        parts.append(f"Notes on the Services sheet:\n{problems_text(notes)}")
    return len(errors), "\n".join(parts)


def refused_words(name: str, exc: Exception) -> str:
    """A refused services file in words (the refusal's message, not its reason code)."""
    return f"The services file {name} cannot be read: {getattr(exc, 'message', exc)}"


def run_region(
    args: argparse.Namespace,
    scenario: Scenario,
    staff: pd.DataFrame,
    roster_bytes: bytes,
    services: list[str],
    as_of: date,
) -> int:
    """Read the populations, model every service and print the region; 2 when they cannot be modelled."""
    from planner.ingest.filecheck import RosterRefused
    from planner.ingest.services import as_roster_spells, match_roster, read_services

    try:
        if args.services is not None:
            read = read_services(
                args.services.read_bytes(), args.services.name, scenario.parameters, check_override
            )
            if read is None:
                print(
                    f"{args.services.name} has no sheet named Services and more than one sheet; name the "
                    "sheet with each service's population 'Services'.",
                    file=sys.stderr,
                )
                return 2
        else:
            read = read_services(
                roster_bytes, args.roster.name, scenario.parameters, check_override, in_roster=True
            )
    except FileNotFoundError:
        print(f"Services file not found: {args.services}.", file=sys.stderr)
        return 2
    except RosterRefused as exc:
        print(refused_words(args.services.name, exc), file=sys.stderr)
        return 2
    if read is None:
        print(refusal(services, args.roster.name), file=sys.stderr)
        return 2
    read = as_roster_spells(read, services)
    issues = pd.concat([read.issues, match_roster(read, services)], ignore_index=True)
    errors, words = problems_report(issues)
    if words:
        print(words, file=sys.stderr)
    if errors:
        return 2
    sheet_notes = [r["message"] for r in issues.to_dict("records") if r["severity"] != "error"]
    result = model_region(
        staff,
        None,
        read.table,
        scenario,
        as_of=as_of,
        runs=args.runs,
        seed=args.seed,
        roster_name=args.roster.name,
    )
    out = {
        "schema_version": report.SCHEMA_VERSION,
        "scenario": {
            "name": scenario.name,
            "title": scenario.title,
            "as_of": as_of.isoformat(),
            "roster": args.roster.name,
            "services_from": args.services.name if args.services is not None else f"{read.sheet} sheet",
        },
        **region_json(result),
        "warnings": [*(f"Services sheet: {m}" for m in sheet_notes), *region_warnings(result)],
    }
    for warning in out["warnings"][len(sheet_notes) :]:  # the sheet's notes are printed above
        print(f"Warning: {warning}", file=sys.stderr)
    if getattr(args, "suppress", None) is not None:  # small numbers hidden (planner/cli/_suppressed.py)
        from planner.cli._suppressed import suppressed_words

        print(suppressed_words(result, staff, args.suppress))
        return 0
    # One line: a region's JSON runs to megabytes, and Python's fast encoder works only without indent
    # (pipe it through 'python -m json.tool' or jq to read it).
    print(json.dumps(out, ensure_ascii=False) if args.json else region_words(result))
    return 0


def region_warnings(result: RegionResult) -> list[str]:
    """Each service's warnings once: a warning every service shares is not repeated per service."""
    seen: dict[str, list[str]] = {}
    for r in result.services:
        for warning in r.projection.warnings:
            seen.setdefault(warning, []).append(r.service)
    every = len(result.services)
    return [w if len(s) == every else f"{', '.join(s)}: {w}" for w, s in seen.items()]


def region_words(result: RegionResult) -> str:
    """The region as text: one line per service, then the region's sums."""
    t = result.region
    lines = [
        f"Scenario: {result.scenario.title} (as of {result.as_of.isoformat()}); {t.services} services, each "
        "modelled against its own population"
    ]
    lines.append(
        "Service: required, in post, gap WTE now; waiting-time target; chance of it in the target year"
    )
    basis = " (referral noise only: no Monte Carlo)" if result.runs == 0 else ""
    for row in services_frame(result).to_dict("records"):
        lines.append(
            f"  {row['service']}: {row['required_wte']:.1f} required, {row['in_post_wte']:.1f} in post, "
            f"{row['gap_wte']:+.1f} gap; target {VERDICT_WORDS[row['verdict']]}; "
            f"{row['chance_of_target']:.0%}{basis}"
        )
    lines.append(
        f"Region: {t.required_wte:.1f} WTE required, {t.in_post_wte:.1f} in post, {t.funded_wte:.1f} funded; gap "
        f"{t.gap_wte:+.1f} WTE net, {t.shortfall_wte:.1f} WTE of band shortfalls (summed service by service)"
    )
    lines.append(
        f"  {t.weekly_demand:.1f} people join the lists a week; the teams can start {t.weekly_capacity:.1f}; "
        f"required cost £{t.annual_cost:,.0f} a year"
    )
    lines.append(
        f"  {t.meeting_target} of {t.services} services ({t.share_meeting_target:.0%}) meet the waiting-time target"
    )
    return "\n".join(lines)
