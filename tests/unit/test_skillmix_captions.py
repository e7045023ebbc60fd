"""The one-sentence captions under the skill-mix figures (planner.captions.skillmix)."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.captions import skillmix as captions

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        ({"total_wte": 10.0, "share": 0.55, "target_share": 0.6, "registered_gap_wte": 0.5},
         "Registered staff are 55% of WTE against a target of 60%: 0.5 WTE of registered staff short of the target mix."),
        ({"total_wte": 10.0, "share": 0.7, "target_share": 0.6, "registered_gap_wte": -1.0},
         "Registered staff are 70% of WTE against a target of 60%: 1.0 WTE of registered staff above the target mix."),
        ({"total_wte": 10.0, "share": 0.6, "target_share": 0.6, "registered_gap_wte": 0.0},
         "Registered staff are 60% of WTE against a target of 60%: in line with the target mix."),
        ({"total_wte": 0.0, "share": 0.0, "target_share": 0.6, "registered_gap_wte": 0.0},
         "The team has no WTE recorded, so it has no skill mix to compare."),
    ],
)  # fmt: skip
def test_registered_caption(share, expected) -> None:
    assert captions.registered_caption(share) == expected


def test_supervision_cost_substitution_captions() -> None:
    assert captions.supervision_caption(0.456) == "Each registered WTE supervises 0.46 non-registered WTE."
    assert captions.supervision_caption(None).startswith("The team has no registered staff")
    cost = pd.DataFrame(
        {"annual_cost": [1000.4, 2000.0, 0.0], "wte": [1.0, 1.0, 0.5], "priced": [True, True, False]}
    )
    assert captions.cost_caption(cost, "mid", "employer") == (
        "The team costs £3,000 a year at mid pay points with employer NI and 14.38% employer pension; "
        "0.5 WTE in bands without a pay point is not priced."
    )
    row = {"label": "Two band 4s for one band 7", "cost_change": 8790.48, "wte_change": 1.0,
           "statements_lost": 29, "leads_on_lost": 8}  # fmt: skip
    assert captions.substitution_caption(row) == (
        "Two band 4s for one band 7 adds 1 WTE and costs £8,790 more a year; "
        "29 statements required at the band given up go, 8 of them 'leads on'."
    )


def test_substitution_caption_counts_the_supervision() -> None:
    row = {"label": "Two band 4s for one band 7", "cost_change": 8790.48, "wte_change": 1.0,
           "supervision_hours": 80.0, "supervision_cost": 3102.93, "cost_change_with_supervision": 11893.41,
           "statements_lost": 29, "leads_on_lost": 8}  # fmt: skip
    assert captions.substitution_caption(row) == (
        "Two band 4s for one band 7 adds 1 WTE and costs £8,790 more a year; it adds 80 hours a year of "
        "supervision (£3,103), so with supervision it costs £11,893 more a year; 29 statements required "
        "at the band given up go, 8 of them 'leads on'."
    )
