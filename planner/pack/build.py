"""The one-click business-case pack: charts, one workbook and one Word document in a ZIP.

:func:`build_pack` turns an accepted roster and a scenario into ``business-case-….zip``:

* ``charts/<name>.png`` (2× scale) and ``charts/<name>.svg`` for the nine key charts;
* ``business_case.xlsx``: Summary, Coverage, Gaps, Skill mix, Parameters, Trajectory, with native Excel
  charts of the gap by band, the trajectory and the cost per year;
* ``business_case.docx``: the key figures, every chart with its caption, the gaps and the assumptions;
* ``README.txt``: what each file is, the date, the sources, and that the pack holds aggregates only;
* ``people.xlsx``, only with ``include_names=True``: staff ids and names with their gaps.

Privacy: by default nothing in the pack names a person or gives a staff id; the model is given only
``staff_id``, ``band``, ``wte`` and ``function`` and every table written is an aggregate.

Speed: drawing the 18 images in the shared Chromium renderer is most of the build time. They are drawn
on a background thread on one kaleido page (:mod:`planner.pack.render`), each as soon as its chart
exists, while this thread computes the rest of the model and writes the workbook; each PNG is drawn
once and used both in ``charts/`` and in the Word document. The options appraisal's other model runs
start on a second thread as soon as the pack's own run exists and run beside the coverage and
skill-mix parts (the Monte Carlo's NumPy loops release the GIL); their seeds and figures are unchanged.

This module only orchestrates: the figures come from the pages' views (:mod:`planner.views`) reshaped
by :mod:`planner.pack.parts` and :mod:`planner.pack.expansion`, the words from
:mod:`planner.pack.contents`, the files from :mod:`planner.pack.workbook` and :mod:`planner.pack.word`.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from planner import export
from planner.expansion import uncertainty
from planner.expansion.optimise_option import LEAST_COST_NOTE, LEAST_COST_TITLE
from planner.expansion.projection import Projection, project, targets
from planner.expansion.scenario import Scenario
from planner.ingest.read import RosterRead
from planner.pack import contents
from planner.pack.expansion import assumptions_table, expansion_part
from planner.pack.least_cost import LEAST_COST_SHEET, least_cost_part
from planner.pack.options import DEFAULT_THRESHOLD, option_runs, options_table, the_ask
from planner.pack.parts import PackChart, Part, coverage_part, people_tables, skill_mix_part
from planner.pack.render import ImageJob, ImageStream
from planner.pack.sources import data_versions
from planner.pack.word import business_case_docx
from planner.pack.workbook import business_case_xlsx, people_xlsx, summary_table
from planner.views.coverage import CoverageView, coverage_view
from planner.views.expansion import allocation_table, model_staff
from planner.views.optimise import least_cost_view
from planner.views.skill_mix import skill_mix_view

__all__ = ["DEFAULT_RUNS", "PackMember", "PackResult", "build_pack"]

#: Monte Carlo runs for the pack's fan charts and probabilities: the same constant as the Expansion page
#: and ``planner project`` (:data:`planner.expansion.uncertainty.DEFAULT_RUNS`), with the same seed, so
#: the pack prints the page's figures.
DEFAULT_RUNS = uncertainty.DEFAULT_RUNS


@dataclass(frozen=True)
class PackMember:
    """One file in the pack."""

    name: str
    size: int
    description: str


@dataclass(frozen=True)
class PackResult:
    """The built pack.

    Attributes:
        data: the ZIP bytes.
        filename: a suggested file name, e.g. ``business-case-sample-region-2026-11-01.zip``.
        members: every file in the ZIP, in order, with its size and what it is.
        warnings: what could not be included and why (e.g. no Chromium: no chart images).
        timings: seconds spent per stage (``model``, ``options`` (the options appraisal's other runs,
            on their own thread beside the coverage and skill-mix parts, inside ``model``),
            ``wait_options`` (how long the model then waited for them), ``xlsx``, ``wait_png``,
            ``docx``, ``wait_svg``, ``zip``, ``render``, ``total``); ``render`` runs on a background
            thread beside the others.
    """

    data: bytes
    filename: str
    members: list[PackMember]
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


class _Images:
    """The pack's chart images, drawn on one kaleido page on a background thread as charts are built."""

    def __init__(self) -> None:
        self.enabled = export.browser_path() is not None
        self.failure: str | None = (
            None if self.enabled else "Chromium was not found, so the pack has no chart images."
        )
        self._stream = ImageStream() if self.enabled else None
        self._futures: dict[str, dict[str, Future[bytes]]] = {"png": {}, "svg": {}}

    @property
    def seconds(self) -> float:
        """Time the background thread spent drawing (including waits for the next chart)."""
        return self._stream.seconds if self._stream else 0.0

    def draw(self, charts: list[PackChart], fmt: str) -> None:
        """Queue ``fmt`` images (``png`` at 2×, or ``svg``) of ``charts``."""
        if self._stream is None:
            return
        for c in charts:
            job = ImageJob(c.key, c.figure, fmt, c.width, c.height, scale=2, alt=c.caption)
            self._futures[fmt][c.key] = self._stream.submit(job)

    def images(self, fmt: str) -> dict[str, bytes]:
        """Wait for the ``fmt`` images; chart key → image bytes (none at all if the browser failed)."""
        done: dict[str, bytes] = {}
        for key, future in self._futures[fmt].items():
            try:
                done[key] = future.result()
            except export.ExportUnavailable as exc:
                self.failure = f"Chart images could not be drawn ({exc}); the pack has none."
                return {}
        return done

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()


