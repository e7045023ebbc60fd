"""``planner history``: save a roster as a dated snapshot of a team, list, trend, compare and delete.

An administrator's tool working on the history database directly (no sign-in, no per-team access):
``add ROSTER --team NAME [--as-of DATE] [--replace]``, ``list [--team NAME] [--json]``,
``trend --team NAME [--json]``, ``diff --team NAME --from DATE --to DATE [--json]``,
``delete --team NAME (--as-of DATE | --yes)``, ``region --user EMAIL|--team NAME --region NAME``, each with ``--db URL`` (otherwise the lookup order of
:func:`planner.store.url.find_url`). A database that cannot be opened, a repeated team and date without
``--replace``, an unknown team or date: exit 2 with the message.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any


def _common(p: argparse.ArgumentParser, team: bool = True) -> None:
    p.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="database URL (default: PLANNER_DB_URL, secrets.toml, then the per-user file)",
    )
    if team:
        p.add_argument("--team", required=True, help="the team's name")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``history`` sub-command and its actions."""
    p = sub.add_parser(
        "history", help="the team's history: dated snapshots, trend, what changed (administrator's tool)"
    )
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = acts.add_parser("add", help="save a roster as the team's snapshot on a date")
    add.add_argument(
        "roster", type=Path, help="the team's roster (xlsx, xls, ods or csv; the template's layout)"
    )
    _common(add)
    add.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="the snapshot's date, YYYY-MM-DD (default: today)",
    )
    add.add_argument(
        "--replace", action="store_true", help="replace a snapshot already saved for that team and date"
    )
    add.add_argument(
        "--framework", default="bts", help="framework id the figures are computed against (default: bts)"
    )
    add.add_argument("--by", default=None, help="who saves it (default: your user name)")
    ls = acts.add_parser("list", help="the team's snapshots (or, without --team, every team)")
    _common(ls, team=False)
    ls.add_argument("--team", default=None, help="the team's name")
    ls.add_argument("--json", action="store_true", help="print JSON")
    tr = acts.add_parser("trend", help="the team's figures over its snapshots, as computed when saved")
    _common(tr)
    tr.add_argument("--json", action="store_true", help="print JSON")
    df = acts.add_parser("diff", help="what changed between two snapshots")
    _common(df)
    df.add_argument(
        "--from", dest="since", type=date.fromisoformat, required=True, help="the earlier snapshot's date"
    )
    df.add_argument(
        "--to", dest="until", type=date.fromisoformat, required=True, help="the later snapshot's date"
    )
    df.add_argument("--json", action="store_true", help="print JSON")
    de = acts.add_parser("delete", help="delete one snapshot, or the whole team with its snapshots")
    _common(de)
    de.add_argument(
        "--as-of", type=date.fromisoformat, default=None, help="the snapshot's date (default: the whole team)"
    )
    de.add_argument(
        "--yes", action="store_true", help="confirm deleting a whole team (needed without --as-of)"
    )
    rg = acts.add_parser("region", help="set a commissioner's region, or a team's region")
    _common(rg, team=False)
    who = rg.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", default=None, help="the commissioner's sign-in e-mail or name")
    who.add_argument("--team", default=None, help="the team's name")
    rg.add_argument("--region", required=True, help="the region's name (a blank clears it)")
    p.set_defaults(func=run)


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _pct(v: float | None) -> str:
    return "not recorded" if v is None else f"{v:.0%}"


def run(args: argparse.Namespace) -> int:
    """Open the database and do the action; return the exit code."""
    from planner.store import NotFound, StoreError, find_url, open_store

    if getattr(args, "team", None) is not None:
        args.team = args.team.strip()
        if not args.team:
            print("A team needs a name: give --team with the team's name, not a blank.", file=sys.stderr)
            return 2
    try:
        store = open_store(find_url(args.db).url)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:  # the default folder or the id key file cannot be made or read
        print(
            f"Cannot prepare the history database's folder: {exc.strerror} ({exc.filename}).", file=sys.stderr
        )
        return 2
    try:
        return {
            "add": _add,
            "list": _list,
            "trend": _trend,
            "diff": _diff,
            "delete": _delete,
            "region": _region,
        }[args.action](store, args)
    except NotFound as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        store.close()


