"""A model date after the target year is a user error to explain, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.views.session import SAMPLE_NAME, Keys, sample_roster

pytestmark = pytest.mark.app

PAGES = Path(__file__).resolve().parents[2] / "pages"


def open_page(name: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=120)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    return at.run()


def test_expansion_explains_a_model_date_after_the_target_year() -> None:
    at = open_page("expansion")
    at.date_input(key=Keys.MODEL_AS_OF).set_value(date(2030, 5, 1))
    at.button(key="update_model").click().run()
    assert not at.exception
    assert "Target year 2028/29 is before the model date's year 2030/31" in at.error[0].value
    assert not at.get("plotly_chart")


def test_business_case_explains_a_date_after_the_target_year() -> None:
    at = open_page("business_case")
    at.date_input(key="pack_as_of").set_value(date(2030, 5, 1)).run()
    assert not at.exception
    assert "Target year 2028/29 is before" in at.error[0].value
    assert not at.get("download_button")
