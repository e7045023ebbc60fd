"""A region: each service modelled as one service would be, against its own population, and summed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import samples
from planner.expansion import report
from planner.expansion.projection import project
from planner.expansion.region import RegionError, model_region, region_json, service_seed
from planner.expansion.scenario import load_scenario
from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue

pytestmark = pytest.mark.unit

AS_OF = date(2026, 11, 1)
RUNS = 200


@pytest.fixture(scope="module")
def staff() -> pd.DataFrame:
    data, name = samples.sample_region_bytes()
    return read_roster(data, name, catalogue=load_catalogue()).staff


def _services(rows: list[tuple[str, int, dict]]) -> pd.DataFrame:
    records = [
        {
            "service": s,
            "population": p,
            "eligible_population": pd.NA,
            "sheet": "Services",
            "row": i + 2,
            **extra,
        }
        for i, (s, p, extra) in enumerate(rows)
    ]
    return pd.DataFrame(records)


def _region(staff: pd.DataFrame, rows: list[tuple[str, int, dict]], seed: int = 3):
    return model_region(
        staff, None, _services(rows), load_scenario("status_quo"), as_of=AS_OF, runs=RUNS, seed=seed
    )


def test_region_sums_equal_the_sums_of_its_services(staff: pd.DataFrame) -> None:
    result = _region(
        staff,
        [
            ("North Shore PR", 900_000, {}),
            ("Westmoor PR", 300_000, {"class_size": 10}),
            ("Central PR", 2_000_000, {}),
        ],
    )
    ps = [r.projection for r in result.services]
    t = result.region
    assert t.services == 3
    assert t.required_wte == pytest.approx(sum(p.gap_by_band["required_wte"].sum() for p in ps))
    assert t.in_post_wte == pytest.approx(sum(p.in_post.total for p in ps))
    assert t.in_post_wte == pytest.approx(
        staff[staff["service"].isin(["North Shore PR", "Westmoor PR", "Central PR"])]["wte"].sum()
    )
    assert t.gap_wte == pytest.approx(t.required_wte - t.in_post_wte)
    assert t.funded_wte == pytest.approx(sum(p.establishment.funded_by_band.sum() for p in ps))
    assert t.shortfall_wte == pytest.approx(sum(p.gap_by_band["gap_wte"].clip(lower=0).sum() for p in ps))
    assert t.shortfall_wte >= max(t.gap_wte, 0.0)
    assert t.annual_cost == pytest.approx(sum(p.gap_by_band["required_cost"].sum() for p in ps))
    assert t.weekly_demand == pytest.approx(sum(p.funnel.starts / 52 for p in ps))
    assert t.by_band["required_wte"].sum() == pytest.approx(t.required_wte)
    last = t.trajectory.iloc[-1]
    assert last["required_wte"] == pytest.approx(
        sum(p.trajectory.summary["required_wte"].iloc[-1] for p in ps)
    )
    assert last["in_year"] == pytest.approx(sum(p.costs.by_year["in_year"].iloc[-1] for p in ps))
    assert t.meeting_target == sum(r.meets_target for r in result.services)
    assert t.share_meeting_target == pytest.approx(t.meeting_target / 3)
    # each service modelled against its own population: more people, more required WTE
    req = {r.service: r.projection.requirement.total for r in result.services}
    assert req["Central PR"] > req["North Shore PR"] > req["Westmoor PR"]
    assert result.services[1].projection.inputs.class_size == 10
    assert result.services[0].projection.inputs.class_size != 10


def test_a_two_service_region_equals_two_single_service_runs(staff: pd.DataFrame) -> None:
    result = _region(
        staff, [("Riverside PR", 700_000, {"uptake": 0.5}), ("Hillcrest PR", 650_000, {})], seed=5
    )
    for r, (pop, extra) in zip(result.services, [(700_000, {"uptake": 0.5}), (650_000, {})], strict=True):
        assert r.seed == service_seed(5, r.service)
        alone = project(
            load_scenario("status_quo", population=pop, **extra),
            staff[staff["service"] == r.service],
            as_of=AS_OF,
            runs=RUNS,
            seed=service_seed(5, r.service),
            with_sensitivity=False,
        )
        mine, theirs = report.to_json(r.projection), report.to_json(alone)
        # the same figures; only the set values' sources differ (the Services row, not the default's)
        values = {n: v["value"] for n, v in mine.pop("parameters").items()}
        assert values == {n: v["value"] for n, v in theirs.pop("parameters").items()}
        assert mine == theirs
        assert set(r.set_here) == {"population", *extra}


def test_a_service_does_not_depend_on_the_other_services_in_the_region(staff: pd.DataFrame) -> None:
    a = _region(staff, [("Eastgate PR", 800_000, {}), ("Westmoor PR", 300_000, {})])
    b = _region(staff, [("Central PR", 1_500_000, {}), ("Eastgate PR", 800_000, {})])
    east_a = next(r for r in a.services if r.service == "Eastgate PR")
    east_b = next(r for r in b.services if r.service == "Eastgate PR")
    ja, jb = report.to_json(east_a.projection), report.to_json(east_b.projection)
    # the figures match; the population's source names each table's own row
    assert {n: v["value"] for n, v in ja.pop("parameters").items()} == {
        n: v["value"] for n, v in jb.pop("parameters").items()
    }
    assert ja == jb
    other_seed = _region(staff, [("Eastgate PR", 800_000, {})], seed=4).services[0]
    assert other_seed.seed != east_a.seed


def test_service_seeds_come_from_the_seed_and_the_name_alone() -> None:
    assert service_seed(0, "North Shore PR") == service_seed(0, "North Shore PR")
    assert service_seed(0, "North Shore PR") != service_seed(0, "Riverside PR")
    assert service_seed(0, "North Shore PR") != service_seed(1, "North Shore PR")


def test_region_json_lists_each_single_service_json_and_the_sums(staff: pd.DataFrame) -> None:
    result = _region(staff, [("North Shore PR", 900_000, {}), ("Riverside PR", 700_000, {})])
    out = region_json(result)
    assert list(out) == ["services", "region"]
    assert [s["service"] for s in out["services"]] == ["North Shore PR", "Riverside PR"]
    one = report.to_json(result.services[0].projection)
    assert one["parameters"]["population"]["source"] == "assumption"  # the region's JSON names the row
    one["parameters"]["population"]["source"] = "Services sheet, row 2"
    assert {k: v for k, v in out["services"][0].items() if k not in ("service", "seed")} == one
    region = out["region"]
    assert region["required_wte"]["total"] == pytest.approx(
        sum(s["required_wte"]["total"] for s in out["services"]), abs=1e-3
    )
    assert region["gap_wte"]["shortfall_total"] == pytest.approx(
        sum(s["gap_wte"]["shortfall_total"] for s in out["services"]), abs=1e-3
    )
    assert region["meeting_target"]["services"] == sum(region["meeting_target"]["by_service"].values())


def test_a_service_without_a_population_or_with_a_bad_value_is_refused(staff: pd.DataFrame) -> None:
    bad = _services([("North Shore PR", 900_000, {})]).assign(population=pd.NA)
    with pytest.raises(RegionError, match=r"North Shore PR.*no Population"):
        model_region(staff, None, bad, load_scenario("status_quo"), as_of=AS_OF, runs=0)
    with pytest.raises(RegionError, match=r"Service 'Westmoor PR'.*uptake"):
        _region(staff, [("Westmoor PR", 300_000, {"uptake": 3.0})])
    with pytest.raises(RegionError, match="no services"):
        model_region(staff, None, _services([]), load_scenario("status_quo"), as_of=AS_OF, runs=0)


def test_services_frame_sets_the_services_side_by_side_and_adds_up(staff: pd.DataFrame) -> None:
    from planner.expansion.region import SERVICE_COLUMNS, services_frame

    result = _region(
        staff, [("North Shore PR", 900_000, {}), ("Westmoor PR", 300_000, {"eligible_population": 2000})]
    )
    frame = services_frame(result)
    assert tuple(frame.columns) == SERVICE_COLUMNS
    assert list(frame["service"]) == ["North Shore PR", "Westmoor PR"]
    assert frame.loc[1, "eligible_population"] == pytest.approx(2000)
    assert frame.loc[0, "eligible_population"] == pytest.approx(
        900_000
        * result.services[0].projection.inputs.prevalence
        * result.services[0].projection.inputs.eligible_share
    )
    t = result.region
    for column, total in [
        ("required_wte", t.required_wte),
        ("in_post_wte", t.in_post_wte),
        ("funded_wte", t.funded_wte),
        ("gap_wte", t.gap_wte),
        ("shortfall_wte", t.shortfall_wte),
        ("annual_cost", t.annual_cost),
        ("weekly_capacity", t.weekly_capacity),
    ]:
        assert frame[column].sum() == pytest.approx(total)
    assert int(frame["meets_target"].sum()) == t.meeting_target
    assert frame["chance_of_target"].between(0, 1).all()
    assert not frame.isna().any().any()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picked=st.lists(
        st.sampled_from([n for n, _ in samples.REGION_SERVICES]), min_size=1, max_size=3, unique=True
    ),
    populations=st.lists(st.integers(50_000, 3_000_000), min_size=3, max_size=3),
)
def test_any_region_adds_up_and_keeps_its_order(
    staff: pd.DataFrame, picked: list[str], populations: list[int]
) -> None:
    rows = [(name, pop, {}) for name, pop in zip(picked, populations, strict=False)]
    result = model_region(staff, None, _services(rows), load_scenario("status_quo"), as_of=AS_OF, runs=0)
    assert [r.service for r in result.services] == picked
    ps = [r.projection for r in result.services]
    t = result.region
    assert t.required_wte == pytest.approx(sum(p.requirement.total for p in ps))
    assert t.in_post_wte == pytest.approx(float(staff.loc[staff["service"].isin(picked), "wte"].sum()))
    assert t.shortfall_wte >= max(t.gap_wte, 0.0) - 1e-9
    assert 0.0 <= t.share_meeting_target <= 1.0
    assert not t.trajectory.isna().any().any()