def _timed_options(projected: Projection, roster: RosterRead, as_of: date, runs: int, seed: int) -> tuple:
    """:func:`planner.pack.options.option_runs` with the seconds it took (on its own thread)."""
    t = time.perf_counter()
    compared = option_runs(projected, model_staff(roster), as_of=as_of, runs=runs, seed=seed, least_cost=True)
    return compared, time.perf_counter() - t


def _parts(
    roster: RosterRead,
    scenario: Scenario,
    framework_id: str,
    as_of: date,
    runs: int,
    seed: int,
    name: str,
    render: _Images,
    pool: ThreadPoolExecutor,
) -> tuple[list[Part], CoverageView, Projection, Future[tuple]]:
    """The expansion, coverage and skill-mix parts (in the pack's order) from the pages' own views.

    Each part's PNGs are queued as soon as it exists. Returns the parts ``[coverage, skill mix,
    least-cost mix, expansion]``, the Coverage view (its framework and statuses serve the README and people.xlsx),
    the model run, and the options appraisal's other runs (started on ``pool`` as soon as the model
    run exists, so they run beside the coverage and skill-mix parts; each run has its own seeded
    generator, so the figures are those of running them one after another).
    """
    inputs = scenario.inputs()
    # The expansion part first: its five charts are ready soonest, so the images start early.
    projected = project(scenario, model_staff(roster), as_of=as_of, runs=runs, seed=seed, roster_name=name)
    options = pool.submit(_timed_options, projected, roster, as_of, runs, seed)
    exp = expansion_part(projected)
    render.draw(exp.charts, "png")
    coverage = coverage_view(roster.staff, roster.competencies, framework_id, as_of)
    cov = coverage_part(coverage)
    render.draw(cov.charts, "png")
    mix_view = skill_mix_view(roster.staff, inputs.pay_point, inputs.pension_basis)
    mix = skill_mix_part(mix_view)
    render.draw(mix.charts, "png")
    cheapest = least_cost_part(least_cost_view(scenario, model_staff(roster)))
    return [cov, mix, cheapest, exp], coverage, projected, options


def _described(
    charts: list[PackChart], images: dict[str, dict[str, bytes]], files: dict[str, bytes]
) -> list[tuple[str, str, bytes]]:
    """Every member but the README, in order: ``(path, description, bytes)``; charts without an image are left out."""
    out = [
        (
            f"charts/{chart.key}.{ext}",
            contents.chart_description(chart.title, chart.caption, ext),
            drawn[chart.key],
        )
        for chart in charts
        for ext, drawn in images.items()
        if chart.key in drawn
    ]
    return out + [(n, contents.MEMBER_DESCRIPTIONS[n], b) for n, b in files.items()]


