"""The Plotly figures for the Skill mix screen (planner.charts.skillmix)."""

from __future__ import annotations

import pytest
from _coverage_team import small_team

from planner.charts import skillmix as charts
from planner.skillmix import mix as skillmix
from planner.style import FUNCTION_COLOURS, NHS_BLUE

pytestmark = pytest.mark.unit


def test_wte_stacked_bars_colours_and_units() -> None:
    staff, _ = small_team()
    fig = charts.wte_stacked_bars(skillmix.wte_by_band_function(staff))
    assert fig.layout.barmode == "stack"
    names = [t.name for t in fig.data]
    assert names == ["Supporting PR", "Delivering PR"]
    assert fig.data[0].marker.color == NHS_BLUE
    # one stable colour per function, shared with every other chart that colours functions
    assert [t.marker.color for t in fig.data] == [
        FUNCTION_COLOURS["supporting"],
        FUNCTION_COLOURS["delivering"],
    ]
    assert list(fig.data[0].x) == ["Band 4", "Band 5", "Band 6", "Band 7"]  # band 5 kept as an empty slot
    assert sum(sum(t.y) for t in fig.data) == pytest.approx(3.0)
    assert fig.layout.yaxis.title.text == "Whole-time equivalent (WTE)"
    for trace in fig.data:
        assert not str(trace.marker.color).startswith("#0000")  # never Streamlit's placeholder colours


def test_registered_share_chart() -> None:
    fig = charts.registered_share_chart({"share": 0.5, "target_share": 0.6})
    assert list(fig.data[0].x) == [0.5, 0.6]
    assert list(fig.data[1].x) == pytest.approx([0.5, 0.4])
    assert fig.layout.xaxis.tickformat == ".0%"
    assert fig.layout.xaxis.title.text == "Share of WTE (%)"
    assert fig.layout.template.layout.paper_bgcolor == "white"  # plotly_white, set by the house layout
    assert fig.layout.title.text == "Registered share of WTE against the target"
