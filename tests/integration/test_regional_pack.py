"""The regional business case: no count of staff from 1 to the threshold survives in any exported table
(opened with openpyxl and python-docx), shown totals add up, and ``planner pack`` builds it for a region."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest

from planner import export, samples
from planner.cli import main
from planner.expansion.scenario import load_scenario
from planner.export.suppress import SYMBOL
from planner.ingest.services import read_services
from planner.pack.regional import DOCX, XLSX, build_regional_pack
from planner.paths import SAMPLES_DIR
from planner.views.region import IN_POST_COLUMNS, PEOPLE, REGION, SERVICE
from planner.views.session import read_team

pytestmark = pytest.mark.integration

REGION_FILE = SAMPLES_DIR / samples.SAMPLE_REGION_FILE
AS_OF = date(2026, 11, 1)


def _region(small_service: str | None = None, keep: int = 3):
    data, name = samples.sample_region_bytes()
    roster = read_team(data, name)
    scenario = load_scenario(None)
    table = read_services(data, name, scenario.parameters, in_roster=True).table
    if small_service is not None:  # cut one service to a handful of people
        staff = roster.staff
        ids = staff.loc[staff["service"] == small_service, "staff_id"].drop_duplicates().iloc[keep:]
        roster = replace(roster, staff=staff[~staff["staff_id"].isin(ids)].reset_index(drop=True))
    return roster, scenario, table


def _xlsx_tables(data: bytes) -> dict[str, pd.DataFrame]:
    """Every sheet's table: the row with 'Service' or 'Year' or 'Measure' as its header, down to a blank row."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    out = {}
    for ws in wb:
        rows = list(ws.iter_rows(values_only=True))
        head = next(i for i, r in enumerate(rows) if r[0] in ("Service", "Year", "Measure", "Rank", "Group"))
        body = []
        for r in rows[head + 1 :]:
            if all(v is None for v in r):
                break
            body.append(r)
        out[ws.title] = pd.DataFrame(body, columns=rows[head])
    return out


def _docx_tables(data: bytes) -> list[pd.DataFrame]:
    d = docx.Document(io.BytesIO(data))
    return [
        pd.DataFrame(
            [[c.text for c in r.cells] for r in t.rows[1:]], columns=[c.text for c in t.rows[0].cells]
        )
        for t in d.tables
    ]


def _number(v: object) -> float | None:
    if v is None or v == SYMBOL or v == "":
        return None
    try:
        return float(str(v).replace(",", "").replace("£", ""))
    except ValueError:
        return None


def _check_people(table: pd.DataFrame, threshold: int) -> None:
    people = [_number(v) for v in table[PEOPLE]]
    assert not [p for p in people if p is not None and 1 <= p <= threshold]
    hidden = [i for i, v in enumerate(table[PEOPLE]) if str(v) == SYMBOL]
    assert len([i for i in hidden if table[SERVICE].iloc[i] != REGION]) != 1
    for i in hidden:
        assert [str(table[c].iloc[i]) for c in IN_POST_COLUMNS] == [SYMBOL] * 4
    # shown totals add up: where no service is hidden, the shown services sum to the Region row
    body, total = people[:-1], people[-1]
    if total is not None and None not in body:
        assert sum(body) == total


@pytest.fixture(scope="module")
def small_pack():
    roster, scenario, table = _region("Westmoor PR", keep=3)
    pack = build_regional_pack(roster, scenario, table, as_of=AS_OF, runs=0, roster_name="Test region")
    return roster, zipfile.ZipFile(io.BytesIO(pack.data))


def test_no_small_count_survives_in_the_workbook(small_pack) -> None:
    roster, z = small_pack
    tables = _xlsx_tables(z.read(XLSX))
    services = tables["Services"]
    assert services[SERVICE].tolist()[-1] == REGION
    westmoor = services.set_index(SERVICE).loc["Westmoor PR"]
    assert westmoor[PEOPLE] == SYMBOL and westmoor["In-post WTE"] == SYMBOL
    assert isinstance(westmoor["Required WTE"], float)  # modelled figures stay
    _check_people(services, 7)
    hidden = services[services[PEOPLE] == SYMBOL][SERVICE].tolist()
    assert len(hidden) == 2  # Westmoor and one more, so the Region total cannot give Westmoor back
    # the shown Region total is the true number of people in post
    assert services.set_index(SERVICE).loc[REGION, PEOPLE] == roster.staff["staff_id"].nunique()
    ranking = tables["Ranking"].set_index(SERVICE)
    assert all(ranking.loc[s, "Shortfall WTE (sum of band shortfalls)"] == SYMBOL for s in hidden)
    summary = tables["Summary"].set_index("Measure")
    assert summary.loc["People in post", "Value"] == str(roster.staff["staff_id"].nunique())
    # no sheet anywhere shows a staff count from 1 to 7 under a people header
    for name, t in tables.items():
        for col in [c for c in t.columns if c and "People" in str(c) and name != "Parameters"]:
            assert not [v for v in t[col] if (n := _number(v)) is not None and 1 <= n <= 7], (name, col)


