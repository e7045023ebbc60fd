"""Benchmark: what the History page and the Team page's "Reopen" do, on SQLite, for a 200-person team.

1. the History page over 20 snapshots, as the page draws it: listing the snapshots, the view-model
   (trend and by-band tables, the five Plotly charts, captions, the table in words), then loading
   the last two snapshots and "what changed" between them in words (median of N; target ≤ 1 s);
2. reopening the latest snapshot as the session's roster (load and rebuild; median of N).

Prints a Markdown table. Usage: ``.venv/bin/python benchmarks/bench_history_page.py [--runs N]``.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner import history
from planner import store as S
from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue
from planner.samples import SAMPLE_AS_OF, generate_team, to_xlsx
from planner.views.history import changes_view, history_view
from planner.views.saved import roster_from_snapshot

PEOPLE, SNAPSHOTS, TARGET = 200, 20, 1.0


def median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    roster = read_roster(to_xlsx(generate_team(11, size=PEOPLE)), "team.xlsx", catalogue=load_catalogue())
    staff, recs = roster.staff, roster.competencies
    with tempfile.TemporaryDirectory() as tmp:
        st = S.open_store(f"sqlite:///{Path(tmp) / 'bench.db'}", id_key=b"bench")
        dates = [SAMPLE_AS_OF - timedelta(days=30 * i) for i in range(SNAPSHOTS)]
        for d in dates:
            S.save_snapshot(st, "Bench", d, staff, recs, saved_by="bench")

        def page() -> None:
            snaps = S.list_snapshots(st, "Bench")
            view = history_view("Bench", snaps)
            assert len(view.table) == SNAPSHOTS
            a, b = (
                S.load_snapshot(st, "Bench", snaps[-2].as_of),
                S.load_snapshot(st, "Bench", snaps[-1].as_of),
            )
            changes_view(history.diff(a, b, judge=S.judge_for("bts")), names=False)

        def reopen() -> None:
            snap = S.load_snapshot(st, "Bench")
            roster_from_snapshot(snap.staff, snap.records, "Bench", snap.as_of)

        page_s, reopen_s = median(page, args.runs), median(reopen, args.runs)
        st.close()
    print(
        f"{len(staff)} posts, {len(recs)} records a snapshot; median of {args.runs} runs (seconds), SQLite.\n"
    )
    print("| measure | seconds | target | met |")
    print("|---|---:|---:|---|")
    print(f"| History page over {SNAPSHOTS} snapshots (view-model, charts, what changed) | {page_s:.3f} | "
          f"{TARGET:.1f} | {'yes' if page_s <= TARGET else 'no'} |")  # fmt: skip
    print(f"| reopen the latest snapshot as the roster | {reopen_s:.3f} | | |")
    return 0 if page_s <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
