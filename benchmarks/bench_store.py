"""Benchmark: the history store on SQLite and on a real Postgres, side by side.

1. saving a 200-person team with 40 competency records each (8,000 records), figures included
   (median of N saves, each replacing the last; target ≤ 1 s on SQLite);
2. drawing the History page's trend over 20 snapshots: listing them and building the trend and
   by-band tables (median of N; target ≤ 1 s on SQLite);
3. for reference: loading one snapshot, and "what changed" between two.

Postgres is started as the tests start it (``tests/postgres.py``); without one, its column says why.
Prints a Markdown table. Usage: ``.venv/bin/python benchmarks/bench_store.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner import store as S
from planner.history import diff, trend, trend_by_band
from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue
from planner.samples import SAMPLE_AS_OF, generate_team, to_xlsx

PEOPLE, RECORDS, SNAPSHOTS = 200, 40, 20


def team() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic 200-post team, read as an upload is, with exactly 40 records a person."""
    roster = read_roster(to_xlsx(generate_team(11, size=PEOPLE)), "team.xlsx", catalogue=load_catalogue())
    rng = np.random.default_rng(1)
    groups = roster.competencies.groupby("staff_id").indices.values()
    take = np.concatenate([rng.choice(ix, RECORDS, replace=len(ix) < RECORDS) for ix in groups])
    return roster.staff, roster.competencies.iloc[np.sort(take)].reset_index(drop=True)


def median(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall seconds of ``fn`` and median CPU seconds of this process (steadier on a shared machine)."""
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), statistics.median(cpu)


def measure(url: str, staff: pd.DataFrame, recs: pd.DataFrame, runs: int) -> dict[str, tuple[float, float]]:
    st = S.open_store(url, id_key=b"bench")
    out: dict[str, tuple[float, float]] = {}
    out["save"] = median(
        lambda: S.save_snapshot(st, "Bench", SAMPLE_AS_OF, staff, recs, saved_by="bench", replace=True), runs
    )
    out["figures"] = median(lambda: S.compute_figures(staff, recs, "bts", SAMPLE_AS_OF), runs)
    for i in range(1, SNAPSHOTS):
        S.save_snapshot(
            st, "Bench", SAMPLE_AS_OF - timedelta(days=30 * i), staff, recs, saved_by="bench", replace=True
        )

    def page() -> None:
        snaps = S.list_snapshots(st, "Bench")
        assert len(snaps) == SNAPSHOTS
        trend(snaps)
        trend_by_band(snaps)

    out["trend"] = median(page, runs)
    out["load"] = median(lambda: S.load_snapshot(st, "Bench"), runs)
    judge = S.judge_for("bts")
    a, b = S.load_snapshot(st, "Bench", SAMPLE_AS_OF - timedelta(days=30)), S.load_snapshot(st, "Bench")
    out["diff"] = median(lambda: diff(a, b, judge=judge), runs)
    st.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    staff, recs = team()
    with tempfile.TemporaryDirectory() as tmp:
        lite = measure(f"sqlite:///{Path(tmp) / 'bench.db'}", staff, recs, args.runs)
    from tests import postgres

    try:
        server = postgres.start()
    except postgres.Unavailable as exc:
        pg, why = None, str(exc)
    else:
        try:
            pg, why = measure(server.new_database(), staff, recs, args.runs), ""
        finally:
            server.stop()
    rows = [
        ("save a 200-person team, 40 records each (figures included)", "save", 1.0),
        ("  of which computing the figures", "figures", None),
        (f"History page trend over {SNAPSHOTS} snapshots", "trend", 1.0),
        ("load one snapshot (staff and records)", "load", None),
        ("what changed between two snapshots", "diff", None),
    ]
    print(f"{len(staff)} posts, {len(recs)} records; median of {args.runs} runs (seconds).\n")
    print("| measure | SQLite wall (CPU) | Postgres wall (CPU) | target (SQLite) | met |")
    print("|---|---:|---:|---:|---|")
    for label, key, target in rows:
        p = f"{pg[key][0]:.3f} ({pg[key][1]:.3f})" if pg else "n/a"
        met = "" if target is None else ("yes" if lite[key][0] <= target else "no")
        cell = f"{lite[key][0]:.3f} ({lite[key][1]:.3f})"
        print(f"| {label} | {cell} | {p} | {'' if target is None else f'≤ {target:g} s'} | {met} |")
    if why:
        print(f"\nPostgres not measured: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
