"""The competency catalogue is passed into the ingest; a broken framework file fails where it is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.ingest.known import level_lookup, match_competency
from planner.ingest.read import read_roster
from planner.reference import frameworks
from planner.reference.catalogue import EMPTY_CATALOGUE, competency_catalogue, load_catalogue
from planner.reference.errors import ReferenceDataError

pytestmark = pytest.mark.unit

CSV = b"Staff ID,Band,WTE,Basic life support,Career level\n1,5,1,yes,Enhanced\n"


def test_catalogue_holds_the_shipped_statements_and_named_levels() -> None:
    catalogue = load_catalogue()
    homecare = frameworks.get("homecare")
    assert {"XC-01", *homecare.competencies["competency_id"]} <= {cid for cid, _ in catalogue.competencies}
    assert catalogue.level_ids("career_level") == tuple(homecare.levels["level_id"])
    assert set(level_lookup(catalogue, "career_level").values()) == set(homecare.levels["level_id"])


def test_the_catalogue_given_decides_what_a_column_is() -> None:
    known = read_roster(CSV, "t.csv", catalogue=load_catalogue())
    assert known.competencies["competency_id"].tolist() == ["XC-01"]
    bare = read_roster(CSV, "t.csv", catalogue=EMPTY_CATALOGUE)
    assert match_competency("Basic life support", EMPTY_CATALOGUE) is None
    assert bare.competencies.empty  # one "yes" is too little to call an unknown column a competency
    assert bare.mapping.set_index("column").loc["Basic life support", "how"] == "not recognised"
    assert bare.staff.loc[0, "career_level"] == "enhanced"  # the built-in career levels still apply


def test_a_broken_framework_file_raises_its_own_error_when_the_catalogue_is_built(tmp_path: Path) -> None:
    for path in frameworks.FRAMEWORK_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "cross_cutting.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("levels:", "levelz:", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"cross_cutting\.yaml"):
        competency_catalogue(frameworks.load_dir(tmp_path))
