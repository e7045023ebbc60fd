"""Every page, opened with the sample team, shows no developer text: no snake_case headers, no nan/None.

Words for people (issue 12): a table's headers are words, and what a page writes (captions, markdown,
messages) carries no Python ``nan``/``None``, no file names (``.yaml``) and no repository paths
(``seeds/``, ``data/``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.pack.contents import pack_contents
from planner.views.session import SAMPLE_NAME, sample_roster

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["team", "coverage", "people", "skill_mix", "frameworks", "expansion", "business_case", "guide"]
SNAKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
#: Developer text: a Python missing value as a word, a file name, a repository folder.
DEVELOPER = re.compile(r"\bnan\b|\bNone\b|\.yaml\b|seeds/|\bdata/")
#: File names and repository folders inside a table's cells, and snake_case words in a sentence.
PATHS = re.compile(r"\.yaml\b|seeds/|\bdata/|`[a-z]+(_[a-z0-9]+)+`")


@pytest.fixture(autouse=True)
def importable_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))


def open_page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=180)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    if name == "expansion":
        at.session_state["runs"] = 1_000  # the smallest run count keeps the Monte Carlo quick
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_texts(at: AppTest) -> list[str]:
    """Everything a page writes as text: captions, markdown, headings, messages and metrics."""
    kinds = (
        "caption",
        "markdown",
        "title",
        "header",
        "subheader",
        "info",
        "warning",
        "error",
        "success",
    )
    metrics = [f"{m.label}: {m.value}" for m in at.metric]
    return [str(el.value) for kind in kinds for el in getattr(at, kind)] + metrics


@pytest.mark.parametrize("page", PAGES)
def test_the_page_shows_no_developer_text(page: str) -> None:
    at = open_page(page)
    texts = page_texts(at)
    assert texts, f"nothing written on {page}"
    # The Business case page lists the files of the zip it builds (scenario.yaml, charts/ …): those
    # names are what the user sees on opening the download, so that one list may name files.
    zip_members = "\n".join(f"- {line}" for line in pack_contents(include_names=False))
    texts = [t for t in texts if t != zip_members]
    bad_text = [t for t in texts if DEVELOPER.search(t)]
    assert not bad_text, (page, [DEVELOPER.search(t).group(0) + ": " + t[:160] for t in bad_text])
    headers = [str(c) for el in [*at.dataframe, *at.table] for c in el.value.columns]
    assert not [h for h in headers if SNAKE.match(h)], (page, headers)
    cells = {
        str(v)
        for el in [*at.dataframe, *at.table]
        for v in el.value.select_dtypes(include=["object", "string"]).to_numpy().ravel()
    }
    assert not [v for v in cells if SNAKE.match(v) or v in {"nan", "None", "NaN", "<NA>"}], (page,)
    assert not [v for v in cells if PATHS.search(v)], (page, [v[:160] for v in cells if PATHS.search(v)])


def test_a_planted_snake_case_header_would_be_caught() -> None:
    """The checks are not vacuous: a header like ``staff_id`` and a caption with nan both match."""
    assert SNAKE.match("staff_id") and SNAKE.match("in_progress") and not SNAKE.match("Staff ID")
    assert DEVELOPER.search("Registered share: nan") and DEVELOPER.search("data/parameters/x.yaml")
    assert not DEVELOPER.search("Maintenance and financial planning")
    assert PATHS.search("policy (data/skill_mix_policy.yaml)") and PATHS.search(
        "the `waiting_list_now` people"
    )
