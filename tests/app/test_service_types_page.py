"""AppTest: switching the service type on the Team page, and the ARRS envelope page (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.views.service import sample_for
from planner.views.session import Keys, read_team

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
TEAM = str(ROOT / "pages" / "team.py")
ARRS = str(ROOT / "pages" / "arrs.py")


def info_text(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


def test_switching_the_type_changes_the_sample_levels_and_words() -> None:
    at = AppTest.from_file(TEAM, default_timeout=90).run()
    assert not at.exception
    assert "**Pulmonary rehabilitation**" in info_text(at)
    assert "AfC" in info_text(at) or "band" in info_text(at)
    at.selectbox(key=Keys.SERVICE_TYPE).set_value("homecare").run()
    assert not at.exception
    text = info_text(at)
    assert "**Clinical homecare** (Clinical homecare, as chosen)" in text
    assert "career level" in text and "BTS" not in text
    assert any("career level was inferred from their band" in w.value for w in at.warning)
    assert len(at.session_state[Keys.ROSTER].staff) == 19
    levels = next(d.value for d in at.dataframe if "Career level" in d.value.columns)
    assert levels.iloc[0, 0] == "Supportive Level Practice"
    at.selectbox(key=Keys.SERVICE_TYPE).set_value("pcn").run()
    assert "**Primary care (PCN)**" in info_text(at)
    assert "ARRS role" in info_text(at)
    assert at.session_state[Keys.ROSTER].staff["arrs_role"].notna().all()


def test_the_arrs_page_asks_for_a_pcn_team_then_shows_the_envelope() -> None:
    at = AppTest.from_file(ARRS, default_timeout=90).run()
    assert not at.exception
    assert "This page is for primary care network (PCN) teams" in info_text(at)
    at = AppTest.from_file(ARRS, default_timeout=90)
    at.session_state[Keys.ROSTER] = read_team(*sample_for("pcn"))
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Envelope 2025/26"] == "£1,331,550"  # 26.631 × 50,000
    assert metrics["Claimed by the roles"].startswith("£")
    roles = next(d.value for d in at.dataframe if "Maximum a year per WTE" in d.value.columns)
    assert (roles["Maximum a year per WTE"] == "maximum not found: enter yours").any()
    before = metrics["Claimed by the roles"]
    at.number_input(key=Keys.ARRS_POPULATION).set_value(60_000.0).run()
    assert {m.label: m.value for m in at.metric}["Envelope 2025/26"] == "£1,597,860"
    assert {m.label: m.value for m in at.metric}["Claimed by the roles"] == before
    assert any("Who can do what" == h.value for h in at.subheader)


def test_the_business_case_page_builds_the_pcn_pack() -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "business_case.py"), default_timeout=120)
    at.session_state[Keys.ROSTER] = read_team(*sample_for("pcn"))
    at.run()
    assert not at.exception
    assert any(h.value == "Primary care network additional roles case" for h in at.subheader)
    at.button(key="build_service_pack").click().run()
    assert not at.exception
    kind, built = at.session_state["built_service_pack"]
    assert kind == "pcn" and built.filename.endswith(".zip")
    assert [m.name for m in built.members] == ["README.txt", "business_case.docx", "business_case.xlsx"]


def test_the_skill_mix_page_costs_a_homecare_team_from_actual_pay() -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "skill_mix.py"), default_timeout=90)
    at.session_state[Keys.ROSTER] = read_team(*sample_for("homecare"))
    at.run()
    assert not at.exception
    assert "from the actual pay in the roster" in info_text(at)
    assert "1 post(s) with no pay are costed at the AfC mid-point" in info_text(at)


def test_the_frameworks_page_opens_on_the_homecare_framework_with_its_levels() -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "frameworks.py"), default_timeout=90)
    at.session_state[Keys.ROSTER] = read_team(*sample_for("homecare"))
    at.run()
    assert not at.exception
    assert at.selectbox(key="fw_choice").value == "homecare"
    assert any(h.value == "Career levels: descriptors and indicative roles" for h in at.subheader)
    levels = next(d.value for d in at.dataframe if "Indicative roles" in d.value.columns)
    assert len(levels) == 5 and "Homecare Pharmacy Assistant" in levels.iloc[0]["Indicative roles"]
