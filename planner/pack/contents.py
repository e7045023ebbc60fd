"""The pack's words: file names, titles, member descriptions, the README and the privacy note.

Everything the pack says about itself, apart from the figures (those come from the views through
:mod:`planner.pack.parts`): :func:`default_title` and :func:`pack_filename` name the pack,
:data:`MEMBER_DESCRIPTIONS` and :func:`pack_contents` say what is in it, :func:`sheet_titles`,
:func:`identity_rows` and :func:`document_intro` head the workbook and the document, :func:`readme` is
``README.txt``. :mod:`planner.pack.build` only orchestrates.
"""

from __future__ import annotations

from datetime import date

import planner
from planner import export
from planner.expansion.scenario import Scenario
from planner.ingest.read import RosterRead
from planner.reference.pay import pension_summary
from planner.vocab import format_date

__all__ = [
    "AGGREGATES_ONLY",
    "CHART_LIST",
    "DOCUMENT_TITLE",
    "MEMBER_DESCRIPTIONS",
    "chart_description",
    "default_title",
    "document_intro",
    "document_subtitle",
    "identity_rows",
    "long_date",
    "pack_contents",
    "pack_filename",
    "readme",
    "rebuild_rows",
    "sheet_titles",
    "summary_notes",
]

DOCUMENT_TITLE = "Pulmonary rehabilitation workforce: business case"

AGGREGATES_ONLY = (
    "The pack holds aggregates only: no staff names and no staff ids. In a small team a band or function "
    "may hold one person, so its row describes that person: check the People columns before sharing widely."
)

#: What each kind of member is, for the README and the page's preview.
MEMBER_DESCRIPTIONS: dict[str, str] = {
    "README.txt": "This file: what is in the pack, the date, the sources and the privacy note.",
    "business_case.xlsx": (
        "Excel workbook: Summary (key figures and captions), Coverage, Gaps (by band and function), "
        "Skill mix, Least-cost mix (the cheapest mix that keeps every rule that is on, against the policy mix and "
        "the team in post, and what each rule costs), Trajectory (year by year), Waiting (the 90-day target year by year), Costs (spent, "
        "full year and funded), Sensitivity (what moves the requirement), Parameters (every parameter "
        "with its source; assumptions marked), with native Excel charts of the gap by band, the trajectory and the cost per year."
    ),
    "business_case.docx": (
        "Word document, a board paper marked OFFICIAL: what is asked, the options appraisal, key figures, "
        "every chart with its caption, the gaps, the assumptions with their sources, and how to rebuild it."
    ),
    "scenario.yaml": "The scenario file: every value changed from the sourced defaults. Upload it on the "
    "Expansion page to rebuild this pack.",
    "people.xlsx": "Staff ids and names with each person's coverage and gaps (only because names were asked for).",
}


def default_title(roster: RosterRead) -> str:
    """The name a pack carries unless the user gives one: the roster's service names, never its file name.

    A London individual competency record is often a file named after its one person, so the file
    name is not used.
    """
    column = roster.staff["service"] if "service" in roster.staff else []
    services = sorted({str(s) for s in column if isinstance(s, str) and s.strip()})
    if not services:
        return "the team"
    shown = ", ".join(services[:3])
    return shown if len(services) <= 3 else f"{shown} and {len(services) - 3} more services"


def pack_filename(roster_name: str, as_of: date) -> str:
    """The pack's file name: ``business-case-<roster name>-<YYYY-MM-DD>.zip`` (safe on every system)."""
    return f"business-case-{export.safe_filename(roster_name, default='team')}-{as_of.isoformat()}.zip"


def long_date(d: date) -> str:
    """``1 Nov 2026``: the app's one date format (:func:`planner.vocab.format_date`)."""
    return format_date(d)


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
        f"scenario.yaml: {MEMBER_DESCRIPTIONS['scenario.yaml']}",
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
    ("required-fan", "Uncertainty of the required WTE (Monte Carlo fan chart)"),
    ("waiting-target-fan", "Chance of the waiting-time target by year (Monte Carlo fan chart)"),
    ("sensitivity-tornado", "What moves the requirement most (sensitivity)"),
]


