"""A region of several services: each modelled against its own population, then summed.

:func:`model_region` splits a roster's staff by their Service column and runs, for each service, the
same model as one service (:func:`planner.expansion.projection.project`) on the region's scenario with
that service's own population (or eligible population) and its own overrides from the Services sheet
(:mod:`planner.ingest.services`). The region's figures are sums of the services' (:class:`RegionTotals`);
nothing is re-modelled at the region's level, so the region always adds up to its services.

Seeds. One service alone is modelled with the seed as given, exactly as ``planner project`` does. In a
region each service's Monte Carlo and waiting-list runs are seeded from :func:`service_seed` (the
region's seed and the service's name, through :class:`numpy.random.SeedSequence`), so a service's
figures do not depend on which other services are in the region or in what order they are listed,
and the same service modelled alone with ``seed=service_seed(seed, name)`` gives the same figures.

Memory. Services are modelled one after another; each service's runs are worked in the queue's own
blocks of runs (:mod:`planner.expansion.waiting`), so the peak is one service's arrays whatever the
number of services (the region benchmark records the peak for 200 services).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from planner.expansion import report
from planner.expansion.parameter import ParameterError
from planner.expansion.projection import Projection, project
from planner.expansion.scenario import Scenario, apply_overrides
from planner.expansion.uncertainty import DEFAULT_RUNS, DEFAULT_SEED

#: How a service is judged to meet the waiting-time target, in words (for the JSON and the page).
MEETS_TARGET = (
    "the waiting-time target holds at the end of the horizon (the waiting list's verdict, as for one service)"
)
#: What the region's band shortfall is (a surplus in one service never hides a shortfall in another).
SHORTFALL_BASIS = "sum of each service's band shortfalls"


class RegionError(ParameterError):
    """The region cannot be modelled as given (no services, or a service with no population)."""


def service_seed(seed: int, service: str) -> int:
    """The seed of one service in a region: from the region's seed and the service's name alone."""
    digest = hashlib.sha256(service.encode("utf-8")).digest()
    words = [int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4)]
    return int(np.random.SeedSequence([int(seed), *words]).generate_state(1)[0])


def check_override(name: str, value: Any) -> str | None:
    """Whether ``value`` is acceptable for scenario parameter ``name``: None, or what is wrong, in words."""
    from planner.expansion.defaults import load_defaults

    try:
        apply_overrides(load_defaults(), {name: value})
    except ParameterError as exc:
        return str(exc)
    return None


@dataclass(frozen=True)
class ServiceResult:
    """One service of a region: its name, the seed its runs used, and the single-service projection."""

    service: str
    seed: int
    projection: Projection
    #: Parameter → where the service's own value came from ("Services sheet, row 3: …"), for each it sets.
    set_here: Mapping[str, str] = field(default_factory=dict)

    @property
    def meets_target(self) -> bool:
        """Whether the waiting-time target holds at the horizon (:data:`MEETS_TARGET`)."""
        return self.projection.waiting.verdict == "holds"


@dataclass(frozen=True)
class RegionTotals:
    """The region's sums over its services (WTE, £ a year at the pay data's prices, people a week).

    Attributes:
        services: number of services modelled.
        required_wte, in_post_wte, funded_wte, gap_wte: now; gap is required − in post, net.
        shortfall_wte: the sum of each service's band shortfalls (:data:`SHORTFALL_BASIS`).
        annual_cost, in_post_cost: required and in-post WTE at a full year's cost.
        weekly_referrals, weekly_demand, weekly_capacity: referrals, people joining the list and starts
            the teams can give, a week, now.
        meeting_target: services meeting the waiting-time target (:data:`MEETS_TARGET`).
        share_meeting_target: ``meeting_target`` ÷ ``services``.
        by_band: band, required_wte, in_post_wte, gap_wte, shortfall_wte summed over services.
        trajectory: by year: required, funded, in post and gap WTE, shortfall, required and in-post
            cost, and the cash costs (in_year, full_year, funded) summed over services.
    """

    services: int
    required_wte: float
    in_post_wte: float
    funded_wte: float
    gap_wte: float
    shortfall_wte: float
    annual_cost: float
    in_post_cost: float
    weekly_referrals: float
    weekly_demand: float
    weekly_capacity: float
    meeting_target: int
    share_meeting_target: float
    by_band: pd.DataFrame
    trajectory: pd.DataFrame


@dataclass(frozen=True)
class RegionResult:
    """Every service's projection and the region's sums."""

    scenario: Scenario
    as_of: date
    runs: int
    seed: int
    services: list[ServiceResult]
    region: RegionTotals
    roster_name: str | None = None


def _service_scenario(
    scenario: Scenario, overrides: Mapping[str, Any], service: str, origins: Mapping[str, str]
) -> Scenario:
    """The region's scenario with the service's own values, each labelled with where it came from."""
    try:
        own = scenario.with_overrides(**dict(overrides))
    except ParameterError as exc:
        raise RegionError(f"Service '{service}': {exc}", exc.name) from None
    params = dict(own.parameters)
    for name, origin in origins.items():
        if name in params:  # set by this service: its source is the Services row, not the default's
            params[name] = replace(params[name], status="A", source=origin, assumption=origin, note=None)
    return replace(own, parameters=params)


def service_origins(services: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Service → parameter → where its value came from: "Services sheet, row N" and the row's notes.

    Dotted values (``waiting_list_by_weeks.12-18``) are labelled under their parameter's name.
    """
    out: dict[str, dict[str, str]] = {}
    overrides = service_overrides(services)
    for record in services.to_dict("records"):
        service = str(record["service"])
        sheet, row, notes = record.get("sheet"), record.get("row"), record.get("notes")
        where = str(sheet) if sheet else "Services table"
        where = where if where.endswith(("sheet", "page")) else f"{where} sheet"
        if row is not None and row is not pd.NA and row == row:
            where += f", row {int(row)}"
        if isinstance(notes, str) and notes.strip():
            where += f": {notes.strip()}"
        names = {k.split(".")[0] for k in overrides.get(service, {})}
        out[service] = {n: where for n in sorted(names)}
    return out


