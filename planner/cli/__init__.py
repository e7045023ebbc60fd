"""The ``planner`` command line: one sub-command module per capability, all over the same functions.

Each module in this package exposes ``register(subparsers)``, adding its sub-command with a
``func(args) -> int`` default. Exit codes: 0 success, 1 reported problems, 2 refused or bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

#: The order ``planner --help`` lists sub-commands in; any other module here follows alphabetically.
_ORDER: tuple[str, ...] = (
    "framework",
    "sample",
    "validate",
    "coverage",
    "skillmix",
    "project",
    "pack",
    "arrs",
    "history",
)


def command_modules() -> list[str]:
    """The sub-command modules of this package, in help order."""
    found = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    return sorted(found, key=lambda n: (_ORDER.index(n) if n in _ORDER else len(_ORDER), n))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Skill Mix Planner: competency coverage, skill mix and expansion modelling for NHS teams.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        importlib.import_module(f"planner.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
