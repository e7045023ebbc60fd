"""Session-state keys: one name per meaning, and the defaults the pages rely on."""

from __future__ import annotations

import pytest

from planner.views.session import SAMPLE_NAME, Keys, ensure_defaults

pytestmark = pytest.mark.unit


def test_every_key_is_a_distinct_name() -> None:
    values = [v for k, v in vars(Keys).items() if k.isupper()]
    assert len(values) == len(set(values))
    assert Keys.COVERAGE_AS_OF != Keys.MODEL_AS_OF


def test_defaults_put_the_sample_team_under_the_shared_keys() -> None:
    state: dict[str, object] = {}
    ensure_defaults(state)
    assert set(state) == {Keys.ROSTER, Keys.ROSTER_NAME}
    assert state[Keys.ROSTER_NAME] == SAMPLE_NAME
    state[Keys.ROSTER_NAME] = "mine.xlsx"
    ensure_defaults(state)
    assert state[Keys.ROSTER_NAME] == "mine.xlsx"
