"""The Plotly figures for the Coverage screen (planner.charts.coverage)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _coverage_team import AS_OF, mini, small_team

from planner import coverage
from planner.charts import coverage as cc

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def team():
    staff, comps = small_team()
    return staff, coverage.statuses(staff, comps, mini("bts"), AS_OF, cross_cutting=mini("cross_cutting"))


def test_band_domain_heatmap(team) -> None:
    _, st = team
    fig = cc.coverage_heatmap(coverage.aggregate(st, ["band", "domain_id"]), "band", "domain_id")
    hm = fig.data[0]
    assert fig.layout.template.layout.paper_bgcolor == "white"  # plotly_white, set explicitly
    assert list(hm.y) == ["Band 4", "Band 6", "Band 7"]  # bands with no one assessed are left out
    assert list(hm.x) == ["Core clinical skills", "Leadership and management", "Life support"]
    z = np.array(hm.z, dtype=float)
    assert np.isnan(z[0, 1])  # nothing is asked of band 4 in leadership: blank, not 0%
    assert z[1, 0] == pytest.approx(1.0)
    assert hm.text[0][0] == "25%" and hm.text[0][1] == ""
    custom = np.array(hm.customdata, dtype=object)
    assert custom[1, 1].tolist() == ["6", "leadership", 1, 2, 0, 2]
    assert fig.layout.xaxis.title.text == "Framework domain"
    assert fig.layout.yaxis.title.text == "Agenda for Change band"
    assert (hm.zmin, hm.zmax) == (0, 1)
    assert "Coverage by" in fig.layout.title.text


def test_function_domain_heatmap(team) -> None:
    _, st = team
    fig = cc.coverage_heatmap(
        coverage.aggregate(st, ["function", "domain_id"]), "function", "domain_id", title="T"
    )
    assert list(fig.data[0].y) == ["Supporting PR", "Delivering PR"]
    assert fig.layout.title.text == "T"


def test_empty_heatmap_has_no_cells() -> None:
    empty = pd.DataFrame(
        {"band": ["1"], "domain_id": ["x"], "band_label": ["Band 1"], "domain_id_label": ["X"],
         "required": [0], "verified": [0], "self_assessed": [0], "people": [0], "coverage": [0.0]}
    )  # fmt: skip
    fig = cc.coverage_heatmap(empty, "band", "domain_id")
    assert len(fig.data[0].y) == 0


def test_heatmap_cells_can_be_clicked(team) -> None:
    """Plotly heatmaps emit no selection in Streamlit; the overlaid markers do, one per cell."""
    _, st = team
    fig = cc.coverage_heatmap(coverage.aggregate(st, ["band", "domain_id"]), "band", "domain_id")
    hm, targets = fig.data
    assert targets.type == "scatter" and targets.mode == "markers"
    assert len(targets.x) == len(hm.y) * len(hm.x) == 9
    assert list(targets.y[:3]) == ["Band 4"] * 3 and list(targets.x[:3]) == list(hm.x)
    custom = np.array(hm.customdata, dtype=object)
    assert [list(c) for c in targets.customdata] == [list(c) for c in custom.reshape(-1, 6)]
    assert list(targets.customdata[4]) == ["6", "leadership", 1, 2, 0, 2]
    assert targets.marker.opacity == 0 and targets.selected.marker.opacity == 1
    assert hm.hoverinfo == "skip"
    assert "Nothing here is asked" in targets.hovertext[1]  # band 4 × leadership is blank
    assert "Verified: 1 of 2 required (50%)" in targets.hovertext[4]
    assert fig.layout.hoverdistance == -1 and fig.layout.clickmode == "event+select"
