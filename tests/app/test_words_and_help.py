"""AppTests for issue 12: every page's tables read in words, the Guide, its glossary links and the chrome."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner.captions.glossary import GUIDE_URL, link_terms, terms_in
from planner.reference.pay import pension_choices
from planner.views.coverage import coverage_view
from planner.views.session import SAMPLE_NAME, sample_roster
from planner.views.skill_mix import skill_mix_view
from planner.views.tables import column_specs, for_people
from planner.vocab import GLOSSARY

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "pages"
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


@pytest.fixture(autouse=True)
def importable_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))


def open_page(name: str, **state: object) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=120)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def cell_texts(df: pd.DataFrame) -> set[str]:
    texts = df.select_dtypes(include=["object", "string"]).astype(str)
    return set(texts.to_numpy().ravel().tolist())


@pytest.mark.parametrize("page", ["team", "coverage", "skill_mix", "people", "frameworks", "expansion"])
def test_every_table_on_the_page_reads_in_words(page: str) -> None:
    at = open_page(page, runs=1_000) if page == "expansion" else open_page(page)
    tables = [d.value for d in at.dataframe]
    assert tables, f"no table on {page}"
    for df in tables:
        headers = [str(c) for c in df.columns]
        assert not [h for h in headers if SNAKE.match(h) or "_" in h], (page, headers)
        assert not {"nan", "None", "NaN", "<NA>"} & cell_texts(df), (page, headers)


def test_the_team_problems_put_the_message_first_and_codes_in_words() -> None:
    at = open_page("team")
    problems = next(d.value for d in at.dataframe if "What to fix" in d.value.columns)
    assert problems.columns[:2].tolist() == ["Severity", "What to fix"]
    assert set(problems["Severity"]) <= {"Error", "Warning"}
    assert not any(SNAKE.match(str(code)) for code in problems["Problem"])


def test_columns_that_matter_come_first_on_coverage_people_and_skill_mix() -> None:
    cov = open_page("coverage")
    spof = next(d.value for d in cov.dataframe if "Holders' WTE" in d.value.columns)
    assert spof.columns[0] == "Who" and re.match(r"^SYN\d+", spof["Who"].iloc[0])
    people = open_page("people")
    plan = next(d.value for d in people.dataframe if "Action" in d.value.columns)
    assert plan.columns[:2].tolist() == ["Status", "Action"]
    mix = open_page("skill_mix")
    subs = next(d.value for d in mix.dataframe if "Give up" in d.value.columns)
    assert subs.columns[:2].tolist() == ["Name", "Change in cost (£ a year)"]
    cost = next(d.value for d in mix.dataframe if "Annual cost (£)" in d.value.columns)
    assert cost["Band"].iloc[0].startswith("Band ")


def test_skill_mix_has_no_nan_quotes_or_seed_files() -> None:
    at = open_page("skill_mix")
    text = " ".join(e.value for e in [*at.markdown, *at.caption])
    assert "> nan" not in text and "nan" not in re.findall(r"\bnan\b", text)
    assert not re.search(r"seeds?/|\.txt|domain\.md|[Ss]eed \d{3}", text), text


def test_the_london_banner_has_no_developer_instructions() -> None:
    at = open_page("coverage", framework="london")
    banner = " ".join(i.value for i in at.info)
    assert "Our interpretation" in banner
    assert "The UI must" not in banner and "mapping_rules" not in banner


def test_the_guide_offers_the_template_and_defines_every_term(deferred) -> None:
    at = AppTest.from_file(str(PAGES / "guide.py"), default_timeout=60).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == [t.term for t in GLOSSARY]
    assert at.download_button(key="guide_download_template").label == "Download the blank roster template"
    data = next(fn for name, fn in deferred.items() if name.endswith(".xlsx"))()
    assert data[:2] == b"PK"  # a real workbook
    assert len([h for h in at.header]) == 3


def test_the_template_also_downloads_from_the_team_page() -> None:
    at = open_page("team")
    assert at.download_button(key="download_template").label == "Download the blank roster template"


def _captions_and_tables() -> tuple[list[str], list[pd.DataFrame]]:
    roster = sample_roster()
    cov = coverage_view(
        roster.staff, roster.competencies, "bts", date(2026, 11, 26), within_days=90, classes=1
    )
    mix = skill_mix_view(roster.staff, "mid", next(iter(pension_choices())))
    captions = [*cov.captions.values(), *mix.captions.values()]
    tables = [
        for_people(cov.holders, "holders"),
        for_people(cov.expiring, "expiring"),
        for_people(mix.cost, "cost"),
        for_people(mix.by_function, "mix"),
        for_people(mix.substitutions, "substitutions"),
    ]
    return captions, tables


def test_every_glossary_term_in_a_caption_links_to_the_guide() -> None:
    captions, _ = _captions_and_tables()
    used = 0
    for caption in captions:
        linked = link_terms(caption)
        for term in terms_in(caption):
            used += 1
            assert f"]({GUIDE_URL}#{term.anchor})" in linked, (term.term, caption)
    assert used >= 5  # the sample's captions do use glossary terms


def test_every_column_label_using_a_glossary_term_carries_its_definition() -> None:
    _, tables = _captions_and_tables()
    checked = 0
    for table in tables:
        for label, spec in column_specs(table).items():
            for term in terms_in(label):
                checked += 1
                assert spec.help is not None and term.definition in spec.help, label
    assert checked >= 3


def test_every_page_caption_links_to_the_guide() -> None:
    for page in ["team", "coverage", "skill_mix", "people", "frameworks", "expansion", "business_case"]:
        at = open_page(page, runs=1_000)
        assert f"]({GUIDE_URL})" in at.caption[0].value, page


def test_chrome_hides_the_developer_menu_and_names_the_app() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["toolbarMode"] == "viewer"
    app = (ROOT / "app.py").read_text()
    assert 'page_title="Skill Mix Planner"' in app and '"pages/guide.py"' in app
    assert (ROOT / "assets" / "favicon.png").read_bytes()[:4] == b"\x89PNG"


def test_the_app_runs_with_its_icon_and_the_guide_in_the_navigation() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]


def test_zero_patients_per_class_is_refused_beside_the_box() -> None:
    at = AppTest.from_file(str(PAGES / "expansion.py"), default_timeout=180)
    at.session_state["runs"] = 1_000
    at.run()
    box = at.number_input(key="param_class_size")
    assert box.value == 12 and box.min is None  # no browser-side limit that would swallow the entry
    box.set_value(0)
    at.button(key="update_model").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(
        e.startswith("Patients per class") and "must be from 1 to 40, not 0" in e and "keeps 12" in e
        for e in errors
    ), errors
    assert "(edited)" not in " ".join(
        json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")
    )


def test_the_model_run_shows_a_status_with_its_steps() -> None:
    at = AppTest.from_file(str(PAGES / "expansion.py"), default_timeout=180)
    at.session_state["runs"] = 1_000
    at.run()
    assert not at.exception
    assert [s.label for s in at.status] == ["Model run: 1,000 Monte Carlo runs"]
    steps = [m.value for m in at.status[0].markdown]
    assert steps[-1] == "Monte Carlo: 1,000 runs for the fan charts and probabilities" and len(steps) == 5


def test_a_picture_uploaded_as_a_scenario_is_refused_in_words() -> None:
    at = AppTest.from_file(str(PAGES / "expansion.py"), default_timeout=180)
    at.session_state["runs"] = 1_000
    at.run()
    assert not at.file_uploader(key="scenario_upload").allowed_type
    at.file_uploader(key="scenario_upload").upload(
        "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"
    ).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors == [
        "'photo.png' is not a scenario file (it is not text). Upload the .yaml file that 'Download scenario' saves."
    ]
