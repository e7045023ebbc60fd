"""What the Region page shows for a roster of several services, prepared once for the page, the pack and the CLI.

:func:`region_view` takes the engine's :class:`~planner.expansion.region.RegionResult` (every service
modelled against its own population), reads its one table of the services side by side
(:func:`planner.expansion.region.services_frame`, which the CLI prints too) and the roster's staff (for
the count of people in post), and gives:

* ``table``: the services side by side, then a Region row of totals: required against in-post WTE, funded
  establishment, gap and shortfall, the waiting verdict in words, the chance of meeting the
  waiting-time target in the final year, required and in-post cost;
* ``ranking``: the services in the order investment does most, **ranked by shortfall WTE** (the sum of
  each band's shortfall: the WTE a service must recruit, which a surplus band cannot hide), then by the
  lower chance of meeting the waiting-time target;
* :func:`suppressed_table`: the same table with small numbers hidden (:mod:`planner.export.suppress`),
  which every download, the regional pack and ``--suppress`` on the CLI use.

Which figures are drawn from staff records: people in post, in-post WTE and in-post cost, and the gap
and shortfall (required − in post). Requirements, funded establishment (set from the requirement),
demand, waits and required cost are modelled and never hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from planner.expansion.projection import targets
from planner.expansion.region import RegionResult, services_frame
from planner.expansion.waiting import VERDICT_WORDS
from planner.export.suppress import DEFAULT_THRESHOLD, SYMBOL, rule_words, suppress_rows
from planner.ingest.read import RosterRead

__all__ = [
    "IN_POST_COLUMNS",
    "NOT_RANKED",
    "RANKED_BY",
    "REGION",
    "RegionView",
    "is_region",
    "region_view",
    "roster_services",
    "service_roster",
    "suppressed_headline",
    "suppressed_ranking",
    "suppressed_table",
]

#: The label of the totals row.
REGION = "Region"
SERVICE = "Service"
PEOPLE = "People in post"
REQUIRED = "Required WTE"
IN_POST = "In-post WTE"
FUNDED = "Funded establishment WTE"
GAP = "Gap WTE (required − in post)"
SHORTFALL = "Shortfall WTE (sum of band shortfalls)"
VERDICT = "Waiting-time target"
CHANCE = "Chance of meeting the waiting-time target, final year"
REQUIRED_COST = "Required cost (£ a year)"
IN_POST_COST = "In-post cost (£ a year)"
POPULATION = "Population"
#: Columns drawn from staff records: hidden with a small count of people in post.
IN_POST_COLUMNS = (IN_POST, GAP, SHORTFALL, IN_POST_COST)
#: What the ranking is by, in words (shown under the chart and in the pack).
RANKED_BY = (
    "Ranked by shortfall WTE, the sum of each band's shortfall (the staff a service must recruit; a surplus "
    "in one band does not hide a shortfall in another), then by the lower chance of meeting the "
    "waiting-time target. Our interpretation of 'where investment does most'."
)


def roster_services(staff: pd.DataFrame) -> list[str]:
    """The services a roster names, in order of first appearance (blank service cells left out)."""
    if "service" not in staff.columns or staff.empty:
        return []
    names = staff["service"].dropna().astype(str).str.strip()
    return list(dict.fromkeys(n for n in names if n))


def is_region(staff: pd.DataFrame) -> bool:
    """Whether a roster has several services (the Region page and the regional pack are for these)."""
    return len(roster_services(staff)) > 1


@dataclass(frozen=True)
class RegionView:
    """The Region screen: the side-by-side table with its totals row, the ranking and the words."""

    table: pd.DataFrame
    ranking: pd.DataFrame
    headline: str
    ranked_by: str
    target: str
    services: list[str]


def _people(staff: pd.DataFrame, service: str) -> int:
    own = staff[staff["service"].astype(str).str.strip() == service]
    if "staff_id" in own.columns:
        return int(own["staff_id"].astype(str).nunique())
    return len(own)


def region_view(result: RegionResult, staff: pd.DataFrame) -> RegionView:
    """The services side by side with a Region totals row, and the ranking of where investment does most.

    Args:
        result: :func:`planner.expansion.region.model_region`'s result.
        staff: the roster's staff (``service`` and ``staff_id``), for the count of people in post.
    """
    frame = services_frame(result)  # the engine's one table of the services side by side
    body = pd.DataFrame(
        {
            SERVICE: frame["service"],
            POPULATION: frame["population"],
            REQUIRED: frame["required_wte"],
            PEOPLE: [_people(staff, str(s)) for s in frame["service"]],
            IN_POST: frame["in_post_wte"],
            FUNDED: frame["funded_wte"],
            GAP: frame["gap_wte"],
            SHORTFALL: frame["shortfall_wte"],
            VERDICT: [VERDICT_WORDS[str(v)] for v in frame["verdict"]],
            CHANCE: frame["chance_of_target"],
            REQUIRED_COST: frame["annual_cost"],
            IN_POST_COST: frame["in_post_cost"],
        }
    )
    rows = body.to_dict("records")
    t = result.region
    met = int(sum(1 for s in result.services if s.meets_target))
    total = {
        SERVICE: REGION,
        POPULATION: int(body[POPULATION].sum()),
        REQUIRED: t.required_wte,
        PEOPLE: int(body[PEOPLE].sum()),
        IN_POST: t.in_post_wte,
        FUNDED: t.funded_wte,
        GAP: float(body[GAP].sum()),
        SHORTFALL: float(body[SHORTFALL].sum()),
        VERDICT: f"{met} of {len(rows)} services reach and hold it",
        CHANCE: float("nan"),
        REQUIRED_COST: t.annual_cost,
        IN_POST_COST: float(body[IN_POST_COST].sum()),
    }
    table = pd.concat([body, pd.DataFrame([total])], ignore_index=True)
    ranking = body.sort_values([SHORTFALL, CHANCE], ascending=[False, True], kind="stable")
    ranking = ranking[[SERVICE, SHORTFALL, CHANCE, VERDICT]].reset_index(drop=True)
    ranking.insert(0, "Rank", range(1, len(ranking) + 1))
    target = targets(result.services[0].projection.inputs).wait if result.services else ""
    headline = _headline(table, ranking, target, f"{t.in_post_wte:,.1f}")
    return RegionView(table, ranking, headline, RANKED_BY, target, [r[SERVICE] for r in rows])


def _headline(table: pd.DataFrame, ranking: pd.DataFrame, target: str, in_post: str) -> str:
    region = table.iloc[-1]
    n = len(table) - 1
    met = region[VERDICT].split(" of ")[0]
    words = (
        f"{n} services need {region[REQUIRED]:,.1f} WTE between them against {in_post} WTE in post; "
        f"{met} of {n} reach and hold the waiting-time target ({target})."
    )
    if len(ranking) and ranking[SHORTFALL].iloc[0] > 0:
        words += f" Investment does most at {ranking[SERVICE].iloc[0]} first (ranked by shortfall WTE)."
    return words


def suppressed_headline(view: RegionView, threshold: int = DEFAULT_THRESHOLD) -> str:
    """The headline with the region's in-post WTE hidden when the whole region is a handful of people."""
    table = suppressed_table(view, threshold)
    in_post = SYMBOL if table[IN_POST].iloc[-1] == SYMBOL else f"{float(view.table[IN_POST].iloc[-1]):,.1f}"
    hidden = set(table[table[PEOPLE] == SYMBOL][SERVICE])
    return _headline(view.table, view.ranking[~view.ranking[SERVICE].isin(hidden)], view.target, in_post)


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for col in (REQUIRED, IN_POST, FUNDED, GAP, SHORTFALL):
        out[col] = out[col].round(2)
    for col in (REQUIRED_COST, IN_POST_COST):
        out[col] = out[col].round(0)
    return out


