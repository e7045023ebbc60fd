"""Benchmark the expansion model: the Monte Carlo, and a parameter change on a 500-person roster.

Targets (issue 5): 10,000 Monte Carlo runs × 10 years × the full band mix in at most 1 s (median);
a parameter change recomputes the whole page's model in at most 0.3 s for a 500-person roster.

Run: ``.venv/bin/python benchmarks/bench_expansion.py [--repeats N]``. Prints a markdown table (median of
N timed runs after one warm-up) and exits 0. Cases run side by side in one process so their ratios
compare like with like; peak memory is the process's maximum resident set size after each case.

``--baseline REV`` compares with an earlier commit in the same run: ``planner/`` and ``data/`` of REV
are extracted (``git archive``) to a temporary folder, and case by case a fresh process times REV's code
and then a fresh process times this tree's, so both see the same machine load; the table shows both
medians and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from planner.charts import expansion as charts_expansion
from planner.expansion import projection, uncertainty
from planner.expansion.scenario import load_scenario

AS_OF = date(2025, 4, 1)
TEN_YEARS = "2034/35"  # 2025/26 … 2034/35


def roster_500(seed: int = 0) -> pd.DataFrame:
    """A synthetic 500-person roster across every priced band (two posts for some people)."""
    rng = np.random.default_rng(seed)
    bands = np.array(["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"])
    weights = np.array([4, 14, 14, 16, 20, 16, 7, 4, 2, 2, 1], dtype=float)
    band = rng.choice(bands, size=520, p=weights / weights.sum())
    function = np.where(np.isin(band, ["2", "3", "4"]), "supporting", "delivering")
    function = np.where(np.isin(band, ["8a", "8b", "8c", "8d", "9"]), "leading", function)
    ids = np.concatenate([np.arange(500), rng.integers(0, 500, 20)])  # 20 second posts
    return pd.DataFrame(
        {
            "staff_id": [f"B{i:04d}" for i in ids],
            "band": band,
            "wte": rng.choice([1.0, 1.0, 0.8, 0.6, 0.5, 0.4], size=520),
            "function": function,
        }
    )


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float, float, float, float]:
    """Wall-clock median, min and max, median CPU seconds, and peak RSS (MB) after a warm-up.

    CPU time shows the model's own cost when other processes share the two cores.
    """
    fn()
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return statistics.median(wall), min(wall), max(wall), statistics.median(cpu), peak_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--baseline", help="a git revision to time side by side with this tree")
    parser.add_argument("--case", type=int, help=argparse.SUPPRESS)  # one case, JSON out (children)
    args = parser.parse_args()
    if args.baseline:
        return compare(args.baseline, args.repeats)

    staff = roster_500()
    base = load_scenario("long_term_plan", eligible_population=190_000)
    ten = base.with_overrides(target_year=TEN_YEARS)
    team = projection.in_post_from_staff(staff)
    in_post = team.by_band.to_numpy()
    assert (in_post[1:] > 0).all(), "every priced band is in post"
    headroom = iter(np.linspace(0.23, 0.30, 10_000))  # totals above the sourced parts (22.6%)

    def page_model(runs: int) -> Callable[[], object]:
        def run() -> object:
            # A parameter change: a fresh scenario (new cache key), the whole model, every chart and caption.
            edited = base.with_overrides(headroom=float(next(headroom)))
            p = projection.project(edited, staff, as_of=AS_OF, runs=runs, seed=0)
            return charts_expansion.all_figures(p)

        return run

    cases = [
        (
            "Monte Carlo 1,000 runs × 10 years × 12 bands",
            lambda: uncertainty.run(ten.inputs(), in_post, AS_OF, runs=1_000),
            None,
        ),
        (
            "Monte Carlo 10,000 runs × 10 years × 12 bands",
            lambda: uncertainty.run(ten.inputs(), in_post, AS_OF, runs=10_000),
            1.0,
        ),
        ("Parameter change, 500-person roster, to 2028/29, no Monte Carlo", page_model(0), 0.3),
        ("Parameter change, 500-person roster, to 2028/29, with 10,000 runs", page_model(10_000), 0.3),
    ]
    if args.case is not None:
        name, fn, _ = cases[args.case]
        med, lo, hi, cpu, peak = timed(fn, args.repeats)
        print(json.dumps({"name": name, "median": med, "min": lo, "max": hi, "cpu": cpu, "peak": peak}))
        return 0
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, NumPy {np.__version__}"
    )
    print(
        f"Roster: {team.people} people, {len(staff)} posts, {team.total:.0f} WTE; median of {args.repeats} runs after a warm-up.\n"
    )
    print(f"Load average before the run: {os.getloadavg()[0]:.2f}\n")
    print("| case | median (s) | min (s) | max (s) | median CPU (s) | target (s) | met | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|:---:|---:|")
    medians = {}
    for name, fn, target in cases:
        med, lo, hi, cpu, peak = timed(fn, args.repeats)
        medians[name] = med
        met = "—" if target is None else ("yes" if med <= target else "NO")
        target_text = f"{target:g}" if target else "—"
        print(
            f"| {name} | {med:.3f} | {lo:.3f} | {hi:.3f} | {cpu:.3f} | {target_text} | {met} | {peak:.0f} |"
        )
    names = [c[0] for c in cases]
    print(
        f"\nRatio 10,000 : 1,000 runs = {medians[names[1]] / medians[names[0]]:.1f}× (linear scaling would be 10×)."
    )
    return 0


TARGETS = [None, 1.0, 0.3, 0.3]  # the cases' targets in seconds, in order


def _child(case: int, repeats: int, tree: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    argv = [sys.executable, str(Path(__file__).resolve()), "--case", str(case), "--repeats", str(repeats)]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(baseline: str, repeats: int) -> int:
    """Time every case with ``baseline``'s code and this tree's, case by case in fresh processes."""
    here = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(here), "archive", baseline, "planner", "data"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}, NumPy {np.__version__}")  # fmt: skip
        print(
            f"Before: {baseline}; after: this tree. Median of {repeats} runs after a warm-up, each in a fresh process."
        )
        print(f"Load average before the run: {os.getloadavg()[0]:.2f}\n")
        print(
            "| case | before: median (s) | after: median (s) | after ÷ before | before: median CPU (s) "
            "| after: median CPU (s) | after: min–max (s) | target (s) | met |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|:---:|")
        for case, target in enumerate(TARGETS):
            old = _child(case, repeats, Path(tmp))
            new = _child(case, repeats, here)
            met = "—" if target is None else ("yes" if new["median"] <= target else "NO")
            print(
                f"| {new['name']} | {old['median']:.3f} | {new['median']:.3f} | {new['median'] / old['median']:.2f} "
                f"| {old['cpu']:.3f} | {new['cpu']:.3f} | {new['min']:.3f}–{new['max']:.3f} | {target or '—'} | {met} |"
            )
        print(f"\nLoad average after the run: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
