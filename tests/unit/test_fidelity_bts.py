"""Fidelity of ``data/frameworks/bts_pr.yaml`` to the BTS PR consultation draft (seed 000).

The seed is the converted text of the draft. Its table (seed lines 152-181) is split across pages:
rows whose first cell is empty continue the band above, column by column, and some bullets are cut at
the page break. These tests re-read the seed independently of the YAML and check every statement's
words, verb, level and count against it, so a typo or a lost page-break join fails.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from planner.reference import frameworks
from planner.reference.errors import ReferenceDataError
from planner.reference.frameworks import FRAMEWORK_DIR, load_file

pytestmark = pytest.mark.unit

BTS_FILE = FRAMEWORK_DIR / "bts_pr.yaml"
SEED_NAME = "000_956e9994e3584b42.txt"
# The seed documents are committed under tests/fixtures/seeds (copies of ../shared/seeds).
_SEED_DIRS = [Path(__file__).parents[1] / "fixtures" / "seeds"]

LEVELS = ["band3", "band4", "band5", "band6", "band7", "lead"]
DOMAINS = ["core_clinical", "knowledge", "leadership", "research", "qualifications"]

# Counted by hand from the seed table (lines 152-181), not from the YAML: for each band's row and its
# continuation rows (first cell empty, after a repeated header row), in each column, one per <li>
# bullet and one per <p> paragraph, skipping headings that end in ":" and skipping the tail of a
# bullet cut at a page break (the SPLITS below), which completes the bullet before it.
#            Core clinical, Knowledge/Training & Experience, Leadership & management, Research, Qualifications
HAND_COUNT = {
    "band3": (10, 9, 3, 1, 3),
    "band4": (10, 7, 3, 2, 1),
    "band5": (10, 8, 3, 2, 2),
    "band6": (12, 9, 2, 2, 2),
    "band7": (11, 10, 4, 2, 2),
    "lead": (8, 5, 5, 2, 2),
}

# Page-break splits: (the cell text before the break, the cell text after it). Both halves are cells
# of the seed as printed; the statement is the two joined with one space.
SPLITS = [
    (
        "they can work independently",
        "within their scope of practice where they have demonstrated competence and take responsibility",
    ),
    ("With assistance can apply", "evidence to inform practice."),
    (
        "ascertain opportunities to optimise treatment, make onward referrals, and refers any medical issues identified at",
        "assessment for review prior to commencing a PR programme",
    ),
    (
        "the planning, preparation and evaluation of educational sessions and materials according to local need (considering appropriate teaching design, health",
        "literacy, cultural adaptation, other specific learning needs)",
    ),
    (
        "the principles of individually tailored exercise prescription including exercise frequency,",
        "duration, intensity, modality (aerobic and resistance)",
    ),
    ("Deliver training, mentorship, timely", "recording of competencies and appraisals of staff team"),
    (
        "Assists in presenting work at",
        "conferences and contributing to publications in peer reviewed journals.",
    ),
    (
        "Registered Exercise practitioner (e.g. Academy of Healthcare)",
        "Science (AHCS) Clinical Exercise Physiologist)",
    ),
]
# The converter closed the bracket of the cut AHCS cell ("Healthcare)"); the join drops that ")",
# giving the wording the Band 6 and Lead rows print in full.
HEAD_AS_JOINED = {
    "Registered Exercise practitioner (e.g. Academy of Healthcare)": "Registered Exercise practitioner (e.g. Academy of Healthcare"
}


def _norm(text: str) -> str:
    return " ".join(str(text).split())


def _seed_text() -> str:
    for folder in _SEED_DIRS:
        if (folder / SEED_NAME).is_file():
            return (folder / SEED_NAME).read_text(encoding="utf-8")
    raise FileNotFoundError(f"seed {SEED_NAME} not found in {_SEED_DIRS}")


@pytest.fixture(scope="module")
def seed_items() -> set[str]:
    """Every cell fragment of the seed: text between tags, tabs and line ends, unescaped, bullets dropped."""
    parts = re.split(r"<[^>]+>|\t|\n", _seed_text())
    items = {_norm(html.unescape(p)).removeprefix("• ") for p in parts}
    return {i for i in items if i}


@pytest.fixture(scope="module")
def joined() -> list[str]:
    return [_norm(HEAD_AS_JOINED.get(head, head) + " " + tail) for head, tail in SPLITS]


@pytest.fixture(scope="module")
def fw() -> frameworks.Framework:
    return frameworks.load_all()["bts"]


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(BTS_FILE.read_text(encoding="utf-8"))


def test_load_file_and_load_all_agree(fw: frameworks.Framework) -> None:
    direct = load_file(BTS_FILE)
    assert direct.id == "bts"
    assert direct.competencies.equals(fw.competencies)
    assert direct.source["document"] == "seeds/000_956e9994e3584b42.txt"
    assert direct.source["date"] == "2025-04"
    assert "Draft for public consultation" in direct.source["version"]


def test_levels_most_junior_first(fw: frameworks.Framework) -> None:
    assert fw.levels["level_id"].tolist() == LEVELS
    assert fw.levels["label"].tolist() == [
        "Band 3",
        "Band 4",
        "Band 5",
        "Band 6",
        "Band 7",
        "Clinical/Operational Lead",
    ]
    assert fw.levels["afc_bands"].tolist()[-1] == ["7", "8a", "8b", "8c", "8d"]
    assert fw.levels["afc_bands"].tolist()[0] == ["3"]


def test_level_titles_are_the_source_row_titles(doc: dict, seed_items: set[str]) -> None:
    titles = [lv["title"] for lv in doc["levels"]]
    assert titles[0] == "Pulmonary Rehabilitation Assistant Practitioner (Band 3)"
    seed = _norm(re.sub(r"<[^>]+>", " ", _seed_text()))
    for title in titles:
        assert title in seed, title


def test_domains_keep_source_labels(doc: dict) -> None:
    assert [d["id"] for d in doc["domains"]] == DOMAINS
    assert [d["source_label"] for d in doc["domains"]] == [
        "Core Clinical Skills",
        "Knowledge/ Training & Experience",
        "Leadership and management",
        "Research",
        "Qualifications",
    ]


def test_statement_counts_match_hand_count(fw: frameworks.Framework) -> None:
    req = fw.requirements.merge(fw.competencies, on="competency_id")
    counts = Counter(zip(req["level_id"], req["domain_id"], strict=True))
    table = {lv: tuple(counts.get((lv, d), 0) for d in DOMAINS) for lv in LEVELS}
    assert table == HAND_COUNT
    assert len(fw.competencies) == sum(map(sum, HAND_COUNT.values())) == 152


def test_every_statement_is_a_whole_seed_cell_or_a_known_join(
    fw: frameworks.Framework, seed_items: set[str], joined: list[str]
) -> None:
    for head, tail in SPLITS:
        assert head in seed_items and tail in seed_items, (head, tail)
    allowed = seed_items | set(joined)
    missing = [
        (r.competency_id, r.text) for r in fw.competencies.itertuples() if _norm(r.text) not in allowed
    ]
    assert missing == []


def test_each_page_break_join_is_used_once_and_no_half_is_left_alone(
    fw: frameworks.Framework, joined: list[str]
) -> None:
    texts = Counter(_norm(t) for t in fw.competencies["text"])
    for whole in joined:
        # Band 6 and the Lead row print the AHCS line whole, so it occurs three times in all.
        expected = 3 if whole.startswith("Registered Exercise practitioner") else 1
        assert texts[whole] == expected, whole
    halves = {h for pair in SPLITS for h in pair}
    assert not halves & set(texts)


def test_ids_follow_level_domain_and_source_order(fw: frameworks.Framework) -> None:
    code = {"band3": "B3", "band4": "B4", "band5": "B5", "band6": "B6", "band7": "B7", "lead": "LEAD"}
    dcode = dict(zip(DOMAINS, ["CCS", "KTE", "LM", "RES", "QUAL"], strict=True))
    req = fw.requirements.merge(fw.competencies, on="competency_id")
    assert req["competency_id"].is_unique  # each statement is expected at exactly one level
    seen: Counter = Counter()
    for r in req.itertuples():
        seen[(r.level_id, r.domain_id)] += 1
        assert (
            r.competency_id
            == f"BTS-{code[r.level_id]}-{dcode[r.domain_id]}-{seen[(r.level_id, r.domain_id)]:02d}"
        )


@pytest.mark.parametrize(
    ("cid", "level", "verb", "text"),
    [
        ("BTS-B3-CCS-02", "band3", "Demonstrates", "clear, effective, timely and accurate recording keeping"),
        (
            "BTS-B3-RES-01",
            "band3",
            "Is aware of",
            "Is aware of the value of research, audit and quality improvement.",
        ),
        (
            "BTS-B4-CCS-05",
            "band4",
            "Conducts",
            "objective assessments, including exercise and muscle strength testing with limited/indirect supervision",
        ),
        (
            "BTS-B4-LM-02",
            "band4",
            "Demonstrates",
            "they can work independently within their scope of practice where they have demonstrated competence and take responsibility",
        ),
        ("BTS-B4-QUAL-01", "band4", None, "Level 4 Exercise Qualification in Pulmonary Rehabilitation"),
        (
            "BTS-B5-CCS-09",
            "band5",
            "Assists in",
            "the planning, preparing and evaluation of educational sessions and materials according to local need",
        ),
        (
            "BTS-B5-RES-02",
            "band5",
            "Can assist with",
            "Can assist with applying and communicating evidence to inform practice with guidance.",
        ),
        (
            "BTS-B6-KTE-07",
            "band6",
            "Understands the",
            "the principles of individually tailored exercise prescription including exercise frequency, duration, intensity, modality (aerobic and resistance) and applies them to practice",
        ),
        (
            "BTS-B7-CCS-03",
            "band7",
            "Demonstrates ability to",
            "ascertain opportunities to optimise treatment, make onward referrals, and refers any medical issues identified at assessment for review prior to commencing a PR programme",
        ),
        (
            "BTS-B7-KTE-03",
            "band7",
            "Demonstrates specialist knowledge of and applies",
            "the principles of individually tailored exercise prescription including exercise frequency, duration, intensity, modality (aerobic and resistance)",
        ),
        (
            "BTS-B7-LM-02",
            "band7",
            "Demonstrates able to",
            "Deliver training, mentorship, timely recording of competencies and appraisals of staff team",
        ),
        (
            "BTS-B7-QUAL-02",
            "band7",
            None,
            "Registered Exercise practitioner (e.g. Academy of Healthcare Science (AHCS) Clinical Exercise Physiologist)",
        ),
        (
            "BTS-LEAD-CCS-06",
            "lead",
            "Demonstrate and leads on",
            "ensuring adequate staffing levels and skill mix to deliver a safe and effective PR service (justify staff/patient ratios based on supervision requirements and risk stratification)",
        ),
        (
            "BTS-LEAD-LM-03",
            "lead",
            "Leads on",
            "the strategic direction of the service and be responsible for the ongoing its development and associated business cases",
        ),
    ],
)
def test_spot_checks(fw: frameworks.Framework, cid: str, level: str, verb: str | None, text: str) -> None:
    comp = fw.competencies.set_index("competency_id").loc[cid]
    assert comp["text"] == text
    req = fw.requirements[fw.requirements["competency_id"] == cid]
    assert req["level_id"].tolist() == [level]
    got = req["expectation"].iloc[0]
    assert (got if isinstance(got, str) else None) == verb


def test_verbs_are_source_headings_or_the_sentence_opening(doc: dict, seed_items: set[str]) -> None:
    for c in doc["competencies"]:
        (level,) = c["required_at"]
        verb = (c.get("expectation") or {}).get(level)
        if c["domain"] == "qualifications":
            assert verb is None, c["id"]
            continue
        assert verb, c["id"]
        assert not verb.endswith(":")
        assert f"{verb}:" in seed_items or c["text"].startswith(verb), (c["id"], verb)


def test_every_statement_has_an_area_and_key_areas_progress(fw: frameworks.Framework) -> None:
    assert fw.competencies["area_id"].notna().all()
    assert set(fw.competencies["area_id"]) == set(fw.areas["area_id"])
    assert 12 <= len(fw.areas) <= 20
    req = fw.requirements.merge(fw.competencies, on="competency_id")
    levels_per_area = req.groupby("area_id")["level_id"].nunique()
    for area in ("life_support", "exercise_prescription", "objective_assessment"):
        assert levels_per_area[area] >= 3, area


def test_life_support_statements_renew_annually_as_an_assumption(doc: dict) -> None:
    life = [c for c in doc["competencies"] if "Life Support" in c["text"]]
    assert [c["id"] for c in life] == [
        "BTS-B3-KTE-09",
        "BTS-B4-KTE-07",
        "BTS-B5-KTE-08",
        "BTS-B6-KTE-09",
        "BTS-B7-KTE-09",
    ]
    for c in life:
        assert c["area"] == "life_support"
        assert c["renewal_months"] == 12
        assert c["renewal_source"].startswith("assumption:")
    assert not [c["id"] for c in doc["competencies"] if "renewal_months" in c and c not in life]


def test_supporting_sections_are_verbatim(doc: dict) -> None:
    seed = _seed_text()
    assert doc["pillars"] == ["Clinical expertise", "Leadership", "Research", "Education and training"]
    items = [e["text"] for e in doc["supporting_evidence"]]
    assert len(items) == 9 and items[-1] == "Teaching including:"
    assert len(doc["supporting_evidence"][-1]["sub_items"]) == 6
    for text in items + doc["supporting_evidence"][-1]["sub_items"]:
        assert f"- {text}\n" in seed, text
    for role in doc["roles"]:
        assert f"- {role['source_text']}\n" in seed, role


def _broken_copy(tmp_path: Path, doc: dict) -> Path:
    broken = yaml.safe_load(yaml.safe_dump(doc, allow_unicode=True))
    broken["competencies"][3]["domain"] = "core_clinicl"
    broken["competencies"][5]["id"] = broken["competencies"][4]["id"]
    path = tmp_path / "bts_pr.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_loader_names_file_entry_and_field_of_a_broken_copy(tmp_path: Path, doc: dict) -> None:
    with pytest.raises(ReferenceDataError) as info:
        load_file(_broken_copy(tmp_path, doc))
    assert info.value.problems == [
        "bts_pr.yaml: competencies[3] (BTS-B3-CCS-04): domain: unknown domain 'core_clinicl'",
        "bts_pr.yaml: competencies[5] (BTS-B3-CCS-05): id: duplicate id",
    ]


def test_registration_rows_are_one_of_groups_keeping_the_source_wording() -> None:
    """Bands 5, 6, 7 and lead: the qualification rows are routes ("one of"), labelled our interpretation."""
    bts = frameworks.get("bts")
    alts = bts.alternatives
    groups = alts.groupby("group_id")["competency_id"].apply(list).to_dict()
    assert groups == {
        "BTS-B5-QUAL-ONE-OF": ["BTS-B5-QUAL-01", "BTS-B5-QUAL-02"],
        "BTS-B6-QUAL-ONE-OF": ["BTS-B6-QUAL-01", "BTS-B6-QUAL-02"],
        "BTS-B7-QUAL-ONE-OF": ["BTS-B7-QUAL-01", "BTS-B7-QUAL-02"],
        "BTS-LEAD-QUAL-ONE-OF": ["BTS-LEAD-QUAL-01", "BTS-LEAD-QUAL-02"],
    }
    assert alts["interpretation"].str.startswith("Our interpretation").all()
    text = bts.competencies.set_index("competency_id")["text"]
    seed = html.unescape(_seed_text())
    for cid in alts["competency_id"]:
        assert text[cid].startswith(("Registered healthcare professional", "Registered Exercise practitioner",
                                     "Undergraduate degree in Sport and Exercise Science"))  # fmt: skip
        assert text[cid].split(" (")[0] in seed  # the wording is the source's
    # Band 3 and 4 qualifications are all required, as the source lists them.
    assert not alts["competency_id"].str.contains("B3-|B4-").any()


def test_alternatives_schema_reports_every_problem(tmp_path) -> None:
    doc = yaml.safe_load(BTS_FILE.read_text(encoding="utf-8"))
    doc["alternatives"] = [
        {"id": "G1", "one_of": ["BTS-B6-QUAL-01"], "interpretation": "Our interpretation: x"},
        {"id": "G2", "one_of": ["BTS-B7-QUAL-01", "NOPE"]},
        {
            "id": "G3",
            "one_of": ["BTS-B7-QUAL-01", "BTS-B7-QUAL-02"],
            "interpretation": "Our interpretation: y",
        },
    ]
    path = tmp_path / "bts_pr.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as err:
        load_file(path)
    text = "\n".join(err.value.problems)
    assert "alternatives[0] (G1): one_of: expected a list of two or more" in text
    assert "alternatives[1] (G2): one_of: unknown competency 'NOPE'" in text
    assert "alternatives[2] (G3): one_of: BTS-B7-QUAL-01 is already in another group" in text
    assert "alternatives[1] (G2): interpretation:" in text
