"""The shared vocabulary: bands in AfC order, function labels, registration kinds."""

from __future__ import annotations

import pytest

from planner.vocab import BANDS, band_label, function_label

pytestmark = pytest.mark.unit


def test_bands_sort_in_afc_order_not_text_order() -> None:
    assert sorted(["8a", "9", "3", "8d", "7"], key=BANDS.index) == ["3", "7", "8a", "8d", "9"]
    assert BANDS.index("8d") < BANDS.index("9")


def test_labels() -> None:
    assert band_label("8a") == "Band 8a"
    assert band_label("X") == "X"
    assert function_label("delivering_managing") == "Delivering and managing PR"
    assert function_label("other") == "other"
