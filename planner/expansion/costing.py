"""What the workforce costs year by year: price base, pay awards, part years and NI per person.

Costs start from the Agenda for Change pay points of the pay data's year (``data/pay``; its *price
base*, e.g. 2025/26 prices) and are uplifted for each later financial year by the ``pay_award``
assumption, compounded. For each year of the horizon:

- ``full_year``: the projected in-post team (its average WTE over the months modelled in that year) at
  a full year's employer cost;
- ``in_year``: the same team for the part of the year that lies in the horizon (the first year runs
  from the model date to 31 March, counted in days): what will be spent;
- ``funded``: the funded establishment at a full year's cost: the budget to set.

``total_over_period`` is the sum of ``in_year``.

Employer National Insurance is charged per person: 15% × max(0, pay − £5,000), where a person's pay
is their WTE × the full-time salary. A part-timer therefore pays less NI per WTE than a full-timer. Staff
in post are priced person by person from the roster (per person and band); posts still to fill are
priced as people at the team's median WTE, or at ``ni_wte_per_person`` (1.0) when no team is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.expansion.demand import financial_year, year_end, year_start
from planner.expansion.inputs import ModelInputs
from planner.reference import pay as afc
from planner.vocab import BANDS, format_date


def ni_per_person(salary: float, wte: float, rate: float, threshold: float) -> float:
    """Employer NI for one person a year: rate × max(0, WTE × full-time salary − threshold)."""
    return rate * max(0.0, wte * salary - threshold)


def award_for(year: str, awards: Mapping[str, float]) -> float:
    """The pay award of a financial year: its own, else that of the latest year listed before it, else 0."""
    listed = [y for y in sorted(awards) if y <= year]
    return float(awards[listed[-1]]) if listed else 0.0


def pay_index(years: list[str], pay_year: str | None, awards: Mapping[str, float]) -> dict[str, float]:
    """Pay in each year relative to the pay data's year: the product of the awards of the years between.

    The pay data's year and any earlier year have index 1 (pay is not deflated).
    """
    out: dict[str, float] = {}
    for year in years:
        index = 1.0
        if pay_year is not None:
            start = int(pay_year[:4])
            for y in range(start + 1, int(year[:4]) + 1):
                index *= 1.0 + award_for(f"{y}/{(y + 1) % 100:02d}", awards)
        out[year] = index
    return out


def year_share(year: str, as_of: date) -> float:
    """The share of a financial year that lies on or after ``as_of`` (days, both ends counted)."""
    first, last = year_start(year), year_end(year)
    days = (last - first).days + 1
    start = max(first, as_of)
    return max(0, (last - start).days + 1) / days


def band_rates(
    point: afc.Point,
    pension: afc.Pension,
    people: pd.DataFrame | None,
    typical_wte: float,
    *,
    pay: afc.PayScale | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Employer cost per WTE-year by band (over :data:`BANDS`, 0 where there is no pay point).

    Args:
        point: pay point.
        pension: pension basis.
        people: one row per person and band (columns ``band``, ``wte``), or None.
        typical_wte: the WTE of a person in a post still to fill.
        pay: a pay scale; the committed file when not given.

    Returns:
        ``(in_post, to_fill)``: the rate for staff in post (their own WTE, person by person; at
        ``typical_wte`` for a band with nobody in post) and for posts still to fill (``typical_wte``).
    """
    pay = pay or afc.load_pay()
    table = afc.cost_table(point, pension, pay=pay)
    in_post, to_fill = np.zeros(len(BANDS)), np.zeros(len(BANDS))
    for j, band in enumerate(BANDS):
        if band not in table.index:
            continue
        salary = float(table.loc[band, "salary"])
        base = salary * (1.0 + pay.pension[pension])
        to_fill[j] = base + ni_per_person(salary, typical_wte, pay.ni_rate, pay.ni_threshold) / typical_wte
        in_post[j] = to_fill[j]
        if people is not None:
            wte = people.loc[people["band"] == band, "wte"].to_numpy(dtype=float)
            wte = wte[wte > 0]
            if wte.size:
                ni = sum(ni_per_person(salary, w, pay.ni_rate, pay.ni_threshold) for w in wte)
                in_post[j] = base + ni / wte.sum()
    return in_post, to_fill


