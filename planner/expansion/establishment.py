"""The funded establishment: the WTE to fund so that the team in post meets the requirement.

The establishment allows for turnover, vacancy and the recruitment lead time.

Recruitment (:func:`planner.expansion.trajectory.simulate_supply`) runs every month: the service
advertises its funded posts that are neither filled nor already offered, a share ``fill`` of the
advertised WTE accepts, and they start ``L`` months later (the recruitment lead time). Staff leave at a
monthly share ``q = 1 − (1 − annual turnover)^(1/12)``. A team holding ``R`` WTE in post loses ``qR`` a
month, so ``qR`` must start every month; at any time ``(L − 1) qR`` WTE are offered but not yet started
and ``qR ÷ fill`` are advertised that month. The funded establishment is therefore::

    F = R × (1 + q × (L − 1 + 1 ÷ fill))

and ``F − R`` is the vacancy that comes with holding ``R`` in post: ``L × qR`` WTE waiting for recruits
to start, plus ``qR × (1 ÷ fill − 1)`` WTE advertised without success. The vacancy rate is ``1 − R ÷ F``.
With a fill rate of 0 no establishment keeps the team; the funded establishment is then the requirement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


def monthly_leaving(turnover: np.ndarray | float) -> np.ndarray:
    """The share of staff leaving each month from an annual turnover rate: 1 − (1 − rate)^(1/12)."""
    return 1.0 - (1.0 - np.asarray(turnover, dtype=float)) ** (1 / 12)


def uplift(turnover: np.ndarray | float, fill: float, lead_months: int) -> np.ndarray:
    """Funded WTE per WTE required in post: 1 + q × (L − 1 + 1 ÷ fill) (1 when fill is 0)."""
    q = monthly_leaving(turnover)
    if fill <= 0:
        return np.ones_like(q)
    return 1.0 + q * (max(lead_months, 1) - 1 + 1.0 / fill)


def funded(required: np.ndarray, turnover: np.ndarray | float, fill: float, lead_months: int) -> np.ndarray:
    """Funded WTE (same shape as ``required``; turnover by band on the last axis)."""
    return np.asarray(required, dtype=float) * uplift(turnover, fill, lead_months)


@dataclass(frozen=True)
class Vacancy:
    """The vacancy that comes with holding the requirement in post.

    Attributes:
        required: WTE required in post.
        funded: funded establishment, WTE.
        in_recruitment: WTE between a leaver going and the recruit starting (lead time).
        unfilled: WTE advertised without success (fill below 1).
        rate: vacancy rate, 1 − required ÷ funded.
    """

    required: float
    funded: float
    in_recruitment: float
    unfilled: float
    rate: float

    def sentence(self, lead_months: int, fill: float) -> str:
        """The vacancy explained in one sentence."""
        if self.funded <= 0:
            return "No WTE is required, so no establishment is funded."
        if fill <= 0:
            return (
                "With a fill rate of 0 no recruit starts, so no funded establishment keeps the team in post; "
                "the establishment shown is the requirement."
            )
        unfilled = (
            f", and {self.unfilled:.2f} WTE advertised but not filled (fill rate {fill:.0%})"
            if self.unfilled > 5e-5
            else " (every advert is filled)"
        )
        return (
            f"Holding {self.required:.2f} WTE in post needs {self.funded:.2f} funded WTE: "
            f"{self.funded - self.required:.2f} WTE ({self.rate:.1%}) is vacant at any time, "
            f"{self.in_recruitment:.2f} WTE waiting for recruits to start ({lead_months}-month lead time)"
            f"{unfilled}."
        )


def vacancy(required: np.ndarray, turnover: np.ndarray, fill: float, lead_months: int) -> Vacancy:
    """The vacancy of an establishment funded for ``required`` (WTE by band, turnover by band)."""
    req = np.asarray(required, dtype=float)
    fund = funded(req, turnover, fill, lead_months)
    leaving = float((monthly_leaving(turnover) * req).sum())
    total_req, total_fund = float(req.sum()), float(fund.sum())
    if fill <= 0:
        return Vacancy(total_req, total_fund, 0.0, 0.0, 0.0)
    in_recruitment = max(lead_months, 1) * leaving
    unfilled = leaving * (1.0 / fill - 1.0)
    rate = 1.0 - total_req / total_fund if total_fund > 0 else 0.0
    return Vacancy(total_req, total_fund, in_recruitment, unfilled, rate)


@dataclass(frozen=True)
class Establishment:
    """Today's requirement in post beside the establishment to fund for it.

    Attributes:
        required_by_band: WTE required in post, by band (every AfC band).
        funded_by_band: WTE to fund, by band.
        vacancy: the vacancy that comes with it, with its parts.
        explanation: one sentence on why funded exceeds required.
    """

    required_by_band: pd.Series
    funded_by_band: pd.Series
    vacancy: Vacancy
    explanation: str


def establishment_now(
    required_by_band: pd.Series, turnover: np.ndarray, fill: float, lead_months: int
) -> Establishment:
    """The funded establishment for a requirement by band (turnover by band in the same order)."""
    req = required_by_band.to_numpy(dtype=float)
    fund = pd.Series(
        funded(req, turnover, fill, lead_months), index=required_by_band.index, name="funded_wte"
    )
    vac = vacancy(req, turnover, fill, lead_months)
    return Establishment(required_by_band, fund, vac, vac.sentence(lead_months, fill))
