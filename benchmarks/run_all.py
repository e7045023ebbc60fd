"""Run every ``benchmarks/bench_*.py`` in its own process and collect their tables.

Each benchmark prints a markdown table of medians and side-by-side ratios measured in the same run.
The combined output, with the machine it ran on, goes to ``benchmarks/out/results.md``.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    """One line describing this machine: CPU model, cores, memory, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except OSError:
        mem = "unknown memory"
    return f"{cpu}, {os.cpu_count()} cores, {mem}, Python {platform.python_version()}"


def main() -> int:
    """Run the benchmarks named on the command line (default: all) and write the results file."""
    wanted = sys.argv[1:]
    scripts = sorted(
        p for p in HERE.glob("bench_*.py") if not wanted or p.stem.removeprefix("bench_") in wanted
    )
    out = [f"# Benchmark results\n\nMachine: {machine()}\nDate: {time.strftime('%Y-%m-%d')}\n"]
    failed = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
        print(proc.stdout, end="")
        if proc.returncode != 0:
            failed += 1
            print(proc.stderr, file=sys.stderr)
        out.append(f"## {script.stem}\n\n{proc.stdout.strip()}\n")
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "results.md").write_text("\n".join(out), encoding="utf-8")
    print(f"\nWrote {HERE / 'out' / 'results.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
