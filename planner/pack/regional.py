"""The regional business case: a pack for a roster of several services, with small numbers hidden.

:func:`build_regional_pack` models every service against its own population
(:func:`planner.expansion.region.model_region`), reads the Region page's own view-model
(:func:`planner.views.region.region_view`) and writes, in one ZIP:

* ``regional_business_case.xlsx``: Summary (the region's headline), Services (side by side, suppressed),
  Ranking (suppressed), Trajectory (the region's WTE and cost by year, with native Excel charts) and
  Parameters (the scenario with its sources; a value every service sets reads "set per service") and
  Per-service values (each service's own values, sourced to its Services row);
* ``regional_business_case.docx``: the same, with the ranking chart and the assumptions;
* ``charts/region-ranking`` and ``charts/region-trajectory`` (PNG and SVG) where Chromium is installed; ``scenario.yaml``; ``README.txt``.

Every table of staff figures goes through :mod:`planner.export.suppress` (counts of people from 1 to the
threshold shown as ``*`` with their WTE and cost, and secondary suppression). The files are written by
the same builders as the single-service pack (:func:`planner.export.write_sheet`,
:func:`planner.export.add_native_chart`, :func:`planner.export.docx_report`, :func:`planner.export.zip_bytes`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from planner import export
from planner.charts.region import ranking_chart, trajectory_chart
from planner.expansion import uncertainty
from planner.expansion.region import RegionResult, model_region
from planner.expansion.scenario import Scenario
from planner.expansion.words import value_words
from planner.export.suppress import DEFAULT_THRESHOLD, SYMBOL, check_threshold, rule_words
from planner.ingest.read import RosterRead
from planner.pack.contents import long_date
from planner.pack.expansion import assumptions_table, parameters_sheet
from planner.pack.sources import readable_table
from planner.views import region as rv

__all__ = ["RegionalPack", "build_regional_pack", "per_service_values", "regional_tables"]

XLSX = "regional_business_case.xlsx"
DOCX = "regional_business_case.docx"
TITLE = "Regional business case: pulmonary rehabilitation workforce"
#: Trajectory columns drawn from the staff in post (hidden when the region's own count of people is).
_IN_POST_TRAJECTORY = (
    "In post WTE",
    "Gap WTE",
    "Shortfall WTE",
    "In post cost (£ a year)",
    "Team cost in the year (£)",
)


@dataclass(frozen=True)
class RegionalPack:
    """The built regional pack: ZIP bytes, file name, ``(member, size)`` rows and warnings."""

    data: bytes
    filename: str
    members: list[tuple[str, int]]
    warnings: list[str] = field(default_factory=list)


def _trajectory(result: RegionResult) -> pd.DataFrame:
    t = result.region.trajectory
    out = pd.DataFrame(
        {
            "Year": t["year"].astype(str),
            "Required WTE": t["required_wte"].round(2),
            "Funded establishment WTE": t["funded_wte"].round(2),
            "In post WTE": t["in_post_wte"].round(2),
            "Gap WTE": t["gap_wte"].round(2),
            "Shortfall WTE": t["shortfall_wte"].round(2),
            "Required cost (£ a year)": t["required_cost"].round(0),
            "In post cost (£ a year)": t["in_post_cost"].round(0),
        }
    )
    if "in_year" in t.columns:
        out["Team cost in the year (£)"] = t["in_year"].round(0)
        out["Funded establishment cost (£ a year)"] = t["funded"].round(0)
    return out


#: What the region's Parameters sheet shows for a value every service sets for itself.
SET_PER_SERVICE = "set per service"
PER_SERVICE_COLUMNS = ["Service", "Parameter", "Value", "Source"]


def per_service_values(result: RegionResult) -> pd.DataFrame:
    """Each value a service sets for itself (its Services row): service, parameter, value and source."""
    rows = []
    for r in result.services:
        params = r.projection.scenario.parameters
        for name, origin in r.set_here.items():
            p = params[name]
            rows.append((r.service, p.label, value_words(p, p.value), origin))
    return pd.DataFrame(rows, columns=PER_SERVICE_COLUMNS)


def _set_everywhere(result: RegionResult) -> set[str]:
    """Parameters every service sets for itself, so the region's own value is used by none."""
    sets = [set(r.set_here) for r in result.services]
    return set.intersection(*sets) if sets else set()


def _mark_per_service(table: pd.DataFrame, result: RegionResult, value_columns: list[str]) -> pd.DataFrame:
    """The region's parameters with each value no service used shown as "set per service"."""
    params = [result.scenario.parameters[n] for n in _set_everywhere(result)]
    labels = {p.label for p in params} | {p.display_label() for p in params}
    out = table.astype(object).copy()
    hit = out["Parameter"].isin(labels)
    for col in value_columns:
        if col in out.columns:
            out.loc[hit, col] = SET_PER_SERVICE
    source = out.columns[-1]
    out.loc[hit, source] = "Each service's own value: see the per-service values."
    return out


