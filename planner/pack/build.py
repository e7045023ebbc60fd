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
on a background thread on one kaleido page (:mod:`planner.pack_render`), each as soon as its chart
exists, while this thread computes the rest of the model and writes the workbook; each PNG is drawn
once and used both in ``charts/`` and in the Word document.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date

from planner import export
from planner.expansion.scenario import Scenario
from planner.ingest.read import RosterRead
from planner.pack.expansion import assumptions_table, expansion_part
from planner.pack.parts import PackChart, Part, coverage_part, people_tables, skill_mix_part
from planner.pack.render import ImageJob, ImageStream
from planner.pack.word import business_case_docx
from planner.pack.workbook import business_case_xlsx, people_xlsx, summary_table
from planner.reference import frameworks
from planner.reference.pay import pension_summary

__all__ = [
    "CHART_LIST",
    "DEFAULT_RUNS",
    "MEMBER_DESCRIPTIONS",
    "PackMember",
    "PackResult",
    "build_pack",
    "pack_contents",
    "pack_filename",
]

#: Monte Carlo runs for the pack's fan chart and probabilities (the Expansion page uses 10,000). For the
#: sample region the target year's 5th/95th percentile gap is 12.64/19.79 WTE with 10,000 runs and
#: 12.62–12.66/19.67–19.91 WTE with 2,000 runs over four seeds, for about 0.06 s instead of 0.3 s.
DEFAULT_RUNS = 2_000

AGGREGATES_ONLY = (
    "The pack holds aggregates only: no staff names and no staff ids. In a small team a band or function "
    "may hold one person, so its row describes that person: check the People columns before sharing widely."
)

#: What each kind of member is, for the README and the page's preview.
MEMBER_DESCRIPTIONS: dict[str, str] = {
    "README.txt": "This file: what is in the pack, the date, the sources and the privacy note.",
    "business_case.xlsx": (
        "Excel workbook: Summary (key figures and captions), Coverage, Gaps (by band and function), "
        "Skill mix, Parameters (every parameter with its source; assumptions marked), Trajectory "
        "(year by year), with native Excel charts of the gap by band, the trajectory and the cost per year."
    ),
    "business_case.docx": (
        "Word document ready to paste from: key figures, every chart with its caption, the gaps and "
        "the assumptions with why each was made."
    ),
    "people.xlsx": "Staff ids and names with each person's coverage and gaps (only because names were asked for).",
}


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
        timings: seconds spent per stage (``model``, ``xlsx``, ``wait_png``, ``docx``, ``wait_svg``,
            ``zip``, ``render``, ``total``); ``render`` runs on a background thread beside the others.
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


def default_title(roster: RosterRead) -> str:
    """The name a pack carries unless the user gives one: the roster's service names, never its file name.

    A London individual competency record is often a file named after its one person, so the file
    name is not used.
    """
    column = roster.staff["service"] if "service" in roster.staff else []
    services = sorted({str(s) for s in column if isinstance(s, str) and s.strip()})
    if not services:
        return "Team"
    shown = ", ".join(services[:3])
    return shown if len(services) <= 3 else f"{shown} and {len(services) - 3} more services"


def pack_filename(roster_name: str, as_of: date) -> str:
    """The pack's file name: ``business-case-<roster name>-<YYYY-MM-DD>.zip`` (safe on every system)."""
    return f"business-case-{export.safe_filename(roster_name, default='team')}-{as_of.isoformat()}.zip"


def _long_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def pack_contents(*, include_names: bool = False, charts: list[tuple[str, str]] | None = None) -> list[str]:
    """What the pack will contain, as lines for a preview (no model run needed).

    Args:
        include_names: whether ``people.xlsx`` is added.
        charts: ``(file stem, title)`` pairs; default: the nine key charts.
    """
    charts = charts or CHART_LIST
    lines = [
        f"charts/: {len(charts)} charts as PNG (2× resolution) and SVG: " + "; ".join(t for _, t in charts),
        f"business_case.xlsx: {MEMBER_DESCRIPTIONS['business_case.xlsx']}",
        f"business_case.docx: {MEMBER_DESCRIPTIONS['business_case.docx']}",
        f"README.txt: {MEMBER_DESCRIPTIONS['README.txt']}",
    ]
    if include_names:
        lines.append(f"people.xlsx: {MEMBER_DESCRIPTIONS['people.xlsx']}")
    return lines


