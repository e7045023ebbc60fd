"""Benchmark: coverage at national scale (200,000 staff × 40 competencies = 8 million rows).

Measures, in a child process so its peak memory can be read with ``resource.getrusage``:

1. the aggregation by band × function × domain of an 8-million-row status table (median of N runs;
   target ≤ 5 s);
2. the whole pipeline from roster tables (staff and competency records) to statuses (median of 3);
3. on a 5,000-person subset, the vectorised aggregation against a straightforward per-person Python
   loop, timed side by side in the same run, and their ratio.

Prints a Markdown table and exits 0. Usage: ``.venv/bin/python benchmarks/bench_coverage.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date

import numpy as np
import pandas as pd

from planner import coverage
from planner.reference.frameworks import Framework, expectation_class

STAFF = 200_000
COMPETENCIES = 40
SUBSET = 5_000
AS_OF = date(2026, 11, 1)
BANDS = ["3", "4", "5", "6", "7", "8a"]
LEVELS = ["band3", "band4", "band5", "band6", "band7", "lead"]
FUNCTIONS = ["supporting", "delivering", "leading", "delivering_managing", None]
DOMAINS = ["core_clinical", "knowledge", "leadership", "research", "qualifications"]


def synthetic_framework() -> Framework:
    """A BTS-shaped framework with 40 statements, every one required at every level (40 rows a person)."""
    levels = pd.DataFrame(
        {"level_id": LEVELS, "label": LEVELS, "afc_bands": [[b] for b in BANDS], "rank": range(len(LEVELS))}
    )
    comps = pd.DataFrame(
        {
            "competency_id": [f"SYN-{i:02d}" for i in range(COMPETENCIES)],
            "text": [f"synthetic statement {i}" for i in range(COMPETENCIES)],
            "domain_id": [DOMAINS[i % len(DOMAINS)] for i in range(COMPETENCIES)],
            "area_id": [None] * COMPETENCIES,
            "renewal_months": [12.0 if i == 0 else np.nan for i in range(COMPETENCIES)],
        }
    )
    req = pd.DataFrame(
        [(c, lv, "Demonstrates") for c in comps["competency_id"] for lv in LEVELS],
        columns=["competency_id", "level_id", "expectation"],
    )
    req["expectation_class"] = req["expectation"].map(expectation_class)
    return Framework(
        id="synthetic",
        title="Synthetic 40-statement framework",
        source={},
        level_basis="band",
        levels=levels,
        domains=pd.DataFrame({"domain_id": DOMAINS, "label": [d.title() for d in DOMAINS]}),
        areas=pd.DataFrame(columns=["area_id", "label"]),
        competencies=comps,
        requirements=req,
    )


def synthetic_roster(n: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` staff and one record for about 70% of their 40 competencies (seeded)."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"N{i:07d}" for i in range(n)], dtype=object)
    staff = pd.DataFrame(
        {
            "staff_id": ids,
            "band": rng.choice(BANDS, n),
            "wte": rng.choice([0.2, 0.4, 0.5, 0.6, 0.8, 1.0], n),
            "function": rng.choice(np.array(FUNCTIONS, dtype=object), n),
        }
    )
    pairs = n * COMPETENCIES
    keep = rng.random(pairs) < 0.7
    person = np.repeat(np.arange(n), COMPETENCIES)[keep]
    comp = np.tile(np.arange(COMPETENCIES), n)[keep]
    m = len(person)
    signed_on = pd.Timestamp(AS_OF) - pd.to_timedelta(rng.integers(0, 900, m), unit="D")
    signed = rng.random(m) < 0.75
    records = pd.DataFrame(
        {
            "staff_id": ids[person],
            "competency_id": np.array([f"SYN-{i:02d}" for i in range(COMPETENCIES)], dtype=object)[comp],
            "achieved": rng.random(m) < 0.85,
            "in_progress": rng.random(m) < 0.1,
            "self_assessed_on": signed_on,
            "signed_off_by": np.where(signed, "M", None),
            "signed_off_on": signed_on.where(signed),
        }
    )
    return staff, records


def loop_aggregate(st: pd.DataFrame) -> dict[tuple[str, str, str], list[float]]:
    """The straightforward version: walk every person's rows in Python, adding up counts."""
    totals: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    rows = st[["staff_id", "band", "function", "domain_id", "status", "wte"]].astype(
        {"staff_id": str, "band": str, "function": str, "domain_id": str, "status": str}
    )
    for _person, mine in rows.groupby("staff_id", sort=False):
        for band, function, domain, status, wte in zip(
            mine["band"], mine["function"], mine["domain_id"], mine["status"], mine["wte"], strict=True
        ):
            cell = totals[(band, function, domain)]
            cell[0] += 1
            cell[1] += status == "verified"
            cell[2] += wte
            cell[3] += wte * (status == "verified")
    return totals


