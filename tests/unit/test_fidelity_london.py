"""Fidelity of ``data/frameworks/london_pr.yaml`` to the London PR record guidance (seed 001).

The four functions, their descriptions and the record's columns must be the source's words; the
mapping of BTS statements onto functions is our interpretation, so it is checked for completeness
and for the constraints its rules state, not against the source.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner.reference import frameworks
from planner.reference.frameworks import FRAMEWORK_DIR

pytestmark = pytest.mark.unit

LONDON_FILE = FRAMEWORK_DIR / "london_pr.yaml"
SEED_NAME = "001_a76097cc06a05003.txt"
# The seed documents are committed under tests/fixtures/seeds (copies of ../shared/seeds).
_SEED_DIRS = [Path(__file__).parents[1] / "fixtures" / "seeds"]
FUNCTIONS = ["supporting", "delivering", "leading", "delivering_managing"]


def _norm(text: str) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def seed() -> str:
    for folder in _SEED_DIRS:
        if (folder / SEED_NAME).is_file():
            return _norm((folder / SEED_NAME).read_text(encoding="utf-8"))
    raise FileNotFoundError(f"seed {SEED_NAME} not found in {_SEED_DIRS}")


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(LONDON_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bts() -> frameworks.Framework:
    return frameworks.load_all()["bts"]


@pytest.fixture(scope="module")
def london() -> frameworks.Framework:
    return frameworks.load_all()["london"]


@pytest.fixture(scope="module")
def by_function(doc: dict) -> dict[str, set[str]]:
    return {f: {m["competency"] for m in doc["mapping"] if f in m["levels"]} for f in FUNCTIONS}


def test_four_functions_in_source_order(london: frameworks.Framework, seed: str) -> None:
    assert london.levels["level_id"].tolist() == FUNCTIONS
    assert london.level_basis == "function"
    assert london.raw["derives_from"] == "bts"
    for n, label in enumerate(london.levels["label"], start=1):
        assert f"({n}) {label}" in seed, label
    assert london.level_label("leading") == "Leading pulmonary rehabilitation programmes (service management)"


def test_descriptions_are_verbatim(doc: dict, seed: str) -> None:
    for lv in doc["levels"]:
        assert len(lv["description"]) > 80
        assert _norm(lv["description"]) in seed, lv["id"]
    assert doc["levels"][0]["description"].startswith("A member of staff that supports the delivery")


def test_bands_only_where_the_source_gives_them(london: frameworks.Framework, doc: dict) -> None:
    bands = dict(zip(london.levels["level_id"], london.levels["afc_bands"], strict=True))
    assert bands["supporting"] == ["3", "4", "5"]
    for f in FUNCTIONS[1:]:
        assert bands[f] is None
        note = next(lv["note"] for lv in doc["levels"] if lv["id"] == f)
        assert "no Agenda for Change band" in note


def test_source_records_what_is_unknown(london: frameworks.Framework, seed: str) -> None:
    src = london.source
    assert src["version"] == "not stated" and src["date"] == "undated"
    assert src["framework_launched"] == "2023-09"
    assert "launched in September 2023" in seed
    assert _norm(src["title"]) in seed


def test_record_columns_exactly(doc: dict, seed: str) -> None:
    cols = doc["record_columns"]
    assert [c["label"] for c in cols] == [
        "Reference no.",
        "Competency",
        "Achieved? (yes / no) Self-assessment",
        "Date of self-assessment",
        "Evidence",
        "Signed off – name and date",
    ]
    header = "Reference no.\tCompetency\tAchieved? (yes / no) Self - assessment\tDate of self - assessment\tEvidence"
    assert _norm(header) in seed
    assert [c["source_label"] for c in cols][-1] == "Signed off – name and date:"
    for c in cols:
        assert _norm(c["source_label"]) in seed
        if c["guidance"]:
            assert _norm(c["guidance"]) in seed, c["id"]
    assert cols[1]["guidance"] is None


def test_evidence_examples_and_smart_come_from_the_source(doc: dict, seed: str) -> None:
    plain = [e for e in doc["evidence_examples"] if not e.startswith("induction")]
    assert len(plain) == 7
    for e in plain:
        assert e in seed, e
    assert [s["word"] for s in doc["smart"]] == [
        "Specific",
        "Measurable",
        "Achievable",
        "Relevant",
        "Time-bound",
    ]
    for s in doc["smart"]:
        assert f"**{s['word']}**, {s['meaning']}" in seed, s["word"]


def test_every_bts_statement_is_mapped_exactly_once(doc: dict, bts: frameworks.Framework) -> None:
    mapped = [m["competency"] for m in doc["mapping"]]
    assert len(mapped) == len(set(mapped))
    assert mapped == bts.competencies["competency_id"].tolist()  # also keeps the BTS order


def test_every_entry_names_a_defined_rule(doc: dict) -> None:
    rules = {r["id"] for r in doc["mapping_rules"]}
    used = {m["rule"] for m in doc["mapping"]}
    assert used <= rules
    # R7 is the union constraint that entries placed by R3-R6 obey; every other rule places something.
    assert rules - used == {"R7"}


def test_delivering_managing_is_delivering_plus_leading(by_function: dict[str, set[str]]) -> None:
    assert by_function["delivering_managing"] >= by_function["delivering"] | by_function["leading"]
    assert by_function["delivering_managing"] == by_function["delivering"] | by_function["leading"]


def test_no_prescription_or_independent_education_in_supporting(
    by_function: dict[str, set[str]], bts: frameworks.Framework
) -> None:
    texts = bts.competencies.set_index("competency_id")["text"]
    supporting = [texts[c] for c in by_function["supporting"]]
    assert supporting
    assert not [t for t in supporting if "prescri" in t.lower()]
    assert not [t for t in supporting if "deliver and facilitate group education" in t]
    assert "BTS-B4-CCS-09" not in by_function["supporting"]  # assists with review of exercise prescription


def test_rule_scopes_hold(doc: dict, bts: frameworks.Framework, by_function: dict[str, set[str]]) -> None:
    req = bts.requirements.merge(bts.competencies, on="competency_id")
    core = req[req["domain_id"] != "qualifications"]
    for level, function in (("band3", "supporting"), ("band5", "delivering"), ("lead", "leading")):
        ids = set(core.loc[core["level_id"] == level, "competency_id"])
        assert ids <= by_function[function], (level, function)
    quals = set(req.loc[req["domain_id"] == "qualifications", "competency_id"])
    for m in doc["mapping"]:
        if m["competency"] in quals:
            assert m["levels"] == [] and m["rule"] == "R9"
    band7 = set(req.loc[req["level_id"] == "band7", "competency_id"])
    assert not band7 & set().union(*by_function.values())


def test_derived_framework_serves_only_mapped_statements(
    london: frameworks.Framework, by_function: dict[str, set[str]]
) -> None:
    assert set(london.competencies["competency_id"]) == set().union(*by_function.values())
    for f in FUNCTIONS:
        got = set(london.requirements.loc[london.requirements["level_id"] == f, "competency_id"])
        assert got == by_function[f], f


def test_interpretation_is_stated(london: frameworks.Framework, doc: dict) -> None:
    text = london.interpretation
    assert text and "interpretation" in text
    assert "part of neither" in text
    assert "never present a mapped statement as a London competency" in text
    assert len(doc["mapping_rules"]) >= 6
