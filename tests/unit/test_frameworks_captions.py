"""The sentence under the Frameworks browser's heatmap (planner.captions.frameworks)."""

from __future__ import annotations

import pytest

from planner.captions.frameworks import framework_caption
from planner.charts.frameworks import statements
from planner.reference import frameworks

pytestmark = pytest.mark.unit


def test_framework_caption_counts_shown_statements_and_cites_the_source() -> None:
    fw = frameworks.get("bts")
    assert framework_caption(fw, statements(fw)) == (
        "152 of 152 statements shown across 6 levels, most junior first; cells give the expectation on a "
        "common scale, hover for the source's own words; Band 7 has the most (29). Source: British Thoracic "
        "Society, Draft for public consultation – April 2025 (2025-04)."
    )


def test_framework_caption_with_nothing_shown_names_no_busiest_level() -> None:
    fw = frameworks.get("bts")
    caption = framework_caption(fw, statements(fw).iloc[0:0])
    assert caption.startswith("0 of 152 statements shown across 6 levels")
    assert "has the most" not in caption
