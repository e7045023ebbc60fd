"""The business case's words: the ask from the options appraisal, readable citations, no file names."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
import yaml

from planner.expansion.scenario import load_defaults
from planner.pack.options import DO_NOTHING, OPTION_COLUMNS, the_ask
from planner.pack.sources import cite, load_citations, readable
from planner.paths import DATA_DIR
from planner.vocab import format_date

pytestmark = pytest.mark.unit


def appraisal(rows: list[tuple[str, float, float]]) -> pd.DataFrame:
    """Options with (name, chance, whole-period cost); the other columns are fixed."""
    return pd.DataFrame(
        [
            {
                "Option": name,
                "Target year": "2028/29",
                "Required WTE, target year": 10.0 + i,
                "Funded WTE, target year": 11.0 + i,
                "Cost in the target year (£)": cost / 3,
                "Whole-period cost (£)": cost,
                "Waiting-time target": "reached and held",
                "Chance of meeting it, target year": chance,
                "Main risks": "",
            }
            for i, (name, chance, cost) in enumerate(rows)
        ],
        columns=list(OPTION_COLUMNS),
    )


def ask(rows: list[tuple[str, float, float]], threshold: float = 0.8) -> str:
    return the_ask(
        appraisal(rows), threshold=threshold, wait="85% within 90 days", price_base="2025/26 prices"
    )[0]


def test_the_cheapest_option_over_the_threshold_is_asked_for() -> None:
    text = ask(
        [(DO_NOTHING, 0.2, 1e6), ("Plan A", 0.85, 3e6), ("Plan B", 0.95, 2.5e6), ("Plan C", 0.79, 1.1e6)]
    )
    assert text.startswith("The ask: fund Plan B. It is the lowest-cost option with a chance of at least 80%")
    assert (
        "(95%): £2,500,000 over the period at 2025/26 prices, with 12.0 WTE required and 13.0 WTE funded"
        in text
    )
    assert text.endswith("in 2028/29. That is £1,500,000 more over the period than doing nothing.")


def test_do_nothing_asks_for_no_new_investment_and_the_threshold_is_a_setting() -> None:
    rows = [(DO_NOTHING, 0.9, 1e6), ("Plan A", 0.99, 3e6)]
    assert ask(rows).startswith("The ask: no new investment: doing nothing (the status quo) is")
    assert ask(rows, threshold=0.95).startswith("The ask: fund Plan A.")


def test_when_no_option_reaches_the_threshold_it_says_so_plainly() -> None:
    text = ask([(DO_NOTHING, 0.1, 1e6), ("Plan A", 0.6, 3e6)])
    assert text.startswith("None of the 2 options reaches a chance of 80% of meeting 85% within 90 days")
    assert "The highest is 60%, for Plan A." in text
    nothing = ask([(DO_NOTHING, math.nan, 1e6)])
    assert nothing.startswith("The model cannot name an option: the Monte Carlo was not run")


def test_every_source_a_data_file_names_has_a_readable_citation() -> None:
    used = {p.source for p in load_defaults().values() if p.source}
    policy = yaml.safe_load((DATA_DIR / "skill_mix_policy.yaml").read_text(encoding="utf-8"))
    used |= set(policy.get("sources") or {})
    used |= set(
        yaml.safe_load((DATA_DIR / "pay" / "afc_2025_26.yaml").read_text(encoding="utf-8"))["sources"]
    )
    citations = load_citations()
    assert sorted(used - set(citations)) == []
    for key in used:
        c = citations[key]
        assert c.publisher and c.title and (c.year is None or 1990 < c.year < 2030), key
        assert c.link is None or c.link.startswith("http"), key


def test_a_citation_reads_publisher_title_year_and_link() -> None:
    assert cite("https://www.nice.org.uk/guidance/qs10") == (
        "National Institute for Health and Care Excellence, Chronic obstructive pulmonary disease in adults "
        "(quality standard QS10) (2016). https://www.nice.org.uk/guidance/qs10"
    )
    assert cite("seeds/000_956e9994e3584b42.txt").startswith("British Thoracic Society, A professional")
    assert cite("unknown_id") == "source on record, not yet cited"
    assert cite(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Placeholder (domain.md section 8); no source.", "Placeholder (our research notes); no source."),
        ("policy (data/skill_mix_policy.yaml) allows", "policy (the skill-mix policy) allows"),
        ("Encoded from seeds/000_956e9994e3584b42.txt, line 154.", "Encoded from the source document."),
        ("Pay (data/pay/afc_2025_26.yaml).", "Pay (the NHS Employers pay tables)."),
        ("The BTS draft (seed 000) attributes", "The BTS draft attributes"),
        ("a band 3 assistant (ARRS HCSW is band 3, seed 003).", "a band 3 assistant (ARRS HCSW is band 3)."),
        (
            "Framework (draft V4.5), encoded from seed 004.",
            "Framework (draft V4.5), from the source document.",
        ),
        ("its total replaces `waiting_list_now`.", "its total replaces people waiting to start now."),
        ("its total replaces waiting_list_now.", "its total replaces people waiting to start now."),
    ],
)
def test_readable_takes_file_names_out(text: str, expected: str) -> None:
    assert readable(text) == expected
    assert not re.search(r"\w_\w|\.ya?ml|\.md|\.txt|seed \d", readable(text))


def test_format_date_is_the_same_in_every_locale() -> None:
    import datetime as dt

    assert format_date(dt.date(2026, 11, 26)) == "26 Nov 2026"
    assert format_date(dt.datetime(2027, 1, 5, 13, 0)) == "5 Jan 2027"
