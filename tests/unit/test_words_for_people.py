"""Words and tables for people (issue 12): dates, sources, codes, table helper, glossary, chart sizing."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from planner import coverage
from planner.captions.glossary import GUIDE_URL, find_terms, link_terms, terms_in
from planner.captions.words import readable
from planner.charts import coverage as cc
from planner.charts import expansion as ce
from planner.expansion import projection
from planner.reference import frameworks
from planner.views.inputs import open_number, range_problem
from planner.views.session import sample_roster
from planner.views.tables import KINDS, code_words, column_specs, for_people, header
from planner.vocab import BANDS, GLOSSARY, format_date

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 11, 26), "26 Nov 2026"),
        (date(2027, 1, 1), "1 Jan 2027"),
        (datetime(2026, 5, 9, 23, 59), "9 May 2026"),
        (pd.Timestamp("2026-09-30"), "30 Sep 2026"),
    ],
)
def test_format_date_is_one_format_whatever_the_locale(day: date, text: str) -> None:
    assert format_date(day) == text


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (
            "interview with a manager, AHP1 (seeds/002_7f53b6e6b8cc01b1.txt, line 154)",
            "interview with a manager, AHP1 (published study of AHP support workers with exercise "
            "qualifications in PR)",
        ),
        ("Placeholder (domain.md section 8)", "Placeholder (our research notes)"),
        ("See research/domain.md.", "See our research notes."),
        (
            "Seed 002 reports support workers",
            "Published study of AHP support workers with exercise "
            "qualifications in PR reports support workers",
        ),
        ("Ratio 1:8 (seed line 171).", "Ratio 1:8."),
        ("Keep this. The UI must present it as such: label it.", "Keep this."),
        (float("nan"), ""),
        (None, ""),
    ],
)
def test_readable_names_documents_not_files(raw: object, want: str) -> None:
    assert readable(raw) == want


def test_no_data_file_text_shown_to_people_names_a_seed_file() -> None:
    from planner.reference import frameworks

    for fw in frameworks.load_all().values():
        text = readable(fw.interpretation or "")
        assert "seeds/" not in text and "domain.md" not in text and "The UI must" not in text


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("band_unknown", "Band unknown"),
        ("wte_out_of_range", "WTE out of range"),
        ("staff_id_missing", "Staff ID missing"),
    ],
)
def test_codes_in_words(code: str, words: str) -> None:
    assert code_words(code) == words


def test_headers_have_no_snake_case() -> None:
    assert header("in_progress") == "In progress" and header("staff_id") == "Staff ID"
    assert header("Gap (people)") == "Gap (people)"  # already in words: kept


def test_for_people_puts_what_matters_first_and_writes_codes_in_words() -> None:
    df = pd.DataFrame(
        {
            "competency_id": ["A-1", "A-2"],
            "text": ["one", "two"],
            "holders": [1, 1],
            "holders_wte": [0.6, 1.0],
            "who": ["S1", "S2"],
            "reason": ["held by one person only (seed line 12)", np.nan],
        }
    )
    out = for_people(df, "spof")
    assert out.columns[0] == "Who" and list(out["Who"]) == ["S1", "S2"]
    assert list(out["Why"]) == ["held by one person only", ""]
    assert not any("_" in c for c in out.columns)
    with pytest.raises(ValueError, match="Unknown table kind"):
        for_people(df, "nonsense")


def test_every_kind_reads_a_coverage_table_without_snake_case() -> None:
    roster = sample_roster()
    st = coverage.statuses(roster.staff, roster.competencies, frameworks.get("bts"), date(2026, 11, 26))
    table = coverage.aggregate(st, ["staff_id", "band", "function"])
    for kind in KINDS:
        out = for_people(table, kind)
        assert all("_" not in c for c in out.columns), kind
        assert set(out["Band"]) <= {f"Band {b}" for b in BANDS}


def test_column_specs_format_money_shares_wte_and_dates_and_carry_definitions() -> None:
    df = pd.DataFrame(
        {
            "Annual cost (£)": [45623.1881],
            "Share of WTE": [0.4],
            "WTE": [1.5],
            "Headcount": [3],
            "Expires on": [pd.Timestamp("2026-12-25")],
            "Band": ["Band 5"],
        }
    )
    specs = column_specs(df)
    assert [specs[c].kind for c in df.columns] == ["money", "share", "wte", "count", "date", "text"]
    wte = next(t for t in GLOSSARY if t.anchor == "wte")
    assert wte.definition in specs["WTE"].help and wte.definition in specs["Share of WTE"].help
    assert specs["Band"].help is None


def test_link_terms_links_the_first_use_of_each_term_only() -> None:
    text = "The team has 6.9 WTE; 2 WTE are self-assessed. Headroom is 22%."
    linked = link_terms(text)
    assert linked.count(f"]({GUIDE_URL}#wte)") == 1
    assert f"[self-assessed]({GUIDE_URL}#verified)" in linked
    assert f"[Headroom]({GUIDE_URL}#headroom)" in linked
    assert linked.replace(f"({GUIDE_URL}#wte)", "").count("WTE") == 2


def test_every_glossary_term_is_found_by_its_own_name() -> None:
    for term in GLOSSARY:
        assert term in terms_in(f"About {term.matches[0]} here."), term.term
    assert find_terms("nothing to see") == []


def test_heatmap_rows_are_at_least_28_px_with_readable_labels() -> None:
    roster = sample_roster()
    st = coverage.statuses(roster.staff, roster.competencies, frameworks.get("bts"), date(2026, 11, 26))
    fig = cc.coverage_heatmap(coverage.aggregate(st, ["band", "domain_id"]), "band", "domain_id")
    rows = len(fig.data[0].y)
    plot_height = fig.layout.height - cc.HEATMAP_TOP - cc.HEATMAP_BOTTOM
    assert plot_height / rows >= 28
    assert fig.data[0].textfont.size >= 12 and fig.layout.yaxis.tickfont.size >= 12
    assert fig.layout.margin.t >= 70  # room for the title above the rotated axis title


def test_the_90_day_axis_ticks_at_round_numbers() -> None:
    roster = sample_roster()
    p = projection.project("status_quo", roster.staff, as_of=date(2026, 11, 26), runs=0)
    axis = ce.waiting_chart(p).layout.yaxis2
    assert list(axis.tickvals) == [0, 20, 40, 60, 80, 100]


def test_a_number_out_of_range_gets_a_message_and_the_model_keeps_its_value() -> None:
    kwargs = {"label": "Patients per class", "min_value": 1, "max_value": 40, "value": 12, "step": 1}
    assert "min_value" not in open_number(kwargs) and open_number(kwargs)["value"] == 12
    msg = range_problem("Patients per class", 0, 1, 40, 12)
    assert msg == "Patients per class must be from 1 to 40, not 0. The model keeps 12 until you change it."
    assert (
        range_problem("Share", 1.5, 0.0, 1.0, 0.35)
        == "Share must be from 0 to 1, not 1.5. The model keeps 0.35 until you change it."
    )
    assert range_problem("Patients per class", 12, 1, 40, 12) is None
    assert range_problem("Optional", None, 1, 40, None) is None
