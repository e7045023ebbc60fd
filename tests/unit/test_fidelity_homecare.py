"""Fidelity of data/frameworks/homecare.yaml to the clinical homecare draft (seed 004).

The seed's tables are parsed here independently of the YAML (tab-separated cells; x, X, Cyrillic х/Х
and × all count as a mark; a name split over two lines is rejoined) and compared cell by cell.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from planner.reference.errors import ReferenceDataError
from planner.reference.frameworks import FRAMEWORK_DIR, load_file

pytestmark = pytest.mark.unit

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"  # committed copies of ../shared/seeds
SEED = SEEDS / "004_0e0b6c204fee807b.txt"
YAML_PATH = FRAMEWORK_DIR / "homecare.yaml"
LEVELS = ["supportive", "associate", "autonomous", "enhanced", "advanced"]
MARKS = {"x", "X", "\u0445", "\u0425", "\u00d7"}  # Latin x/X, Cyrillic х/Х, multiplication sign


def _norm(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    if not SEED.exists():
        raise FileNotFoundError(f"seed document not found: {SEED} (set PLANNER_SEEDS_DIR)")
    return SEED.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(YAML_PATH.read_text(encoding="utf-8"))


def parse_matrix(lines: list[str]) -> tuple[list[tuple[str, list[bool]]], set[str], list[list[str]]]:
    """The common-competence matrix: (name, marks per level) rows, glyphs seen, nameless rows."""
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Competence\tSupportive Level"))
    rows: list[tuple[str, list[bool]]] = []
    glyphs: set[str] = set()
    nameless: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("Once the role profile"):
            break
        cells = line.split("\t")
        if len(cells) != 6:
            continue
        name, marks = cells[0].strip(), [c.strip() for c in cells[1:]]
        if not name:
            nameless.append(marks)
            continue
        if not any(marks):
            # continuation of a name split over two lines; the marks sit on the first line
            prev_name, prev_marks = rows[-1]
            rows[-1] = (f"{prev_name} {name}", prev_marks)
            continue
        for m in marks:
            if m and m not in MARKS:
                raise AssertionError(f"unexpected cell {m!r} in row {name!r}")
        glyphs |= {m for m in marks if m}
        rows.append((name, [bool(m) for m in marks]))
    return rows, glyphs, nameless


def parse_career_table(lines: list[str]) -> list[dict]:
    """The career-level table: label, descriptor chunks and role cells per level."""
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Career Framework Level\tLevel Descriptor"))
    levels: list[dict] = []
    for line in lines[start:]:
        if line.startswith("# Component 2"):
            break
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] == "Career Framework Level":
            continue
        if cells[0]:
            levels.append({"label": cells[0], "descriptor": [], "roles": []})
        levels[-1]["descriptor"].append(cells[1])
        if cells[2].strip():
            levels[-1]["roles"].append(cells[2])
    return levels


def test_matrix_parser_sees_every_glyph_and_one_artefact_row(seed_lines):
    rows, glyphs, nameless = parse_matrix(seed_lines)
    assert glyphs == MARKS
    assert nameless == [["1", "", "", "", "T"]]
    assert len(rows) == 23


def test_competences_match_the_seed_cell_by_cell(seed_lines, doc):
    rows, _, _ = parse_matrix(seed_lines)
    comps = doc["competencies"]
    assert [c["id"] for c in comps] == [f"HC-{i:02d}" for i in range(1, 24)]
    for (name, marks), comp in zip(rows, comps, strict=True):
        assert _norm(comp["text"]) == _norm(name), comp["id"]
        for level, marked in zip(LEVELS, marks, strict=True):
            assert (level in comp["required_at"]) is marked, f"{comp['id']} at {level}"
        assert "expectation" not in comp, "the source gives a bare mark, not a verb"


def test_split_names_are_rejoined(doc):
    texts = {c["id"]: c["text"] for c in doc["competencies"]}
    assert texts["HC-03"] == "Synthesise new knowledge into the development of your own practice"
    assert texts["HC-10"] == "Make sure your actions contribute to a positive and safe working culture"
    assert texts["HC-18"] == "Comply with legal requirements for maintaining confidentiality in healthcare"
    assert texts["HC-16"] == "uphold the rights of individuals"


def test_loaded_framework_has_one_requirement_per_mark(seed_lines):
    rows, _, _ = parse_matrix(seed_lines)
    fw = load_file(YAML_PATH)
    assert len(fw.requirements) == sum(sum(m) for _, m in rows) == 90
    assert fw.requirements["expectation"].isna().all()
    assert fw.level_basis == "career_level"
    assert fw.source["version"] == "DRAFT for Consultation V4.5"
    assert fw.source["date"] == "2024-11-27"


def test_levels_order_labels_and_no_bands(seed_lines, doc):
    table = parse_career_table(seed_lines)
    assert [lv["id"] for lv in doc["levels"]] == LEVELS
    assert [lv["label"] for lv in doc["levels"]] == [t["label"] for t in table]
    assert all("afc_bands" not in lv for lv in doc["levels"])
    assert doc["pay_mapping"]["afc_bands"] is None
    assert _norm(doc["pay_mapping"]["quote"]) in _norm("\n".join(seed_lines))


def test_descriptors_are_the_seed_text_rejoined(seed_lines, doc):
    table = parse_career_table(seed_lines)
    for level, parsed in zip(doc["levels"], table, strict=True):
        assert _norm(level["descriptor"]) == _norm(" ".join(parsed["descriptor"])), level["id"]


def test_indicative_roles_cover_the_source_cells_exactly(seed_lines, doc):
    table = parse_career_table(seed_lines)
    for level, parsed in zip(doc["levels"], table, strict=True):
        assert level["indicative_roles_source"] == parsed["roles"], level["id"]
        assert _squash("".join(level["indicative_roles"])) == _squash("".join(parsed["roles"])), level["id"]
    roles = {lv["id"]: lv["indicative_roles"] for lv in doc["levels"]}
    assert len(roles["supportive"]) == 8
    assert roles["associate"][0] == "Senior Patient Services Co-ordinator"
    assert roles["autonomous"][-1] == "Homecare Pharmacy Technician"  # continuation chunk
    assert roles["enhanced"][-3:] == [
        "Clinical Governance Manager/Leader",
        "Enhanced Clinical Practitioner",
        "Subject matter expert",
    ]
    assert "Caldicott Guardian" in roles["advanced"]


def test_areas_are_few_and_all_used(doc):
    used = {c["area"] for c in doc["competencies"]}
    assert used == {a["id"] for a in doc["areas"]}
    assert len(used) <= 8


def test_broken_copy_names_file_entry_and_field(tmp_path, doc):
    broken = dict(doc)
    broken["competencies"] = [dict(c) for c in doc["competencies"]]
    broken["competencies"][2]["required_at"] = ["autonomous", "expert"]
    path = tmp_path / "homecare.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as err:
        load_file(path)
    assert err.value.problems == [
        "homecare.yaml: competencies[2] (HC-03): required_at: unknown level 'expert'"
    ]
