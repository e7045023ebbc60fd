"""The pack for a clinical homecare or primary care (PCN) team, in the type's own words.

The pulmonary rehabilitation pack (:mod:`planner.pack.build`) argues for posts against the national
PR targets; these two types have no such targets. A homecare pack speaks of career levels: who is
judged at which level (and where it was inferred), the 23 common competences' coverage, and costs
from actual pay. A PCN pack speaks of the ARRS envelope and roles: what the roles claim, what
remains and what it could fund, caps, eligibility rules, who can do what and supervision. Both reuse
the Coverage view and the coverage part of the PR pack; tables only (no chart images), so a pack
builds without a browser.
"""

from __future__ import annotations

import time
from datetime import date

import pandas as pd

from planner import export
from planner.export.word import Section, Table, docx_report
from planner.ingest.read import RosterRead
from planner.pack import contents
from planner.pack.build import PackMember, PackResult
from planner.pack.parts import coverage_part
from planner.reference import service_types
from planner.skillmix.arrs import ArrsInputs
from planner.views.arrs import arrs_view
from planner.views.coverage import coverage_view
from planner.views.homecare import homecare_view


def type_sources(type_id: str) -> list[str]:
    """The sources a homecare or PCN pack rests on, in words: its framework, pay and (PCN) ARRS sources."""
    from planner.reference import frameworks
    from planner.reference.arrs import load_arrs
    from planner.reference.pay import load_pay

    src = frameworks.get(service_types.get(type_id).framework).source
    made = ", ".join(str(src[k]) for k in ("publisher", "version") if src.get(k) and src[k] != "not stated")
    lines = [f"Framework: {src.get('title')}" + (f" ({made})" if made else "") + "."]
    pay = load_pay()
    urls = "; ".join(str(v["url"]) for v in pay.sources.values() if v.get("url"))
    lines.append(f"Agenda for Change pay and employer on-costs (National Insurance, pension): {urls}.")
    if type_id == "pcn":
        data = load_arrs()
        lines += [f"ARRS {data.year}: {data.source_text(k)}." for k in data.sources]
    return lines


def _homecare(roster: RosterRead) -> tuple[list[str], dict[str, pd.DataFrame], list[tuple[str, str]]]:
    view = homecare_view(roster.staff, names=False)
    lines = [view.cost_caption] + ([view.inferred] if view.inferred else [])
    tables = {"Career levels": view.by_level, "Level descriptors": view.descriptors}
    figures = [(str(r["Career level"]), f"{r['WTE']:.2f} WTE, {int(r['People'])} people")
               for _, r in view.by_level.iterrows()]  # fmt: skip
    return lines, tables, figures


def _pcn(
    roster: RosterRead, arrs: ArrsInputs
) -> tuple[list[str], dict[str, pd.DataFrame], list[tuple[str, str]]]:
    view = arrs_view(roster.staff, arrs, names=False)
    r = view.result
    lines = [view.headline, *r.warnings, *r.flags, *([view.left_out] if view.left_out else [])]
    lines += [f"Cap, {c.cap}: {c.status}." for c in r.caps.itertuples(index=False)]
    tables = {"ARRS roles": view.roles, "What it could fund": view.could_fund,
              "Who can do what": view.tasks, "Supervision": view.supervision}  # fmt: skip
    figures = [(f"ARRS envelope {r.year}", f"£{r.envelope:,.0f}"), ("Claimed by the roles", f"£{r.claimed:,.0f}"),
               ("Remaining", f"£{r.remaining:,.0f}")]  # fmt: skip
    return lines, tables, figures


def build_service_pack(
    roster: RosterRead,
    type_id: str,
    *,
    as_of: date,
    arrs: ArrsInputs | None = None,
    roster_name: str | None = None,
) -> PackResult:
    """Build the pack of a homecare or PCN team (aggregates only; nobody is named).

    Args:
        roster: the accepted roster.
        type_id: ``homecare`` or ``pcn``.
        as_of: the date of the figures (pass it in).
        arrs: the ARRS inputs (weighted population…); required for a PCN pack.
        roster_name: the team's name in the pack (default: the roster's services).

    Raises:
        ValueError: a PCN pack without ARRS inputs, or a type this builder does not make.
    """
    if type_id not in ("homecare", "pcn"):
        raise ValueError("The pulmonary rehabilitation pack is built by planner.pack.build.build_pack.")
    if type_id == "pcn" and arrs is None:
        raise ValueError("A PCN pack needs the PCN's contractor weighted population for the ARRS envelope.")
    start = time.perf_counter()
    words = service_types.words(type_id)
    name = roster_name or contents.default_title(roster)
    fw_id = service_types.get(type_id).framework
    cov = coverage_part(coverage_view(roster.staff, roster.competencies, fw_id, as_of))
    lines, own, figures = _homecare(roster) if type_id == "homecare" else _pcn(roster, arrs)  # type: ignore[arg-type]
    heading = "Career levels" if type_id == "homecare" else "The ARRS envelope and roles"
    sections = [
        Section(
            "Summary",
            paragraphs=[f"{words['pack_headline']}.", f"A {words['team']}: staff are {words['frame']}."],
            key_figures=figures + [(m, v) for m, v, _ in cov.key_figures],
        ),
        Section(heading, paragraphs=lines, tables=[Table(df, k) for k, df in own.items()]),
        Section(
            "Competence coverage",
            paragraphs=cov.findings,
            tables=[Table(df, k) for k, df in cov.tables.items()],
        ),
        Section("Sources", paragraphs=type_sources(type_id)),
    ]
    subtitle = f"{name}, {contents.long_date(as_of)}"
    docx = docx_report(words["pack_title"], sections, subtitle=subtitle)
    xlsx = export.table_xlsx({**own, **cov.tables}, title=f"{words['pack_title']}: {subtitle}",
                             notes={k: v for k, v in cov.notes.items()})  # fmt: skip
    readme = (
        f"{words['pack_title']}\n{subtitle}\n\n{words['pack_headline']}.\n\n"
        "business_case.docx: the case in words and tables.\nbusiness_case.xlsx: the same tables.\n"
        "Aggregates only: nobody is named, and salaries appear only as totals by role or level.\n"
    ).encode()
    members = {"README.txt": readme, "business_case.docx": docx, "business_case.xlsx": xlsx}
    descriptions = {"README.txt": "What is in the pack", "business_case.docx": "The case (Word)",
                    "business_case.xlsx": "The tables (Excel)"}  # fmt: skip
    data = export.zip_bytes(members, date_time=(as_of.year, as_of.month, as_of.day, 12, 0, 0))
    return PackResult(
        data=data,
        filename=contents.pack_filename(name, as_of),
        members=[PackMember(n, len(b), descriptions[n]) for n, b in members.items()],
        warnings=[],
        timings={"total": time.perf_counter() - start},
    )