def _add(store: Any, args: argparse.Namespace) -> int:
    from planner.ingest.read import RosterRefused, read_roster
    from planner.reference.catalogue import load_catalogue
    from planner.store import SnapshotExists, log_access, save_snapshot

    try:
        roster = read_roster(args.roster.read_bytes(), args.roster.name, catalogue=load_catalogue())
    except OSError as exc:
        print(f"Cannot read {args.roster}: {exc.strerror}.", file=sys.stderr)
        return 2
    except RosterRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from planner.store import list_teams
    from planner.views.saved import as_of_problem, similar_team

    # The clock and the user are read here, at the edge.
    today = date.today()
    as_of = args.as_of or today
    problem = as_of_problem(as_of, today)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    who = args.by or getpass.getuser()
    warning = similar_team(args.team, [x.name for x in list_teams(store)])
    if warning:
        print(f"Warning: {warning}", file=sys.stderr)
    try:
        info = save_snapshot(
            store,
            args.team,
            as_of,
            roster.staff,
            roster.competencies,
            saved_by=who,
            replace=args.replace,
            framework=args.framework,
        )
    except SnapshotExists as exc:
        print(f"{exc} Use --replace to replace it.", file=sys.stderr)
        return 2
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    log_access(store, who, info.team, "saved")
    f = info.figures
    print(
        f"Saved {info.team}'s snapshot for {_day(info.as_of)}: {info.people} people, {info.wte:.2f} WTE, "
        f"{_pct(f['coverage'])} of required competencies verified."
    )
    return 0


def _list(store: Any, args: argparse.Namespace) -> int:
    from planner.store import list_snapshots, list_teams

    if args.team is None:
        teams = list_teams(store)
        if args.json:
            print(json.dumps({"teams": [{"team": x.name, "owner": x.owner, "snapshots": x.snapshots,
                                         "latest": x.latest.isoformat() if x.latest else None} for x in teams]}, indent=2))  # fmt: skip
            return 0
        if not teams:
            print("No teams saved yet.")
        for x in teams:
            latest = f", latest {_day(x.latest)}" if x.latest else ""
            print(f"{x.name}: {x.snapshots} snapshot(s){latest}")
        return 0
    if args.team not in {x.name for x in list_teams(store)}:
        print(f"There is no team called '{args.team}'.", file=sys.stderr)
        return 2
    snaps = list_snapshots(store, args.team)
    if args.json:
        out = [
            {"as_of": s.as_of.isoformat(), "saved_by": s.saved_by, "saved_at": s.saved_at.isoformat() if s.saved_at else None,
             "framework": s.framework_id, "framework_version": s.framework_version, "people": s.people, "wte": round(s.wte, 4)}
            for s in snaps
        ]  # fmt: skip
        print(json.dumps({"team": args.team, "snapshots": out}, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.team}: {len(snaps)} snapshot(s)")
    for s in snaps:
        when = f" at {s.saved_at:%H:%M} on {_day(s.saved_at.date())}" if s.saved_at else ""
        print(f"  {_day(s.as_of):<18} {s.people:>4} people {s.wte:>7.2f} WTE   saved by {s.saved_by}{when}")
    return 0


def _trend(store: Any, args: argparse.Namespace) -> int:
    from planner.history import trend, trend_json
    from planner.store import list_snapshots, list_teams

    if args.team not in {x.name for x in list_teams(store)}:
        print(f"There is no team called '{args.team}'.", file=sys.stderr)
        return 2
    table = trend(list_snapshots(store, args.team))
    doc = trend_json(args.team, table)
    if args.json:
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.team}: figures as computed when each snapshot was saved")
    print(
        f"  {'as of':<18}{'people':>7}{'WTE':>8}{'verified':>10}{'registered':>12}{'single points':>15}{'expired':>9}{'expiring':>10}"
    )
    for s in doc["snapshots"]:
        print(
            f"  {_day(date.fromisoformat(s['as_of'])):<18}{s['people']:>7}{s['wte']:>8.2f}{_pct(s['coverage']):>10}"
            f"{_pct(s['registered_share']):>12}{s['single_points_of_failure']:>15}{s['expired']:>9}{s['expiring']:>10}"
        )
    return 0