def timed(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def worker(runs: int) -> dict:
    fw = synthetic_framework()
    t0 = time.perf_counter()
    staff, records = synthetic_roster(STAFF)
    build = time.perf_counter() - t0
    pipeline, st = timed(lambda: coverage.statuses(staff, records, fw, AS_OF, include_cross_cutting=False), 3)
    agg, cube = timed(lambda: coverage.by_band_function_domain(st), runs)
    sub_ids = staff["staff_id"].iloc[:SUBSET]
    sub = st[st["staff_id"].isin(sub_ids)]
    vec_small, small = timed(lambda: coverage.by_band_function_domain(sub), runs)
    loop_small, looped = timed(lambda: loop_aggregate(sub), 3)
    # The two must agree before their times are compared.
    for (band, function, domain), (req, ver, _w, _wv) in looped.items():
        row = small[
            (small["band"] == band) & (small["function"] == function) & (small["domain_id"] == domain)
        ]
        assert int(row["required"].iloc[0]) == req and int(row["verified"].iloc[0]) == ver
    return {
        "rows": len(st),
        "records": len(records),
        "build_s": build,
        "pipeline_s": pipeline,
        "aggregate_s": agg,
        "cells": len(cube),
        "subset_rows": len(sub),
        "vector_subset_s": vec_small,
        "loop_subset_s": loop_small,
    }


def main() -> int:
    """Run the worker in a child process and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the aggregation (median reported)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.runs)))
        return 0
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", "--runs", str(args.runs)],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2  # KiB on Linux
    ratio = r["loop_subset_s"] / r["vector_subset_s"]
    ok = r["aggregate_s"] <= 5 and peak_gb < 4
    print(f"## Coverage benchmark ({platform.processor() or platform.machine()}, {_cores()} cores)\n")
    print("| measure | value | target |")
    print("|---|---|---|")
    print(f"| person × competency rows | {r['rows']:,} ({STAFF:,} staff × {COMPETENCIES}) | 8,000,000 |")
    print(f"| aggregate band × function × domain, median of {args.runs} | {r['aggregate_s']:.2f} s | ≤ 5 s |")
    print(
        f"| statuses from roster tables ({r['records']:,} records), median of 3 | {r['pipeline_s']:.2f} s | – |"
    )
    print(f"| synthetic roster build | {r['build_s']:.2f} s | – |")
    print(f"| peak memory of the run (getrusage, child) | {peak_gb:.2f} GB | < 4 GB |")
    print(
        f"| {SUBSET:,}-person subset ({r['subset_rows']:,} rows): vectorised / per-person loop | "
        f"{r['vector_subset_s'] * 1000:.1f} ms / {r['loop_subset_s'] * 1000:.0f} ms | – |"
    )
    print(f"| loop ÷ vectorised (same run) | {ratio:.0f}× | – |")
    print(
        f"\n{'PASS' if ok else 'FAIL'}: aggregation {'within' if ok else 'outside'} the 5 s / 4 GB targets."
    )
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
