"""Benchmark: roster ingest of a 20,000-person .xlsx, calamine against openpyxl, and a zip bomb.

Measures, each engine in its own child process so that its peak memory can be read with
``resource.getrusage`` (ru_maxrss):

1. ``read_roster`` end to end (file checks, parsing, normalising, issues, accounting) on a synthetic
   20,000-person staff sheet, median of N runs (target ≤ 3 s);
2. the same pipeline reading with pandas' default openpyxl engine, in the same run, and the ratio
   (target ≥ 5×); pandas' calamine engine is shown too;
3. peak memory of the whole child process (target < 1 GB);
4. a 2 GB decompression bomb refused (median of N; target < 2 s).

One warm-up call on a small file first loads the libraries and framework files, which every process
does once; it is not timed. Prints a Markdown table and exits 0.
Usage: ``.venv/bin/python benchmarks/bench_ingest.py [--runs N] [--staff N]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from planner.reference.catalogue import load_catalogue

CATALOGUE = load_catalogue()

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["Staff ID", "Name", "Service", "Band", "WTE", "Function", "Profession", "Registration body",
          "Career level", "Role"]  # fmt: skip
# band, function, profession, body: the mix of a PR service, scaled up to a region's workforce
POSTS = [
    ("Band 3", "Supporting PR", "Rehabilitation assistant", ""),
    ("4", "Supporting PR", "Assistant practitioner", ""),
    ("Band 5", "Delivering PR", "Physiotherapist", "HCPC"),
    ("5", "Delivering PR", "Clinical exercise physiologist", "AHCS"),
    ("Band 6", "Delivering PR", "Respiratory nurse", "NMC"),
    ("B6", "Delivering PR", "Occupational therapist", "HCPC"),
    ("Band 7", "Delivering PR", "Physiotherapist", "HCPC"),
    ("8A", "Delivering and managing PR", "Physiotherapist", "HCPC"),
    ("Band 8b", "Leading PR (service management)", "Nurse", "NMC"),
]


def make_roster(path: Path, staff: int, seed: int = 20) -> Path:
    """A synthetic staff sheet written with xlsxwriter (names are made up from two short lists)."""
    import xlsxwriter

    rng = np.random.default_rng(seed)
    given = "Amara Ben Chloe Dev Ellie Farah Gareth Hana Isaac Jade Kwame Leah".split()
    family = "Adeyemi Baker Chen Davies Evans Fraser Griffiths Hussain Iqbal Jones".split()
    wtes = ["1", "0.8", "0.6", "60%", 1.0, 0.5, "0.4"]
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Staff")
    sheet.write_row(0, 0, HEADER)
    picks = rng.integers(0, len(POSTS), staff)
    for i in range(staff):
        band, function, profession, body = POSTS[picks[i]]
        if i % 97 == 96:  # about 1% of rows carry an error, so the problem list is exercised too
            band = "Band 10"
        row = [f"SYN{100000 + i}", f"{given[i % 12]} {family[(i // 12) % 10]}", f"Service {i % 40 + 1:02d}",
               band, wtes[i % len(wtes)], function, profession, body, "", ""]  # fmt: skip
        sheet.write_row(i + 1, 0, row)
    book.close()
    return path


def child(engine: str, path: str, runs: int) -> None:
    """Run in a child process: warm up on a small file, time ``runs`` reads, print JSON."""
    from planner.ingest.read import read_roster

    read_roster(
        (ROOT / "tests" / "fixtures" / "roster" / "simple_staff.csv").read_bytes(),
        "warm.csv",
        catalogue=CATALOGUE,
    )
    data = Path(path).read_bytes()
    times, figures = [], None
    for _ in range(runs):
        start = time.perf_counter()
        read = read_roster(data, Path(path).name, engine=engine, catalogue=CATALOGUE)
        times.append(time.perf_counter() - start)
        figures = {
            "rows": read.rows,
            "wte": round(float(read.staff["wte"].sum()), 4),
            "issues": len(read.issues),
        }
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": times, "peak_mb": peak_mb, "figures": figures}))


def bomb_child(path: str, runs: int) -> None:
    """Time the refusal of a decompression bomb; print JSON."""
    from planner.ingest.read import RosterRefused, read_roster

    data = Path(path).read_bytes()
    times, code = [], None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            read_roster(data, "bomb.xlsx", catalogue=CATALOGUE)
        except RosterRefused as exc:
            code = exc.code
        times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": times, "peak_mb": peak_mb, "code": code, "size_mb": len(data) / 1048576}))


def spawn(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_bomb(path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("fixtures", ROOT / "scripts" / "make_roster_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_zip_bomb(path, 2_000_000_000)


def main() -> int:
    """Build the files, run the children, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--staff", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roster = make_roster(Path(tmp) / "roster_20k.xlsx", args.staff)
        bomb = make_bomb(Path(tmp) / "bomb.xlsx")
        results = {
            e: spawn("--child", e, str(roster), str(args.runs))
            for e in ("calamine", "pandas-calamine", "openpyxl")
        }
        refusal = spawn("--bomb", str(bomb), str(args.runs))
        size_mb = roster.stat().st_size / 1048576
    medians = {e: statistics.median(r["times"]) for e, r in results.items()}
    same = len({json.dumps(r["figures"], sort_keys=True) for r in results.values()}) == 1
    ratio = medians["openpyxl"] / medians["calamine"]
    bomb_median = statistics.median(refusal["times"])
    ok = lambda good: "yes" if good else "**no**"  # noqa: E731
    print(f"### Roster ingest ({args.staff:,} people, {size_mb:.1f} MB .xlsx; median of {args.runs} runs)\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| measure | result | target | met |")
    print("|---|---|---|---|")
    print(
        f"| read_roster, python-calamine (default) | {medians['calamine']:.2f} s | ≤ 3 s | {ok(medians['calamine'] <= 3)} |"
    )
    print(f'| read_roster, pandas `engine="calamine"` | {medians["pandas-calamine"]:.2f} s | | |')
    print(f"| read_roster, pandas default `openpyxl` | {medians['openpyxl']:.2f} s | | |")
    print(f"| openpyxl ÷ calamine, same run | {ratio:.1f}× | ≥ 5× | {ok(ratio >= 5)} |")
    peak = results["calamine"]["peak_mb"]
    print(f"| peak memory, calamine child process (RSS) | {peak:.0f} MB | < 1 GB | {ok(peak < 1024)} |")
    print(f"| peak memory, openpyxl child process (RSS) | {results['openpyxl']['peak_mb']:.0f} MB | | |")
    print(f"| 2 GB zip bomb ({refusal['size_mb']:.1f} MB file) refused as `{refusal['code']}` | {bomb_median * 1000:.1f} ms, "
          f"peak {refusal['peak_mb']:.0f} MB | < 2 s | {ok(bomb_median < 2 and refusal['code'] == 'zip_bomb')} |")  # fmt: skip
    print(f"| identical figures from every engine | {'yes' if same else 'no'} | yes | {ok(same)} |")
    print(f"\nFigures: {json.dumps(results['calamine']['figures'])}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--bomb":
        bomb_child(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(main())
