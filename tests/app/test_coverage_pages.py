"""AppTests of the Coverage, Skill mix and People pages on the sample team."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner.views.coverage import LONDON_LABEL
from planner.views.session import SAMPLE_NAME, sample_roster

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "pages"


@pytest.fixture(autouse=True)
def importable_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages import ``pages._downloads``, so the repository root must be on the path."""
    monkeypatch.syspath_prepend(str(ROOT))


def open_page(name: str, **state: object) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=60)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(text: str) -> str:
    """A caption without its Guide links: ``[WTE](/guide#wte)`` → ``WTE``."""
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


#: AppTest does not expose a dataframe's key, so each table is found by the columns only it has.
SIGNATURES: dict[str, set[str]] = {
    "cell_people": {"Staff ID", "Band", "Function", "Required", "Verified share"},
    "cell_statements": {"Reference", "Statement", "Required", "Verified share"},
    "capability_table": {"Met?", "Rule", "Needed", "Have", "Who"},
    "spof_table": {"Holders", "Holders' WTE", "Why"},
    "substitution_table": {"Give up", "Take on", "Change in cost (£ a year)"},
    "pdp_table": {"Action", "Suggested evidence"},
    "holders_table": {"Expected to", "Verified WTE"},
}


def frame(at: AppTest, key: str) -> pd.DataFrame:
    found = [d.value for d in at.dataframe if SIGNATURES[key] <= set(d.value.columns)]
    assert found, f"no table like {key} on the page"
    return found[0]


def test_coverage_page_heatmaps_and_captions() -> None:
    at = open_page("coverage")
    assert at.selectbox(key="framework").value == "bts"
    band, function = charts(at)[:2]
    assert band["data"][0]["type"] == "heatmap"
    assert band["data"][0]["y"][0] == "Band 3"
    assert "Core clinical skills" in band["data"][0]["x"]
    assert function["data"][0]["y"][0] == "Supporting PR"
    assert band["layout"]["template"]["layout"]["paper_bgcolor"] == "white"
    texts = plain(" ".join(c.value for c in at.caption))
    assert "required competencies verified" in texts
    assert "The weakest cell is" in texts
    assert not any(LONDON_LABEL in i.value for i in at.info)


def test_switching_to_london_shows_the_interpretation_note() -> None:
    at = open_page("coverage")
    at.selectbox(key="framework").set_value("london").run()
    assert not at.exception
    assert any(LONDON_LABEL in i.value for i in at.info)
    assert charts(at)[1]["data"][0]["y"][0] == "Supporting PR"


def test_fallback_selectboxes_show_the_cell() -> None:
    at = open_page("coverage")
    at.selectbox(key="cell_row").set_value("6").run()
    at.selectbox(key="cell_col").set_value("core_clinical").run()
    people = frame(at, "cell_people")
    assert set(people["Band"]) == {"Band 6"} and len(people) == 6
    statements = frame(at, "cell_statements")
    assert statements["Reference"].str.startswith("BTS-B6-CCS").all()


def test_heatmap_selection_drives_the_drill_down() -> None:
    """A faked chart selection (ecosystem.md section 4) replaces the selectboxes."""
    point = {"customdata": ["7", "leadership", 0, 0, 0, 0], "x": "Leadership and management", "y": "Band 7"}
    event = {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}
    at = open_page("coverage", coverage_heatmap=event)
    people = frame(at, "cell_people")
    assert set(people["Band"]) == {"Band 7"}
    statements = frame(at, "cell_statements")
    assert statements["Reference"].str.contains("-LM-").all()  # a band 7 lead adds BTS-LEAD-LM rows
    assert not [s for s in at.selectbox if s.key == "cell_row"]


def test_coverage_page_tables() -> None:
    at = open_page("coverage")
    cap = frame(at, "capability_table")
    assert {"Met", "Not met"} >= set(cap["Met?"])
    assert (cap["Rule"] == "At least two life-support-current staff for every class").any()
    spof = frame(at, "spof_table")
    assert (spof["Holders"] >= 1).all()
    holders = frame(at, "holders_table")
    assert (holders["Verified"] <= holders["Required"]).all()
    assert "Leads" in set(holders["Expected to"])