def test_no_small_count_survives_in_the_document(small_pack) -> None:
    _, z = small_pack
    tables = [t for t in _docx_tables(z.read(DOCX)) if PEOPLE in t.columns]
    assert len(tables) == 1
    _check_people(tables[0], 7)
    assert tables[0].set_index(SERVICE).loc["Westmoor PR", PEOPLE] == SYMBOL
    if export.browser_path() is not None:  # the charts need Chromium; the tables never do
        names = set(z.namelist())
        assert {"charts/region-ranking.png", "charts/region-trajectory.svg"} <= names
    readme = z.read("README.txt").decode()
    assert "1 to 7 are shown as *" in readme and "our choice" in readme
    assert "Aggregates only" in readme


def test_the_cli_builds_the_regional_pack_and_refuses_without_populations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "region.zip"
    code = main(
        [
            "pack",
            str(REGION_FILE),
            "--runs",
            "0",
            "--as-of",
            "2026-11-01",
            "--suppress",
            "10",
            "--out",
            str(out),
        ]
    )
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert "regional_business_case.xlsx" in printed and "regional pack" in printed
    tables = _xlsx_tables(zipfile.ZipFile(out).read(XLSX))
    _check_people(tables["Services"], 10)
    assert tables["Services"].set_index(SERVICE).loc["Westmoor PR", PEOPLE] == SYMBOL  # 9 people
    bad = tmp_path / "services.csv"
    bad.write_text("Service,Population\nNorth Shore PR,100000\nWestmor PR,50000\n")
    code = main(
        ["pack", str(REGION_FILE), "--runs", "0", "--services", str(bad), "--out", str(tmp_path / "x.zip")]
    )
    _, err = capsys.readouterr()
    assert code == 2
    assert "Did you mean 'Westmoor PR'?" in err and "Riverside PR" in err and "Traceback" not in err
    assert not (tmp_path / "x.zip").exists()


