"""The demand funnel: eligible population → referrals → starts → completions, year by year.

``eligible`` is entered (``eligible_population``) or derived as population × prevalence × eligible
share, growing by ``eligible_growth`` a year. ``referrals`` = eligible × referral rate, where the rate
moves in a straight line from today's (36.9%, QOF 2021/22) to the target year's. ``starts`` =
referrals × uptake; ``completions`` = starts × (1 − drop-out) (mean drop-out 23%, regional PR audit).

Financial-year helpers live here too: NHS years run 1 April to 31 March and are written ``2025/26``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.expansion.inputs import ModelInputs


def financial_year(day: date) -> str:
    """The NHS financial year containing ``day``: 1 April 2025 – 31 March 2026 is ``"2025/26"``."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def year_start(label: str) -> date:
    """1 April of a financial year label (``"2028/29"`` → 1 April 2028)."""
    return date(int(label[:4]), 4, 1)


def year_end(label: str) -> date:
    """31 March closing a financial year label (``"2028/29"`` → 31 March 2029)."""
    return date(int(label[:4]) + 1, 3, 31)


def years_between(as_of: date, target_year: str) -> list[str]:
    """Financial years from the one containing ``as_of`` to ``target_year``, inclusive.

    Raises:
        ValueError: the target year ends before ``as_of``.
    """
    first = int(financial_year(as_of)[:4])
    last = int(target_year[:4])
    if last < first:
        raise ValueError(
            f"Target year {target_year} is before the model date's year {financial_year(as_of)}; "
            "choose a later target year."
        )
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(first, last + 1)]


def eligible_population(inputs: ModelInputs, year_index: int = 0) -> float:
    """People eligible for PR in a year (entered, or population × prevalence × eligible share)."""
    base = inputs.eligible_population
    if base is None:
        base = inputs.population * inputs.prevalence * inputs.eligible_share
    return base * (1 + inputs.eligible_growth) ** year_index


def referral_rates(inputs: ModelInputs, n_years: int) -> np.ndarray:
    """Referral rate for each of ``n_years`` years: today's rate to the target rate in a straight line."""
    if n_years <= 1:
        return np.array([inputs.referral_rate])[:n_years]
    return np.linspace(inputs.referral_rate, inputs.referral_rate_target, n_years)


@dataclass(frozen=True)
class Funnel:
    """One year of the funnel (people per year)."""

    eligible: float
    referral_rate: float
    referrals: float
    starts: float
    completions: float


def funnel(inputs: ModelInputs, *, referral_rate: float | None = None, year_index: int = 0) -> Funnel:
    """The funnel for one year.

    Args:
        inputs: the model's inputs.
        referral_rate: overrides ``inputs.referral_rate`` (the trajectory passes each year's rate).
        year_index: years after the current one (for eligible-population growth).
    """
    eligible = eligible_population(inputs, year_index)
    rate = inputs.referral_rate if referral_rate is None else referral_rate
    referrals = eligible * rate
    starts = referrals * inputs.uptake
    return Funnel(eligible, rate, referrals, starts, starts * (1 - inputs.dropout))


def funnel_by_year(inputs: ModelInputs, years: list[str]) -> pd.DataFrame:
    """The funnel for each financial year in ``years`` (one row per year)."""
    rates = referral_rates(inputs, len(years))
    rows = []
    for i, (year, rate) in enumerate(zip(years, rates, strict=True)):
        f = funnel(inputs, referral_rate=float(rate), year_index=i)
        rows.append(
            {
                "year": year,
                "eligible": f.eligible,
                "referral_rate": f.referral_rate,
                "referrals": f.referrals,
                "starts": f.starts,
                "completions": f.completions,
            }
        )
    return pd.DataFrame(rows)
