"""AppTest of the Expansion page: parameters change the charts, scenarios switch, files go both ways."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from planner.expansion.scenario import load_scenario

pytestmark = pytest.mark.app

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "expansion.py")


def comparison(at: AppTest) -> pd.DataFrame:
    """The side-by-side table (AppTest does not expose dataframe keys, so find it by its rows)."""
    return next(d.value for d in at.dataframe if "Required WTE now" in d.value.index)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def with_column(at: AppTest, column: str):
    """The one table on the page that has ``column``."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, column
    return found[0]


@pytest.fixture(scope="module")
def opened() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def test_opens_on_the_status_quo_with_eight_captioned_charts(opened: AppTest) -> None:
    at = opened
    assert at.selectbox(key="scenario").value == "status_quo"
    specs = charts(at)
    assert len(specs) == 8
    titles = [s["layout"]["title"]["text"] for s in specs]
    assert titles[0].startswith("Required and in-post WTE by band")
    assert all("Status quo" in t for t in titles)
    captions = [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", c.value) for c in at.caption]  # Guide links off
    assert any(c.startswith("Starting ") and "within 90 days" in c for c in captions)
    assert any("first-come-first-served" in i.value for i in at.info)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Required in post now"].endswith(" WTE")
    funded = next(v for k, v in metrics.items() if k.startswith("Funded establishment, 20"))
    assert "vacancy" in funded
    assert metrics["85% within 90 days"].split(";")[0] in ("Holds", "Reached, then slips", "Not reached")
    costs = with_column(at, "Spent in the year (£)")
    assert list(costs.columns)[:1] == ["Year"] and (costs["Spent in the year (£)"] > 0).all()
    swings = with_column(at, "Swing (WTE)")
    assert swings["Swing (WTE)"].is_monotonic_decreasing and len(swings) >= 5
    waiting_years = with_column(at, "WTE to hold the target")
    assert (waiting_years["WTE to hold the target"] > 0).all()
    help_text = at.number_input(key="param_patients_per_staff").help
    assert "Assumption:" in help_text and "prsas.org" in help_text
    assert at.number_input(key="param_patients_per_staff").label.endswith(
        "(assumption) (patients per staff member)"
    )


def test_changing_a_parameter_changes_the_chart_spec() -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    before = charts(at)
    at.number_input(key="param_referral_rate").set_value(0.6)
    at.button(key="update_model").click().run()
    assert not at.exception
    after = charts(at)
    assert after[0]["data"][0]["y"] != before[0]["data"][0]["y"]  # the requirement by band grew
    assert "(edited)" in after[0]["layout"]["title"]["text"]
    assert "Status quo (edited)" in comparison(at).columns  # the side-by-side table gains the edit
    assert list(comparison(at).columns)[:3] == [
        "Status quo",
        "Long Term Plan expansion",
        "Support-worker-led mix",
    ]


def test_switching_scenario_resets_the_form_to_its_values() -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.selectbox(key="scenario").set_value("support_worker_led").run()
    assert not at.exception
    assert at.number_input(key="param_band7_to_band4_shift").value == 0.5
    assert at.number_input(key="param_referral_rate_target").value == 0.6
    assert "Support-worker-led mix" in charts(at)[0]["layout"]["title"]["text"]


def test_download_button_and_scenario_upload() -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert at.download_button(key="download_scenario").proto.label == "Download scenario"
    text = (
        load_scenario("long_term_plan", uptake=0.7).to_yaml().replace("Long Term Plan expansion", "My plan")
    )
    at.file_uploader(key="scenario_upload").upload("mine.yaml", text.encode(), "application/x-yaml").run()
    assert not at.exception
    assert at.selectbox(key="scenario").value == "uploaded"
    assert at.number_input(key="param_uptake").value == 0.7
    assert "My plan" in charts(at)[0]["layout"]["title"]["text"]


def test_edits_are_the_session_scenario_and_survive_leaving_the_page() -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.selectbox(key="scenario").set_value("long_term_plan").run()
    at.number_input(key="param_referral_rate_target").set_value(0.5)
    at.button(key="update_model").click().run()
    assert not at.exception
    working = at.session_state["working_scenario"]
    assert working.title == "Long Term Plan expansion (edited)"
    assert working["referral_rate_target"] == 0.5
    assert at.session_state["working_base"] == "long_term_plan"
    # Coming back from another page: Streamlit has dropped the widgets' entries, the session's stay
    back = AppTest.from_file(PAGE, default_timeout=120)
    back.session_state["working_scenario"] = working
    back.session_state["working_base"] = "long_term_plan"
    back.run()
    assert not back.exception
    assert back.selectbox(key="scenario").value == "long_term_plan"
    assert back.number_input(key="param_referral_rate_target").value == 0.5
    assert back.session_state["working_scenario"].values() == working.values()


def test_downloaded_scenario_describes_its_edited_values() -> None:
    edited = load_scenario("long_term_plan").with_overrides(referral_rate_target=0.5)
    text = edited.to_yaml()
    assert "60%" not in text  # the stock description's figure is not carried over the edit
    text = yaml.safe_load(text)["description"]
    assert "Referral rate in the target year: 50% of the eligible population referred per year" in text
    assert "(default 36.9% of the eligible population referred per year)" in text
