"""``planner skillmix FILE [--json]``: WTE and headcount by band and function, registered share, cost."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.cli import _service
from planner.ingest.service_type import team_type
from planner.reference.errors import ReferenceDataError
from planner.reference.pay import PENSIONS, pension_percent


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``skillmix`` sub-command."""
    p = sub.add_parser(
        "skillmix", help="skill mix: WTE by band and function, registered share, supervision, cost"
    )
    p.add_argument("file", type=Path, help="the team's roster (xlsx, xls, ods or csv; the template's layout)")
    p.add_argument("--point", choices=("entry", "mid", "top"), default="mid", help="pay point (default: mid)")
    p.add_argument(
        "--pension",
        choices=("employer", "full"),
        default="employer",
        help=" or ".join(f"{p} {pension_percent(p)}" for p in PENSIONS).replace("%", "%%"),
    )
    p.add_argument(
        "--infer-registration",
        action="store_true",
        help="when the roster records no registration, infer it from each profession (shown as inferred)",
    )
    _service.add_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the roster and print its skill mix; return the exit code."""
    from planner.captions import skillmix as captions
    from planner.ingest.read import RosterRefused, read_roster
    from planner.reference.catalogue import load_catalogue
    from planner.skillmix import mix as skillmix

    try:
        roster = read_roster(args.file.read_bytes(), args.file.name, catalogue=load_catalogue())
    except OSError as exc:
        print(f"Cannot read {args.file}: {exc.strerror}.", file=sys.stderr)
        return 2
    except RosterRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        targets = skillmix.load_targets()
    except ReferenceDataError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    infer = args.infer_registration
    result = skillmix.summary(roster.staff, targets, args.point, args.pension, infer_from_profession=infer)
    type_id = team_type(roster.staff, args.service_type)[0]
    if type_id != "pr":  # homecare and PCN teams are costed from their actual pay first
        from planner.skillmix.paycost import actual_pay_cost

        cost = actual_pay_cost(roster.staff, args.pension)
        result["service_type"] = type_id
        result["actual_pay_cost"] = round(float(cost["annual_cost"].fillna(0).sum()), 2)
        result["posts_costed_at_afc_fallback"] = int((cost["basis"] != "actual pay").sum())
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    staff = roster.staff
    band = skillmix.wte_headcount(staff, "band")
    print(captions.wte_caption(band, int(staff["staff_id"].nunique()) if len(staff) else 0))
    print(f"  {'band':<10}{'WTE':>8}{'people':>8}{'annual cost':>14}")
    cost = skillmix.mix_cost(staff, args.point, args.pension).set_index("band")["annual_cost"]
    for r in band.itertuples():
        if r.wte > 0:
            print(f"  {r.label:<10}{r.wte:>8.2f}{r.headcount:>8}{cost[r.band]:>14,.0f}")
    print()
    print("By function:")
    for r in skillmix.wte_headcount(staff, "function").itertuples():
        if r.wte > 0:
            print(f"  {r.label:<34}{r.wte:>8.2f} WTE")
    print()
    share = skillmix.registered_share(staff, targets, infer_from_profession=infer)
    print(captions.registered_caption(share))
    print(captions.supervision_caption(result["supervision_ratio"], share["recorded"], share["inferred"]))
    print(captions.cost_caption(skillmix.mix_cost(staff, args.point, args.pension), args.point, args.pension))
    if type_id != "pr":
        print(
            f"From the actual pay in the roster: £{result['actual_pay_cost']:,.0f} a year with employer NI and "
            f"pension ({result['posts_costed_at_afc_fallback']} post(s) with no pay at the AfC mid-point, labelled)."
        )
    return 0
