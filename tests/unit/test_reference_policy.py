"""The skill-mix policy loader: the committed file loads, and a faulty file reports every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner.reference.errors import ReferenceDataError
from planner.reference.policy import ACTIVITIES, POLICY_FILE, load_policy

pytestmark = pytest.mark.unit


def test_committed_policy_loads_every_activity() -> None:
    policy = load_policy()
    assert list(policy.activities) == list(ACTIVITIES)
    assert policy.allowed_bands("class_lead") == ["5", "6", "7"]


def test_every_problem_in_the_file_is_listed(tmp_path: Path) -> None:
    data = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    data["activities"]["class_lead"]["rules"][0]["bands"] = ["5", "12"]
    data["activities"]["education"]["rules"][0]["function"] = "teaching"
    data["activities"]["admin"]["rules"][0]["source"] = "nowhere"
    del data["activities"]["leadership"]
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_policy(path)
    problems = caught.value.problems
    assert len(problems) == 4
    assert "class_lead, rule 1: bands ['12'] are not AfC bands" in problems[0]
    assert "education, rule 1: function 'teaching'" in problems[1]
    assert "admin, rule 1: source 'nowhere' is not listed" in problems[2]
    assert problems[3] == "policy.yaml: activities missing: leadership."
    assert str(caught.value).startswith("Skill-mix policy is invalid:\n  policy.yaml: class_lead")


def test_a_band_in_two_rules_is_named(tmp_path: Path) -> None:
    data = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    rules = data["activities"]["class_lead"]["rules"]
    rules.append({**rules[0], "bands": ["6"]})
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"class_lead, rule 2: band\(s\) 6 already appear"):
        load_policy(path)