def service_overrides(services: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Service → its scenario overrides, from a Services table (``ServicesRead.table``'s columns).

    Population and eligible population are overrides like any other; blank cells are left out.
    """
    skip = {"service", "sheet", "row", "notes"}
    out: dict[str, dict[str, Any]] = {}
    for record in services.to_dict("records"):
        values: dict[str, Any] = {}
        for key, value in record.items():
            if (
                key in skip
                or value is None
                or value is pd.NA
                or (isinstance(value, float) and value != value)
            ):
                continue
            value = value.item() if hasattr(value, "item") else value
            values[key] = int(value) if isinstance(value, float) and value.is_integer() else value
        out[str(record["service"])] = values
    return out


def model_region(
    staff: pd.DataFrame,
    records: pd.DataFrame | None,
    services: pd.DataFrame,
    scenario: Scenario,
    *,
    as_of: date,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    roster_name: str | None = None,
    with_sensitivity: bool = False,
    hold_establishment: bool = False,
) -> RegionResult:
    """Model every service of a region against its own population and sum them.

    Args:
        staff: ``RosterRead.staff`` with its ``service`` column (staff names are not read).
        records: the roster's competency records; the workforce model does not read them (they are
            accepted so a caller can hand over a roster's tables as read).
        services: one row per service: ``service``, ``population`` and/or ``eligible_population``, and
            any scenario parameter by name (``ServicesRead.table``); its order is the output's order.
        scenario: the region's scenario; each service's row overrides it.
        as_of: the model date.
        runs: Monte Carlo runs per service (0 skips the Monte Carlo).
        seed: the region's seed; each service's is :func:`service_seed` of it.
        roster_name: the roster's display name, for the JSON.
        with_sensitivity: run each service's one-at-a-time sensitivity too (off by default: the
            region's figures do not use it and it costs about half as much again).
        hold_establishment: keep each service's establishment at the first year's ("do nothing").

    Raises:
        RegionError: no services, a service with no population, or a value the scenario refuses.
    """
    del records  # not an input of the workforce model
    overrides = service_overrides(services)
    origins = service_origins(services)
    if not overrides:
        raise RegionError("The region has no services to model: the Services table is empty.")
    results: list[ServiceResult] = []
    for service, values in overrides.items():
        if "population" not in values and "eligible_population" not in values:
            raise RegionError(f"Service '{service}' has no Population or Eligible population.")
        own = staff[staff["service"].astype(str) == service]
        s = service_seed(seed, service)
        p = project(
            _service_scenario(scenario, values, service, origins.get(service, {})),
            own,
            as_of=as_of,
            runs=runs,
            seed=s,
            roster_name=roster_name,
            with_sensitivity=with_sensitivity,
            hold_establishment=hold_establishment,
        )
        results.append(ServiceResult(service, s, p, origins.get(service, {})))
    return RegionResult(scenario, as_of, runs, seed, results, totals(results), roster_name)


def totals(results: list[ServiceResult]) -> RegionTotals:
    """The region's sums over its services' projections."""
    ps = [r.projection for r in results]
    bands = pd.concat([p.gap_by_band[["band", "required_wte", "in_post_wte", "gap_wte"]] for p in ps])
    bands = bands.assign(shortfall_wte=bands["gap_wte"].clip(lower=0.0))
    by_band = bands.groupby("band", sort=False, as_index=False).sum()
    traj_cols = [
        "required_wte",
        "funded_wte",
        "in_post_wte",
        "gap_wte",
        "shortfall_wte",
        "required_cost",
        "in_post_cost",
    ]
    years = pd.concat([p.trajectory.summary[["year", *traj_cols]] for p in ps])
    traj = years.groupby("year", sort=False, as_index=False).sum()
    if all(p.costs is not None for p in ps):
        money = pd.concat([p.costs.by_year[["year", "in_year", "full_year", "funded"]] for p in ps])  # type: ignore[union-attr]
        traj = traj.merge(money.groupby("year", sort=False, as_index=False).sum(), on="year", how="left")
    meeting = sum(r.meets_target for r in results)
    return RegionTotals(
        services=len(results),
        required_wte=float(sum(p.gap_by_band["required_wte"].sum() for p in ps)),
        in_post_wte=float(sum(p.gap_by_band["in_post_wte"].sum() for p in ps if p.in_post is not None)),
        funded_wte=float(
            sum(p.establishment.funded_by_band.sum() for p in ps if p.establishment is not None)
        ),
        gap_wte=float(sum(p.gap_by_band["gap_wte"].sum() for p in ps if p.in_post is not None)),
        shortfall_wte=float(
            sum(p.gap_by_band["gap_wte"].clip(lower=0.0).sum() for p in ps if p.in_post is not None)
        ),
        annual_cost=float(sum(p.gap_by_band["required_cost"].sum() for p in ps)),
        in_post_cost=float(sum(p.gap_by_band["in_post_cost"].sum() for p in ps if p.in_post is not None)),
        weekly_referrals=float(sum(p.funnel.referrals / 52 for p in ps)),
        weekly_demand=float(sum(p.funnel.starts / 52 for p in ps)),
        weekly_capacity=float(sum(float(p.waiting.weeks["capacity"].iloc[0]) for p in ps)),
        meeting_target=int(meeting),
        share_meeting_target=meeting / len(results) if results else 0.0,
        by_band=by_band,
        trajectory=traj,
    )


#: Columns of :func:`services_frame`, in order (numbers in WTE, £ a year, people a week, a share 0–1).
SERVICE_COLUMNS: tuple[str, ...] = (
    "service",
    "population",
    "eligible_population",
    "required_wte",
    "in_post_wte",
    "funded_wte",
    "gap_wte",
    "shortfall_wte",
    "annual_cost",
    "in_post_cost",
    "weekly_demand",
    "weekly_capacity",
    "verdict",
    "meets_target",
    "chance_of_target",
)


def services_frame(result: RegionResult) -> pd.DataFrame:
    """The services side by side, one row per service (:data:`SERVICE_COLUMNS`), as the CLI prints them.

    ``eligible_population`` is the one the model used (entered, or population × prevalence × eligible
    share); ``verdict`` is the waiting list's (``holds``, ``reached_then_slips``, ``not_reached``);
    ``chance_of_target`` is the chance of the waiting-time target in the target year, from the service's
    Monte Carlo (or its waiting runs when the Monte Carlo was skipped). Staff figures (in post, in-post
    cost) are the roster's; a page or pack that shows them by service suppresses small numbers itself.
    """
    rows = []
    for r in result.services:
        p = r.projection
        has_team = p.in_post is not None
        band = p.gap_by_band
        rows.append(
            {
                "service": r.service,
                "population": int(p.inputs.population),
                "eligible_population": float(p.funnel.eligible),
                "required_wte": float(band["required_wte"].sum()),
                "in_post_wte": float(band["in_post_wte"].sum()) if has_team else 0.0,
                "funded_wte": float(p.establishment.funded_by_band.sum()) if p.establishment else 0.0,
                "gap_wte": float(band["gap_wte"].sum()) if has_team else 0.0,
                "shortfall_wte": float(band["gap_wte"].clip(lower=0.0).sum()) if has_team else 0.0,
                "annual_cost": float(band["required_cost"].sum()),
                "in_post_cost": float(band["in_post_cost"].sum()) if has_team else 0.0,
                "weekly_demand": float(p.funnel.starts / 52),
                "weekly_capacity": float(p.waiting.weeks["capacity"].iloc[0]),
                "verdict": str(p.waiting.verdict),
                "meets_target": r.meets_target,
                "chance_of_target": float(p.wait_chance.iloc[-1]),
            }
        )
    return pd.DataFrame(rows, columns=list(SERVICE_COLUMNS))


def region_json(result: RegionResult) -> dict[str, Any]:
    """The region as ``planner project --json`` prints it.

    ``services`` lists each service's single-service JSON (:func:`planner.expansion.report.to_json`)
    with its ``service`` name and ``seed``; ``region`` holds the sums, rounded as the single-service JSON.
    """
    services = []
    for r in result.services:
        one = report.to_json(r.projection)
        for name, origin in r.set_here.items():  # a service's own value: sourced to its Services row
            if name in one.get("parameters", {}):
                one["parameters"][name]["source"] = origin
        services.append({"service": r.service, "seed": r.seed, **one})
    t = result.region
    kept = t.by_band[(t.by_band["required_wte"] > 0) | (t.by_band["in_post_wte"] > 0)]

    def by_band(column: str) -> dict[str, float]:
        return {str(b): round(float(v), 4) for b, v in zip(kept["band"], kept[column], strict=True)}

    region = {
        "services": t.services,
        "required_wte": {"total": round(t.required_wte, 4), "by_band": by_band("required_wte")},
        "in_post_wte": {"total": round(t.in_post_wte, 4), "by_band": by_band("in_post_wte")},
        "funded_wte": {"total": round(t.funded_wte, 4)},
        "gap_wte": {
            "total": round(t.gap_wte, 4),
            "shortfall_total": round(t.shortfall_wte, 4),
            "shortfall_basis": SHORTFALL_BASIS,
            "by_band": by_band("gap_wte"),
        },
        "annual_cost": {"total": round(t.annual_cost, 2), "in_post_total": round(t.in_post_cost, 2)},
        "weekly_referrals": round(t.weekly_referrals, 4),
        "weekly_demand_joining_list": round(t.weekly_demand, 4),
        "weekly_capacity": round(t.weekly_capacity, 4),
        "meeting_target": {
            "services": t.meeting_target,
            "share": round(t.share_meeting_target, 4),
            "basis": MEETS_TARGET,
            "by_service": {r.service: r.meets_target for r in result.services},
        },
        "trajectory": [
            {k: (v if k == "year" else round(float(v), 4)) for k, v in row.items()}
            for row in t.trajectory.to_dict("records")
        ],
        "seeds": "each service's runs are seeded from the region's seed and the service's name",
    }
    return {"services": services, "region": region}
