"""Every chart and table on the Coverage, Skill mix and Expansion pages can be downloaded: the buttons are
there with their keys, and the files they make are the chart or table shown (checked without a browser:
the HTML chart page and the CSV; PNG and SVG go through the same factory and are tested elsewhere)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner.views.session import SAMPLE_NAME, sample_roster

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
CHART = ("png", "svg", "html")
TABLE = ("xlsx", "csv")


def open_page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=120)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def keys(at: AppTest) -> set[str]:
    return {b.key for b in at.download_button}


def expected(charts: list[str], tables: list[str]) -> set[str]:
    return {f"{c}_{x}" for c in charts for x in CHART} | {f"{t}_{x}" for t in tables for x in TABLE}


def csv_frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


def test_coverage_page_exports_both_heatmaps_and_every_table(
    deferred: dict[str, Callable[[], bytes]],
) -> None:
    at = open_page("coverage")
    want = expected(
        ["dl_band_heatmap", "dl_function_heatmap"],
        ["dl_cell_people", "dl_cell_statements", "dl_holders", "dl_capability", "dl_spof", "dl_expiring"],
    )
    assert want <= keys(at)
    page = deferred["coverage-by-function-and-domain.html"]().decode()
    shown = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert shown["data"][0]["y"][0] in page and "Coverage by function and domain" in page
    holders = csv_frame(deferred["who-holds-each-competency.csv"]())
    assert {"Reference", "Expected to", "Verified"} <= set(holders.columns)
    capability = csv_frame(deferred["team-capability.csv"]())
    assert set(capability["Met?"]) <= {"Met", "Not met"} and len(capability) > 5


def test_skill_mix_page_exports_both_charts_and_every_table(deferred: dict[str, Callable[[], bytes]]) -> None:
    at = open_page("skill_mix")
    want = expected(
        ["dl_wte_bars", "dl_share_chart", "dl_least_cost_chart"],
        [
            "dl_by_function",
            "dl_by_profession",
            "dl_by_registration",
            "dl_cost",
            "dl_substitutions",
            "dl_least_cost",
            "dl_least_cost_rules",
        ],
    )
    assert want <= keys(at)
    page = deferred["registered-share-against-the-target.html"]().decode()
    assert "Registered staff are" in page  # the caption is the page's text alternative
    by_function = csv_frame(deferred["wte-and-headcount-by-function.csv"]())
    total = sample_roster().staff["wte"].sum()
    assert by_function["WTE"].sum() == pytest.approx(total)


def test_expansion_page_exports_every_chart_and_table(deferred: dict[str, Callable[[], bytes]]) -> None:
    at = open_page("expansion")
    charts = [
        f"dl_chart_{k}"
        for k in ("required", "gap", "waiting", "cost", "fan", "required_fan", "wait_fan", "tornado")
    ]
    tables = [
        "dl_gap_closes",
        "dl_waiting_table",
        "dl_costs_table",
        "dl_sensitivity_table",
        "dl_gap_table",
        "dl_function_table",
        "dl_comparison",
        "dl_parameters",
        "dl_allocation",
        "dl_policy",
    ]
    assert expected(charts, tables) <= keys(at)
    assert at.download_button(key="download_scenario").proto.label == "Download scenario"
    page = deferred["employer-cost-per-year.html"]().decode()
    # On screen, glossary terms link to the Guide; the chart's text alternative is the plain sentence.
    shown = [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", c.value) for c in at.caption]
    caption = next(c for c in shown if "funding the establishment costs" in c)
    assert caption in page  # the chart under that caption, with it as the text alternative
    wait_fan = deferred["chance-of-the-waiting-time-target-by-year-monte-carlo-fan-chart.html"]().decode()
    assert "The chance of 85% within 90 days is" in wait_fan
    gaps = csv_frame(deferred["gap-by-band.csv"]())
    shown = next(d.value for d in at.dataframe if "Gap (people at typical WTE)" in d.value.columns)
    assert gaps["Gap WTE"].tolist() == pytest.approx(shown["Gap WTE"].tolist())
    side = csv_frame(deferred["scenarios-side-by-side.csv"]())
    assert side["measure"].iloc[0] == "Referrals a year, target year"


def test_team_page_exports_its_tables_names_only_when_shown(deferred: dict[str, Callable[[], bytes]]) -> None:
    at = open_page("team")
    assert expected([], ["dl_counts", "dl_staff"]) <= keys(at)
    staff = sample_roster().staff
    accepted = csv_frame(deferred["accepted-staff.csv"]())
    assert "Name" not in accepted.columns
    assert set(accepted["Staff ID"]) == set(staff["staff_id"])
    counts = csv_frame(deferred["rows-by-sheet.csv"]())
    assert counts["Accepted"].sum() == sample_roster().rows["accepted"]
    at.toggle(key="show_names").set_value(True).run()
    named = csv_frame(deferred["accepted-staff.csv"]())
    assert set(named["Name"].dropna()) == set(staff["name"].dropna())