#: The nine key charts, file stem and title (the order of the pack).
CHART_LIST: list[tuple[str, str]] = [
    ("coverage-band-domain", "Coverage by band and domain"),
    ("coverage-function-domain", "Coverage by function and domain"),
    ("wte-band-function", "WTE by band and function"),
    ("registered-share", "Registered share of WTE against the target"),
    ("required-vs-in-post", "Required and in-post WTE by band"),
    ("gap-trajectory", "Gap trajectory by band"),
    ("waiting-list", "Waiting list and share starting within 90 days"),
    ("cost-per-year", "Employer cost per year"),
    ("uncertainty-fan", "Uncertainty of the gap (Monte Carlo fan chart)"),
]


def _readme(
    *,
    roster_name: str,
    as_of: date,
    made_on: date | None,
    scenario: Scenario,
    framework: str,
    members: list[tuple[str, str]],
    include_names: bool,
    runs: int,
    seed: int,
    warnings: list[str],
) -> bytes:
    lines = [
        "Skill Mix Planner: business-case pack",
        "=" * 37,
        "",
        f"Service / roster: {roster_name}",
        f"Data as of: {_long_date(as_of)}" + (f" (pack made on {_long_date(made_on)})" if made_on else ""),
        f"Scenario: {scenario.title}",
        f"Competency framework: {framework}",
        f"Monte Carlo: {runs:,} runs, seed {seed}" if runs else "Monte Carlo: not run",
        "",
        "Privacy",
        "-------",
        AGGREGATES_ONLY
        if not include_names
        else "business_case.xlsx, business_case.docx and the charts hold aggregates only. people.xlsx "
        "lists staff ids and names because they were asked for: handle it as personal data.",
        "",
        "Files",
        "-----",
        *(f"{name}\n    {what}" for name, what in members),
        "",
        "Sources",
        "-------",
        "Every model parameter, with its value, unit and source (or marked as an assumption, with why), "
        "is in business_case.xlsx, sheet Parameters; the assumptions are also tabled in business_case.docx.",
        "Pay: NHS Agenda for Change 2025/26 pay points, employer NI 15% above £5,000, NHS pension "
        f"{pension_summary()}.",
        "Target skill mix: 600 registered : 400 support staff (Taskforce for Lung Health, 2018, via the "
        "Chartered Society of Physiotherapy); using it for a whole team's mix is an assumption.",
        f"Competencies: {framework}, plus the cross-cutting requirements of all staff.",
        "Charts: every chart's one-sentence caption is its text alternative (SVG title, Word alt text).",
    ]
    if warnings:
        lines += ["", "Notes", "-----", *warnings]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def build_pack(
    roster: RosterRead,
    scenario: Scenario,
    *,
    as_of: date,
    framework_id: str = "bts",
    include_names: bool = False,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    roster_name: str | None = None,
    made_on: date | None = None,
) -> PackResult:
    """Build the business-case pack for a team and a scenario.

    Args:
        roster: the accepted roster (``planner.roster.read_roster``).
        scenario: the expansion scenario (``planner.parameters.load_scenario``).
        as_of: the date statuses are judged on and the model starts (pass it in; nothing reads the clock).
        framework_id: the competency framework for coverage.
        include_names: add ``people.xlsx`` with staff ids and names; everything else stays aggregate.
        runs: Monte Carlo runs (0 skips the Monte Carlo and the fan chart); see :data:`DEFAULT_RUNS`.
        seed: Monte Carlo seed.
        roster_name: the service or team name shown in the pack; default: :func:`default_title`.
        made_on: the date the pack is made, for the README (and the ZIP's timestamps); default: none
            stated, and ``as_of`` as the timestamp, so the same inputs give the same ZIP.

    Returns:
        The ZIP bytes with the list of members.

    Raises:
        KeyError: unknown framework id.
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    name = roster_name or default_title(roster)
    staff = roster.staff
    model_staff = (
        staff[[c for c in ("staff_id", "band", "wte", "function") if c in staff.columns]].reset_index(
            drop=True
        )
        if len(staff)
        else None
    )
    values = scenario.values()
    render = _Images()
    try:
        # The expansion part first: its five charts are ready soonest, so the images start early.
        _, exp = expansion_part(scenario, model_staff, as_of=as_of, runs=runs, seed=seed, roster_name=name)
        render.draw(exp.charts, "png")
        cov = coverage_part(staff, roster.competencies, framework_id, as_of)
        render.draw(cov.charts, "png")
        mix = skill_mix_part(staff, str(values["pay_point"]), str(values["pension_basis"]))
        render.draw(mix.charts, "png")
        parts: list[Part] = [cov, mix, exp]
        charts = [c for part in parts for c in part.charts]
        # PNGs first: the Word document needs them and is written while the SVGs are drawn
        render.draw(charts, "svg")
        framework = frameworks.get(framework_id).title
        people = people_tables(staff, roster.competencies, framework_id, as_of) if include_names else None
        timings["model"] = time.perf_counter() - start

        t = time.perf_counter()
        identity = [
            ("Service / roster", name, ""),
            ("Services in the roster", "; ".join(roster.services), ""),
            ("Data as of", _long_date(as_of), "Statuses, expiry and the model start on this date."),
            (
                "Contents",
                "Aggregates only" if not include_names else "Aggregates; people.xlsx lists staff",
                AGGREGATES_ONLY if not include_names else "Names and staff ids are only in people.xlsx.",
            ),
        ]
        summary = summary_table(identity, parts)
        summary_notes = [
            AGGREGATES_ONLY if not include_names else "This workbook holds aggregates only.",
            "Sources: every model parameter with its source, or marked as an assumption, is on the "
            "Parameters sheet; pay is Agenda for Change 2025/26; the target mix source is on Skill mix.",
        ]
        titles = {
            "Summary": f"Business case: {name}",
            "Coverage": f"Competency coverage, {framework}, as of {_long_date(as_of)}",
            "Gaps": f"Workforce gap now by band and function ({scenario.title})",
            "Skill mix": "Skill mix: WTE and headcount by band, function, registration and service",
            "Parameters": f"Scenario parameters: {scenario.title}",
            "Trajectory": f"Year by year to {exp.tables['Trajectory']['Year'].iloc[-1]} ({scenario.title})",
        }
        xlsx = business_case_xlsx(summary, parts, titles=titles, summary_notes=summary_notes)
        people_bytes = people_xlsx(people, title=f"{name}, {_long_date(as_of)}") if people else None
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
            title="Pulmonary rehabilitation workforce: business case",
            subtitle=f"{name} · data as of {_long_date(as_of)} · {scenario.title} · {framework}",
            summary=summary,
            intro=[
                f"Figures for {name}, from the Skill Mix Planner. {AGGREGATES_ONLY if not include_names else ''}",
                *([render.failure] if render.failure else []),
            ],
            findings=[f for part in parts for f in part.findings],
            charts=charts,
            pngs=pngs,
            tables=tables,
            notes=notes,
            assumptions=assumptions_table(scenario),
        )
        timings["docx"] = time.perf_counter() - t
        t = time.perf_counter()
        svgs = render.images("svg")
        timings["wait_svg"] = time.perf_counter() - t
        if render.failure and render.failure not in warnings:  # the browser failed after the PNGs
            warnings.append(render.failure.replace("the pack has none", "the pack has no SVG images"))
    finally:
        render.close()
    timings["render"] = render.seconds

    t = time.perf_counter()
    described: list[tuple[str, str, bytes]] = []
    for chart in charts:
        for ext, images in (("png", pngs), ("svg", svgs)):
            if chart.key in images:
                kind = "PNG picture at twice screen resolution" if ext == "png" else "SVG vector picture"
                described.append(
                    (
                        f"charts/{chart.key}.{ext}",
                        f"{chart.title}: {kind}. {chart.caption}",
                        images[chart.key],
                    )
                )
    described.append(("business_case.xlsx", MEMBER_DESCRIPTIONS["business_case.xlsx"], xlsx))
    described.append(("business_case.docx", MEMBER_DESCRIPTIONS["business_case.docx"], docx))
    if people_bytes is not None:
        described.append(("people.xlsx", MEMBER_DESCRIPTIONS["people.xlsx"], people_bytes))
    readme = _readme(
        roster_name=name,
        as_of=as_of,
        made_on=made_on,
        scenario=scenario,
        framework=framework,
        members=[(n, d) for n, d, _ in described] + [("README.txt", MEMBER_DESCRIPTIONS["README.txt"])],
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
    descriptions = {"README.txt": MEMBER_DESCRIPTIONS["README.txt"], **{n: d for n, d, _ in described}}
    return PackResult(
        data=data,
        filename=pack_filename(name, as_of),
        members=[PackMember(n, len(b), descriptions[n]) for n, b in members.items()],
        warnings=warnings,
        timings=timings,
    )
