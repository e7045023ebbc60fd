"""Benchmark: the least-cost skill mix (scipy milp, HiGHS) for the sample team and for 200 services.

Measures:

1. the sample team: the optimal mix for the status-quo scenario's demand with the team in post as the
   comparison, alone and with every rule's saving and marginal cost (one solve per rule and the LP
   relaxation), and with the team as the floor (median of N runs);
2. a region of 200 services whose demand varies (starts drawn from 40 to 2,000 a year, seeded): the
   optimal mix of each, timed one by one; median, 95th percentile and the slowest, wall clock and
   CPU (the process's, all threads: steadier on a shared machine). Target: median ≤ 0.5 s per
   service with whole posts (the default); 0.1 WTE steps are reported beside it.

Prints a Markdown table and exits 0 (1 when the target is missed). Usage:
``.venv/bin/python benchmarks/bench_optimise.py [--runs N] [--services N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from planner.expansion.optimise import optimise, settings_from
from planner.expansion.scenario import load_scenario
from planner.views.expansion import model_staff
from planner.views.optimise import team_wte
from planner.views.session import sample_roster

TARGET_SECONDS = 0.5


def timed(fn, runs: int) -> float:
    """Median seconds of ``runs`` calls."""
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--services", type=int, default=200)
    args = parser.parse_args()
    inputs = load_scenario("status_quo").inputs()
    team = team_wte(model_staff(sample_roster()))
    whole = settings_from({})
    floor = settings_from({"floor": True})
    rows = [
        ("Sample team: optimal mix", timed(lambda: optimise(inputs, whole, in_post=team, with_rule_costs=False), args.runs)),
        ("Sample team: with every rule's cost", timed(lambda: optimise(inputs, whole, in_post=team), args.runs)),
        ("Sample team: team in post as the floor", timed(lambda: optimise(inputs, floor, in_post=team, with_rule_costs=False), args.runs)),
    ]  # fmt: skip
    rng = np.random.default_rng(15)
    starts = rng.uniform(40, 2_000, size=args.services)
    met = True
    lines = []
    for step in ("whole", "tenth"):
        settings = settings_from({"post_step": step})
        seconds, cpu = [], []
        for s in starts:
            t, c = time.perf_counter(), time.process_time()
            optimise(inputs, settings, starts=float(s), completions=float(s) * 0.6, with_rule_costs=False)
            seconds.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        median = statistics.median(seconds)
        verdict = "–"
        if step == "whole":
            met = median <= TARGET_SECONDS
            verdict = f"{'met' if met else 'NOT met'} (≤ {TARGET_SECONDS} s median)"
        lines.append(
            f"| {args.services} services, {step} posts: per service | {median:.3f} s median "
            f"(CPU {statistics.median(cpu):.3f} s) | {np.percentile(seconds, 95):.3f} s p95, "
            f"{max(seconds):.3f} s slowest, {sum(seconds):.1f} s in all | {verdict} |"
        )
    print("| Measure | Time | Detail | Target |")
    print("|---|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} s | median of {args.runs} | |")
    print("\n".join(lines))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
