"""Export timings: first PNG (browser start included), then steady-state PNG/SVG, XLSX, DOCX, ZIP.

Side by side in the same run: the persistent renderer against plotly's one-shot ``fig.to_image``
(a fresh browser per image), and ``table_xlsx`` against a bare ``DataFrame.to_excel``.
Prints a markdown table; run as ``python benchmarks/bench_export.py``.
"""

from __future__ import annotations

import io
import resource
import statistics
import sys
import time
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from planner import export, style

RUNS = 10


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    """Median seconds of ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def chart(i: int = 0) -> go.Figure:
    bands = ["Band 3", "Band 4", "Band 5", "Band 6", "Band 7", "Band 8a"]
    rng = np.random.default_rng(i)
    return go.Figure(
        [
            go.Bar(name="In post", x=bands, y=rng.uniform(0.5, 6, 6), marker_color=style.NHS_BLUE),
            go.Bar(name="Needed", x=bands, y=rng.uniform(0.5, 6, 6), marker_color=style.CATEGORICAL[1]),
        ],
        layout={"template": "plotly_white", "title": f"WTE by band ({i})", "yaxis_title": "WTE"},
    )


def table(rows: int = 50) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "Band": [f"Band {b}" for b in rng.choice(["3", "4", "5", "6", "7", "8a"], rows)],
            "Function": rng.choice(["Exercise", "Education", "Assessment", "Leadership"], rows),
            "WTE in post": rng.uniform(0, 5, rows).round(2),
            "WTE needed": rng.uniform(0, 5, rows).round(2),
            "Coverage share": rng.uniform(0, 1, rows),
            "Cost (£)": rng.uniform(20_000, 90_000, rows).round(0),
            "Year": rng.integers(2025, 2030, rows),
            "Comment": rng.choice(["ok", "=check", "-short", "long text " * 5], rows),
        }
    )


def main() -> int:
    if export.browser_path() is None:
        print("Chromium not found: install it (apt-get install chromium) to benchmark image export.")
        return 1
    rows: list[tuple[str, float, str]] = []
    fig = chart()

    start = time.perf_counter()
    first = export.figure_png(fig)
    rows.append(
        (
            "first PNG 1000×600 @2× (browser start included)",
            time.perf_counter() - start,
            f"{len(first) // 1024} KiB",
        )
    )

    png_s, png = timed(lambda: export.figure_png(fig))
    rows.append((f"PNG 1000×600 @2×, median of {RUNS}", png_s, f"{len(png) // 1024} KiB"))
    svg_s, svg = timed(lambda: export.figure_svg(fig, alt="WTE by band"))
    rows.append((f"SVG, median of {RUNS}", svg_s, f"{len(svg) // 1024} KiB"))
    html_s, html = timed(lambda: export.figure_html(fig), runs=3)
    rows.append(("HTML self-contained, median of 3", html_s, f"{len(html) // 1024} KiB"))

    export.stop_renderer()  # plotly's one-shot path must not find our browser
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        oneshot_s, _ = timed(lambda: fig.to_image(format="png", width=1000, height=600, scale=2), runs=3)
    rows.append(
        (
            "PNG via plotly one-shot `fig.to_image`, median of 3",
            oneshot_s,
            f"{oneshot_s / png_s:.0f}× the persistent renderer",
        )
    )
    export.figure_png(fig)  # restart for the DOCX images below

    df = table()
    xlsx_s, xlsx = timed(lambda: export.table_xlsx({"Gaps": df}, title="Gaps", notes=["Source: synthetic"]))
    rows.append((f"XLSX, 50-row table, median of {RUNS}", xlsx_s, f"{len(xlsx) // 1024} KiB"))

    def bare() -> bytes:
        buffer = io.BytesIO()
        df.to_excel(buffer, index=False, engine="xlsxwriter")
        return buffer.getvalue()

    bare_s, _ = timed(bare)
    rows.append(
        (
            f"bare `DataFrame.to_excel`, same table, median of {RUNS}",
            bare_s,
            f"table_xlsx is {xlsx_s / bare_s:.1f}× this",
        )
    )
    csv_s, csv = timed(lambda: export.table_csv(df))
    rows.append((f"CSV, same table, median of {RUNS}", csv_s, f"{len(csv) // 1024} KiB"))

    images = [export.figure_png(chart(i), width=800, height=450) for i in range(5)]
    sections = [
        export.Section(
            f"Section {i + 1}",
            paragraphs=["Band 6 is 3.2 WTE short of the target mix."],
            key_figures={"Gap": "3.2 WTE", "Cost": "£52,125"},
            figures=[export.Figure(images[i], f"Chart {i + 1}: WTE by band")],
            tables=[export.Table(df.head(8), "Gaps by band")],
        )
        for i in range(5)
    ]
    docx_s, docx = timed(lambda: export.docx_report("Business case", sections))
    rows.append((f"DOCX, 5 images + 5 tables, median of {RUNS}", docx_s, f"{len(docx) // 1024} KiB"))
    zip_s, zipped = timed(
        lambda: export.zip_bytes(
            {"case.docx": docx, "tables.xlsx": xlsx, **{f"c{i}.png": p for i, p in enumerate(images)}}
        )
    )
    rows.append((f"ZIP of the above, median of {RUNS}", zip_s, f"{len(zipped) // 1024} KiB"))
    export.stop_renderer()

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| step | ms | note |")
    print("|---|---:|---|")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds * 1000:,.1f} | {note} |")
    print(f"\nPeak RSS of this Python process: {peak_mib:.0f} MiB (Chromium's own memory is not included).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
