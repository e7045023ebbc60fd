"""The Region view-model and its ranking chart, on the six-service sample region with a population each."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from planner import samples
from planner.charts.region import ranking_chart
from planner.expansion.region import model_region
from planner.expansion.scenario import load_scenario
from planner.export.suppress import SYMBOL
from planner.views import region as rv
from planner.views.session import read_team

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def region() -> tuple[rv.RegionView, pd.DataFrame]:
    data, name = samples.sample_region_bytes()
    staff = read_team(data, name).staff
    services = rv.roster_services(staff)
    table = pd.DataFrame(
        {
            "service": services,
            "population": [150_000 + 50_000 * i for i in range(len(services))],
            "eligible_population": [None] * len(services),
            "sheet": "Services",
            "row": range(2, 2 + len(services)),
        }
    )
    result = model_region(staff, None, table, load_scenario(None), as_of=date(2026, 4, 1), runs=0)
    return rv.region_view(result, staff), staff


def test_services_side_by_side_with_a_region_row_that_adds_up(
    region: tuple[rv.RegionView, pd.DataFrame],
) -> None:
    view, staff = region
    t = view.table
    assert t[rv.SERVICE].tolist()[:-1] == rv.roster_services(staff)
    assert t[rv.SERVICE].iloc[-1] == rv.REGION
    body, total = t.iloc[:-1], t.iloc[-1]
    for col in (rv.REQUIRED, rv.PEOPLE, rv.IN_POST, rv.GAP, rv.SHORTFALL, rv.REQUIRED_COST, rv.IN_POST_COST):
        assert total[col] == pytest.approx(body[col].sum()), col
    assert total[rv.PEOPLE] == staff["staff_id"].nunique()
    assert total[rv.IN_POST] == pytest.approx(pd.to_numeric(staff["wte"]).sum())
    assert body[rv.GAP].tolist() == pytest.approx((body[rv.REQUIRED] - body[rv.IN_POST]).tolist())
    # each service's requirement follows its own population: more people, more WTE
    assert body[rv.REQUIRED].is_monotonic_increasing
    assert set(body[rv.VERDICT]) <= {"reached and held", "reached, then slips", "not reached"}
    assert total[rv.VERDICT].endswith(f"of {len(body)} services reach and hold it")


def test_the_ranking_puts_the_largest_shortfall_first(region: tuple[rv.RegionView, pd.DataFrame]) -> None:
    view, _ = region
    r = view.ranking
    assert r["Rank"].tolist() == list(range(1, len(r) + 1))
    assert r[rv.SHORTFALL].is_monotonic_decreasing
    assert r[rv.SHORTFALL].iloc[0] == pytest.approx(view.table.iloc[:-1][rv.SHORTFALL].max())
    assert "Ranked by shortfall WTE" in view.ranked_by and "our interpretation" in view.ranked_by.lower()
    assert r[rv.SERVICE].iloc[0] in view.headline


@pytest.mark.parametrize("threshold", [5, 7, 10])
def test_the_suppressed_table_hides_small_services_and_keeps_true_totals(
    region: tuple[rv.RegionView, pd.DataFrame], threshold: int
) -> None:
    view, _ = region
    shown = rv.suppressed_table(view, threshold)
    people = view.table[rv.PEOPLE]
    small = people.between(1, threshold)
    for i in people.index[small]:
        assert shown.loc[i, [rv.PEOPLE, *rv.IN_POST_COLUMNS]].tolist() == [SYMBOL] * 5
    assert not any(isinstance(v, int) and 1 <= v <= threshold for v in shown[rv.PEOPLE])
    hidden = shown[rv.PEOPLE].eq(SYMBOL)
    assert hidden.sum() != 1  # one hidden service alone could be read back from the Region total
    # modelled figures stay, and shown totals are the true totals
    assert shown[rv.REQUIRED].tolist() == view.table[rv.REQUIRED].round(2).tolist()
    if shown[rv.PEOPLE].iloc[-1] != SYMBOL:
        assert shown[rv.PEOPLE].iloc[-1] == people.iloc[:-1].sum()


def test_at_ten_the_nine_person_service_and_one_more_are_hidden(
    region: tuple[rv.RegionView, pd.DataFrame],
) -> None:
    view, _ = region
    shown = rv.suppressed_table(view, 10).set_index(rv.SERVICE)
    people = view.table.set_index(rv.SERVICE)[rv.PEOPLE]
    nine = people[people == 9].index.tolist()
    assert len(nine) == 1
    assert shown.loc[nine[0], rv.PEOPLE] == SYMBOL
    second = people.drop([nine[0], rv.REGION]).idxmin()
    assert shown.loc[second, rv.GAP] == SYMBOL
    assert (shown[rv.PEOPLE] == SYMBOL).sum() == 2
    ranking = rv.suppressed_ranking(view, 10).set_index(rv.SERVICE)
    assert ranking.loc[nine[0], rv.SHORTFALL] == SYMBOL
    assert ranking.loc[people.drop([nine[0], second, rv.REGION]).index[0], rv.SHORTFALL] != SYMBOL


def test_the_ranking_chart_draws_no_hidden_figure(region: tuple[rv.RegionView, pd.DataFrame]) -> None:
    view, _ = region
    ranking = rv.suppressed_ranking(view, 10)
    fig = ranking_chart(ranking[rv.SERVICE], ranking[rv.SHORTFALL])
    bar = fig.data[0]
    assert list(bar.y) == ranking[rv.SERVICE].tolist()
    hidden = [i for i, v in enumerate(ranking[rv.SHORTFALL]) if v == SYMBOL]
    assert hidden and all(
        bar.x[i] == 0.0 and bar.text[i] == f"{SYMBOL} not ranked: small numbers" for i in hidden
    )
    assert hidden == list(range(len(ranking) - len(hidden), len(ranking)))  # after every ranked service
    assert (ranking["Rank"].iloc[hidden] == rv.NOT_RANKED).all()
    shown = [i for i in range(len(bar.y)) if i not in hidden]
    assert [bar.x[i] for i in shown] == [float(ranking[rv.SHORTFALL].iloc[i]) for i in shown]
    assert fig.layout.template.layout.font is not None and fig.layout.title.text.startswith(
        "Where investment"
    )


def test_one_service_is_not_a_region() -> None:
    staff = pd.DataFrame({"service": ["A", "A", None], "staff_id": ["1", "2", "3"]})
    assert rv.roster_services(staff) == ["A"] and not rv.is_region(staff)
    assert rv.is_region(pd.DataFrame({"service": ["A", "B"], "staff_id": ["1", "2"]}))


def test_the_drill_down_cuts_staff_and_records_to_one_service() -> None:
    data, name = samples.sample_region_bytes()
    read = read_team(data, name)
    cut = rv.service_roster(read, "Hillcrest PR")
    assert set(cut.staff["service"]) == {"Hillcrest PR"}
    assert len(cut.staff) == int((read.staff["service"] == "Hillcrest PR").sum())
    assert set(cut.competencies["staff_id"]) <= set(cut.staff["staff_id"])
    assert (
        len(cut.competencies) == int(read.competencies["staff_id"].isin(set(cut.staff["staff_id"])).sum()) > 0
    )
    assert rv.service_roster(read, None) is read
    assert rv.service_roster(read, "No such service") is read


def test_the_trajectory_chart_leaves_out_a_hidden_in_post_line() -> None:
    from planner.charts.region import trajectory_chart

    years = ["2026/27", "2027/28"]
    shown = trajectory_chart(years, [10.0, 11.0], [10.5, 11.5], [9.0, 8.5])
    assert [t.name for t in shown.data] == ["Required", "Funded establishment", "In post"]
    assert list(shown.data[2].y) == [9.0, 8.5]
    hidden = trajectory_chart(years, [10.0, 11.0], [10.5, 11.5], [SYMBOL, SYMBOL])
    assert [t.name for t in hidden.data] == ["Required", "Funded establishment"]