def regional_tables(
    result: RegionResult, staff: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD
) -> tuple[rv.RegionView, dict[str, pd.DataFrame]]:
    """The region's view and every table the regional pack writes, suppressed at ``threshold``.

    Returns:
        The view, and ``Summary``, ``Services``, ``Ranking``, ``Trajectory``, ``Parameters`` (the
        region's scenario; a value every service sets for itself reads "set per service") and
        ``Per-service values`` tables.
    """
    t = check_threshold(threshold)
    view = rv.region_view(result, staff)
    services = rv.suppressed_table(view, t)
    region = services.iloc[-1]
    trajectory = _trajectory(result)
    ranking = rv.suppressed_ranking(view, t)
    ranked = ranking[ranking["Rank"] != rv.NOT_RANKED]
    top = str(ranked[rv.SERVICE].iloc[0]) if len(ranked) else "not shown: every service has small numbers"
    if region[rv.PEOPLE] == SYMBOL:  # the whole region is a handful of people: its projections too
        trajectory = trajectory.astype(object)
        for col in _IN_POST_TRAJECTORY:
            if col in trajectory.columns:
                trajectory[col] = SYMBOL
    summary = pd.DataFrame(
        [
            ("Services modelled", str(len(view.services)), "Each against its own population."),
            ("Required WTE now", f"{result.region.required_wte:,.1f}", "Modelled: sum over services."),
            ("People in post", str(region[rv.PEOPLE]), rule_words(t)),
            ("In-post WTE", str(region[rv.IN_POST]), "From the roster."),
            ("Shortfall WTE", str(region[rv.SHORTFALL]), "Sum of each service's band shortfalls."),
            (
                "Services meeting the waiting-time target",
                f"{result.region.meeting_target} of {result.region.services}",
                f"Target: {view.target}.",
            ),
            ("Required cost (£ a year)", f"£{result.region.annual_cost:,.0f}", "At the pay data's prices."),
            ("Where investment does most", top, view.ranked_by),
        ],
        columns=["Measure", "Value", "Caption or note"],
    )
    return view, {
        "Summary": summary,
        "Services": services,
        "Ranking": ranking,
        "Trajectory": trajectory,
        "Parameters": _mark_per_service(
            parameters_sheet(result.scenario),
            result,
            ["Value", "Value in words", "Unit", "Status", "Assumption"],
        ),
        "Per-service values": per_service_values(result),
    }


def _workbook(tables: dict[str, pd.DataFrame], notes: dict[str, list[str]], title: str) -> bytes:
    buffer = io.BytesIO()
    wb = export.new_workbook(buffer)
    for name, df in tables.items():
        ws, table = export.write_sheet(
            wb,
            name,
            readable_table(df),
            title=f"{name}: {title}",
            notes=notes.get(name),
            table_name=f"Region{name.replace('-', '').replace(' ', '')}",
        )
        if name == "Trajectory" and SYMBOL not in set(df["In post WTE"].astype(object)):
            export.add_native_chart(
                wb,
                ws,
                df,
                "line",
                "Year",
                ["Required WTE", "In post WTE", "Gap WTE"],
                "The region: required, in post and gap by year (WTE)",
                "WTE",
                f"A{table.header_row + table.n_rows + len(notes.get(name) or []) + 4}",
                x_title="Financial year",
            )
    wb.close()
    return buffer.getvalue()


