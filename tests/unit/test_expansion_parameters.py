"""Parameters and scenarios: every default is sourced or labelled, scenarios load, --set errors are clear."""

from __future__ import annotations

import pytest

from planner.expansion.scenario import (
    ParameterError,
    list_scenarios,
    load_defaults,
    load_scenario,
    parse_set,
    scenario_from_text,
)

pytestmark = pytest.mark.unit


def test_every_default_has_a_source_or_an_assumption() -> None:
    params = load_defaults()
    assert len(params) >= 50
    for p in params.values():
        assert p.status in ("V", "D", "U", "A")
        if p.is_assumption:
            assert p.assumption and len(p.assumption) > 20, p.name
            assert p.source_text() == "assumption"
        elif p.status == "V":
            assert p.source and p.source.startswith("http"), p.name
        assert p.help_text().startswith(("Verified", "Derived", "Assumption", "Unverified")), p.name


def test_key_defaults_carry_the_sourced_values() -> None:
    p = load_defaults()
    assert (p["referral_rate"].value, p["referral_rate"].status) == (0.369, "V")
    assert (p["dropout"].value, p["dropout"].plausible) == (0.23, (0.10, 0.42))
    assert (p["headroom"].value, p["headroom"].status, p["headroom"].plausible) == (None, "A", (0.158, 0.336))
    assert (p["sickness_absence"].value, p["other_nonclinical"].value) == (0.05, 0.0)
    assert "counts admin" in (p["other_nonclinical"].assumption or "")
    assert (p["patients_per_staff"].value, p["patients_per_staff"].status) == (8, "U")
    assert p["patients_per_staff"].display_label().endswith("(assumption)")
    assert p["target_share_within_90_days"].value == 0.85
    assert p["target_completion"].value == 0.70
    assert p["target_year"].value == "2028/29"


def test_named_scenarios_load_and_differ_as_described() -> None:
    assert list(list_scenarios()) == ["status_quo", "long_term_plan", "support_worker_led"]
    sq, ltp, sw = (load_scenario(n) for n in list_scenarios())
    assert sq.overrides == {}
    assert ltp["referral_rate_target"] == 0.60
    assert sw["band7_to_band4_shift"] == 0.5 and sw["trainees_per_year"] == 1.0
    assert sw["allocation"]["class_support"] == {"3": 0.4, "4": 0.6}
    assert load_scenario("Long-Term-Plan").title == ltp.title == "Long Term Plan expansion"


def test_scenario_round_trips_through_its_yaml() -> None:
    sc = load_scenario("support_worker_led", headroom=0.25, waiting_list_now=300)
    back = scenario_from_text(sc.to_yaml())
    assert back.values() == sc.values()
    assert back["waiting_list_now"] == 300
    assert (back.name, back.title) == (sc.name, sc.title)
    assert back.key() == sc.key() != load_scenario("support_worker_led").key()


def test_a_file_that_still_sets_target_date_is_read_with_a_warning() -> None:
    """target_date was never used by the model; an old file keeps working and says it was ignored."""
    text = (
        "name: old\ntitle: Old\nheadroom_basis: paid_hours\n"
        "overrides:\n  target_date: 2027-03-31\n  uptake: 0.6\n"
    )
    sc = scenario_from_text(text, source="old.yaml")
    assert sc["uptake"] == 0.6 and "target_date" not in sc.values()
    assert len(sc.warnings) == 1
    assert sc.warnings[0].startswith("old.yaml: parameter 'target_date' (2027-03-31) is no longer used")
    assert "Remove it from the file." in sc.warnings[0]
    with pytest.raises(ParameterError, match="'target_date' is no longer used"):
        load_scenario("status_quo", target_date="2027-03-31")


