"""Golden tables for the sample team: coverage, capability, skill mix and cost, reviewed as diffs.

The sample team (data/samples/sample_team.xlsx, synthetic) is read through the real ingest and judged
on the sample's own date. Each table is written as CSV with floats rounded to 4 decimal places and
compared with tests/integration/golden/<name>.csv. After an intended change, regenerate with
``PLANNER_REGEN_GOLDEN=1 .venv/bin/pytest tests/integration/test_golden_sample.py`` and review
``git diff tests/integration/golden``.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from planner import coverage, samples
from planner.coverage.capability import expiring, single_points_of_failure, team_capability
from planner.coverage.pdp import development_plan
from planner.ingest.read import read_roster
from planner.reference import frameworks
from planner.reference.catalogue import load_catalogue
from planner.skillmix import mix as skillmix
from planner.views.coverage import with_who_as_text

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.integration

GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("PLANNER_REGEN_GOLDEN") == "1"
AS_OF = samples.SAMPLE_AS_OF
GROUP_COLUMNS = ["people", "wte", *coverage.COUNT_COLUMNS, "coverage", "coverage_wte"]


@cache
def roster():
    return read_roster(*samples.sample_team_bytes(), catalogue=CATALOGUE)


@cache
def st(framework_id: str) -> pd.DataFrame:
    r = roster()
    return coverage.statuses(r.staff, r.competencies, frameworks.get(framework_id), AS_OF)


def to_csv(df: pd.DataFrame) -> str:
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(4)
    return out.to_csv(index=False, lineterminator="\n")


def check(name: str, table: pd.DataFrame) -> None:
    path = GOLDEN / f"{name}.csv"
    text = to_csv(table)
    if REGEN or not path.exists():
        if not REGEN:
            pytest.fail(f"No golden file {path.name}; run with PLANNER_REGEN_GOLDEN=1 and review it.")
        path.write_text(text, encoding="utf-8")
        return
    want = path.read_text(encoding="utf-8")
    if text != want:
        diff = difflib.unified_diff(
            want.splitlines(), text.splitlines(), f"golden/{name}.csv", "now", lineterm=""
        )
        pytest.fail(
            "Golden table changed (regenerate with PLANNER_REGEN_GOLDEN=1 if intended):\n"
            + "\n".join(list(diff)[:60])
        )


FRAMEWORKS = ["bts", "london", "homecare", "primary_care", "cross_cutting"]


def _group(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    labels = [f"{k}_label" for k in keys]
    return table[[*keys, *labels, *GROUP_COLUMNS]]


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
@pytest.mark.parametrize(
    ("table", "make"),
    [
        ("by_band", lambda s: _group(coverage.by_band(s), ["band"])),
        ("by_function", lambda s: _group(coverage.by_function(s), ["function"])),
        ("by_domain", lambda s: _group(coverage.by_domain(s), ["domain_id"])),
    ],
)
def test_coverage_tables(framework_id: str, table: str, make: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    check(f"{framework_id}_{table}", make(st(framework_id)))


def test_band_function_domain_nonempty_cells() -> None:
    cube = coverage.by_band_function_domain(st("bts"))
    check("bts_band_function_domain", _group(cube[cube["required"] > 0], ["band", "function", "domain_id"]))


def test_team_capability() -> None:
    cap = team_capability(
        st("bts"), frameworks.get("bts"), coverage.cross_cutting_framework(), staff=roster().staff
    )
    check("bts_team_capability", with_who_as_text(cap).drop(columns=["source"]))


def test_single_points_of_failure_and_expiring() -> None:
    check("bts_single_points_of_failure", with_who_as_text(single_points_of_failure(st("bts"))))
    exp = expiring(st("bts"), AS_OF, 90)
    check("bts_expiring", exp.assign(expires_on=exp["expires_on"].dt.strftime("%Y-%m-%d")))


def test_holders() -> None:
    check("bts_holders", coverage.holders(st("bts")))


def test_development_plan_of_first_person() -> None:
    first = sorted(roster().staff["staff_id"])[0]
    check("bts_development_plan_first_person", development_plan(st("bts"), first))


def test_skill_mix_tables() -> None:
    staff = roster().staff
    for by in ("band", "function", "profession", "registration"):
        check(f"skillmix_by_{by}", skillmix.wte_headcount(staff, by))
    check("skillmix_cost_mid_employer", skillmix.mix_cost(staff))
    check(
        "skillmix_substitutions",
        skillmix.substitution_table(fw=frameworks.get("bts")).drop(columns=["quote", "source"]),
    )
    share = skillmix.registered_share(staff)
    check(
        "skillmix_registered_share",
        pd.DataFrame([{k: v for k, v in share.items() if k != "registered_kinds"}]),
    )


def test_golden_totals_agree_with_each_other() -> None:
    """Cross-checks that hold whatever the sample: bands, functions and domains all sum to the total."""
    s = st("bts")
    total = coverage.overall(s)["required"]
    assert coverage.by_band(s)["required"].sum() == total
    assert coverage.by_function(s)["required"].sum() == total
    assert coverage.by_domain(s)["required"].sum() == total
    assert skillmix.wte_headcount(roster().staff, "band")["wte"].sum() == pytest.approx(
        roster().staff["wte"].sum()
    )
