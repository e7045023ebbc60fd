"""The business-case pack end to end on the sample team: members, workbook values against the model
functions, native charts, the Word document, privacy, formula neutralising, and LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from _pdf import Squashed, squash

from planner import coverage, export
from planner.captions import coverage as captions
from planner.captions import expansion as expansion_captions
from planner.captions import skillmix as skillmix_captions
from planner.captions import words
from planner.charts import expansion as ce
from planner.expansion import projection
from planner.expansion.scenario import load_scenario
from planner.ingest.read import RosterRead
from planner.pack.build import build_pack
from planner.pack.contents import CHART_LIST
from planner.pack.expansion import assumptions_table
from planner.pack.render import ImageJob, ImageStream, render_images
from planner.pack.sources import cite
from planner.pack.workbook import SHEETS
from planner.reference import frameworks
from planner.samples import SAMPLE_AS_OF
from planner.skillmix import mix as skillmix
from planner.views.session import sample_roster

pytestmark = pytest.mark.integration

REQUIRE = os.environ.get("PLANNER_REQUIRE_BROWSER") == "1"
HAS_BROWSER = export.browser_path() is not None
needs_browser = pytest.mark.skipif(not HAS_BROWSER and not REQUIRE, reason="Chromium not installed")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
HOSTILE = '=HYPERLINK("http://x","y")'
NAME = "Sample team (synthetic)"
SCENARIO = "long_term_plan"
RUNS = 500


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture(scope="module")
def roster() -> RosterRead:
    return sample_roster()


@pytest.fixture(scope="module")
def pack(roster: RosterRead) -> dict[str, bytes]:
    result = build_pack(
        roster, load_scenario(SCENARIO), as_of=SAMPLE_AS_OF, runs=RUNS, seed=3, roster_name=NAME
    )
    files = members(result.data)
    assert [m.name for m in result.members] == list(files)
    assert [m.size for m in result.members] == [len(b) for b in files.values()]
    return files


@pytest.fixture(scope="module")
def model(roster: RosterRead) -> projection.Projection:
    """The same projection the pack should contain, from the model functions directly."""
    staff = roster.staff[["staff_id", "band", "wte", "function"]]
    return projection.project(
        load_scenario(SCENARIO), staff, as_of=SAMPLE_AS_OF, runs=RUNS, seed=3, roster_name=NAME
    )


def workbook(files: dict[str, bytes], name: str = "business_case.xlsx") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(files[name]))


def table(ws: openpyxl.worksheet.worksheet.Worksheet) -> pd.DataFrame:
    """The table under the title line: header on row 3, rows until the first empty first cell."""
    header = [c.value for c in ws[3] if c.value is not None]
    rows = []
    for row in ws.iter_rows(min_row=4, max_col=len(header), values_only=True):
        if row[0] is None:
            break
        rows.append(row)
    return pd.DataFrame(rows, columns=header)


# --- members ---------------------------------------------------------------------------------------


@needs_browser
def test_members_are_the_charts_workbook_document_and_readme(pack: dict[str, bytes]) -> None:
    charts = [f"charts/{key}.{ext}" for key, _ in CHART_LIST for ext in ("png", "svg")]
    assert list(pack) == ["README.txt", *charts, "business_case.xlsx", "business_case.docx", "scenario.yaml"]
    for key, _ in CHART_LIST:
        png = pack[f"charts/{key}.png"]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">I", png[16:20])[0] == 2000  # 1000 CSS pixels at 2x
        svg = pack[f"charts/{key}.svg"].decode("utf-8")
        assert svg.count("<title>") >= 1 and 'role="img"' in svg
        assert "#000001" not in svg  # no Streamlit placeholder colour


def test_readme_says_what_each_file_is_the_date_sources_and_aggregates_only(pack: dict[str, bytes]) -> None:
    text = pack["README.txt"].decode("utf-8")
    assert "Data as of: 1 Nov 2026" in text
    assert "aggregates only: no staff names and no staff ids" in text
    assert "may hold one person" in " ".join(text.split())
    assert "Sources" in text and "sheet Parameters" in text
    for name in pack:
        assert name in text  # every member is described


# --- the workbook against the model functions --------------------------------------------------------


def test_workbook_has_the_sheets_formatted(pack: dict[str, bytes]) -> None:
    wb = workbook(pack)
    assert wb.sheetnames == list(SHEETS)
    for ws in wb:
        assert ws.freeze_panes == "A4", ws.title  # header row 3 frozen under the title
        assert ws["A3"].font.b, ws.title
    gaps = wb["Gaps"]
    wte_col = [c.value for c in gaps[3]].index("Gap WTE") + 1
    assert gaps.cell(row=4, column=wte_col).number_format == "0.00"
    cost_col = [c.value for c in gaps[3]].index("Required cost (£ a year)") + 1
    assert gaps.cell(row=4, column=cost_col).number_format == "£#,##0"


def test_summary_names_the_roster_date_and_says_aggregates_only(
    pack: dict[str, bytes], roster: RosterRead
) -> None:
    summary = table(workbook(pack)["Summary"])
    values = dict(zip(summary["Measure"], summary["Value"], strict=True))
    assert values["Service / roster"] == NAME
    assert values["Data as of"] == "1 Nov 2026"
    assert values["Contents"] == "Aggregates only"
    st = coverage.statuses(
        roster.staff,
        roster.competencies,
        frameworks.get("bts"),
        SAMPLE_AS_OF,
        cross_cutting=coverage.cross_cutting_framework(),
    )
    totals = coverage.overall(st)
    notes = dict(zip(summary["Measure"], summary["Caption or note"], strict=True))
    assert values["Competency coverage (verified)"] == words.pct(totals["coverage"])
    assert notes["Competency coverage (verified)"] == captions.overall_caption(totals)
    share = skillmix.registered_share(roster.staff)
    assert notes["Registered share of WTE"] == skillmix_captions.registered_caption(share)


def test_coverage_sheet_equals_the_coverage_functions(pack: dict[str, bytes], roster: RosterRead) -> None:
    st = coverage.statuses(
        roster.staff,
        roster.competencies,
        frameworks.get("bts"),
        SAMPLE_AS_OF,
        cross_cutting=coverage.cross_cutting_framework(),
    )
    sheet = table(workbook(pack)["Coverage"])
    team = sheet[sheet["Group"] == "Team"].iloc[0]
    totals = coverage.overall(st)
    assert team["Required"] == totals["required"]
    assert team["Verified"] == totals["verified"]
    assert team["Coverage (verified share)"] == pytest.approx(totals["coverage"])
    band = coverage.by_band(st)
    band = band[(band["required"] > 0) | (band["people"] > 0)]
    rows = sheet[sheet["Group"] == "Band"]
    assert rows["Category"].tolist() == band["band_label"].tolist()
    assert rows["Verified"].tolist() == band["verified"].tolist()
    assert rows["Coverage (verified share)"].tolist() == pytest.approx(band["coverage"].tolist())
    domains = coverage.by_domain(st)
    used = domains[domains["required"] > 0]
    got = sheet[sheet["Group"] == "Domain"].set_index("Category")["Required"]
    assert {k: got[k] for k in used["domain_id_label"]} == dict(
        zip(used["domain_id_label"], used["required"], strict=True)
    )


def test_gaps_and_trajectory_equal_the_projection(
    pack: dict[str, bytes], model: projection.Projection
) -> None:
    wb = workbook(pack)
    gaps = table(wb["Gaps"])
    expected = model.gap_by_band[
        (model.gap_by_band["required_wte"] > 0) | (model.gap_by_band["in_post_wte"] > 0)
    ]
    band = gaps[gaps["By"] == "Band"]
    assert band["Category"].tolist() == expected["label"].tolist()
    assert band["Gap WTE"].tolist() == pytest.approx(expected["gap_wte"].tolist())
    assert band["Gap (people at typical WTE)"].tolist() == pytest.approx(expected["gap_people"].tolist())
    func = gaps[gaps["By"] == "Function"]
    assert func["Required WTE"].tolist() == pytest.approx(model.gap_by_function["required_wte"].tolist())
    assert func["In post WTE"].tolist() == pytest.approx(model.gap_by_function["in_post_wte"].tolist())

    traj = table(wb["Trajectory"])
    s = model.trajectory.summary
    assert traj["Year"].tolist() == s["year"].tolist()
    assert traj["Gap WTE"].tolist() == pytest.approx(s["gap_wte"].tolist())
    assert traj["Required cost (£ a year)"].tolist() == pytest.approx(s["required_cost"].tolist())
    p95 = model.uncertainty.percentiles["gap_wte"]["p95"]
    assert traj["Gap WTE, 95th percentile of runs"].tolist() == pytest.approx(p95.tolist())
    summary = table(wb["Summary"])
    notes = dict(zip(summary["Measure"], summary["Caption or note"], strict=True))
    gap_caption = expansion_captions.gap_trajectory_caption(model)
    assert notes[f"Gap at the end of {model.trajectory.years[-1]}"] == gap_caption


def test_skill_mix_sheet_equals_the_skillmix_functions(pack: dict[str, bytes], roster: RosterRead) -> None:
    sheet = table(workbook(pack)["Skill mix"])
    by_band = skillmix.wte_headcount(roster.staff, "band")
    by_band = by_band[by_band["wte"] > 0]
    rows = sheet[sheet["Group"] == "Band"]
    assert rows["WTE"].tolist() == pytest.approx(by_band["wte"].tolist())
    assert rows["Headcount"].tolist() == by_band["headcount"].tolist()
    cost = skillmix.mix_cost(roster.staff, "mid", "employer")
    assert rows["Annual cost (£)"].sum() == pytest.approx(cost["annual_cost"].sum())
    share = skillmix.registered_share(roster.staff)
    team = sheet[sheet["Category"] == "Registered staff in the team"].iloc[0]
    assert team["Share of WTE"] == pytest.approx(share["share"])
    assert sheet.loc[sheet["Category"] == "Target mix", "Share of WTE"].iloc[0] == pytest.approx(0.6)
    ws = workbook(pack)["Skill mix"]
    notes = [c.value for c in ws["A"] if isinstance(c.value, str)]
    ratio = skillmix.supervision_ratio(roster.staff)
    assert any(f"{ratio:.2f}" in n and n.startswith("Supervision ratio") for n in notes)


def test_parameters_sheet_lists_every_parameter_and_marks_assumptions(pack: dict[str, bytes]) -> None:
    sheet = table(workbook(pack)["Parameters"])
    scenario = load_scenario(SCENARIO)
    labels = [p.display_label() for p in scenario.parameters.values()]
    assert sheet["Parameter"].tolist() == labels
    marked = dict(zip(sheet["Parameter"], sheet["Assumption"], strict=True))
    for label, p in zip(labels, scenario.parameters.values(), strict=True):
        assert marked[label] == ("yes" if p.is_assumption else "no"), label
    source = dict(zip(sheet["Parameter"], sheet["Source, or why it is an assumption"], strict=True))
    assert (
        source["Population served (assumption)"]
        == f"Assumption: {scenario.parameters['population'].assumption}"
    )
    dropout = scenario.parameters["dropout"]
    assert (
        source["Drop-out (starters who do not complete)"] == f"{dropout.note} Source: {cite(dropout.source)}"
    )
    assert "Source: Thorax (BMJ), " in source["Drop-out (starters who do not complete)"]
    target = sheet["Parameter"] == "Referral rate in the target year (assumption)"
    assert sheet.loc[target, "Value"].iloc[0] == pytest.approx(0.6)
    assert sheet.loc[target, "Value in words"].iloc[0] == "60% of the eligible population referred per year"


def test_native_excel_charts_refer_to_the_cells(pack: dict[str, bytes]) -> None:
    wb = workbook(pack)
    assert len(wb["Gaps"]._charts) == 1
    assert len(wb["Trajectory"]._charts) == 2
    with zipfile.ZipFile(io.BytesIO(pack["business_case.xlsx"])) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) == 3
    n_bands = int((table(wb["Gaps"])["By"] == "Band").sum())
    assert f"<c:f>Gaps!$B$4:$B${3 + n_bands}</c:f>" in xml[0]  # the band rows only
    assert "<c:f>Trajectory!$A$4:$A$" in xml[1] and "<c:lineChart>" in xml[1]
    assert "Employer cost per year" in xml[2]


# --- the Word document -------------------------------------------------------------------------------


@needs_browser
def test_docx_has_every_chart_with_its_caption_as_alt_text(pack: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(pack["business_case.docx"]))
    alts = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert len(alts) == len(CHART_LIST)
    svg_titles = [
        re.search(r"<title>(.*?)</title>", pack[f"charts/{k}.svg"].decode()).group(1) for k, _ in CHART_LIST
    ]
    assert [a.replace("&", "&amp;").replace("'", "&#x27;") for a in alts] == svg_titles
    figure_captions = [
        p for p in document.paragraphs if p.style.name == "Caption" and "SEQ Figure" in p._p.xml
    ]
    assert len(figure_captions) == len(CHART_LIST)
    assert [p.text.split(": ", 1)[1] for p in figure_captions] == alts


def test_docx_has_the_key_figures_gaps_and_assumptions(
    pack: dict[str, bytes], model: projection.Projection
) -> None:
    document = docx.Document(io.BytesIO(pack["business_case.docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert NAME in text and "1 Nov 2026" in text
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    assumptions = tables[("Parameter", "Value", "Source, or why it is an assumption")]
    expected = assumptions_table(load_scenario(SCENARIO))
    assert len(assumptions.rows) - 1 == len(expected) > 10
    assert [r.cells[0].text for r in assumptions.rows[1:]] == expected["Parameter"].tolist()
    gaps = tables[("Band", "Required WTE", "In post WTE", "Gap WTE", "Gap (people at typical WTE)")]
    used = model.gap_by_band[(model.gap_by_band["required_wte"] > 0) | (model.gap_by_band["in_post_wte"] > 0)]
    assert [r.cells[3].text for r in gaps.rows[1:]] == [f"{g:.2f}" for g in used["gap_wte"]]
    key = next(t for t in document.tables if t.rows[0].cells[0].text == "Service / roster")
    figures = {r.cells[0].text: r.cells[1].text for r in key.rows}
    assert figures["Required WTE now"] == f"{model.requirement.total:.1f}"


# --- privacy -------------------------------------------------------------------------------------------


def texts_of(files: dict[str, bytes]) -> dict[str, str]:
    """Every readable text in every member: XLSX cells (openpyxl) and parts, DOCX text, SVG and README."""
    out = {}
    for name, data in files.items():
        if name.endswith(".xlsx"):
            wb = openpyxl.load_workbook(io.BytesIO(data))
            cells = [
                str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None
            ]
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                parts = [z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")]
            out[name] = "\n".join(cells + parts)
        elif name.endswith(".docx"):
            document = docx.Document(io.BytesIO(data))
            words = [p.text for p in document.paragraphs]
            words += [c.text for t in document.tables for r in t.rows for c in r.cells]
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                words += [z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")]
            out[name] = "\n".join(words)
        elif name.endswith((".svg", ".txt")):
            out[name] = data.decode("utf-8")
    return out


def personal(roster: RosterRead) -> tuple[set[str], set[str]]:
    ids = set(roster.staff["staff_id"].astype(str))
    names = set(roster.staff["name"].dropna().astype(str))
    names |= set(roster.competencies["signed_off_by"].dropna().astype(str))
    return ids, {n for n in names if n.strip()}


def test_default_pack_has_no_staff_name_and_no_staff_id(pack: dict[str, bytes], roster: RosterRead) -> None:
    ids, names = personal(roster)
    assert len(ids) > 10 and len(names) > 10
    texts = texts_of(pack)
    assert {"business_case.xlsx", "business_case.docx", "README.txt"} <= set(texts)
    for member, text in texts.items():
        assert not [i for i in ids if i in text], member
        assert not [n for n in names if n in text], member


def test_names_only_in_people_xlsx_when_asked(roster: RosterRead, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "browser_path", lambda: None)  # images are not what this test is about
    result = build_pack(
        roster, load_scenario(), as_of=SAMPLE_AS_OF, runs=0, include_names=True, roster_name=NAME
    )
    files = members(result.data)
    assert "people.xlsx" in files
    ids, _ = personal(roster)
    people = table(workbook(files, "people.xlsx")["People"])
    assert set(people["Staff ID"]) == ids
    staff_names = set(roster.staff["name"].dropna().astype(str))
    assert set(people["Name"].dropna()) == staff_names
    gaps = table(workbook(files, "people.xlsx")["Gaps"])
    assert set(gaps["Status"]) <= {"Self-assessed", "Expired", "In progress", "Missing"}
    for member, text in texts_of({k: v for k, v in files.items() if k != "people.xlsx"}).items():
        assert not [i for i in ids if i in text], member
        assert not [n for n in staff_names if n in text], member
    assert "people.xlsx" in files["README.txt"].decode()


# --- formula injection, no browser, LibreOffice ---------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(roster: RosterRead) -> dict[str, bytes]:
    """A pack from a roster whose service (and display name) is a formula, built without a browser."""
    staff = roster.staff.assign(service=HOSTILE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(export, "browser_path", lambda: None)
        result = build_pack(
            dataclasses.replace(roster, staff=staff),
            load_scenario(),
            as_of=SAMPLE_AS_OF,
            runs=0,
            roster_name=HOSTILE,
        )
    assert result.warnings == ["Chromium was not found, so the pack has no chart images."]
    return members(result.data)


def test_formula_text_is_written_as_text(hostile: dict[str, bytes]) -> None:
    assert not [n for n in hostile if n.startswith("charts/")]
    assert "Chromium was not found" in hostile["README.txt"].decode()
    wb = workbook(hostile)
    found = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    found.append(cell)
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    if cell.value.startswith("="):
                        assert cell.quotePrefix, (ws.title, cell.coordinate)
    sheets = {c.parent.title for c in found}
    assert {"Summary", "Skill mix"} <= sheets  # the roster name and the service row
    with zipfile.ZipFile(io.BytesIO(hostile["business_case.xlsx"])) as z:
        for part in (n for n in z.namelist() if n.startswith("xl/worksheets/")):
            assert "<f>" not in z.read(part).decode(), part
    document = docx.Document(io.BytesIO(hostile["business_case.docx"]))
    assert any(HOSTILE in p.text for p in document.paragraphs)
    assert not list(document.inline_shapes)


def convert(files: dict[str, bytes], names: list[str], tmp: Path) -> dict[str, Squashed]:
    assert SOFFICE and PDFTOTEXT, "LibreOffice or pdftotext missing"
    paths = []
    for name in names:
        # distinct stems: business_case.xlsx and business_case.docx would both become business_case.pdf
        path = tmp / f"{Path(name).stem}-{Path(name).suffix[1:]}{Path(name).suffix}"
        path.write_bytes(files[name])
        paths.append(path)
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "pdf"),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = {}
    for path in paths:
        pdf = tmp / "pdf" / f"{path.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, proc.stdout + proc.stderr
        out[path.name.replace(f"-{path.suffix[1:]}.", ".")] = squash(
            subprocess.run(
                [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
        )
    return out


lo = pytest.mark.skipif(not (SOFFICE and PDFTOTEXT) and not REQUIRE, reason="LibreOffice/pdftotext missing")


@lo
def test_workbook_and_document_open_in_libreoffice(
    pack: dict[str, bytes], model: projection.Projection, tmp_path: Path
) -> None:
    text = convert(pack, ["business_case.xlsx", "business_case.docx"], tmp_path)
    gap = f"{float(model.trajectory.summary['gap_wte'].iloc[-1]):+.1f} WTE"
    for name in ("business_case.xlsx", "business_case.docx"):
        assert NAME in text[name], name
        assert gap in text[name], name
    assert "Assumptions and sources" in text["business_case.docx"]
    assert "Required, in post and gap by band" in text["business_case.xlsx"]  # a native chart's title


@lo
def test_libreoffice_shows_the_formula_as_text(hostile: dict[str, bytes], tmp_path: Path) -> None:
    text = convert(hostile, ["business_case.xlsx"], tmp_path)["business_case.xlsx"]
    assert HOSTILE in text


# --- the batch renderer ----------------------------------------------------------------------------------


@needs_browser
def test_batch_images_equal_the_ordinary_export(model: projection.Projection) -> None:
    figures = ce.all_figures(model)
    jobs = [
        ImageJob("cost", figures["cost"][0], "png", 800, 500),
        ImageJob("gap", figures["gap"][0], "png", 800, 500),
        ImageJob("gap", figures["gap"][0], "svg", 800, 500, alt=figures["gap"][1]),
    ]
    export.figure_png(figures["required"][0])  # the renderer is running, so every job is batched
    out = render_images(jobs)
    assert out["cost", "png"] == export.figure_png(figures["cost"][0], width=800, height=500)
    assert out["gap", "png"] == export.figure_png(figures["gap"][0], width=800, height=500)
    svg = out["gap", "svg"].decode()
    ordinary = export.figure_svg(figures["gap"][0], width=800, height=500, alt=figures["gap"][1]).decode()
    # Apart from plotly's random element ids and the order d3 happened to set some attributes in,
    # the two SVGs are the same drawing: compare them canonicalised (C14N sorts attributes).
    ids = re.compile(r"[0-9a-f]{6,}")
    assert ids.sub("ID", ElementTree.canonicalize(svg)) == ids.sub("ID", ElementTree.canonicalize(ordinary))
    assert svg.startswith('<svg role="img" aria-label="')


def test_a_figure_that_cannot_be_drawn_fails_its_own_image_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.pack import render

    def ordinary(job: ImageJob) -> bytes:
        if job.key == "bad":
            raise ValueError("Invalid property for a bar trace")
        return f"{job.key}.{job.fmt}".encode()

    monkeypatch.setattr(render, "_ordinary", ordinary)
    monkeypatch.setattr(export, "renderer_running", lambda: False)
    monkeypatch.setattr(ImageStream, "_fast", lambda self, item: item)  # every image the ordinary way
    figure = go.Figure(go.Bar(y=[1]))
    with ImageStream() as stream:
        futures = [stream.submit(ImageJob(k, figure, "png")) for k in ("first", "bad", "last")]
    assert futures[0].result() == b"first.png"
    with pytest.raises(ValueError, match="Invalid property"):
        futures[1].result()
    assert futures[2].result() == b"last.png"


@needs_browser
def test_a_broken_fast_path_falls_back_to_ordinary_calls(
    model: projection.Projection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.pack import render

    figures = ce.all_figures(model)
    export.figure_png(figures["required"][0])  # the renderer is running, so the fast path is tried

    def broken(*args: object, **kwargs: object) -> dict:
        raise RuntimeError("kaleido's page API changed")

    monkeypatch.setattr(render, "sanitised_dict", broken)  # only the fast path calls it from here
    out = render_images([ImageJob("cost", figures["cost"][0], "png", 640, 400)])
    monkeypatch.undo()
    assert out["cost", "png"] == export.figure_png(figures["cost"][0], width=640, height=400)


@needs_browser
def test_images_fall_back_to_one_call_each_when_the_shared_page_fails(
    model: projection.Projection, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = ce.all_figures(model)
    jobs = [
        ImageJob("cost", figures["cost"][0], "png", 640, 400),
        ImageJob("cost", figures["cost"][0], "svg"),
    ]
    export.figure_png(figures["required"][0])
    calls: list[str] = []
    monkeypatch.setattr(ImageStream, "_fast", lambda self, item: calls.append(item[0].fmt) or item)
    out = render_images(jobs)
    assert calls == ["png"]  # tried once, then given up for the stream
    assert out["cost", "png"] == export.figure_png(figures["cost"][0], width=640, height=400)
    assert out["cost", "svg"].startswith(b"<svg")


def test_a_failing_browser_leaves_the_images_out_with_a_warning(
    roster: RosterRead, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*args: object, **kwargs: object) -> bytes:
        raise export.ExportUnavailable("Chromium crashed")

    monkeypatch.setattr(export, "browser_path", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export, "renderer_running", lambda: False)  # so the first image is an ordinary call
    monkeypatch.setattr(export, "figure_png", unavailable)
    monkeypatch.setattr(export, "figure_svg", unavailable)
    result = build_pack(roster, load_scenario(), as_of=SAMPLE_AS_OF, runs=0, roster_name=NAME)
    files = members(result.data)
    assert not [n for n in files if n.startswith("charts/")]
    assert result.warnings == ["Chart images could not be drawn (Chromium crashed); the pack has none."]
    assert "Chromium crashed" in files["README.txt"].decode()
    assert not list(docx.Document(io.BytesIO(files["business_case.docx"])).inline_shapes)
