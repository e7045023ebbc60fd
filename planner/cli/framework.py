"""``planner framework list`` and ``planner framework show ID [--json]``."""

from __future__ import annotations

import argparse
import json
import sys

from planner.reference import frameworks
from planner.reference.errors import ReferenceDataError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``framework`` sub-command."""
    p = sub.add_parser("framework", help="list the encoded competency frameworks, or show one")
    fsub = p.add_subparsers(dest="framework_command", metavar="ACTION")
    ls = fsub.add_parser("list", help="list the frameworks with their sources")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=run_list)
    show = fsub.add_parser("show", help="show one framework's levels and competencies")
    show.add_argument("id", help="framework id, e.g. bts, london, homecare, primary_care")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=run_show)
    p.set_defaults(func=lambda _args: (p.print_help(), 2)[1])


def _load() -> dict[str, frameworks.Framework] | None:
    try:
        return frameworks.load_all()
    except ReferenceDataError as exc:
        print(str(exc), file=sys.stderr)
        return None


def run_list(args: argparse.Namespace) -> int:
    """Print every framework: id, title, source, version, date and counts."""
    loaded = _load()
    if loaded is None:
        return 2
    rows = [
        {
            "id": fw.id,
            "title": fw.title,
            "publisher": fw.source.get("publisher"),
            "version": fw.source.get("version"),
            "date": str(fw.source.get("date")),
            "levels": len(fw.levels),
            "competencies": len(fw.competencies),
        }
        for fw in loaded.values()
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r['id']:<14} {r['title']}")
        print(
            f"{'':<14} {r['publisher']}, {r['version']} ({r['date']}); "
            f"{r['levels']} levels, {r['competencies']} competencies"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print one framework, as JSON or as a readable outline."""
    loaded = _load()
    if loaded is None:
        return 2
    if args.id not in loaded:
        print(f"No framework {args.id!r}. Known frameworks: {', '.join(sorted(loaded))}.", file=sys.stderr)
        return 2
    fw = loaded[args.id]
    data = fw.to_dict()
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    src = fw.source
    print(f"{fw.title}\n{src.get('publisher')}, {src.get('version')} ({src.get('date')})")
    if fw.interpretation:
        print(f"Interpretation: {' '.join(fw.interpretation.split())}")
    print("Levels: " + ", ".join(f"{lv['label']} [{lv['id']}]" for lv in data["levels"]))
    domain_label = dict(zip(fw.domains["domain_id"], fw.domains["label"], strict=True))
    current = None
    for c in data["competencies"]:
        if c["domain"] != current:
            current = c["domain"]
            print(f"\n{domain_label.get(current, current)}")
        levels = ", ".join(f"{lv}: {c['expectation'].get(lv) or 'expected'}" for lv in c["required_at"])
        print(f"  {c['id']:<16} {c['text']}  ({levels})")
    return 0