@dataclass(frozen=True)
class Costs:
    """Costs by year of the projected team and of the funded establishment.

    Attributes:
        price_base: e.g. ``"2025/26 prices"`` (the pay data's year): the base of the pay tables only.
        basis: how the figures are priced, in words.
        cash_basis: what ``by_year`` and the totals are in, in words: cash, ``"cash prices (2025/26 pay
            uplifted by the pay-award assumption)"``, since each later year carries the pay award.
        pay_award: the pay-award assumption, financial year → rise.
        by_year: one row per year: ``year``, ``share_of_year``, ``pay_index``, ``in_year``,
            ``full_year``, ``funded`` (£).
        total_over_period: the sum of ``in_year``.
        typical_wte: the WTE per person used for posts still to fill.
    """

    price_base: str
    basis: str
    cash_basis: str
    pay_award: Mapping[str, float]
    by_year: pd.DataFrame
    total_over_period: float
    typical_wte: float


def project_costs(
    inputs: ModelInputs,
    years: list[str],
    in_post_mean: np.ndarray,
    funded: np.ndarray,
    as_of: date,
    people: pd.DataFrame | None,
    typical_wte: float,
) -> Costs:
    """Costs by year.

    Args:
        inputs: the model's inputs (pay point, pension basis, pay awards).
        years: the financial years of the horizon.
        in_post_mean: average in-post WTE over the modelled months of each year, (years, bands).
        funded: funded establishment, (years, bands).
        as_of: the model date (the first year counts from it).
        people: the team in post, one row per person and band (``band``, ``wte``), or None.
        typical_wte: WTE per person for posts still to fill.
    """
    pay = afc.load_pay()
    rate_in, rate_fill = band_rates(inputs.pay_point, inputs.pension_basis, people, typical_wte, pay=pay)
    index = pay_index(years, pay.year, inputs.pay_award)
    rows = []
    for y, year in enumerate(years):
        have, fund = in_post_mean[y], funded[y]
        full = float(have @ rate_in) * index[year]
        budget = (
            float(np.minimum(fund, have) @ rate_in + np.maximum(fund - have, 0.0) @ rate_fill) * index[year]
        )
        share = year_share(year, as_of)
        rows.append(
            {
                "year": year,
                "share_of_year": share,
                "pay_index": index[year],
                "in_year": full * share,
                "full_year": full,
                "funded": budget,
            }
        )
    by_year = pd.DataFrame(rows)
    basis = (
        f"Agenda for Change pay at {pay.price_base}, uplifted for each later year by the pay-award "
        f"assumption (cash); {inputs.pay_point} pay point, {inputs.pension_basis} pension; employer NI per "
        f"person (posts to fill at {typical_wte:g} WTE per person)."
    )
    base = pay.year or "the pay data's"
    cash = f"cash prices ({base} pay uplifted by the pay-award assumption)"
    return Costs(
        pay.price_base,
        basis,
        cash,
        dict(inputs.pay_award),
        by_year,
        float(by_year["in_year"].sum()),
        typical_wte,
    )


def price_base_warning(as_of: date, inputs: ModelInputs) -> str | None:
    """A warning when the model date is past the pay data's year (costs then rest on the pay awards)."""
    pay = afc.load_pay()
    if pay.year is None:
        return None
    now = financial_year(as_of)
    if now <= pay.year:
        return None
    awards = ", ".join(f"{y} {r:.1%}" for y, r in inputs.pay_award.items())
    return (
        f"Costs are at {pay.price_base}: the pay data is for {pay.year} and the model date "
        f"{format_date(as_of)} is in {now}. Each later year is uplifted by the pay-award assumption "
        f"({awards}); replace the pay data when the {now} award is settled."
    )
