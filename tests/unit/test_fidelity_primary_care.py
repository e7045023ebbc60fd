"""Fidelity of data/frameworks/primary_care.yaml to the "New roles in Primary Care" booklet (seed 003).

The seed lost its table cell boundaries (each row is one line with the cells run together), so the
expected nursing task matrix is written out below, cell by cell, and checked twice: against the seed
(the cells of a row, joined, give the seed line back) and against the YAML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from planner.reference.errors import ReferenceDataError
from planner.reference.frameworks import FRAMEWORK_DIR, load_file
from planner.vocab import BANDS

pytestmark = pytest.mark.unit

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"  # committed copies of ../shared/seeds
SEED = SEEDS / "003_a0e61fd8f244147f.txt"
YAML_PATH = FRAMEWORK_DIR / "primary_care.yaml"
LEVELS = ("hca", "nursing_associate", "practice_nurse")

# The nursing "workforce at a glance" table, read from seed lines 133-148. Each row: seed line, task
# cell, then (class, cell) for health care assistant, nurse associate, practice nurse, all exactly as
# the seed prints them (run-together words included). Read by cutting each line, from the right,
# before the "Yes"/"No" that opens each answer cell: qualifiers follow the answer in the same cell,
# as the trailing "Yesadvance" and "Yesand referrals" of the last column show. Classes: "yes" (plain
# or extended Yes), "partial" (restricted or conditional), "no".
Y, N, P = "yes", "no", "partial"
EXPECTED_MATRIX: list[tuple[int, str, tuple[str, str], tuple[str, str], tuple[str, str]]] = [
    (133, "Cervical screening", (N, "No"), (Y, "Yes"), (Y, "Yes")),
    (
        134,
        "Medication administrationincludes: oral, sublingual, buccal, inhaled, nebuliser, SC, IM, IV, "
        "rectal, vaginal, ocular, intranasal, Dermal",
        (P, "Noonly IM working under PSD"),
        (P, "YesExcluding PGDs"),
        (Y, "Yes"),
    ),
    (
        135,
        "Immunisation",
        (P, "Yes some adult (x4) IMMS onlynasal spray flu for children"),
        (P, "Yesadultnasal spray – flu for children only"),
        (Y, "Yes"),
    ),
    (
        136,
        "Long Term Condition reviews(Asthma, COPD, Diabetes,Hypertension)",
        (N, "No"),
        (Y, "Yes"),
        (Y, "Yes"),
    ),
    (
        137,
        "Supervisionand support HCA’s and Pre-Registration Student Nurses",
        (P, "Yes – HCAsNo – student nurses"),
        (Y, "Yes"),
        (Y, "Yes"),
    ),
    (
        138,
        "Understand ‘DNA,CPR’ decisionsand verification of expected deaths",
        (N, "No"),
        (Y, "Yes"),
        (Y, "Yes"),
    ),
    (139, "Venepuncture", (Y, "Yes"), (Y, "Yes"), (Y, "Yes")),
    (140, "Dementia reviews", (N, "No"), (Y, "Yes"), (Y, "Yes")),
    (
        141,
        "Catheter carefor both genders, suprapubic catheter care and bladder scanning",
        (N, "No"),
        (Y, "Yes"),
        (Y, "Yes"),
    ),
    (142, "Stoma care", (N, "No"), (Y, "Yes"), (Y, "Yes")),
    (
        143,
        "Wound carecompression bandaging, prevent and manage skin breakdown effectively",
        (P, "YesBasic wound care only, after the wound assessment of NA or RN"),
        (Y, "Yes"),
        (Y, "Yes"),
    ),
    (144, "Decision to make specialistReferrals", (N, "No"), (P, "Yesin consultation with RN"), (Y, "Yes")),
    (
        145,
        "Risk assessments using tools such as MUST, MMSE, falls assessment, NEWS2",
        (P, "Some recording and interpretation with reports and action to NA or RN"),
        (Y, "Yes"),
        (Y, "Yes"),
    ),
    (146, "Basic Mental health and physical first aid advise", (N, "No"), (Y, "Yes"), (Y, "Yesadvance")),
    (147, "Health promotion, smoking cessation", (Y, "Yes"), (Y, "Yes"), (Y, "Yesand referrals")),
    (148, "Spirometrycessation", (P, "YesMeasurements only"), (Y, "YesInterpretation"), (Y, "Yes")),
]


def _squash(text: str) -> str:
    """Remove all whitespace (NBSP included) and bullets, to compare words regardless of spacing."""
    return re.sub(r"[\s\u00a0•]+", "", text)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    if not SEED.exists():
        raise FileNotFoundError(f"seed document not found: {SEED} (set PLANNER_SEEDS_DIR)")
    return [ln.replace("\u00a0", " ") for ln in SEED.read_text(encoding="utf-8").split("\n")]


@pytest.fixture(scope="module")
def seed_squashed(seed_lines) -> str:
    return _squash("".join(seed_lines))


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(YAML_PATH.read_text(encoding="utf-8"))


def test_expected_matrix_rebuilds_the_seed_lines(seed_lines):
    assert seed_lines[130] == "Task/SkillHealth Care AssistantNurse AssociatePractice Nurse"
    for line, task, *cells in EXPECTED_MATRIX:
        assert task + "".join(text for _, text in cells) == seed_lines[line - 1], line


def test_yaml_task_matrix_matches_cell_by_cell(doc):
    rows = [r for r in doc["task_matrix"]["rows"] if r.get("kind") != "role_summary"]
    assert len(rows) == len(EXPECTED_MATRIX) == 16
    for row, (line, task, *cells) in zip(rows, EXPECTED_MATRIX, strict=True):
        assert row["line"] == line
        assert row["task"]["verbatim"] == task
        for level, (cls, text) in zip(LEVELS, cells, strict=True):
            cell = row["cells"][level]
            assert (cell["class"], cell["verbatim"]) == (cls, text), f"line {line} {level}"
            assert _squash(cell["text"]) == _squash(text), f"line {line} {level}"


def test_role_summary_row_is_kept(doc, seed_lines):
    summary = doc["task_matrix"]["rows"][0]
    assert summary["kind"] == "role_summary"
    joined = summary["task"]["verbatim"] + "".join(summary["cells"][lv]["verbatim"] for lv in LEVELS)
    assert joined == seed_lines[131]
    by_level = {lv["id"]: lv["role_summary"] for lv in doc["levels"]}
    assert by_level == {lv: summary["cells"][lv]["text"] for lv in LEVELS}


def test_competencies_follow_the_matrix(doc):
    comps = doc["competencies"]
    assert [c["id"] for c in comps] == [f"PC-NUR-{i:02d}" for i in range(1, 17)]
    for comp, (_, task, *cells) in zip(comps, EXPECTED_MATRIX, strict=True):
        expected_levels = [lv for lv, (cls, _) in zip(LEVELS, cells, strict=True) if cls in (Y, P)]
        assert comp["required_at"] == expected_levels, comp["id"]
        for lv, (cls, text) in zip(LEVELS, cells, strict=True):
            if cls == N:
                assert lv not in comp.get("expectation", {}), comp["id"]
            else:
                assert _squash(comp["expectation"][lv]) == _squash(text), f"{comp['id']} {lv}"
        if comp["id"] != "PC-NUR-16":
            assert _squash(comp["text"]) == _squash(task), comp["id"]
    spiro = comps[15]
    assert (spiro["text"], spiro["source_text"]) == ("Spirometry", "Spirometrycessation")


def test_every_task_text_occurs_in_the_seed(doc, seed_squashed):
    for comp in doc["competencies"]:
        assert _squash(comp["text"]) in seed_squashed, comp["id"]


def test_levels_are_the_three_nursing_roles(doc):
    assert [(lv["id"], lv["label"]) for lv in doc["levels"]] == [
        ("hca", "Health Care Assistant"),
        ("nursing_associate", "Nurse Associate"),
        ("practice_nurse", "Practice Nurse"),
    ]
    fw = load_file(YAML_PATH)
    assert fw.level_basis == "role"
    assert len(fw.requirements) == sum(cls in (Y, P) for _, _, *cells in EXPECTED_MATRIX for cls, _ in cells)


def test_all_fifteen_roles_are_listed(doc):
    ids = [r["id"] for r in doc["roles"]]
    assert len(ids) == len(set(ids)) == 15
    assert "covers all current 15 roles" in doc["source"]["scope"]


@pytest.mark.parametrize(
    ("role", "bands", "band_text"),
    [
        ("first_contact_practitioner", ["7", "8a", "8b", "8c", "8d", "9"], "Band 7 or equivalent and above"),
        ("advanced_practitioner", ["8a", "8b", "8c", "8d", "9"], "band 8a or above"),
        ("mental_health_practitioner", ["5", "6", "7", "8a"], "bands 5-8a"),
        ("physiotherapist", ["7", "8a"], "For band 7 roles"),
        ("paramedic", ["6", "7", "8a"], "NHS Agenda for change band 8"),
    ],
)
def test_role_bands_spot_check(doc, role, bands, band_text):
    by_id = {r["id"]: r for r in doc["roles"]}
    assert by_id[role]["afc_bands"] == bands
    text = by_id[role]["band_text"]
    assert band_text in (text if isinstance(text, str) else " | ".join(text))


def test_roles_without_a_source_band_have_none(doc):
    for role in doc["roles"]:
        if role.get("band_text") is None:
            assert "afc_bands" not in role, role["id"]
        for band in role.get("afc_bands") or []:
            assert band in BANDS, role["id"]


def test_regulators_as_the_source_names_them(doc):
    by_id = {r["id"]: r.get("regulator") for r in doc["roles"]}
    assert by_id["clinical_pharmacist"] == by_id["pharmacy_technician"] == "GPhC"
    assert by_id["nursing_associate"] == "NMC"
    assert by_id["paramedic"] == by_id["dietitian"] == "HCPC"
    assert by_id["physiotherapist"] is None  # the booklet does not say


def test_quoted_role_fields_occur_in_the_seed(doc, seed_squashed):
    fields = doc["quoted_role_fields"]
    checked = 0
    for role in doc["roles"]:
        for field in fields:
            value = role.get(field)
            for quote in [value] if isinstance(value, str) else value or []:
                assert _squash(quote) in seed_squashed, f"{role['id']}.{field}: {quote[:60]}"
                checked += 1
    assert checked > 100


def test_capability_table_columns_rebuild_the_seed_line(doc, seed_lines):
    cols = doc["capability_table"]["columns"]
    assert [len(c["statements"]) for c in cols] == [10, 14]
    assert seed_lines[228] == "".join(c["label"] for c in cols)
    joined = "".join(s for c in cols for s in c["statements"])
    assert _squash(joined) == _squash(seed_lines[229])


def test_role_comparison_rebuilds_the_seed_line(doc, seed_lines):
    cols = doc["role_comparison"]["columns"]
    assert seed_lines[667] == "".join(c["label"] for c in cols)
    assert _squash("".join(s for c in cols for s in c["statements"])) == _squash(seed_lines[668])


def test_paramedic_job_table_rebuilds_the_seed_lines(doc, seed_lines):
    table = next(r for r in doc["roles"] if r["id"] == "paramedic")["job_table"]
    assert seed_lines[332] == "".join(table["column_labels"])
    body = {_squash(ln) for ln in seed_lines[334:342]}
    for row in table["rows"]:
        joined = row["label"] + "".join(row["cells"][c] for c in table["columns"])
        assert _squash(joined) in body, row["label"]


def test_fcp_roadmap_table(doc, seed_lines):
    roadmaps = next(r for r in doc["roles"] if r["id"] == "first_contact_practitioner")["roadmaps"]
    assert [r["profession"] + r["published"] for r in roadmaps] == seed_lines[184:189]


def test_broken_copy_names_file_entry_and_field(tmp_path, doc):
    broken = dict(doc)
    broken["competencies"] = [dict(c) for c in doc["competencies"]]
    broken["competencies"][0]["expectation"] = {"hca": "Yes"}
    path = tmp_path / "primary_care.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as err:
        load_file(path)
    assert err.value.problems == [
        "primary_care.yaml: competencies[0] (PC-NUR-01): expectation: level 'hca' is not in required_at"
    ]