def test_planner_project_suppress_hides_small_services_in_its_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["project", "--roster", str(REGION_FILE), "--runs", "0", "--as-of", "2026-11-01"]
    code = main([*base, "--suppress", "10"])
    out, _ = capsys.readouterr()
    assert code == 0
    lines = {line.split(":")[0].strip(): line for line in out.splitlines() if line.startswith("  ")}
    assert lines["Westmoor PR"].split(": ", 1)[1].startswith("* people; ")
    assert ", * in post, * gap, * short;" in lines["Westmoor PR"]
    hidden = [s for s, line in lines.items() if ": * people" in line]
    assert len(hidden) == 2 and "Region" not in hidden
    assert "Region: 103 people" in lines["Region"]
    assert "1 to 10 are shown as *" in out
    code = main([*base, "--suppress", "7", "--json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "--json" in err


def test_a_region_of_a_handful_of_people_hides_its_totals_and_trajectory_too() -> None:
    from planner.expansion.region import model_region
    from planner.pack.regional import regional_tables

    roster, scenario, table = _region()
    staff = roster.staff
    keep = []
    for service, n in (("Westmoor PR", 2), ("Hillcrest PR", 3)):
        keep += staff.loc[staff["service"] == service, "staff_id"].drop_duplicates().iloc[:n].tolist()
    small = staff[staff["staff_id"].isin(keep)].reset_index(drop=True)
    two = table[table["service"].isin(["Westmoor PR", "Hillcrest PR"])].reset_index(drop=True)
    result = model_region(small, None, two, scenario, as_of=AS_OF, runs=0)
    view, tables = regional_tables(result, small, 7)
    from planner.views.region import suppressed_headline

    assert "against * WTE in post" in suppressed_headline(view, 7)
    assert f"against {result.region.in_post_wte:,.1f} WTE in post" in view.headline
    services = tables["Services"]
    assert services[PEOPLE].tolist() == [SYMBOL, SYMBOL, SYMBOL]  # 2, 3 and the Region's 5
    assert services["Required WTE"].iloc[-1] != SYMBOL  # modelled: shown
    trajectory = tables["Trajectory"]
    assert set(trajectory["In post WTE"]) == {SYMBOL} and set(trajectory["Gap WTE"]) == {SYMBOL}
    assert SYMBOL not in set(trajectory["Required WTE"])
    summary = tables["Summary"].set_index("Measure")
    assert summary.loc["People in post", "Value"] == SYMBOL and summary.loc["In-post WTE", "Value"] == SYMBOL


def test_pooled_asks_for_the_single_service_pack_on_purpose(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "pooled.zip"
    code = main(
        ["pack", str(REGION_FILE), "--pooled", "--runs", "0", "--as-of", "2026-11-01", "--out", str(out)]
    )
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert "regional pack" not in printed
    names = zipfile.ZipFile(out).namelist()
    assert "business_case.xlsx" in names and XLSX not in names


def test_the_pack_lists_each_service_s_own_values_and_marks_the_unused_region_values(small_pack) -> None:
    _, z = small_pack
    tables = _xlsx_tables(z.read(XLSX))
    own = tables["Per-service values"]
    assert list(own.columns) == ["Service", "Parameter", "Value", "Source"]
    north = own[own["Service"] == "North Shore PR"].set_index("Parameter")
    assert north.loc["Population served", "Value"].replace(",", "").startswith("1117000")
    assert north.loc["Population served", "Source"].startswith("Services sheet, row 2: Synthetic")
    assert north.loc["People waiting to start now", "Value"].startswith("90")
    assert set(own["Service"]) == set(tables["Services"][SERVICE]) - {REGION}
    params = tables["Parameters"].set_index("Parameter")
    params.index = params.index.str.replace(" (assumption)", "")
    for label in ("Population served", "People waiting to start now"):  # every service sets its own
        assert params.loc[label, "Value"] == "set per service"
        assert "per-service values" in params.loc[label, "Source, or why it is an assumption"]
    assert params.loc["Referral rate now", "Value"] != "set per service"  # no service sets it
    doc = _docx_tables(z.read(DOCX))
    per_service = [t for t in doc if list(t.columns) == ["Service", "Parameter", "Value", "Source"]]
    assert len(per_service) == 1 and "Services sheet, row 7" in " ".join(per_service[0]["Source"])
    assumptions = next(t for t in doc if "Source, or why it is an assumption" in t.columns)
    pop = assumptions.set_index("Parameter").loc["Population served", "Value"]
    assert pop == "set per service" and "1,000,000" not in " ".join(assumptions["Value"])


#: Headers whose figures come from the staff in post, so they hide with the service's count of people.
_STAFF_WORDS = ("people in post", "in-post", "in post", "gap", "shortfall")


def _no_leak(name: str, table: pd.DataFrame, hidden: set[str], threshold: int = 7) -> None:
    """No count of people 1..threshold anywhere; a hidden service's staff-linked figures hidden too."""
    for col in table.columns:
        if "people" in str(col).lower() and name not in ("Parameters", "Per-service values"):
            small = [v for v in table[col] if (n := _number(v)) is not None and 1 <= n <= threshold]
            assert not small, (name, col, small)
    if SERVICE not in table.columns:
        return
    staff_cols = [c for c in table.columns if any(w in str(c).lower() for w in _STAFF_WORDS)]
    for _, row in table[table[SERVICE].isin(hidden)].iterrows():
        for col in staff_cols:
            assert str(row[col]) == SYMBOL, (name, row[SERVICE], col, row[col])


def test_every_exported_table_hides_small_counts_and_their_figures(small_pack) -> None:
    _, z = small_pack
    sheets = _xlsx_tables(z.read(XLSX))
    services = sheets["Services"]
    hidden = set(services[services[PEOPLE] == SYMBOL][SERVICE])
    assert hidden and "Westmoor PR" in hidden
    assert set(sheets) == {"Summary", "Services", "Ranking", "Trajectory", "Parameters", "Per-service values"}
    for name, table in sheets.items():
        _no_leak(name, table, hidden)
    doc = _docx_tables(z.read(DOCX))
    assert len(doc) == 6
    for i, table in enumerate(doc):
        _no_leak(f"document table {i + 1}", table, hidden)
    # the hidden services' cost of the staff in post is hidden wherever it appears
    assert set(services.set_index(SERVICE).loc[sorted(hidden), "In-post cost (£ a year)"]) == {SYMBOL}


def test_hidden_services_are_not_ranked_but_listed_after_the_ranked_ones(small_pack) -> None:
    _, z = small_pack
    sheets = _xlsx_tables(z.read(XLSX))
    services = sheets["Services"]
    hidden = sorted(services[services[PEOPLE] == SYMBOL][SERVICE])
    ranking = sheets["Ranking"]
    n = len(ranking) - len(hidden)
    assert ranking["Rank"].tolist() == [*range(1, n + 1), *["not ranked: small numbers"] * len(hidden)]
    assert ranking[SERVICE].tolist()[n:] == hidden  # name order: no place to read a figure from
    shown = [float(v) for v in ranking["Shortfall WTE (sum of band shortfalls)"][:n]]
    assert shown == sorted(shown, reverse=True) and shown[0] == pytest.approx(4.52, abs=0.01)
    top = sheets["Summary"].set_index("Measure").loc["Where investment does most", "Value"]
    assert top == ranking[SERVICE].iloc[0] and top not in hidden  # Westmoor's shortfall ranks first, unshown
    doc_rank = next(t for t in _docx_tables(z.read(DOCX)) if "Rank" in t.columns)
    assert doc_rank[SERVICE].tolist() == ranking[SERVICE].tolist()
    words = docx.Document(io.BytesIO(z.read(DOCX))).paragraphs
    assert "Westmoor PR" not in next(p.text for p in words if "Investment" in p.text)
