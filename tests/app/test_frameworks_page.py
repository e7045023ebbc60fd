"""AppTest of the Frameworks page: switch frameworks, filter, search; the heatmap follows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.reference import frameworks

pytestmark = pytest.mark.app

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "frameworks.py")


def heatmap_spec(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert charts, "no chart on the page"
    return json.loads(charts[0].proto.spec)


def test_opens_on_a_framework_with_its_heatmap() -> None:
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception
    first = next(iter(frameworks.load_all().values()))
    assert at.selectbox(key="fw_choice").value == first.id
    spec = heatmap_spec(at)
    trace = spec["data"][0]
    assert trace["type"] == "heatmap"
    assert trace["x"] == list(first.levels["label"])
    assert len(trace["y"]) == len(first.competencies)
    assert first.source["publisher"] in at.markdown[0].value


def test_switching_to_homecare_shows_its_five_levels_and_marks() -> None:
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.selectbox(key="fw_choice").set_value("homecare").run()
    trace = heatmap_spec(at)["data"][0]
    hc = frameworks.get("homecare")
    assert trace["x"] == list(hc.levels["label"])
    assert len(trace["x"]) == 5
    # a bare matrix mark is shown as a tick, never as an invented verb
    flat = [cell for row in trace["text"] for cell in row]
    assert "✓" in flat
    assert set(flat) <= {"✓", ""}


def test_search_narrows_the_statements() -> None:
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.selectbox(key="fw_choice").set_value("bts").run()
    at.text_input(key="fw_search").input("life support").run()
    trace = heatmap_spec(at)["data"][0]
    bts = frameworks.get("bts")
    texts = dict(zip(bts.competencies["competency_id"], bts.competencies["text"], strict=True))
    shown = [label.split(" · ")[0] for label in trace["y"]]
    expected = [cid for cid, text in texts.items() if "life support" in text.lower()]
    assert shown == expected and len(expected) >= 5


def test_no_match_says_so() -> None:
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.text_input(key="fw_search").input("zzzz-no-such-words").run()
    assert not at.get("plotly_chart")
    assert "No statement matches" in at.warning[0].value


def test_london_shows_interpretation_note() -> None:
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.selectbox(key="fw_choice").set_value("london").run()
    assert any("Our interpretation" in i.value for i in at.info)