def test_skill_mix_page() -> None:
    at = open_page("skill_mix")
    bars, share = charts(at)[:2]
    assert bars["layout"]["barmode"] == "stack"
    assert share["data"][0]["y"] == ["Team", "Target"]
    captions = plain(" ".join(c.value for c in at.caption))
    assert "against a target of 60%" in captions
    assert "two band 4's for one Band 7" in " ".join(m.value for m in at.markdown)
    before = next(plain(c.value) for c in at.caption if c.value.startswith("The team costs"))
    at.selectbox(key="pension").set_value("full").run()
    after = next(plain(c.value) for c in at.caption if c.value.startswith("The team costs"))
    assert before != after and "23.78% full pension" in after
    subs = frame(at, "substitution_table")
    assert "Two band 4s for one band 7" in set(subs["Name"])


def test_people_page_hides_names_until_asked(deferred) -> None:
    roster = sample_roster()
    first = roster.staff.sort_values("staff_id").iloc[0]
    at = open_page("people")
    assert at.selectbox(key="person").value == first["staff_id"]
    shown = " ".join(e.value for e in [*at.subheader, *at.caption, *at.markdown])
    assert first["name"] not in shown
    plan = frame(at, "pdp_table")
    assert "Name" not in plan.columns and len(plan) > 0
    csv_name = next(n for n in deferred if n.endswith(".csv") and "evelopment" in n)
    data = deferred[csv_name]()
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else str(data)
    assert first["name"] not in text
    assert first["staff_id"] in text

    at.toggle(key="show_names").set_value(True).run()
    assert first["name"] in at.subheader[0].value
    named = frame(at, "pdp_table")
    assert named["Name"].unique().tolist() == [first["name"]]
    data = deferred[csv_name]()
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else str(data)
    assert first["name"] in text
    xlsx_name = next(n for n in deferred if n.endswith(".xlsx") and "evelopment" in n)
    back = pd.read_excel(io.BytesIO(deferred[xlsx_name]()), engine="openpyxl", header=None)
    assert back.astype(str).apply(lambda c: c.str.contains("BTS-", regex=False)).any().any()


def test_spof_table_and_credit_in_words() -> None:
    at = open_page("coverage")
    spof = frame(at, "spof_table")
    assert set(spof["Kind"]) <= {"Team skill", "Only this band does this"}
    assert set(spof["Severity"]) <= {"High", "Medium", "Low"}
    assert (
        not spof["Closest to covering it"].str.contains(r"\[|'", regex=True).any()
    )  # lists as text, never reprs
    assert len(spof) < 10  # a short list a lead would act on
    at.selectbox(key="cell_row").set_value("6").run()
    at.selectbox(key="cell_col").set_value("core_clinical").run()
    assert set(frame(at, "cell_people")["Judged at"]) == {"Band 6"}
    at.selectbox(key="framework").set_value("london").run()
    at.selectbox(key="cell_row").set_value("6").run()
    at.selectbox(key="cell_col").set_value("core_clinical").run()
    statements = frame(at, "cell_statements")
    credited = statements[statements["Credited from"] != ""]
    assert len(credited) and credited["Credited from"].str.startswith("credited from BTS-B6-").all()
    assert any(c.value.startswith("Our interpretation: identical wording is one skill") for c in at.caption)


def test_people_page_says_the_level_and_why() -> None:
    at = open_page("people")
    said = " ".join(m.value for m in at.markdown)
    assert "Judged at Band 3:" in said and "BTS levels are named by AfC band" in said


def test_skill_mix_page_without_registration_says_not_recorded() -> None:
    from planner.views.session import read_team

    text = (
        "Staff ID,Band,WTE,Function,Profession\nS1,Band 6,1.0,Delivering PR,Physiotherapist\n"
        "S2,Band 3,0.5,Supporting PR,Rehabilitation assistant\n"
    )
    at = AppTest.from_file(str(PAGES / "skill_mix.py"), default_timeout=60)
    at.session_state["roster"] = read_team(text.encode(), "noreg.csv")
    at.session_state["roster_name"] = "noreg.csv"
    at.run()
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert "Registration is not recorded" in said and "0%" not in said.split("target of")[0]
    assert "Supervision load not recorded" in said
    at.toggle(key="infer_registration").set_value(True).run()
    said = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", " ".join(c.value for c in at.caption))  # links as words
    assert "Registered staff are 67% of WTE (inferred from profession" in said
