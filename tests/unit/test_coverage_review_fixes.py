"""Review fixes on issue 11: the judged-at sentence in words, single-holder severity, two posts."""

from __future__ import annotations

import pandas as pd
import pytest

from planner import samples
from planner.coverage.checks import level_warnings
from planner.coverage.judged import judged_at
from planner.coverage.spof import SEVERITY_RULE, single_points_of_failure
from planner.ingest.read import read_roster
from planner.reference import frameworks
from planner.reference.catalogue import load_catalogue
from planner.views.people import person_view
from tests.unit.test_coverage_fair import _ids, _record, _st, team_of_five

pytestmark = pytest.mark.unit
BTS = frameworks.get("bts")


def test_judged_at_sentence_names_no_seed_and_ends_with_one_full_stop() -> None:
    read = read_roster(*samples.sample_team_bytes(), catalogue=load_catalogue())
    sentence = person_view(read.staff, read.competencies, "bts", "SYN10001", samples.SAMPLE_AS_OF)[
        "judged_at"
    ]
    assert sentence.startswith("Judged at Band 3: BTS levels are named by AfC band (")
    assert "seed" not in sentence and ".." not in sentence and sentence.endswith(").")
    assert "pulmonary rehabilitation" in sentence  # the seed is named as the document


def test_one_holder_is_at_least_medium_whatever_their_wte() -> None:
    staff, comps = team_of_five()
    spof = single_points_of_failure(_st(staff, comps)).set_index("competency_id")
    # P6 works full time and alone holds the band 6 statements: still one person.
    assert spof.loc["BTS-B6-CCS-01", "who"] == ["P6"] and spof.loc["BTS-B6-CCS-01", "holders_wte"] == 1.0
    assert spof.loc["BTS-B6-CCS-01", "severity"] == "medium"
    assert "low" not in set(spof["severity"])
    # The lead at 0.4 WTE alone: high.
    part = single_points_of_failure(_st(staff.assign(wte=[1.0, 0.8, 1.0, 1.0, 0.4]), comps))
    assert part.set_index("competency_id").loc["BTS-LEAD-CCS-01", "severity"] == "high"
    assert SEVERITY_RULE.startswith("Assumption:") and "one person holds the skill" in SEVERITY_RULE


def test_two_posts_judged_at_the_records_level_on_either_post_give_no_warning() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["D7", "D7"],
            "band": ["7", "7"],
            "wte": [0.8, 0.2],
            "function": ["delivering", "leading"],
            "registration": ["statutory", "statutory"],
        }
    )
    comps = pd.DataFrame([_record("D7", c) for c in _ids("band7")])
    # Judged at the lead level (the higher post), but also at band 7 on the other post.
    assert judged_at(staff, comps, frameworks.get("london"))["warning"].tolist() == [""]
    assert level_warnings(staff, comps, frameworks.get("london")).empty
    # One post only (the lead post): the records at band 7 still raise the warning.
    one = level_warnings(staff.iloc[[1]], comps, frameworks.get("london"))
    assert one["code"].tolist() == ["judged_level_mismatch"]