def _frame(df: Any) -> list[dict[str, Any]]:
    out = []
    for r in df.to_dict("records"):
        item = {}
        for k, v in r.items():
            if hasattr(v, "isoformat"):
                v = v.isoformat()[:10]
            elif v is None or (isinstance(v, float) and v != v):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            item[k] = v
        out.append(item)
    return out


def _diff(store: Any, args: argparse.Namespace) -> int:
    from planner.history import diff
    from planner.store import judge_for, load_snapshot

    if args.since > args.until:
        print(
            f"Note: --from ({_day(args.since)}) is after --to ({_day(args.until)}); "
            "the dates were swapped to compare the earlier with the later.",
            file=sys.stderr,
        )
        args.since, args.until = args.until, args.since
    a, b = load_snapshot(store, args.team, args.since), load_snapshot(store, args.team, args.until)
    ch = diff(a, b, judge=judge_for(b.info.framework_id))
    kinds = ("joiners", "leavers", "changed", "gained", "lost", "lapsed")
    if args.json:
        doc = {
            "team": args.team,
            "from": ch.before.isoformat(),
            "to": ch.after.isoformat(),
            "counts": ch.counts(),
        }
        doc |= {k: _frame(getattr(ch, k)) for k in kinds}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    c = ch.counts()
    print(f"{args.team}: what changed from {_day(ch.before)} to {_day(ch.after)}")
    print(f"  {c['joiners']} joined, {c['leavers']} left, {c['changed']} band or WTE change(s)")
    print(f"  competencies: {c['gained']} gained, {c['lost']} lost, {c['lapsed']} lapsed")
    return 0


def _delete(store: Any, args: argparse.Namespace) -> int:
    from planner.store import delete_snapshot, delete_team, log_access

    who = getpass.getuser()
    if args.as_of is not None:
        if not delete_snapshot(store, args.team, args.as_of):
            print(f"Team '{args.team}' has no snapshot on {_day(args.as_of)}.", file=sys.stderr)
            return 2
        print(f"Deleted {args.team}'s snapshot for {_day(args.as_of)}.")
    else:
        from planner.store import list_teams, members

        found = {x.name: x for x in list_teams(store)}.get(args.team)
        if found is None:
            print(f"There is no team called '{args.team}'.", file=sys.stderr)
            return 2
        if not args.yes:
            print(
                f"This would delete team {args.team} with its {found.snapshots} snapshot(s) and "
                f"{len(members(store, args.team))} member(s), for good. Add --yes to delete it.",
                file=sys.stderr,
            )
            return 2
        delete_team(store, args.team)
        print(f"Deleted team {args.team} and all its snapshots.")
    log_access(store, who, args.team, "deleted")
    return 0


def _region(store: Any, args: argparse.Namespace) -> int:
    from planner.store import list_teams, set_team_details, set_user_region

    region = args.region.strip() or None
    if args.user is not None:
        user = args.user.strip()
        if not user:
            print("A commissioner needs a sign-in e-mail or name: give --user, not a blank.", file=sys.stderr)
            return 2
        set_user_region(store, user, region)
        print(f"{user} now sees the teams of {region}." if region else f"{user} no longer has a region.")
        return 0
    found = {x.name: x for x in list_teams(store)}.get(args.team)
    if found is None:
        print(f"There is no team called '{args.team}'.", file=sys.stderr)
        return 2
    set_team_details(store, args.team, region=region, service_type=found.service_type)
    print(f"Team {args.team} is now in {region}." if region else f"Team {args.team} no longer has a region.")
    return 0