def build_regional_pack(
    roster: RosterRead,
    scenario: Scenario,
    services: pd.DataFrame,
    *,
    as_of: date,
    threshold: int = DEFAULT_THRESHOLD,
    runs: int = uncertainty.DEFAULT_RUNS,
    seed: int = uncertainty.DEFAULT_SEED,
    roster_name: str = "the region",
) -> RegionalPack:
    """Build the regional business case for a roster of several services.

    Args:
        roster: the accepted roster (its ``service`` column names the services).
        scenario: the region's scenario; each service's row in ``services`` overrides it.
        services: the engine's Services table (``ServicesRead.table`` or the Region page's).
        as_of: the model date (pass it in; nothing reads the clock).
        threshold: small-number threshold (5, 7 or 10).
        runs: Monte Carlo runs per service.
        seed: the region's seed.
        roster_name: what the pack calls the region.

    Raises:
        RegionError: a service without a population, or a value the scenario refuses.
        SuppressionError: a threshold other than 5, 7 or 10.
    """
    check_threshold(threshold)
    result = model_region(roster.staff, None, services, scenario, as_of=as_of, runs=runs, seed=seed)
    view, tables = regional_tables(result, roster.staff, threshold)
    rule = rule_words(threshold)
    notes = {
        "Summary": ["Aggregates only: no names or staff ids.", rule],
        "Services": [
            rule,
            "Funded establishment is set from the requirement (modelled), so it is not hidden.",
        ],
        "Ranking": [view.ranked_by, rule],
        "Trajectory": [
            "The region's sums over its services, by financial year, at the pay data's prices.",
            rule,
        ],
        "Parameters": [
            "The region's scenario; a value every service sets for itself reads 'set per service'; each "
            "service's own values are on the Per-service values sheet."
        ],
        "Per-service values": ["The values each service's row sets, in place of the region's scenario."],
    }
    warnings: list[str] = []
    ranking = tables["Ranking"]
    caption = f"Where investment does most. {view.ranked_by}"
    images: dict[str, bytes] = {}
    traj = tables["Trajectory"]
    traj_caption = "The region's required, funded and in-post WTE by financial year (sums over its services)."
    figures_by_key = {
        "region-ranking": (ranking_chart(ranking[rv.SERVICE], ranking[rv.SHORTFALL]), caption),
        "region-trajectory": (
            trajectory_chart(
                traj["Year"], traj["Required WTE"], traj["Funded establishment WTE"], traj["In post WTE"]
            ),
            traj_caption,
        ),
    }
    if export.browser_path() is not None:
        try:
            for key, (fig, alt) in figures_by_key.items():
                images[f"charts/{key}.png"] = export.figure_png(fig, width=1000, height=600, scale=2)
                images[f"charts/{key}.svg"] = export.figure_svg(fig, width=1000, height=600, alt=alt)
        except export.ExportUnavailable as exc:
            warnings.append(f"The charts could not be drawn ({exc}); the pack has no chart images.")
            images = {}
    else:
        warnings.append("Chromium was not found, so the pack has no chart image.")
    xlsx = _workbook(tables, notes, f"{roster_name}, {long_date(as_of)}")
    figures = [export.Figure(images["charts/region-ranking.png"], caption)] if images else []
    traj_figures = [export.Figure(images["charts/region-trajectory.png"], traj_caption)] if images else []
    sections = [
        export.Section(
            "The region",
            paragraphs=[rv.suppressed_headline(view, threshold), rule],
            tables=[export.Table(tables["Summary"], "Key figures")],
        ),
        export.Section(
            "Services side by side",
            paragraphs=["Each service modelled against its own population with the region's scenario."],
            tables=[
                export.Table(
                    readable_table(tables["Services"]), "Services side by side (small numbers hidden)"
                )
            ],
        ),
        export.Section(
            "Where investment does most",
            paragraphs=[view.ranked_by],
            figures=figures,
            tables=[export.Table(tables["Ranking"], "Ranking of services")],
        ),
        export.Section(
            "The region's trajectory and cost",
            figures=traj_figures,
            tables=[export.Table(tables["Trajectory"], "The region by financial year")],
        ),
        export.Section(
            "Assumptions and sources",
            tables=[
                export.Table(
                    readable_table(_mark_per_service(assumptions_table(scenario), result, ["Value"])),
                    "Assumptions and sources",
                ),
                export.Table(readable_table(tables["Per-service values"]), "Per-service values"),
            ],
        ),
    ]
    docx = export.docx_report(
        TITLE, sections, subtitle=f"{roster_name} · {long_date(as_of)} · {scenario.title}"
    )
    readme = "\n".join(
        [
            TITLE,
            f"{roster_name}, as of {long_date(as_of)}; scenario: {scenario.title}.",
            "",
            f"{XLSX}: Summary, Services, Ranking, Trajectory, Parameters and Per-service values sheets.",
            f"{DOCX}: the same as a document, with the ranking chart and the assumptions.",
            "scenario.yaml: the region's scenario, to rebuild this pack.",
            *(f"{n}: the {'ranking' if 'ranking' in n else 'trajectory'} chart." for n in images),
            "",
            "Small numbers: " + rule,
            "Aggregates only: no file in this pack names a person or gives a staff id.",
            *(f"Warning: {w}" for w in warnings),
        ]
    ).encode()
    members = {
        "README.txt": readme,
        XLSX: xlsx,
        DOCX: docx,
        "scenario.yaml": scenario.to_yaml().encode(),
        **images,
    }
    data = export.zip_bytes(members, date_time=(as_of.year, as_of.month, as_of.day, 12, 0, 0))
    name = f"regional-business-case-{export.safe_filename(roster_name, default='region')}-{as_of.isoformat()}.zip"
    return RegionalPack(data, name, [(n, len(b)) for n, b in members.items()], warnings)
