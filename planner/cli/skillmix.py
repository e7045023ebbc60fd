"""``planner skillmix FILE [--json]``: WTE and headcount by band and function, registered share, cost.

``planner skillmix [FILE] --optimise [--scenario NAME] [--set name=value ...] [--off RULE ...] [--floor]
[--service NAME] [--json]``: the least-cost mix for the scenario's demand (:mod:`planner.expansion.optimise`), beside the
policy mix and, with FILE, the team in post (``--floor`` keeps that team: the answer is the posts to
add). ``--set`` takes the scenario's parameters as ``planner project`` does, and the optimiser's own
settings (``target_registered_share``, 0 switches it off; ``post_step`` whole or tenth;
``leadership_band``; ``time_limit_seconds``).
"""

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
    p.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="the team's roster (xlsx, xls, ods or csv; the template's layout); optional with --optimise",
    )
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
    p.add_argument(
        "--optimise",
        action="store_true",
        help="the least-cost mix that keeps every rule, and what each rule costs",
    )
    p.add_argument("--scenario", default="status_quo", help="with --optimise: scenario name or a YAML file")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --optimise: a scenario parameter or optimiser setting, e.g. --set target_registered_share=0",
    )
    p.add_argument(
        "--off",
        action="append",
        default=[],
        metavar="RULE",
        help="with --optimise: switch a rule off (repeatable)",
    )
    p.add_argument("--floor", action="store_true", help="with --optimise and FILE: keep everyone in post")
    p.add_argument(
        "--service",
        default=None,
        metavar="NAME",
        help="with --optimise and a roster of several services: the one service to compare (as the roster spells it)",
    )
    p.set_defaults(func=run)


def run_optimise(args: argparse.Namespace) -> int:
    """The least-cost mix (text or JSON); exit 2 on bad input or rules that conflict."""
    from planner.expansion.optimise import OptimiseError, settings_from
    from planner.expansion.scenario import ParameterError, load_scenario, parse_set
    from planner.reference.optimiser_rules import SETTING_NAMES
    from planner.views import optimise as view

    own = {o.partition("=")[0].strip(): o.partition("=")[2].strip() for o in args.overrides}
    values = {k: v for k, v in own.items() if k in SETTING_NAMES}
    try:
        scenario = load_scenario(
            args.scenario,
            **parse_set([o for o in args.overrides if o.partition("=")[0].strip() not in SETTING_NAMES]),
        )
        staff = None
        if args.file is not None:
            from planner.cli.project import _read_roster

            staff = _read_roster(args.file)[0]
        staff = view.service_team(staff, args.service)
        settings = settings_from({**values, "rules_off": set(args.off), "floor": args.floor})
    except (ParameterError, OptimiseError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.floor and staff is None:
        print("--floor keeps the team in post: give the roster FILE.", file=sys.stderr)
        return 2
    result = view.least_cost_view(scenario, staff, settings)
    if args.json:
        print(json.dumps(view.least_cost_json(result, scenario), indent=2, ensure_ascii=False))
        return 0 if result.error is None else 2
    if result.error is not None:
        print(result.error, file=sys.stderr)
        return 2
    print(result.headline)
    print(result.demand)
    print(result.posts)
    print()
    print(result.by_band.to_string(index=False))
    print()
    print("What each rule costs:")
    for sentence in result.sentences or ["No rule raises the cost: the cheapest mix meets them all anyway."]:
        print(f"  {sentence}")
    print()
    for note in result.notes:
        print(note)
    return 0


def run(args: argparse.Namespace) -> int:
    """Read the roster and print its skill mix (or the least-cost mix); return the exit code."""
    if args.optimise:
        return run_optimise(args)
    if args.file is None:
        print("Give the roster FILE, or --optimise for the least-cost mix of a scenario.", file=sys.stderr)
        return 2
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
    type_id = team_type(roster.staff, args.service_type)[0]
    if type_id == "homecare":  # career levels and actual pay, no PR target mix
        from planner.views.homecare import homecare_skillmix, homecare_skillmix_text

        hc = homecare_skillmix(roster.staff, args.point, args.pension, infer_from_profession=infer)
        print(json.dumps(hc, indent=2, ensure_ascii=False) if args.json else homecare_skillmix_text(hc))
        return 0
    result = skillmix.summary(roster.staff, targets, args.point, args.pension, infer_from_profession=infer)
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