def build_pack(
    roster: RosterRead,
    scenario: Scenario,
    *,
    as_of: date,
    framework_id: str = "bts",
    include_names: bool = False,
    runs: int = DEFAULT_RUNS,
    seed: int = uncertainty.DEFAULT_SEED,
    roster_name: str | None = None,
    made_on: date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> PackResult:
    """Build the business-case pack for a team and a scenario.

    Args:
        roster: the accepted roster (``planner.ingest.read.read_roster``).
        scenario: the expansion scenario (``planner.expansion.scenario.load_scenario``).
        as_of: the date statuses are judged on and the model starts (pass it in; nothing reads the clock).
        framework_id: the competency framework for coverage.
        include_names: add ``people.xlsx`` with staff ids and names; everything else stays aggregate.
        runs: Monte Carlo runs (0 skips the Monte Carlo and the fan chart); see :data:`DEFAULT_RUNS`.
        seed: Monte Carlo seed.
        roster_name: the service or team name shown in the pack; default:
            :func:`planner.pack.contents.default_title`.
        made_on: the date the pack is made, for the README (and the ZIP's timestamps); default: none
            stated, and ``as_of`` as the timestamp, so the same inputs give the same ZIP.
        threshold: the chance of meeting the waiting-time target in the target year an option needs
            for the document's ask (:data:`planner.pack.options.DEFAULT_THRESHOLD`).

    Returns:
        The ZIP bytes with the list of members.

    Raises:
        KeyError: unknown framework id.
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    name = roster_name or contents.default_title(roster)
    render = _Images()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pack-options")
    try:
        parts, coverage, projected, options = _parts(
            roster, scenario, framework_id, as_of, runs, seed, name, render, pool
        )
        t = time.perf_counter()
        compared, timings["options"] = options.result()
        timings["wait_options"] = time.perf_counter() - t
        appraisal = options_table(compared, threshold=threshold)
        ask = the_ask(
            appraisal,
            threshold=threshold,
            wait=targets(projected.inputs).wait,
            price_base=projected.costs.cash_basis if projected.costs else "today's prices",
        )
        if (appraisal["Option"] == LEAST_COST_TITLE).any():  # say what the optimiser's option is
            ask = [*ask, LEAST_COST_NOTE]
        elif LEAST_COST_SHEET not in parts[2].tables:  # the optimiser refused: say why the option is missing
            ask = [*ask, *(f"The least-cost mix is not an option here: {n}" for n in parts[2].findings)]
        exp = parts[-1]
        charts = [c for part in parts for c in part.charts]
        # PNGs first: the Word document needs them and is written while the SVGs are drawn
        render.draw(charts, "svg")
        framework = coverage.framework.title
        people = people_tables(coverage, roster.staff) if include_names else None
        timings["model"] = time.perf_counter() - start

        t = time.perf_counter()
        summary = summary_table(contents.identity_rows(name, roster.services, as_of, include_names), parts)
        last_year = str(exp.tables["Trajectory"]["Year"].iloc[-1])
        xlsx = business_case_xlsx(
            summary,
            parts,
            titles=contents.sheet_titles(name, framework, as_of, scenario, last_year),
            summary_notes=contents.summary_notes(include_names),
        )
        people_bytes = people_xlsx(people, title=f"{name}, {contents.long_date(as_of)}") if people else None
        timings["xlsx"] = time.perf_counter() - t

        t = time.perf_counter()
        pngs = render.images("png")
        timings["wait_png"] = time.perf_counter() - t
        t = time.perf_counter()
        warnings: list[str] = []
        if render.failure:
            warnings.append(render.failure)
        tables = {k: v for part in parts for k, v in part.tables.items()}
        notes = {k: v for part in parts for k, v in part.notes.items()}
        docx = business_case_docx(
            title=contents.DOCUMENT_TITLE,
            subtitle=contents.document_subtitle(name, as_of, scenario, framework),
            summary=summary,
            intro=contents.document_intro(name, include_names, render.failure),
            ask=ask,
            options=appraisal,
            findings=[f for part in parts for f in part.findings],
            charts=charts,
            pngs=pngs,
            tables=tables,
            notes=notes,
            assumptions=assumptions_table(scenario),
            allocation=allocation_table(scenario),
            rebuild=contents.rebuild_rows(scenario, runs, seed, data_versions()),
        )
        timings["docx"] = time.perf_counter() - t
        t = time.perf_counter()
        svgs = render.images("svg")
        timings["wait_svg"] = time.perf_counter() - t
        if render.failure and render.failure not in warnings:  # the browser failed after the PNGs
            warnings.append(render.failure.replace("the pack has none", "the pack has no SVG images"))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        render.close()
    timings["render"] = render.seconds

    t = time.perf_counter()
    files = {
        "business_case.xlsx": xlsx,
        "business_case.docx": docx,
        "scenario.yaml": scenario.to_yaml().encode(),
    }
    if people_bytes is not None:
        files["people.xlsx"] = people_bytes
    described = _described(charts, {"png": pngs, "svg": svgs}, files)
    readme = contents.readme(
        roster_name=name,
        as_of=as_of,
        made_on=made_on,
        scenario=scenario,
        framework=framework,
        members=[(n, d) for n, d, _ in described]
        + [("README.txt", contents.MEMBER_DESCRIPTIONS["README.txt"])],
        include_names=include_names,
        runs=runs,
        seed=seed,
        warnings=warnings,
    )
    members = {"README.txt": readme, **{n: b for n, _, b in described}}
    stamp = made_on or as_of
    data = export.zip_bytes(members, date_time=(stamp.year, stamp.month, stamp.day, 12, 0, 0))
    timings["zip"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - start
    descriptions = {
        "README.txt": contents.MEMBER_DESCRIPTIONS["README.txt"],
        **{n: d for n, d, _ in described},
    }
    return PackResult(
        data=data,
        filename=contents.pack_filename(name, as_of),
        members=[PackMember(n, len(b), descriptions[n]) for n, b in members.items()],
        warnings=warnings,
        timings=timings,
    )
