"""The framework loader: valid files load into tables; every schema problem names file, entry, field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner.reference import frameworks
from planner.reference.errors import ReferenceDataError
from planner.reference.frameworks import (
    expectation_class,
    level_matrix,
    load_dir,
    load_file,
)

pytestmark = pytest.mark.unit

GOOD = {
    "id": "tiny",
    "title": "Tiny framework",
    "level_basis": "band",
    "source": {"title": "T", "publisher": "P", "document": "d.txt", "version": "v1", "date": "2025-01"},
    "levels": [{"id": "b3", "label": "Band 3", "afc_bands": ["3"]}, {"id": "b5", "label": "Band 5"}],
    "domains": [{"id": "clin", "label": "Clinical"}, {"id": "res", "label": "Research"}],
    "areas": [{"id": "ex", "label": "Exercise"}, {"id": "audit", "label": "Audit"}],
    "competencies": [
        {
            "id": "T-1",
            "text": "assists  with\nwarm ups",
            "domain": "clin",
            "area": "ex",
            "required_at": ["b3"],
            "expectation": {"b3": "Assists with"},
        },
        {
            "id": "T-2",
            "text": "prescribes exercise",
            "domain": "clin",
            "area": "ex",
            "required_at": ["b3", "b5"],
            "expectation": {"b5": "Leads on"},
            "renewal_months": 12,
        },
        {"id": "T-3", "text": "audit", "domain": "res", "area": "audit", "required_at": ["b5"]},
    ],
}


def write(tmp_path: Path, doc: dict, name: str = "tiny.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_valid_file_builds_tables(tmp_path: Path) -> None:
    fw = load_file(write(tmp_path, GOOD))
    assert list(fw.levels["level_id"]) == ["b3", "b5"]
    assert list(fw.levels["rank"]) == [0, 1]
    assert fw.competencies.loc[0, "text"] == "assists with warm ups"  # whitespace folded
    req = fw.requirements
    assert list(zip(req["competency_id"], req["level_id"], strict=True)) == [
        ("T-1", "b3"),
        ("T-2", "b3"),
        ("T-2", "b5"),
        ("T-3", "b5"),
    ]
    assert (
        req.loc[(req["competency_id"] == "T-2") & (req["level_id"] == "b5"), "expectation_class"].item()
        == "leads"
    )
    assert req.loc[(req["competency_id"] == "T-3"), "expectation"].isna().all()
    as_json = fw.to_dict()
    assert as_json["levels"] == [{"id": "b3", "label": "Band 3"}, {"id": "b5", "label": "Band 5"}]
    t2 = next(c for c in as_json["competencies"] if c["id"] == "T-2")
    assert t2["required_at"] == ["b3", "b5"]
    assert t2["expectation"] == {"b3": None, "b5": "Leads on"}
    assert t2["renewal_months"] == 12


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["competencies"][0].update(domain="nope"),
            "tiny.yaml: competencies[0] (T-1): domain: unknown domain 'nope'",
        ),
        (
            lambda d: d["competencies"][1].update(id="T-1"),
            "tiny.yaml: competencies[1] (T-1): id: duplicate id",
        ),
        (
            lambda d: d["competencies"][2].update(required_at=["b9"]),
            "tiny.yaml: competencies[2] (T-3): required_at: unknown level 'b9'",
        ),
        (
            lambda d: d["competencies"][0].update(expectation={"b5": "Leads on"}),
            "tiny.yaml: competencies[0] (T-1): expectation: level 'b5' is not in required_at",
        ),
        (lambda d: d["source"].pop("version"), "tiny.yaml: source: version: required field is missing"),
        (
            lambda d: d["competencies"][0].update(text=" "),
            "tiny.yaml: competencies[0] (T-1): text: the source's wording is required",
        ),
        (
            lambda d: d["competencies"][0].update(renewal_months=0),
            "tiny.yaml: competencies[0] (T-1): renewal_months: expected a positive whole number of months",
        ),
        (
            lambda d: d["levels"][1].pop("label"),
            "tiny.yaml: levels[1] (b5): label: required field is missing",
        ),
    ],
)
def test_each_problem_names_file_entry_and_field(tmp_path: Path, mutate, expected: str) -> None:
    doc = yaml.safe_load(yaml.safe_dump(GOOD))
    mutate(doc)
    with pytest.raises(ReferenceDataError) as err:
        load_file(write(tmp_path, doc))
    assert expected in err.value.problems


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    doc = yaml.safe_load(yaml.safe_dump(GOOD))
    doc["competencies"][0]["domain"] = "x"
    doc["competencies"][1]["area"] = "y"
    doc["source"].pop("date")
    with pytest.raises(ReferenceDataError) as err:
        load_file(write(tmp_path, doc))
    assert len(err.value.problems) == 3


def test_unparseable_yaml_is_a_framework_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"bad.yaml: \(file\): \(parse\)"):
        load_file(path)


def test_derived_framework_maps_parent_statements(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    derived = {
        "id": "funcs",
        "title": "Functions",
        "level_basis": "function",
        "derives_from": "tiny",
        "interpretation": "Our mapping.",
        "source": {"title": "F", "publisher": "P", "document": "f.txt", "version": "v", "date": "2023"},
        "levels": [{"id": "supporting", "label": "Supporting"}, {"id": "delivering", "label": "Delivering"}],
        "domains": [],
        "mapping": [
            {"competency": "T-1", "levels": ["supporting", "delivering"], "rule": "R1"},
            {"competency": "T-3", "levels": [], "rule": "R2"},
        ],
    }
    write(tmp_path, derived, "funcs.yaml")
    loaded = load_dir(tmp_path)
    fw = loaded["funcs"]
    assert list(fw.competencies["competency_id"]) == ["T-1"]
    assert list(fw.requirements["level_id"]) == ["supporting", "delivering"]
    assert list(fw.requirements["expectation"]) == ["Assists with", "Assists with"]
    derived["mapping"][0]["competency"] = "T-99"
    write(tmp_path, derived, "funcs.yaml")
    with pytest.raises(ReferenceDataError, match=r"mapping\[0\] \(T-99\): competency: not in tiny"):
        load_dir(tmp_path)


@pytest.mark.parametrize(
    ("verb", "cls"),
    [
        ("Is aware of", "aware"),
        ("Is aware of and understands", "understands"),
        ("Assists with", "assists"),
        ("With assistance is", "assists"),
        ("Demonstrates", "demonstrates"),
        ("Demonstrates able to", "demonstrates"),
        ("Demonstrates the ability to", "demonstrates"),
        ("With assistance can apply", "assists"),
        ("Can assist with", "assists"),
        ("Conduct", "conducts"),
        (float("nan"), None),
        ("Leads on", "leads"),
        ("Demonstrate and leads on", "leads"),
        (None, None),
    ],
)
def test_expectation_classes(verb: str | None, cls: str | None) -> None:
    assert expectation_class(verb) == cls


def test_level_matrix_marks_verbs_and_bare_marks(tmp_path: Path) -> None:
    fw = load_file(write(tmp_path, GOOD))
    m = level_matrix(fw).set_index("competency_id")
    assert m.loc["T-1", "Band 3"] == "Assists with"
    assert m.loc["T-1", "Band 5"] == ""
    assert m.loc["T-3", "Band 5"] == "✓"
    assert m.loc["T-2", "area"] == "Exercise"


def test_shipped_frameworks_all_load() -> None:
    loaded = frameworks.load_all()
    assert {"bts", "london", "homecare", "primary_care", "cross_cutting"} <= set(loaded)
    for fw in loaded.values():
        assert fw.source["document"] and fw.source["version"] and fw.source["date"]
        assert len(fw.requirements) > 0