def readme(
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
    """``README.txt``: the pack's identity, privacy note, files, sources and notes (CRLF, UTF-8)."""
    lines = [
        "Skill Mix Planner: business-case pack",
        "=" * 37,
        "",
        f"Service / roster: {roster_name}",
        f"Data as of: {long_date(as_of)}" + (f" (pack made on {long_date(made_on)})" if made_on else ""),
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


def chart_description(title: str, caption: str, ext: str) -> str:
    """What a chart image in ``charts/`` is: its title, the kind of picture and its caption."""
    kind = "PNG picture at twice screen resolution" if ext == "png" else "SVG vector picture"
    return f"{title}: {kind}. {caption}"


def identity_rows(
    name: str, services: list[str], as_of: date, include_names: bool
) -> list[tuple[str, str, str]]:
    """The Summary sheet's first rows: the service, the roster's services, the date and the contents."""
    return [
        ("Service / roster", name, ""),
        ("Services in the roster", "; ".join(services), ""),
        ("Data as of", long_date(as_of), "Statuses, expiry and the model start on this date."),
        (
            "Contents",
            "Aggregates only" if not include_names else "Aggregates; people.xlsx lists staff",
            AGGREGATES_ONLY if not include_names else "Names and staff ids are only in people.xlsx.",
        ),
    ]


def summary_notes(include_names: bool) -> list[str]:
    """The lines under the Summary sheet: the privacy note and where the sources are."""
    return [
        AGGREGATES_ONLY if not include_names else "This workbook holds aggregates only.",
        "Sources: every model parameter with its source, or marked as an assumption, is on the "
        "Parameters sheet; pay is Agenda for Change 2025/26; the target mix source is on Skill mix.",
    ]


def sheet_titles(
    name: str, framework: str, as_of: date, scenario: Scenario, last_year: str
) -> dict[str, str]:
    """The title line of each sheet of ``business_case.xlsx``."""
    return {
        "Summary": f"Business case: {name}",
        "Coverage": f"Competency coverage, {framework}, as of {long_date(as_of)}",
        "Gaps": f"Workforce gap now by band and function ({scenario.title})",
        "Skill mix": "Skill mix: WTE and headcount by band, function, registration and service",
        "Least-cost mix": f"Least-cost skill mix against the policy mix and the team in post ({scenario.title})",
        "Parameters": f"Scenario parameters: {scenario.title}",
        "Trajectory": f"Year by year to {last_year} ({scenario.title})",
        "Waiting": f"The waiting target year by year to {last_year} ({scenario.title})",
        "Costs": f"Employer cost by year to {last_year}: spent, full year and the funded establishment",
        "Sensitivity": f"What moves the requirement in {last_year} most: each input across its plausible range",
    }


def document_subtitle(name: str, as_of: date, scenario: Scenario, framework: str) -> str:
    """The Word document's subtitle: service, date, scenario and framework."""
    return f"{name} · data as of {long_date(as_of)} · {scenario.title} · {framework}"


def rebuild_rows(
    scenario: Scenario, runs: int, seed: int, versions: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """What anyone needs to rebuild the pack: the scenario file, runs, seed, code and data versions."""
    return [
        (
            "Scenario",
            f"{scenario.title}: the scenario file in this pack holds every value changed from the defaults",
        ),
        ("Monte Carlo", f"{runs:,} runs, seed {seed}" if runs else "not run"),
        ("Code version", f"Skill Mix Planner {planner.__version__}"),
        *((f"Data file: {what}", f"version {digest}") for what, digest in versions),
    ]


def document_intro(name: str, include_names: bool, failure: str | None) -> list[str]:
    """The Word document's opening paragraphs (and why it has no charts, when it has none)."""
    return [
        f"Figures for {name}, from the Skill Mix Planner. {AGGREGATES_ONLY if not include_names else ''}",
        *([failure] if failure else []),
    ]