def test_set_parses_types_and_dotted_names() -> None:
    raw = parse_set(["headroom=0.25", "programme_weeks=8", "target_year=2030/31", "turnover_by_band.6=0.2"])
    sc = load_scenario("status_quo", **raw)
    assert sc["headroom"] == 0.25 and sc["programme_weeks"] == 8 and sc["target_year"] == "2030/31"
    assert sc["turnover_by_band"]["6"] == 0.2 and sc["turnover_by_band"]["7"] == 0.12
    assert load_scenario(None, headroom="25%")["headroom"] == 0.25
    assert load_scenario(None, target_year="2030")["target_year"] == "2030/31"


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["hedroom=0.3"], "unknown parameter 'hedroom'. Did you mean 'headroom'?"),
        (["headroom"], "expected name=value"),
        (["headroom=0.9"], "Parameter 'headroom': 0.9 is outside the allowed range 0 to 0.8"),
        (["headroom=lots"], "Parameter 'headroom': expected a number, found 'lots'"),
        (["programme_weeks=6.5"], "Parameter 'programme_weeks': expected a whole number"),
        (["target_year=2028/30"], "not a financial year"),
        (["pay_point=middle"], "use one of entry, mid, top"),
        (
            ["turnover_by_band.6=2"],
            "Parameter 'turnover_by_band.6': 2.0 is outside the allowed range 0 to 0.6",
        ),
        (["allocation.class_lead.4=0.2"], "band '4' may not do 'class_lead'"),
        (["allocation.class_lead.5=0.5"], "shares sum to 1.2; they must sum to 1"),
        (["target_date=2027-03-31"], "parameter 'target_date' is no longer used: the model judges"),
        (["referral_rate="], "a value is required (0 to 1)"),
    ],
)
def test_set_errors_name_the_parameter_and_the_allowed_range(items: list[str], message: str) -> None:
    with pytest.raises(ParameterError) as err:
        load_scenario("status_quo", **parse_set(items))
    assert message in str(err.value)


def test_unknown_scenario_lists_the_known_ones() -> None:
    with pytest.raises(
        ParameterError, match="known scenarios are status_quo, long_term_plan, support_worker_led"
    ):
        load_scenario("grand_plan")


def test_uploaded_scenario_errors_are_reported() -> None:
    with pytest.raises(ParameterError, match="not readable as YAML"):
        scenario_from_text("overrides: [unclosed")
    with pytest.raises(ParameterError, match="'overrides' must be a mapping"):
        scenario_from_text("overrides: [1, 2]")
    with pytest.raises(ParameterError, match="Did you mean 'uptake'"):
        scenario_from_text("name: x\noverrides:\n  uptak: 0.5\n")
    ok = scenario_from_text("name: mine\ntitle: Mine\noverrides:\n  uptake: 0.5\n")
    assert (ok.title, ok["uptake"], ok.overrides) == ("Mine", 0.5, {"uptake": 0.5})


def test_the_readme_section_lists_every_parameter() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "expansion-model.md").read_text(encoding="utf-8")
    missing = [name for name in load_defaults() if f"`{name}`" not in text]
    assert not missing, f"docs/expansion-model.md does not list: {missing}"


def test_an_overridden_sourced_figure_becomes_an_assumption() -> None:
    default = load_scenario("status_quo").parameters["dropout"]
    assert default.status == "V" and default.source_text().startswith("https://")
    edited = load_scenario("status_quo", dropout=0.35).parameters["dropout"]
    assert edited.status == "A" and edited.source_text() == "assumption"
    assert "0.23" in edited.assumption and default.source in edited.assumption
    same = load_scenario("status_quo", dropout=0.23).parameters["dropout"]
    assert same.status == "V"  # setting the default value changes nothing


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", float("inf")])
def test_infinite_or_missing_numbers_are_refused_clearly(value: object) -> None:
    with pytest.raises(ParameterError, match="expected a number"):
        load_scenario("status_quo", population=value)


def test_a_scenario_file_with_unknown_keys_is_refused_with_a_hint() -> None:
    text = "name: mine\ntitle: Mine\nparameters:\n  uptake: 0.7\n"
    with pytest.raises(ParameterError, match="unknown top-level key\\(s\\) parameters"):
        scenario_from_text(text)
