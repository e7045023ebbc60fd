"""The Expansion page, ``planner project`` and the pack run the same Monte Carlo by default.

One constant (:data:`planner.expansion.uncertainty.DEFAULT_RUNS`, with ``DEFAULT_SEED``) sets the runs
and seed of all three, so for the same team, scenario and date they print the same chance of the
waiting-time target in every year. Each is run through its own entry point with its defaults.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from planner.cli import main
from planner.expansion.scenario import load_scenario
from planner.expansion.uncertainty import DEFAULT_RUNS, DEFAULT_SEED
from planner.pack.build import build_pack
from planner.paths import SAMPLES_DIR
from planner.samples import SAMPLE_AS_OF
from planner.views.session import sample_roster

pytestmark = pytest.mark.integration

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "expansion.py")
CHANCE = "Chance of 85% within 90 days"


@pytest.fixture(scope="module")
def from_cli() -> dict[str, dict[str, float]]:
    args = ["project", "--roster", str(SAMPLES_DIR / "sample_team.xlsx"), "--as-of", SAMPLE_AS_OF.isoformat()]
    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out):
        assert main([*args, "--json"]) == 0
    data = json.loads(out.getvalue())["uncertainty"]
    assert (data["runs"], data["seed"]) == (DEFAULT_RUNS, DEFAULT_SEED)
    gap = data["percentiles"]["gap_wte"]
    return {
        CHANCE: data["probability_85_within_90_days"],
        **{q: dict(zip(data["years"], gap[q], strict=True)) for q in ("p5", "p50", "p95")},
    }


def chart(at: AppTest, title: str) -> dict:
    """The spec of the one chart on the page whose title starts with ``title``."""
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    found = [s for s in specs if s["layout"]["title"]["text"].startswith(title)]
    assert len(found) == 1, title
    return found[0]


def test_the_page_the_cli_and_the_pack_print_the_same_figures(from_cli: dict[str, dict[str, float]]) -> None:
    """The chance of the target by year, and the gap's median and 5th/95th percentiles: these depend on
    every run and on the seed, so a different number of runs or seed anywhere shows here."""
    at = AppTest.from_file(PAGE, default_timeout=300).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="runs").value == DEFAULT_RUNS
    at.date_input(key="model_as_of").set_value(SAMPLE_AS_OF)
    at.button(key="update_model").click().run()
    assert not at.exception, at.exception
    wait = chart(at, CHANCE)
    line = next(t for t in wait["data"] if t.get("name", "").startswith(CHANCE))
    assert dict(zip(line["x"], line["y"], strict=True)) == pytest.approx(from_cli[CHANCE], abs=5e-5)
    gap = chart(at, "Gap to ")
    median = next(t for t in gap["data"] if t.get("name") == "Median")
    on_page = dict(zip(median["x"], median["y"], strict=True))
    assert list(on_page) == list(from_cli["p50"])
    assert on_page == pytest.approx(from_cli["p50"], abs=5e-5)

    pack = build_pack(sample_roster(), load_scenario("status_quo"), as_of=SAMPLE_AS_OF)
    with zipfile.ZipFile(io.BytesIO(pack.data)) as z:
        ws = openpyxl.load_workbook(io.BytesIO(z.read("business_case.xlsx")))["Trajectory"]
    header = [c.value for c in ws[3]]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] in from_cli["p50"]]
    columns = {
        CHANCE: CHANCE,
        "p5": "Gap WTE, 5th percentile of runs",
        "p50": "Gap WTE, median of runs",
        "p95": "Gap WTE, 95th percentile of runs",
    }
    for figure, column in columns.items():
        in_pack = {r[0]: r[header.index(column)] for r in rows}
        assert in_pack == pytest.approx(from_cli[figure], abs=5e-5), column
    # the gap's percentiles are spread (the Monte Carlo samples), so they would move with runs or seed
    assert all(from_cli["p95"][y] - from_cli["p5"][y] > 0.1 for y in from_cli["p50"])