def percent(value: object) -> str:
    """A chance as people read it ("85%"); blank where there is none (the Region row)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return f"{float(value):.0%}"


def suppressed_table(view: RegionView, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """The side-by-side table with small numbers hidden: the table every export of the region uses.

    People in post from 1 to ``threshold`` are shown as ``*`` with their in-post WTE, gap, shortfall and
    in-post cost; a second service is hidden where the Region total would give a hidden one back.
    Modelled columns (required, funded, waits, required cost) stay. Blank chance on the totals row.
    """
    shown = suppress_rows(
        _rounded(view.table),
        count=PEOPLE,
        linked=IN_POST_COLUMNS,
        total_label=REGION,
        label_column=SERVICE,
        threshold=threshold,
    )
    shown[CHANCE] = [percent(v) for v in shown[CHANCE]]
    return shown


#: The rank of a service whose figures are hidden: its place would narrow them, so it has none.
NOT_RANKED = "not ranked: small numbers"


def suppressed_ranking(view: RegionView, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """The ranking of the services whose figures are shown, then the hidden ones, unranked.

    A hidden service ranked between two shown ones would pin its shortfall between theirs, so the
    services :func:`suppressed_table` hides come after the ranked ones, in name order, with the rank
    :data:`NOT_RANKED` and their shortfall hidden.
    """
    hidden = suppressed_table(view, threshold).set_index(SERVICE)[SHORTFALL] == SYMBOL
    out = view.ranking.copy().astype(object)
    out[CHANCE] = [percent(v) for v in out[CHANCE]]
    out[SHORTFALL] = [
        SYMBOL if hidden[s] else round(float(v), 2) for s, v in zip(out[SERVICE], out[SHORTFALL], strict=True)
    ]
    is_hidden = out[SERVICE].map(hidden).astype(bool)
    ranked = out[~is_hidden].copy()
    ranked["Rank"] = list(range(1, len(ranked) + 1))
    unranked = out[is_hidden].sort_values(SERVICE).copy()
    unranked["Rank"] = NOT_RANKED
    return pd.concat([ranked, unranked], ignore_index=True)


def suppression_note(threshold: int = DEFAULT_THRESHOLD) -> str:
    """The note under every suppressed table."""
    return rule_words(threshold)


def service_roster(read: RosterRead, service: str | None) -> RosterRead:
    """The roster cut to one service's staff and their competency records (the drill-down), or as it is.

    ``service`` None, or a service the roster does not have, gives the whole roster back unchanged.
    """
    if service is None or service not in roster_services(read.staff):
        return read
    keep = read.staff["service"].astype(str).str.strip() == service
    staff = read.staff.loc[keep].reset_index(drop=True)
    records = read.competencies
    if "staff_id" in records.columns:
        records = records[records["staff_id"].isin(set(staff["staff_id"]))].reset_index(drop=True)
    return replace(read, staff=staff, competencies=records)


def service_choices(view: RegionView) -> Sequence[str]:
    """The services a user can open the other pages on, in the table's order."""
    return list(view.services)
