"""The business case as a board reads it: marking, page numbers, contents, date, the ask and the
options appraisal, readable citations, named tables, number formats, how to rebuild it, and no
developer text (file paths, seed files, reprs, nan, snake_case) in the Word document or the workbook."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from xml.etree import ElementTree

import docx
import openpyxl
import pytest
import yaml

from planner import export
from planner.expansion.optimise_option import LEAST_COST_NOTE, LEAST_COST_TITLE
from planner.expansion.scenario import load_scenario, scenario_from_text
from planner.pack.build import build_pack
from planner.pack.options import DO_NOTHING
from planner.pack.sources import data_versions
from planner.samples import SAMPLE_AS_OF
from planner.views.session import sample_roster

pytestmark = pytest.mark.integration

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RUNS = 300
#: What a reader must never meet: file paths and names, seed files, reprs, missing values, snake_case.
FORBIDDEN = {
    "a file path": re.compile(r"(?<![\w.])(?:data|seeds|planner|research|tests)/"),
    "a YAML file": re.compile(r"\.ya?ml\b", re.I),
    "a text file": re.compile(r"\.txt\b", re.I),
    "a Markdown file": re.compile(r"\.md\b", re.I),
    "a seed file": re.compile(r"seeds?/|\bseeds? \d{3}\b", re.I),
    "a snake_case word": re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"),
    "nan": re.compile(r"\bnan\b", re.I),
    "None": re.compile(r"\bNone\b"),
    "a dict or list repr": re.compile(r"[{}\[\]]"),
    # issue 12 review: developer text that reached the Word document
    "a scraped copy's address": re.compile(r"github\.com/forki|ld-utilities|scrape/", re.I),
    "a doubled phrase": re.compile(r"\b(the [\w-]+ [\w-]+) \(\1\)"),
    "a parameter name left in a sentence": re.compile(r"\bnow people\b"),
    "our research notes": re.compile(r"research notes", re.I),
    "a data file's path in words": re.compile(r"Data file: \w+: |\bafc 2025 26\b|\bbts pr\b", re.I),
    "a roster file name": re.compile(r"\bsample_team\b|\.(?:xlsx|xls|ods|csv)\b(?! \(| workbook)", re.I),
    "a choice's code": re.compile(r"^(?:mid|entry|top|employer|full)$"),
}


def forbidden_in(texts: list[str]) -> dict[str, list[str]]:
    """Every forbidden pattern found, with the texts it was found in (web links are allowed)."""
    found: dict[str, list[str]] = {}
    for text in texts:
        bare = re.sub(r"https?://\S+", "", text)  # a citation's link may hold anything an address holds
        for what, pattern in FORBIDDEN.items():
            if pattern.search(bare):
                found.setdefault(what, []).append(text[:160])
    return found


def docx_texts(data: bytes) -> list[str]:
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    texts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    for section in d.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return texts


def workbook_texts(data: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    # the images are tested in test_pack.py; here the words, so no browser is needed
    real = export.browser_path
    export.browser_path = lambda: None
    try:
        edited = load_scenario("long_term_plan").with_overrides(referral_rate_target=0.5, uptake=0.55)
        result = build_pack(
            sample_roster(), edited, as_of=SAMPLE_AS_OF, runs=RUNS, seed=4, made_on=date(2026, 11, 26)
        )
    finally:
        export.browser_path = real
    with zipfile.ZipFile(io.BytesIO(result.data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_scanner_catches_each_kind_of_developer_text() -> None:
    bad = [
        "Defaults: data/parameters/expansion.yaml",
        "seeds/002_abc.txt, line 154",
        "The BTS consultation draft (seed 000) attributes",
        "see research/domain.md",
        "class_lead: {'5': 0.3, '6': 0.5}",
        "Gap nan WTE",
        "None",
        "[1, 2]",
        "(github.com/forki/ld-utilities, scrape/qualitystandard/qs10/st5)",
        "the skill-mix policy (the skill-mix policy)",
        "the list of people waiting to start now people",
        "Placeholder (our research notes)",
        "Data file: pay: afc 2025 26",
        "sample_team.xlsx · data as of 1 Nov 2026",
        "mid",
    ]
    found = forbidden_in(bad)
    assert set(found) == set(FORBIDDEN)
    assert forbidden_in(["NHS England, Guidance (2024). https://x.org/a_b/c.yaml", "Band 8a: 100%"]) == {}


def test_the_word_document_has_no_developer_text(files: dict[str, bytes]) -> None:
    assert forbidden_in(docx_texts(files["business_case.docx"])) == {}


def test_the_workbook_has_no_developer_text(files: dict[str, bytes]) -> None:
    assert forbidden_in(workbook_texts(files["business_case.xlsx"])) == {}


def test_marking_page_numbers_contents_and_date(files: dict[str, bytes]) -> None:
    d = docx.Document(io.BytesIO(files["business_case.docx"]))
    section = d.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL"
    footer = ElementTree.tostring(section.footer._element, encoding="unicode")
    assert "OFFICIAL" in section.footer.paragraphs[0].text
    assert re.search(r'instr=" PAGE "', footer) and re.search(r'instr=" NUMPAGES "', footer)
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    headings = [t for s, t in paras if s == "Heading 1"]
    assert headings[0] == "Contents"
    listed = [t for s, t in paras if s == "List Number"]
    assert listed == headings[1:]  # the contents list names every section in order
    assert headings[1] == "What is asked"
    assert "data as of 1 Nov 2026" in paras[1][1]  # the subtitle: the app's one date format


def test_the_ask_is_the_cheapest_option_that_meets_the_threshold(files: dict[str, bytes]) -> None:
    d = docx.Document(io.BytesIO(files["business_case.docx"]))
    options = d.tables[0]
    header = [c.text for c in options.rows[0].cells]
    assert header[:2] == ["Option", "Target year"] and "Main risks" in header
    rows = [dict(zip(header, (c.text for c in r.cells), strict=True)) for r in options.rows[1:]]
    assert [r["Option"] for r in rows] == [
        DO_NOTHING,
        # the edits (referral rate, uptake) are demand, so the Long Term Plan's levers against the pack's
        # demand are the edited scenario itself, named as edited
        "Long Term Plan expansion (edited)",
        "Support-worker-led mix",
        # the pack scenario's least-cost mix (issue 15), said what it is under the ask
        LEAST_COST_TITLE,
    ]
    assert any(p.text == LEAST_COST_NOTE for p in d.paragraphs)
    chance = [int(r["Chance of meeting it, target year"].rstrip("%").split(".")[0]) for r in rows]
    cost = [int(r["Whole-period cost (£)"].lstrip("£").replace(",", "")) for r in rows]
    kept = [i for i, c in enumerate(chance) if c >= 80]
    ask = next(p.text for p in d.paragraphs if p.text.startswith("The ask:"))
    if kept:
        pick = min(kept, key=lambda i: cost[i])
        assert f"£{cost[pick]:,}" in ask
        assert ("no new investment" in ask) == (rows[pick]["Option"] == DO_NOTHING)
    else:
        assert ask.startswith("None of the")
    assert all(r["Required WTE, target year"] and r["Funded WTE, target year"] for r in rows)
    assert all(
        r["Waiting-time target"] in ("reached and held", "reached, then slips", "not reached") for r in rows
    )
    assert all(r["Main risks"].endswith(".") for r in rows)


def test_table_header_rows_are_marked_and_every_image_has_alt_text(files: dict[str, bytes]) -> None:
    d = docx.Document(io.BytesIO(files["business_case.docx"]))
    with_header = [t for t in d.tables if t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(with_header) >= 8  # options, gaps ×2, trajectory, waiting, costs, sensitivity, assumptions
    assert d.tables[0].rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None  # the options appraisal
    xml = ElementTree.tostring(d.element.body, encoding="unicode")
    pictures = re.findall(r"<wp:docPr [^>]*>", xml)
    assert all('descr="' in p and 'descr=""' not in p for p in pictures)


def test_assumptions_cite_publisher_title_year_and_link_or_say_assumption(files: dict[str, bytes]) -> None:
    d = docx.Document(io.BytesIO(files["business_case.docx"]))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Parameter")
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in table.rows[1:]}
    assert rows["Referral rate now"][1] == (
        "QOF 2021/22, 36.9% of the eligible population referred (NHS England PR workforce guidance). "
        "Source: NHS England, Guidance for growing and developing the pulmonary rehabilitation multidisciplinary "
        "team (2024). https://www.england.nhs.uk/long-read/pulmonary-rehabilitation-workforce/"
    )
    assert rows["Referral rate in the target year"][0] == "50% of the eligible population referred per year"
    assert rows["Population served"][1].startswith("Assumption: ")
    band_table = next(t for t in d.tables if t.rows[0].cells[0].text == "Activity")
    header = [c.text for c in band_table.rows[0].cells]
    assert header[1:4] == ["Band 3", "Band 4", "Band 5"]
    lead = [c.text for c in band_table.rows[1].cells]
    assert lead[0] == "Lead the supervised exercise class"
    assert lead[header.index("Band 5")] == "30.0%" and lead[header.index("Band 6")] == "50.0%"
    allocation = rows["Share of each activity's hours by band"][0]
    assert allocation.startswith("Lead the supervised exercise class: Band 5 30%, Band 6 50%, Band 7 20%")
    assert all(
        src.startswith("Assumption") or re.search(r"\(\d{4}\)|https://", src) or src
        for _, src in rows.values()
    )


def test_the_pack_carries_what_rebuilds_it(files: dict[str, bytes]) -> None:
    rebuilt = scenario_from_text(files["scenario.yaml"].decode())
    assert rebuilt["referral_rate_target"] == 0.5 and rebuilt["uptake"] == 0.55
    description = yaml.safe_load(files["scenario.yaml"])["description"]
    assert "60% of the eligible population referred per year (default" not in description
    assert "Referral rate in the target year: 50% of the eligible population referred per year" in description
    d = docx.Document(io.BytesIO(files["business_case.docx"]))
    pairs = {r.cells[0].text: r.cells[1].text for t in d.tables[-1:] for r in t.rows}
    assert pairs["Monte Carlo"] == f"{RUNS} runs, seed 4"
    assert pairs["Code version"].startswith("Skill Mix Planner 0.")
    versions = dict(data_versions())
    assert (
        pairs["Data file: Expansion model parameters"] == f"version {versions['Expansion model parameters']}"
    )
    assert re.fullmatch(r"[0-9a-f]{12}", versions["Expansion model parameters"])
    assert "Data file: Agenda for Change pay 2025/26" in pairs


def test_the_workbook_has_named_tables_and_number_formats(files: dict[str, bytes]) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(files["business_case.xlsx"]))
    names = {name for ws in wb for name in ws.tables}
    assert {"Summary", "Gaps", "SkillMix", "Trajectory", "Costs", "Parameters"} <= names
    gaps = wb["Gaps"]
    assert gaps.tables["Gaps"].ref.startswith("A3:")
    header = [c.value for c in gaps[3]]
    cost = header.index("Required cost (£ a year)") + 1
    assert gaps.cell(4, cost).number_format == "£#,##0"
    assert gaps.cell(4, header.index("Gap WTE") + 1).number_format == "0.00"
    traj = wb["Trajectory"]
    header = [c.value for c in traj[3]]
    assert traj.cell(4, header.index("Share starting within 90 days") + 1).number_format == "0.0%"
    header = [c.value for c in wb["Skill mix"][3]]
    assert wb["Skill mix"].cell(4, header.index("Share of WTE") + 1).number_format == "0.0%"
    assert wb["Skill mix"].cell(4, header.index("Cost per WTE (£)") + 1).number_format == "£#,##0"
    header = [c.value for c in wb["Costs"][3]]
    assert wb["Costs"].cell(4, header.index("Pay index") + 1).number_format == "0.000"
    header = [c.value for c in wb["Waiting"][3]]
    assert wb["Waiting"].cell(4, header.index("Starters within 90 days (median)") + 1).number_format == "0.0%"
    params = wb["Parameters"]
    header = [c.value for c in params[3]]
    assert "Name" not in header and "Value in words" in header
    assert len(wb["Trajectory"]._charts) == 2 and len(wb["Gaps"]._charts) == 1  # native charts kept


def test_numbers_read_in_their_units_and_gaps_show_band_shortfalls(files: dict[str, bytes]) -> None:
    d = docx.Document(io.BytesIO(files["business_case.docx"]))

    def table(first: str) -> list[dict[str, str]]:
        """The rows of every table whose first header is ``first``."""
        rows = []
        for t in (t for t in d.tables if t.rows[0].cells[0].text == first and len(t.columns) > 2):
            head = [c.text for c in t.rows[0].cells]
            rows += [dict(zip(head, (c.text for c in r.cells), strict=True)) for r in t.rows[1:]]
        return rows

    params = {r["Parameter"]: r["Value"] for r in table("Parameter")}
    assert params["Pay point"] == "the middle pay point of each band"
    assert params["Employer pension basis"] == "the employer rate paid locally (14.38%)"
    sensitivity = {r["Input"]: r for r in table("Input")}
    prevalence = sensitivity["Recorded prevalence of chronic respiratory disease (mainly COPD)"]
    assert prevalence["Low"].endswith("% of the population") and prevalence["High"].endswith(
        "% of the population"
    )
    hold = [r["WTE to hold the target"] for r in table("Year") if "WTE to hold the target" in r]
    assert hold and all(re.fullmatch(r"\d+\.\d", h) for h in hold)
    pay = [r["Pay index"] for r in table("Year") if "Pay index" in r]
    assert pay and all(re.fullmatch(r"\d\.\d{3}", x) for x in pay) and pay[0] == "1.025"
    years = [r for r in table("Year") if "Band shortfalls WTE" in r]
    assert years and all(float(r["Band shortfalls WTE"]) >= max(float(r["Gap WTE"]), 0) - 1e-9 for r in years)
    key = {r.cells[0].text: r.cells[1].text for t in d.tables for r in t.rows if len(t.columns) == 2}
    gaps = [v for k, v in key.items() if k.startswith("Gap ")]
    assert len(gaps) == 2 and all(
        re.fullmatch(r"[+-]\d+\.\d WTE net; \d+\.\d WTE of band shortfalls", g) for g in gaps
    )


def test_the_workbook_shows_parameter_values_as_entered(files: dict[str, bytes]) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(files["business_case.xlsx"]))
    params = wb["Parameters"]
    header = [c.value for c in params[3]]
    col = header.index("Value") + 1
    assert all(params.cell(r, col).number_format == "General" for r in range(4, params.max_row + 1))
    sens = wb["Sensitivity"]
    header = [c.value for c in sens[3]]
    lows = [sens.cell(r, header.index("Low") + 1).value for r in range(4, sens.max_row + 1)]
    assert all(isinstance(v, str) and "e+" not in v for v in lows if v is not None)
