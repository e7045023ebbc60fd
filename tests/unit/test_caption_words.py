"""The shared words every caption is written with (planner.captions.words)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from planner.captions import words

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.623, "62%"), (0.0, "0%"), (1.0, "100%"), (0.005, "0%"), ("0.5", "50%")],
)
def test_pct(value, expected) -> None:
    assert words.pct(value) == expected


@pytest.mark.parametrize(
    ("value", "pounds", "short"),
    [
        (612345.6, "£612,346", "£612,346"),
        (1234567.0, "£1,234,567", "£1.23m"),
        (-2500000.0, "£-2,500,000", "£-2.50m"),
        (0.0, "£0", "£0"),
    ],
)
def test_money_and_money_short(value, pounds, short) -> None:
    assert words.money(value) == pounds
    assert words.money_short(value) == short


@pytest.mark.parametrize(("value", "expected"), [(3.24, "3.2 WTE"), (-3.26, "3.3 WTE"), (0.0, "0.0 WTE")])
def test_wte_size_drops_the_sign(value, expected) -> None:
    assert words.wte_size(value) == expected


@pytest.mark.parametrize(
    ("count", "one", "many", "expected"),
    [
        (1, "person", "people", "1 person"),
        (0, "person", "people", "0 people"),
        (2, "cell is", "cells are", "2 cells are"),
        (3, "development-plan row", None, "3 development-plan rows"),
        (1200, "competency", "competencies", "1,200 competencies"),
    ],
)
def test_plural(count, one, many, expected) -> None:
    assert words.plural(count, one, many) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Service organisation", "service organisation"), ("BLS refresher", "BLS refresher"), ("", "")],
)
def test_lower_first_keeps_acronyms(text, expected) -> None:
    assert words.lower_first(text) == expected


@pytest.mark.parametrize(
    "day", [date(2026, 6, 1), pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-01 13:45")]
)
def test_long_date(day) -> None:
    assert words.long_date(day) == "1 Jun 2026"  # planner.vocab.format_date, the app's one format
