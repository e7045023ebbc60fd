"""Fidelity of data/frameworks/cross_cutting.yaml to the project's domain research.

Every requirement must say where it comes from (a source) or why we use it anyway (an assumption);
the mandatory-training topics must be the eleven listed in research/domain.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from planner.reference.errors import ReferenceDataError
from planner.reference.frameworks import FRAMEWORK_DIR, load_all, load_file

pytestmark = pytest.mark.unit

RESEARCH = Path(__file__).parents[1] / "fixtures" / "research" / "domain.md"  # copy of ../shared/research
YAML_PATH = FRAMEWORK_DIR / "cross_cutting.yaml"
URL_RE = re.compile(r"https?://[^\s;,)\"]+")


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(YAML_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def domain_md() -> str:
    if not RESEARCH.exists():
        raise FileNotFoundError(f"research notes not found: {RESEARCH} (set PLANNER_RESEARCH_DIR)")
    return RESEARCH.read_text(encoding="utf-8")


def _items(doc: dict) -> list[dict]:
    return doc["competencies"] + doc["team_rules"]


def test_every_item_has_a_source_or_an_assumption(doc):
    for item in _items(doc):
        texts = [item.get("source"), item.get("assumption")]
        assert any(isinstance(t, str) and len(t.strip()) > 20 for t in texts), item["id"]


def test_cited_urls_are_the_ones_in_domain_md(doc, domain_md):
    cited = {
        u.rstrip(".")
        for item in _items(doc)
        for t in (item.get("source"), item.get("assumption"))
        if t
        for u in URL_RE.findall(t)
    }
    assert cited, "no URL cited at all"
    for url in cited:
        assert url in domain_md, url


def test_bls_applies_to_all_staff_with_a_renewal_period(doc):
    bls = doc["competencies"][0]
    assert bls["id"] == "XC-01"
    assert "Basic Life Support" in bls["text"]
    assert bls["required_at"] == ["all_staff"]
    assert bls["renewal_months"] == 12
    assert "assumption" in bls["renewal_source"].lower()
    assert "resus.org.uk" in bls["source"]


def test_mandatory_topics_are_the_eleven_in_domain_md(doc, domain_md):
    match = re.search(r"listed by one trust \(11\):(.*?)\. Trusts add", domain_md, re.S)
    assert match, "the CSTF list moved in domain.md"
    listed = [" ".join(t.split()) for t in match.group(1).split(";")]
    topics = [c for c in doc["competencies"] if c["domain"] == "mandatory_training"]
    assert [c["text"].lower() for c in topics] == listed
    assert len(topics) == 11


def test_renewal_only_where_sourced(doc):
    for comp in doc["competencies"]:
        if "renewal_months" in comp:
            assert comp.get("renewal_source"), comp["id"]
        else:
            assert comp["renewal_note"] == "Renewal period set locally (not stated in the sources read).", (
                comp["id"]
            )


def test_team_rules(doc):
    rules = {r["id"]: r for r in doc["team_rules"]}
    assert set(rules) == {"TR-01", "TR-02"}
    aed, two = rules["TR-01"], rules["TR-02"]
    assert aed["minimum"] == 1 and "AED" in aed["text"]
    assert aed["counts_competency"] in {c["id"] for c in doc["competencies"]}
    assert "resus.org.uk" in aed["source"]
    assert (two["minimum"], two["minimum_registered"]) == (2, 1)
    assert "source" not in two, "the two-staff rule was not seen in a primary source"
    assert two["assumption"].startswith("UNVERIFIED")


def test_loader_keeps_the_extra_fields(doc):
    fw = load_file(YAML_PATH)
    assert fw.level_basis == "all_staff"
    assert fw.levels["level_id"].tolist() == ["all_staff"]
    assert len(fw.requirements) == 12
    assert fw.competencies.set_index("competency_id").loc["XC-01", "renewal_months"] == 12
    assert fw.raw["competencies"][0]["source"] == doc["competencies"][0]["source"]
    assert fw.raw["team_rules"][1]["minimum_registered"] == 1


def test_shipped_folder_loads_with_all_three_frameworks():
    frameworks = load_all()
    assert {"homecare", "primary_care", "cross_cutting"} <= set(frameworks)
    assert frameworks["homecare"].level_basis == "career_level"


def test_broken_copy_names_file_entry_and_field(tmp_path, doc):
    broken = dict(doc)
    broken["competencies"] = [dict(c) for c in doc["competencies"]]
    broken["competencies"][0]["renewal_months"] = -12
    path = tmp_path / "cross_cutting.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as err:
        load_file(path)
    assert err.value.problems == [
        "cross_cutting.yaml: competencies[0] (XC-01): renewal_months: expected a positive whole number of months"
    ]
