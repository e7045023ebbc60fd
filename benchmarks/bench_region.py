"""Benchmark a region: ``planner project`` on 200 services against 3 services, whole processes side by side.

Target (issue 13): modelling 200 services costs at most 10 times modelling 3 services, with the same runs
per service, start-up included; peak memory for 200 services stays under 4 GB.

Run: ``.venv/bin/python benchmarks/bench_region.py [--repeats N] [--runs R]``. The two workbooks (staff
and a Services sheet, from the seeded generator ``planner.samples.generate_region``) are written to a
temporary folder first; then, N times, a fresh ``planner project --json`` process models the 3-service
region and another the 200-service region, one after the other (so both see the same machine load).
Each process's wall-clock seconds, CPU seconds (user + system) and peak resident memory come from the
operating system's accounting of the finished child (``os.wait4``). The table gives medians and the
ratio 200 ÷ 3 taken pair by pair; CPU seconds show the work when other processes share the cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planner import samples

SIZES = (3, 200)
AS_OF = "2026-11-01"


def write_regions(folder: Path) -> dict[int, Path]:
    """One workbook per size: staff and their Services sheet (competency records are not modelled)."""
    paths = {}
    for n in SIZES:
        path = folder / f"region_{n}.xlsx"
        path.write_bytes(samples.to_xlsx(samples.generate_region(11, count=n, records=False)))
        paths[n] = path
    return paths


def one_process(roster: Path, runs: int) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one ``planner project --json`` process."""
    cmd = [sys.executable, "-m", "planner.cli", "project", "--roster", str(roster), "--as-of", AS_OF]
    cmd += ["--runs", str(runs), "--json"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{roster.name}: exit {proc.returncode}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="pairs of processes (default 3)")
    parser.add_argument(
        "--runs", type=int, default=10_000, help="Monte Carlo runs per service (default 10,000)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_regions(Path(tmp))
        got: dict[int, list[tuple[float, float, float]]] = {n: [] for n in SIZES}
        for _ in range(args.repeats):
            for n in SIZES:
                got[n].append(one_process(paths[n], args.runs))
    small, large = got[SIZES[0]], got[SIZES[1]]
    wall_ratio = statistics.median(b[0] / a[0] for a, b in zip(small, large, strict=True))
    cpu_ratio = statistics.median(b[1] / a[1] for a, b in zip(small, large, strict=True))
    print(
        f"{args.runs:,} Monte Carlo runs per service; {args.repeats} pair(s) of whole processes, start-up included\n"
    )
    print("| services | wall s (median) | CPU s (median) | peak RSS MB (max) |")
    print("|---:|---:|---:|---:|")
    for n in SIZES:
        rows = got[n]
        print(
            f"| {n} | {statistics.median(r[0] for r in rows):.1f} | {statistics.median(r[1] for r in rows):.1f} "
            f"| {max(r[2] for r in rows):.0f} |"
        )
    peak = max(r[2] for r in large)
    print(
        f"\n200 ÷ 3: wall {wall_ratio:.1f}×, CPU {cpu_ratio:.1f}× (target at most 10×: "
        f"{'met' if wall_ratio <= 10 else 'not met'}); peak memory for 200 services {peak:,.0f} MB "
        f"(target under 4,096 MB: {'met' if peak < 4096 else 'not met'})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
